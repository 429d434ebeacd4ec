"""WebSocket routes."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/debates/<int:debate_id>/", consumers.DebateConsumer.as_asgi()),
    path("ws/chat/<str:room>/", consumers.ChatConsumer.as_asgi()),
    path("ws/notifications/", consumers.NotificationsConsumer.as_asgi()),
    path("ws/live/", consumers.LiveConsumer.as_asgi()),
]
