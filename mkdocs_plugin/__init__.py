"""MkDocs plugin ``channels-spectacular`` (module ``channels_spectacular.mkdocs``).

```yaml
plugins:
  - channels-spectacular:
      django_settings: myproject.settings
```

Then a fenced ```` ```asyncapi ```` block in any page embeds the AsyncAPI viewer.
"""

from .plugin import ChannelsSpectacularPlugin

__all__ = ["ChannelsSpectacularPlugin"]
