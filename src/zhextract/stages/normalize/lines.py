"""Line breaks: one kind of line ending, one line per paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhextract.document import Change, Document
from zhextract.step import Context


def line_endings(doc: Document, ctx: Context) -> Iterator[Change]:
    """CRLF, lone CR and the Unicode line/paragraph separators become LF."""
    text = doc.text
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return
    for m in _CR.finditer(text):
        yield Change(m.start(), m.end(), "\n")


_CR = re.compile(r"\r\n?|[\u2028\u2029]")


def blank_lines(doc: Document, ctx: Context) -> Iterator[Change]:
    """Runs of blank lines become one paragraph break (one line is one paragraph).

    Blank lines at the start and end of the text go.
    """
    text = doc.text
    lead = len(text) - len(text.lstrip("\n"))
    if lead:
        yield Change(0, lead, "")
    tail = len(text) - len(text.rstrip("\n"))
    for m in _BLANKS.finditer(text, lead, len(text) - tail):
        yield Change(m.start(), m.end(), "\n")
    if tail and tail < len(text):
        yield Change(len(text) - tail, len(text), "")


_BLANKS = re.compile(r"\n(?:[ \t]*\n)+")
