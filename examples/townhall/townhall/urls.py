"""HTTP routes: the WebSocket API docs at /ws-docs/ (every routed consumer)."""

from django.urls import include, path

urlpatterns = [path("ws-docs/", include("channels_spectacular.urls"))]
