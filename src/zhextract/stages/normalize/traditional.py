"""Traditional to Simplified: OpenCC t2s, the known gaps of its table, and 著 -> 着."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from operator import ne

import regex

from zhextract.document import Change, Document
from zhextract.opencc_loader import convert_pieces, has_traditional
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_table
from zhextract.stages.normalize.shared import _diff
from zhextract.step import Context


def t2s(doc: Document, ctx: Context) -> list[Change]:
    """OpenCC t2s, phrase level, on the pieces of text that hold Traditional characters only.

    The converter is slow (about 1 MB/s); a Simplified text costs one set
    test and never reaches it.  A text holding Traditional characters is
    converted whole, the converter itself only for the pieces between
    punctuation that hold a phrase (it never lets a phrase cross punctuation
    or a line break, so the result is the same as line by line), and
    compared with the original in one pass.  The change is recorded word by word (``電商與淘寶``
    -> ``电商与淘宝``: changed runs a Han character or two apart are one
    edit), not line by line, so later edits in the same line keep their own
    rule names.
    The numbers of the converted lines go to ``doc.notes`` for ``t2s_zhe``.
    """
    text = doc.text
    lines: set[int] = set()
    changes: list[Change] = []
    if has_traditional(text):
        converted = convert_pieces(text)  # the converter keeps every line break: lines stay aligned
        if len(converted) == len(text):
            # One character comparison over the whole text; a changed run never holds a line break,
            # and a bridge only spans Han, so the runs are those of a comparison line by line.
            changes = _diff(0, text, converted, bridge=2)
        else:
            changes = list(_diff_by_line(text, converted))
        # The lines that hold a change are those the conversion changed (no change holds a line break).
        old_lines = text.split("\n")
        lines = set(compress(range(len(old_lines)), map(ne, old_lines, converted.split("\n"))))
        # 乾隆: Traditional characters a phrase keeps as they are
        lines.update(i for i, line in enumerate(old_lines) if i not in lines and has_traditional(line))
    doc.notes["normalize.t2s_lines"] = frozenset(lines)
    return changes


def _diff_by_line(text: str, converted: str) -> Iterator[Change]:
    """:func:`_diff` line by line, for a conversion that changed the length of some line."""
    start = 0
    for line, new in zip(text.split("\n"), converted.split("\n")):
        yield from _diff(start, line, new, bridge=2)
        start += len(line) + 1


@lru_cache(maxsize=1)
def _t2s_fixes() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {row[0]: row[1] for row in read_table("t2s_fixes.tsv", 2)}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern, table


def t2s_fixes(doc: Document, ctx: Context) -> Iterator[Change]:
    """Known gaps of OpenCC t2s, from ``data/t2s_fixes.tsv`` (``甚么`` -> ``什么``, ``牠`` -> ``它``).

    Every entry is a string t2s leaves alone that is never correct
    Simplified, so the table applies to the whole text.
    """
    pattern, table = _t2s_fixes()
    for m in pattern.finditer(doc.text):
        yield Change(m.start(), m.end(), table[m.group()])


@lru_cache(maxsize=1)
def _zhu_words() -> regex.Pattern[str]:
    words = sorted(read_list("zhu_words.txt"), key=len, reverse=True)
    return compile_pattern("|".join(regex.escape(w) for w in words))


def t2s_zhe(doc: Document, ctx: Context) -> Iterator[Change]:
    """著 -> 着 in converted lines, except in the words where 著 is zhù (著名, 显著, 著作).

    Traditional writes both the aspect particle (随著, 面临著, 看著) and
    zhuó/zháo (著手, 著急, 睡著) with 著, where Simplified writes 着; OpenCC
    keeps 著 because 著 is also a Simplified character.  The verbs that take
    the particle are an open class, the words where 著 means "write" or
    "notable" a small closed one (``data/zhu_words.txt``), so the rule keeps
    the listed words and changes every other 著, but only in lines t2s
    converted: Simplified text writes 著 only where it means zhù and stays as
    it is.  An author credit before a title (``金庸著《…》``) keeps its 著.
    """
    lines = doc.notes.get("normalize.t2s_lines")
    text = doc.text
    if not lines or "著" not in text:
        return
    keep = {i for m in _zhu_words().finditer(text) for i in range(m.start(), m.end())}
    breaks = [m.start() for m in regex.finditer(r"\n", text)]
    for m in regex.finditer(r"著(?![《〈])", text):
        i = m.start()
        if i not in keep and bisect.bisect_left(breaks, i) in lines:
            yield Change(i, i + 1, "着")
