CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Rideshare WebSocket API",
    "VERSION": "2.0.0",
    "INFO": {"license": {"name": "BSD-3-Clause"}},
    "SERVERS": {
        "production": {"host": "example.com", "protocol": "wss"},
    },
    "DISABLE_WARNINGS": ["component-name-collision"],
}
