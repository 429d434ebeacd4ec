"""Test-only Sphinx project: small consumers, a spec file, an injection attempt."""

project = "Sphinx test site"
extensions = ["channels_spectacular.sphinx"]
channels_spectacular_django_settings = "sphinxsite_settings"
channels_spectacular_pythonpath = ["."]
channels_spectacular_viewer_config = {"show": {"sidebar": False}}
html_theme = "basic"
exclude_patterns = ["_build"]
