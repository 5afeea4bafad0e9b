"""The gazetteer: named entities of the domain, and the garble patterns of their names.

One table format serves two stages: the repair stage restores names that
machine translation mangled, and the extract stage recognises entities as
event actors and number subjects.  The built-in data is ``data/gazetteer.tsv``
(entity rows) and ``data/spin_patterns.tsv`` (pattern rows); both use the row
grammar documented in their headers, and a user file given with
``--gazetteer PATH`` may hold rows of both kinds.  User rows are merged over
the built-in ones: a row naming an existing entity adds its names to that
entity (and may change its type and international counterpart), so a user
never has to copy a built-in line to teach it one more garble.

Latin names are compared by a *key* that ignores case, spaces and hyphens
(``AAuto Quicker``, ``aauto-quicker`` and ``Aauto  quicker`` are one name),
because machine translation and the people retyping its output spell them
every way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from zhextract.patterns import compile_pattern
from zhextract.resources import Row, read_table
from zhextract.script import HAN_CHAR
from zhextract.trie import WordScanner, trie_regex

TYPES = {"platform", "business", "company", "product", "regulator", "person", "media", "program"}
PATTERN_KINDS = {"pattern", "calque"}

# Gazetteer rows have up to 9 columns (entity rows) and at least 4 (pattern rows).
COLUMNS = 9

_LATIN_SEP = compile_pattern(r"[\s\-]+")
# In a pattern row, "{快手}" stands for the Latin names, garbles and safe
# patterns of entity 快手, "{@platform}" for the Chinese names of all platforms,
# "{^@platform}" for their first characters.  A brace holding only digits and
# commas stays a regex quantifier.
# ("\p{Han}" and "\N{...}" are regex syntax, not placeholders.)
_PLACEHOLDER = compile_pattern(r"(?<!\\[pPN])\{(\^?@?[^{}\d,][^{}]*)\}")


def latin_key(surface: str) -> str:
    """The comparison key of a Latin name: lower case, no spaces or hyphens."""
    return _LATIN_SEP.sub("", surface).lower()


def is_latin(surface: str) -> bool:
    """A name written in Latin letters (possibly with digits and punctuation)."""
    return bool(surface) and not HAN_CHAR.search(surface) and any(c.isascii() and c.isalpha() for c in surface)


def latin_bounded(pattern: str) -> str:
    """``pattern`` made to end where a Latin word does, when its match ends with a Latin letter or digit.

    The engine then backtracks to an alternative that ends at a word's end
    ("Quick-Handers" is one garble, not "Quick-Hand" + "ers") instead of
    returning a match the stage would have to reject.  (The start is checked
    by the stage: a test before the pattern would cost the scan its speed.)
    """
    return rf"(?:{pattern})(?:(?<=[A-Za-z0-9])(?![A-Za-z0-9])|(?<![A-Za-z0-9]))"


@dataclass(frozen=True)
class Entity:
    """One named thing of the domain.

    ``english`` official English names and ``mistranslations`` garbles are
    replaced by ``name`` inside Chinese text; ``risky`` garbles are ordinary
    words too and are replaced only in documents scored as spun; ``aliases``
    are correct Chinese names, never replaced; ``abroad`` names the Latin-named
    international counterpart (抖音 -> TikTok), whose name means this entity
    only in a spun document that does not speak of the international business;
    ``related`` the entities a person belongs to (宿华 -> 快手), which must be
    named near a name spelled by sound before it is read as this person;
    ``parent`` the entity this one belongs to (抖音电商 -> 抖音 -> 字节跳动), so
    that a story about a business and one about its platform can be seen as
    one (the timeline's merge rule).
    """

    name: str
    type: str
    english: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mistranslations: tuple[str, ...] = ()
    risky: tuple[str, ...] = ()
    abroad: str = ""
    related: tuple[str, ...] = ()
    parent: str = ""

    @classmethod
    def from_row(cls, row: Row) -> Entity:
        if not row[0]:
            raise row.error("empty entity name")
        if row[1] not in TYPES:
            raise row.error(f"unknown type {row[1]!r} (one of {', '.join(sorted(TYPES | PATTERN_KINDS))})")
        return cls(row[0], row[1], tuple(row.items(2)), tuple(row.items(3)),
                   tuple(row.items(4)), tuple(row.items(5)), row[6], tuple(row.items(7)), row[8])

    def merged(self, other: Entity) -> Entity:
        """``other`` (a later row for the same name) merged over this entity."""

        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*a, *b)))

        return replace(self, type=other.type, english=union(self.english, other.english),
                       aliases=union(self.aliases, other.aliases),
                       mistranslations=union(self.mistranslations, other.mistranslations),
                       risky=union(self.risky, other.risky), abroad=other.abroad or self.abroad,
                       related=union(self.related, other.related), parent=other.parent or self.parent)

    @property
    def names(self) -> tuple[str, ...]:
        """The correct names of the entity: its name and Chinese aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SpinPattern:
    """A family of garbles: a regex whose matches become ``replacement``.

    ``replacement`` is an entity name or a template using the regex's named
    groups (``\\g<p>电商``); ``source`` says where the row came from.
    """

    replacement: str
    kind: str  # pattern | calque
    risky: bool
    regex: Any  # compiled by re or regex (see _fast_compile)
    source: str = ""
    # True when every match starts with a Latin letter: the stage then scans
    # only the Latin runs of a text instead of all of it.
    latin_start: bool = False

    def replacement_for(self, m: regex.Match[str]) -> str:
        return m.expand(self.replacement) if "\\g<" in self.replacement else self.replacement


@dataclass(frozen=True)
class _PatternRow:
    replacement: str
    kind: str
    risky: bool
    source: str
    row: Row = field(compare=False)


def _pattern_row(row: Row) -> _PatternRow:
    if not row[0] or row[2] not in ("yes", "no") or not row[3]:
        raise row.error("a pattern row is: <replacement> TAB pattern|calque TAB yes|no TAB <regex>")
    return _PatternRow(row[0], row[1], row[2] == "yes", f"{Path(row.path).name}:{row.line}", row)


class Gazetteer:
    """Entities by canonical name, a matcher for their correct names, and the garble patterns."""

    def __init__(self, entities: list[Entity], pattern_rows: list[_PatternRow] | None = None) -> None:
        self.entities: dict[str, Entity] = {}
        for e in entities:
            old = self.entities.get(e.name)
            self.entities[e.name] = old.merged(e) if old else e
        surface: dict[str, str] = {}
        for e in self.entities.values():
            for s in e.names:
                surface.setdefault(s, e.name)
        self._surface = surface
        self._latin: dict[str, str] = {}
        for e in self.entities.values():
            for s in (*e.names, *e.english, *e.mistranslations):
                if is_latin(s):
                    self._latin.setdefault(latin_key(s), e.name)
        # Expanded sources of the safe patterns compiled so far, by replacement:
        # a placeholder {快手} includes them ("Aauto quickent Store").
        self._pattern_sources: dict[str, list[str]] = {}
        self._scanner = WordScanner(surface, latin_bounds=True)
        self.patterns: tuple[SpinPattern, ...] = tuple(self._compile(r) for r in pattern_rows or [])
        self.persons: tuple[Entity, ...] = tuple(self.of_type("person"))

    # ------------------------------------------------------------ lookups
    def canonical(self, surface: str) -> str | None:
        """The entity a surface names: a correct name, or an official English name or known garble.

        Risky garbles (``Zan``) are not resolved here: out of context they are
        ordinary words.
        """
        hit = self._surface.get(surface)
        if hit is None and is_latin(surface):
            hit = self._latin.get(latin_key(surface))
        return hit

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Entity mentions in ``text[start:end]``: ``(start, end, canonical name)``.

        Leftmost first, the longest name at a place, mentions not overlapping;
        a name that starts or ends with a Latin letter does not match inside a
        longer Latin word (``Zan`` in ``Zanzibar``), the letter before
        ``start`` included (one Aho-Corasick pass, see :class:`.trie.WordScanner`).
        """
        surface = self._surface
        return [(s, e, surface[w]) for s, e, w in self._scanner.finditer(text, start, end)]

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The entities ``name`` belongs to, nearest first (抖店 -> 抖音电商, 抖音, 字节跳动); () if none."""
        out: list[str] = []
        e = self.entities.get(name)
        while e is not None and e.parent and e.parent not in out and e.parent != name:
            out.append(e.parent)
            e = self.entities.get(e.parent)
        return tuple(out)

    def parents(self) -> dict[str, str]:
        """Every entity that belongs to another: name -> parent (what the timeline needs)."""
        return {e.name: e.parent for e in self.entities.values() if e.parent}

    def of_type(self, *types: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]

    def surfaces(self, name: str) -> list[str]:
        """Every way the entity ``name`` is written: correct names, English names, garbles."""
        e = self.entities[name]
        return [*e.names, *e.english, *e.mistranslations]

    # ------------------------------------------------------------ patterns
    def _compile(self, row: _PatternRow) -> SpinPattern:
        source = row.row[3]
        try:
            expanded = _PLACEHOLDER.sub(lambda m: self._placeholder(m.group(1), row.row), source)
            plain = compile_pattern(expanded, regex.IGNORECASE)
            full = _fast_compile(latin_bounded(expanded))
        except regex.error as exc:
            raise row.row.error(f"bad pattern: {exc}") from None
        if not row.risky:
            self._pattern_sources.setdefault(row.replacement, []).append(expanded)
        return SpinPattern(row.replacement, row.kind, row.risky, full, row.source, _starts_latin(plain, expanded))

    def _placeholder(self, ref: str, row: Row) -> str:
        """``{name}``: the Latin names, garbles and safe patterns of an entity; ``{@type}``: Chinese names of a type;
        ``{^@type}``: the first characters of those names (a fast first test)."""
        if ref.startswith("^@"):
            return "[" + "".join(sorted({regex.escape(n[0]) for n in self._names_of_types(ref[2:], row)})) + "]"
        if ref.startswith("@"):
            found = self._names_of_types(ref[1:], row)
        else:
            if ref not in self.entities:
                raise row.error(f"placeholder {{{ref}}} names no entity")
            found = [x for x in self.surfaces(ref) if is_latin(x)]
        alts = [trie_regex(found, gaps=True)]
        if not ref.startswith("@"):
            alts.extend(self._pattern_sources.get(ref, []))
        return "(?:" + "|".join(alts) + ")"

    def _names_of_types(self, types_cell: str, row: Row) -> list[str]:
        types = types_cell.split(",")
        unknown = [t for t in types if t not in TYPES]
        if unknown:
            raise row.error(f"unknown type in placeholder: {', '.join(unknown)}")
        return [n for e in self.of_type(*types) for n in e.names if not is_latin(n)]


_LEADING_GROUPS = compile_pattern(r"(?:\(\?(?::|P<\w+>))*")


def _fast_compile(source: str) -> Any:
    """The pattern compiled by the engine that scans it faster.

    Rows are written in ``regex`` syntax.  ``regex`` finds a pattern that
    starts with literal text quickly (it searches for the text), but is slow
    on one that starts with a class of characters ({^@platform}); the
    standard ``re`` is several times faster there.  Such a pattern goes to
    ``re`` when ``re`` can compile it (no ``\\p{..}``, no variable-length
    lookbehind); both engines give the same matches for what both accept.
    """
    rest = source[_LEADING_GROUPS.match(source).end():]  # type: ignore[union-attr]
    if rest.startswith("["):
        try:
            return re.compile(source, re.IGNORECASE)
        except re.error:
            pass
    return compile_pattern(source, regex.IGNORECASE)


def _starts_latin(pattern: regex.Pattern[str], source: str) -> bool:
    """Whether every match of ``pattern`` starts with a Latin letter.

    Probed with partial matches: no character other than an ASCII letter that
    the pattern mentions (nor a generic Chinese character, space or digit)
    may begin a match.  A positive lookbehind may need any context, so such a
    pattern counts as not Latin-started.
    """
    if "(?<=" in source:
        return False
    probes = {c for c in source if not c.isascii()} | {"中", "，", " ", "0", "\u3000"}
    if any(pattern.match(c, partial=True) for c in probes):
        return False
    return any(pattern.match(c, partial=True) for c in "abcdefghijklmnopqrstuvwxyz")


def _split_rows(rows: list[Row]) -> tuple[list[Entity], list[_PatternRow]]:
    entities: list[Entity] = []
    patterns: list[_PatternRow] = []
    for r in rows:
        if r[1] in PATTERN_KINDS:
            patterns.append(_pattern_row(r))
        else:
            entities.append(Entity.from_row(r))
    return entities, patterns


@lru_cache(maxsize=8)
def load_gazetteer(user_files: tuple[str, ...] = ()) -> Gazetteer:
    """The built-in gazetteer with the users' files merged over it, in order."""
    rows = [*read_table("gazetteer.tsv", COLUMNS, 2), *read_table("spin_patterns.tsv", COLUMNS, 4)]
    for f in user_files:
        rows.extend(read_table(Path(f), COLUMNS, 2))
    entities, patterns = _split_rows(rows)
    return Gazetteer(entities, patterns)
