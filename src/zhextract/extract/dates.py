"""The Chinese date grammar: find date expressions and resolve them to ISO dates.

Every mention gets ``start``/``end`` (inclusive ISO dates, or datetimes when
a time is written), a ``precision`` (year, half, quarter, month, dekad, week,
day, time) and a ``basis`` saying how its year was found:

* ``absolute``   the text writes the year (``2020年10月9日``, ``2022Q1``, ``22年3月``);
* ``narrative``  a partial date takes the year of the story around it (below);
* ``reference``  nothing in the story names a year: the article's reference date;
* ``relative``   ``今年``, ``去年8月``, ``本月``, ``近日``, ``两年前``: counted from the reference date;
* ``anaphoric``  ``同年6月``, ``当月``, ``当天``, ``28日``, ``晚上8点``: from the date last mentioned;
* ``unresolved`` a date the grammar recognises but cannot place (no reference date
  for ``今年3月`` or ``10月9日``); start and end are null.  Anaphoric words with
  nothing before them to point at (``当年``, ``当月``, ``第二天``) are not dates.

**The narrative rule** (a partial date such as ``10月9日``, ``二季度``,
``双十一``, ``年底``): the year comes from, in order,

1. the last year *named* earlier in the same sentence, else earlier in the
   same paragraph, else in the paragraph before — unless that paragraph is a
   section heading (a short line without closing punctuation), which starts a
   new story.  A year is "named" by a mention that writes it or names it
   relatively (``2020年``, ``今年``, ``同年``, ``本月``); a partial date that borrowed
   its year names none, so a year cannot creep on from paragraph to paragraph;
2. else a date already resolved with the same month and day (a later
   ``3月1日前`` refers back to the article's ``3月1日``);
3. else the reference date's year.

Not every year a text writes is the year its story is in.  A comparison base
(``与2022年基本持平``, ``比去年同期``) settles nothing: it names no year and is no
antecedent.  A plan's or an open period's year (``计划到2025年``, ``自2020年起``,
a year, half or quarter) is an antecedent but names no year, so the partial
dates after it keep the story's year or the reference's.

A word of the present (``近月``, ``目前``, ``如今``; class ``present``) between a year named in an
earlier sentence and a partial date ends that year's reach: the story is back at the reference's
time.  A relative open period that holds the reference (``本季至今``, ``今年以来``) names its year.

Limits: topic jumps inside a paragraph, or from one paragraph to the next
without a heading, are not detected; a story that goes on for several
paragraphs without restating its year falls back to the reference year after
the second.  Partial dates are never moved to the next year because they fall
after the reference date (``将于12月1日上线`` is a plan, not last year).

**Quarters written the Hong Kong, Macau and Taiwan way**: ``今季``, ``本季`` (and ``本季度``) are the
reference's quarter; ``上季``, ``下一季`` the one before or after the quarter the story just named, else
the reference's; without 度 none is a quarter before a word of seasons (``quarter_first_not_next``:
``今季联赛``, ``本季节``).  A bare ``第二季`` is a quarter only before a word of results (``第三季季报``,
``第二季营收``) or while the story is counting quarters (the last date was one, in this paragraph or
the one before); else it is a show's or a league's season and no date.

**The same period a year earlier**: ``去年同期`` (``上年同期``) is the latest-ending period named
before it in its sentence, else in its narrative (``2022年营收…。较去年同期下降`` is 2021;
``截至2025年6月30日止六个月…较去年同期`` is the first half of 2024), moved back a year, basis
anaphoric; an open frame is a year to date; with no frame, the year before the reference.
``截至…止六个月``/``截至…止年度`` are the months ending that day, as reports name their periods.

**News leads**: a bare day written between its doer and a verb of the lead (``刘某5日在杭州表示``,
``bare_day_next``) is a day of the month last mentioned, else of the reference's, like ``，3日``;
never after a count word (``连续3日``, ``每月15日``: ``bare_day_not_after``).  ``今（16）日``
(Taiwan) is the relative day, its written day of the month winning if they disagree.

**Open ends**: ``10月9日起``/``以来``/``至今`` keep the start and set ``open: "end"``
(no end is invented); ``截至…`` keeps the end (``open: "start"``); ``…前`` ends the
day before, ``…后`` starts the day after.  ``近日``/``日前``/``近期`` are recorded up
to the reference date with no start, ``open: "start"`` and ``vague: true``: the
text gives no day and none is made up.

**Not dates**: durations (``10年的进化``, ``8个月``), ordinals (``第11年``),
numbers with units (``2006.90亿元``), event names with digits (``116购物节``,
see ``festivals.tsv``), phone numbers, URLs and section numbers never match:
years need four digits (or two before a month), months and days need their
unit or a date context, and URLs are masked.

The grammar's shapes are here; its words are data: ``data/date_words.tsv``
(relative words, parts of days/months/years, open-end markers, guards) and
``data/festivals.tsv`` (festivals, lunar ones through the ``lunardate`` package).
The code never reads the clock: every relative date counts from the reference.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.numerals import to_int
from zhextract.extract.text import TextIndex
from zhextract.links import LINK_RE
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table
from zhextract.trie import trie_regex

PRECISIONS = ("year", "half", "quarter", "month", "dekad", "week", "day", "time")
BASES = ("absolute", "narrative", "reference", "relative", "anaphoric", "unresolved")
_FINE = {"month": 3, "dekad": 4, "week": 5, "day": 6, "time": 7}  # precisions that know their month

Stamp = dt.date  # a day, or a datetime (a subclass) when a time is written


@dataclass
class DateMention:
    """One date expression: ``text[pos:endpos]``, resolved."""

    text: str
    pos: int
    endpos: int
    start: str | None
    end: str | None
    precision: str
    basis: str
    open: str | None = None  # "end": from start onwards; "start": up to end
    year: int | None = None  # the year the mention names (None for partial dates)
    vague: bool = False  # 近日: no day is known, only that it is recent
    festival: bool = False
    month: int | None = None
    day: int | None = None
    lo: Stamp | None = None  # first day/time of the core date, before open ends are applied
    hi: Stamp | None = None
    month_borrowed: bool = False  # 12日 alone, in the reference's month: no evidence of the reference's day

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "basis": self.basis,
        }
        if self.open:
            out["open"] = self.open
        if self.vague:
            out["vague"] = True
        if self.partial:
            out["partial"] = self.partial
        return out

    @property
    def partial(self) -> str | None:
        """What is known of a date whose year is not: ISO 8601's reduced form without the year
        (``--09-09``, ``--09``), for a user to resolve with a reference date later; None otherwise."""
        if self.start is not None or self.end is not None or self.month is None or self.basis != "unresolved":
            return None
        return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day is not None else "")


# ------------------------------------------------------------------ rule data
_CLASSES = {
    "rel_year", "ana_year", "rel_month", "ana_month", "rel_day", "ana_day", "rel_week", "vague", "this",
    "day_part", "day_part_not_next", "month_part", "year_part", "year_part_guarded", "year_part_next",
    "ago_unit", "ago_dir", "from", "after", "before", "eve", "until", "during", "range", "not_after_nian",
    "not_after_qian", "not_after_hou", "not_after_qi", "festival_next", "bare_day_prev", "bare_day_not_next",
    "quarter_first_not_next", "rel_quarter", "month_part_guarded", "month_part_next", "present",
    "until_close", "until_year", "same_period", "bare_day_next", "bare_day_not_after", "quarter_next",
    "short_year_not_after", "short_year_not_next", "full_year", "full_year_not_prev", "year_part_results",
    "year_part_results_next", "now", "end_part",
    "rel_day_not_next", "vague_not_prev", "future", "until_verb", "not_after_zhijin", "compare_prev",
    "compare_next", "year_on_year", "prior_year",
}


@dataclass(frozen=True)
class Words:
    """``date_words.tsv`` by class: word -> (value, extra)."""

    table: dict[str, dict[str, tuple[str, str]]]

    def words(self, *classes: str) -> list[str]:
        out = {w for c in classes for w in self.table.get(c, {})}
        return sorted(out, key=lambda w: (-len(w), w))

    def alt(self, *classes: str) -> str:
        """The words as a regex trie: one test per character, longest first."""
        return trie_regex(self.words(*classes))

    def chars(self, cls: str) -> str:
        """A class of one-character words as a regex character set body."""
        return "".join(regex.escape(w) for w in self.words(cls) if len(w) == 1)

    def value(self, cls: str, word: str) -> str:
        return self.table[cls][word][0]

    def extra(self, cls: str, word: str) -> str:
        return self.table[cls][word][1]

    def class_of(self, word: str, *classes: str) -> str | None:
        for c in classes:
            if word in self.table.get(c, {}):
                return c
        return None


@lru_cache(maxsize=1)
def date_words() -> Words:
    table: dict[str, dict[str, tuple[str, str]]] = {}
    for row in read_table("date_words.tsv", 4, 3):
        if row[0] not in _CLASSES:
            raise row.error(f"unknown class {row[0]!r}")
        for word in row.items(1):
            table.setdefault(row[0], {})[word] = (row[2], row[3])
    return Words(table)


@dataclass(frozen=True)
class Festival:
    """One line of ``festivals.tsv``: how to find the festival's days in a year."""

    name: str
    calendar: str
    when: str
    shift: int
    days: int

    def span(self, year: int) -> tuple[dt.date, dt.date] | None:
        return _festival_span(self, year)

    def _span(self, year: int) -> tuple[dt.date, dt.date] | None:
        first = self._day(year)
        if first is None:
            return None
        first += dt.timedelta(days=self.shift)
        return first, first + dt.timedelta(days=self.days - 1)

    def _day(self, year: int) -> dt.date | None:
        try:
            if self.calendar == "solar":
                mm, dd = (int(x) for x in self.when.split("-"))
                return dt.date(year, mm, dd)
            if self.calendar == "lunar":
                return _lunar_in_year(year, *(int(x) for x in self.when.split("-")))
            if self.calendar == "weekday":
                mm, nth, wd = (int(x) for x in self.when.split("/"))
                first = dt.date(year, mm, 1)
                return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
        except ValueError:
            return None
        return None


@lru_cache(maxsize=1024)
def _festival_span(fest: Festival, year: int) -> tuple[dt.date, dt.date] | None:
    """A festival's days in a year, computed once (a lunar one costs a conversion of the calendar)."""
    return fest._span(year)


