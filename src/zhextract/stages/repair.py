"""Stage 3, repair: undo machine-translation spinning of names.

Three kinds of rules, from the gazetteer and ``spin_patterns.tsv``:

* ``alias``   exact garbles and official English names (case, spaces and
  hyphens ignored): ``Aauto Quicker`` ``Kuaishou`` ``JD.com``;
* ``pattern`` families of garbles never listed: ``Aauto`` + a quick/fast word;
* ``calque``  and other *risky* replacements (``快手商``, ``豆快``, ``苏华``,
  the single word ``Zan``) that are also ordinary text; they fire only in a
  document whose spun score says it was machine-translated.

A clean article shows no sign of spinning and comes out unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.document import Change, Document
from zhextract.gazetteer import Gazetteer, load_gazetteer
from zhextract.resources import read_list, read_table
from zhextract.step import Context, steps

STAGE = "repair"

# Minimum spun score for risky rules (see spun_score).
SPUN_THRESHOLD = 3


@dataclass(frozen=True)
class Replacement:
    pattern: regex.Pattern[str]
    entity: str
    kind: str  # alias | pattern | calque
    risky: bool


def _alias_regex(alias: str) -> str:
    """Case-, space- and hyphen-insensitive form of an alias, Latin-bounded."""
    parts = [p for p in regex.split(r"[\s\-]+", alias) if p]
    body = r"[\s\-]*".join(regex.escape(p) for p in parts)
    if alias[:1].isascii() and alias[:1].isalnum():
        body = r"(?<![A-Za-z])" + body
    if alias[-1:].isascii() and alias[-1:].isalnum():
        body = body + r"(?![A-Za-z])"
    return body


@lru_cache(maxsize=8)
def _replacements(user: tuple[str, ...]) -> tuple[Replacement, ...]:
    g: Gazetteer = load_gazetteer(user)
    out: list[Replacement] = []
    for e in g.entities.values():
        if e.name.isascii():
            continue  # an entity whose name is Latin (TikTok) is never replaced
        for alias in (*e.english, *e.mistranslations):
            out.append(Replacement(regex.compile(_alias_regex(alias), regex.I), e.name, "alias", False))
        for alias in e.risky:
            out.append(Replacement(regex.compile(_alias_regex(alias), regex.I), e.name, "alias", True))
    for row in read_table("spin_patterns.tsv", 4):
        if row[1] not in ("pattern", "calque") or row[2] not in ("yes", "no"):
            raise row.error("kind must be pattern|calque and risky yes|no")
        try:
            pat = regex.compile(_bounded(row[3]), regex.I)
        except regex.error as exc:
            raise row.error(f"bad pattern: {exc}") from None
        out.append(Replacement(pat, row[0], row[1], row[2] == "yes"))
    # Longer aliases first so that "Alibaba Group" wins over "Alibaba".
    out.sort(key=lambda r: -len(r.pattern.pattern))
    return tuple(out)


def _bounded(pattern: str) -> str:
    return rf"(?<![A-Za-z])(?:{pattern})(?![A-Za-z])" if pattern[:1].isascii() else pattern


def _find(doc: Document, ctx: Context, risky: bool) -> list[tuple[int, int, Replacement]]:
    """Non-overlapping matches, longest first at each position."""
    text = doc.text
    taken: list[tuple[int, int, Replacement]] = []
    occupied: list[tuple[int, int]] = []
    for rep in _replacements(ctx.options.gazetteers):
        if rep.risky != risky:
            continue
        for m in rep.pattern.finditer(text):
            if m.end() == m.start() or m.group() == rep.entity:
                continue
            if any(m.start() < b and a < m.end() for a, b in occupied):
                continue
            occupied.append((m.start(), m.end()))
            taken.append((m.start(), m.end(), rep))
    taken.sort(key=lambda t: t[0])
    return taken


def _changes(doc: Document, found: list[tuple[int, int, Replacement]]) -> Iterator[Change]:
    for start, end, rep in found:
        doc.stats[f"repair.entity.{rep.entity}"] += 1
        doc.stats[f"repair.kind.{rep.kind}"] += 1
        yield Change(start, end, rep.entity)


@lru_cache(maxsize=1)
def _allowlist() -> frozenset[str]:
    return frozenset(w.lower() for w in read_list("latin_allowlist.txt"))


_LATIN_IN_CHINESE = regex.compile(r"(?<=\p{Han})[A-Za-z][A-Za-z0-9.\-]*|[A-Za-z0-9][A-Za-z0-9.\-]*(?=\p{Han})")


def spun_score(doc: Document, ctx: Context) -> int:
    """How strongly the document shows machine-translation spinning.

    One point per garble found by a safe alias or pattern (capped at 5), and
    one per distinct unresolved Latin word inside Chinese text (capped at 3).
    """
    safe = _find(doc, ctx, risky=False)
    garbles = sum(1 for _, _, rep in safe if rep.kind != "alias" or not _is_official(rep, ctx))
    return min(garbles, 5) + min(len(_unresolved_latin(doc.text)), 3)


def _is_official(rep: Replacement, ctx: Context) -> bool:
    e = load_gazetteer(ctx.options.gazetteers).entities.get(rep.entity)
    return bool(e) and any(regex.fullmatch(rep.pattern, x) for x in e.english)


def _unresolved_latin(text: str) -> list[str]:
    allow = _allowlist()
    seen: list[str] = []
    for m in _LATIN_IN_CHINESE.finditer(text):
        word = m.group().strip(".-")
        if word and not word.isdigit() and word.lower() not in allow and word not in seen:
            if regex.search(r"[A-Za-z]", word):
                seen.append(word)
    return seen


def names(doc: Document, ctx: Context) -> Iterator[Change]:
    """Garbled and English names that are never correct in Chinese text."""
    score = spun_score(doc, ctx)
    doc.notes["spun_score"] = score
    doc.meta["spun_score"] = score
    yield from _changes(doc, _find(doc, ctx, risky=False))


def spun_names(doc: Document, ctx: Context) -> Iterator[Change]:
    """Risky replacements (calques, names by sound, ``Zan``): spun documents only."""
    if doc.notes.get("spun_score", 0) < SPUN_THRESHOLD:
        return
    yield from _changes(doc, _find(doc, ctx, risky=True))


def unresolved_latin(doc: Document, ctx: Context) -> Iterator[Change]:
    """Latin words left inside Chinese sentences are reported in ``warnings``."""
    g = load_gazetteer(ctx.options.gazetteers)
    for word in _unresolved_latin(doc.text):
        if g.canonical(word) is None:
            doc.warnings.append(f"unresolved latin name: {word}")
    return
    yield


STEPS = steps(STAGE, names, spun_names, unresolved_latin)
