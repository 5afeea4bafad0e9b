"""The Chinese date grammar: find date expressions and resolve them to ISO dates.

Every mention gets ``start``/``end`` (inclusive ISO dates, or datetimes when
a time is given), a ``precision`` and a ``basis`` saying how its year was
found:

* ``absolute``  the text names the year (``2020年10月9日``);
* ``narrative`` a partial date takes the year of the story around it: the
  last explicit year in the same sentence, else in the same paragraph, else
  in the paragraph before;
* ``reference`` no year in the narrative: the article's reference date;
* ``relative``  ``今年`` ``去年`` ``本月``: counted from the reference date;
* ``anaphoric`` ``同年6月`` ``当月``: the date last mentioned.

Open-ended expressions (``10月9日起``, ``以来``, ``截至…``) keep the known
end only and say which side is open; no end is ever invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from zhextract.extract.numerals import to_int
from zhextract.extract.text import TextIndex
from zhextract.resources import read_table

PRECISIONS = ("year", "half", "quarter", "month", "day", "time")
BASES = ("absolute", "narrative", "reference", "relative", "anaphoric")


@dataclass
class DateMention:
    text: str
    pos: int
    endpos: int
    start: str | None
    end: str | None
    precision: str
    basis: str
    open: str | None = None  # "end": from start onwards; "start": up to end
    year: int | None = None  # the year the mention settled on (for the narrative)

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
        return out


# ------------------------------------------------------------------ grammar
_CN_DIGIT = "〇零○一二三四五六七八九"
Y = rf"(?P<y>(?<![\d.])(?:19|20)\d{{2}}(?!\d)|[一二][{_CN_DIGIT}]{{3}})"
M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
D = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
TIME = (r"(?:\s*(?P<ampm>早上|上午|中午|下午|晚上|傍晚|凌晨|晚)?\s*(?P<h>[01]?\d|2[0-4])\s*"
        r"(?:[:：]\s*(?P<mi>[0-5]\d)|[点时](?P<mi2>[0-5]?\d分?|半)?))?")
PART_OF_DAY = r"(?P<pod>早上|上午|中午|下午|晚上|晚间|傍晚|凌晨|晚|早)?"
PART_OF_MONTH = r"(?P<pom>上旬|中旬|下旬|初|底|末)?"
QUARTER = r"(?:第?(?P<q>[一二三四1-4])季度?|[Qq](?P<q2>[1-4])(?!\d))"
HALF = r"(?P<half>[上下]半年)"
REL_YEAR = r"(?P<rely>今|去|前|明|后|同|当|次|本)年"

_FORMS = [
    # 2022-03-04 10:20, 2020/8/27 9:12:46, 2020.8.27
    rf"{Y}(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.亿万%])"
    r"(?:\s+(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?",
    # 2020年10月9日(晚上9点), 二〇二〇年十月九日
    rf"{Y}\s*年\s*{M}\s*月\s*{D}\s*(?:日|号)?{PART_OF_DAY}{TIME}",
    rf"{Y}\s*年\s*(?:的\s*)?{QUARTER}",
    rf"{Y}\s*年\s*(?:的\s*)?{HALF}",
    rf"{Y}\s*年\s*{M}\s*月份?{PART_OF_MONTH}",
    rf"{Y}\s*年(?P<poy>初|底|末|中)?(?!\d)",
    rf"{Y}(?:的)\s*{QUARTER}",
    # relative / anaphoric year, optionally with month and day
    rf"{REL_YEAR}\s*(?:{M}\s*月\s*(?:{D}\s*(?:日|号))?份?{PART_OF_MONTH}|{QUARTER}|{HALF}|(?P<poy>初|底|末))?",
    # partial: 10月9日, 11月15日晚, 11月15日24:00, 10月9起
    rf"(?<![\d年]){M}\s*月\s*{D}\s*(?:日|号)?{PART_OF_DAY}{TIME}",
    rf"(?<![\d年]){M}\s*月份?{PART_OF_MONTH}(?![\d])",
    rf"(?<![\d年第]){QUARTER}",
    r"(?P<front>前)(?P<qn>[一二三1-3])季度?",
    HALF,
    r"(?P<relm>本月|上个?月|下个?月|当月|同月|次月|月底|月初|当天|当日|次日|同日|今天|昨天|明天|近日|日前|近期)",
]
_GRAMMAR = regex.compile("|".join(f"(?:{f})" for f in _FORMS))
_RANGE_TAIL = regex.compile(
    r"\s*(?:至|到|~|～|-|—|–)\s*(?:(?P<m2>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*)?"
    r"(?P<d2>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])?\s*(?P<unit>日|号|月)?"
)
_OPEN_END = regex.compile(r"\s*(?:起|以来|开始|之后|至今)")
_OPEN_START = regex.compile(r"(?:截至|截止|截止到|截止至|直到)\s*$")


@lru_cache(maxsize=1)
def _festivals() -> tuple[regex.Pattern[str], dict[str, tuple[str, str, str]]]:
    table: dict[str, tuple[str, str, str]] = {}
    for row in read_table("festivals.tsv", 4, 3):
        for name in row.items(0):
            table[name] = (row[1], row[2], row[3] or "fixed")
    names = sorted(table, key=len, reverse=True)
    pattern = regex.compile(
        rf"(?:{Y}\s*年\s*)?(?P<fest>" + "|".join(regex.escape(n) for n in names) + r")(?!\d)"
    )
    return pattern, table


# ------------------------------------------------------------------ helpers
def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_span(y: int, m: int, pom: str | None = None) -> tuple[str, str]:
    last = _last_day(y, m)
    lo, hi = 1, last
    if pom == "上旬" or pom == "初":
        hi = 10
    elif pom == "中旬":
        lo, hi = 11, 20
    elif pom in ("下旬", "底", "末"):
        lo = 21
    return f"{y:04d}-{m:02d}-{lo:02d}", f"{y:04d}-{m:02d}-{hi:02d}"


def _quarter_span(y: int, q: int) -> tuple[str, str]:
    m0 = 3 * (q - 1) + 1
    return f"{y:04d}-{m0:02d}-01", f"{y:04d}-{m0 + 2:02d}-{_last_day(y, m0 + 2):02d}"


def _time(y: int, m: int, d: int, h: int, mi: int, ampm: str | None) -> str | None:
    if ampm in ("下午", "晚上", "傍晚", "晚") and h < 12:
        h += 12
    day = dt.date(y, m, d)
    if h == 24:  # 24:00 is the start of the next day
        day += dt.timedelta(days=1)
        h = 0
    if h > 23:
        return None
    return dt.datetime(day.year, day.month, day.day, h, mi).isoformat(timespec="minutes")


# ------------------------------------------------------------------ resolver
class _Narrative:
    """The story's running year: last explicit year by sentence and paragraph."""

    def __init__(self, index: TextIndex, reference: dt.date | None) -> None:
        self.index = index
        self.reference = reference
        self.years: list[tuple[int, int]] = []  # (position, year) of settled years
        self.last: DateMention | None = None

    def year_for(self, pos: int) -> tuple[int | None, str]:
        """The year a partial date at ``pos`` belongs to, and the basis."""
        s0, _ = self.index.sentence(pos)
        p0, _ = self.index.paragraph(pos)
        prev_p = self.index.paragraph(p0 - 1)[0] if p0 > 0 else p0
        for lo in (s0, p0, prev_p):
            cands = [y for (p, y) in self.years if lo <= p < pos]
            if cands:
                return cands[-1], "narrative"
        if self.reference:
            return self.reference.year, "reference"
        return None, "reference"

    def settle(self, mention: DateMention) -> None:
        if mention.year is not None:
            self.years.append((mention.pos, mention.year))
        self.last = mention


