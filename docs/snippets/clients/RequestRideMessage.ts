import {RequestRidePaymentMethod} from './RequestRidePaymentMethod';
interface RequestRideMessage {
  'action': 'request_ride';
  'pickup_lat': number;
  'pickup_lng': number;
  'fare': string;
  'payment_method': RequestRidePaymentMethod;
  'note'?: string;
  'additionalProperties'?: { [name: string]: any };
}
export { RequestRideMessage };