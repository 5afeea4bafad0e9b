"""The quantity grammar: money, counts, percentages, multiples and durations.

One pass over the clean text decides for every numeral whether it is a date
(the date grammar already claimed its span), a quantity, or neither.

How a quantity is read
    ``[approx] [currency] NUMBER [magnitude] [approx] [unit] [- NUMBER [magnitude] [unit]] [approx]``
    e.g. ``超过5000亿``, ``人民币100亿元``, ``3000多亿``, ``9000亿元至9700亿元``,
    ``200-300万元`` (the magnitude applies to both ends), ``100个粉丝``,
    ``10%左右``, ``两年多``.  NUMBER is Arabic (``1,234.5``), Chinese
    (``两千五百万``), mixed (``1.5万亿``) or a pair of Chinese digits counting up
    (``三四家`` = 3 to 4, approx about).  Two more forms: ``百分之三十`` and a
    bare magnitude after an approximation word (``上亿``, ``过万``, ``近百年``).
    Units, magnitudes and approximation words come from ``data/units.tsv``,
    ``data/magnitudes.tsv`` and ``data/approx.tsv``; context cues from
    ``data/number_cues.tsv``.

What is reported (the documented rules)
    * A number needs a unit, a magnitude or a currency sign: a bare ``116`` or
      ``2.0`` is never a quantity (event names, versions, list items, scores
      of a match).  A magnitude alone is reported with unit null and kind
      count; its metric can make it money (``市值超过2000亿``, see attach.py).
      One exception: a bare Arabic number right after a price noun
      (role price_before of number_cues.tsv) is a price in 元 (``售价4999起``).
    * Mixed notation is one figure: ``2万6,418辆`` = 26418, ``1亿2000万元``;
      a magnitude that scales money only (``兆`` = 10^12 in Taiwan) counts
      only before a money unit (``44.8兆元``; ``300兆瓦`` and ``兆赫`` are mega).
    * Vague sizes are skipped: ``几万``, ``数十万``, ``成千上万`` have no figure
      (role vague_before of number_cues.tsv, idioms in not_quantities.txt);
      so is a magnitude with no numeral and no approximation (``百万粉丝``,
      ``亿级``).  ``上万``/``过亿``/``近百`` keep theirs as a bound (over /
      under); ``十几万`` is the range 110000-190000, approx about.
    * ``一`` before a measure word or a duration is an indefinite article
      (``一个选择``, ``一场豪赌``, ``特殊的一年``), not a figure, unless an
      approximation makes it one (``近一年``, ``一年多``, ``不到一个星期``);
      ``一倍``, ``一成``, ``一万`` are quantities.
    * Scores (``分``) take Arabic digits only: after a Chinese numeral 分 is
      ``十分`` ("very").
    * Durations followed by 前/后 (``两年前``) are relative dates, not
      quantities; ``N年`` that is a year (``2020年``, ``20年3月``) belongs to
      the date grammar.
    * Masked before matching: date spans, ordinals (``第11年``), names and
      words of ``data/not_quantities.txt`` and ``data/festivals.tsv``, event
      names (``116品质购物节``), vague sizes, URLs, e-mails, phone numbers,
      section numbers at a line start (``1.2.``).  Codes that glue digits to
      Latin letters (``5G``, ``36k``, ``iPhone13``, ``COVID-19``) need no
      mask: no unit follows their digits, so they are bare numbers; a
      magnitude or unit still makes a quantity (``GMV1758亿元``, ``100GB``).
    * A number right after 第/这/那/每/某 (role not_before) is not a quantity.

Values are computed with Decimal and written as int when integral, else
float, in base units: ``1758亿元`` -> 175800000000 (unit 元), ``6成`` -> 60 (%).

Speed: word lists become tries (one decision per character instead of a
hundred alternatives), lookbehinds are fixed-width, and the full grammar is
entered only where a cheap scan finds a possible start.  Each pattern is
compiled by the engine measured fastest for it (benchmarks/numbers_speed.py):
the standard ``re`` for tries, the grammar itself and the scan for candidates
(which opens with a class of first characters), the ``regex`` module for
scans that open with a lookbehind, which it skips through much faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.dates import festival_names
from zhextract.extract.numerals import DIGITS, cn_pair, cn_to_int
from zhextract.links import EMAIL, URL
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_table
from zhextract.trie import trie_regex

KINDS = ("money", "percent", "percentage_point", "multiple", "count", "duration", "score", "measure")
APPROX = ("over", "under", "about")
MASK = "\x00"  # stands in for every masked character: matches no part of the grammar
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, for character classes

_CN_START = "一二两三四五六七八九十"
_CN_CHARS = "〇○零一二两三四五六七八九十百千万亿"  # ○ (a white circle) is how Taiwan's papers often write 〇
_CN_DIGIT_CHARS = "〇○零一二三四五六七八九"
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


@dataclass
class Quantity:
    """One quantity of the clean text; attachment fills metric, subject, period."""

    text: str
    pos: int
    endpos: int
    value: int | float
    value_max: int | float | None
    unit: str | None
    kind: str
    approx: str | None
    currency: str | None = None
    metric: str | None = None
    metric_group: str | None = None
    change: str | None = None
    subject: str | None = None
    subject_basis: str | None = None
    period: dict[str, Any] | None = None
    metric_span: tuple[int, int] | None = None  # where the metric stands in the text (not in the output)
    metric_head: tuple[int, int] | None = None  # where its measure noun stands, when it has one

    @property
    def bare(self) -> bool:
        """A magnitude without unit (``5.7亿``): its metric decides money or count."""
        return self.unit is None and self.kind == "count"

    def to_json(self, sentence: str) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "kind": self.kind,
            "approx": self.approx,
            "currency": self.currency,
            "metric": self.metric,
            "metric_group": self.metric_group,
            "change": self.change,
            "subject": self.subject,
            "subject_basis": self.subject_basis,
            "period": self.period,
            "sentence": sentence,
            "span": [self.pos, self.endpos],
        }


# ------------------------------------------------------------------ vocabularies
CUE_ROLES = ("not_before", "not_before_cn", "relative_after", "compound", "range_sep", "event_suffix",
             "vague_before", "bare_not_after", "pre_compound", "fraction_not_next", "price_before",  # read here
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


@lru_cache(maxsize=1)
def _listed_names() -> tuple[str, ...]:
    """Entries of not_quantities.txt and every festival spelling of festivals.tsv."""
    names = [*read_list("not_quantities.txt"), *festival_names()]
    return tuple(sorted(set(names), key=len, reverse=True))


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


# ------------------------------------------------------------------ the grammar
@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    candidates: re.Pattern[str]  # where a quantity can start
    mask: _Masker
    year_tail: re.Pattern[str]
    relative_after: re.Pattern[str]
    pre_words: dict[str, str]  # approximation words written before the number
    pre_max: int
    pre_compounds: tuple[str, ...]  # words ending in an approximation word: 合约, 附近
    index: dict[str, int]  # group name -> number, of pattern
    pre_last: frozenset[str]  # last characters of the approximation words before a number
    price_before: re.Pattern[str]  # a price noun ending the text before a bare number (售价4999起)
    price_last: frozenset[str]  # last characters of the price nouns: the cheap test first


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    after, before = units()
    mags = magnitudes()
    appr = approx_words()
    cue = cues()
    compounds = cue.get("compound", ())
    mag = _magnitude_pattern(mags, after)
    unit = trie(after, compounds)
    nouns = trie([s for s, u in after.items() if u.kind == "noun"], compounds)
    classifiers = [s for s, u in after.items() if u.kind == "count"]
    cur = trie(before)
    # 多/余 may end the number (5万多); 来/几 only before a magnitude or unit (十来个, 十几万).
    mid = trie([w for w in appr["middle"] if w != "来"], compounds) + rf"|(?:来|几)(?=(?:{mag}|{unit}))"
    post = trie(appr["after"], compounds)
    sep = trie(cue.get("range_sep", ("至", "到", "-")))
    not_before = _behind(cue.get("not_before", ("第",)), negative=True)
    not_before_cn = _behind(cue.get("not_before_cn", ()), negative=True)
    money = [s for s, u in after.items() if u.kind == "money"]
    currency_names = [s for s in before if not s.isascii()]

    def noun(i: str) -> str:
        return rf"(?:{_behind(classifiers)}(?P<noun{i}>{nouns}))?"

    def tail(i: str) -> str:  # 12.6亿元人民币: a currency name may follow a money unit
        return rf"(?:{_behind(money)}(?P<tail{i}>{trie(currency_names)}))?"

    def number(i: str) -> str:
        arabic = (rf"(?P<neg{i}>(?<![\dA-Za-z%{MASK}])[-−－])?(?<!\d)(?<!\d[.．,，]){not_before}"
                  rf"(?P<ar{i}>\d+(?:[,，]\d{{3}})*(?:[.．]\d+)?)(?![.．]\d)(?P<mag{i}>{mag})?{_mixed(i)}")
        # 一点五亿元, 五〇五七点四亿元 (Taiwan): a decimal only before a magnitude or a unit (不是一点点)
        decimal = rf"(?:点[{_CN_DIGIT_CHARS}]+(?=(?:{mag}|{unit})))?"
        chinese = rf"(?<![{_CN_CHARS}]){not_before}{not_before_cn}(?P<cn{i}>[{_CN_START}][{_CN_CHARS}]*{decimal})"
        return rf"(?:{arabic}|{chinese})(?P<mid{i}>{mid})?(?P<magb{i}>{mag})?"

    main = (rf"(?:(?P<cur>{cur})\s?)?{number('1')}(?:(?P<u1>{unit}){noun('1')}{tail('1')})?"
            rf"(?:\s*(?P<sep>{sep})\s*(?:(?P<cur2>{cur})\s?)?{number('2')}"
            rf"(?:(?P<u2>{unit}){noun('2')}{tail('2')})?)?(?P<post>{post})?")
    percent_num = rf"\d+(?:[.．]\d+)?|[{_CN_CHARS}]+(?:点[{_CN_DIGIT_CHARS}]+)?"
    percent = (rf"百分之(?P<pn1>{percent_num})"
               rf"(?:\s*(?P<psep>{sep})\s*(?:百分之)?(?P<pn2>{percent_num}))?(?P<ppost>{post})?")
    # 三分之一, 千分之三 (百分之 is the percent form above); 1/3, 2/5: halves to tenths only,
    # so that 3/15 (a day) and 24/7 stay out
    fraction = (rf"(?<![{_CN_CHARS}])(?P<fden>[{_CN_CHARS}]{{1,3}})分之(?P<fnum>{percent_num})(?P<fpost>{post})?"
                rf"|(?<![\d/.．A-Za-z])(?P<afn>[1-9])/(?P<afd>10|[2-9])(?![\d/.．])"
                rf"(?!{trie(cue.get('fraction_not_next', ('决赛',)))})(?P<afpost>{post})?")
    bare_not_after = _behind(cue.get("bare_not_after", ()), negative=True)
    bare = (rf"{bare_not_after}(?P<bpre>{trie(appr['bare'])})(?P<bmag>{mag})(?![{_CN_CHARS}\d])"
            rf"(?:(?P<bu>{unit}){noun('b')})?(?P<bpost>{post})?")
    pattern = re.compile(rf"(?P<pct>{percent})|(?P<frac>{fraction})|(?P<bare>{bare})|{main}")
    # Where a quantity can start: a digit, a sign, a currency, 百分之, a bare
    # magnitude's approximation word, or a Chinese numeral that a unit,
    # magnitude, approximation or range follows (most 一 in prose are not).
    follow = {w[0] for w in after} | {w[0] for w in appr["middle"]} | {"几"} \
        | {w[0] for w in cue.get("range_sep", ("至", "到", "-"))}
    # The characters those start with, tested first: the engine skips the rest of the text at once.
    first = {"-", "−", "－", "百", *_CN_CHARS, *(w[0] for w in before), *(w[0] for w in appr["bare"])}
    first_class = r"[\d" + "".join(regex.escape(c) for c in sorted(first)) + "]"
    # That class is the pattern's first character, consumed: ``re`` skips to the next character of the class
    # in its own loop (faster than ``regex``, and than a pattern that opens with a lookahead, which is entered
    # at every position); what must follow is tested at that character from a lookbehind one character wide.
    # Only the start of a match is used.  A run of Chinese numerals is read whole, to where no numeral
    # follows (``re`` before Python 3.11 has no possessive ``*+``): what follows the run is tested only there.
    candidates = re.compile(
        rf"{first_class}(?<=(?="
        rf"\d|[-−－](?=\d)|{cur}|百分之|(?<![{_CN_CHARS}])[{_CN_CHARS}]{{1,3}}分之|{trie(appr['bare'])}(?=[十百千万亿])"
        rf"|(?<![{_CN_CHARS}])[{_CN_START}][{_CN_CHARS}]*(?![{_CN_CHARS}])"
        rf"(?:(?<=[万亿])|(?=[{re.escape(''.join(sorted(follow)))}])|(?=点[{_CN_DIGIT_CHARS}]))).)")
    year_tail = re.compile(r"\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月|[上下]半年|第?[一二三四1-4]季"
                           r"|前[一二三1-3]季)")
    relative = re.compile(trie(cue.get("relative_after", ("前", "后"))))
    pre_words = appr["before"]
    return _Grammar(pattern, candidates, _masker(after, mags), year_tail, relative, pre_words,
                    max(map(len, pre_words), default=0), cue.get("pre_compound", ()), dict(pattern.groupindex),
                    frozenset(w[-1] for w in pre_words),
                    re.compile(rf"(?:{trie(cue.get('price_before', ()))})\s?\Z"),
                    frozenset(w[-1] for w in cue.get("price_before", ())))


def _magnitude_pattern(mags: dict[str, Decimal], after: dict[str, Unit]) -> str:
    """A magnitude word.  It must not eat the first character of a unit (千 in 3千米); one that
    scales money only (兆, money_magnitudes) must stand right before a money unit (44.8兆元, not
    300兆瓦 nor 2400兆赫), or before the lower digits of a sum in mixed notation (3兆1,326亿元)."""
    plain = trie([w for w in mags if w not in money_magnitudes()], after)
    money_only = [w for w in mags if w in money_magnitudes()]
    if not money_only:
        return plain
    money = trie([s for s, u in after.items() if u.kind == "money"])
    # 3兆1,326亿元: the money magnitude before the lower digits of a figure in mixed notation (see _mixed)
    lower = rf"(?:\d[,，]\d{{3}}|\d{{1,4}})亿(?:\d{{1,4}}万)?(?:{money})"
    return rf"(?:{plain}|{trie(money_only)}(?={money}|{lower}))"


def _mixed(i: str) -> str:
    """The rest of a figure written in mixed notation, after its magnitude: ``2万6,418`` (26418),
    ``1亿2000万`` (120000000), ``2亿3500万6,000``, ``3兆1,326亿`` (Taiwan: 3.1326 × 10^12).  After 万
    only four digits, so that the rest is all the figure's lower digits and the value is exact (``3万8`` is
    spoken shorthand, left out)."""
    return (rf"(?:(?<=兆)(?P<yi{i}>\d[,，]\d{{3}}|\d{{1,4}})亿)?"
            rf"(?:(?<=亿)(?P<wan{i}>\d{{1,4}})万)?"
            rf"(?:(?<=万)(?P<rest{i}>\d[,，]\d{{3}}|\d{{4}})(?![\d.．,，]))?")


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
    event_suffixes: tuple[str, ...]
    event_number: re.Pattern[str]  # the number before an event suffix, read backwards from it

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = [(m.start(), m.end()) for m in self.names.finditer(text) if self.guards[m.group()].match(text, m.start())]
        for triggers, pattern in self.patterns:
            if triggers and not any(t in text for t in triggers):
                continue
            out.extend((m.start(), m.end()) for m in pattern.finditer(text))
        # Event names built on a number (116品质购物节): found from their suffix.
        for suffix in self.event_suffixes:
            i = text.find(suffix)
            while i >= 0:
                lo = max(0, i - 16)
                m = self.event_number.search(text, lo, i)
                if m:
                    out.append(m.span(1))
                i = text.find(suffix, i + 1)
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
        re.compile(r"^[ \t　]*(\d+(?:[.．]\d+)*[.．、](?!\d)|[一二三四五六七八九十]+、)", re.MULTILINE),
        suffixes,
        re.compile(rf"(?<![\d.．])(\d+)(?:(?!的)[{HAN}]){{0,3}}$"),
    )


# ------------------------------------------------------------------ finding
def masked_text(text: str, claimed: Iterable[tuple[int, int]]) -> str:
    """``text`` with date spans and non-quantities replaced by MASK, offsets kept."""
    spans = sorted([*claimed, *grammar().mask.spans(text)])
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for s, e in spans:
        s = max(s, last)
        if e <= s:
            continue
        out.append(text[last:s])
        out.append(MASK * (e - s))
        last = e
    out.append(text[last:])
    return "".join(out)


def find_numbers(text: str, claimed: Iterable[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities of ``text``, never inside the spans ``claimed`` by the date grammar."""
    masked = masked_text(text, claimed)
    g = grammar()
    out: list[Quantity] = []
    pos = 0
    search, match = g.candidates.search, g.pattern.match
    # Like pattern.finditer, but the big pattern is entered only where a quantity
    # can start, and the scan resumes after what was read (a failed range gives
    # back its second half).
    while (c := search(masked, pos)) is not None:
        m = match(masked, c.start())
        if m is None or m.end() == m.start():
            pos = c.start() + 1
            continue
        groups = _Groups(m, g.index)
        if groups.group("pct") is not None:
            q = _percent_words(groups)
        elif groups.group("frac") is not None:
            q = _fraction(groups)
        elif groups.group("bare") is not None:
            q = _bare(groups)
        else:
            q = _quantity(groups, masked)
        if q is None:  # nothing here; a range's second number may still be read on its own
            pos = groups.end("sep") if groups.group("sep") is not None else m.end()
            continue
        pos = q.endpos
        if groups.group("bare") is None:
            q.pos, q.approx = _with_pre(g, masked, q)
        q.text = text[q.pos:q.endpos]
        out.append(q)
    return out


