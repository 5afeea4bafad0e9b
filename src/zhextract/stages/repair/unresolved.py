"""Warnings: Latin words left inside Chinese sentences that no list explains.

Latin words left inside Chinese sentences that are neither entities nor
ordinary (``latin_allowlist.txt``) are listed as ``unresolved latin name:
36k``: they are often names the stage could not repair.
"""

from __future__ import annotations

from zhextract.document import Change, Document
from zhextract.gazetteer import Gazetteer, load_gazetteer
from zhextract.patterns import compile_pattern
from zhextract.stages.repair.latin import _URL, _allowlist, _is_cjk, _windows_of
from zhextract.step import Context


def unresolved_latin(doc: Document, ctx: Context) -> list[Change]:
    """Latin words left inside Chinese sentences that no list explains go to ``warnings``."""
    for word in find_unresolved_latin(doc.text, load_gazetteer(ctx.options.gazetteers)):
        doc.warnings.append(f"unresolved latin name: {word}")
    doc.notes.pop("repair.plan", None)
    return []


_LATIN_PHRASE = compile_pattern(
    r"(?<![A-Za-z0-9.@/_\-])[A-Za-z0-9]+(?:[.&'+\-][A-Za-z0-9]+)*\+?"
    r"(?:[ ][A-Za-z0-9]+(?:[.&'+\-][A-Za-z0-9]+)*\+?)*(?![A-Za-z0-9@/_])"
)
_UNIT = compile_pattern(r"\d+(?:\.\d+)?([A-Za-z]+)")


def _ordinary(word: str, allow: frozenset[str]) -> bool:
    """A Latin word people write in Chinese news (an acronym, a unit, a product word)."""
    w = word.lower()
    if not any(c.isalpha() for c in w) or w in allow:
        return True
    bare = w.rstrip("0123456789")
    if bare != w and bare and bare in allow and bare[-1].isalpha():
        return True
    unit = _UNIT.fullmatch(w)
    return bool(unit and unit.group(1) in allow)


def find_unresolved_latin(text: str, gaz: Gazetteer) -> list[str]:
    """Latin words or phrases inside Chinese sentences that are neither entities nor ordinary."""
    allow = _allowlist()
    windows = _windows_of(text)
    urls = [(m.start(), m.end()) for s, e in windows for m in _URL.finditer(text, s, e)]
    seen: list[str] = []
    for m in (m for s, e in windows for m in _LATIN_PHRASE.finditer(text, s, e)):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in urls):
            continue
        left = text[s - 1] if s > 0 else ""
        right = text[e] if e < len(text) else ""
        if not (_is_cjk(left) or _is_cjk(right)):
            continue
        phrase = m.group()
        if gaz.canonical(phrase):
            continue
        words = phrase.split(" ")
        if all(_ordinary(w, allow) or gaz.canonical(w) for w in words):
            continue
        if phrase not in seen:
            seen.append(phrase)
    return seen
