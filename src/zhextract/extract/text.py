"""Sentences, clauses and paragraphs of clean text, by offsets.

Extraction needs, for any span, the sentence and the clause holding it.
Boundaries are computed once per text and looked up by bisection, so the
cost does not grow with the number of mentions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

_SENTENCE_END = regex.compile(r"[。！？!?]+[”’」』）)]*|…{2,}[”’」』]*|\n")
_CLAUSE_END = regex.compile(r"[，；：]|(?<!\d)[,;:]|[,;:](?!\d)")


@dataclass
class TextIndex:
    text: str
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> TextIndex:
        starts = [0]
        for m in _SENTENCE_END.finditer(text):
            if m.end() < len(text):
                starts.append(m.end())
        paragraphs = [0] + [m.end() for m in regex.finditer(r"\n", text) if m.end() < len(text)]
        return cls(text, sorted(set(starts)), paragraphs)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence holding ``pos``, without its line break."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        while end > start and self.text[end - 1] == "\n":
            end -= 1
        return start, end

    def sentence_text(self, pos: int) -> str:
        s, e = self.sentence(pos)
        return self.text[s:e]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        start = self.paragraph_starts[max(i, 0)]
        end = self.text.find("\n", start)
        return start, len(self.text) if end < 0 else end

    def paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, pos) - 1

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Span of the clause (between ，；： marks) holding ``text[start:end]``."""
        s0, s1 = self.sentence(start)
        left = s0
        for m in _CLAUSE_END.finditer(self.text, s0, start):
            left = m.end()
        m = _CLAUSE_END.search(self.text, end, s1)
        return left, m.start() if m else s1
