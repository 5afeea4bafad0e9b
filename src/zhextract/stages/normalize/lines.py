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


WRAP_MIN_WIDTH = 50  # display columns of a hard-wrapped line at least (a wide character counts two): 25 Han
WRAP_MAX_CHARS = 120  # characters of a hard-wrapped line at most (a page wraps at 80 columns or so, not 200)
WRAP_BAND = 0.9  # a wrapped line is at least this share of the wrap width (wrapping breaks before a word or a mark)
WRAP_LINES = 3  # different lines of prose in the band, none closing a sentence, that reveal a wrap width
WRAP_HAN = 0.5  # share of Han characters a wrapped line has at least: prose, not code or a table row
_CLOSING = "。！？!?；;：:…”」』）)】>"  # what a paragraph's last line ends with
_HAN = re.compile(r"[\u3400-\u9fff]")  # with re: script.HAN_CHAR (\p{Han}, regex) is 4x slower here
# A paragraph's last line: a full stop, maybe in closing quotes or before an editor's tag ((完), (cl)).
_PARAGRAPH_END = re.compile(r"。(?:[”’」』）)]|\s*[（(][^（）()]{1,6}[）)])?\s*$")


def wrapped_lines(doc: Document, ctx: Context) -> Iterator[Change]:
    """Paragraphs hard-wrapped at a fixed width (wire copy, text out of a PDF or an e-mail) become one line.

    ``港口货物吞吐量较一年`` / ``前同期下跌9%`` is one sentence cut by the page's line width: every rule after
    this one reads a line as a paragraph.  The wrap width is the widest line of prose that ends without
    closing a sentence, when three different such lines lie within a tenth of it (wrapping breaks before a
    word or a mark that does not fit, so wrapped lines fall a little short of it).  A run of such lines is
    joined with the line after it when that line ends with a full stop: the paragraph's last line (a list
    of headlines of equal width ends in no full stop).  Lines narrower than 50 columns never count (short
    headlines are often of equal width), a line that closes a sentence keeps its break (its paragraph may
    end there), and so does every line of a page with no wrap width.
    """
    text = doc.text
    if text.count("\n") < WRAP_LINES:
        return
    lines = text.split("\n")
    # Most lines of prose close a sentence: only the others are measured.
    widths = {i: _display_width(line.rstrip()) for i, line in enumerate(lines)
              if WRAP_MIN_WIDTH <= 2 * len(line) and len(line) <= WRAP_MAX_CHARS and _open_prose(line)}
    open_lines = {i for i, w in widths.items() if w >= WRAP_MIN_WIDTH}
    if len(open_lines) < WRAP_LINES:
        return
    wrap = max(widths[i] for i in open_lines)
    wrapped = {i for i in open_lines if widths[i] >= WRAP_BAND * wrap}
    if len({lines[i].strip() for i in wrapped}) < WRAP_LINES:
        return
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    i = min(wrapped)
    while i < len(lines):
        j = i
        while j in wrapped:
            j += 1
        last = lines[j] if j < len(lines) else ""
        if j > i and _PARAGRAPH_END.search(last):  # the paragraph's last line ends with a full stop
            for k in range(i, j):
                end = starts[k] + len(lines[k])
                yield Change(end - (len(lines[k]) - len(lines[k].rstrip())), end + 1, "")
        i = j + 1


def _open_prose(line: str) -> bool:
    """A line of prose (half of it Han at least) that does not end a sentence."""
    s = line.strip()
    return bool(s) and s[-1] not in _CLOSING and len(_HAN.findall(s)) >= WRAP_HAN * len(s)


def _display_width(s: str) -> int:
    """Columns ``s`` takes on a screen: two for a wide character (Han, kana, Hangul, full-width forms), one else."""
    return len(s) + len(_WIDE.findall(s))


# East Asian Wide and Fullwidth characters (Unicode's EastAsianWidth W and F) of the scripts and forms news
# text uses, as ranges: one regex scan instead of a lookup per character (the wide emoji of U+2300-2BFF are
# counted narrow; a wrapped line of prose holds none at its width).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\ua960-\ua97c\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6b\uff00-\uff60\uffe0-\uffe6]")
