"""Access to OpenCC through opencc-python-reimplemented, and only through it.

The PyPI package ``opencc`` (a C++ binding) installs a module with the same
name, ``opencc``, and silently replaces the reimplementation.  Its API and
dictionaries differ, so the tool refuses to run with it and says how to fix
the installation.  Only the ``t2s`` chain is used: the Taiwan-vocabulary
modes rewrite words (``tw2sp`` turns 核心 into 内核 and 小程序 into 小进程).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from zhextract.errors import WrongOpenCCError

_FIX = (
    "the module 'opencc' found at {where} is not opencc-python-reimplemented "
    "(probably the C++ binding from the PyPI package 'opencc', which installs "
    "a module of the same name). Fix: pip uninstall -y opencc && "
    "pip install --force-reinstall opencc-python-reimplemented"
)


@lru_cache(maxsize=1)
def _module() -> Any:
    import opencc

    where = getattr(opencc, "__file__", None) or "?"
    package_dir = Path(where).parent
    if not (package_dir / "dictionary" / "TSCharacters.txt").is_file() or not hasattr(opencc, "OpenCC"):
        raise WrongOpenCCError(_FIX.format(where=where))
    return opencc


def dictionary_dir() -> Path:
    return Path(_module().__file__).parent / "dictionary"


@lru_cache(maxsize=1)
def load_t2s() -> Any:
    """The phrase-level Traditional-to-Simplified converter (loaded once)."""
    return _module().OpenCC("t2s")


@lru_cache(maxsize=1)
def traditional_chars() -> regex.Pattern[str]:
    """A pattern matching any character that t2s may change.

    Built from OpenCC's own tables (every TSCharacters entry that maps to
    something else, and the first character of every TSPhrases entry), so a
    line without a match is already Simplified and skips the converter.
    """
    chars: set[str] = set()
    d = dictionary_dir()
    with open(d / "TSCharacters.txt", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            if value.split(" ")[0] != key:
                chars.add(key)
    with open(d / "TSPhrases.txt", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            if value.split(" ")[0] != key:
                chars.update(a for a, b in zip(key, value.split(" ")[0]) if a != b)
    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")
