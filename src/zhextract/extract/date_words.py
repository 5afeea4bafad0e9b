"""The date grammar's words: ``data/date_words.tsv`` by class, and the festivals of ``data/festivals.tsv``
(lunar ones through the ``lunardate`` package).  See :mod:`zhextract.extract.dates` for the grammar they serve."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.resources import read_table
from zhextract.trie import trie_regex

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
    "compare_next", "year_on_year", "prior_year", "year_act_prev",
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
