"""What the normalize rules share: character classes, a character's neighbours, changes from a rewrite.

The classes say what counts as Chinese (Han, CJK punctuation, full-width
forms; curly quotes and dashes only as context for punctuation) and what is
white space.  :func:`_diff` turns a rewritten string into the few exact
changes that make it, for the rules that rewrite a whole run or text at
once (mojibake, t2s).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from operator import ne

from zhextract.document import Change
from zhextract.script import HAN, HAN_CHAR

# Unambiguously Chinese: Han characters, CJK symbols and punctuation, full-width forms.
CJK_PUNCT = r"\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
CN = HAN + CJK_PUNCT
# Curly quotes, ellipsis, dash and middle dot are Chinese punctuation in a
# Chinese text but English typography too: they make ASCII punctuation next
# to them Chinese, but a space next to them is not removed for their sake.
CN_CONTEXT = CN + "“”‘’…—·"
# Horizontal white space of every kind (not line breaks), as characters and as a class.
SPACE_CHARS = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
SP = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"

# Han for the standard ``re`` module (no \p{Han}), which scans a text several
# times faster than ``regex`` when a pattern starts with a plain class.
RE_HAN = "\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def _diff(offset: int, old: str, new: str, bridge: int = 0) -> list[Change]:
    """The changes that turn ``old`` (at ``offset`` in the text) into ``new``, run by run.

    With ``bridge``, two changed runs separated by at most that many
    unchanged Han characters make one change (``電商與淘寶`` -> ``电商与淘宝``
    rather than three): fewer, still exact, edits for a text in which every
    other character changes, and cheaper bookkeeping for every later rule.
    """
    if old == new:
        return []
    if len(old) != len(new):
        return [Change(offset + a0, offset + a1, new[b0:b1])
                for op, a0, a1, b0, b1 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
                if op != "equal"]
    # Same length: compare character by character in C (a mask of 0/1
    # bytes), then walk the changed runs, not the characters.
    runs = [m.span() for m in _CHANGED.finditer(bytes(map(ne, old, new)))]
    out = []
    k = 0
    while k < len(runs):
        i, j = runs[k]
        k += 1
        while k < len(runs) and runs[k][0] - j <= bridge and all(map(_han, old[j:runs[k][0]])):
            j = runs[k][1]  # a short unchanged stretch of Han inside a word: bridge it
            k += 1
        out.append(Change(offset + i, offset + j, new[i:j]))
    return out


_CHANGED = re.compile(rb"\x01+")


_SPACE_CHARS = frozenset(SPACE_CHARS)


@lru_cache(maxsize=1 << 16)
def _han(ch: str) -> bool:
    return bool(HAN_CHAR.match(ch))


def _left(text: str, i: int, skip_digits: bool = False) -> str:
    """The nearest character before ``i`` that is not a space (and not a digit)."""
    j = i - 1
    while j >= 0 and (text[j] in _SPACE_CHARS or (skip_digits and text[j].isdigit())):
        j -= 1
    return text[j] if j >= 0 else "\n"


def _right(text: str, i: int, skip_digits: bool = False) -> str:
    """The nearest character after ``i`` that is not a space (and not a digit)."""
    k = i + 1
    while k < len(text) and (text[k] in _SPACE_CHARS or (skip_digits and text[k].isdigit())):
        k += 1
    return text[k] if k < len(text) else "\n"