def _lunar_in_year(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of lunar ``month-day`` for "``year``年<festival>".

    Lunar year N starts in January/February of Gregorian year N, so its last
    month (腊八 is lunar 12-08) may fall in January of N+1: the day of lunar
    year N if it falls in Gregorian N, else that of lunar year N-1 if it does;
    a Gregorian year can also hold none (2023 has no 腊八), and then it is
    lunar year N's own day, early in N+1.
    """
    from lunardate import LunarDate  # lazily: only articles with lunar festivals pay for it

    days = {}
    for lunar_year in (year, year - 1):
        try:
            days[lunar_year] = LunarDate(lunar_year, month, day).to_solar_date()
        except ValueError:
            continue
    for lunar_year in (year, year - 1):
        if lunar_year in days and days[lunar_year].year == year:
            return days[lunar_year]
    return days.get(year)


@lru_cache(maxsize=1)
def festivals() -> dict[str, Festival | None]:
    """Spelling -> festival (None for names that are not dates, calendar ``name``)."""
    table: dict[str, Festival | None] = {}
    for row in read_table("festivals.tsv", 5, 3):
        names = row.items(0)
        if not names:
            raise row.error("no festival name")
        if row[1] not in ("solar", "lunar", "weekday", "name"):
            raise row.error(f"unknown calendar {row[1]!r}")
        fest = None
        if row[1] != "name":
            try:
                fest = Festival(names[0], row[1], row[2], int(row[3] or 0), int(row[4] or 1))
            except ValueError:
                raise row.error("shift and days must be integers") from None
            if fest.days < 1 or fest.span(2020) is None:
                raise row.error(f"cannot compute a day from {row[2]!r}")
        for name in names:
            table[name] = fest
    return table


def festival_names() -> list[str]:
    """Every festival spelling, dates and names alike (the number grammar skips them)."""
    return sorted(festivals(), key=lambda n: (-len(n), n))


# ------------------------------------------------------------------ grammar
_SPACE = r"[ \t\u3000]"
_S = _SPACE + "?"  # machine translation and OCR put single spaces between tokens: 10 月 29 日
_CN_DIGITS = "〇零○一二三四五六七八九"
_NUMERALS = _CN_DIGITS + "十两"  # characters a Chinese numeral can start with
_Y4 = (r"(?:(?<![\d.\-/:])(?:19|20)\d{2}(?!\d)"
       rf"|(?<![{_CN_DIGITS}十])[一二][{_CN_DIGITS}]{{3}}(?![{_CN_DIGITS}]))")
_Y4_NIAN = (r"(?:(?<![\d.])(?:19|20)\d{2}(?!\d)"  # before 年: a dash before it is no phone number
            rf"|(?<![{_CN_DIGITS}十])[一二][{_CN_DIGITS}]{{3}}(?![{_CN_DIGITS}]))")
_Y4_END = rf"(?:(?<![\d.])(?:19|20)\d{{2}}(?!\d)|[一二][{_CN_DIGITS}]{{3}})"  # second year of a range
_M = (r"(?:(?<![\d.近])(?:1[0-2]|0?[1-9])(?!\d)"
      r"|(?<![〇零○一二三四五六七八九十百千万两几])(?:十[一二]|十|[一二三四五六七八九]))")
_D_DIG = r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_D_CN = r"(?:三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|十|[一二三四五六七八九])"
_HOUR_CN = r"(?:二十[一二三四]|二十|十[一二三四五六七八九]|十|[零一二两三四五六七八九])"
_MIN_CN = r"(?:[一二三四五]?十[一二三四五六七八九]?|[零〇][一二三四五六七八九]|[一二三四五六七八九])"
_Q = r"[一二三四1-4]"


def _time(w: Words, sfx: str = "", pod_required: bool = False, colon_only: bool = False) -> str:
    """A clock time, optionally after a part of the day; groups pod/h/mi/sec/half + ``sfx``."""
    pod = _pod(w)
    clock = (rf"(?P<h{sfx}>2[0-4]|[01]?\d){_S}[:：]{_S}(?P<mi{sfx}>[0-5]\d)"
             rf"(?:[:：](?P<sec{sfx}>[0-5]\d))?(?!\d)")
    spoken = (rf"(?P<h{sfx}>2[0-4]|[01]?\d){_S}[点时](?:{_S}(?P<mi{sfx}>[0-5]?\d|{_MIN_CN}){_S}分"
              rf"|(?P<half{sfx}>半)|(?P<mi{sfx}>[0-5]\d)(?!\d))?"
              rf"|(?P<h{sfx}>{_HOUR_CN}){_S}[点时](?:(?P<mi{sfx}>{_MIN_CN})分|(?P<half{sfx}>半))?")
    if colon_only:
        return rf"(?<![\d:：.]){clock}"
    body = rf"(?<![\d.])(?:{clock}|{spoken})"
    if pod_required:
        return rf"(?P<pod{sfx}>{pod}){_S}{body}"
    return rf"(?:(?P<pod{sfx}>{pod}){_S})?{body}"


def _day_stems(w: Words) -> list[str]:
    """今, 昨, 明: the relative days written with their day of the month inside, ``今（16）日`` (Taiwan)."""
    return sorted({d[:-1] for d in w.words("rel_day") if d.endswith("日") and len(d) == 2})


def _month_part(w: Words, group: str = "mpart") -> str:
    """A part of a month (上旬, 底) after its month; a guarded one (中) only where it cannot start
    another word: followed by a mark or a word of ``month_part_next`` (本月中召开, but 9月中国, 本月中心)."""
    guarded = w.alt("month_part_guarded")
    if not guarded:
        return rf"(?P<{group}>{w.alt('month_part')})"
    return (rf"(?:(?P<{group}>{w.alt('month_part')})"
            rf"|(?P<{group}>{guarded})(?=[^\p{{Han}}]|$|{w.alt('month_part_next')}))")


def _pod(w: Words) -> str:
    """Parts of the day; one-character ones (晚, 早) must not start another word (晚会)."""
    not_next = w.alt("day_part_not_next")
    parts = [regex.escape(p) + (rf"(?!{not_next})" if len(p) == 1 and not_next else "")
             for p in w.words("day_part")]
    return "|".join(parts)


_SUFFIX_GUARDS = {"前": "not_after_qian", "后": "not_after_hou", "起": "not_after_qi", "至今": "not_after_zhijin"}


def _guarded(w: Words, *classes: str) -> str:
    """Words of ``classes``, longest first; 前/后/起/至今 must not start another word (前往, 后续, 起诉, 至今年)."""
    parts = []
    for word in w.words(*classes):
        guard = w.alt(_SUFFIX_GUARDS[word]) if word in _SUFFIX_GUARDS else ""
        parts.append(regex.escape(word) + (rf"(?!{guard})" if guard else ""))
    return "|".join(parts)


def _festival_alt(initial: str = "any") -> str:
    """Festival names that are dates, longest first; all-digit ones (618) only as a whole word in context.

    ``initial`` keeps the names that start with a numeral (618, 五一假期), the others, or ``any``.
    """
    nxt = date_words().alt("festival_next")
    dated = [name for name, fest in festivals().items() if fest is not None]
    if initial != "any":
        dated = [n for n in dated if (n[0] in _NUMERALS or n[0].isdigit()) == (initial == "numeral")]
    digits = [rf"(?<![\d.]){regex.escape(n)}(?![\d.%])(?=[^\p{{Han}}\w]|$|{nxt})"
              for n in sorted(dated, key=lambda n: (-len(n), n)) if n.isdigit()]
    words = [n for n in dated if not n.isdigit()]
    return "|".join([*digits, trie_regex(words)] if words else digits) or r"(?!x)x"


@dataclass(frozen=True)
class _Scanner:
    """The grammar and the cheap filter that finds where it can match."""

    starts: re.Pattern[str]  # the first character of every numeral or word that can start a date
    grammar: regex.Pattern[str]  # anchored: the whole expression


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    """The whole grammar as one regex, dispatched on the first character.

    Expressions start either with a numeral (``2020年``, ``十月``, ``Q2``, ``618``)
    or with a word (``今年``, ``同年``, ``双十一``, ``第三季度``).  The scanner finds
    the characters a date can start with by a plain character class, keeps
    those where a numeral or a word of the trie starts (both in one ``re``
    pattern, so that no Python runs between candidates), and
    only there tries the grammar, anchored.  A word that starts a date only
    in its context is looked for in it: 第 and 前 before a quarter's numeral
    (第三季度, 前三季度; 第三方 and 前往 are most of them), a word of now
    after an until word (截至目前; 目前 alone is no date), a part of the day
    before its hour (晚上8点; 晚于 and 早在 are none).  Inside, the numeral forms are grouped by shape
    (a year, a month, anything else) behind cheap lookaheads, so a position
    costs a few tests instead of every alternative.  (Trying the grammar at
    every position of the text is five times slower.)
    """
    w = date_words()
    conn = w.alt("range")
    fest = _festival_alt()
    nian_guard = rf"(?!{w.alt('not_after_nian')})"
    d_unitless = rf"(?={_S}(?:{w.alt('from', 'range', 'before', 'after')}|[，,。、；;）)\s]|$))"
    md = (rf"(?P<m>{_M}){_S}月{_S}(?:(?P<d>{_D_DIG})(?:{_S}[日号]|{d_unitless})|(?P<d>{_D_CN}){_S}[日号])"
          rf"(?:{_S}(?:{_time(w)}|(?P<pod>{_pod(w)})))?")
    month_range = rf"(?P<m>{_M}){_S}(?:{conn}){_S}(?P<m_to>{_M}){_S}月份?"
    day_range = rf"(?P<m>{_M}){_S}月{_S}(?P<d>{_D_DIG}){_S}(?:{conn}){_S}(?P<d_to>{_D_DIG}){_S}[日号]"
    mpart = _month_part(w)
    month = rf"(?P<m>{_M}){_S}月份?(?:{_S}{mpart})?(?!{_S}\d)"
    quarter_y = (rf"第{_S}(?P<q>{_Q}){_S}季度?|(?P<q>{_Q}){_S}季度?|(?P<q>首){_S}季度?"
                 rf"|(?<![A-Za-z])[Qq](?P<q>[1-4])(?!\d)")
    quarter_num = rf"(?P<q>{_Q}){_S}季(?:度|(?=报))|(?<![A-Za-z\d])[Qq](?P<q>[1-4])(?![\dA-Za-z])"
    half_y = r"(?P<hf>[上下])半年|(?<![A-Za-z])[Hh](?P<hfn>[12])(?!\d)"
    front = rf"前{_S}(?P<fq>[一二三1-3]){_S}个?季度?"
    # 年中 after 2018年 may be 2018年中国; written with its own 年 (2018年年中) it cannot be
    # 2024年中期业绩: the interim period of a report, only before a word of reports (2024年中期目标 is no date)
    year_part = (rf"年?(?P<ypartr>{w.alt('year_part_results')})(?={_S}(?:{w.alt('year_part_results_next')}))"
                 rf"|年?(?P<ypart>{w.alt('year_part')})|年(?P<ypartg>{w.alt('year_part_guarded')})"
                 rf"|(?P<ypartg>{w.alt('year_part_guarded')})(?=[^\p{{Han}}]|$|{w.alt('year_part_next')})")
    body = (rf"(?:{_S}(?:的{_S})?(?:{month_range}|{day_range}|{md}|{month}|{quarter_y}|{half_y}|{front}"
            rf"|(?P<fest>{fest})|{year_part}))?")
    written_year = (rf"(?:(?P<y>{_Y4_NIAN}){_S}年{nian_guard}|(?P<yy>(?<![\d.第])\d{{2}})年"
                    rf"(?={_S}(?:{_M}{_S}月|第?{_Q}季|首季|[QqHh][1-4]|[上下]半年|{fest}))){body}")
    named_year = (rf"(?:(?<![不想每])(?P<ry>{w.alt('rel_year')}){nian_guard}"
                  rf"|(?<![不想每])(?P<ay>{w.alt('ana_year')}){nian_guard}){body}")
    numeric = (rf"(?P<y>{_Y4})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])"
               r"(?![\d.%亿万千百]|[-/]\d)(?:(?:[ \t]+|T)(?P<h>2[0-3]|[01]?\d):(?P<mi>[0-5]\d)"
               r"(?::(?P<sec>[0-5]\d))?(?!\d))?")
    year_range = rf"(?P<y>{_Y4}){_S}年?{_S}(?:{conn}){_S}(?P<yr2>{_Y4_END}){_S}年"
    year_no_nian = (rf"(?P<y>{_Y4})(?:{_S}的)?{_S}(?:第{_S}(?P<q>{_Q}){_S}季度?|(?P<q>{_Q}){_S}季度"
                    rf"|[Qq](?P<q>[1-4])(?!\d)|(?P<hf>[上下])半年|[Hh](?P<hfn>[12])(?!\d))")
    # 2016、2018年, 2015，2017和2018年: the years of a list share the last one's 年
    sep = r"[，,、和与及或]"
    # 19年 alone: a year only where its sentence or paragraph writes it in full (resolution checks)
    short_year = (rf"(?<![\d.{w.chars('short_year_not_after')}])(?P<ys>\d{{2}})年{nian_guard}"
                  rf"(?!{_S}(?:{w.alt('short_year_not_next')}))")
    year_list = rf"(?P<y>{_Y4})(?={_S}{sep}{_S}(?:(?:19|20)\d{{2}}{_S}{sep}{_S})*(?:19|20)\d{{2}}{_S}年)"
    ana_prev = r"(?<![不每])"
    rel_month = (rf"(?P<rm>{w.alt('rel_month')})(?:{_S}月?{mpart})?"
                 rf"|{ana_prev}(?P<am>{w.alt('ana_month')})(?:{_S}月?{mpart})?"
                 rf"|(?<![\d{_CN_DIGITS}十个本当上下这该同次每])月{_month_part(w, 'mbare')}")
    rel_day_guard = rf"(?!{w.alt('rel_day_not_next')})" if w.words("rel_day_not_next") else ""
    clock_or_pod = rf"(?:{_S}(?:{_time(w)}|(?P<pod>{_pod(w)})))?"
    rel_day = (rf"(?P<pd>{trie_regex(_day_stems(w))})[（(]{_S}(?P<pdn>3[01]|[12]\d|0?[1-9]){_S}[）)]{_S}日"
               rf"{clock_or_pod}"
               rf"|(?P<rd>{w.alt('rel_day')}){rel_day_guard}{clock_or_pod}"
               rf"|{ana_prev}(?P<ad>{w.alt('ana_day')}){rel_day_guard}{clock_or_pod}")
    vague_prev = w.chars("vague_not_prev")
    vague = rf"(?<![{vague_prev}])(?P<vg>{w.alt('vague')})" if vague_prev else rf"(?P<vg>{w.alt('vague')})"
    ago = (rf"(?<![\d.第近前])(?P<agon>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}}|半)(?P<agou>{w.alt('ago_unit')})"
           rf"多?(?P<agod>{_guarded(w, 'ago_dir')})")
    bare_day = (rf"(?<![^\n{w.chars('bare_day_prev')}])(?P<bd>3[01]|[12]\d|0?[1-9])(?!\d){_S}[日号]"
                rf"(?!{w.alt('bare_day_not_next')}){clock_or_pod}"
                # 刘某5日在杭州表示, 某署12日宣布: a day between its doer and the verb, the news lead's shape
                rf"|(?<=\p{{Han}})(?<![{w.chars('bare_day_not_after')}])(?P<bd>3[01]|[12]\d|0?[1-9])(?!\d){_S}日"
                rf"(?=(?:{_S}(?:{_pod(w)}))?{_S}(?:{w.alt('bare_day_next')})){clock_or_pod}")
    year_shaped = rf"(?=(?:19|20)\d\d|[一二][{_CN_DIGITS}]{{3}}|\d\d年)"
    month_shaped = rf"(?=(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}}){_S}(?:月|{conn}))"
    numeral_forms = "|".join([
        rf"{year_shaped}(?:{numeric}|{year_range}|{written_year}|{year_no_nian}|{year_list}|{short_year})",
        rf"{month_shaped}(?:{month_range}|{day_range}|{md}|{month})",
        quarter_num, rf"(?P<fest>{_festival_alt('numeral')})", ago, bare_day,
        rf"(?P<bt>{_time(w, colon_only=True)})"])
    word_forms = "|".join([
        named_year, rf"(?:(?P<this>{w.alt('this')}){_S})?(?P<fest>{_festival_alt('word')})",
        rf"第{_S}(?P<q>{_Q}){_S}季度", rf"(?P<q>首){_S}季度?(?!{_S}(?:{w.alt('quarter_first_not_next')}))",
        rf"第{_S}(?P<qb>{_Q}){_S}季(?!{_S}(?:{w.alt('quarter_first_not_next')}))",
        rf"(?P<rq>{w.alt('rel_quarter')})(?!{_S}(?:{w.alt('quarter_first_not_next')}))",
        r"(?P<hf>[上下])半年", front,
        rf"(?<![{w.chars('full_year_not_prev')}])(?P<fy>{w.alt('full_year')}){nian_guard}",
        rf"(?<![年每往\d{_CN_DIGITS}十几多])年(?P<ypart>{w.alt('year_part')})",
        # a bare 年中 only after a preposition or a mark (在年中的调整中), never inside 全年中, 多年中
        rf"(?<![^\n{w.chars('bare_day_prev')}])年(?P<ypartg>{w.alt('year_part_guarded')})"
        rf"(?=[^\p{{Han}}]|$|{w.alt('year_part_next')})", rel_month, rel_day,
        rf"(?P<rw>{w.alt('rel_week')})(?:(?:周|星期|礼拜)?(?P<wd>[一二三四五六日天])(?![\d{_NUMERALS}]))?",
        vague, rf"(?P<bt>{_time(w, pod_required=True)})",
        rf"(?<=(?:{w.alt('until')}){_S})(?P<now>{w.alt('now')})"])
    numeral_start = (r"(?<![\d.])\d(?=[\d年月日号季点时:：\-/.个天周多前后至到~～—–\s·])"
                     rf"|(?<![{_NUMERALS}])[{_NUMERALS}](?=[{_NUMERALS}月季年个天周多前后点时日号半])"
                     r"|半(?=[年个])|[QqHh][1-4]")
    words = [*w.words("rel_year", "ana_year", "rel_month", "ana_month", "rel_day", "ana_day", "rel_week",
                      "vague", "this", "rel_quarter"),
             *(n for n, f in festivals().items() if f is not None and n[0] not in _NUMERALS + "0123456789"),
             *(st + p for st in _day_stems(w) for p in "（("),
             *w.words("full_year"), "首季", "上半年", "下半年",
             *("年" + p for p in w.words("year_part", "year_part_guarded")),
             *("月" + p for p in w.words("month_part", "month_part_guarded"))]
    starters = [*words, *w.words("now", "day_part"), "第", "前"]
    word_start = trie_regex(set(starters))
    first = set("0123456789" + _NUMERALS + "半QqHh") | {s[0] for s in starters}
    first_class = "[" + "".join(regex.escape(c) for c in sorted(first)) + "]"
    until_end = "[" + "".join(sorted({regex.escape(u[-1]) for u in w.words("until")})) + "]"
    in_context = [rf"第(?={_S}{_Q}{_S}季)", rf"前(?={_S}[一二三1-3])",  # the quarters' 第 and front
                  rf"(?:(?<={until_end})|(?<={until_end}{_SPACE}))(?:{w.alt('now')})",  # a now word's until
                  rf"(?:{w.alt('day_part')})(?={_S}[\d零一二两三四五六七八九十])"]  # a part of the day's clock
    # The character class comes first, as a character consumed: ``re`` then skips to the next character of
    # the class in its own loop (a pattern that opens with a lookahead is entered at every position); the
    # rest is tested at that character from a lookbehind one character wide.  Each match is one character,
    # so the scan still sees every position, as the empty matches of two lookaheads did.
    starts = re.compile(rf"{first_class}(?<=(?=(?:{_numeral_start_scan(w)})|(?:{trie_regex(set(words))})|"
                        + "|".join(f"(?:{c})" for c in in_context) + ").)")
    day2 = rf"(?P<d2>{_D_DIG}|{_D_CN}){_S}[日号]"
    range_tail = (rf"{_S}(?:{conn}){_S}(?=[\d{_CN_DIGITS}十两])(?:"
                  rf"(?P<y2>{_Y4_END}){_S}年(?:{_S}(?P<m2>{_M}){_S}月份?(?:{_S}{day2})?)?"
                  rf"|(?P<m2>{_M}){_S}月份?(?:{_S}{day2})?|{day2}|{_time(w, '2')})(?:{_S}{_time(w, '2')})?")
    suffix = _guarded(w, "eve", "during", "from", "after", "before")
    full = (rf"(?:(?={numeral_start})(?P<core>{numeral_forms})"
            rf"|(?={word_start})(?P<core>{word_forms}))(?P<rt>{range_tail})?(?:{_S}(?P<suf>{suffix}))?")
    return _Scanner(starts, compile_pattern(full))


@dataclass(frozen=True)
class _Before:
    """Words that must end right before a position (a pattern ending in ``$``, searched in a window), behind
    the test of the one character there: most dates have none of them before them, and a set lookup
    costs a tenth of the search."""

    pattern: regex.Pattern[str] | re.Pattern[str]
    last: frozenset[str]  # what a match can end with; "\n" too, as ``$`` also matches before a final one
    width: int

    def search(self, text: str, pos: int) -> regex.Match[str] | re.Match[str] | None:
        if pos == 0 or text[pos - 1] not in self.last:
            return None
        return self.pattern.search(text, max(0, pos - self.width), pos)


def _numeral_start_scan(w: Words) -> str:
    """Where the scan tries a numeral: the grammar's numeral start, narrowed to where a numeral form can go on.

    The grammar's own test looks at one character after a numeral's first (a digit before 年 月 日 -
    至 …, another digit); the scan also reads the whole run of digits: a run of two or more is a
    year only as 19xx/20xx, else it is a festival's (618, 315) or at most three digits before what a
    month, a day, a range, a clock or a count of ago units (个月, 星期, 天) writes after them (so 100万,
    86.5 and 90% are not tried).  After a single character it drops what no form puts there (. / 点
    时 多 前 后: 3.5, 两点), and takes 个 only as the start of an ago unit (三个月前, not 一个问题).
    ``test_the_scan_filter_drops_no_date`` checks it against the grammar tried everywhere.
    """
    runs = {n[:len(n) - len(n.lstrip("0123456789"))] for n, f in festivals().items() if f is not None}
    runs = {r for r in runs if len(r) >= 2}
    units = w.words("ago_unit")
    after_run = {"年", "月", "日", "号", ":", "：", *(u[0] for u in units), *(r[0] for r in w.words("range"))}
    one = "年月日号季:：\\-个天周至到~～—–\\s·"
    ge = "".join(sorted(regex.escape(c) for c in after_run))
    digits = (rf"(?<![\d.])(?:\d(?=[{one}])"
              rf"|(?=\d\d)(?:(?:19|20)\d\d(?!\d)|(?:{trie_regex(runs)})(?!\d)|\d{{2,3}}(?!\d){_S}[{ge}]))")
    ge_units = trie_regex(u[1:] for u in units if u.startswith("个") and len(u) > 1)
    chinese = (rf"(?<![{_NUMERALS}])[{_NUMERALS}](?=[{_NUMERALS}月季年天周日号半]"
               + (rf"|个(?:{ge_units})" if ge_units != r"(?!x)x" else "") + ")")
    return rf"{digits}|{chinese}|半(?=[年个])|[QqHh][1-4]"


@lru_cache(maxsize=1)
def _until_before() -> _Before:
    """截至/直到 (or 至 after 有效期, 延长...) just before a date: the date closes an open start."""
    w = date_words()
    return _Before(compile_pattern(rf"(?:{w.alt('until')}|(?<=(?:{w.alt('until_verb')}){_S})至){_S}$"),
                   frozenset({u[-1] for u in w.words("until")} | {"至", " ", "\t", "\u3000", "\n"}), 12)




def scan(text: str, start: int = 0, stop: int | None = None) -> list[regex.Match[str]]:
    """Raw grammar matches starting in ``text[start:stop]``, left to right and not overlapping (as
    ``finditer`` would give them), outside URLs and e-mail addresses."""
    scanner = _scanner()
    grammar = scanner.grammar.match
    out: list[regex.Match[str]] = []
    end = start
    stop = len(text) if stop is None else stop
    for c in scanner.starts.finditer(text, start):  # to the end: lookaheads see past ``stop``
        at = c.start()
        if at >= stop:
            break
        if at < end:
            continue
        m = grammar(text, at)
        if m:
            out.append(m)
            end = m.end()
    masked = _masked_spans(text)
    if masked:
        lefts = [a for a, _ in masked]
        out = [m for m in out if not _inside(m, masked, lefts)]
    return out


def _inside(m: regex.Match[str], masked: list[tuple[int, int]], lefts: list[int]) -> bool:
    i = bisect.bisect_right(lefts, m.end() - 1) - 1
    return i >= 0 and masked[i][1] > m.start()


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses: their digits are paths and codes, never dates."""
    if "www." not in text and "://" not in text and "@" not in text:
        return []
    return [(u.start(), u.end()) for u in LINK_RE.finditer(text)]


# ------------------------------------------------------------------ calendar helpers
def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, _last_day(y, m))


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _part_span(y: int, m: int, days: str) -> tuple[dt.date, dt.date]:
    """``21-31`` of month ``m``: clipped to the month's last day."""
    lo, hi = (int(x) for x in days.split("-"))
    last = _last_day(y, m)
    return dt.date(y, m, min(lo, last)), dt.date(y, m, min(hi, last))


