"""DRF serializers used as payloads."""

from rest_framework import serializers

from .models import PaymentMethod, Ride


class RideRequestSerializer(serializers.Serializer):
    """Where to pick the rider up and how they pay."""

    pickup_lat = serializers.FloatField(min_value=-90, max_value=90, help_text="Latitude.")
    pickup_lng = serializers.FloatField(min_value=-180, max_value=180, help_text="Longitude.")
    fare = serializers.DecimalField(max_digits=8, decimal_places=2, help_text="Offered fare.")
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class RideSerializer(serializers.ModelSerializer):
    """A ride as the server reports it."""

    class Meta:
        model = Ride
        fields = ["id", "pickup_lat", "pickup_lng", "fare", "payment_method", "status", "created"]
        read_only_fields = ["id", "status", "created"]
