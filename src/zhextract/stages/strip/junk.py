"""Anti-scraping junk: ASCII debris a site sows into its text so that copies can be traced or spoiled.

Two shapes, both recognised by their structure, never by their characters
(each page draws new ones):

* **a run of short tokens**: four or more tokens of one to three printable
  ASCII characters set apart by spaces (``7 H9 J% Q7 T: M3``), mixing letters
  with digits or symbols: a whole line of it, or a run glued to a sentence's
  start or end.  Prose in Latin script has words longer than three letters;
  a list of short codes (``5G 4G 3G``, ``Q1 Q2 Q3``) has no symbols; a
  formula (``a + b = c``) mixes no classes inside a token.
* **a repeated token**: one Latin token of four to twelve characters glued
  into the Chinese text (no space on either side) in three lines or more of
  the page, that is no word the project knows (``latin_allowlist.txt``,
  ``latin_common.txt``, the gazetteer's names) and is shaped like nonsense:
  it closes each of its lines right after a full stop, or alternates letters
  and digits again and again (``k7x2q9``), or has no vowel and is no acronym.  A real name (iPhone, Canalys)
  repeats too, but inside sentences, and is known or reads like a word.

The d14-type debris (single characters of other scripts: ``ડ``, ``ª``) is
left to the byline parser (``fields._without_debris``) where it spoils a
value; in prose the scorer and the reader pass over it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from zhextract.document import Change, Document
from zhextract.gazetteer import load_gazetteer
from zhextract.resources import read_list
from zhextract.stages.strip.page import _view
from zhextract.step import Context

RUN_TOKENS = 4  # tokens a run of debris has at least
MIXED_TOKENS = 2  # ... of them mixing letters, digits and symbols at least
REPEAT_LINES = 3  # lines a glued nonsense token must occur in

# A run of short printable-ASCII tokens set apart by spaces, not touching other ASCII.  Written with its first
# character before the lookbehind (which then asks of the character before it alone): a pattern opening with a
# lookbehind is tried by ``re`` at every position, one opening with a class skips to where the class stands
# (3× faster on a page; the matches are the same).
_RUN = re.compile(r"[!-~](?<![!-~][!-~])[!-~]{0,2}(?:[ \t]+[!-~]{1,3}){" + str(RUN_TOKENS - 1) + r",}(?![!-~])")
_SYMBOL = re.compile(r"[!-/:-@\[-`{-~]")
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_URLISH = re.compile(r"://|www\.|\.(?:com|cn|net|org)\b", re.IGNORECASE)


def _classes(token: str) -> int:
    return bool(_LETTER.search(token)) + bool(_DIGIT.search(token)) + bool(_SYMBOL.search(token))


def is_debris_run(run: str) -> bool:
    """``run`` (a match of ``_RUN``) is debris: two tokens or more mix classes (``y2``, ``J+``),
    two or more hold a letter and two or more a symbol."""
    tokens = run.split()
    if len(tokens) < RUN_TOKENS or _URLISH.search(run):
        return False
    mixed = sum(1 for t in tokens if _classes(t) >= 2)
    letters = sum(1 for t in tokens if _LETTER.search(t))
    symbols = sum(1 for t in tokens if _SYMBOL.search(t))
    return mixed >= MIXED_TOKENS and letters >= 2 and symbols >= 2


def debris_runs(line: str) -> list[tuple[int, int]]:
    """Spans of the runs of debris in ``line``."""
    return [m.span() for m in _RUN.finditer(line) if is_debris_run(m.group())]


# A Latin token glued into Chinese text: no letter, digit or space on either side (the first letter
# before the lookbehind, as in ``_RUN``).
_GLUED = re.compile(r"[A-Za-z](?<![A-Za-z0-9 \t.\-_/@][A-Za-z])[A-Za-z0-9]{3,11}(?![A-Za-z0-9 \t.\-_/@])")
_AFTER_STOP = re.compile(r"[。！？!?]\s*$")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
_SWITCH = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


@lru_cache(maxsize=1)
def known_latin() -> frozenset[str]:
    """Latin words the project knows (lower case): the allowlists and the gazetteer's names."""
    words = {w.lower() for f in ("latin_allowlist.txt", "latin_common.txt") for w in read_list(f)}
    for e in load_gazetteer().entities.values():
        for name in (e.name, *e.aliases, *e.english):
            words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", name))
    return frozenset(words)


SHAPE_LEN = 6  # characters a token inside sentences has at least to be judged by its letters and digits
SWITCHES = 3  # ... and switches between letters and digits it makes (k7x2q9: 5; a model, A320neo: 2)
VOWELLESS_LEN = 5  # characters a token without a vowel has at least (Mbps, mRNA are words)


def nonsense_shape(token: str, closes_lines: bool) -> bool:
    """A token that reads as no word: it closes its lines after a full stop; or it switches between
    letters and digits ``SWITCHES`` times (models switch once or twice: A320neo, RTX4090Ti); or it is
    not in capitals (acronyms and tickers have no vowels: TSMC) and has no vowel."""
    if closes_lines:
        return True
    if len(token) >= SHAPE_LEN and len(_SWITCH.findall(token)) >= SWITCHES:
        return True
    return len(token) >= VOWELLESS_LEN and not token.isupper() and not _VOWEL.search(token)


def repeated_tokens(lines: list[str]) -> set[str]:
    """The glued nonsense tokens of a page (see the module's docstring)."""
    where: dict[str, set[int]] = defaultdict(set)
    closing: dict[str, set[int]] = defaultdict(set)
    for i, line in enumerate(lines):
        for m in _GLUED.finditer(line):
            where[m.group()].add(i)
            if _AFTER_STOP.search(line, 0, m.start()) and not line[m.end():].strip():
                closing[m.group()].add(i)
    known = known_latin()
    out = set()
    for token, found in where.items():
        if len(found) < REPEAT_LINES or token.lower() in known or re.sub(r"\d+$", "", token).lower() in known:
            continue
        if nonsense_shape(token, closing[token] == found):
            out.add(token)
    return out


def _repeats_enough(text: str) -> bool:
    """Whether some glued Latin token occurs ``REPEAT_LINES`` times in the text at all (one scan in C)."""
    return any(n >= REPEAT_LINES for n in Counter(_GLUED.findall(text)).values())


def junk_text(doc: Document, ctx: Context) -> list[Change]:
    """Anti-scraping debris: lines of it go whole, runs and tokens inside a sentence are cut out."""
    if not _RUN.search(doc.text) and not _repeats_enough(doc.text):
        return []  # most pages: no run, and no glued token written three times
    view = _view(doc)
    tokens = repeated_tokens(view.texts)
    token_re = re.compile("|".join(map(re.escape, sorted(tokens, key=len, reverse=True)))) if tokens else None
    drop: list[int] = []
    cuts: list[Change] = []
    for i in view.real:
        t = view.texts[i]
        spans = debris_runs(t)
        if token_re is not None:
            spans += [m.span() for m in _GLUED.finditer(t) if token_re.fullmatch(m.group())]
        if not spans:
            continue
        spans.sort()
        rest = "".join(t[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(t)]))
        if not rest.strip():
            drop.append(i)
            continue
        start = view.starts[i]
        for a, b in spans:
            while a > 0 and t[a - 1] in " \t":
                a -= 1  # the space that set the run apart from the sentence
            cuts.append(Change(start + a, start + b, "", "anti-scraping debris inside the line"))
    return view.remove(drop, "a line of anti-scraping debris") + cuts