def _quarter_span(y: int, q: int) -> tuple[dt.date, dt.date]:
    m0 = 3 * (q - 1) + 1
    return dt.date(y, m0, 1), dt.date(y, m0 + 2, _last_day(y, m0 + 2))


def _year_part_span(y: int, value: str) -> tuple[dt.date, dt.date]:
    a, b = value.split("..")
    (m1, d1), (m2, d2) = ((int(x) for x in a.split("-")), (int(x) for x in b.split("-")))
    return dt.date(y, m1, min(d1, _last_day(y, m1))), dt.date(y, m2, min(d2, _last_day(y, m2)))


def _int(value: str | None) -> int | None:
    return to_int(value) if value else None


def _clock(day: dt.date, g: _Groups, sfx: str = "") -> dt.datetime | None:
    """The time written in groups h/mi/sec/half/pod (+ suffix) on ``day``; 24:00 is the next day's 0:00."""
    h = _int(g.get("h" + sfx))
    if h is None:
        return None
    mi = 30 if g.get("half" + sfx) else (_int(g.get("mi" + sfx)) or 0)
    sec = _int(g.get("sec" + sfx)) or 0
    pod = g.get("pod" + sfx)
    kind = date_words().value("day_part", pod) if pod else "am"
    if (kind == "pm" and h < 12) or (kind == "noon" and h < 6) or (kind == "night" and 6 <= h < 12):
        h += 12
    elif kind == "night" and h == 12:
        h = 24
    if h > 24 or mi > 59:
        return None
    if h == 24:
        day, h = day + dt.timedelta(days=1), 0
    return dt.datetime(day.year, day.month, day.day, h, mi, sec)


