"""Names a sanction is aimed at: ``对道衡投资责令改正``, ``对刘某某给予警告，并处以50万元罚款``.

A regulator's or a court's decision names each party it acts on after 对 and before what it does to it
(the ``sanction`` words of ``data/clause_cues.tsv``).  The words between are a name even when no other rule
knows them: a company without a legal form (道衡投资), a person without a title (刘建军).  Read as a person
when they are a family name and one or two characters that pass :func:`.people.looks_like_a_name`, else as a
company when they hold no function word and no verb; never a frame (全市), a place or a word of
``not_names.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhextract.extract.names import HAN_CHARS, Candidate, _is_stop, clause_words, frames, not_names
from zhextract.extract.org_forms import strip_suffixes
from zhextract.extract.people import family_names, looks_like_a_name
from zhextract.lexicon import lexicon
from zhextract.trie import trie_regex

AIMED_MAX = 10  # characters of a name between 对 and a sanction


@lru_cache(maxsize=1)
def _aimed() -> re.Pattern[str]:
    """对, a name, and a sanction word right after it."""
    sanction = trie_regex(clause_words()["sanction"])
    return re.compile(rf"对(?P<name>[{HAN_CHARS}A-Za-z0-9]{{2,{AIMED_MAX}}}?)(?:{sanction})")


def aimed_names(text: str) -> list[Candidate]:
    """The parties a sanction is aimed at (see the module docstring)."""
    if "对" not in text:
        return []
    out = []
    lex = lexicon()
    surnames = family_names()
    for m in _aimed().finditer(text):
        name = m.group("name")
        if name in not_names() or name in frames() or lex.tag(name) in ("ns", "r"):
            continue
        if len(name) <= 3 and (name[:1] in surnames or name[:2] in surnames) and looks_like_a_name(name):
            out.append(Candidate(m.start("name"), m.end("name"), "person", "aimed", name))
        elif len(name) >= 3 and not any(_is_stop(t) for t in lex.tokens(name)):
            out.append(Candidate(m.start("name"), m.end("name"), "company", "aimed", strip_suffixes(name)))
    return out
