"""A djangochannelsrestframework consumer: model mixins, an observer and an ``@action``."""

from djangochannelsrestframework.decorators import action
from djangochannelsrestframework.generics import GenericAsyncAPIConsumer
from djangochannelsrestframework.mixins import (
    CreateModelMixin,
    DeleteModelMixin,
    ListModelMixin,
    PatchModelMixin,
    UpdateModelMixin,
)
from djangochannelsrestframework.observer.generics import ObserverModelInstanceMixin
from rideshare.models import Ride
from rideshare.serializers import RideSerializer

_ACTIONS = [
    "list",
    "retrieve",
    "create",
    "update",
    "patch",
    "delete",
    "subscribe_instance",
    "unsubscribe_instance",
    "estimate",
]

EXPECTED = {
    "RideAPIConsumer": {
        *(("receive", a) for a in _ACTIONS),
        *(("send", a) for a in _ACTIONS),
    },
}


class RideAPIConsumer(
    ListModelMixin,
    ObserverModelInstanceMixin,
    CreateModelMixin,
    UpdateModelMixin,
    PatchModelMixin,
    DeleteModelMixin,
    GenericAsyncAPIConsumer,
):
    """Rides over djangochannelsrestframework."""

    queryset = Ride.objects.all()
    serializer_class = RideSerializer

    @action()
    async def estimate(self, distance_km: float, surge: bool = False, **kwargs):
        return {"fare": 12.5, "currency": "EUR"}, 200
