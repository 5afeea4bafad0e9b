"""Sound-alikes: a person's name spelled by sound (苏华 for 宿华).

Found via pinyin from the gazetteer's people: one regex matches whatever
is read like any person's name.  A match counts only next to a title or a
speech verb (``person_context.tsv``) and in a line that names (or repairs)
an entity the person belongs to; the repair is made in spun documents only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from zhextract.gazetteer import load_gazetteer
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table
from zhextract.script import HAN_CHAR
from zhextract.stages.repair.hits import SPUN, Hit
from zhextract.stages.repair.scan import _Scan
from zhextract.trie import WordScanner
from zhextract.usercache import memo, package_stamp


@lru_cache(maxsize=1)
def _person_context() -> tuple[tuple[str, ...], tuple[str, ...]]:
    before: list[str] = []
    after: list[str] = []
    for row in read_table("person_context.tsv", 2):
        if row[0] not in ("before", "after", "stop"):
            raise row.error("side must be before|after|stop")
        if row[0] != "stop":  # words that only end a name the extract stage reads
            (before if row[0] == "before" else after).extend(row.items(1))
    return tuple(before), tuple(after)


@lru_cache(maxsize=1)
def _chars_by_syllable() -> dict[str, str]:
    """Toneless pinyin syllable -> every common character read so (any reading)."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: dict[str, list[str]] = {}
    for cp, readings in pinyin_dict.items():
        if not 0x4E00 <= cp <= 0x9FFF:
            continue
        for r in readings.split(","):
            out.setdefault(_toneless(r), []).append(chr(cp))
    return {k: "".join(v) for k, v in out.items()}


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("u\u0308", "v")


@lru_cache(maxsize=8)
def _sound_regex(user: tuple[str, ...]) -> tuple[regex.Pattern[str] | None, tuple[str, ...], frozenset[int]]:
    """One regex for every person: group ``p<i>`` matches whatever is read like name ``i``.

    Returns the regex, the names by group index and the lengths of the names.
    Building it needs pypinyin (a quarter of a second to import), so the
    pattern is kept in the user cache, keyed by the names and pypinyin's
    dictionary files.
    """
    persons = tuple(e.name for e in load_gazetteer(user).persons
                    if 2 <= len(e.name) <= 4 and all(HAN_CHAR.match(c) for c in e.name))
    key = (persons, package_stamp("pypinyin", "pinyin_dict.py", "phrases_dict.py"))
    pattern, names = memo("sound-alike", key, lambda: _sound_pattern(persons))
    if not pattern:
        return None, (), frozenset()
    return compile_pattern(pattern), names, frozenset(len(n) for n in names)


def _sound_pattern(persons: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The text of :func:`_sound_regex`'s pattern, and the names by group index."""
    from pypinyin import Style, lazy_pinyin

    chars = _chars_by_syllable()
    names: list[str] = []
    parts: list[str] = []
    for name in persons:
        classes = [chars.get(s.replace("ü", "v"), "") for s in lazy_pinyin(name, style=Style.NORMAL)]
        if len(classes) != len(name) or not all(classes):
            continue
        parts.append(f"(?P<p{len(names)}>" + "".join(f"[{regex.escape(c)}]" for c in classes) + ")")
        names.append(name)
    return "|".join(parts), tuple(names)


_SOUND_BRANCH = regex.compile(r"\(\?P<p\d+>((?:\[[^\]\\]*\])+)\)")
_SOUND_CLASS = regex.compile(r"\[([^\]]*)\]")


@lru_cache(maxsize=8)
def _sound_edges(pattern: str) -> tuple[frozenset[str] | None, dict[int, tuple[frozenset[str], frozenset[str]]]]:
    """What the first and last characters of a match of :func:`_sound_regex`'s pattern can be.

    Returns the characters any name's sound may start with, and per length
    of name those its first and its last character may be.  A speech verb
    or a title stands in a text hundreds of times; the regex (one branch per
    person) is asked only where these two sets allow a match.  Read off the
    pattern's text (each branch a group of character classes, see
    :func:`_sound_pattern`), and only when the branches read back give the
    pattern exactly: otherwise nothing is ruled out.
    """
    branches = [[c.group(1) for c in _SOUND_CLASS.finditer(b.group(1))] for b in _SOUND_BRANCH.finditer(pattern)]
    rebuilt = "|".join(f"(?P<p{i}>" + "".join(f"[{c}]" for c in classes) + ")" for i, classes in enumerate(branches))
    if not branches or rebuilt != pattern or "\\" in pattern:
        return None, {}
    firsts: dict[int, set[str]] = {}
    lasts: dict[int, set[str]] = {}
    for classes in branches:
        firsts.setdefault(len(classes), set()).update(classes[0])
        lasts.setdefault(len(classes), set()).update(classes[-1])
    edges = {n: (frozenset(firsts[n]), frozenset(lasts[n])) for n in firsts}
    return frozenset().union(*firsts.values()), edges


@lru_cache(maxsize=1)
def _person_context_scanners() -> tuple[WordScanner, WordScanner]:
    """The titles before a name and the speech verbs after it, each found in one Aho–Corasick pass
    (the matches of their trie regexes, see :class:`.trie.WordScanner`)."""
    before, after = _person_context()
    return WordScanner(before), WordScanner(after)


def _sound_alike_hits(scan: _Scan, user: tuple[str, ...], hits: list[Hit]) -> Iterator[Hit]:
    """Sound-alikes of people's names where a title or a speech verb stands next to them
    and an entity the person belongs to is named (or repaired) in the same line."""
    rx, names, lengths = _sound_regex(user)
    if rx is None:
        return
    gaz = scan.lex.gaz
    t = scan.text
    before, after = _person_context_scanners()
    heads, edges = _sound_edges(rx.pattern)
    found: dict[tuple[int, int], str] = {}
    for _, end, _ in before.finditer(t):
        if end >= len(t) or (heads is not None and t[end] not in heads):
            continue  # no name starts with this character: the regex cannot match here
        hit = rx.match(t, end)
        if hit and hit.lastgroup:
            found[(hit.start(), hit.end())] = names[int(hit.lastgroup[1:])]
    for start, _, _ in after.finditer(t):
        for n in lengths:
            if start < n:
                continue
            edge = edges.get(n)
            if edge is not None and (t[start - n] not in edge[0] or t[start - 1] not in edge[1]):
                continue  # no name of n characters starts and ends with these: most places
            hit = rx.fullmatch(t, start - n, start)
            if hit and hit.lastgroup:
                found[(hit.start(), hit.end())] = names[int(hit.lastgroup[1:])]
    for (s, e), name in sorted(found.items()):
        surface = t[s:e]
        if surface == name or gaz.canonical(surface):
            continue
        line = scan.line_of(s)
        around = {n for _, _, n in scan.names_near(s, e)}
        around.update(h.entity for h in hits if line[0] <= h.start < line[1])
        if not around.intersection(gaz.entities[name].related):
            continue
        yield Hit(s, e, surface, name, "sound_alike", name, SPUN, None, surface)