def _with_pre(g: _Grammar, masked: str, q: Quantity) -> tuple[int, str | None]:
    """Extend ``q`` back over an approximation word written before it (超过5000亿, 约 30%)."""
    pos = q.pos
    if pos > 0 and masked[pos - 1] == " ":
        pos -= 1
    if pos == 0 or masked[pos - 1] not in g.pre_last:
        return q.pos, q.approx
    for n in range(min(g.pre_max, pos), 0, -1):
        approx = g.pre_words.get(masked[pos - n:pos])
        if approx is not None and not any(masked.startswith(c, pos - len(c)) for c in g.pre_compounds):
            return pos - n, q.approx or approx
    return q.pos, q.approx


class _Groups:
    """A match's groups by name, read once (``groups()`` is one call, ``group(name)`` one per name)."""

    __slots__ = ("_index", "_regs", "_values")

    def __init__(self, m: re.Match[str], index: dict[str, int]) -> None:
        self._index = index
        self._values = m.groups()
        self._regs = m.regs

    def group(self, name: str) -> str | None:
        return self._values[self._index[name] - 1]

    def start(self, name: str) -> int:
        return int(self._regs[self._index[name]][0])

    def end(self, name: str | None = None) -> int:
        return int(self._regs[self._index[name] if name else 0][1])


