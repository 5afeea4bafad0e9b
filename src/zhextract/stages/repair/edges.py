"""What a Latin name replaced by Chinese takes along: the spaces MT left, an ASCII mark.

A Latin name replaced by Chinese takes along the spaces MT left around it
and turns an ASCII mark next to it full-width, as the normalize stage would
have done had the name been Chinese (``50%,Aauto更快店铺`` -> ``50%，快手店铺``).
"""

from __future__ import annotations

from zhextract.script import HAN_CHAR
from zhextract.stages.repair.hits import Hit
from zhextract.stages.repair.latin import _LATIN_CHARS, _is_cjk

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_BLANK = " \t"


def _absorb_edges(hit: Hit, text: str, floor: int, ceiling: int) -> Hit:
    """A Latin garble replaced by Chinese takes along what MT put around it.

    The spaces ("快手 APP" -> "快手APP"), and an ASCII mark that the name's
    Chinese now makes Chinese ("50%,Aauto更快" -> "50%，快手", "Kuaishou." ->
    "快手。"): the normalize stage decided those marks while the name was
    Latin, and would decide otherwise on the repaired text.  ``floor`` and
    ``ceiling`` are the ends of the neighbouring repairs, never crossed.
    """
    s, e = hit.start, hit.end
    prefix = suffix = ""
    if text[s] in _LATIN_CHARS:
        a = s
        while a > floor and text[a - 1] in _BLANK:
            a -= 1
        if a > floor and text[a - 1] in _HALF_TO_FULL:
            s, prefix = a - 1, _HALF_TO_FULL[text[a - 1]]
        elif floor < a < s and _is_cjk(text[a - 1]):
            s = a
    if text[e - 1] in _LATIN_CHARS:
        b = e
        while b < ceiling and text[b] in _BLANK:
            b += 1
        mark = text[b] if b < ceiling else ""
        if mark in _HALF_TO_FULL or (mark == "." and _ends_sentence_after(text, b + 1)):
            suffix = _HALF_TO_FULL.get(mark, "。")
            c = b + 1
            while c < ceiling and text[c] in _BLANK:
                c += 1
            # spaces after the mark, now full-width, go too (not at a line's end)
            e = c if c < len(text) and text[c] != "\n" else b + 1
        elif e < b < ceiling and text[b] != "\n":
            e = b
    if (s, e, prefix, suffix) == (hit.start, hit.end, "", ""):
        return hit
    return Hit(s, e, text[s:e], prefix + hit.after + suffix, hit.kind, hit.entity, hit.gate, hit.sign, hit.key)


def _ends_sentence_after(text: str, i: int) -> bool:
    """After a ``.`` at ``i - 1``: spaces, then Chinese, a quote, a line break or the end."""
    while i < len(text) and text[i] in _BLANK:
        i += 1
    return i == len(text) or text[i] == "\n" or bool(HAN_CHAR.match(text[i])) or text[i] in "“”’」』）"
