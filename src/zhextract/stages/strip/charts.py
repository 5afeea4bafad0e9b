"""The text of a chart whose picture is gone: axis ticks, data rows, labels and legends, one per line.

A page scraped from a report, a flipbook or a PDF keeps what a chart printed as text (``0`` / ``50`` /
``100``, ``316 630 518``, ``12.5% 8.1% 9.0%``) between or after the paragraphs.  No paragraph looks like that:
a line of bare figures has almost no Han characters and no sentence mark.  Three or more such lines close
together, with the short labels between and after them (months, a legend without figures), are a chart's
debris; so is the chart's source line right below them (``数据来源：…``).  A label above the first figures
stays: it may be the heading of the section the chart illustrates.

A table the article prints row by row names what each row is (``杭州 316 12.5%``): its rows hold Han words and
are no bare figures, so a table is never taken for a chart.  A run that reaches the body's first line is
left alone (the figures may be the article).
"""

from __future__ import annotations

import re

from zhextract.document import Change, Document
from zhextract.script import HAN_CHAR
from zhextract.stages.strip.boilerplate import CLAUSE_OR_QUOTE_MARKS, boilerplate_pattern, shown_len
from zhextract.stages.strip.page import View, _view
from zhextract.step import Context

CHART_RUN = 3  # lines of bare figures that make a chart's debris
FIGURE_LINE = 40  # characters of a line of bare figures at most
BARE_HAN = 2  # Han characters a line of bare figures holds at most (a unit: 万, %, 亿)
LABEL_LINE = 16  # characters of a label or legend line between the figures at most
_DIGIT = re.compile(r"\d")
_WORD_START = re.compile(r"(?<![\d\u3400-\u9fff%％.])[\u3400-\u9fff]")  # Han not after a figure: a word, no unit


def chart_debris(doc: Document, ctx: Context) -> list[Change]:
    """A chart's text left on the page (see the module docstring)."""
    if len(_DIGIT.findall(doc.text)) < CHART_RUN:
        return []
    view = _view(doc)
    real = view.real
    drop: dict[int, str] = {}
    k = 0
    while k < len(real):
        if not _bare_figures(view.texts[real[k]]):
            k += 1
            continue
        lo = hi = k  # the run: bare figures, with the labels between and after them
        while hi + 1 < len(real) and (_bare_figures(view.texts[real[hi + 1]]) or _label(view, real[hi + 1])):
            hi += 1
        run = real[lo:hi + 1]
        bare = sum(_bare_figures(view.texts[i]) for i in run)
        if bare >= CHART_RUN and run[0] > view.bounds.first:
            why = f"a chart's text: {bare} lines of bare figures with their labels"
            drop.update(dict.fromkeys(run, why))
            if hi + 1 < len(real) and boilerplate_pattern("chart_source").match(view.texts[real[hi + 1]].strip()):
                drop[real[hi + 1]] = "the source line under a chart's text"
        k = hi + 1
    return view.remove(drop, drop)


def _bare_figures(line: str) -> bool:
    """A line of figures and little else: at most two Han characters, units right after a figure (1132万), and
    twice as many digits; no sentence mark, no table cells, no word before the figures."""
    s = line.strip()
    if not 0 < len(s) <= FIGURE_LINE or CLAUSE_OR_QUOTE_MARKS.search(s) or "|" in s or "｜" in s:
        return False  # a table row (甲|310|6.98) is the article's
    han = len(HAN_CHAR.findall(s))
    if _WORD_START.search(s):
        return False  # 杭州 316 12.5%: a row that names what it counts, a table's
    return han <= BARE_HAN and len(_DIGIT.findall(s)) >= 2 * max(han, 1) - 1  # 1.价格: an item of a list


def _label(view: View, i: int) -> bool:
    """A short line of a chart's labels (months, a legend): no sentence mark, not prose."""
    s = view.texts[i].strip()
    return 0 < shown_len(s) <= LABEL_LINE * 2 and len(s) <= LABEL_LINE and not CLAUSE_OR_QUOTE_MARKS.search(s) \
        and not view.content[i]
