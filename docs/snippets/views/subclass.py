from channels_spectacular.views import AsyncAPIDocView


class TeamDocsView(AsyncAPIDocView):
    template_name = "myapp/ws_docs.html"
    title = "Rideshare WebSocket API"
    viewer_config = {
        "show": {"sidebar": False},
        "expand": {"messageExamples": True},
    }