def _iso(stamp: Stamp | None, seconds: bool = False) -> str | None:
    if stamp is None:
        return None
    if isinstance(stamp, dt.datetime):
        return stamp.isoformat(timespec="seconds" if seconds and stamp.second else "minutes")
    return stamp.isoformat()


def _as_day(stamp: Stamp) -> dt.date:
    return stamp.date() if isinstance(stamp, dt.datetime) else stamp


def _as_time(stamp: Stamp) -> dt.datetime:
    """For comparing days with datetimes (Python refuses to): a day is its midnight."""
    return stamp if isinstance(stamp, dt.datetime) else dt.datetime(stamp.year, stamp.month, stamp.day)


# ------------------------------------------------------------------ the narrative
class _ReadsDay(Exception):
    """A resolution asked for the reference's month or day while its story was told not to (see :class:`Resolver`)."""


class Story:
    """What the text has said so far: the years it named, its last date, its days.

    Rules that need only the reference's year read ``reference.year``; a rule that counts from its month
    or day (本月, 近日, 28日 with no month before it) asks :meth:`today`, so that a :class:`Resolver` knows
    which mentions would come out differently for another reference of the same year."""

    def __init__(self, index: TextIndex, reference: dt.date | None) -> None:
        self.index = index
        self.reference = reference
        self.named_pos: list[int] = []  # positions of mentions that name a year
        self.named_year: list[int] = []
        self.last: DateMention | None = None
        self.days: dict[tuple[int, int], int] = {}  # (month, day) -> year of the latest such date
        self._shared: dict[str, list[int]] = {}  # facts of the text, shared with copies (see _back_to_present)
        self.year_only = False  # while set, asking for the reference's month or day raises _ReadsDay

    def today(self) -> dt.date | None:
        """The reference date, for a rule that reads its month or day (not only its year)."""
        if self.year_only and self.reference is not None:
            raise _ReadsDay
        return self.reference

    def copy(self, reference: dt.date | None) -> Story:
        """The same story so far, told against ``reference`` from here on."""
        other = Story(self.index, reference)
        other.named_pos, other.named_year = list(self.named_pos), list(self.named_year)
        other.last, other.days, other._shared = self.last, dict(self.days), self._shared
        return other

    def year_for(self, pos: int, month: int | None = None, day: int | None = None) -> tuple[int | None, str]:
        """The year of a partial date at ``pos`` and its basis (the narrative rule, module docstring)."""
        i = bisect.bisect_left(self.named_pos, pos) - 1
        if i >= 0 and self.named_pos[i] >= self.index.narrative_start(pos) \
                and not self._back_to_present(self.named_pos[i], pos):
            return self.named_year[i], "narrative"
        if month and day and (month, day) in self.days:
            return self.days[(month, day)], "narrative"
        if self.reference:
            return self.reference.year, "reference"
        return None, "unresolved"

    def _back_to_present(self, named: int, pos: int) -> bool:
        """Whether a word of the present (``近月``, ``目前``) stands between a year named in an earlier sentence
        and a partial date: the story has come back to the reference's time ("去年…撤销。…近月市场持续
        热闹…。9月…" is this September).  A year named in the date's own sentence still holds."""
        if self.reference is None or named >= self.index.sentence(pos)[0]:
            return False
        present = self._shared.get("present")
        if present is None:  # where the words of the present are, found once per text
            pattern = _present_words()
            present = [m.start() for m in pattern.finditer(self.index.text)] if pattern else []
            self._shared["present"] = present
        i = bisect.bisect_right(present, named)
        return i < len(present) and present[i] < pos

    def antecedent(self, pos: int, finest: str, scope: str = "any") -> DateMention | None:
        """The last date mentioned if it is at least as precise as ``finest`` and within ``scope``."""
        last = self.last
        if last is None or last.lo is None:
            return None
        if finest == "day" and last.precision not in ("day", "time"):
            return None
        if finest == "month" and last.precision not in _FINE:
            return None
        if scope == "sentence" and last.pos < self.index.sentence(pos)[0]:
            return None
        if scope == "narrative" and last.pos < self.index.narrative_start(pos):
            return None
        return last

    def settle(self, mention: DateMention, names_year: bool) -> None:
        aside = _aside(self.index, mention)
        if aside == "comparison":
            return
        if aside and not self._reaches_now(mention, aside):
            names_year = False
        if names_year and mention.year is not None and not mention.vague:
            self.named_pos.append(mention.pos)
            self.named_year.append(mention.year)
        if mention.lo is not None and not mention.vague:
            self.last = mention
            if mention.precision in ("day", "time") and not mention.festival:
                d = _as_day(mention.lo)
                self.days[(d.month, d.day)] = d.year


    def _reaches_now(self, mention: DateMention, aside: str) -> bool:
        """An open period counted from the reference that holds it (``本季至今``, ``今年以来``) is the
        story's present, not a look back: it names its year like the closed one would."""
        if not (aside == "open" and mention.basis == "relative" and self.reference is not None
                and mention.lo is not None and mention.open == "end"):
            return False
        today = self.today()
        return today is not None and _as_day(mention.lo) <= today


