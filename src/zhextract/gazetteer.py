"""The gazetteer: named entities of the domain, loaded from data files.

One table (``data/gazetteer.tsv``, format in its header) serves two stages:
the repair stage restores names that machine translation mangled, and the
extract stage recognises entities as event actors and number subjects.
Users merge their own file of the same format over the built-in one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from zhextract.resources import Row, read_table

TYPES = {"platform", "business", "company", "product", "regulator", "person", "media", "program"}


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    english: tuple[str, ...]
    aliases: tuple[str, ...]
    mistranslations: tuple[str, ...]
    risky: tuple[str, ...]

    @classmethod
    def from_row(cls, row: Row) -> Entity:
        if not row[0]:
            raise row.error("empty entity name")
        if row[1] not in TYPES:
            raise row.error(f"unknown type {row[1]!r} (one of {', '.join(sorted(TYPES))})")
        return cls(row[0], row[1], tuple(row.items(2)), tuple(row.items(3)),
                   tuple(row.items(4)), tuple(row.items(5)))


class Gazetteer:
    """Entities by canonical name, and a matcher for their correct Chinese names."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        for e in entities:
            self.entities[e.name] = e  # later files override earlier ones
        surface: dict[str, str] = {}
        for e in self.entities.values():
            for s in (e.name, *e.aliases):
                surface.setdefault(s, e.name)
        self._surface = surface
        names = sorted(surface, key=len, reverse=True)
        # Latin names must not match inside longer Latin words.
        parts = [
            rf"(?<![A-Za-z]){regex.escape(n)}(?![A-Za-z])" if n[-1:].isascii() else regex.escape(n)
            for n in names
        ]
        self._pattern = regex.compile("|".join(parts)) if parts else regex.compile(r"(?!x)x")

    def canonical(self, surface: str) -> str | None:
        return self._surface.get(surface)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Entity mentions in ``text[start:end]``: ``(start, end, canonical name)``."""
        end = len(text) if end is None else end
        return [(m.start(), m.end(), self._surface[m.group()])
                for m in self._pattern.finditer(text, start, end)]


@lru_cache(maxsize=8)
def load_gazetteer(user_files: tuple[str, ...] = ()) -> Gazetteer:
    rows = list(read_table("gazetteer.tsv", 6, 2))
    for f in user_files:
        rows.extend(read_table(Path(f), 6, 2))
    return Gazetteer([Entity.from_row(r) for r in rows])
