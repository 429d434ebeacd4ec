"""``path("ws-docs/", include("channels_spectacular.urls"))``: the docs page and the spec."""

from django.urls import path

from .assets import asset_view
from .views import AsyncAPIDocView, AsyncAPISpecView

app_name = "channels_spectacular"

urlpatterns = [
    path("", AsyncAPIDocView.as_view(), name="docs"),
    path("asyncapi.yaml", AsyncAPISpecView.as_view(), name="schema"),
    path("asyncapi.json", AsyncAPISpecView.as_view(default_format="json"), name="schema-json"),
    # The page's own files, used when django.contrib.staticfiles is not installed.
    path("assets/<str:name>", asset_view, name="asset"),
]
