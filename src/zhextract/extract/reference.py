"""The reference date that relative expressions (今年, 去年, 本月) count from.

In order: the publication date lifted from the article's header, the
sidecar's ``published``, the ``--published`` option, and last a date
inferred from the text (:func:`zhextract.extract.dates.infer_reference`: the
year that makes the text's 今年/去年 agree with the years it writes, and the
latest day it dates in that year).  Never the machine's clock: a rebuild
next year must give the same dataset.
"""

from __future__ import annotations

import datetime as dt

from zhextract.extract.dates import infer_reference
from zhextract.extract.prepared import Prepared


def parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def reference_date(published: str | None, sidecar: str | None, override: str | None,
                   text: str, prepared: Prepared | None = None) -> tuple[dt.date | None, str]:
    """``(date, basis)`` with basis published | sidecar | override | inferred | none."""
    for value, basis in ((published, "published"), (sidecar, "sidecar"), (override, "override")):
        day = parse_iso_date(value)
        if day:
            return day, basis
    prepared = prepared or Prepared.of(text)
    inferred = infer_reference(text, prepared.index, prepared.matches)
    return (inferred, "inferred") if inferred else (None, "none")
