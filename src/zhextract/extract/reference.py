"""The reference date that relative expressions (今年, 去年, 本月) count from.

In order: the publication date lifted from the article's header, the
sidecar's ``published``, the ``--published`` option, and last a date
inferred from the text (:func:`zhextract.extract.dates.infer_reference`: the
year that makes the text's 今年/去年 agree with the years it writes, and the
latest day it dates in that year); when the body writes no year, from the
title and the body together (``2023年1—2月份社会消费品零售总额增长`` over a body that says
only ``1—2月份``: a statistics release names its year once, in its headline).  Never the machine's clock: a rebuild
next year must give the same dataset.

**The dateline's day.**  A wire story keeps the day it was filed in its
dateline (``某财经网5月28日讯``, ``某通讯社上海6月4日电``) while the page that
reposts it may be dated later: the story's ``昨日`` and ``3日`` count from the
day filed.  When the strip stage lifted such a day (``MM-DD``, no year), it
replaces the date found above if it falls 1 to ``DATELINE_MAX_DAYS`` days
before it (in its year, or the year before across New Year); basis
``dateline``.  A day further back is another story's and is ignored.
"""

from __future__ import annotations

import datetime as dt

from zhextract.extract.dates import infer_reference
from zhextract.extract.prepared import Prepared

DATELINE_MAX_DAYS = 31  # a repost dated more than a month after its dateline is not read as that dateline's


def parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def reference_date(published: str | None, sidecar: str | None, override: str | None,
                   text: str, prepared: Prepared | None = None,
                   dateline_day: str | None = None, title: str | None = None) -> tuple[dt.date | None, str]:
    """``(date, basis)`` with basis published | sidecar | override | inferred | dateline | none."""
    found: tuple[dt.date | None, str] = (None, "none")
    for value, basis in ((published, "published"), (sidecar, "sidecar"), (override, "override")):
        day = parse_iso_date(value)
        if day:
            found = (day, basis)
            break
    else:
        prepared = prepared or Prepared.of(text)
        inferred = infer_reference(text, prepared.index, prepared.matches, prepared.resolver)
        if inferred is None and title:
            inferred = infer_reference(f"{title}\n\n{text}")
        if inferred:
            found = (inferred, "inferred")
    if found[0] is not None and dateline_day:
        filed = dateline_before(found[0], dateline_day)
        if filed is not None and filed != found[0]:
            return filed, "dateline"
    return found


def dateline_before(day: dt.date, dateline_day: str) -> dt.date | None:
    """The last date on or before ``day`` with the dateline's month and day (``MM-DD``), if it is at most
    ``DATELINE_MAX_DAYS`` earlier; None otherwise (or for a day that does not exist)."""
    try:
        month, mday = (int(x) for x in dateline_day.split("-"))
    except ValueError:
        return None
    for year in (day.year, day.year - 1):
        try:
            filed = dt.date(year, month, mday)
        except ValueError:
            continue
        if filed <= day:
            return filed if (day - filed).days <= DATELINE_MAX_DAYS else None
    return None
