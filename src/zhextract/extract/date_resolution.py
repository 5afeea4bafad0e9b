"""Date matches resolved into mentions, in text order, against the story so far (:class:`Resolver`,
:func:`find_dates`), with the rules of the expressions that write no year: relative, anaphoric and bare
ones.  The narrative rule and the other rules are described in :mod:`zhextract.extract.dates`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from zhextract.extract.date_calendar import (
    DateMention,
    _add_months,
    _as_day,
    _clock,
    _day,
    _int,
    _month_span,
    _part_span,
    _quarter_span,
    _year_part_span,
)
from zhextract.extract.date_grammar import _Q, _S, _Groups, scan
from zhextract.extract.date_ranges import _Core, _finish, _prior_year, _same_period
from zhextract.extract.date_story import Story, _ReadsDay
from zhextract.extract.date_words import date_words, festivals
from zhextract.extract.numerals import to_int
from zhextract.extract.text import TextIndex
from zhextract.patterns import compile_pattern


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


ROC_EPOCH = 1911  # the year before the Republic of China's first year (Taiwan writes 109年 for 2020)


def _written_year(g: _Groups, story: Story, pos: int = 0) -> tuple[int | None, str, bool]:
    """(year, basis, names_year) from the year the expression writes, if any."""
    ref = story.reference
    w = date_words()
    if g["y"]:
        return to_int(g["y"]), "absolute", True
    if g["yy"]:
        yy = int(g["yy"])
        return (2000 + yy if yy < 50 else 1900 + yy), "absolute", True
    if g["roc"]:
        return ROC_EPOCH + int(g["roc"]), "absolute", True  # 民国109年 = 2020
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
    return g.any(("m", "q", "hf", "hfn", "fq", "fm", "fest", "ypart", "ypartg", "ypartr"))


def _precision_of(g: _Groups) -> str:
    if g["d"] or g["d_to"]:
        return "time" if g["h"] else "day"
    if g["mpart"]:
        return "dekad"
    if g["m"] or g["fm"]:
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
    if g["fm"]:
        n = _int(g["fm"])
        return _Core(dt.date(y, 1, 1), _month_span(y, n)[1], "month", "") if n and 1 <= n <= 11 else None
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


def _year_anchor(story: Story, pos: int) -> tuple[dt.date, str] | None:
    """:func:`_anchor` for a count of years (两年前), of which only the year is read: the reference's day is
    not asked for, so a :class:`Resolver` shares the mention between references of one year."""
    last = story.antecedent(pos, "day", "sentence")
    if last is not None and last.lo is not None:
        return _as_day(last.lo), "anaphoric"
    return (story.reference, "relative") if story.reference is not None else None


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
    anchor = _year_anchor(story, pos) if unit == "year" else _anchor(story, pos, "day", "sentence", "relative")
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
