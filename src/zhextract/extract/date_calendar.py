"""What a resolved date is (:class:`DateMention`, its precisions and bases) and the calendar arithmetic
the date rules share (days, months, quarters, clock times, ISO stamps)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from zhextract.extract.date_grammar import _Groups
from zhextract.extract.date_words import date_words
from zhextract.extract.numerals import to_int

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
