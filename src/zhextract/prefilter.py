"""A cheap test that tells where a regular expression cannot match: the characters every match holds.

A rule that asks a pattern of every line (``本站`` in the first 30 characters,
a photographer's credit at the end) pays a backtracking search per line,
and most lines are clean prose the pattern never matches.  Most patterns
cannot match without one of a few characters: ``…(刊载|刊登|登载)…|本站|…作者``
needs 刊 or 登 or 本 … or 者.  :func:`required_chars` reads that set off the
pattern's own syntax tree, and :class:`Prefiltered` searches a character
class of it first (one C scan, no backtracking): where none of them stands in
the searched stretch, the pattern cannot match there, and the pattern itself
is not run.  The answers are the pattern's own, match objects included.

The set is derived, never listed: every match of a sequence holds what any
one of its parts needs; an alternation needs one of what its branches need;
a repeat needs what its body needs when it repeats at least once; a
character class of a few characters needs one of them.  Look-arounds,
anchors and back-references require nothing (they consume no character of
the match).  Under ``IGNORECASE`` only characters without case count
(Chinese characters, punctuation, digits), as ``re`` matches those
literally; a pattern from which no set can be read (one branch of plain
Latin words under ``IGNORECASE``, ``.*``) is run as it is.

When a part offers several sets, the one with the rarest characters is
taken: Han characters by their frequency in jieba's dictionary, anything
else (punctuation, digits) as common as a character can be.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

import _sre

from zhextract.script import HAN_CHAR

Rarity = Callable[[str], float]
_COMMON = float(1 << 40)  # the weight of a character that is not Han: found everywhere
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, *([_c.POSSESSIVE_REPEAT] if hasattr(_c, "POSSESSIVE_REPEAT") else [])}
_NOTHING = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}  # consume nothing: require nothing


def jieba_rarity(char: str) -> float:
    """How common ``char`` is: its frequency in jieba's dictionary (Han), else as common as can be."""
    if not HAN_CHAR.match(char):
        return _COMMON
    from zhextract.lexicon import lexicon

    return float(lexicon().freq(char))


def required_chars(pattern: re.Pattern[str], rarity: Rarity = jieba_rarity) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` holds one; None if no such set can be read off it."""
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # whatever the parser of this Python says: no prefilter
        return None
    flags = tree.state.flags
    if flags & (re.LOCALE | re.ASCII):
        return None
    return _sequence(list(tree), flags, rarity)


def _weight(chars: frozenset[str], rarity: Rarity) -> float:
    return sum(rarity(c) + 1.0 for c in chars)


def _sequence(items: list[tuple[Any, Any]], flags: int, rarity: Rarity) -> frozenset[str] | None:
    """What a match of the items one after the other needs: the rarest of what one of them needs."""
    best: frozenset[str] | None = None
    best_weight = 0.0
    for op, av in items:
        need = _item(op, av, flags, rarity)
        if need is None:
            continue
        weight = _weight(need, rarity)
        if best is None or weight < best_weight:
            best, best_weight = need, weight
    return best


def _literal(code: int, flags: int) -> frozenset[str] | None:
    if flags & re.IGNORECASE and _sre.unicode_iscased(code):
        return None  # matched in either case (and by a few look-alikes): not one character
    return frozenset((chr(code),))


def _item(op: Any, av: Any, flags: int, rarity: Rarity) -> frozenset[str] | None:
    if op is _c.LITERAL:
        return _literal(av, flags)
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is not _c.LITERAL:
                return None  # a range, a category or a negation: too many characters to name
            one = _literal(value, flags)
            if one is None:
                return None
            chars |= one
        return frozenset(chars) if chars else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            need = _sequence(list(branch), flags, rarity)
            if need is None:
                return None  # a branch that needs nothing nameable: the alternation neither
            union |= need
        return frozenset(union)
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return _sequence(list(body), (flags | add_flags) & ~del_flags, rarity)
    if hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
        return _sequence(list(av), flags, rarity)
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body), flags, rarity) if low >= 1 else None
    if op in _NOTHING:
        return None
    return None  # any character, a category, a back-reference: nothing to name


class Prefiltered:
    """``pattern`` behind the test of :func:`required_chars`: the same answers, sooner where it cannot match.

    ``search``, ``match``, ``fullmatch``, ``finditer`` and ``findall`` look for
    a required character in the stretch they would read (``pos`` to
    ``endpos``) first; everything else is the pattern's own.
    """

    def __init__(self, pattern: re.Pattern[str], rarity: Rarity = jieba_rarity) -> None:
        self.compiled = pattern
        need = required_chars(pattern, rarity)
        self.need = re.compile("[" + "".join(re.escape(c) for c in sorted(need)) + "]") if need else None

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        return self.need is not None and self.need.search(text, pos, endpos) is None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self._absent(text, pos, endpos) else self.compiled.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(()) if self._absent(text, pos, endpos) else self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return [] if self._absent(text, pos, endpos) else self.compiled.findall(text, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)
