"""The front door of docs embeds: what the Sphinx and MkDocs adapters may import.

``resolve.py`` turns one embed's options into spec, viewer HTML, download copy, sources and
problems; ``options.py`` parses the options; ``project.py`` sets the Django project up and
finds the files to watch; ``summary.py`` reads a spec into plain data (summary, search
outline, filter). The adapters import this package only (plus ``viewer`` for assets).
"""

from __future__ import annotations

from . import resolve, summary
from .options import site_download_format
from .resolve import *  # noqa: F403
from .summary import *  # noqa: F403

__all__ = ["site_download_format"]
__all__ += resolve.__all__
__all__ += summary.__all__
