project = "Rideshare API"
extensions = ["channels_spectacular.sphinx"]

# The Django project to document; paths are relative to this folder.
channels_spectacular_django_settings = "rideshare.settings"
channels_spectacular_pythonpath = ["../rideshare"]

# "bundled" (default, offline), "cdn", or a URL prefix.
channels_spectacular_viewer = "bundled"
# Viewer options for every directive (each :config: adds to them).
channels_spectacular_viewer_config = {
    "expand": {"messageExamples": True}
}

html_theme = "furo"
