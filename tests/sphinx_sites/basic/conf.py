"""Test-only Sphinx project: small consumers, a spec file, an injection attempt."""

project = "Sphinx test site"
extensions = ["channels_spectacular.sphinx"]
channels_spectacular_django_settings = "sphinxsite_settings"
channels_spectacular_pythonpath = ["."]
channels_spectacular_viewer_config = {"show": {"sidebar": False}}
# YAML download copies here (the example project keeps the JSON default): both formats
# go through real builds.
channels_spectacular_download = "yaml"
html_theme = "basic"
exclude_patterns = ["_build"]
