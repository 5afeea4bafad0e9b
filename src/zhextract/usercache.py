"""Where zhextract keeps what it derives once per machine, not per run.

Compiled patterns (:mod:`zhextract.patterns`), jieba's dictionary as a
memory-mapped trie (:mod:`zhextract.lexicon`) and values derived from other
packages' data (:func:`memo`, e.g. the sound-alike pattern built from
pypinyin's readings) are slow to make and quick to load, so they are made
once and kept here.  Everything in this directory can
be deleted at any time; it is made again when needed.

The place: ``$ZHEXTRACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zhextract``, else
``~/.cache/zhextract``.  When none of these can be written (a read-only
home), nothing is kept and every run derives what it needs, only slower.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from zhextract.atomic import atomic_write

T = TypeVar("T")


@lru_cache(maxsize=1)
def cache_dir() -> Path | None:
    """The cache directory, created on first use; None when it cannot be written."""
    explicit = os.environ.get("ZHEXTRACT_CACHE_DIR")
    if explicit:
        path = Path(explicit)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        path = Path(base) / "zhextract"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path if os.access(path, os.W_OK) else None
    except OSError:
        return None


def memo(name: str, key: object, build: Callable[[], T]) -> T:
    """``build()``, kept in the cache under ``name`` and a hash of ``key``.

    ``key`` must hold everything the value is derived from (its ``repr`` is
    hashed), so that a changed input means another file.  The value must be
    picklable.  Without a cache directory, or with an unreadable file, this
    is ``build()``.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{hashlib.sha1(repr(key).encode('utf-8')).hexdigest()[:16]}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    except Exception:  # absent or damaged: derive it again
        pass
    value = build()
    try:
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return value


def package_stamp(package: str, *files: str) -> tuple[object, ...]:
    """Size and modification time of files of an installed package, found without importing it:
    a cheap version key for values derived from a package's data."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return (package, None)
    folder = Path(next(iter(spec.submodule_search_locations)))
    out: list[object] = [package]
    for name in files:
        try:
            st = (folder / name).stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, None))
    return tuple(out)
