"""Django app config: reload settings on ``setting_changed`` and register the checks."""

from django.apps import AppConfig


class ChannelsSpectacularConfig(AppConfig):
    """``channels_spectacular`` in INSTALLED_APPS."""

    name = "channels_spectacular"
    verbose_name = "channels-spectacular"

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from . import checks  # noqa: F401  (registers the system checks)
        from .settings import reload_settings

        setting_changed.connect(reload_settings, dispatch_uid="channels_spectacular.settings")
