"""Latin text inside Chinese: where its runs stand, links, and which Latin words are ordinary.

Everything Latin is searched only inside the text's Latin runs ("windows",
plus a few characters after each for a Chinese tail such as Aauto更快):
Chinese news has few of them.  The word lists say which Latin words are
ordinary in Chinese news (``latin_allowlist.txt``: APP, CEO, GMV) and which
make a phrase English (``latin_function_words.txt``).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from zhextract.links import LINK
from zhextract.patterns import compile_pattern
from zhextract.resources import read_lower_set

_CJK = compile_pattern(r"[\p{Han}\u3000-\u303F\uFF00-\uFFEF\u2018-\u201D\u2026\u2014\u00B7]")
# Latin letters and digits, as a set: the checks are made one character at a time (a lookup, not a regex call).
_LATIN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# Links, e-mails, and bare domain names (xk.newrank.cn) that carry Latin words.
_URL = compile_pattern(
    LINK + r"|(?<![A-Za-z0-9.])(?:[A-Za-z0-9\-]+\.){2,}[A-Za-z]{2,}(?:/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*)?",
    regex.IGNORECASE,
)


_WINDOW = compile_pattern(r"[A-Za-z][A-Za-z0-9 \t\u3000.\-&'’/:@_%+=?#~]*")
_WINDOW_TAIL = 8  # characters after a Latin run a match may reach (Aauto更快)
_WINDOW_GAP = 64  # Latin runs closer than this are searched as one window


@lru_cache(maxsize=1 << 16)
def _is_cjk(char: str) -> bool:
    """Chinese text around a Latin word: Han, CJK and full-width punctuation, Chinese quotes and dashes."""
    return bool(_CJK.match(char))


def _allowlist() -> frozenset[str]:
    return read_lower_set("latin_allowlist.txt")


def _function_words() -> frozenset[str]:
    return read_lower_set("latin_function_words.txt")


def _latin_windows(text: str) -> list[tuple[int, int]]:
    """Latin runs of the text, each with a short tail, merged where they are close.

    Merging runs a few dozen characters apart costs a little more scanning
    and saves a regex call per run (a Chinese article full of GMV and MCN).
    """
    out: list[tuple[int, int]] = []
    for m in _WINDOW.finditer(text):
        s, e = m.start(), min(len(text), m.end() + _WINDOW_TAIL)
        while s > 0 and text[s - 1].isdigit():  # 36k, 5G: the digits belong to the word
            s -= 1
        if out and s <= out[-1][1] + _WINDOW_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=4)
def _windows_of(text: str) -> list[tuple[int, int]]:
    """The Latin windows of a text (cached: the last step looks at the same text when nothing changed)."""
    return _latin_windows(text)