def _int(m: regex.Match[str], name: str) -> int | None:
    v = m.group(name) if name in m.groupdict() else None
    return to_int(v) if v else None


def find_dates(text: str, reference: dt.date | None, index: TextIndex | None = None) -> list[DateMention]:
    """All date expressions of ``text``, resolved, in order of position."""
    index = index or TextIndex.of(text)
    story = _Narrative(index, reference)
    mentions: list[DateMention] = []
    matches = list(_GRAMMAR.finditer(text))
    fest_pattern, fest_table = _festivals()
    matches += list(fest_pattern.finditer(text))
    matches.sort(key=lambda m: (m.start(), -m.end()))
    last_end = -1
    for m in matches:
        if m.start() < last_end or not m.group().strip():
            continue
        mention = _resolve(m, text, story, fest_table)
        if mention is None:
            continue
        last_end = mention.endpos
        story.settle(mention)
        mentions.append(mention)
    return mentions


def _resolve(m: regex.Match[str], text: str, story: _Narrative,
             fest_table: dict[str, tuple[str, str, str]]) -> DateMention | None:
    g = m.groupdict()
    pos, endpos = m.start(), m.end()
    ref = story.reference
    y = _int(m, "y")
    basis = "absolute"
    if y is None:
        rely = g.get("rely")
        if rely in ("同", "当") and story.last and story.last.year:
            y, basis = story.last.year, "anaphoric"
        elif rely == "次" and story.last and story.last.year:
            y, basis = story.last.year + 1, "anaphoric"
        elif rely:
            if ref is None:
                return None
            offset = {"今": 0, "本": 0, "去": -1, "前": -2, "明": 1, "后": 2}.get(rely)
            if offset is None:
                return None
            y, basis = ref.year + offset, "relative"
    month, day = _int(m, "m"), _int(m, "d")
    precision = "year"
    start = end = None
    openness = None

    if g.get("relm"):
        word = g["relm"]
        if ref is None:
            return None
        if word in ("近日", "日前", "近期"):
            return DateMention(m.group(), pos, endpos, None, ref.isoformat(), "day", "relative", "start", ref.year)
        if word in ("当天", "当日", "同日", "当月", "同月", "次日", "次月") and story.last and story.last.start:
            last = dt.date.fromisoformat(story.last.start[:10])
            if "月" in word:
                y0, m0 = last.year, last.month + (1 if word == "次月" else 0)
                if m0 > 12:
                    y0, m0 = y0 + 1, 1
                s, e = _month_span(y0, m0)
                return DateMention(m.group(), pos, endpos, s, e, "month", "anaphoric", None, y0)
            day0 = last + dt.timedelta(days=1 if word == "次日" else 0)
            return DateMention(m.group(), pos, endpos, day0.isoformat(), day0.isoformat(), "day", "anaphoric", None,
                               day0.year)
        shift = {"本月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1, "月底": 0, "月初": 0}.get(word)
        if shift is not None:
            mm = ref.month + shift
            yy = ref.year + (mm - 1) // 12
            mm = (mm - 1) % 12 + 1
            s, e = _month_span(yy, mm, "底" if word == "月底" else "初" if word == "月初" else None)
            return DateMention(m.group(), pos, endpos, s, e, "month" if word not in ("月底", "月初") else "day",
                               "relative", None, yy)
        day0 = ref + dt.timedelta(days={"今天": 0, "昨天": -1, "明天": 1}.get(word, 0))
        return DateMention(m.group(), pos, endpos, day0.isoformat(), day0.isoformat(), "day", "relative", None,
                           day0.year)

    if g.get("fest"):
        if y is None:
            y, basis = story.year_for(pos)
            if y is None:
                return None
        first, last, kind = fest_table[g["fest"]]
        if kind != "fixed":
            return None  # lunar festivals: resolved by the lunar calendar (issue 6)
        s = f"{y:04d}-{first}"
        e = f"{y:04d}-{last or first}"
        return DateMention(m.group(), pos, endpos, s, e, "day", basis, None, y)

    if y is None and (month or g.get("q") or g.get("q2") or g.get("half") or g.get("qn")):
        y, basis = story.year_for(pos)
        if y is None:
            return None

    if y is None:
        return None
    if g.get("q") or g.get("q2"):
        q = to_int(g.get("q") or g.get("q2") or "")
        if not q or not 1 <= q <= 4:
            return None
        start, end = _quarter_span(y, q)
        precision = "quarter"
    elif g.get("qn"):
        n = to_int(g["qn"]) or 0
        start, end = f"{y:04d}-01-01", _quarter_span(y, n)[1]
        precision = "quarter"
    elif g.get("half"):
        start, end = (f"{y:04d}-01-01", f"{y:04d}-06-30") if g["half"][0] == "上" else (
            f"{y:04d}-07-01", f"{y:04d}-12-31")
        precision = "half"
    elif month and day:
        if _iso(y, month, day) is None:
            return None
        precision = "day"
        h = _int(m, "h")
        if h is not None:
            mi_text = g.get("mi") or g.get("mi2") or "0"
            mi = 30 if mi_text == "半" else to_int(mi_text.rstrip("分")) or 0
            stamp = _time(y, month, day, h, mi, g.get("ampm"))
            if stamp is None:
                return None
            start = end = stamp
            precision = "time"
        else:
            start = end = _iso(y, month, day)
    elif month:
        if not 1 <= month <= 12:
            return None
        start, end = _month_span(y, month, g.get("pom"))
        precision = "month" if not g.get("pom") else "day"
    else:
        poy = g.get("poy")
        start, end = f"{y:04d}-01-01", f"{y:04d}-12-31"
        if poy == "初":
            end = f"{y:04d}-03-31"
        elif poy in ("底", "末"):
            start = f"{y:04d}-10-01"
        precision = "year"

    # Ranges: 10月28日至12月31日, 11月1日至11日, 2021年1-9月
    rng = _RANGE_TAIL.match(text, endpos)
    if rng and (rng.group("d2") or rng.group("m2")) and precision in ("day", "month"):
        m2 = to_int(rng.group("m2")) if rng.group("m2") else None
        d2 = to_int(rng.group("d2")) if rng.group("d2") else None
        unit = rng.group("unit")
        y2 = y
        if precision == "day" and d2 and (unit in ("日", "号") or m2):
            mm2 = m2 or month or 1
            if mm2 < (month or 1):
                y2 = y + 1
            e2 = _iso(y2, mm2, d2)
            if e2:
                end, endpos = e2, rng.end()
        elif precision == "month" and unit == "月" and (d2 or m2):
            mm2 = d2 or m2 or month or 1
            if 1 <= mm2 <= 12:
                if mm2 < (month or 1):
                    y2 = y + 1
                end, endpos = _month_span(y2, mm2)[1], rng.end()
    if _OPEN_END.match(text, endpos):
        openness = "end"
        end = None
        endpos = _OPEN_END.match(text, endpos).end()  # type: ignore[union-attr]
    elif _OPEN_START.search(text, max(0, pos - 6), pos):
        openness = "start"
        start = None
    return DateMention(text[pos:endpos], pos, endpos, start, end, precision, basis, openness, y)


def infer_reference(text: str) -> dt.date | None:
    """A reference date read from the text when the article gives none.

    The latest full date the text states with its year; else 31 December of
    the latest explicit year.  (Issue 6 refines this with consistency checks.)
    """
    best: dt.date | None = None
    latest_year = None
    for m in _GRAMMAR.finditer(text):
        y = _int(m, "y")
        if y is None or not 1900 <= y <= 2100:
            continue
        latest_year = max(latest_year or y, y)
        mo, d = _int(m, "m"), _int(m, "d")
        if mo and d and _iso(y, mo, d):
            day = dt.date(y, mo, d)
            best = max(best or day, day)
    if best:
        return best
    return dt.date(latest_year, 12, 31) if latest_year else None
