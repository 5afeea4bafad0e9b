"""Stage 1, normalize: one text form for everything downstream.

Line endings, invisible characters, HTML entities, full-width Latin and
digits, inline pinyin notes, Traditional to Simplified, spacing and
punctuation.  Each rule is a small named function returning the changes it
wants; text a rule does not need to touch is left byte-identical.

Punctuation convention of the dataset (GB/T 15834): full-width ``，：；？！（）``
in Chinese context, ASCII between Latin letters and digits (``1,000``,
``24:00``, ``iPhone 14``).  There are no spaces between a Chinese character
and anything else; spaces between Latin words stay.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from zhextract.document import Change, Document
from zhextract.opencc_loader import load_t2s, traditional_chars
from zhextract.resources import read_table
from zhextract.stages.boilerplate import boilerplate_pattern
from zhextract.step import Context, steps

STAGE = "normalize"

# Characters that count as "Chinese context" for spacing and punctuation:
# Han, CJK punctuation and full-width forms, Chinese quotes and dashes.
CJK_PUNCT = r"\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"
CJK = r"\p{Han}" + CJK_PUNCT
SPACE = r"[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]"


def line_endings(doc: Document, ctx: Context) -> Iterator[Change]:
    """CRLF and lone CR become LF."""
    for m in _CR.finditer(doc.text):
        yield Change(m.start(), m.end(), "\n")


_CR = regex.compile(r"\r\n?")


def invisible_chars(doc: Document, ctx: Context) -> Iterator[Change]:
    """Zero-width characters, BOMs inside the text and control characters go."""
    for m in _INVISIBLE.finditer(doc.text):
        yield Change(m.start(), m.end(), "")


_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")


def html_entities(doc: Document, ctx: Context) -> Iterator[Change]:
    """Entities a scraper left in the text: ``&nbsp;`` ``&amp;`` ``&#12290;``."""
    for m in _ENTITY.finditer(doc.text):
        value = html.unescape(m.group())
        if value == m.group():
            continue
        # A non-breaking space is a space for everything that follows.
        yield Change(m.start(), m.end(), value.replace("\u00a0", " "))


_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def fullwidth_ascii(doc: Document, ctx: Context) -> Iterator[Change]:
    """Full-width Latin letters and digits (``ＧＭＶ``, ``２０２２``) become ASCII."""
    for m in _FULLWIDTH.finditer(doc.text):
        yield Change(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()))


_FULLWIDTH = regex.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


# ---------------------------------------------------------------- pinyin notes
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_NOTE = regex.compile(rf"(\p{{Han}})[(（]\s*([a-zA-Z{_TONED}]{{1,7}}[1-5]?)\s*[)）]")
_TONE_STRIP = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm"
)


@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``: toned, tone-number and bare."""
    from pypinyin import Style, pinyin

    out: set[str] = set()
    for style in (Style.TONE, Style.TONE3, Style.NORMAL):
        for r in pinyin(char, style=style, heteronym=True, errors="ignore")[:1]:
            out.update(x.lower() for x in r)
    out.update(x.replace("ü", "v") for x in list(out))
    return frozenset(out)


def is_reading(char: str, note: str) -> bool:
    """True when ``note`` is a pinyin reading of ``char`` (with or without tones)."""
    note = note.lower()
    readings = _readings(char)
    if note in readings:
        return True
    bare = note.translate(_TONE_STRIP).rstrip("12345")
    if bare != note and not note.isascii():
        return False  # tone marks present: they must match exactly
    return bare in readings


def pinyin_notes(doc: Document, ctx: Context) -> Iterator[Change]:
    """Drop ``協(xié)`` style reading notes; keep every other parenthesis.

    Runs before t2s so that phrase tables see whole words.
    """
    for m in _NOTE.finditer(doc.text):
        if is_reading(m.group(1), m.group(2)):
            yield Change(m.start(2) - 1, m.end(), "")


# ---------------------------------------------------------------- t2s
def t2s(doc: Document, ctx: Context) -> Iterator[Change]:
    """OpenCC t2s, phrase level, on the lines that hold Traditional characters only.

    The converter is slow (about 1 MB/s); Simplified lines never reach it.
    The change is recorded run by run (``電商`` -> ``电商``), not line by
    line, so later edits in the same line keep their own rule names.
    """
    text = doc.text
    trad = traditional_chars()
    if not trad.search(text):
        return
    converter = load_t2s()
    for line in regex.finditer(r"[^\n]+", text):
        if not trad.search(line.group()):
            continue
        new = converter.convert(line.group())
        yield from _diff(line.start(), line.group(), new)


def _diff(offset: int, old: str, new: str) -> Iterator[Change]:
    if old == new:
        return
    if len(old) == len(new):
        i, n = 0, len(old)
        while i < n:
            if old[i] == new[i]:
                i += 1
                continue
            j = i
            while j < n and old[j] != new[j]:
                j += 1
            yield Change(offset + i, offset + j, new[i:j])
            i = j
        return
    for op, a0, a1, b0, b1 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            yield Change(offset + a0, offset + a1, new[b0:b1])


@lru_cache(maxsize=1)
def _t2s_fixes() -> tuple[regex.Pattern[str], dict[str, str]]:
    table = {row[0]: row[1] for row in read_table("t2s_fixes.tsv", 2)}
    pattern = regex.compile("|".join(regex.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern, table


def t2s_fixes(doc: Document, ctx: Context) -> Iterator[Change]:
    """Known gaps of OpenCC t2s, from ``data/t2s_fixes.tsv`` (``随著`` -> ``随着``)."""
    pattern, table = _t2s_fixes()
    for m in pattern.finditer(doc.text):
        yield Change(m.start(), m.end(), table[m.group()])


# ---------------------------------------------------------------- spacing
_SPACES_CJK = regex.compile(
    rf"(?<=[{CJK}]){SPACE}+(?=[\p{{Latin}}\d{CJK}])"  # after Chinese
    rf"|(?<=[\p{{Latin}}\d]){SPACE}+(?=[{CJK}])"  # before Chinese
    rf"|(?<=\d[:：.]){SPACE}+(?=\d)|(?<=\d){SPACE}+(?=[:：]\d)"  # 24: 00
)
_INDENT = regex.compile(rf"^{SPACE}+|{SPACE}+$", regex.MULTILINE)



def _tag_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines the strip stage will lift as keywords (``tags`` in boilerplate.tsv)."""
    label = boilerplate_pattern("tags")
    out = []
    for m in _LINE.finditer(text):
        if label.match(m.group().lstrip(" \t\u3000\u00a0")):
            out.append((m.start(), m.end()))
    return out


