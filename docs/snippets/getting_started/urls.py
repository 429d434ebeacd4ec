from django.urls import include, path

urlpatterns = [
    # /ws-docs/, /ws-docs/asyncapi.yaml, /ws-docs/asyncapi.json
    path("ws-docs/", include("channels_spectacular.urls")),
]
