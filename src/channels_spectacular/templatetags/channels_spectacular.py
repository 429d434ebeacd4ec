"""``{% load channels_spectacular %}``: ``{% cs_asset 'channels_spectacular/x.js' %}``."""

from django import template

from ..assets import asset_url

register = template.Library()


@register.simple_tag
def cs_asset(path: str) -> str:
    """The URL of a page file: staticfiles when installed, else this app's own asset route."""
    return asset_url(path)
