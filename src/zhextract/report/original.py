"""The original text of an article, rebuilt from its clean text and its edits.

The dataset does not store the source file, but it does not need to: edits
are sorted, never overlap, and between two of them the clean text is a
verbatim copy of the original, so the original is the clean text with every
edit's ``after`` put back to its ``before``.  The HTML report does the same
in the browser (``report.js``) so that pages carry each text only once;
:func:`original_text` is the reference the tests compare both with.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def original_text(text: str, edits: Sequence[dict[str, Any]]) -> str:
    """The decoded source file: ``replay(original_text(t, e), e) == t``."""
    out: list[str] = []
    raw_pos = clean_pos = 0
    for e in sorted(edits, key=lambda e: (e["span"][0], e["span"][1])):
        start, end = e["span"]
        if start < raw_pos:
            raise ValueError(f"edits overlap at original offset {start}")
        same = start - raw_pos
        out.append(text[clean_pos:clean_pos + same])
        out.append(e["before"])
        clean_pos += same + len(e["after"])
        raw_pos = end
    out.append(text[clean_pos:])
    return "".join(out)


def original_length(text: str, edits: Sequence[dict[str, Any]]) -> int:
    """``len(original_text(text, edits))`` without building it."""
    return len(text) + sum(len(e["before"]) - len(e["after"]) for e in edits)
