"""Writing a file so that a reader sees the old content or the new, never half of it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _file_mode() -> int:
    """The mode a plain ``open()`` would give (mkstemp's 0600 is too private for a dataset)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_MODE = _file_mode()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def swap_folder(new: Path, final: Path, prev: Path) -> None:
    """Put the folder ``new`` in place of ``final`` by two renames; the previous folder waits at ``prev``
    and is removed only once the new one is there (where the system cannot exchange two folders in one
    step, a crash in between leaves it at ``prev``, nothing lost)."""
    if prev.exists():
        shutil.rmtree(prev)
    if final.exists():
        os.rename(final, prev)
    os.rename(new, final)
    if prev.exists():
        shutil.rmtree(prev)