@lru_cache(maxsize=1)
def _present_words() -> re.Pattern[str] | None:
    words = date_words().words("present")
    return re.compile(trie_regex(words)) if words else None  # a plain trie: re scans it twice as fast


def _aside(index: TextIndex, mention: DateMention) -> str | None:
    """Why a date is not part of the story's own time: ``comparison``, ``plan`` or ``open``; else None.

    A comparison base is told by the words next to it; a plan by a future
    word earlier in its clause; an open period (``自2020年起``, ``到2025年``) by its
    open end.  Plans and open periods count only at year, half or quarter
    precision: a planned day (``将于3月1日上线``) is still on the story's calendar.
    """
    text = index.text
    pos, end = mention.pos, mention.endpos
    if _is_comparison(text, pos, end):
        return "comparison"
    if mention.precision not in ("year", "half", "quarter"):
        return None
    if mention.open:
        return "open"
    return "plan" if _is_plan(text, index, pos) else None


def _is_comparison(text: str, pos: int, end: int) -> bool:
    """Whether the date ``text[pos:end]`` is a comparison base by the words beside it (与2022年持平)."""
    before, after, first = _comparison()
    return before.search(text, pos) is not None or (text[end:end + 1] in first and bool(after.match(text, end)))


@lru_cache(maxsize=1)
def _comparison() -> tuple[_Before, re.Pattern[str], frozenset[str]]:
    """compare_prev words right before a date; compare_next words after it, and their first characters."""
    w = date_words()
    return (_Before(re.compile(rf"(?:{w.alt('compare_prev')})$"),
                    frozenset({c[-1] for c in w.words("compare_prev")} | {"\n"}), 4),
            re.compile(rf"(?:{w.alt('compare_next')})"), frozenset(c[0] for c in w.words("compare_next")))


# ------------------------------------------------------------------ resolution
class _Groups:
    """A match's named groups.  ``Match.group(name)`` costs a microsecond in ``regex`` and
    ``groupdict()`` builds ~70 entries; one ``groups()`` call read through the name index is
    what resolution can afford on every mention.  ``regex`` builds a new ``groupindex`` dict at every
    access: it is read once per pattern (with places counted from 0)."""

    __slots__ = ("_index", "values")

    def __init__(self, m: regex.Match[str]) -> None:
        self.values = m.groups()
        index = _PLACES.get(m.re)
        if index is None:
            index = _PLACES[m.re] = {name: i - 1 for name, i in m.re.groupindex.items()}
        self._index = index

    def __getitem__(self, name: str) -> str | None:
        return self.values[self._index[name]]  # type: ignore[no-any-return]

    def get(self, name: str) -> str | None:
        return self.values[self._index[name]]  # type: ignore[no-any-return]

    def number(self, name: str) -> int:
        """The group's number, for ``Match.start``: by name it costs regex four times as much."""
        return self._index[name] + 1

    def any(self, names: tuple[str, ...]) -> bool:
        """Whether any of the groups matched something."""
        values, index = self.values, self._index
        return any(values[index[n]] for n in names)


_PLACES: dict[regex.Pattern[str], dict[str, int]] = {}  # a pattern's group names -> places in groups()


@dataclass
class _Core:
    """A date before ranges and open ends are applied."""

    lo: Stamp | None
    hi: Stamp | None
    precision: str
    basis: str
    year: int | None = None
    names_year: bool = False
    vague: bool = False
    festival: bool = False
    month: int | None = None
    day: int | None = None
    month_borrowed: bool = False


def find_dates(text: str, reference: dt.date | None, index: TextIndex | None = None,
               matches: list[regex.Match[str]] | None = None, resolver: Resolver | None = None) -> list[DateMention]:
    """All date expressions of ``text``, resolved, in order of position.

    ``matches``: ``scan(text)`` when the caller already has it (the scan does
    not depend on the reference date, so inference and extraction share it).
    ``resolver``: the text's :class:`Resolver`, which may have resolved the same
    matches for a reference of the same year already (inferring the reference).
    """
    if resolver is None:
        resolver = Resolver(text, index or TextIndex.of(text), scan(text) if matches is None else matches)
    return resolver.resolve(reference)


@dataclass
class _Progress:
    """A resolution under way: the story so far, the mentions so far, the matches left (last first), and
    the vague words put aside while only the reference's year was read (where each goes in ``mentions``)."""

    story: Story
    mentions: list[DateMention]
    pending: list[regex.Match[str]]
    deferred: list[tuple[int, regex.Match[str]]] = field(default_factory=list)

    def copy(self, reference: dt.date | None) -> _Progress:
        return _Progress(self.story.copy(reference), list(self.mentions), list(self.pending), list(self.deferred))


class Resolver:
    """An article's date matches resolved for one reference date, then for another.

    Inferring the reference resolves the text for a provisional reference (31
    December of the year the text votes for); extraction resolves it again for
    the reference found, which has the same year unless a dateline moved it
    back across New Year.  Most rules read only the reference's year; up to
    the first mention whose resolution reads its month or day (本月, 近日, a
    bare 28日 with no month before it: :meth:`Story.today`), the two readings
    are the same.  So the first resolution records where that is, and a
    second one for the same year resumes from there instead of starting over
    (or takes the whole list when no mention read more than the year).

    A vague word (``近日``, ``日前``: :func:`_vague`) reads the reference's day but changes nothing the
    story knows (a vague mention names no year and is no antecedent, and the rules that look back over
    the mentions skip it), so it does not end the shared stretch: it is put aside, with its place in the
    list, and resolved alone for each reference at the end.  Most news articles have one early.
    """

    def __init__(self, text: str, index: TextIndex, matches: list[regex.Match[str]]) -> None:
        self.text, self.index, self.matches = text, index, matches
        self._year: int | None = None  # the year of the first reference resolved for
        self._resume: _Progress | None = None  # the state before the first mention that read more than the year
        self._whole: _Progress | None = None  # every mention, when none but vague ones read more than the year

    def resolve(self, reference: dt.date | None) -> list[DateMention]:
        """The mentions of the text resolved for ``reference``."""
        if reference is not None and reference.year == self._year:
            if self._whole is not None:
                return self._with_deferred(self._whole, reference)
            if self._resume is not None:
                return self._run(self._resume.copy(reference))
        progress = _Progress(Story(self.index, reference), [], list(reversed(self.matches)))
        if reference is None or self._year is not None:
            return self._run(progress)
        self._year = reference.year
        progress.story.year_only = True
        mentions = self._run(progress)
        if progress.story.year_only:  # no mention read more than the year (but vague ones, put aside)
            self._whole = progress
        return mentions

    def _run(self, progress: _Progress) -> list[DateMention]:
        """Resolve the pending matches in order; a story that is ``year_only`` keeps a copy of the progress
        made before the first mention that reads the reference's month or day, then goes on without it
        (a vague word it puts aside instead)."""
        story, pending = progress.story, progress.pending
        while pending:
            m = pending.pop()
            try:
                _resolve_one(self.text, self.index, m, progress)
            except _ReadsDay:
                if _is_vague(m):
                    progress.deferred.append((len(progress.mentions), m))
                    continue
                pending.append(m)  # nothing else of the progress changed before the reference was read
                self._resume = progress.copy(None)
                story.year_only = False
        return self._with_deferred(progress, story.reference)

    def _with_deferred(self, progress: _Progress, reference: dt.date | None) -> list[DateMention]:
        """The progress's mentions with its vague words resolved for ``reference`` and put in their places."""
        mentions = list(progress.mentions)
        for shift, (at, m) in enumerate(progress.deferred):
            alone = _Progress(Story(self.index, reference), [], [])
            _resolve_one(self.text, self.index, m, alone)
            mentions[at + shift:at + shift] = alone.mentions
        return mentions


def _is_vague(m: regex.Match[str]) -> bool:
    """A vague word without a range tail (近日, 日前): its mention depends on the reference's day and on
    nothing else, and changes nothing in the story (see :class:`Resolver`)."""
    g = _Groups(m)
    return g["vg"] is not None and g["rt"] is None


def _resolve_one(text: str, index: TextIndex, m: regex.Match[str], progress: _Progress) -> None:
    """Resolve one match into the progress: its mention, what the story learns from it, and the dates
    that follow a range tail that did not fit."""
    story, mentions, pending = progress.story, progress.mentions, progress.pending
    g = _Groups(m)
    core = _resolve_core(m, g, story)
    if core is None:
        return
    mention = _finish(m, g, text, core)
    if g["ry"] and mention.basis == "relative":
        _same_period(text, index, mention, g, mentions, story)
        _prior_year(index, mention, g, mentions)
    story.settle(mention, core.names_year)
    mentions.append(mention)
    if mention.endpos < m.end():  # a range tail that did not fit: what follows 至 may be a date of its own
        stop = pending[-1].start() if pending else len(text)
        pending += reversed([r for r in scan(text, mention.endpos, m.end()) if r.end() <= stop])


def _resolve_core(m: regex.Match[str], g: _Groups, story: Story) -> _Core | None:
    pos = m.start(g.number("core"))
    values = g.values
    for slot, resolve in _special_slots(m.re):
        if values[slot] is not None:
            return resolve(g, story, pos)
    year, basis, names = _written_year(g, story, pos)
    if basis == "drop":
        return None
    if basis == "unresolved":  # 今年3月 without a reference date: the month and day are still known
        return _Core(None, None, _precision_of(g), "unresolved", month=_int(g["m"]), day=_int(g["d"]))
    month = _int(g["m"])
    day = _int(g["d"])
    if year is None:
        if not _needs_year(g):
            return None
        year, basis = story.year_for(pos, month, day)
        if year is None:
            return _Core(None, None, _precision_of(g), "unresolved", month=month, day=day)
    core = _body(g, year, month, day)
    if core is None:
        return None
    core.basis, core.year, core.names_year = basis, (year if names else None), names
    return core


