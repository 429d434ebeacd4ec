CHANNELS_SPECTACULAR_SETTINGS = {
    "SERVE_PUBLIC": False,
    # All must pass; callables or dotted paths, taking the request.
    "SERVE_PERMISSIONS": [
        "channels_spectacular.permissions.is_authenticated"
    ],
}
