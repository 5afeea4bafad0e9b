"""The quantity grammar's words: units, magnitudes, approximation words and context cues of ``data/``
(``units.tsv``, ``magnitudes.tsv``, ``approx.tsv``, ``number_cues.tsv``), the quantity kinds, and the helpers that
turn word lists into the patterns of :mod:`zhextract.extract.number_grammar` and
:mod:`zhextract.extract.number_masks`.  Kept apart from the grammar because attachment, subjects, actors and
metrics read the same words without the grammar.  See :mod:`zhextract.extract.numbers` for the rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from zhextract.resources import read_table
from zhextract.trie import trie_regex

KINDS = ("money", "percent", "percentage_point", "multiple", "count", "duration", "score", "measure")
APPROX = ("over", "under", "about")
MASK = "\x00"  # stands in for every masked character: matches no part of the grammar
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, for character classes

_CN_CHARS = "〇○零一二两三四五六七八九十百千万亿"  # ○ (a white circle) is how Taiwan's papers often write 〇
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Unit:
    """One spelling of ``data/units.tsv``."""

    spelling: str
    unit: str
    kind: str
    currency: str | None
    factor: Decimal
    arabic_only: bool
    before: bool
    level_only: bool = False  # numerals "level": Arabic with decimals or three digits (380.9点, not 8点)


# ------------------------------------------------------------------ vocabularies
CUE_ROLES = ("not_before", "not_before_cn", "relative_after", "compound", "range_sep", "event_suffix",
             "vague_before", "bare_not_after", "pre_compound", "fraction_not_next", "price_before",  # read here
             "shared_join",
             "session_after", "not_period_before", "not_period_after")  # attach.py


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """``data/number_cues.tsv``: role -> words."""
    out: dict[str, list[str]] = {}
    for row in read_table("number_cues.tsv", 2):
        if row[0] not in CUE_ROLES:
            raise row.error(f"unknown role {row[0]!r} (one of {', '.join(CUE_ROLES)})")
        out.setdefault(row[0], []).extend(row.items(1))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def units() -> tuple[dict[str, Unit], dict[str, Unit]]:
    """Unit spellings written after the number, and currency signs written before it."""
    after: dict[str, Unit] = {}
    before: dict[str, Unit] = {}
    for row in read_table("units.tsv", 7, 3):
        kind = row[2]
        if kind not in (*KINDS, "noun"):
            raise row.error(f"unknown kind {kind!r}")
        factor = Decimal(row[4]) if row[4] else Decimal(1)
        for spelling in row.items(0):
            u = Unit(spelling, row[1], kind, row[3] or None, factor, row[5] in ("arabic", "level"),
                     row[6] == "before", row[5] == "level")
            (before if u.before else after).setdefault(spelling, u)
    return after, before


@lru_cache(maxsize=1)
def classifiers() -> frozenset[str]:
    """Units that count things without naming them (个, 家, 张): the counted thing may follow."""
    return frozenset(u.unit for u in units()[0].values() if u.kind == "count")


@lru_cache(maxsize=1)
def counted_nouns() -> frozenset[str]:
    """Nouns written right after a number that are what it counts (68家企业, 100个粉丝): its unit."""
    return frozenset(u.unit for u in units()[0].values() if u.kind == "noun")


@lru_cache(maxsize=1)
def magnitudes() -> dict[str, Decimal]:
    """Every magnitude word of ``data/magnitudes.tsv`` -> its factor."""
    return {row[0]: Decimal(10) ** int(row[1]) for row in read_table("magnitudes.tsv", 3, 2)}


@lru_cache(maxsize=1)
def money_magnitudes() -> frozenset[str]:
    """Magnitudes that scale only a sum of money (兆元 is 10^12 元; 兆瓦, 兆赫 are mega): column 3 ``money``."""
    out = set()
    for row in read_table("magnitudes.tsv", 3, 2):
        if row[2] not in ("", "money"):
            raise row.error(f"unknown condition {row[2]!r} (empty or money)")
        if row[2] == "money":
            out.add(row[0])
    return frozenset(out)


@lru_cache(maxsize=1)
def approx_words() -> dict[str, dict[str, str]]:
    """position -> word -> approx (``data/approx.tsv``)."""
    out: dict[str, dict[str, str]] = {"before": {}, "middle": {}, "after": {}, "bare": {}}
    for row in read_table("approx.tsv", 3):
        if row[1] not in out or row[2] not in APPROX:
            raise row.error(f"bad position {row[1]!r} or approx {row[2]!r}")
        for w in row.items(0):
            out[row[1]][w] = row[2]
    return out


# ------------------------------------------------------------------ pattern building
def _guard(word: str, compounds: Iterable[str]) -> str:
    """What must not follow ``word``: ``(?!分)`` after 部, as 部分 is a word, not "one 部"."""
    rests = [c[len(word):] for c in compounds if c.startswith(word) and len(c) > len(word)]
    guard = r"(?![A-Za-z])" if _ASCII_LETTER.search(word[-1:]) else ""
    return guard + (f"(?!{trie(rests)})" if rests else "")


def trie(words: Iterable[str], compounds: Iterable[str] = ()) -> str:
    """Any of ``words``, longest first, each end guarded against the ``compounds`` it starts."""
    compounds = tuple(compounds)
    return trie_regex(words, after_word=lambda w: _guard(w, compounds))


def _behind(words: Iterable[str], negative: bool = False) -> str:
    """A lookbehind for any of ``words`` in the fixed-width form ``re`` accepts.

    Words are grouped by length (``(?<=元)|(?<=美元|港元)``); a negative one
    is a chain of negative lookbehinds.
    """
    by_len: dict[int, list[str]] = {}
    for w in set(words):
        by_len.setdefault(len(w), []).append(w)
    if not by_len:
        return "" if negative else "(?!)"
    parts = [f"(?<{'!' if negative else '='}{'|'.join(re.escape(w) for w in sorted(ws))})"
             for _, ws in sorted(by_len.items())]
    return "".join(parts) if negative else "(?:" + "|".join(parts) + ")"
