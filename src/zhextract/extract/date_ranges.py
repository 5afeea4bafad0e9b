"""A resolved date's core (:class:`_Core`) finished into a mention: range tails (``至``), open ends (``起``,
``以来``, ``截至``, ``前``, ``后``), the periods reports name (``截至…止六个月``), and the same period a year
earlier (``去年同期``, ``上年``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.extract.date_calendar import (
    DateMention,
    Stamp,
    _add_months,
    _as_day,
    _as_time,
    _clock,
    _day,
    _int,
    _iso,
    _last_day,
    _month_span,
)
from zhextract.extract.date_grammar import _S, _Groups, _until_before
from zhextract.extract.date_story import Story, _aside
from zhextract.extract.date_words import date_words
from zhextract.extract.numerals import to_int
from zhextract.extract.text import TextIndex
from zhextract.patterns import compile_pattern


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