_LINE = regex.compile(r"[^\n]+")


def spacing(doc: Document, ctx: Context) -> Iterator[Change]:
    """Spaces around Chinese, indents and trailing spaces go; Latin words keep theirs.

    In a tags / keywords line (``关键词: 阿里巴巴 同比增长``) a space between
    Chinese words separates two keywords, so only its indent is touched.
    """
    text = doc.text
    keep = _tag_lines(text)
    spans = sorted(
        [(m.start(), m.end()) for m in _SPACES_CJK.finditer(text)
         if not any(a <= m.start() < b for a, b in keep)]
        + [(m.start(), m.end()) for m in _INDENT.finditer(text)]
    )
    last = -1
    for s, e in spans:
        if s < last:
            s = last
        if s < e:
            yield Change(s, e, "")
            last = e


# ---------------------------------------------------------------- punctuation
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT = regex.compile(r"[,;:?!]")
_CTX = regex.compile(rf"[{CJK}]")


def _neighbours(text: str, i: int) -> tuple[str, str]:
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] == " ":
        k += 1
    return (text[j] if j >= 0 else "\n", text[k] if k < len(text) else "\n")


def punctuation_width(doc: Document, ctx: Context) -> Iterator[Change]:
    """ASCII ``,;:?!()`` in Chinese context become full-width (GB/T 15834).

    Between digits (``1,000``, ``24:00``) and inside Latin text they stay.
    A pair of parentheses becomes full-width when it holds or touches Chinese.
    """
    text = doc.text
    changes: list[Change] = []
    for m in _ASCII_PUNCT.finditer(text):
        i = m.start()
        left, right = _neighbours(text, i)
        if left.isdigit() and right.isdigit():
            continue
        if m.group() == ":" and text[i + 1:i + 3] == "//":
            continue  # a URL scheme
        if _CTX.match(left) or _CTX.match(right):
            changes.append(Change(i, i + 1, _HALF_TO_FULL[m.group()]))
    for m in _PARENS.finditer(text):
        inner = m.group(1)
        left = text[m.start() - 1] if m.start() else "\n"
        right = text[m.end()] if m.end() < len(text) else "\n"
        if _CTX.search(inner) or _CTX.match(left) or _CTX.match(right):
            changes.append(Change(m.start(), m.start() + 1, "（"))
            changes.append(Change(m.end() - 1, m.end(), "）"))
    changes.sort(key=lambda c: c.start)
    yield from changes


_PARENS = regex.compile(r"\(([^()\n]{0,200})\)")

_DOUBLED = regex.compile(
    r"([，、；：])\1+"  # ，， -> ，
    r"|[，、](?=[。；！？])"  # ，。 -> 。
    r"|(?<=[。；！？])[，、]"  # 。， -> 。
    r"|(?<=。)。+"  # 。。 -> 。
    r"|(?<=；)[；]+"
)
_ELLIPSIS = regex.compile(r"(?<=[\p{Han}”’」』）])(?:\.{3,6}|。{3,6}|…)(?!…)")


def punctuation_doubled(doc: Document, ctx: Context) -> Iterator[Change]:
    """Doubled and misplaced punctuation: ``，，`` ``，。`` ``，；`` ``。。``.

    ``……`` and ``——`` are proper Chinese punctuation and stay; a Latin
    ``...`` after Chinese becomes ``……``.
    """
    text = doc.text
    changes = []
    for m in _DOUBLED.finditer(text):
        keep = m.group(1) if m.group(1) else ""
        changes.append(Change(m.start(), m.end(), keep))
    for m in _ELLIPSIS.finditer(text):
        if not any(c.start < m.end() and m.start() < c.end for c in changes):
            changes.append(Change(m.start(), m.end(), "……"))
    changes.sort(key=lambda c: c.start)
    yield from changes


def blank_lines(doc: Document, ctx: Context) -> Iterator[Change]:
    """Runs of blank lines become one paragraph break; no leading/trailing ones."""
    text = doc.text
    for m in _BLANKS.finditer(text):
        at_edge = m.start() == 0 or m.end() == len(text)
        yield Change(m.start(), m.end(), "" if at_edge else "\n")


_BLANKS = regex.compile(r"^\n+|\n(?:[ \t]*\n)+|\n+\Z")


STEPS = steps(
    STAGE,
    line_endings,
    invisible_chars,
    html_entities,
    fullwidth_ascii,
    pinyin_notes,
    t2s,
    t2s_fixes,
    spacing,
    punctuation_width,
    punctuation_doubled,
    blank_lines,
)