# ------------------------------------------------------------------ building
def _plain(d: Decimal) -> int | float:
    """int when integral, else the shortest float (no binary artefacts from Decimal)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d.normalize())


def _arabic(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", "").replace("，", "").replace("．", "."))
    except InvalidOperation:
        return None


def _cn_decimal(s: str) -> Decimal | None:
    """``三点五`` -> 3.5, ``三十`` -> 30, ``百`` -> 100 (for 百分之...)."""
    if s[:1].isdigit():
        return _arabic(s)
    whole, _, frac = s.partition("点")
    # digit by digit before a decimal point (五〇五七点四亿) is a figure, not a code: read as such
    n = cn_to_int(whole, digit_strings=bool(frac)) if whole else 0
    if n is None:
        return None
    if not frac:
        return Decimal(n)
    return Decimal(f"{n}.{''.join(str(DIGITS[c]) for c in frac)}")


def _raw(m: _Groups, i: str) -> str | None:
    return m.group(f"ar{i}") or m.group(f"cn{i}")


def _is_scaled(m: _Groups, i: str) -> bool:
    """Whether number ``i`` carries a magnitude (1.5亿, 两千五百万, 3000多亿)."""
    cn = m.group(f"cn{i}")
    return bool(m.group(f"mag{i}") or m.group(f"magb{i}") or (cn and ("万" in cn or "亿" in cn)))


def _scale(m: _Groups, i: str) -> Decimal:
    word = m.group(f"mag{i}") or m.group(f"magb{i}")
    return magnitudes()[word] if word else Decimal(1)


def _numeral(m: _Groups, i: str) -> tuple[Decimal, Decimal | None] | None:
    """Value of number ``i`` with its magnitude: (low, high); high is set for 三四家 and 十几."""
    mid = m.group(f"mid{i}")
    high: Decimal | None = None
    arabic = m.group(f"ar{i}")
    if arabic is not None:
        low = _arabic(arabic)
        if low is None or mid == "几" or (m.group(f"mag{i}") and m.group(f"magb{i}")):
            return None
        rest = _mixed_rest(m, i)
        if rest:
            if m.group(f"magb{i}") or mid:
                return None  # 2万6,418万: no figure
            low = low * _scale(m, i) + rest
            return (-low if m.group(f"neg{i}") else low), None
        if m.group(f"neg{i}"):
            low = -low
    else:
        raw = m.group(f"cn{i}") or ""
        pair = cn_pair(raw)
        if pair:
            low, high = Decimal(pair[0]), Decimal(pair[1])
        elif "点" in raw:
            decimal = _cn_decimal(raw)
            if decimal is None or mid:
                return None
            low = decimal
        else:
            n = cn_to_int(raw, digit_strings=False)
            if n is None:
                return None
            low = Decimal(n)
            if mid == "几":
                if not raw.endswith("十"):
                    return None
                low, high = low + 1, low + 9
    scale = _scale(m, i)
    return low * scale, (high * scale if high is not None else None)


def _mixed_rest(m: _Groups, i: str) -> Decimal:
    """The lower digits of a figure in mixed notation (3万|8,293, 1亿|2000万, 3兆|1,326亿): their value, 0 when
    none."""
    yi, wan, rest = m.group(f"yi{i}"), m.group(f"wan{i}"), m.group(f"rest{i}")
    return (Decimal(int((yi or "0").replace(",", "").replace("，", ""))) * 10**8 + Decimal(int(wan or 0)) * 10000
            + Decimal(int((rest or "0").replace(",", "").replace("，", ""))))


_APPROX_POSITION = {"mid1": "middle", "mid2": "middle", "post": "after", "ppost": "after", "bpre": "bare",
                    "bpost": "after", "fpost": "after", "afpost": "after"}


def _approx(m: _Groups, *groups: str) -> str | None:
    words = approx_words()
    for name in groups:
        w = m.group(name)
        if w and w in words[_APPROX_POSITION[name]]:
            return words[_APPROX_POSITION[name]][w]
        if w == "几":
            return "about"
    return None


def _quantity(m: _Groups, masked: str, single: bool = False) -> Quantity | None:
    """The main form: [currency] number [unit] [range] [approx]; the approximation before is added later.

    A range that does not hold (25%至1200亿元: two units; 50-30: downwards)
    falls back to its first number alone (``single``); the scan resumes after it.
    """
    after, before = units()
    ranged = not single and m.group("sep") is not None
    u1, u2 = m.group("u1"), (m.group("u2") if ranged else None)
    unit_word = u2 or u1
    cur = before[m.group("cur") or ""] if m.group("cur") else None
    unit = after[unit_word] if unit_word else None
    if unit_word is None and cur is None and not (_is_scaled(m, "1") or (ranged and _is_scaled(m, "2"))):
        # a bare number: no unit, magnitude or currency (cheap test first: most matches end here)
        if not _priced(m, masked):
            return None
        unit = after["元"]
    raw = _raw(m, "1") or ""
    if unit is not None and unit.arabic_only and m.group("cn1") is not None:
        return None  # 十分 is "very"
    if unit is not None and unit.level_only and not _level_shaped(raw):
        return None  # 8点 is a clock time; 380.9点, 3050点 are the level of an index
    first = _numeral(m, "1")
    if first is None:
        return None
    low, high = first
    value_max = high
    if ranged:
        second = _numeral(m, "2")
        if second is None or (u1 and u2 and after[u1].unit != after[u2].unit) or (m.group("cur2") and (
                cur is None or before[m.group("cur2") or ""].currency != cur.currency)):
            return _quantity(m, masked, single=True)  # 25%至1200亿元, ￥50~$80
        low2, high2 = second
        if not _is_scaled(m, "1") and _is_scaled(m, "2") and not u1:
            low *= _scale(m, "2")  # 200-300万元: the magnitude applies to both ends
        value_max = high2 if high2 is not None else low2
        if value_max <= low:
            return _quantity(m, masked, single=True)
    end = m.end() if not single else max(m.end(g) for g in _FIRST_PART if m.group(g) is not None)
    if not _unit_fits(m, masked, raw, unit, ranged, end):
        return None
    if _model_number(m, masked, unit):
        return None
    kind, unit_out, currency, factor = "count", None, None, Decimal(1)
    if unit is not None:
        kind = "count" if unit.kind == "noun" else unit.kind
        unit_out, currency, factor = unit.unit, unit.currency, unit.factor
    for tail in (m.group("tail1"), m.group("tail2") if ranged else None):
        if tail and (unit is None or before[tail].currency != unit.currency):
            return None  # 100元美元
    if cur is not None:
        if unit is not None and unit.kind != "money":
            return None  # ￥3天
        kind, currency = "money", cur.currency
        unit_out = unit_out or cur.unit
    noun = (m.group("noun2") if ranged else None) or m.group("noun1")
    if noun:
        unit_out = after[noun].unit  # 100个粉丝: the counted noun is the unit
    approx = _approx(m, "mid1", "mid2", "post") if not single else _approx(m, "mid1")
    if approx is None and unit_word and "多" in unit_word:
        approx = "over"  # 两个多月: 个多月 is spelled as one unit
    if value_max is not None and approx is None and not ranged:
        approx = "about"  # 三四家, 十几万
    if unit is not None and unit.kind in ("duration", "multiple"):  # 一年半, 两个半小时, 两倍半: half a unit more
        low += Decimal("0.5") if "半" in (u1 or "") else 0
        if value_max is not None and "半" in (unit_word or ""):
            value_max += Decimal("0.5")
    start = m.start("cur") if m.group("cur") else m.start("neg1") if m.group("neg1") else \
        m.start("ar1") if m.group("ar1") else m.start("cn1")
    return Quantity("", start, end, _plain(low * factor),
                    _plain(value_max * factor) if value_max is not None else None,
                    unit_out, kind, approx, currency)


_FIRST_PART = ("ar1", "cn1", "mag1", "wan1", "rest1", "mid1", "magb1", "u1", "noun1", "tail1")


def _unit_fits(m: _Groups, masked: str, raw: str, unit: Unit | None, ranged: bool, end: int) -> bool:
    """Rules that depend on the unit: indefinite 一, relative dates, years."""
    if unit is None:
        return True
    if unit.kind in ("count", "measure", "noun", "duration") and raw == "一" and not ranged \
            and not _approx(m, "mid1", "post") and not any(c in (m.group("u1") or "") for c in "多半") \
            and not _has_pre(masked, m.start("cn1")):
        return False  # 一个 / 一场 / 特殊的一年: an indefinite article
    if unit.kind == "duration":
        return _duration_ok(m, masked, raw, unit, end)
    return True


def _priced(m: _Groups, masked: str) -> bool:
    """A bare Arabic number right after a price noun is a price though no unit follows (新机售价4999起,
    价格3999-4599): the noun says it is money (number_cues.tsv, price_before).  Only Arabic digits, with no
    magnitude (those are read anyway) and not a model name glued to Latin letters (价格iPhone15)."""
    at = m.start("ar1")
    if m.group("ar1") is None or at < 1 or (masked[at - 1] == " " and at < 2):
        return False
    g = grammar()
    if masked[at - 1] not in g.price_last and masked[at - 2] not in g.price_last:
        return False
    return g.price_before.search(masked, max(0, at - 8), at) is not None


def _model_number(m: _Groups, masked: str, unit: Unit | None) -> bool:
    """``iPhone 15用户``, ``Mate 60用户``: digits after a Latin word are a model's name, not a count.

    Only a count without magnitude or currency: ``GMV 1000亿元`` and a measure
    (``Pro 256GB``) stay quantities.
    """
    if m.group("ar1") is None or m.group("cur") or m.group("mag1") or m.group("magb1"):
        return False
    if unit is not None and unit.kind not in ("noun", "count"):
        return False
    i = m.start("ar1")
    if i > 0 and masked[i - 1] == " ":
        i -= 1
    return i > 0 and bool(_ASCII_LETTER.match(masked[i - 1]))


def _has_pre(masked: str, pos: int) -> bool:
    g = grammar()
    return any(masked[max(0, pos - n):pos] in g.pre_words for n in range(1, g.pre_max + 1)) \
        and not any(masked.startswith(c, pos - len(c)) for c in g.pre_compounds)


def _duration_ok(m: _Groups, masked: str, raw: str, unit: Unit, end: int) -> bool:
    """A duration is not a relative date (两年前) and N年 is not a year (2020年, 20年3月)."""
    g = grammar()
    unit_end = m.end("u2") if m.group("u2") and end == m.end() else m.end("u1")
    if g.relative_after.match(masked, unit_end) or g.relative_after.match(masked, end):
        return False
    if unit.unit == "年":
        if raw.isdigit() and len(raw) == 4:
            return False
        if g.year_tail.match(masked, unit_end):
            return False
    return True


def _percent_words(m: _Groups) -> Quantity | None:
    """百分之三十, 百分之十二点五, 百分之三十到四十."""
    low = _cn_decimal(m.group("pn1") or "")
    if low is None:
        return None
    value_max = None
    if m.group("pn2"):
        value_max = _cn_decimal(m.group("pn2") or "")
        if value_max is None or value_max <= low:
            return None
    return Quantity("", m.start("pct"), m.end(), _plain(low), _plain(value_max) if value_max is not None else None,
                    "%", "percent", _approx(m, "ppost"))


def _fraction(m: _Groups) -> Quantity | None:
    """三分之一, 千分之三, 1/3: a share, written as a percentage (三分之一 -> 33.3333 %)."""
    if m.group("afn") is not None:
        num, den = Decimal(m.group("afn") or "0"), Decimal(m.group("afd") or "0")
        post = "afpost"
    else:
        written = m.group("fden") or ""
        den = Decimal(cn_to_int(("一" if written[0] in "十百千万亿" else "") + written, digit_strings=False) or 0)
        num = _cn_decimal(m.group("fnum") or "") or Decimal(0)
        post = "fpost"
    if not 0 < num < den:
        return None
    value = (num / den * 100).quantize(Decimal("0.0001")).normalize()
    return Quantity("", m.start("frac"), m.end(), _plain(value), None, "%", "percent", _approx(m, post))


def _level_shaped(raw: str) -> bool:
    """Whether an Arabic number reads as the level of an index: with decimals, or three digits or more."""
    digits = raw.replace(",", "").replace("，", "")
    return "." in digits or "．" in digits or sum(c.isdigit() for c in digits) >= 3


def _bare(m: _Groups) -> Quantity | None:
    """上亿, 过万, 近百年: the magnitude is the bound."""
    after, _ = units()
    value = magnitudes()[m.group("bmag") or ""]
    unit = after[m.group("bu") or ""] if m.group("bu") else None
    kind, unit_out, currency = "count", None, None
    if unit is not None:
        if unit.arabic_only:
            return None
        kind, unit_out, currency = ("count" if unit.kind == "noun" else unit.kind), unit.unit, unit.currency
        value *= unit.factor
        if m.group("nounb"):
            unit_out = after[m.group("nounb") or ""].unit
    return Quantity("", m.start("bpre"), m.end(), _plain(value), None, unit_out, kind, _approx(m, "bpre"), currency)
