CHANNELS_SPECTACULAR_SETTINGS = {
    "VIEWER": {
        # "bundled" (the default), "cdn", or your own URL prefix:
        "ASSETS": "cdn",
        # The viewer's own options, merged over the defaults:
        "CONFIG": {
            "show": {"servers": False},
            "sidebar": {"showOperations": "bySpecTags"},
        },
    },
}
