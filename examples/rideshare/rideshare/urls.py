"""HTTP routes: the admin and the WebSocket API docs."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ws-docs/", include("channels_spectacular.urls")),
]