def _written_year(g: _Groups, story: Story, pos: int = 0) -> tuple[int | None, str, bool]:
    """(year, basis, names_year) from the year the expression writes, if any."""
    ref = story.reference
    w = date_words()
    if g["y"]:
        return to_int(g["y"]), "absolute", True
    if g["yy"]:
        yy = int(g["yy"])
        return (2000 + yy if yy < 50 else 1900 + yy), "absolute", True
    if g["ys"]:
        year = _short_year_written(story.index, g["ys"], pos)
        return (year, "absolute", True) if year else (None, "drop", False)
    if g["ry"]:
        if ref is None:
            return None, "unresolved", False
        return ref.year + int(w.value("rel_year", g["ry"])), "relative", True
    if g["ay"]:
        last = story.antecedent(0, "year")
        if last is None or last.lo is None:
            return None, "drop", False  # 当年 with nothing before it: "back then", not a date
        return _as_day(last.lo).year + int(w.value("ana_year", g["ay"])), "anaphoric", True
    if g["this"]:
        if ref is None:
            return None, "unresolved", False
        return ref.year, "relative", True
    return None, "", False


def _short_year_written(index: TextIndex, yy: str, pos: int) -> int | None:
    """The full year a bare ``19年`` abbreviates: 2019 (or 1919) when its paragraph writes that year in
    full before it (``在2016、2018年发帖…从16年的帖子中``); else None: ``19年的历史`` is a duration."""
    p = index.paragraph_index(pos)
    lo = index.paragraph_span(p)[0]
    found = regex.search(rf"(?<!\d)(?P<c>19|20){yy}(?!\d)", index.text[lo:pos])
    return int(found.group("c") + yy) if found else None


def _needs_year(g: _Groups) -> bool:
    return g.any(("m", "q", "hf", "hfn", "fq", "fest", "ypart", "ypartg", "ypartr"))


def _precision_of(g: _Groups) -> str:
    if g["d"] or g["d_to"]:
        return "time" if g["h"] else "day"
    if g["mpart"]:
        return "dekad"
    if g["m"]:
        return "month"
    if g["q"] or g["fq"]:
        return "quarter"
    if g["hf"] or g["hfn"]:
        return "half"
    if g["fest"]:
        return "day"
    return "year"


def _body(g: _Groups, y: int, month: int | None, day: int | None) -> _Core | None:
    """The span of a date whose year is known."""
    w = date_words()
    if g["fest"]:
        fest = festivals().get(g["fest"])
        span = fest.span(y) if fest else None
        if span is None:
            return None
        return _Core(span[0], span[1], "day", "", festival=True)
    if g["m_to"]:
        m2 = _int(g["m_to"])
        if not month or not m2 or m2 < month:
            return None
        return _Core(dt.date(y, month, 1), _month_span(y, m2)[1], "month", "", month=month)
    if g["d_to"] and month and day:
        d2 = _int(g["d_to"])
        lo, hi = _day(y, month, day), _day(y, month, d2 or 0)
        if lo is None or hi is None or hi < lo:
            return None
        return _Core(lo, hi, "day", "", month=month, day=day)
    if month and day:
        lo = _day(y, month, day)
        if lo is None:
            return None
        stamp = _clock(lo, g)
        if g["h"] and stamp is None:
            return None
        if stamp is not None:
            return _Core(stamp, stamp, "time", "", month=month, day=day)
        return _Core(lo, lo, "day", "", month=month, day=day)
    if month:
        if g["mpart"]:
            cls = w.class_of(g["mpart"], "month_part", "month_part_guarded") or "month_part"
            lo, hi = _part_span(y, month, w.value(cls, g["mpart"]))
            return _Core(lo, hi, w.extra(cls, g["mpart"]) or "dekad", "", month=month)
        lo, hi = _month_span(y, month)
        return _Core(lo, hi, "month", "", month=month)
    if g["q"]:
        q = 1 if g["q"] == "首" else _int(g["q"])  # 首季: the first quarter
        return _Core(*_quarter_span(y, q), "quarter", "") if q and 1 <= q <= 4 else None
    if g["fq"]:
        n = _int(g["fq"])
        return _Core(dt.date(y, 1, 1), _quarter_span(y, n)[1], "quarter", "") if n and 1 <= n <= 3 else None
    if g["hf"] or g["hfn"]:
        first = g["hf"] == "上" or g["hfn"] == "1"
        return _Core(dt.date(y, 1, 1) if first else dt.date(y, 7, 1),
                     dt.date(y, 6, 30) if first else dt.date(y, 12, 31), "half", "")
    part = g["ypart"] or g["ypartg"] or g["ypartr"]
    if part:
        cls = "year_part" if g["ypart"] else "year_part_guarded" if g["ypartg"] else "year_part_results"
        lo, hi = _year_part_span(y, w.value(cls, part))
        return _Core(lo, hi, w.extra(cls, part) or "quarter", "")
    if g["yr2"]:
        y2 = to_int(g["yr2"])
        if not y2 or y2 <= y:
            return None
        return _Core(dt.date(y, 1, 1), dt.date(y2, 12, 31), "year", "")
    return _Core(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "")


# --- the expressions that are not "a year + something": relative, anaphoric, bare
def _rel_month(g: _Groups, story: Story, pos: int) -> _Core | None:
    w = date_words()
    if g["rm"]:
        ref = story.today()
        if ref is None:
            return _Core(None, None, "month", "unresolved")
        y, mo = _add_months(ref.year, ref.month, int(w.value("rel_month", g["rm"])))
        basis = "relative"
    else:
        last = story.antecedent(pos, "month")
        if last is None or last.lo is None:
            return None  # 当月 with no month before it: not a date we can point at
        d = _as_day(last.lo)
        y, mo = _add_months(d.year, d.month, int(w.value("ana_month", g["am"] or "")))
        basis = "anaphoric"
    return _month_or_part(y, mo, g["mpart"], basis, names_year=True)


def _month_or_part(y: int, mo: int, part: str | None, basis: str, names_year: bool) -> _Core:
    w = date_words()
    if part:
        cls = w.class_of(part, "month_part", "month_part_guarded") or "month_part"
        lo, hi = _part_span(y, mo, w.value(cls, part))
        return _Core(lo, hi, w.extra(cls, part) or "dekad", basis, y, names_year, month=mo)
    lo, hi = _month_span(y, mo)
    return _Core(lo, hi, "month", basis, y, names_year, month=mo)


def _anchor(story: Story, pos: int, grain: str, scope: str, fallback: str) -> tuple[dt.date, str] | None:
    """What an expression without its own date counts from, and the basis that gives.

    The date of that ``grain`` last mentioned within ``scope`` (anaphoric),
    else the reference date (basis ``fallback``); None when there is neither.
    """
    last = story.antecedent(pos, grain, scope)
    if last is not None and last.lo is not None:
        day = _as_day(last.lo)
        if grain == "month" and last.month and last.month != day.month:
            # 10月31日24时 is 11-01 00:00, but the story is still in October (12月31日24时: in last year's)
            day = dt.date(day.year - (last.month > day.month), last.month, 1)
        return day, "anaphoric"
    today = story.today()
    if today is not None:
        return today, fallback
    return None


def _bare_month_part(g: _Groups, story: Story, pos: int) -> _Core | None:
    """月底 alone: the month of the story when one was just mentioned, else the reference's."""
    anchor = _anchor(story, pos, "month", "narrative", "relative")
    if anchor is None:
        return _Core(None, None, "dekad", "unresolved")
    d, basis = anchor
    return _month_or_part(d.year, d.month, g["mbare"], basis, names_year=False)


def _rel_day(g: _Groups, story: Story, pos: int) -> _Core | None:
    w = date_words()
    if g["rd"]:
        ref = story.today()
        if ref is None:
            return _Core(None, None, "day", "unresolved")
        day, basis = ref + dt.timedelta(days=int(w.value("rel_day", g["rd"]))), "relative"
    else:
        last = story.antecedent(pos, "day")
        if last is None or last.lo is None:
            return None  # 第一天，第二天: an ordinal, not "the next day" of anything
        day, basis = _as_day(last.lo) + dt.timedelta(days=int(w.value("ana_day", g["ad"] or ""))), "anaphoric"
    stamp = _clock(day, g)
    if stamp is not None:
        return _Core(stamp, stamp, "time", basis, day.year, True)
    return _Core(day, day, "day", basis, day.year, True)


@lru_cache(maxsize=1)
def _quarter_results() -> regex.Pattern[str]:
    """第N季 before a word of company results, at most a few characters on in its clause (第三季博彩收入)."""
    return compile_pattern(rf"第{_S}{_Q}{_S}季[^，,。；;：:！？!?\n]{{0,8}}?(?:{date_words().alt('quarter_next')})")


def _rel_day_written(g: _Groups, story: Story, pos: int) -> _Core | None:
    """今（16）日, 昨（15）日: the relative day, whose day of the month the text writes too; the written day
    wins when the two disagree (in the month of the relative day), as it is the more explicit."""
    ref = story.today()
    if ref is None:
        return _Core(None, None, "day", "unresolved", day=_int(g["pdn"]))
    day = ref + dt.timedelta(days=int(date_words().value("rel_day", (g["pd"] or "") + "日")))
    written = _int(g["pdn"]) or day.day
    if written != day.day:
        day = _day(day.year, day.month, written) or day
    stamp = _clock(day, g)
    if stamp is not None:
        return _Core(stamp, stamp, "time", "relative", day.year, True)
    return _Core(day, day, "day", "relative", day.year, True)


def _rel_week(g: _Groups, story: Story, pos: int) -> _Core | None:
    ref = story.today()
    if ref is None:
        return _Core(None, None, "week", "unresolved")
    weeks = int(date_words().value("rel_week", g["rw"] or ""))
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=weeks)
    if g["wd"]:  # 本周五, 下周一: that day of the week
        day = monday + dt.timedelta(days=_WEEKDAY[g["wd"]])
        return _Core(day, day, "day", "relative", month=day.month, day=day.day)
    return _Core(monday, monday + dt.timedelta(days=6), "week", "relative")


_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}  # days after Monday


def _vague(g: _Groups, story: Story, pos: int) -> _Core | None:
    ref = story.today()
    if ref is None:
        return _Core(None, None, "day", "unresolved", vague=True)
    return _Core(ref, ref, "day", "relative", vague=True)


