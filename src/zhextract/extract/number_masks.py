"""What the quantity grammar must never read as a quantity: the names of ``data/not_quantities.txt`` and
``data/festivals.tsv`` (each with its boundary guard), URLs, e-mails, phone numbers, enumerators, ordinals,
vague sizes, clock times, sessions of a body, event names built on a number and section numbers at a line start.
Masked before the grammar runs (:func:`zhextract.extract.numbers.masked_text`): one idea, apart from how a
quantity is read.  See :mod:`zhextract.extract.numbers` for the rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from zhextract.extract.dates import festival_names
from zhextract.extract.number_words import _ASCII_LETTER, _CN_CHARS, HAN, Unit, cues, trie
from zhextract.links import EMAIL, URL
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list


@lru_cache(maxsize=1)
def _listed_names() -> tuple[str, ...]:
    """Entries of not_quantities.txt and every festival spelling of festivals.tsv."""
    names = [*read_list("not_quantities.txt"), *festival_names()]
    return tuple(sorted(set(names), key=len, reverse=True))


@dataclass(frozen=True)
class _Masker:
    """Finds everything the grammar must not read as a quantity.

    Listed names are found by one trie and then checked against their
    boundary guard; each structural pattern runs on its own, and only when a
    cheap substring test says it can match at all.
    """

    names: re.Pattern[str]
    guards: dict[str, re.Pattern[str]]
    patterns: tuple[tuple[tuple[str, ...], regex.Pattern[str]], ...]  # (trigger substrings or (), pattern)
    line_start: re.Pattern[str]  # at the start of any line (MULTILINE)
    event_suffixes: re.Pattern[str]  # where an event suffix starts (the match is its first character)
    event_number: re.Pattern[str]  # the number before an event suffix, read backwards from it

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = [(m.start(), m.end()) for m in self.names.finditer(text) if self.guards[m.group()].match(text, m.start())]
        for triggers, pattern in self.patterns:
            if triggers and not any(t in text for t in triggers):
                continue
            out.extend((m.start(), m.end()) for m in pattern.finditer(text))
        # Event names built on a number (116品质购物节): found from their suffix.
        for suffix in self.event_suffixes.finditer(text):
            i = suffix.start()
            m = self.event_number.search(text, max(0, i - 16), i)
            if m:
                out.append(m.span(1))
        # Section numbers and list markers at a line start (1.2. / 一、).
        out.extend(m.span(1) for m in self.line_start.finditer(text))
        return out


class _Guards(dict[str, re.Pattern[str]]):
    """Each listed name's guard (:func:`_name_guard`), compiled when the name is first found: the list
    holds hundreds of names, most of which an article never writes, and compiling them all cost
    every cold start a tenth of a second."""

    def __init__(self, unit_or_mag: str) -> None:
        super().__init__()
        self.unit_or_mag = unit_or_mag

    def __missing__(self, name: str) -> re.Pattern[str]:
        guard = self[name] = _name_guard(name, self.unit_or_mag)
        return guard


def _name_guard(name: str, unit_or_mag: str) -> re.Pattern[str]:
    """The pattern a listed name must match where it is found (its boundaries)."""
    esc = re.escape(name)
    if name[:1].isdigit():
        esc = r"(?<![\d.．])" + esc
    if name.isdigit():  # 360 the company, not 360元 nor 300-360万元
        esc = rf"(?<!\d[-~～—])(?<!\d[至到]){esc}(?![\d.．]|\s*(?:{unit_or_mag})|\s*[-~～—至到]\s*\d)"
    elif name[-1:].isdigit():
        esc += r"(?![\d.．])"
    elif _ASCII_LETTER.search(name[-1:]):
        esc += r"(?![A-Za-z])"
    if _ASCII_LETTER.search(name[:1]):
        esc = r"(?<![A-Za-z])" + esc
    if all(ch in _CN_CHARS for ch in name):  # 万一, but not inside 一万一千
        esc = rf"(?<![{_CN_CHARS}]){esc}(?![{_CN_CHARS}])"
    if name.startswith("之"):  # 之一 "one of", but not in the fraction 三分之一
        esc = r"(?<!分)" + esc
    return re.compile(esc)


def _starts_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """Every place where one of ``words`` starts, overlapping ones too, in one scan (a ``str.find`` loop
    per word read the text a dozen times): the match is the word's first character, consumed by a class
    that ``re`` skips to in its own loop, and the word is tested there from a lookbehind one character wide."""
    if not words:
        return re.compile(r"(?!x)x")
    first = "".join(sorted({re.escape(w[0]) for w in words}))
    return re.compile(rf"[{first}](?<=(?=(?:{trie(words)})).)")


def _masker(after: dict[str, Unit], mags: dict[str, Decimal]) -> _Masker:
    unit_or_mag = trie([*after, *mags])
    names = _listed_names()
    suffixes = cues().get("event_suffix", ("购物节",))
    vague_words = cues().get("vague_before", ("数", "几"))
    sessions = cues().get("session_after", ("会议",))
    cn = _CN_CHARS
    patterns: list[tuple[tuple[str, ...], str]] = [
        # URLs and e-mails
        (("http", "www.", "ftp"), URL),
        (("@",), EMAIL),
        # phone numbers: mobile, landline with area code, 400/800 service lines
        # (each scan opens with the characters it can start with: regex then skips the rest at once)
        ((), r"(?=[+0148])(?<!\d)(?:(?:\+?86[-\s]?)?1[3-9]\d{9}|0\d{2,3}[-－]\d{7,8}(?:[-－]\d{1,4})?"
             r"|[48]00[-－]?\d{3}[-－]?\d{4})(?!\d)"),
        # enumerators （1）
        (("（", "("), r"[（(]\d{1,2}[）)]"),
        # ordinals, with their ranges (第1-3名)
        (("第",), rf"第\s*(?:\d+|[{cn}]+)(?:\s*[-~～至到]\s*(?:\d+|[{cn}]+))?"),
        # vague sizes: 数十万, 几万, 好几百
        (vague_words, rf"(?<![{cn}])(?:{trie(vague_words)})[{cn}]*[十百千万亿][{cn}]*"),
        # clock times the date grammar leaves (香港时间11时43分, 下午3时20分): 43分 is no score nor minutes
        (("时", "点"), r"(?=\d)(?<![\d.．])(?:[01]?\d|2[0-3])\s*[时点]\s*[0-5]?\d\s*分(?:\s*[0-5]?\d\s*秒)?"),
        # which session of a body (十四届全国人大三次会议, 二十届三中全会): masked from 届 to the session word
        (("届",), rf"届[^，。；！？\n]{{0,12}}?(?:\d+|[{cn}]+)次?(?:{trie(sessions)})"),
    ]
    return _Masker(
        re.compile(trie(names)),
        _Guards(unit_or_mag),
        tuple((t, compile_pattern(p)) for t, p in patterns),
        # 1.2023年…: a list number glued to the year that opens its item
        re.compile(r"^[ \t　]*(\d+(?:[.．]\d+)*[.．、](?!\d)|\d{1,2}[.．](?=(?:19|20)\d\d年)"
                   r"|[一二三四五六七八九十]+、)", re.MULTILINE),
        _starts_of(suffixes),
        re.compile(rf"(?<![\d.．])(\d+)(?:(?!的)[{HAN}]){{0,3}}$"),
    )
