"""Inline pinyin reading notes (``協(xié)議``): dropped where they spell the characters before them.

Runs before t2s so that the phrase tables see whole words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from zhextract.document import Change, Document
from zhextract.patterns import compile_pattern
from zhextract.script import HAN
from zhextract.stages.normalize.shared import SP, SPACE_CHARS
from zhextract.step import Context
from zhextract.usercache import memo, package_stamp

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zA-Zü{_TONED}"
_NOTE = re.compile(
    rf"[(（]{SP}*"
    rf"([{_PINYIN_LETTERS}]+[0-5]?(?:[ '’·-]?[{_PINYIN_LETTERS}]+[0-5]?){{0,7}})"
    rf"{SP}*[)）]"
)
_HAN_RUN_END = compile_pattern(rf"{HAN}{{1,8}}$")
_SEPARATORS = compile_pattern(r"[ '’·\-0-5]")
_TONELESS = str.maketrans({**dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěè", "e"),
                           **dict.fromkeys("īíǐì", "i"), **dict.fromkeys("ōóǒò", "o"),
                           **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("ǖǘǚǜü", "v"),
                           **dict.fromkeys("ńňǹ", "n"), "ḿ": "m"})


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``, without tones (``ü`` written ``v``)."""
    chars, found = _reading_table()
    i = bisect_left(chars, char)
    return found[i] if i < len(chars) and chars[i] == char else frozenset()


def _pypinyin_readings(char: str) -> frozenset[str]:
    """:func:`readings` asked of pypinyin itself."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(r.lower().replace("ü", "v") for r in (found[0] if found else []))


@lru_cache(maxsize=1)
def _reading_table() -> tuple[str, tuple[frozenset[str], ...]]:
    """Every character pypinyin has a reading for (in code point order) and its :func:`readings`.

    Importing pypinyin loads its phrase dictionary as well, some 50 MB of
    Python objects in every process that reads a note (a build's driver
    too, through its warm-up), for the single characters this rule asks
    about.  The table is asked of pypinyin once per machine and kept in the
    user cache, keyed by pypinyin's files; loaded, it is under 2 MB (the
    characters in one string, each distinct set of readings once).
    """
    key = ("readings-1", package_stamp("pypinyin", "__init__.py", "pinyin_dict.json", "phrases_dict.json",
                                       "converter.py", "core.py"))
    return memo("pinyin-readings", key, _build_reading_table)


def _build_reading_table() -> tuple[str, tuple[frozenset[str], ...]]:
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    chars = sorted({chr(cp) for cp in PINYIN_DICT} | {k for k in PHRASES_DICT if len(k) == 1})
    shared: dict[frozenset[str], frozenset[str]] = {}
    found = [shared.setdefault(r, r) for r in map(_pypinyin_readings, chars)]
    kept = [i for i, r in enumerate(found) if r]
    return "".join(chars[i] for i in kept), tuple(found[i] for i in kept)


@lru_cache(maxsize=1 << 14)
def is_reading_note(chars: str, note: str) -> bool:
    """True when ``note`` is the pinyin reading of the last few characters of ``chars``.

    Remembered: a page glossed by a font table repeats the same notes.

    ``協`` + ``xié``, ``協議`` + ``xié yì`` or ``xieyi`` or ``xie2 yi4``: the note,
    stripped of tones and separators, must spell one reading of each of the
    last N characters, in order (pypinyin knows every reading of every
    character, Traditional ones included).  Tones are not compared: a tone
    mark proves the note is pinyin, and sites disagree on heteronyms.  A note
    without tone marks or digits must be all lower case and spell one
    character: ``(Huawei)`` and ``(Li Ning)`` after the name are a brand's own
    spelling, and ``躺平(tangping)`` ``滴滴(didi)`` a romanised word the article
    shows its readers, not a note a font table left.
    """
    lower = note.lower()
    toned = any(c in _TONED or c.isdigit() for c in lower)
    if not toned and note != lower:
        return False
    if not toned:
        chars = chars[-1:]
    letters = _SEPARATORS.sub("", lower).translate(_TONELESS)
    if not letters:
        return False
    for start in range(len(chars) - 1, -1, -1):
        if len(chars) - start > len(letters):  # every syllable has at least one letter
            break
        if _spells(letters, chars[start:]):
            return True
    return False


def _spells(letters: str, chars: str) -> bool:
    """Whether ``letters`` is one reading of each character of ``chars`` in a row."""
    def match(i: int, k: int) -> bool:
        if k == len(chars):
            return i == len(letters)
        return any(letters.startswith(r, i) and match(i + len(r), k + 1) for r in readings(chars[k]))

    return match(0, 0)


def pinyin_notes(doc: Document, ctx: Context) -> Iterator[Change]:
    """Drop ``協(xié)`` style reading notes; keep every other parenthesis.

    A note is Latin letters (with or without tones) in parentheses right after
    a Han character, that spell a reading of the characters before it.
    ``(GMV)`` ``(xTao)`` ``(以下简称遥望)`` ``(Kuaishou)`` stay.  Runs before t2s
    so that phrase tables see whole words.
    """
    text = doc.text
    if "(" not in text and "（" not in text:
        return
    for m in _NOTE.finditer(text):
        start = m.start()
        if start and text[start - 1] in SPACE_CHARS:  # 協 (xié)
            start -= 1
        before = _HAN_RUN_END.search(text, max(0, start - 8), start)
        if before and is_reading_note(before.group(), m.group(1)):
            yield Change(start, m.end(), "")
