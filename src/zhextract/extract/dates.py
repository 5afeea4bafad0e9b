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
3. else the reference date's year; or the year before, when the month is more than six months after
   the reference's (``LATER_MONTHS``: ``11月`` in a January report is last November) and no future word
   (``将``, ``计划``, ``预计``) stands in its sentence.

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
after the reference date, nor to the year before when their sentence plans
(``将于12月1日上线`` is a plan, not last year).

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

The grammar's shapes are code; its words are data: ``data/date_words.tsv``
(relative words, parts of days/months/years, open-end markers, guards) and
``data/festivals.tsv`` (festivals, lunar ones through the ``lunardate`` package).
The code never reads the clock: every relative date counts from the reference.

**Where the code is.**  This module is the overview and the place to import from (every name below is
re-exported here); the rules live in modules named by what they do, each importing only the ones above it:

* :mod:`~zhextract.extract.date_words`: the words of the two tables, by class, and the festivals;
* :mod:`~zhextract.extract.date_grammar`: the grammar as one regex, the scan for its matches, and
  ``_Groups``, the reading of a match's named groups;
* :mod:`~zhextract.extract.date_calendar`: :class:`DateMention`, its precisions and bases, and the calendar
  arithmetic (months, quarters, clock times, ISO stamps);
* :mod:`~zhextract.extract.date_story`: :class:`Story`, the narrative rule's memory, and the dates that stand
  aside from it (comparison bases, plans, open periods);
* :mod:`~zhextract.extract.date_ranges`: a resolved core finished into a mention: range tails, open ends,
  report periods (``截至…止六个月``), the same period a year earlier (``去年同期``, ``上年``);
* :mod:`~zhextract.extract.date_resolution`: :func:`find_dates` and :class:`Resolver`, matches resolved in
  order against the story, and the rules of the expressions that write no year (relative, anaphoric, bare);
* :mod:`~zhextract.extract.date_inference`: :func:`infer_reference`.
"""

from __future__ import annotations

from zhextract.extract.date_calendar import (  # noqa: F401
    _FINE,
    BASES,
    PRECISIONS,
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
    _part_span,
    _quarter_span,
    _year_part_span,
)
from zhextract.extract.date_grammar import (  # noqa: F401
    _CN_DIGITS,
    _D_CN,
    _D_DIG,
    _HOUR_CN,
    _M,
    _MIN_CN,
    _NUMERALS,
    _PLACES,
    _Q,
    _S,
    _SPACE,
    _SUFFIX_GUARDS,
    _Y4,
    _Y4_END,
    _Y4_NIAN,
    _Before,
    _day_stems,
    _festival_alt,
    _Groups,
    _guarded,
    _inside,
    _masked_spans,
    _month_part,
    _numeral_start_scan,
    _pod,
    _Scanner,
    _scanner,
    _time,
    _until_before,
    scan,
)
from zhextract.extract.date_inference import (  # noqa: F401
    _comparison_floor,
    _vote_year,
    _year_on_year,
    _year_reported_whole,
    infer_reference,
)
from zhextract.extract.date_ranges import (  # noqa: F401
    _MONTHS_PRECISION,
    _by_the_end,
    _Core,
    _finish,
    _frame_span,
    _period_ending,
    _prior_year,
    _range_end,
    _same_period,
    _same_period_next,
    _shift_years,
    _until_span,
    _written_end,
)
from zhextract.extract.date_resolution import (  # noqa: F401
    _SPECIAL,
    _WEEKDAY,
    Resolver,
    _ago,
    _anchor,
    _bare_day,
    _bare_month_part,
    _bare_quarter,
    _bare_time,
    _body,
    _full_year,
    _is_vague,
    _month_or_part,
    _needs_year,
    _now,
    _precision_of,
    _Progress,
    _quarter_results,
    _rel_day,
    _rel_day_written,
    _rel_month,
    _rel_quarter,
    _rel_week,
    _resolve_core,
    _resolve_one,
    _short_year_written,
    _Special,
    _special_slots,
    _vague,
    _written_year,
    find_dates,
)
from zhextract.extract.date_story import (  # noqa: F401
    Story,
    _aside,
    _comparison,
    _future,
    _is_comparison,
    _is_plan,
    _present_words,
    _ReadsDay,
)
from zhextract.extract.date_words import (  # noqa: F401
    _CLASSES,
    Festival,
    Words,
    _festival_span,
    _lunar_in_year,
    date_words,
    festival_names,
    festivals,
)

__all__ = [
    "BASES", "PRECISIONS", "DateMention", "Festival", "Resolver", "Stamp", "Story", "Words", "date_words",
    "festival_names", "festivals", "find_dates", "infer_reference", "scan",
]
