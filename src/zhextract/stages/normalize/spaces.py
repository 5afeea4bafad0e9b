"""Spacing: no spaces around Chinese, one ASCII space between Latin words.

Indents and trailing spaces go; spaces inside numbers and times go; a
tags / keywords line and a short line of fields keep the spaces that
separate their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from zhextract.document import Change, Document
from zhextract.patterns import compile_pattern
from zhextract.script import HAN
from zhextract.stages.normalize.shared import CN, SP, _left, _right
from zhextract.stages.strip.boilerplate import boilerplate_pattern
from zhextract.step import Context


@lru_cache(maxsize=1 << 16)
def _cn(ch: str) -> bool:
    """Whether ``ch`` is Chinese for spacing (Han, CJK punctuation; not curly quotes)."""
    return bool(_CN_CHAR.match(ch))


_CN_CHAR = compile_pattern(rf"[{CN}]")


_INDENT = re.compile(SP + "*")
_SPACE_RUN = re.compile(SP + "+")


def _tag_label_end(text: str, pos: int, cache: dict[int, int]) -> int:
    """End of the label if ``pos`` lies in a tags / keywords line (``tags`` in boilerplate.tsv), else -1.

    ``cache`` maps a line start to the answer, so each line is matched once.
    """
    start = text.rfind("\n", 0, pos) + 1
    if start not in cache:
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        label = boilerplate_pattern("tags").match(text, _INDENT.match(text, start).end(), line_end)
        cache[start] = label.end() if label else -1
    return cache[start]


def _keyword_space(text: str, pos: int, cache: dict[int, int]) -> bool:
    """Whether the space at ``pos`` separates keywords in a tags line.

    The strip stage lifts such a line's words into ``meta.keywords``; the
    spaces between them must stay.  The spaces right after the label
    (``关键词： 阿里``) separate nothing.
    """
    label_end = _tag_label_end(text, pos, cache)
    return label_end >= 0 and pos != label_end


# Digits spaced out one by one (OCR, MT): 2 0 2 4, 1 2 . 5; three characters or more.
_SPACED_DIGITS = re.compile(rf"(?<![\d.A-Za-z]){SP}?\d(?:{SP}[\d.]){{2,}}(?![\d.A-Za-z])")
# What every spaced-out number holds (a digit, then two spaced digits or dots): a quick test that spares
# most texts the scan above, whose lookbehind keeps ``re`` from skipping ahead to the digits.
_SPACED_DIGIT_PAIR = re.compile(rf"\d{SP}[\d.]{SP}[\d.]")
_WORD_GAP_LINE = 80  # longest line whose spaces between Chinese words may be separators
_FULL_STOP = re.compile("[。！？]")


def _byline_space(text: str, pos: int, cache: dict[int, int]) -> bool:
    """Whether the space at ``pos`` sets apart the outlet, 记者 and the names of a byline opening its paragraph
    (``经济观察报 记者 老盈盈 截至…``, the ``byline_prefix`` kind of ``boilerplate.tsv``): without it the names run
    into the text, and the strip stage could not tell where they end.  The byline is matched once per line
    (``cache``: line start -> where its byline ends, 0 without one)."""
    line_start = text.rfind("\n", max(0, pos - _BYLINE_REACH), pos) + 1  # looked for near ``pos`` only
    if line_start == 0 and pos > _BYLINE_REACH:
        return False
    end = cache.get(line_start)
    if end is None:
        at = line_start
        while at < pos and text[at] in " \u3000\t":
            at += 1
        m = boilerplate_pattern("byline_prefix").match(text, at)
        end = cache[line_start] = m.end() if m else 0
    return pos < end


_BYLINE_REACH = 40  # characters from a paragraph's start a byline prefix reaches at most


def _word_gap(text: str, start: int, end: int) -> bool:
    """A space between two Chinese words of 2+ characters in a short line without a full stop."""
    if start < 2 or not (_HAN_CHAR2.match(text, start - 2) and _HAN_CHAR2.match(text, end)):
        return False
    # Look no further than a short line can reach: a long paragraph is not scanned once per space.
    line_start = text.rfind("\n", max(0, start - _WORD_GAP_LINE), start) + 1
    line_end = text.find("\n", end, end + _WORD_GAP_LINE + 1)
    if line_end < 0:
        line_end = len(text) if len(text) - end <= _WORD_GAP_LINE else -1
    if line_end < 0 or (line_start == 0 and start > _WORD_GAP_LINE):
        return False
    return line_end - line_start <= _WORD_GAP_LINE and not _FULL_STOP.search(text, line_start, line_end)


_HAN_CHAR2 = compile_pattern(rf"{HAN}{{2}}")


def _numeric_gap(text: str, start: int, end: int) -> bool:
    """A space inside a number or time: ``24: 00``, ``24 :00``, ``50 %``."""
    left, right = text[start - 1], text[end]
    if left.isdigit():
        if right in "%‰℃":
            return True
        return right in ":：" and _right(text, end).isdigit()
    return left in ":：" and _left(text, start - 1).isdigit() and right.isdigit()


def _bar_gap(text: str, start: int, end: int) -> bool:
    """A space between a separator bar and what follows, when Chinese is on the bar's other side.

    ``来源：新榜 | 2022-03-04`` loses the space before the bar (next to
    Chinese) and, so as not to leave ``新榜| 2022``, the one after it too.
    """
    left, right = text[start - 1], text[end]
    if left in _BARS:
        return _cn(_left(text, start - 1))
    if right in _BARS:
        return _cn(_right(text, end))
    return False


_BARS = "|｜丨"


def spacing(doc: Document, ctx: Context) -> Iterator[Change]:
    """Spaces around Chinese, indents and trailing spaces go; Latin words keep one ASCII space.

    ``10 月 29 日`` -> ``10月29日``, ``。 没想到`` -> ``。没想到``, ``24: 00`` ->
    ``24:00``, ``Aauto\u3000 Quicker`` -> ``Aauto Quicker``, ``新榜 | 2022`` ->
    ``新榜|2022``, ``2 0 2 4`` -> ``2024``.  In a tags /
    keywords line (``关键词： 阿里巴巴 同比增长``) a space between Chinese words
    separates two keywords, so only its indent, its end and a space after
    the label go.  In a short line without a full stop (a headline, a byline)
    a space between two Chinese words of two characters or more separates
    fields or clauses (``锂电池价格企稳 多家公司业绩回暖``, ``中国证券报 记者 王明``):
    it becomes one ASCII space.  Spaces between single characters
    (``快 手 电 商``) are OCR's and go.

    Each run of white space is judged by the characters on its two sides
    (Chinese text has few runs, so this beats a regex with lookarounds).
    """
    text = doc.text
    n = len(text)
    tag_lines: dict[int, int] = {}
    byline_lines: dict[int, int] = {}
    spaced_digits = {m.start() for r in _SPACED_DIGITS.finditer(text) for m in _SPACE_RUN.finditer(text, *r.span())} \
        if _SPACED_DIGIT_PAIR.search(text) else set()
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        left = text[start - 1] if start else "\n"
        right = text[end] if end < n else "\n"
        if left == "\n" or right == "\n":
            yield Change(start, end, "")  # indent or trailing
            continue
        if _keyword_space(text, start, tag_lines):
            continue
        if _byline_space(text, start, byline_lines):
            if m.group() != " ":
                yield Change(start, end, " ")
            continue
        if _word_gap(text, start, end):
            if m.group() != " ":
                yield Change(start, end, " ")
            continue
        if (_cn(left) or _cn(right) or _numeric_gap(text, start, end) or _bar_gap(text, start, end)
                or start in spaced_digits):
            yield Change(start, end, "")
        elif m.group() != " ":
            yield Change(start, end, " ")
