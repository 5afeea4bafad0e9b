"""The narrative a text tells while its dates are resolved: the years it named, its last date, its days
(:class:`Story`), and the dates that stand aside from it (comparison bases, plans, open periods).  The rules
are described in :mod:`zhextract.extract.dates`."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from zhextract.extract.date_calendar import _FINE, DateMention, _as_day
from zhextract.extract.date_grammar import _Before
from zhextract.extract.date_words import date_words
from zhextract.extract.text import TextIndex
from zhextract.trie import trie_regex

# A month without a year more than this many months after the reference's month is last year's: news
# reports what happened (a January release of November's figures) far more often than what will.
LATER_MONTHS = 6


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
        self.months: dict[int, int] = {}  # month -> year of the latest such month written with its year
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
        other.months = dict(self.months)
        return other

    def year_for(self, pos: int, month: int | None = None, day: int | None = None) -> tuple[int | None, str]:
        """The year of a partial date at ``pos`` and its basis (the narrative rule, module docstring)."""
        i = bisect.bisect_left(self.named_pos, pos) - 1
        if i >= 0 and self.named_pos[i] >= self.index.narrative_start(pos) \
                and not self._back_to_present(self.named_pos[i], pos):
            return self.named_year[i], "narrative"
        if month and day and (month, day) in self.days:
            return self.days[(month, day)], "narrative"
        if month and not day and month in self.months:
            return self.months[month], "narrative"  # 2023年9月…。（two paragraphs on）9月，…: that September
        if self.reference:
            if month is not None and month > LATER_MONTHS + 1 and not self._planned(pos):
                today = self.today()  # reads the reference's month
                if today is not None and month - today.month > LATER_MONTHS:
                    return today.year - 1, "reference"  # 11月 in a January report: last November
            return self.reference.year, "reference"
        return None, "unresolved"

    def _planned(self, pos: int) -> bool:
        """A future word (class ``future``: 将, 计划, 预计) in the sentence of the date at ``pos``: a plan
        (``12月1日起，新规将实施``) is this year's even when its month is far ahead."""
        start, end = self.index.sentence(pos)
        return bool(_future().search(self.index.text, start, end))

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
            elif mention.precision == "month" and names_year and mention.year is not None and mention.hi is not None \
                    and _as_day(mention.lo).month == _as_day(mention.hi).month:  # one month, not 1-9月
                self.months[_as_day(mention.lo).month] = mention.year


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


def _is_plan(text: str, index: TextIndex, pos: int) -> bool:
    clause_start = index.clause(pos, pos)[0]
    return bool(_future().search(text, clause_start, pos))


@lru_cache(maxsize=1)
def _future() -> re.Pattern[str]:
    alt = date_words().alt("future")
    return re.compile(alt or r"(?!x)x")
