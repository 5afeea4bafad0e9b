"""The page model: the current text as lines, and its zones.

Rules look at lines, not characters: :class:`View` splits the current text
once per text version and knows which lines read as prose.  The zones are
where prose is: the head zone before the first paragraph of prose (title,
bylines, navigation), the tail zone after the last (editor tags, related
lists, disclaimers).  Rules tied to a position act only there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from zhextract.document import Change, Document
from zhextract.stages.strip.boilerplate import (
    SENTENCE_END,
    TERMINATORS,
    is_disclaimer,
    reads_as_content,
    shown_len,
)
from zhextract.stages.strip.fields import parse_meta_line


# ====================================================================== lines
@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, before the "\n"
    text: str


@dataclass(frozen=True)
class Bounds:
    """First and last line of prose; before is the head zone, after the tail zone."""

    first: int
    last: int

    def head(self, i: int) -> bool:
        return i < self.first

    def tail(self, i: int) -> bool:
        return i > self.last

    def edge(self, i: int) -> bool:
        return i < self.first or i > self.last


SHORT = 100  # furniture, markers, captions, metadata: lines of at most this many characters


class View:
    """The current text as lines, built once per text version and shared by the rules.

    Rules look at few lines: the short ones (furniture, markers, captions,
    headings), the ones a whole-text scan points at (spam words, separators,
    line-start labels), or the ones in the head and tail zones.  Looking at
    every line in every rule would cost more than all the rules' work.
    """

    def __init__(self, text: str, texts: list[str] | None = None, content: list[bool] | None = None) -> None:
        self.text = text
        texts = self.texts = text.split("\n") if texts is None else texts
        self.n = len(texts)
        cum = list(accumulate(map(len, texts), initial=0))
        self.starts = [c + i for i, c in enumerate(cum[:-1])]
        #: non-empty lines; whether each line reads as prose; the short ones; the short ones that are not prose
        self.real = [i for i, t in enumerate(texts) if t and not t.isspace()]
        self.content = [bool(t) and reads_as_content(t) for t in texts] if content is None else content
        self.short = [i for i in self.real if len(texts[i]) <= SHORT]
        self.plain = [i for i in self.short if not self.content[i]]
        self._bounds: Bounds | None = None
        self.removing: frozenset[int] = frozenset()  # the lines the last ``remove`` call asked to delete

    def after_removal(self, text: str) -> View | None:
        """The view of ``text`` if it is this text without the lines of the last ``remove`` call.

        Rebuilding a view re-reads every line; after a removal the surviving
        lines and what is known about them are simply kept.
        """
        gone = self.removing
        if not gone:
            return None
        texts = [t for i, t in enumerate(self.texts) if i not in gone]
        if not texts or "\n".join(texts) != text:
            return None
        content = [c for i, c in enumerate(self.content) if i not in gone]
        return View(text, texts, content)

    def line(self, i: int) -> Line:
        return Line(i, self.starts[i], self.starts[i] + len(self.texts[i]), self.texts[i])

    def index_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    @property
    def bounds(self) -> Bounds:
        if self._bounds is None:
            self._bounds = self._find_bounds()
        return self._bounds

    def _is_prose(self, i: int) -> bool:
        t = self.texts[i]
        return (self.content[i] and not is_disclaimer(t)
                and (len(t) > 120 or parse_meta_line(t) is None))

    def _find_bounds(self) -> Bounds:
        """Where the prose is.  Without any prose every line is in both zones.

        A first line that can be a title never counts as prose, so the header
        lines under a sentence-like title are still in the head zone; nor do
        disclaimers and metadata lines.
        """
        title = _title_line(self)
        body = [i for i in self.real if i > title.index] if title else self.real
        first = next((i for i in body if self._is_prose(i)), None)
        if first is None:
            return Bounds(self.n, -1)
        last = next(i for i in reversed(body) if self._is_prose(i))
        return Bounds(first, last)

    def remove(self, indexes: Iterable[int]) -> list[Change]:
        """Changes deleting whole lines with their line break, never two breaks.

        A line followed by a surviving line takes its own trailing break with
        it; a block reaching the end of the text takes the break before it.
        One change per line, so ``strip.<rule>`` counts removed lines.
        """
        removed = set(indexes)
        self.removing = frozenset(removed)
        if not removed:
            return []
        tail = self.n
        while tail > 0 and tail - 1 in removed:
            tail -= 1
        changes = []
        for i in sorted(removed):
            start = self.starts[i]
            end = start + len(self.texts[i])
            if i >= tail and tail > 0:
                changes.append(Change(start - 1, end, ""))
            elif end < len(self.text):
                changes.append(Change(start, end + 1, ""))
            else:
                changes.append(Change(start, end, ""))
        return changes


def _view(doc: Document) -> View:
    """The view of the current text (rebuilt when a rule has changed the text)."""
    cached = doc.notes.get("strip.view")
    if cached is not None and cached.text is doc.text:
        return cached  # type: ignore[no-any-return]
    view = (cached.after_removal(doc.text) if cached is not None else None) or View(doc.text)
    doc.notes["strip.view"] = view
    return view



_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）])"
)



# ====================================================================== title
_TITLE_CLAUSES = re.compile(r"[，,；;、]")
_WORD = re.compile(r"[^\W_]")


def _surely_header(line: str) -> bool:
    """A metadata line that cannot be a title: two fields, or a date (``来源：某报 | 2022-03-04``)."""
    found = parse_meta_line(line)
    return bool(found) and (len(found) >= 2 or "published" in found)


def _title_line(view: View) -> Line | None:
    """The first line with a letter or digit, if it can be a title: short, one sentence, not a paragraph.

    Header metadata lines above the title are passed over (header_meta lifts
    them before the title rule runs; the zones must see the same title).

    A line ending in 。 that has a clause mark or is long is the first
    paragraph of an article without a title (a title may end in 。, like
    ``快手重新开启联盟之路。``, but is one short clause).
    """
    first = next((i for i in view.real if _WORD.search(view.texts[i]) and not _surely_header(view.texts[i])), None)
    if first is None:
        return None
    s = view.texts[first].strip()
    n = shown_len(s)
    if n > 80 or len(TERMINATORS.findall(s)) > 1:
        return None
    if SENTENCE_END.search(s) and (n > 64 or (s.rstrip("”’」』）)").endswith("。")
                                              and (n > 40 or _TITLE_CLAUSES.search(s)))):
        return None
    return view.line(first)

