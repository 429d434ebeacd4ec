import { CancelRideMessage } from './models/CancelRideMessage';
import { PongMessage } from './models/PongMessage';
import { RequestRideMessage } from './models/RequestRideMessage';
import { RideRequestedMessage } from './models/RideRequestedMessage';
import { RideStatusMessage } from './models/RideStatusMessage';

// What a rider may send, and what the server may send back, on /ws/rides/{ride_id}/.
type RiderAction = RequestRideMessage | CancelRideMessage;
type RiderEvent = RideRequestedMessage | RideStatusMessage | PongMessage;

export class RiderConnection {
  private readonly socket: WebSocket;

  constructor(server: string, rideId: number, onEvent: (event: RiderEvent) => void) {
    this.socket = new WebSocket(`${server}/ws/rides/${rideId}/`);
    this.socket.addEventListener('message', (frame: MessageEvent<string>) => {
      onEvent(JSON.parse(frame.data) as RiderEvent);
    });
  }

  send(action: RiderAction): void {
    this.socket.send(JSON.stringify(action));
  }
}

const rider = new RiderConnection('ws://localhost:8000', 42, (event) => {
  switch (event.type) { // the discriminator narrows the type
    case 'ride.requested':
      console.log(`Ride ${event.id} requested: ${event.fare}, ${event.status}`);
      break;
    case 'ride.status':
      console.log(`Ride ${event.ride_id} is ${event.status}`);
      break;
    case 'pong':
      break;
  }
});

rider.send({
  action: 'request_ride',
  pickup_lat: 6.5244,
  pickup_lng: 3.3792,
  fare: '1500.00',
  payment_method: 'cash', // 'bitcoin' would not compile
});
