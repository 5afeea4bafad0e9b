"""Garbles of Chinese names as machine translation makes them, generated from the names' structure.

A content farm's round trip through English returns a name MT does not know
as the translation of each of its parts (百度 "Hundred Degrees", 鹅厂 "Goose
Factory", 拼多多 "Spell Duoduo"), in pinyin ("Tengxun"), or as a mix of both,
with a label moved behind its head noun (B站 "Station B").  Listing every such
garble for hundreds of entities is neither possible nor honest (a list copies
what one has seen); this module derives them from ``data/name_glosses.tsv``
(the English words MT uses for the parts of names) and pypinyin:

* :func:`segments` splits a name into the longest parts the gloss table
  knows (Latin and digit runs are parts of their own, a run of characters it
  does not know is one part, transliterated as one word: 阿里巴巴 "Alibaba");
* :func:`garbles_of` renders each part by one of its glosses or by its
  pinyin and returns the combinations, literal ones first;
* :func:`generated_garbles` does so for every entity of a gazetteer, kept in
  the user cache (pypinyin takes a quarter of a second to import).

The repair stage takes the generated garbles as *risky* names of their
entities (restored only in documents scored as spun, and never inside an
English phrase); the spinning simulator and the tests use them as garbles
nobody listed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.gazetteer import Gazetteer, is_latin, latin_key
from zhextract.resources import data_path, read_table
from zhextract.usercache import memo, package_stamp

FILE = "name_glosses.tsv"
LIMIT = 12  # garbles per name: the literal ones and the first mixes are what MT writes
_LATIN_RUN = regex.compile(r"[A-Za-z0-9]+")
_HAN = regex.compile(r"\p{Han}")
# Entity types whose names MT translates part by part (a ministry's name comes back as its official English).
TYPES = ("platform", "business", "company", "product", "media", "program")


@dataclass(frozen=True)
class Glosses:
    """Parts of names and their glosses; ``heads``: parts MT puts before a label (站)."""

    parts: dict[str, tuple[str, ...]]
    heads: frozenset[str]
    longest: int


@lru_cache(maxsize=1)
def load_glosses() -> Glosses:
    parts: dict[str, tuple[str, ...]] = {}
    heads: set[str] = set()
    for row in read_table(FILE, 2):
        items = row.items(1)
        if not row[0] or not items or not all(_HAN.match(c) for c in row[0]):
            raise row.error("a gloss row is: <Chinese part> TAB <gloss>|<gloss>...")
        if row[0] in parts:
            raise row.error(f"{row[0]} is listed twice")
        if items[0].startswith("^"):
            heads.add(row[0])
            items[0] = items[0][1:]
        parts[row[0]] = tuple(items)
    return Glosses(parts, frozenset(heads), max(map(len, parts), default=1))


def segments(name: str, glosses: Glosses | None = None) -> list[str]:
    """``name`` split into the longest parts the gloss table knows; Latin and digit runs are parts too."""
    g = glosses or load_glosses()
    out: list[str] = []
    i = 0
    while i < len(name):
        m = _LATIN_RUN.match(name, i)
        if m:
            out.append(m.group())
            i = m.end()
            continue
        for n in range(min(g.longest, len(name) - i), 0, -1):
            part = name[i:i + n]
            if part in g.parts or n == 1:
                unknown = part not in g.parts and _HAN.match(part)
                if unknown and out and out[-1] not in g.parts and _HAN.match(out[-1]):
                    out[-1] += part  # characters MT does not translate are transliterated as one word: Alibaba
                else:
                    out.append(part)
                i += n
                break
    return out


def _title(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split(" "))


def _pinyin(part: str) -> str:
    """The pinyin of a part, one word ("Duoduo"); a Latin part stays as it is."""
    if not _HAN.match(part):
        return part
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(part, style=Style.NORMAL)).replace("ü", "v").capitalize()


def _options(part: str, g: Glosses) -> list[str]:
    if _LATIN_RUN.fullmatch(part):
        return [part]
    if not _HAN.match(part):
        return []
    return [*(_title(x) for x in g.parts.get(part, ())), _pinyin(part)]


def garbles_of(name: str, glosses: Glosses | None = None, limit: int = LIMIT) -> list[str]:
    """What MT makes of ``name``: each part by a gloss or its pinyin, literal combinations first.

    A label followed by a head noun is also written behind it (B站 -> "Station B").
    The name's pure pinyin ("Teng Xun", a word per syllable) is included; its official English name is
    not known here.
    """
    g = glosses or load_glosses()
    parts = segments(name, g)
    options = [_options(p, g) for p in parts]
    if not parts or not all(options):
        return []
    seen: set[str] = set()
    out: list[str] = []

    def add(words: list[str]) -> None:
        surface = " ".join(words)
        key = latin_key(surface)
        if key and key not in seen:
            seen.add(key)
            out.append(surface)

    for combo in itertools.product(*options):
        words = list(combo)
        for i in range(1, len(parts)):  # B站 -> Station B: the head noun first
            if parts[i] in g.heads and _LATIN_RUN.fullmatch(parts[i - 1]):
                words[i - 1], words[i] = words[i], words[i - 1]
        add(words)
        if len(out) >= limit:
            break
    add([_pinyin(c) for p in parts for c in (p if _HAN.match(p) else [p])])  # the pure pinyin, always
    return out


def distinctive(surface: str) -> bool:
    """A generated garble worth matching: two words at least (a pure pinyin is written a word per
    syllable) and six letters.  One English word ("Shell", "Hungry") or a short pinyin ("A Li") is too
    often something else; such garbles are listed by hand in the gazetteer's risky column."""
    return len(surface.split()) >= 2 and len(latin_key(surface)) >= 6


def _generate(names: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, tuple[str, ...]]:
    g = load_glosses()
    out: dict[str, tuple[str, ...]] = {}
    for entity, surfaces in names:
        found: list[str] = []
        for s in surfaces:
            found += [x for x in garbles_of(s, g) if distinctive(x)]
        if found:
            out[entity] = tuple(dict.fromkeys(found))
    return out


def generated_garbles(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Entity -> its generated garbles, for the entities whose names MT translates part by part.

    Kept in the user cache, keyed by the names, the gloss table and pypinyin's dictionaries.
    """
    names = tuple((e.name, tuple(n for n in e.names if not is_latin(n) and _HAN.search(n)))
                  for e in gaz.entities.values() if e.type in TYPES and not is_latin(e.name))
    names = tuple((e, ns) for e, ns in names if ns)
    table = data_path(FILE).read_text(encoding="utf-8")
    key = (names, table, package_stamp("pypinyin", "pinyin_dict.py", "phrases_dict.py"))
    return memo("garbles", key, lambda: _generate(names))
