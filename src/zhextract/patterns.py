"""Compiled regular expressions, kept between runs.

The ``regex`` module parses a pattern in Python: the date grammar and the
repair alternations take 80 ms each to compile, and all patterns together
about half a second of a cold ``zhextract process``.  A compiled ``regex``
pattern pickles as its compiled code, and unpickling hands that code straight
to the C engine, about a thousand times faster than compiling.  So every
pattern that was slow to compile is kept in the user cache
(:mod:`zhextract.usercache`), keyed by its text and flags, in a file named
after the ``regex`` and Python versions (the code format is theirs).

A missing, stale or unreadable file only costs time: patterns are compiled
again and the file is rewritten when the process exits.  Patterns that
compile in under :data:`KEEP_SLOWER_THAN` seconds are not kept; they cost
less to compile than to store.  The file holds at most :data:`MAX_KEPT`
patterns, the most recently compiled (the rule data keeps about twenty of
its two hundred; the rest would be user gazetteers' and tests').
"""

from __future__ import annotations

import atexit
import pickle
import sys
import time
from typing import Any

import regex

from zhextract.atomic import atomic_write
from zhextract.usercache import cache_dir

KEEP_SLOWER_THAN = 0.002
MAX_KEPT = 400
_FILE = f"patterns-regex{regex.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}.pickle"

Key = tuple[str, int]
# key -> (last used, pickled pattern) as read from the file; unpickled on demand.
_stored: dict[Key, tuple[float, bytes]] | None = None
_compiled: dict[Key, regex.Pattern[str]] = {}
_dirty: dict[Key, tuple[float, bytes]] = {}


def compile_pattern(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from the cache when it was compiled before."""
    key = (pattern, flags)
    rx = _compiled.get(key)
    if rx is not None:
        return rx
    stored = _load().get(key)
    if stored is not None:
        try:
            rx = pickle.loads(stored[1])
        except Exception:  # written by another version of something: compile again
            rx = None
    if rx is None:
        t = time.perf_counter()
        rx = regex.compile(pattern, flags)
        if time.perf_counter() - t >= KEEP_SLOWER_THAN:
            if not _dirty:
                atexit.register(save)
            _dirty[key] = (time.time(), pickle.dumps(rx, protocol=pickle.HIGHEST_PROTOCOL))
    _compiled[key] = rx
    return rx


def _read() -> dict[Key, tuple[float, bytes]]:
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        with open(folder / _FILE, "rb") as f:
            data: Any = pickle.load(f)
        return data if isinstance(data, dict) else {}
    except Exception:  # absent, truncated or from elsewhere: start empty
        return {}


def _load() -> dict[Key, tuple[float, bytes]]:
    global _stored
    if _stored is None:
        _stored = _read()
    return _stored


def save() -> None:
    """Add the patterns compiled in this process to the file (merged with what is there now)."""
    folder = cache_dir()
    if not _dirty or folder is None:
        return
    merged = _read()
    merged.update(_dirty)
    if len(merged) > MAX_KEPT:
        merged = dict(sorted(merged.items(), key=lambda kv: kv[1][0])[-MAX_KEPT:])
    try:
        atomic_write(folder / _FILE, pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return
    _dirty.clear()
