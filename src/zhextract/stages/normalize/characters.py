"""Characters: mojibake, invisible and undecodable characters, HTML entities, full-width Latin.

The rules that put each character right before any rule reads words:
text decoded with the wrong codec is mended run by run, invisible and
control characters go, U+FFFD is removed and reported, entities a scraper
left are unescaped, and full-width letters and digits become ASCII.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

import regex

from zhextract.decode import common_chars
from zhextract.document import Change, Document
from zhextract.patterns import compile_pattern
from zhextract.script import HAN
from zhextract.stages.normalize.shared import _diff
from zhextract.step import Context


def mojibake(doc: Document, ctx: Context) -> Iterator[Change]:
    """Runs of text decoded with the wrong codec, mended in place.

    Two shapes are common in scraped Chinese pages:

    * UTF-8 read as Latin-1/cp1252 (``å¿«æ‰‹`` for 快手): every byte of a
      Chinese character became a Latin-1 letter or sign.  ftfy mends such a
      run and is conservative by design (``café`` and ``naïve`` stay).
    * GBK read as Latin-1 (``¿ìÊÖ`` for 快手): a run of Latin-1 letters and
      signs that decodes as GB18030 to common characters only.

    Both are runs of Latin-1 (and cp1252) characters with no ASCII in them:
    the bytes of a Chinese character are all above 0x7F, while European
    words always have ASCII letters between their accented ones.  Each run
    is mended on its own, so the result does not depend on what surrounds
    it.  Clean text pays one regex search.
    """
    text = doc.text
    covered = 0
    for m in _LATIN1_LETTER.finditer(text):
        if m.start() < covered:
            continue
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in _RUN_CHARS:
            start -= 1
        while end < len(text) and text[end] in _RUN_CHARS:
            end += 1
        covered = end
        if end - start >= 2:
            run = text[start:end]
            yield from _diff(start, run, _mend_run(run))


def _mend_run(run: str) -> str:
    """Mend a run until nothing is left to mend.

    UTF-8 first: ftfy checks the byte structure of UTF-8, a strong signal,
    while any pair of Latin-1 letters is some GBK character.  Then the GBK
    pieces: pure Latin-1 stretches (a curly quote or a dash next to them is
    Chinese punctuation, not part of the bytes).  Again until stable: one
    piece of each kind may sit side by side.
    """
    for _ in range(4):
        mended = _MOJIBAKE_RUN.sub(lambda m: _mend_utf8(m.group()), run)
        mended = _GBK_RUN.sub(lambda m: _mend_gbk(m.group()) or m.group(), mended)
        if mended == run:
            break
        run = mended
    return run


_LATIN1 = compile_pattern(r"[\u0080-\u00ff]")
# A run starts from a Latin-1 letter (every mojibake run has one; × and ÷ alone do not count).
_LATIN1_LETTER = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
_CP1252_SIGNS = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022" \
                "\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE_RUN = compile_pattern(rf"[\u0080-\u00ff{_CP1252_SIGNS}]{{2,}}")
_RUN_CHARS = frozenset(ch for ch in map(chr, range(0x80, 0x2200)) if _MOJIBAKE_RUN.match(ch * 2))
_UTF8_LEAD = compile_pattern(r"[\u00c2-\u00f4]")
_GBK_RUN = re.compile(r"[\u00a1-\u00ff]{4,}")  # GB2312 bytes are A1-FE: no NBSP, no cp1252 sign


def _mend_utf8(run: str) -> str:
    """ftfy's mending of a run, kept only if it brings back Chinese (never a European letter).

    The run is mended from its first UTF-8 lead byte on: what comes before
    (a no-break space, a dash) cannot start a character and stays as it is.
    """
    lead = _UTF8_LEAD.search(run)
    if not lead:
        return run
    import ftfy  # lazy: only text that looks like mojibake needs it

    head, body = run[:lead.start()], run[lead.start():]
    mended = str(ftfy.fix_encoding(body))
    if mended != body and regex.search(HAN, mended) and len(_LATIN1.findall(mended)) < len(_LATIN1.findall(body)):
        return head + mended
    return run


def _mend_gbk(run: str) -> str | None:
    """The GB18030 reading of a Latin-1 run, if it is all common Chinese."""
    if len(run) < 4 or len(run) % 2:
        return None
    try:
        decoded = run.encode("latin-1").decode("gb18030")
    except UnicodeError:
        return None
    common = common_chars()
    if all(ch in common for ch in decoded) and regex.search(HAN, decoded):
        return decoded
    return None


def invisible_chars(doc: Document, ctx: Context) -> Iterator[Change]:
    """Zero-width characters, direction marks, BOMs inside the text and control characters go.

    Tabs and line breaks are white space, not invisible: ``spacing`` handles them.
    """
    for m in _INVISIBLE.finditer(doc.text):
        yield Change(m.start(), m.end(), "")


_INVISIBLE = re.compile(
    r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u00ad\ufe00-\ufe0f\ufff9-\ufffb"
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+"
)


def replacement_chars(doc: Document, ctx: Context) -> Iterator[Change]:
    """U+FFFD marks where bytes could not be decoded: removed, and reported in ``warnings``.

    The decoder puts them there for a truncated last character or a stray bad
    byte; a file may also carry them from an earlier broken conversion.
    Removing them keeps words whole for the later rules; the warning and the
    edit say that characters were lost there.
    """
    text = doc.text
    if "\ufffd" not in text:
        return
    count = text.count("\ufffd")
    doc.warnings.append(f"{count} undecodable character(s) (U+FFFD) removed: characters were lost there")
    for m in _REPLACEMENT.finditer(text):
        yield Change(m.start(), m.end(), "")


_REPLACEMENT = compile_pattern(r"\ufffd+")


def html_entities(doc: Document, ctx: Context) -> Iterator[Change]:
    """Entities a scraper left in the text: ``&nbsp;`` ``&amp;`` ``&#12290;`` ``&amp;nbsp;``.

    Double-escaped entities are undone to the end; the common legacy ones
    without a semicolon (``&nbsp``) too, but only when no letter follows, so
    that ``?id=1&copy=2`` in a link stays.  A space-like entity becomes an
    ASCII space and an invisible one nothing, for the rules that follow.
    """
    if "&" not in doc.text:
        return
    for m in _ENTITY.finditer(doc.text):
        value = m.group()
        for _ in range(4):
            unescaped = html.unescape(value)
            if unescaped == value:
                break
            value = unescaped
        value = _INVISIBLE.sub("", _WIDE_SPACE.sub(" ", value))
        if value != m.group():
            yield Change(m.start(), m.end(), value)


_ENTITY = re.compile(
    r"&(?:amp;)*(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};"
    r"|(?:nbsp|amp|lt|gt|quot)(?![A-Za-z0-9]))"
)
_WIDE_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")


def fullwidth_ascii(doc: Document, ctx: Context) -> Iterator[Change]:
    """Full-width Latin letters and digits (``ＧＭＶ``, ``２０２２``) become ASCII.

    So do the signs that belong to such a run: ``．`` ``－`` ``／`` ``＠`` ``＿``
    ``＋`` ``＆`` between two letters or digits (``８６．１``, ``ｗｗｗ．ａ．ｃｎ``) and
    ``％`` after a digit.  Chinese punctuation (``，`` ``：`` ``（``) is not touched.
    """
    text = doc.text
    if not _FULLWIDTH_ALNUM.search(text):
        return
    for m in _FULLWIDTH.finditer(text):
        yield Change(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()))


_ALNUM_ANY = r"0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH = compile_pattern(
    rf"(?:[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
    rf"|(?<=[{_ALNUM_ANY}])[\uff0e\uff0d\uff0f\uff20\uff3f\uff0b\uff06](?=[{_ALNUM_ANY}])"
    rf"|(?<=[0-9\uff10-\uff19])\uff05)+"
)


def decimal_points(doc: Document, ctx: Context) -> Iterator[Change]:
    """A decimal point written as a wide or small full stop between two digits (``7﹒7%``, ``3．5元``, as Hong
    Kong and Taiwan typesetting does) becomes ``.``: the number is one, not two numbers apart.

    Runs after ``fullwidth_ascii``, which already turns ``８６．１`` (wide digits) into ``86.1``.
    """
    text = doc.text
    if "\uff0e" not in text and "\ufe52" not in text:
        return
    for m in _DECIMAL_POINT.finditer(text):
        yield Change(m.start(), m.end(), ".")


_DECIMAL_POINT = re.compile(r"(?<=[0-9])[\uff0e\ufe52](?=[0-9])")

