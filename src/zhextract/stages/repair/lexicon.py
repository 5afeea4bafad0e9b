"""What the stage knows: every listed surface with its entity and gate, found fast.

The surfaces come from the gazetteer (``gazetteer.tsv``): an official
English name and a known garble are safe, a risky garble and a garble
generated from the names' parts (:mod:`zhextract.garbles`) fire only in spun
text, and the international counterpart's name (TikTok for 抖音) only when
the document never speaks of the business abroad (``abroad_context.txt``).
Latin names are looked up by their key in any case and spacing
(:class:`_LatinIndex`), Chinese ones by one Aho–Corasick scan.  (Not to be
confused with :mod:`zhextract.lexicon`, jieba's dictionary.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.garbles import generated_garbles
from zhextract.gazetteer import Gazetteer, is_latin, latin_key, load_gazetteer
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list
from zhextract.stages.repair.hits import SAFE, SPUN, SPUN_HOME
from zhextract.stages.synonyms import SynonymTable, load_synonyms
from zhextract.trie import WordScanner, trie_regex


@dataclass(frozen=True)
class _Entry:
    """What a listed surface means: its entity, how safe it is, whether it is a sign."""

    entity: str
    gate: str
    sign: str | None
    official: frozenset[str] = frozenset()  # exact spellings of an abroad name


@dataclass(frozen=True)
class _Lexicon:
    gaz: Gazetteer
    latin: _LatinIndex
    latin_entries: dict[str, _Entry]
    han: WordScanner  # the Chinese garbles
    han_entries: dict[str, _Entry]
    synonyms: SynonymTable
    abroad: regex.Pattern[str] | None
    latin_patterns: regex.Pattern[str] | None  # any Latin-started pattern (a quick test)


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(surface.replace(" ", "")) <= 6


def _entries(gaz: Gazetteer) -> dict[str, tuple[str, _Entry]]:
    """Every listed surface that is replaced, with its entry; the first listing wins."""
    out: dict[str, tuple[str, _Entry]] = {}

    def add(surface: str, entry: _Entry) -> None:
        key = latin_key(surface) if is_latin(surface) else surface
        out.setdefault(key, (surface, entry))

    entities = [e for e in gaz.entities.values() if not is_latin(e.name)]
    for e in entities:
        for s in e.english:
            add(s, _Entry(e.name, SAFE, None))
        for s in e.mistranslations:
            add(s, _Entry(e.name, SAFE, "garble"))
    for e in entities:
        for s in e.risky:
            add(s, _Entry(e.name, SPUN, None if _is_acronym(s) else "risky"))
    # Garbles derived from the names' parts (garbles.py): nobody listed them, so they are risky.  One that
    # begins with a listed Latin name ("Kuaishou App" of 快手App) would hide that name from the scan (the
    # longest name at a place wins): the listed name and its context rules decide there.
    listed = {k for k, (s, _) in out.items() if is_latin(s)}
    for name, surfaces in generated_garbles(gaz).items():
        for s in surfaces:
            key = latin_key(s)
            if not any(key[:i] in listed for i in range(1, len(key))):
                add(s, _Entry(name, SPUN, "risky"))
    for e in entities:
        counterpart = gaz.entities.get(e.abroad)
        if counterpart is None:
            continue
        spellings = [s for s in (*counterpart.names, *counterpart.english) if is_latin(s)]
        official = frozenset(s.lower() for s in spellings)
        for s in spellings:
            add(s, _Entry(e.name, SPUN_HOME, None, official))
    return out


_NAME_RUN = compile_pattern(r"[A-Za-z0-9]+")
_GAP_CHARS = frozenset(" \t\u3000-")  # what latin_key drops between two runs
_JOINERS = frozenset(".&'’+")  # what it keeps: JD.com, J&T, People's


class _LatinIndex:
    """Every Latin name by its key, found in a text by looking its runs of letters up.

    A Latin name matches in any case and with any spacing between its letters
    ("Kuai shou", "Tik Tok", "a auto faster", "HundredDegrees"): its key (see
    :func:`latin_key`) is the concatenation of the text's runs of letters and
    digits, joined by nothing where spaces or hyphens separate them and by the
    character itself where a joiner does (JD.com).  From each run, runs are
    added while the key is a prefix of some name, and the longest name wins.
    This is a dictionary lookup per run: a regex of three thousand names with
    spacing allowed between every two letters was 300 000 characters long and
    made the stage four times slower.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = frozenset(keys)
        self.prefixes = frozenset(k[:i] for k in self.keys for i in range(1, len(k) + 1))

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of the names in ``text[start:end]``, longest first, not overlapping."""
        runs = [(m.start(), m.end()) for m in _NAME_RUN.finditer(text, start, end)]
        i = 0
        while i < len(runs):
            key = text[runs[i][0]:runs[i][1]].lower()
            best = i if key in self.keys else -1
            j = i
            while key in self.prefixes and j + 1 < len(runs):
                between = text[runs[j][1]:runs[j + 1][0]]
                if all(c in _GAP_CHARS for c in between):
                    joiner = ""
                elif len(between) == 1 and between in _JOINERS:
                    joiner = between
                else:
                    break
                j += 1
                key += joiner + text[runs[j][0]:runs[j][1]].lower()
                if key in self.keys:
                    best = j
            if best >= 0:
                yield runs[i][0], runs[best][1]
                i = best + 1
            else:
                i += 1


@lru_cache(maxsize=8)
def _lexicon(user: tuple[str, ...]) -> _Lexicon:
    gaz = load_gazetteer(user)
    entries = _entries(gaz)
    latin = {k: v for k, v in entries.items() if is_latin(v[0])}
    han = {k: v for k, v in entries.items() if not is_latin(v[0])}
    synonyms = load_synonyms()
    abroad_words = read_list("abroad_context.txt")
    return _Lexicon(
        gaz,
        _LatinIndex(latin),
        {k: e for k, (_, e) in latin.items()},
        WordScanner(s for s, _ in han.values()),
        {k: e for k, (_, e) in han.items()},
        synonyms,
        compile_pattern(trie_regex(abroad_words, latin_bounds=True), regex.IGNORECASE) if abroad_words else None,
        _union(p.regex.pattern for p in gaz.patterns if p.latin_start),
    )


def _union(sources: Iterable[str]) -> regex.Pattern[str] | None:
    """One regex matching where any of ``sources`` matches (named groups made plain)."""
    parts = [regex.sub(r"\(\?P<\w+>", "(?:", s) for s in sources]
    if any("(?P=" in p for p in parts):
        return None  # a backreference needs its group: no quick test
    return compile_pattern("|".join(f"(?:{p})" for p in parts), regex.IGNORECASE) if parts else None
