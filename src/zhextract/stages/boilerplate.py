"""The boilerplate vocabulary (``data/boilerplate.tsv``), one pattern per kind.

Shared by the strip stage, which removes what the patterns mark, and the
normalize stage, which must not join the words of a keywords line.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from zhextract.resources import read_table

_NEVER = regex.compile(r"(?!x)x")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern[str]]:
    kinds: dict[str, list[str]] = {}
    for row in read_table("boilerplate.tsv", 2):
        try:
            regex.compile(row[1])
        except regex.error as exc:
            raise row.error(f"bad pattern: {exc}") from None
        kinds.setdefault(row[0], []).append(row[1])
    return {k: regex.compile("|".join(f"(?:{p})" for p in v), regex.IGNORECASE) for k, v in kinds.items()}


def boilerplate_pattern(kind: str) -> regex.Pattern[str]:
    """All patterns of one kind as one case-insensitive alternation."""
    return _patterns().get(kind, _NEVER)
