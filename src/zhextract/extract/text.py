"""Sentences, clauses and paragraphs of clean text, by offsets.

Extraction needs, for any span, the sentence and the clause holding it, and
the date grammar needs the stretch of "story" before it (its paragraph and
the one before, unless a section heading separates them).  Boundaries are
computed once per text and looked up by bisection, so the cost does not grow
with the number of mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import regex

# A sentence ends after a run of ending marks (and the closing quotes or brackets after it), two or more
# ellipses, or a line break: ``[。！？!?]+[”’」』）)]*|…{2,}[”’」』]*|\n``, written with its first character
# consumed by one class, which ``re`` skips to in its own loop (twice as fast as ``regex`` on that form)
_SENTENCE_END = re.compile(r"[。！？!?…\n](?:(?<=[。！？!?])[。！？!?]*[”’」』）)]*|(?<=…)…+[”’」』]*|(?<=\n))")
_OPEN_BRACKET = regex.compile(r"[（(]")
_CLAUSE_END = regex.compile(r"[，；：]|(?<!\d)[,;:]|[,;:](?!\d)")
_MARKS = frozenset("，；：,;:")  # the characters _CLAUSE_END matches (one at a time)
CLAUSE_MARKS = _MARKS
# A paragraph that ends like a sentence (or a quotation, or a list item) is body text.
_BODY_END = regex.compile(r"(?:[。！？!?…；;：:，,.]|[。！？!?…][”’」』）)】]+)\s*$")
# The number that opens a numbered heading or item: 一、 （二） 3. ① (a number in a circle or with its brackets
# built in: ① ⑴ ⒈ ❶ ➀).  Read by the strip stage's line model and by extract/sections.py.
NUMBERED_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）]"
    r"|[\u2460-\u249b\u2776-\u2793])"
)
HEADING_MAX_CHARS = 40  # longer lines without closing punctuation are run-on body text, not headings


def bracket_open(text: str, lo: int, at: int) -> int:
    """Where the round bracket still open at ``at`` was opened after ``lo`` (``（`` or ``(``), or -1: what stands
    inside one is a note on the word before it (小米（包括Redmi）, （600019.SH，下称江钢股份）)."""
    opened = max(text.rfind("（", lo, at), text.rfind("(", lo, at))
    if opened < 0 or max(text.rfind("）", opened, at), text.rfind(")", opened, at)) >= 0:
        return -1
    return opened


def in_book_title(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a title in 《》 opened on its line (《关于支持新能源汽车下乡的通知》)."""
    return text.rfind("《", 0, at) > max(text.rfind("》", 0, at), text.rfind("\n", 0, at))


@dataclass
class TextIndex:
    text: str
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    _headings: dict[int, bool] = field(default_factory=dict)
    _clauses: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    _sentence_clauses: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _sentences: dict[int, tuple[int, int]] = field(default_factory=dict)
    _marks: dict[int, list[int]] = field(default_factory=dict)
    _narratives: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> TextIndex:
        n = len(text)
        starts = [0, *(end for m in _SENTENCE_END.finditer(text) if (end := m.end()) < n)]
        paragraphs = [0]
        at = text.find("\n")
        while 0 <= at < len(text) - 1:
            paragraphs.append(at + 1)
            at = text.find("\n", at + 1)
        return cls(text, sorted(set(starts)), paragraphs)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence holding ``pos``, without its line break (remembered by position: every
        date, quantity and doer asks for its own several times)."""
        found = self._sentences.get(pos)
        if found is None:
            found = self._sentences[pos] = self._sentence(pos)
        return found

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        while end > start and self.text[end - 1] == "\n":
            end -= 1
        return start, end

    def sentence_text(self, pos: int) -> str:
        s, e = self.sentence(pos)
        return self.text[s:e]

    def paragraph_span(self, i: int) -> tuple[int, int]:
        start = self.paragraph_starts[i]
        end = self.text.find("\n", start)
        return start, len(self.text) if end < 0 else end

    def paragraph_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, pos) - 1, 0)

    def is_heading(self, i: int) -> bool:
        """A section heading: a short line that does not end like a sentence."""
        if i not in self._headings:
            s, e = self.paragraph_span(i)
            line = self.text[s:e].strip()
            self._headings[i] = bool(line) and len(line) <= HEADING_MAX_CHARS and not _BODY_END.search(line)
        return self._headings[i]

    def narrative_start(self, pos: int) -> int:
        """Where the story that ``pos`` belongs to starts: the paragraph before, else this one.

        Blank lines are skipped; a heading (or ``pos`` being in one) cuts the
        story, so a year never leaks from one section into the next.
        """
        i = self.paragraph_index(pos)
        found = self._narratives.get(i)
        if found is None:  # the same for every position of the paragraph: found once
            found = self._narratives[i] = self._narrative_start(i)
        return found

    def _narrative_start(self, i: int) -> int:
        here = self.paragraph_starts[i]
        if self.is_heading(i):
            return here
        j = i - 1
        while j >= 0 and not self.text[slice(*self.paragraph_span(j))].strip():
            j -= 1
        if j < 0 or self.is_heading(j):
            return here
        return self.paragraph_starts[j]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Span of the clause (between ，；： marks) holding ``text[start:end]``.  Remembered: the dates,
        quantities and doers of one clause ask for it again and again."""
        found = self._clauses.get((start, end))
        if found is None:
            found = self._clauses[(start, end)] = self._clause(start, end)
        return found

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        s0, s1 = self.sentence(start)
        marks = self.marks((s0, s1))
        # a mark right before ``start`` ends the clause before it, a comma between digits too (1,|000):
        # the scan this replaces stopped at ``start`` and could not see the digit after it
        if start > s0 and self.text[start - 1] in _MARKS:
            left = start
        else:
            i = bisect.bisect_left(marks, start - 1) - 1
            left = marks[i] + 1 if i >= 0 else s0
        i = bisect.bisect_left(marks, end)
        return left, marks[i] if i < len(marks) else s1

    def marks(self, sentence: tuple[int, int]) -> list[int]:
        """Where the clause marks of a sentence are (one character each), found once per sentence."""
        found = self._marks.get(sentence[0])
        if found is None:
            found = [m.start() for m in _CLAUSE_END.finditer(self.text, sentence[0], sentence[1])]
            if found and _OPEN_BRACKET.search(self.text, sentence[0], sentence[1]):
                found = [i for i in found if not self._in_brackets(sentence[0], i)]
            self._marks[sentence[0]] = found
        return found

    def _in_brackets(self, lo: int, at: int) -> bool:
        """Whether ``at`` lies inside round brackets opened after ``lo`` and closed later in the sentence
        (宝山钢铁股份有限公司（600019.SH，下称宝钢股份）披露: the comma of a note ends no clause)."""
        if bracket_open(self.text, lo, at) < 0:
            return False
        end = self.sentence(lo)[1]
        return max(self.text.find("）", at, end), self.text.find(")", at, end)) >= 0

    def clauses(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """The clauses of a sentence, in order (remembered per sentence)."""
        found = self._sentence_clauses.get(sentence[0])
        if found is None:
            found = []
            start = sentence[0]
            for mark in self.marks(sentence):
                found.append((start, mark))
                start = mark + 1
            found.append((start, sentence[1]))
            self._sentence_clauses[sentence[0]] = found
        return found

    def next_clause(self, clause: tuple[int, int]) -> tuple[int, int] | None:
        """The clause after ``clause`` in the same sentence, if any."""
        sentence = self.sentence(clause[0])
        s1 = sentence[1]
        if clause[1] >= s1:
            return None
        start = clause[1] + 1
        marks = self.marks(sentence)
        i = bisect.bisect_left(marks, start)
        return start, marks[i] if i < len(marks) else s1