def _ago(g: _Groups, story: Story, pos: int) -> _Core | None:
    """两年前, 8个月前, 一周后: from a date earlier in the sentence, else from the reference."""
    w = date_words()
    n_text = g["agon"] or ""
    unit = w.value("ago_unit", g["agou"] or "")
    sign = int(w.value("ago_dir", g["agod"] or ""))
    if n_text == "半":
        if unit != "year":
            return None
        n, unit = 6, "month"
    else:
        n = to_int(n_text) or 0
    if n <= 0:
        return None
    anchor = _anchor(story, pos, "day", "sentence", "relative")
    if anchor is None:
        return _Core(None, None, "day", "unresolved")
    base, basis = anchor
    if unit == "year":
        y = base.year + sign * n
        return _Core(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", basis)
    if unit == "month":
        y, mo = _add_months(base.year, base.month, sign * n)
        lo, hi = _month_span(y, mo)
        return _Core(lo, hi, "month", basis, month=mo)
    day = base + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
    return _Core(day, day, "day", basis)


def _bare_day(g: _Groups, story: Story, pos: int) -> _Core | None:
    """28日: a day of the month last mentioned in this or the previous paragraph (anaphoric); with no
    month in the story, of the reference date's month, as news datelines mean ("12日，商务部…")."""
    anchor = _anchor(story, pos, "month", "narrative", "reference")
    if anchor is None:
        return _Core(None, None, "day", "unresolved")
    month_of, basis = anchor
    day = _day(month_of.year, month_of.month, int(g["bd"] or 0))
    if day is None:
        return None
    stamp = _clock(day, g)
    borrowed = basis == "reference"
    if stamp is not None:
        return _Core(stamp, stamp, "time", basis, month=day.month, day=day.day, month_borrowed=borrowed)
    return _Core(day, day, "day", basis, month=day.month, day=day.day, month_borrowed=borrowed)


def _bare_time(g: _Groups, story: Story, pos: int) -> _Core | None:
    """晚上8点, 0:00: a time of the day last mentioned in this paragraph; else not a date."""
    last = story.antecedent(pos, "day", "narrative")
    if last is None or last.lo is None:
        return None
    stamp = _clock(_as_day(last.lo), g)
    if stamp is None:
        return None
    return _Core(stamp, stamp, "time", "anaphoric")


def _now(g: _Groups, story: Story, pos: int) -> _Core | None:
    """截至目前: up to the reference date (the until word before it opens the start)."""
    ref = story.today()
    if ref is None:
        return _Core(None, None, "day", "unresolved")
    return _Core(ref, ref, "day", "relative")


def _full_year(g: _Groups, story: Story, pos: int) -> _Core | None:
    """全年 alone: the whole year the story has just named (``2020年，某平台全年GMV…``, ``去年…全年``);
    never the reference's year, which a January report on last year's totals would get wrong."""
    year, basis = story.year_for(pos)
    if year is None or basis != "narrative":
        return None
    return _Core(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "narrative")


def _rel_quarter(g: _Groups, story: Story, pos: int) -> _Core | None:
    """本季度, 今季: the reference date's quarter; 上季, 下一季: the one before or after the quarter the story
    just named (第三季…相较于上一季 is the second), else the reference's.  Names its year."""
    offset = int(date_words().value("rel_quarter", g["rq"] or ""))
    last = story.last
    if offset and last is not None and last.lo is not None and last.precision == "quarter" \
            and last.pos >= story.index.narrative_start(pos):
        base, basis = _as_day(last.hi or last.lo), "anaphoric"
    elif (today := story.today()) is not None:
        base, basis = today, "relative"
    else:
        return _Core(None, None, "quarter", "unresolved")
    n = base.year * 4 + (base.month - 1) // 3 + offset
    y, q = n // 4, n % 4 + 1
    return _Core(*_quarter_span(y, q), "quarter", basis, y, True)


def _bare_quarter(g: _Groups, story: Story, pos: int) -> _Core | None:
    """第二季 without 季度 and without a year: a quarter only before a word of company results
    (``quarter_next``: 第三季季报, 第二季营收) or when the story is already counting quarters (a quarter
    was the last date mentioned, in this paragraph or the one before); otherwise it is as likely a
    season of a show or a league (《某节目》第二季), and not a date.  Its year is the narrative's."""
    last = story.last
    counting = last is not None and last.precision == "quarter" and last.pos >= story.index.narrative_start(pos)
    if not counting and not _quarter_results().match(story.index.text, pos):
        return None
    q = _int(g["qb"])
    if not q or not 1 <= q <= 4:
        return None
    year, basis = story.year_for(pos)
    if year is None:
        return _Core(None, None, "quarter", "unresolved")
    return _Core(*_quarter_span(year, q), "quarter", basis)


_Special = Callable[["_Groups", Story, int], "_Core | None"]
_SPECIAL: list[tuple[str, _Special]] = [
    ("now", _now), ("fy", _full_year), ("pd", _rel_day_written), ("rq", _rel_quarter), ("qb", _bare_quarter),
    ("rm", _rel_month), ("am", _rel_month), ("mbare", _bare_month_part), ("rd", _rel_day), ("ad", _rel_day),
    ("rw", _rel_week), ("vg", _vague), ("agon", _ago), ("bd", _bare_day), ("bt", _bare_time)]


@lru_cache(maxsize=4)
def _special_slots(pattern: regex.Pattern[str]) -> tuple[tuple[int, _Special], ...]:
    """:data:`_SPECIAL` by the groups' places in a match's ``groups()``: every mention tests them all."""
    return tuple((pattern.groupindex[key] - 1, resolve) for key, resolve in _SPECIAL)


# --- ranges and open ends
def _range_end(g: _Groups, core: _Core) -> Stamp | None:
    """The end written after 至/到/-, or None when the tail does not fit the date before it
    (another grain, a day that does not exist, or an end before the start)."""
    end = _written_end(g, core)
    if end is None or core.lo is None or _as_time(end) < _as_time(core.lo):
        return None
    return end


def _written_end(g: _Groups, core: _Core) -> Stamp | None:
    lo, hi = core.lo, core.hi
    if lo is None or hi is None or core.precision not in ("year", "month", "day", "time"):
        return None
    y2, m2, d2 = to_int(g["y2"] or ""), _int(g["m2"]), _int(g["d2"])
    if g["y2"] and not (y2 and 1900 <= y2 <= 2100):
        return None
    day_hi = _as_day(hi)
    if core.precision == "year":
        return dt.date(y2, 12, 31) if y2 and not m2 and not d2 else None
    if core.precision == "month":
        if not m2 or d2 or g["h2"]:
            return None
        y = y2 or day_hi.year
        end = _month_span(y, m2)[1] if 1 <= m2 <= 12 else None
        if end is not None and end < day_hi and not y2:
            end = _month_span(y + 1, m2)[1]
        return end
    # day or time
    if d2 is None and m2 is None:
        stamp = _clock(day_hi, g, "2")
        return stamp if stamp is not None and _as_time(stamp) >= _as_time(hi) else None
    y = y2 or day_hi.year
    mo = m2 or day_hi.month
    end: Stamp | None = _day(y, mo, d2) if d2 else (_month_span(y, mo)[1] if 1 <= mo <= 12 else None)
    if end is not None and end < day_hi and not y2 and m2:
        end = _day(y + 1, mo, d2) if d2 else _month_span(y + 1, mo)[1]
    if end is None or end < day_hi:
        return None
    stamp = _clock(end, g, "2")
    return stamp if stamp is not None else end


def _finish(m: regex.Match[str], g: _Groups, text: str, core: _Core) -> DateMention:
    """Apply the range tail, the open-end words and the eve to a resolved core."""
    w = date_words()
    pos, endpos = m.start(), m.end()
    lo, hi, precision = core.lo, core.hi, core.precision
    suffix = g["suf"]
    if g["rt"] is not None:
        end = _range_end(g, core)
        if end is None:  # a tail that does not fit: the date ends before it
            endpos, suffix = m.end("core"), None
        elif hi is not None:
            hi = end
            if core.names_year:  # the story goes on in the range's last year (2021年12月至2022年1月)
                core.year = _as_day(end).year
    start, end_stamp, openness = lo, hi, None
    kind = w.class_of(suffix, "eve", "during", "from", "after", "before") if suffix else None
    until = _until_before().search(text, pos)
    span = _period_ending(text, endpos, hi) if until and precision in ("day", "month") else None
    if span is not None:  # 截至2025年6月30日止六个月: the six months ending that day
        pos, endpos = until.start(), span[1]
        start, lo, precision = span[0], span[0], span[2]
    elif until:
        pos = until.start()
        start, openness = None, "start"
    elif kind == "from":
        end_stamp, openness = None, "end"
    elif kind == "after" and hi is not None:
        start = hi if isinstance(hi, dt.datetime) else hi + dt.timedelta(days=1)
        end_stamp, openness = None, "end"
    elif kind == "before" and hi is not None and _by_the_end(g):
        end_stamp, start, openness = hi, None, "start"  # 年底前完成: by the end of the year, not before December
    elif kind == "before" and lo is not None:
        end_stamp = lo if isinstance(lo, dt.datetime) else lo - dt.timedelta(days=1)
        start, openness = None, "start"
    elif kind == "eve" and lo is not None and precision == "day" and lo == hi:
        start = end_stamp = lo - dt.timedelta(days=1)
    if core.vague:
        start, openness = None, "start"
    seconds = bool(g.get("sec"))
    first = _iso(start, seconds)
    last = first if end_stamp is start else _iso(end_stamp, seconds)  # a day or a time: one stamp
    return DateMention(
        text[pos:endpos], pos, endpos, first, last, precision, core.basis,
        openness, core.year, core.vague, core.festival, core.month, core.day, lo, hi, core.month_borrowed)


def _by_the_end(g: _Groups) -> bool:
    """Whether the date is the end of a year or month (年底, 月末: class ``end_part``), before which 前
    means "by": ``2025年底前建成`` is built by 31 December, not before December starts."""
    ends = date_words().table.get("end_part", {})
    return any(g[k] in ends for k in ("ypart", "mpart", "mbare") if g[k])


_MONTHS_PRECISION = {12: "year", 6: "half", 3: "quarter", 9: "quarter"}


def _period_ending(text: str, endpos: int, hi: Stamp | None) -> tuple[dt.date, int, str] | None:
    """``截至…止六个月``, ``截至…止年度`` (the way annual and interim reports name their periods): the
    first day of the months that end on the date, where the words end and the precision; else None."""
    if hi is None:
        return None
    m = _until_span().match(text, endpos)
    if m is None:
        return None
    n = 12 if m.group("yr") else to_int(m.group("n") or "")
    if not n or not 1 <= n <= 24:
        return None
    after = _as_day(hi) + dt.timedelta(days=1)
    y, mo = _add_months(after.year, after.month, -n)
    first = _day(y, mo, after.day) or dt.date(y, mo, _last_day(y, mo))
    return first, m.end(), _MONTHS_PRECISION.get(n, "month")


@lru_cache(maxsize=1)
def _until_span() -> regex.Pattern[str]:
    w = date_words()
    return compile_pattern(rf"{_S}(?:{w.alt('until_close')}){_S}(?:之{_S})?"
                           rf"(?:(?P<n>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}}){_S}个月|(?P<yr>{w.alt('until_year')}))")


def _same_period(text: str, index: TextIndex, mention: DateMention, g: _Groups,
                 mentions: list[DateMention], story: Story) -> None:
    """去年同期: the period the sentence (else the narrative) is about, moved back a year, in place.

    The frame is the latest-ending period (year, half, quarter, month or a span of months) named before
    it in its sentence, else in its paragraph or the one before (``2022年营收…。利润率较去年同期下降``
    is 2021; ``截至2025年6月30日止六个月…较去年同期`` is the first half of 2024): a comparison is
    made with the same period of the year before the one reported, which is the latest one named.
    An open frame is a year to date: ``今年以来`` up to the reference's day, ``截至6月30日`` from 1 January.
    With no frame it stays the year before the reference (``去年``)."""
    offset = int(date_words().value("rel_year", g["ry"] or ""))
    if offset >= 0 or mention.precision != "year" or not _same_period_next().match(text, mention.endpos):
        return
    sentence, narrative = index.sentence(mention.pos)[0], index.narrative_start(mention.pos)
    frames = [(span, c.pos, "" if c.open else c.precision) for c in mentions
              if c.pos >= narrative and not c.vague and not c.festival
              and (c.precision in ("year", "half", "quarter", "month") or c.open == "start")
              and (span := _frame_span(c, story)) is not None and _aside(index, c) != "comparison"]
    here = [f for f in frames if f[1] >= sentence] or frames
    if not here:
        return
    (first, last), _, precision = max(here, key=lambda f: (f[0][1], f[1]))
    lo, hi = _shift_years(first, offset), _shift_years(last, offset)
    if precision not in ("year", "half", "quarter", "month"):
        precision = "month" if (hi + dt.timedelta(days=1)).day == 1 else "day"
    mention.lo, mention.hi, mention.start, mention.end = lo, hi, lo.isoformat(), hi.isoformat()
    mention.precision, mention.basis, mention.year = precision, "anaphoric", None


def _prior_year(index: TextIndex, mention: DateMention, g: _Groups, mentions: list[DateMention]) -> None:
    """上年 (class ``prior_year``) after a year its sentence names: the year before that one, in place
    (``2024年营收…，较上年增长12%`` is 2023; a statistics bulletin's 比上年 likewise).  Without a named year
    it stays the reference's year before, like 去年; 上年同期 is :func:`_same_period`'s."""
    if mention.basis != "relative" or (g["ry"] or "") not in date_words().table.get("prior_year", {}):
        return
    sentence = index.sentence(mention.pos)[0]
    named = [c.year for c in mentions if c.pos >= sentence and c.basis == "absolute" and c.year is not None
             and not c.vague]
    if not named or mention.lo is None or mention.hi is None:
        return
    shift = named[-1] - 1 - _as_day(mention.lo).year
    if shift:
        lo, hi = _shift_years(_as_day(mention.lo), shift), _shift_years(_as_day(mention.hi), shift)
        mention.lo, mention.hi, mention.start, mention.end = lo, hi, lo.isoformat(), hi.isoformat()
    mention.basis, mention.year = "anaphoric", None


def _frame_span(c: DateMention, story: Story) -> tuple[dt.date, dt.date] | None:
    """The days a period mention covers, an open one read as a year to date; None when unknown."""
    if c.hi is None:
        return None
    hi = _as_day(c.hi)
    if c.open == "start":
        return dt.date(hi.year, 1, 1), hi
    if c.lo is None:
        return None
    lo = _as_day(c.lo)
    if c.open == "end":
        reference = story.today()
        if reference is None or not lo <= reference <= hi:
            return None
        hi = reference
    return lo, hi


def _shift_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February: the 28th)."""
    return _day(day.year + years, day.month, day.day) or dt.date(day.year + years, day.month, 28)


@lru_cache(maxsize=1)
def _same_period_next() -> regex.Pattern[str]:
    return compile_pattern(rf"{_S}(?:{date_words().alt('same_period')})")


# ------------------------------------------------------------------ reference inference
def infer_reference(text: str, index: TextIndex | None = None, matches: list[regex.Match[str]] | None = None,
                    resolver: Resolver | None = None) -> dt.date | None:
    """A reference date read from the text when the article gives none.

    1. **The year.**  The candidates run from the latest year the text writes
       outside plans (a year whose clause says 将/计划/预计 before it is a plan)
       to two years later.  Every 今年/去年/前年 votes for the year that makes
       it agree with the nearest written year: in "今年2月…发布公告：2022年3月1日起"
       今年 is 2022; in "去年8月…" followed by "2020年10月9日起" 去年 is 2020, so
       the article is from 2021.  Nearer evidence weighs more (same sentence 3,
       paragraph 2, neighbouring paragraph 1); votes outside the candidates are
       dropped (a 今年 next to an old year is a quote, not a clue).  The best
       vote wins (ties go to the earlier year); without votes, the latest
       written year.
    2. **The day.**  The latest day the text dates in that year (written or
       partial dates resolved as if the article were from that year; festivals,
       relative words and "before" dates are left out), else the end of the
       latest month written in that year, else 31 December.

    The result approximates the publication date from below: it is the last
    day the article speaks of.  None when the text writes no year.
    """
    index = index or TextIndex.of(text)
    matches = scan(text) if matches is None else matches
    written: list[tuple[int, int, bool]] = []  # (pos, year, is a plan)
    bases: list[int] = []  # the least present year each comparison base allows
    relative: list[tuple[int, int]] = []
    w = date_words()
    for m in matches:
        g = _Groups(m)
        y_text, ry = g["y"], g["ry"]
        if y_text:
            year = to_int(y_text)
            if not (year and 1900 <= year <= 2100):
                continue
            floor = _comparison_floor(text, index, m.start(), m.end(), year)
            if floor is None:
                plan = _is_plan(text, index, m.start())
                written.append((m.start(), year, plan))
                if not plan and _year_reported_whole(text, index, m, g):
                    bases.append(year + 1)
            else:
                bases.append(floor)
        elif ry:
            relative.append((m.start(), int(w.value("rel_year", ry))))
    if not written and not bases:
        return None
    present = [y for _, y, plan in written if not plan] or [y for _, y, _ in written]
    low = max(present + bases)
    year = _vote_year(index, written, relative, low) or low
    provisional = dt.date(year, 12, 31)
    mentions = (resolver or Resolver(text, index, matches)).resolve(provisional)
    days = [_as_day(d.lo) for d in mentions
            if d.lo is not None and d.precision in ("day", "time") and d.basis in ("absolute", "narrative", "reference")
            and not d.festival and d.open != "start" and _as_day(d.lo).year == year and not d.month_borrowed]
    if days:
        return max(days)
    months = [_as_day(d.hi) for d in mentions
              if d.hi is not None and d.precision == "month" and d.basis == "absolute" and _as_day(d.hi).year == year]
    return max(months) if months else provisional


def _comparison_floor(text: str, index: TextIndex, pos: int, end: int, year: int) -> int | None:
    """For a written year that is a comparison base (``较2016年第三季``, ``与2022年持平``): the least year
    the article can be from; None for a year that is not a comparison base.

    A base is never the year of the 今年 next to it (a figure is not compared with itself), so it is
    no anchor for the votes; it is a year the story looks back on: the present is that year or later,
    and later still when the comparison is year-on-year (``较2016年第三季，按年上升``: 2017 at least).
    """
    if not _is_comparison(text, pos, end):
        return None
    return year + 1 if _year_on_year().search(text, end, index.sentence(pos)[1]) else year


def _year_reported_whole(text: str, index: TextIndex, m: regex.Match[str], g: _Groups) -> bool:
    """A whole year with its change on the year before (``2022年…出口416万台，同比增长38%``): that year
    is over when the article is written, so it is from the next year at least.  Only a plain written
    year (no month, quarter, range or open end after it) outside plans counts."""
    if g.any(("m", "q", "hf", "hfn", "fq", "fest", "ypart", "ypartg", "ypartr", "yr2", "rt", "suf")):
        return False
    if _until_before().search(text, m.start()):
        return False
    return bool(_year_on_year().search(text, m.end(), index.sentence(m.start())[1]))


@lru_cache(maxsize=1)
def _year_on_year() -> re.Pattern[str]:
    alt = date_words().alt("year_on_year")
    return re.compile(alt or r"(?!x)x")


def _is_plan(text: str, index: TextIndex, pos: int) -> bool:
    clause_start = index.clause(pos, pos)[0]
    return bool(_future().search(text, clause_start, pos))


@lru_cache(maxsize=1)
def _future() -> re.Pattern[str]:
    alt = date_words().alt("future")
    return re.compile(alt or r"(?!x)x")


def _vote_year(index: TextIndex, written: list[tuple[int, int, bool]], relative: list[tuple[int, int]],
               low: int) -> int | None:
    votes: dict[int, int] = {}
    positions = [p for p, _, _ in written]
    for pos, offset in relative:
        best: tuple[int, int, int] | None = None  # (weight, -distance, year)
        s0, s1 = index.sentence(pos)
        p_here = index.paragraph_index(pos)
        i = bisect.bisect_left(positions, pos)
        for j in (i - 1, i):  # the nearest written year on either side
            if not 0 <= j < len(written):
                continue
            wpos, wyear, _ = written[j]
            if s0 <= wpos < s1:
                weight = 3
            elif index.paragraph_index(wpos) == p_here:
                weight = 2
            elif abs(index.paragraph_index(wpos) - p_here) == 1:
                weight = 1
            else:
                continue
            cand = (weight, -abs(wpos - pos), wyear - offset)
            best = max(best, cand) if best else cand
        if best and low <= best[2] <= low + 2:
            votes[best[2]] = votes.get(best[2], 0) + best[0]
    if not votes:
        return None
    return max(sorted(votes), key=lambda y: votes[y])
