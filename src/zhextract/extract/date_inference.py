"""The reference date inferred from a text that gives none (:func:`infer_reference`): the year that
makes its 今年/去年 agree with the years it writes, and the latest day it dates in that year."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

import regex

from zhextract.extract.date_calendar import _as_day
from zhextract.extract.date_grammar import _Groups, _until_before, scan
from zhextract.extract.date_resolution import Resolver
from zhextract.extract.date_story import _is_comparison, _is_plan
from zhextract.extract.date_words import date_words
from zhextract.extract.numerals import to_int
from zhextract.extract.text import TextIndex


def infer_reference(text: str, index: TextIndex | None = None, matches: list[regex.Match[str]] | None = None,
                    resolver: Resolver | None = None) -> dt.date | None:
    """A reference date read from the text when the article gives none.

    1. **The year.**  The candidates run from the latest year the text writes
       outside plans (a year whose clause says 将/计划/预计 before it is a plan)
       to two years later.  Every 今年/去年/前年 votes for the year that makes
       it agree with the nearest written year: in "今年2月…发布公告：2022年3月1日起"
       今年 is 2022; in "去年8月…" followed by "2020年10月9日起" 去年 is 2020, so
       the article is from 2021.  A 去年 that is a comparison base (去年同期, 较去年) is the
       year before the figures' year, which the written year beside it is: it votes for that year
       (2022年10月…不及去年同期: 2022).  Nearer evidence weighs more (same sentence 3,
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
            offset = int(w.value("rel_year", ry))
            if offset < 0 and _is_comparison(text, m.start(), m.end()):
                offset = 0  # 不及去年同期 beside 2022年10月: the year before the written one, itself the present
            relative.append((m.start(), offset))
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
    if g.any(("m", "q", "hf", "hfn", "fq", "fm", "fest", "ypart", "ypartg", "ypartr", "yr2", "rt", "suf")):
        return False
    if _until_before().search(text, m.start()):
        return False
    return bool(_year_on_year().search(text, m.end(), index.sentence(m.start())[1]))


@lru_cache(maxsize=1)
def _year_on_year() -> re.Pattern[str]:
    alt = date_words().alt("year_on_year")
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
