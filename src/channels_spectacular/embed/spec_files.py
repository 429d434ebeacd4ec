"""Reading a docs embed's ``spec:`` file: only regular files under allowed folders, capped.

A docs build publishes what it reads, so a page must not be able to pull in
``/etc/passwd``, ``../../secrets.yaml`` or a symlink out of the tree, nor hang on a FIFO
or eat memory on ``/dev/zero``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

__all__ = ["MAX_SPEC_BYTES", "SpecFileError", "read_spec_file"]

# Far above any real AsyncAPI document; a bigger file is a mistake or an attack.
MAX_SPEC_BYTES = 20 * 1024 * 1024


class SpecFileError(ValueError):
    """A ``spec:`` file that may not or cannot be read; the message says why."""


def read_spec_file(
    value: str, path: Path, roots: Iterable[Path], limit: int = MAX_SPEC_BYTES
) -> bytes:
    """The bytes of ``path`` (``value`` as written), if it is a regular file under a root.

    No ``roots`` at all: any location (a direct call naming its own file).
    """
    real = path.resolve()
    allowed = [root.resolve() for root in roots]
    if allowed and not any(real.is_relative_to(root) for root in allowed):
        folders = ", ".join(repr(str(root)) for root in allowed) or "(none)"
        raise SpecFileError(
            f"spec file {value!r} resolves to {str(real)!r}, outside the folders spec files "
            f"may come from ({folders}); move it into the docs source, or add its folder to "
            "the allowed spec folders (Sphinx: channels_spectacular_spec_roots, "
            "MkDocs: spec_roots)."
        )
    try:
        info = os.stat(real)
    except OSError as exc:
        raise SpecFileError(f"cannot read spec file {str(path)!r}: {exc.strerror}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise SpecFileError(f"spec file {str(path)!r} is not a regular file.")
    if info.st_size > limit:
        raise SpecFileError(
            f"spec file {str(path)!r} is {info.st_size} bytes, more than the {limit} allowed."
        )
    # O_NONBLOCK: a file swapped for a FIFO after the check cannot hang the build.
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SpecFileError(f"spec file {str(path)!r} is more than the {limit} bytes allowed.")
    return data
