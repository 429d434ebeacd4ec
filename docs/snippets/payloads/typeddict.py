from typing import NotRequired, Required, TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


# --8<-- [start:example]
class Search(TypedDict, total=False):
    query: Required[str]  # required although total=False
    limit: int


class Filter(TypedDict):
    field: str
    value: str
    negate: NotRequired[bool]  # optional although total=True


class SearchRequest(Search):
    filters: list[Filter]


class SearchConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Search", payload=SearchRequest)
    async def handle_search(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    SearchConsumer, channel_path="/ws/search/"
)
