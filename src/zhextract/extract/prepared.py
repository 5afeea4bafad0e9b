"""What the extract stage reads off a clean text once: its index and its date scan.

Both inferring the reference date and extracting events need the sentence
index and the date grammar's matches; neither depends on the reference date,
so they are computed once per article and shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from zhextract.extract.dates import scan
from zhextract.extract.text import TextIndex


@dataclass
class Prepared:
    text: str

    @classmethod
    def of(cls, text: str) -> Prepared:
        return cls(text)

    @cached_property
    def index(self) -> TextIndex:
        return TextIndex.of(self.text)

    @cached_property
    def matches(self) -> list[regex.Match[str]]:
        return scan(self.text)
