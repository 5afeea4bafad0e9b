"""Finding candidate repairs of every kind, and keeping those their context allows.

Listed names (Latin and Chinese), the families of ``spin_patterns.tsv``
(patterns and calques) and swapped synonyms; sound-alikes are found in
:mod:`.sound_alikes`, only once a document is known to be spun.  Each
candidate must pass the checks of :mod:`.scan` (:func:`_acceptable`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from zhextract.gazetteer import is_latin, latin_key
from zhextract.lexicon import lexicon
from zhextract.stages.repair.hits import HOME, SAFE, SPUN, Hit
from zhextract.stages.repair.latin import _LATIN_CHARS
from zhextract.stages.repair.scan import _NAME_FREQ, _Scan


def _finditer(rx: Any, scan: _Scan, latin_start: bool) -> Iterator[regex.Match[str]]:
    """Matches of ``rx``; only inside the Latin windows when every match starts with a Latin letter."""
    if not latin_start:
        yield from rx.finditer(scan.text)
        return
    for s, e in scan.windows:
        yield from rx.finditer(scan.text, s, e)


def _latin_hits(scan: _Scan) -> Iterator[Hit]:
    lex = scan.lex
    for s, e in (m for a, b in scan.windows for m in lex.latin.finditer(scan.text, a, b)):
        surface = scan.text[s:e]
        entry = lex.latin_entries.get(latin_key(surface))
        if entry is None:
            continue
        sign, gate = entry.sign, entry.gate
        if entry.official:
            # The international counterpart's name: spelled as the brand spells
            # it, it may be the international app; spelled apart ("Tik Tok")
            # it is MT's rendering of the Chinese platform.
            if surface.lower() not in entry.official:
                sign, gate = "garble", HOME
        yield Hit(s, e, surface, entry.entity, "alias", entry.entity, gate, sign, latin_key(surface))


def _han_hits(scan: _Scan) -> Iterator[Hit]:
    lex = scan.lex
    for start, end, word in lex.han.finditer(scan.text):
        entry = lex.han_entries[word]
        yield Hit(start, end, word, entry.entity, "alias", entry.entity, entry.gate, entry.sign, word)


def _pattern_hits(scan: _Scan) -> Iterator[Hit]:
    lex = scan.lex
    # Latin-started patterns run only in the windows where one of them matches.
    windows = scan.windows
    if lex.latin_patterns is not None:
        scan.windows = [(s, e) for s, e in windows if lex.latin_patterns.search(scan.text, s, e)]
    try:
        yield from _each_pattern_hit(scan)
    finally:
        scan.windows = windows


def _each_pattern_hit(scan: _Scan) -> Iterator[Hit]:
    for p in scan.lex.gaz.patterns:
        for m in _finditer(p.regex, scan, p.latin_start):
            if m.end() == m.start():
                continue
            after = p.replacement_for(m)
            if m.group() == after:
                continue
            kind = "calque" if p.kind == "calque" else "pattern"
            sign = "risky" if p.risky else "garble"
            key = latin_key(m.group()) if is_latin(m.group()) else m.group()
            yield Hit(m.start(), m.end(), m.group(), after, kind, after, SPUN if p.risky else SAFE, sign, key)


def _synonym_hits(scan: _Scan, signs_only: bool) -> Iterator[Hit]:
    """Swapped words; ``signs_only``: only those that are signs (all a clean document needs)."""
    for start, end, rule in scan.lex.synonyms.find(scan.text, signs_only):
        yield Hit(start, end, rule.spun, rule.original, "synonym", rule.original, SPUN,
                  "synonym" if rule.sign else None, rule.spun)


def _word_freq(hit: Hit) -> int:
    """The frequency a candidate has as a word of its own (0: it is no word, e.g. a calque).

    A swapped synonym is as frequent as the word it replaced (the tool swapped
    a word for a word); a person's name is a name.
    """
    if hit.kind == "synonym":
        return lexicon().freq(hit.after) or 1
    if hit.kind == "sound_alike":
        return _NAME_FREQ
    return 0


def _acceptable(hit: Hit, scan: _Scan) -> bool:
    """Context checks every candidate must pass before it counts or fires."""
    t = scan.text
    latin_edge = t[hit.start] in _LATIN_CHARS or t[hit.end - 1] in _LATIN_CHARS
    if latin_edge:
        if scan.in_url(hit.start, hit.end) or scan.touches_latin(hit.start, hit.end):
            return False
        if scan.in_english(hit.start, hit.end) or scan.is_gloss(hit.start, hit.end, hit.entity):
            return False
        if scan.extends_name(hit.start, hit.end):
            return False
    if scan.inside_longer_name(hit.start, hit.end):
        return False
    if hit.gate != SAFE and not scan.on_word_boundaries(hit.start, hit.end, _word_freq(hit)):
        return False
    return True


def _candidates(scan: _Scan) -> list[Hit]:
    """Every acceptable candidate repair of the text, overlapping, before gating."""
    found = [*_latin_hits(scan), *_han_hits(scan), *_pattern_hits(scan), *_synonym_hits(scan, signs_only=True)]
    return [h for h in found if _acceptable(h, scan)]
