"""A ride, stored in SQLite."""

from django.db import models


class PaymentMethod(models.TextChoices):
    """How the rider pays."""

    CASH = "cash", "Cash"
    CARD = "card", "Card"
    WALLET = "wallet", "Wallet"


class Ride(models.Model):
    """A ride from request to drop-off."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACCEPTED = "accepted", "Accepted"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"

    pickup_lat = models.FloatField()
    pickup_lng = models.FloatField()
    fare = models.DecimalField(max_digits=8, decimal_places=2)
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    driver_id = models.CharField(max_length=40, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
