"""What the extract stage reads off a clean text once: its index, its date scan and their resolution.

Both inferring the reference date and extracting events need the sentence
index and the date grammar's matches; neither depends on the reference date,
so they are computed once per article and shared.  The resolution of the
matches does depend on it, but mostly on its year only: extraction resumes
inference's resolution (:class:`zhextract.extract.dates.Resolver`).  The pipeline passes one
:class:`Prepared` to both; a caller that asks for the same text twice in a row
without one (``reference_date`` then ``extract``, as benchmarks/throughput.py
does) gets the same reading back instead of scanning the text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from zhextract.extract.dates import Resolver, scan
from zhextract.extract.text import TextIndex


@dataclass
class Prepared:
    text: str

    @classmethod
    def of(cls, text: str) -> Prepared:
        """The reading of ``text``: the last one made when it is the same string object."""
        global _last
        last = _last
        if last is not None and last.text is text:
            return last
        _last = cls(text)
        return _last

    @cached_property
    def index(self) -> TextIndex:
        return TextIndex.of(self.text)

    @cached_property
    def matches(self) -> list[regex.Match[str]]:
        return scan(self.text)

    @cached_property
    def resolver(self) -> Resolver:
        """The date matches' resolution, which extraction resumes from where inference's stops being the same."""
        return Resolver(self.text, self.index, self.matches)


_last: Prepared | None = None
