"""Sphinx configuration of the rideshare example docs: the AsyncAPI directive with furo."""

project = "Rideshare WebSocket API"
author = "Rideshare platform team"
copyright = "2026, Rideshare platform team"
version = release = "1.0.0"

extensions = ["channels_spectacular.sphinx"]

# The Django project whose consumers are documented; paths are relative to this folder.
channels_spectacular_django_settings = "rideshare.settings"
channels_spectacular_pythonpath = ["../rideshare"]
# "bundled" (default) serves the pinned viewer from _static: the site works offline.
channels_spectacular_viewer = "bundled"
# Site-wide viewer defaults (the viewer's own keys); each :config: deep-merges over them.
channels_spectacular_viewer_config = {
    "show": {"sidebar": True},
    "expand": {"messageExamples": True},
}

html_theme = "furo"
html_title = "Rideshare WebSocket API"
exclude_patterns = ["_build"]
