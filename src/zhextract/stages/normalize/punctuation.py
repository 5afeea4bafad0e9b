"""Punctuation: ASCII marks made full-width in Chinese context, doubled and misplaced marks mended.

``punctuation_width`` writes the dataset's convention (GB/T 15834, see the
package docstring): full-width ``，：；？！（）`` and ``。`` in Chinese
context, ASCII between digits and in Latin text; links and e-mail addresses
are never touched.  ``punctuation_doubled`` turns a run of marks into the one
it stands for (``，，`` ``，。`` ``。。`` and ellipses).  Both decide from
characters that no later rule changes (``_TRANSPARENT``), so that one pass of
the stage leaves nothing for a second.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import repeat
from operator import add

import regex

from zhextract.document import Change, Document
from zhextract.patterns import compile_pattern
from zhextract.stages.normalize.shared import _SPACE_CHARS, CN_CONTEXT, RE_HAN, SP, SPACE_CHARS, _han, _left
from zhextract.stages.normalize.spaces import _tag_label_end
from zhextract.step import Context

_CN_CONTEXT = compile_pattern(rf"[{CN_CONTEXT}]")

# ------------------------------------------------------------ links and e-mail addresses (never touched)
_LINK_CHARS = rf"[^\s<>\"'{RE_HAN}\u3000-\u303f\uff01-\uff65“”‘’]"
_SCHEME = re.compile(r"(?:https?|ftp)$", re.IGNORECASE)
_AFTER_SCHEME = re.compile(rf"{_LINK_CHARS}+")
_HOST = re.compile(rf"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+{_LINK_CHARS}*")
_MAILBOX = re.compile(r"[A-Za-z0-9._%+-]+$")
_MAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses: no punctuation rule touches them.

    Links are found from their fixed part (``://``, ``www.``, ``@``) with
    ``str.find`` and grown with small patterns: a pattern that starts with a
    character class would be tried at every position of every article.
    Trailing ASCII punctuation (``见www.a.com.`` ``(http://a.cn)``) is not
    part of a link.
    """
    spans = []
    for i in _occurrences(text, "://"):
        scheme = _SCHEME.search(text, max(0, i - 5), i)
        rest = _AFTER_SCHEME.match(text, i + 3)
        if scheme and rest:
            spans.append((scheme.start(), rest.end()))
    for literal in ("www.", "WWW.", "Www."):
        for i in _occurrences(text, literal):
            host = _HOST.match(text, i + 4)
            if host:
                spans.append((i, host.end()))
    for i in _occurrences(text, "@"):
        box = _MAILBOX.search(text, max(0, i - 64), i)
        domain = _MAIL_DOMAIN.match(text, i + 1)
        if box and domain:
            spans.append((box.start(), domain.end()))
    merged: list[tuple[int, int]] = []  # sorted and disjoint, for _inside
    for start, end in sorted(spans):
        while end > start and text[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _occurrences(text: str, literal: str) -> Iterator[int]:
    i = text.find(literal)
    while i >= 0:
        yield i
        i = text.find(literal, i + 1)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# Read off many matches with map, and Changes made from their fields (tuple.__new__: no Python frame each).
_MATCH_START, _MATCH_TEXT = re.Match.start, re.Match.group
_new_change = tuple.__new__


# ------------------------------------------------------------ punctuation width
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# The marks this rule writes, in both widths, and white space: they are
# *transparent* when a mark looks for its context, so that the decision rests
# only on characters the rule never changes, and one pass of the stage leaves
# nothing for a second (``x,(快手)``: the comma sees 快 through the parenthesis).
_TRANSPARENT = frozenset(SPACE_CHARS + ",;:?!()，；：？！（）")


# Chinese context for the standard ``re`` module: Han, CJK punctuation, curly
# quotes, minus the transparent full-width marks (！（），：；？ = FF01 FF08 FF09
# FF0C FF1A FF1B FF1F).
_RE_SOLID_CN = (RE_HAN + "\u3001-\u303f\uff02-\uff07\uff0a\uff0b\uff0d-\uff0f\uff1c-\uff1e\uff20"
                "\uff3b-\uff40\uff5b-\uff65“”‘’…—·")
_MARK_NEXT_TO_CN = re.compile(  # the common case: a mark right after, or before, Chinese
    rf"[,;:?!](?:(?<=[{_RE_SOLID_CN}].)|(?={SP}*[{_RE_SOLID_CN}]))"
)
_ASCII_MARK = re.compile(r"[,;:?!]")
# 分手. 没想到; also before another mark (万.。, 万.:), Chinese or made Chinese by this same
# step, which punctuation_doubled then merges: the result must not depend on a second pass.
_PERIOD_ENDING = re.compile(rf"\.(?={SP}*(?:[{RE_HAN}“”’」』）)。，！？；：、,;:?!\n]|$))")
_THOUSANDS = re.compile(r",\d{3}(?!\d)")  # at the comma
_FULL_TIME_COLON = re.compile(rf"：(?={SP}*\d{{2}}(?!\d))")  # 10：20, if one or two digits precede
_PAREN = re.compile(r"[()（）]")


@lru_cache(maxsize=1 << 16)
def _chinese(ch: str) -> bool:
    """Whether ``ch`` makes a mark next to it Chinese (Han, CJK punctuation, curly quotes)."""
    return ch not in _TRANSPARENT and bool(_CN_CONTEXT.match(ch))


def _solid(text: str, i: int, step: int, skip_digits: bool = False) -> int:
    """Index of the nearest non-transparent character from ``i`` in direction ``step`` (-1 if none)."""
    j = i + step
    while 0 <= j < len(text) and (text[j] in _TRANSPARENT or (skip_digits and text[j].isdigit())):
        j += step
    return j if 0 <= j < len(text) else -1


def _chinese_at(text: str, j: int) -> bool:
    """Whether the character at ``j`` is Chinese context.

    A ``.`` is, when the stage turns it into ``。`` or part of ``……``: the
    decision must not depend on whether that already happened.
    """
    if j < 0:
        return False
    if text[j] == ".":
        return _ends_sentence(text, j) or _in_ellipsis(text, j)
    return _chinese(text[j])


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the ``.`` at ``i`` is a full stop after Chinese (``分手. 没想到``)."""
    return bool(_PERIOD_ENDING.match(text, i)) and _han(_left(text, i))


def _chinese_around(text: str, i: int, skip_digits: bool = False) -> bool:
    return _chinese_at(text, _solid(text, i, -1, skip_digits)) or _chinese_at(text, _solid(text, i, 1, skip_digits))


def _mark_is_chinese(text: str, i: int) -> bool:
    """Whether the ASCII mark at ``i`` stands in Chinese context (see :func:`punctuation_width`)."""
    left, right = _solid(text, i, -1), _solid(text, i, 1)
    if left >= 0 and right >= 0 and text[left].isdigit() and text[right].isdigit():
        # 24:00, 3:1 and 1,000 stay; a comma in a list of numbers (2019,2020年) looks past them
        if text[i] != "," or _THOUSANDS.match(text, i):
            return False
        return _chinese_around(text, i, skip_digits=True)
    return _chinese_at(text, left) or _chinese_at(text, right)


def punctuation_width(doc: Document, ctx: Context) -> list[Change]:
    """ASCII ``,;:?!()`` in Chinese context become full-width (GB/T 15834).

    Context is the nearest character on either side that is not a space or
    a mark this rule writes: Chinese on either side makes the mark Chinese.
    Marks between two digits stay ASCII (``24:00``, ``3:1``, ``1,000``),
    except a comma that is no thousands separator (``2019,2020年``): there the
    digits are skipped to find the context.  A ``.`` right after a Han
    character that ends a sentence becomes ``。``.  Parentheses are paired
    (nesting and mixed widths too) and a pair becomes full-width when it holds
    or touches Chinese.  A full-width colon inside a clock time (``10：20``)
    becomes ASCII.  Links and e-mail addresses are never touched.

    Most marks sit right next to a Han character; one regex finds those, and
    only the others are looked at one by one.
    """
    text = doc.text
    # Chinese right beside it (never between digits): every such mark, collected in C.
    beside = list(_MARK_NEXT_TO_CN.finditer(text))
    changes: dict[int, str] = dict(zip(map(_MATCH_START, beside), map(_HALF_TO_FULL.__getitem__,
                                                                      map(_MATCH_TEXT, beside))))
    # The other marks (between digits, in Latin text) are looked at one by one: a set difference in C
    # leaves only them.
    for i in set(map(_MATCH_START, _ASCII_MARK.finditer(text))).difference(changes):
        if _mark_is_chinese(text, i):
            changes[i] = _HALF_TO_FULL[text[i]]
    if "." in text:
        for m in _PERIOD_ENDING.finditer(text):
            if _ends_sentence(text, m.start()):
                changes[m.start()] = "。"
    if "(" in text or ")" in text:
        changes.update(_paren_changes(text))
    if "：" in text:
        for m in _FULL_TIME_COLON.finditer(text):
            if _clock_colon(text, m.start(), m.end()):
                changes[m.start()] = ":"
    keep = _protected(text) if changes else []
    at = sorted(changes)
    if keep:
        at = [i for i in at if not _inside(keep, i)]
    # One change per mark, made in C (tuple.__new__: no Python frame per Change).
    return list(map(_new_change, repeat(Change, len(at)),
                    zip(at, map(add, at, repeat(1)), map(changes.__getitem__, at), repeat(""))))


def _clock_colon(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a colon) stands between the hours and minutes of a time (10：20).

    Spaces around it do not count: ``spacing`` removes them.
    """
    before = text[max(0, start - 8):start].rstrip(SPACE_CHARS)
    hours = len(before) - len(before.rstrip("0123456789"))
    return 1 <= hours <= 2 and bool(_MINUTES.match(text, end))


_MINUTES = re.compile(rf"{SP}*\d{{2}}(?!\d)")


def _paren_changes(text: str) -> Iterator[tuple[int, str]]:
    """Full-width forms for the ASCII parentheses that stand in Chinese context.

    Parentheses pair up within a line, whatever their width; a pair that
    holds Chinese or has Chinese context outside becomes full-width, and so
    does an unpaired one in Chinese context.
    """
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    single: list[int] = []
    for m in _PAREN.finditer(text):
        i, ch = m.start(), m.group()
        if stack and text.find("\n", stack[-1], i) >= 0:  # a line ended since the last opening one
            single.extend(stack)
            stack.clear()
        if ch in "(（":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            single.append(i)
    single.extend(stack)
    for a, b in pairs:
        if text[a] != "(" and text[b] != ")":
            continue
        inside = any(_chinese(c) for c in _CN_CONTEXT.findall(text, a + 1, b))
        if inside or _chinese_at(text, _solid(text, a, -1)) or _chinese_at(text, _solid(text, b, 1)):
            if text[a] == "(":
                yield a, "（"
            if text[b] == ")":
                yield b, "）"
    for i in single:
        if text[i] in "()" and _chinese_around(text, i):
            yield i, _HALF_TO_FULL[text[i]]


# ------------------------------------------------------------ doubled punctuation
_PAUSES = "；：，、"  # strongest first
_STOPS = "。？！"
# A run of Chinese marks, ellipses and dots: two or more marks, or an ellipsis alone.
_MARK_RUN = compile_pattern(r"(?:[，、；：。？！…]|\.{3,})(?:[，、；：。？！…]|\.{3,})+|…|\.{3,}")
_ELLIPSIS = compile_pattern(r"(?:\.{3,}|。{3,}|…)+")  # ... 。。。 … and runs of them
_RUN_PARTS = compile_pattern(
    rf"(?P<ellipsis>{_ELLIPSIS.pattern})"
    r"|(?P<cluster>[，、；：。？！]{2,})"  # two or more Chinese marks
)
_ASCII_DOUBLE = re.compile(r"(?<!\d)[,;]{2,}(?!\d)")  # ,, ;; in Latin text
_MAX_ELLIPSIS = 8  # longer runs of dots are leaders in a table of contents, not an ellipsis


def mend_cluster(marks: str) -> str:
    """The one mark (or proper pair) a run of Chinese punctuation stands for.

    ``，，`` -> ``，``; ``，；`` -> ``；`` (the strongest pause); ``，。`` and ``。，``
    -> ``。`` (a stop wins over pauses); ``。？`` -> ``？``; ``。。`` -> ``。``.
    ``？！`` ``！！`` ``？？`` are emphasis and stay.
    """
    stops = [c for c in marks if c in _STOPS]
    if not stops:
        return next(p for p in _PAUSES if p in marks)
    emphatic = [c for c in stops if c != "。"]
    return "".join(emphatic) if emphatic else "。"


def mend_run(run: str, after_chinese: bool) -> str:
    """What a run of marks becomes; mended until it no longer changes.

    After Chinese an ellipsis in any spelling (``...`` ``。。。`` ``…`` ``…...``)
    becomes ``……``; elsewhere a run of ``。`` is one ``。`` and dots stay dots.
    Clusters of marks go through :func:`mend_cluster`.  Mending again is
    needed where one step leaves a new cluster (``。。。，`` -> ``。，`` -> ``。``).
    """
    def part(m: regex.Match[str]) -> str:
        marks = m.group()
        if m.lastgroup == "cluster":
            return mend_cluster(marks)
        if after_chinese and m.start() == 0 and len(marks) <= _MAX_ELLIPSIS:
            return "……"
        return "。" if set(marks) == {"。"} else marks

    for _ in range(8):
        mended = _RUN_PARTS.sub(part, run)
        if mended == run:
            break
        run = mended
    return run


def punctuation_doubled(doc: Document, ctx: Context) -> Iterator[Change]:
    """Doubled and misplaced punctuation: ``，，`` ``，。`` ``，；`` ``。。`` and ellipses.

    Each run of marks is mended as a whole (see :func:`mend_run`), so one
    pass leaves nothing for a second.  ``……`` and ``——`` are proper Chinese
    punctuation and stay; ``,,`` between Latin words becomes ``,``.
    """
    text = doc.text
    tag_lines: dict[int, int] = {}
    for m in _MARK_RUN.finditer(text):
        if _tag_label_end(text, m.start(), tag_lines) >= 0:
            continue  # a keywords line is lifted whole by the strip stage; its label must stay
        mended = mend_run(m.group(), _after_chinese(text, m.start()))
        if mended == "：" and _clock_colon(text, m.start(), m.end()):
            mended = ":"  # 7、：29 was a clock time; punctuation_width writes its colon in ASCII
        yield Change(m.start(), m.end(), mended)
    if ",," in text or ";;" in text:
        for m in _ASCII_DOUBLE.finditer(text):
            yield Change(m.start(), m.end(), ";" if ";" in m.group() else ",")


def _after_chinese(text: str, i: int) -> bool:
    """Whether a Han character precedes ``i``, closing quotes, brackets and spaces aside (``快手) ...``)."""
    j = i - 1
    while j >= 0 and (text[j] in "”’」』）)" or text[j] in _SPACE_CHARS):
        j -= 1
    return j >= 0 and _han(text[j])


def _in_ellipsis(text: str, j: int) -> bool:
    """Whether the ``.`` at ``j`` belongs to an ellipsis :func:`mend_run` turns into ``……``.

    That is an ellipsis right after Chinese, whatever marks follow it.
    """
    start = j
    while start > 0 and text[start - 1] in ".…。":
        start -= 1
    m = _ELLIPSIS.match(text, start)
    return bool(m and m.end() > j and len(m.group()) <= _MAX_ELLIPSIS and _after_chinese(text, start))
