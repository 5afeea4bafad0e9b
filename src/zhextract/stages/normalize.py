"""Stage 1, normalize: one text form for everything downstream.

Line endings, mojibake, invisible characters, HTML entities, full-width
Latin and digits, inline pinyin notes, Traditional to Simplified, spacing and
punctuation.  Each rule is a small named function returning the changes it
wants; text a rule does not need to touch is left byte-identical.

Punctuation convention of the dataset (GB/T 15834): full-width ``，：；？！（）``
(and ``。`` for a sentence-ending ``.``) in Chinese context; ASCII between
digits and inside Latin text (``1,000``, ``24:00``, ``iPhone 14 (Pro)``).
There are no spaces between a Chinese character and anything else; spaces
between Latin words stay (one ASCII space).  One line is one paragraph.
Downstream rules accept both widths anyway.

Order matters and is part of the design:

* ``mojibake`` runs before ``invisible_chars``: the C1 control characters it
  needs are what ``invisible_chars`` deletes;
* ``pinyin_notes`` runs before ``t2s`` so that the phrase tables see whole
  words (``協(xié)議`` must reach t2s as ``協議``);
* ``punctuation_width`` runs before ``spacing``: ``x , 快手`` first becomes
  ``x ， 快手``, and a space next to ``，`` is a space in Chinese text;
* ``punctuation_doubled`` runs after ``spacing`` so that ``， ，`` is seen as
  ``，，``.

The stage is idempotent (normalizing its output changes nothing), which
shapes some rules: the punctuation rules decide from characters that no
later rule changes (see ``_TRANSPARENT``), and mojibake is mended run by
run, independently of the text around it.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import compress, repeat
from operator import add, ne

import regex

from zhextract.decode import common_chars
from zhextract.document import Change, Document
from zhextract.opencc_loader import convert_pieces, has_traditional
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_table
from zhextract.script import HAN, HAN_CHAR
from zhextract.stages.strip.boilerplate import boilerplate_pattern
from zhextract.step import Context, steps

STAGE = "normalize"

# ------------------------------------------------------------ character classes
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

_CN_CONTEXT = compile_pattern(rf"[{CN_CONTEXT}]")
_LINK_CHARS = rf"[^\s<>\"'{RE_HAN}\u3000-\u303f\uff01-\uff65“”‘’]"
_SCHEME = re.compile(r"(?:https?|ftp)$", re.IGNORECASE)
_AFTER_SCHEME = re.compile(rf"{_LINK_CHARS}+")
_HOST = re.compile(rf"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+{_LINK_CHARS}*")
_MAILBOX = re.compile(r"[A-Za-z0-9._%+-]+$")
_MAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses: no punctuation rule touches them.

    Links are found from their fixed part (``://``, ``www.``, ``@``) with
    ``str.find`` and grown with small patterns: a pattern that starts with a
    character class would be tried at every position of every article.
    Trailing ASCII punctuation (``见www.a.com.`` ``(http://a.cn)``) is not
    part of a link.
    """
    spans = []
    for i in _occurrences(text, "://"):
        scheme = _SCHEME.search(text, max(0, i - 5), i)
        rest = _AFTER_SCHEME.match(text, i + 3)
        if scheme and rest:
            spans.append((scheme.start(), rest.end()))
    for literal in ("www.", "WWW.", "Www."):
        for i in _occurrences(text, literal):
            host = _HOST.match(text, i + 4)
            if host:
                spans.append((i, host.end()))
    for i in _occurrences(text, "@"):
        box = _MAILBOX.search(text, max(0, i - 64), i)
        domain = _MAIL_DOMAIN.match(text, i + 1)
        if box and domain:
            spans.append((box.start(), domain.end()))
    merged: list[tuple[int, int]] = []  # sorted and disjoint, for _inside
    for start, end in sorted(spans):
        while end > start and text[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _occurrences(text: str, literal: str) -> Iterator[int]:
    i = text.find(literal)
    while i >= 0:
        yield i
        i = text.find(literal, i + 1)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


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
# Read off many matches with map, and Changes made from their fields (tuple.__new__: no Python frame each).
_MATCH_START, _MATCH_TEXT = re.Match.start, re.Match.group
_new_change = tuple.__new__


# ------------------------------------------------------------ characters
def line_endings(doc: Document, ctx: Context) -> Iterator[Change]:
    """CRLF, lone CR and the Unicode line/paragraph separators become LF."""
    text = doc.text
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return
    for m in _CR.finditer(text):
        yield Change(m.start(), m.end(), "\n")


_CR = re.compile(r"\r\n?|[\u2028\u2029]")


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


# ------------------------------------------------------------ pinyin notes
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zA-Zü{_TONED}"
_NOTE = re.compile(
    rf"[(（]{SP}*"
    rf"([{_PINYIN_LETTERS}]+[0-5]?(?:[ '’·-]?[{_PINYIN_LETTERS}]+[0-5]?){{0,7}})"
    rf"{SP}*[)）]"
)
_HAN_RUN_END = compile_pattern(rf"{HAN}{{1,8}}$")
_SEPARATORS = compile_pattern(r"[ '’·\-0-5]")
_TONELESS = str.maketrans({**dict.fromkeys("āáǎà", "a"), **dict.fromkeys("ēéěè", "e"),
                           **dict.fromkeys("īíǐì", "i"), **dict.fromkeys("ōóǒò", "o"),
                           **dict.fromkeys("ūúǔù", "u"), **dict.fromkeys("ǖǘǚǜü", "v"),
                           **dict.fromkeys("ńňǹ", "n"), "ḿ": "m"})


@lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``, without tones (``ü`` written ``v``)."""
    from pypinyin import Style, pinyin  # lazy: only texts with notes need it

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(r.lower().replace("ü", "v") for r in (found[0] if found else []))


@lru_cache(maxsize=1 << 14)
def is_reading_note(chars: str, note: str) -> bool:
    """True when ``note`` is the pinyin reading of the last few characters of ``chars``.

    Remembered: a page glossed by a font table repeats the same notes.

    ``協`` + ``xié``, ``協議`` + ``xié yì`` or ``xieyi`` or ``xie2 yi4``: the note,
    stripped of tones and separators, must spell one reading of each of the
    last N characters, in order (pypinyin knows every reading of every
    character, Traditional ones included).  Tones are not compared: a tone
    mark proves the note is pinyin, and sites disagree on heteronyms.  A note
    without tone marks or digits must be all lower case and spell one
    character: ``(Huawei)`` and ``(Li Ning)`` after the name are a brand's own
    spelling, and ``躺平(tangping)`` ``滴滴(didi)`` a romanised word the article
    shows its readers, not a note a font table left.
    """
    lower = note.lower()
    toned = any(c in _TONED or c.isdigit() for c in lower)
    if not toned and note != lower:
        return False
    if not toned:
        chars = chars[-1:]
    letters = _SEPARATORS.sub("", lower).translate(_TONELESS)
    if not letters:
        return False
    for start in range(len(chars) - 1, -1, -1):
        if len(chars) - start > len(letters):  # every syllable has at least one letter
            break
        if _spells(letters, chars[start:]):
            return True
    return False


def _spells(letters: str, chars: str) -> bool:
    """Whether ``letters`` is one reading of each character of ``chars`` in a row."""
    def match(i: int, k: int) -> bool:
        if k == len(chars):
            return i == len(letters)
        return any(letters.startswith(r, i) and match(i + len(r), k + 1) for r in readings(chars[k]))

    return match(0, 0)


def pinyin_notes(doc: Document, ctx: Context) -> Iterator[Change]:
    """Drop ``協(xié)`` style reading notes; keep every other parenthesis.

    A note is Latin letters (with or without tones) in parentheses right after
    a Han character, that spell a reading of the characters before it.
    ``(GMV)`` ``(xTao)`` ``(以下简称遥望)`` ``(Kuaishou)`` stay.  Runs before t2s
    so that phrase tables see whole words.
    """
    text = doc.text
    if "(" not in text and "（" not in text:
        return
    for m in _NOTE.finditer(text):
        start = m.start()
        if start and text[start - 1] in SPACE_CHARS:  # 協 (xié)
            start -= 1
        before = _HAN_RUN_END.search(text, max(0, start - 8), start)
        if before and is_reading_note(before.group(), m.group(1)):
            yield Change(start, m.end(), "")


# ------------------------------------------------------------ t2s
def t2s(doc: Document, ctx: Context) -> list[Change]:
    """OpenCC t2s, phrase level, on the pieces of text that hold Traditional characters only.

    The converter is slow (about 1 MB/s); a Simplified text costs one set
    test and never reaches it.  A text holding Traditional characters is
    converted whole, the converter itself only for the pieces between
    punctuation that hold a phrase (it never lets a phrase cross punctuation
    or a line break, so the result is the same as line by line), and
    compared with the original in one pass.  The change is recorded word by word (``電商與淘寶``
    -> ``电商与淘宝``: changed runs a Han character or two apart are one
    edit), not line by line, so later edits in the same line keep their own
    rule names.
    The numbers of the converted lines go to ``doc.notes`` for ``t2s_zhe``.
    """
    text = doc.text
    lines: set[int] = set()
    changes: list[Change] = []
    if has_traditional(text):
        converted = convert_pieces(text)  # the converter keeps every line break: lines stay aligned
        if len(converted) == len(text):
            # One character comparison over the whole text; a changed run never holds a line break,
            # and a bridge only spans Han, so the runs are those of a comparison line by line.
            changes = _diff(0, text, converted, bridge=2)
        else:
            changes = list(_diff_by_line(text, converted))
        # The lines that hold a change are those the conversion changed (no change holds a line break).
        old_lines = text.split("\n")
        lines = set(compress(range(len(old_lines)), map(ne, old_lines, converted.split("\n"))))
        # 乾隆: Traditional characters a phrase keeps as they are
        lines.update(i for i, line in enumerate(old_lines) if i not in lines and has_traditional(line))
    doc.notes["normalize.t2s_lines"] = frozenset(lines)
    return changes


def _diff_by_line(text: str, converted: str) -> Iterator[Change]:
    """:func:`_diff` line by line, for a conversion that changed the length of some line."""
    start = 0
    for line, new in zip(text.split("\n"), converted.split("\n")):
        yield from _diff(start, line, new, bridge=2)
        start += len(line) + 1


@lru_cache(maxsize=1)
def _t2s_fixes() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {row[0]: row[1] for row in read_table("t2s_fixes.tsv", 2)}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern, table


def t2s_fixes(doc: Document, ctx: Context) -> Iterator[Change]:
    """Known gaps of OpenCC t2s, from ``data/t2s_fixes.tsv`` (``甚么`` -> ``什么``, ``牠`` -> ``它``).

    Every entry is a string t2s leaves alone that is never correct
    Simplified, so the table applies to the whole text.
    """
    pattern, table = _t2s_fixes()
    for m in pattern.finditer(doc.text):
        yield Change(m.start(), m.end(), table[m.group()])


@lru_cache(maxsize=1)
def _zhu_words() -> regex.Pattern[str]:
    words = sorted(read_list("zhu_words.txt"), key=len, reverse=True)
    return compile_pattern("|".join(regex.escape(w) for w in words))


def t2s_zhe(doc: Document, ctx: Context) -> Iterator[Change]:
    """著 -> 着 in converted lines, except in the words where 著 is zhù (著名, 显著, 著作).

    Traditional writes both the aspect particle (随著, 面临著, 看著) and
    zhuó/zháo (著手, 著急, 睡著) with 著, where Simplified writes 着; OpenCC
    keeps 著 because 著 is also a Simplified character.  The verbs that take
    the particle are an open class, the words where 著 means "write" or
    "notable" a small closed one (``data/zhu_words.txt``), so the rule keeps
    the listed words and changes every other 著, but only in lines t2s
    converted: Simplified text writes 著 only where it means zhù and stays as
    it is.  An author credit before a title (``金庸著《…》``) keeps its 著.
    """
    lines = doc.notes.get("normalize.t2s_lines")
    text = doc.text
    if not lines or "著" not in text:
        return
    keep = {i for m in _zhu_words().finditer(text) for i in range(m.start(), m.end())}
    breaks = [m.start() for m in regex.finditer(r"\n", text)]
    for m in regex.finditer(r"著(?![《〈])", text):
        i = m.start()
        if i not in keep and bisect.bisect_left(breaks, i) in lines:
            yield Change(i, i + 1, "着")


# ------------------------------------------------------------ punctuation width
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# The marks this rule writes, in both widths, and white space: they are
# *transparent* when a mark looks for its context, so that the decision rests
# only on characters the rule never changes, and one pass of the stage leaves
# nothing for a second (``x,(快手)``: the comma sees 快 through the parenthesis).
_TRANSPARENT = frozenset(SPACE_CHARS + ",;:?!()，；：？！（）")
_SPACE_CHARS = frozenset(SPACE_CHARS)
# Chinese context for the standard ``re`` module: Han, CJK punctuation, curly
# quotes, minus the transparent full-width marks (！（），：；？ = FF01 FF08 FF09
# FF0C FF1A FF1B FF1F).
_RE_SOLID_CN = (RE_HAN + "\u3001-\u303f\uff02-\uff07\uff0a\uff0b\uff0d-\uff0f\uff1c-\uff1e\uff20"
                "\uff3b-\uff40\uff5b-\uff65“”‘’…—·")
_MARK_NEXT_TO_CN = re.compile(  # the common case: a mark right after, or before, Chinese
    rf"[,;:?!](?:(?<=[{_RE_SOLID_CN}].)|(?={SP}*[{_RE_SOLID_CN}]))"
)
_ASCII_MARK = re.compile(r"[,;:?!]")
# 分手. 没想到; also before another mark (万.。, 万.:), Chinese or made Chinese by this same
# step, which punctuation_doubled then merges: the result must not depend on a second pass.
_PERIOD_ENDING = re.compile(rf"\.(?={SP}*(?:[{RE_HAN}“”’」』）)。，！？；：、,;:?!\n]|$))")
_THOUSANDS = re.compile(r",\d{3}(?!\d)")  # at the comma
_FULL_TIME_COLON = re.compile(rf"：(?={SP}*\d{{2}}(?!\d))")  # 10：20, if one or two digits precede
_PAREN = re.compile(r"[()（）]")


@lru_cache(maxsize=1 << 16)
def _chinese(ch: str) -> bool:
    """Whether ``ch`` makes a mark next to it Chinese (Han, CJK punctuation, curly quotes)."""
    return ch not in _TRANSPARENT and bool(_CN_CONTEXT.match(ch))


@lru_cache(maxsize=1 << 16)
def _han(ch: str) -> bool:
    return bool(HAN_CHAR.match(ch))


@lru_cache(maxsize=1 << 16)
def _cn(ch: str) -> bool:
    """Whether ``ch`` is Chinese for spacing (Han, CJK punctuation; not curly quotes)."""
    return bool(_CN_CHAR.match(ch))


_CN_CHAR = compile_pattern(rf"[{CN}]")


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


def _solid(text: str, i: int, step: int, skip_digits: bool = False) -> int:
    """Index of the nearest non-transparent character from ``i`` in direction ``step`` (-1 if none)."""
    j = i + step
    while 0 <= j < len(text) and (text[j] in _TRANSPARENT or (skip_digits and text[j].isdigit())):
        j += step
    return j if 0 <= j < len(text) else -1


def _chinese_at(text: str, j: int) -> bool:
    """Whether the character at ``j`` is Chinese context.

    A ``.`` is, when the stage turns it into ``。`` or part of ``……``: the
    decision must not depend on whether that already happened.
    """
    if j < 0:
        return False
    if text[j] == ".":
        return _ends_sentence(text, j) or _in_ellipsis(text, j)
    return _chinese(text[j])


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the ``.`` at ``i`` is a full stop after Chinese (``分手. 没想到``)."""
    return bool(_PERIOD_ENDING.match(text, i)) and _han(_left(text, i))


def _chinese_around(text: str, i: int, skip_digits: bool = False) -> bool:
    return _chinese_at(text, _solid(text, i, -1, skip_digits)) or _chinese_at(text, _solid(text, i, 1, skip_digits))


def _mark_is_chinese(text: str, i: int) -> bool:
    """Whether the ASCII mark at ``i`` stands in Chinese context (see :func:`punctuation_width`)."""
    left, right = _solid(text, i, -1), _solid(text, i, 1)
    if left >= 0 and right >= 0 and text[left].isdigit() and text[right].isdigit():
        # 24:00, 3:1 and 1,000 stay; a comma in a list of numbers (2019,2020年) looks past them
        if text[i] != "," or _THOUSANDS.match(text, i):
            return False
        return _chinese_around(text, i, skip_digits=True)
    return _chinese_at(text, left) or _chinese_at(text, right)


def punctuation_width(doc: Document, ctx: Context) -> list[Change]:
    """ASCII ``,;:?!()`` in Chinese context become full-width (GB/T 15834).

    Context is the nearest character on either side that is not a space or
    a mark this rule writes: Chinese on either side makes the mark Chinese.
    Marks between two digits stay ASCII (``24:00``, ``3:1``, ``1,000``),
    except a comma that is no thousands separator (``2019,2020年``): there the
    digits are skipped to find the context.  A ``.`` right after a Han
    character that ends a sentence becomes ``。``.  Parentheses are paired
    (nesting and mixed widths too) and a pair becomes full-width when it holds
    or touches Chinese.  A full-width colon inside a clock time (``10：20``)
    becomes ASCII.  Links and e-mail addresses are never touched.

    Most marks sit right next to a Han character; one regex finds those, and
    only the others are looked at one by one.
    """
    text = doc.text
    # Chinese right beside it (never between digits): every such mark, collected in C.
    beside = list(_MARK_NEXT_TO_CN.finditer(text))
    changes: dict[int, str] = dict(zip(map(_MATCH_START, beside), map(_HALF_TO_FULL.__getitem__,
                                                                      map(_MATCH_TEXT, beside))))
    # The other marks (between digits, in Latin text) are looked at one by one: a set difference in C
    # leaves only them.
    for i in set(map(_MATCH_START, _ASCII_MARK.finditer(text))).difference(changes):
        if _mark_is_chinese(text, i):
            changes[i] = _HALF_TO_FULL[text[i]]
    if "." in text:
        for m in _PERIOD_ENDING.finditer(text):
            if _ends_sentence(text, m.start()):
                changes[m.start()] = "。"
    if "(" in text or ")" in text:
        changes.update(_paren_changes(text))
    if "：" in text:
        for m in _FULL_TIME_COLON.finditer(text):
            if _clock_colon(text, m.start(), m.end()):
                changes[m.start()] = ":"
    keep = _protected(text) if changes else []
    at = sorted(changes)
    if keep:
        at = [i for i in at if not _inside(keep, i)]
    # One change per mark, made in C (tuple.__new__: no Python frame per Change).
    return list(map(_new_change, repeat(Change, len(at)),
                    zip(at, map(add, at, repeat(1)), map(changes.__getitem__, at), repeat(""))))


def _clock_colon(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a colon) stands between the hours and minutes of a time (10：20).

    Spaces around it do not count: ``spacing`` removes them.
    """
    before = text[max(0, start - 8):start].rstrip(SPACE_CHARS)
    hours = len(before) - len(before.rstrip("0123456789"))
    return 1 <= hours <= 2 and bool(_MINUTES.match(text, end))


_MINUTES = re.compile(rf"{SP}*\d{{2}}(?!\d)")


def _paren_changes(text: str) -> Iterator[tuple[int, str]]:
    """Full-width forms for the ASCII parentheses that stand in Chinese context.

    Parentheses pair up within a line, whatever their width; a pair that
    holds Chinese or has Chinese context outside becomes full-width, and so
    does an unpaired one in Chinese context.
    """
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    single: list[int] = []
    for m in _PAREN.finditer(text):
        i, ch = m.start(), m.group()
        if stack and text.find("\n", stack[-1], i) >= 0:  # a line ended since the last opening one
            single.extend(stack)
            stack.clear()
        if ch in "(（":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            single.append(i)
    single.extend(stack)
    for a, b in pairs:
        if text[a] != "(" and text[b] != ")":
            continue
        inside = any(_chinese(c) for c in _CN_CONTEXT.findall(text, a + 1, b))
        if inside or _chinese_at(text, _solid(text, a, -1)) or _chinese_at(text, _solid(text, b, 1)):
            if text[a] == "(":
                yield a, "（"
            if text[b] == ")":
                yield b, "）"
    for i in single:
        if text[i] in "()" and _chinese_around(text, i):
            yield i, _HALF_TO_FULL[text[i]]


# ------------------------------------------------------------ spacing
_INDENT = re.compile(SP + "*")
_SPACE_RUN = re.compile(SP + "+")


def _tag_label_end(text: str, pos: int, cache: dict[int, int]) -> int:
    """End of the label if ``pos`` lies in a tags / keywords line (``tags`` in boilerplate.tsv), else -1.

    ``cache`` maps a line start to the answer, so each line is matched once.
    """
    start = text.rfind("\n", 0, pos) + 1
    if start not in cache:
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        label = boilerplate_pattern("tags").match(text, _INDENT.match(text, start).end(), line_end)
        cache[start] = label.end() if label else -1
    return cache[start]


def _keyword_space(text: str, pos: int, cache: dict[int, int]) -> bool:
    """Whether the space at ``pos`` separates keywords in a tags line.

    The strip stage lifts such a line's words into ``meta.keywords``; the
    spaces between them must stay.  The spaces right after the label
    (``关键词： 阿里``) separate nothing.
    """
    label_end = _tag_label_end(text, pos, cache)
    return label_end >= 0 and pos != label_end


# Digits spaced out one by one (OCR, MT): 2 0 2 4, 1 2 . 5; three characters or more.
_SPACED_DIGITS = re.compile(rf"(?<![\d.A-Za-z]){SP}?\d(?:{SP}[\d.]){{2,}}(?![\d.A-Za-z])")
# What every spaced-out number holds (a digit, then two spaced digits or dots): a quick test that spares
# most texts the scan above, whose lookbehind keeps ``re`` from skipping ahead to the digits.
_SPACED_DIGIT_PAIR = re.compile(rf"\d{SP}[\d.]{SP}[\d.]")
_WORD_GAP_LINE = 80  # longest line whose spaces between Chinese words may be separators
_FULL_STOP = re.compile("[。！？]")


def _word_gap(text: str, start: int, end: int) -> bool:
    """A space between two Chinese words of 2+ characters in a short line without a full stop."""
    if start < 2 or not (_HAN_CHAR2.match(text, start - 2) and _HAN_CHAR2.match(text, end)):
        return False
    # Look no further than a short line can reach: a long paragraph is not scanned once per space.
    line_start = text.rfind("\n", max(0, start - _WORD_GAP_LINE), start) + 1
    line_end = text.find("\n", end, end + _WORD_GAP_LINE + 1)
    if line_end < 0:
        line_end = len(text) if len(text) - end <= _WORD_GAP_LINE else -1
    if line_end < 0 or (line_start == 0 and start > _WORD_GAP_LINE):
        return False
    return line_end - line_start <= _WORD_GAP_LINE and not _FULL_STOP.search(text, line_start, line_end)


_HAN_CHAR2 = compile_pattern(rf"{HAN}{{2}}")


def _numeric_gap(text: str, start: int, end: int) -> bool:
    """A space inside a number or time: ``24: 00``, ``24 :00``, ``50 %``."""
    left, right = text[start - 1], text[end]
    if left.isdigit():
        if right in "%‰℃":
            return True
        return right in ":：" and _right(text, end).isdigit()
    return left in ":：" and _left(text, start - 1).isdigit() and right.isdigit()


def _bar_gap(text: str, start: int, end: int) -> bool:
    """A space between a separator bar and what follows, when Chinese is on the bar's other side.

    ``来源：新榜 | 2022-03-04`` loses the space before the bar (next to
    Chinese) and, so as not to leave ``新榜| 2022``, the one after it too.
    """
    left, right = text[start - 1], text[end]
    if left in _BARS:
        return _cn(_left(text, start - 1))
    if right in _BARS:
        return _cn(_right(text, end))
    return False


_BARS = "|｜丨"


def spacing(doc: Document, ctx: Context) -> Iterator[Change]:
    """Spaces around Chinese, indents and trailing spaces go; Latin words keep one ASCII space.

    ``10 月 29 日`` -> ``10月29日``, ``。 没想到`` -> ``。没想到``, ``24: 00`` ->
    ``24:00``, ``Aauto\u3000 Quicker`` -> ``Aauto Quicker``, ``新榜 | 2022`` ->
    ``新榜|2022``, ``2 0 2 4`` -> ``2024``.  In a tags /
    keywords line (``关键词： 阿里巴巴 同比增长``) a space between Chinese words
    separates two keywords, so only its indent, its end and a space after
    the label go.  In a short line without a full stop (a headline, a byline)
    a space between two Chinese words of two characters or more separates
    fields or clauses (``锂电池价格企稳 多家公司业绩回暖``, ``中国证券报 记者 王明``):
    it becomes one ASCII space.  Spaces between single characters
    (``快 手 电 商``) are OCR's and go.

    Each run of white space is judged by the characters on its two sides
    (Chinese text has few runs, so this beats a regex with lookarounds).
    """
    text = doc.text
    n = len(text)
    tag_lines: dict[int, int] = {}
    spaced_digits = {m.start() for r in _SPACED_DIGITS.finditer(text) for m in _SPACE_RUN.finditer(text, *r.span())} \
        if _SPACED_DIGIT_PAIR.search(text) else set()
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        left = text[start - 1] if start else "\n"
        right = text[end] if end < n else "\n"
        if left == "\n" or right == "\n":
            yield Change(start, end, "")  # indent or trailing
            continue
        if _keyword_space(text, start, tag_lines):
            continue
        if _word_gap(text, start, end):
            if m.group() != " ":
                yield Change(start, end, " ")
            continue
        if (_cn(left) or _cn(right) or _numeric_gap(text, start, end) or _bar_gap(text, start, end)
                or start in spaced_digits):
            yield Change(start, end, "")
        elif m.group() != " ":
            yield Change(start, end, " ")


# ------------------------------------------------------------ doubled punctuation
_PAUSES = "；：，、"  # strongest first
_STOPS = "。？！"
# A run of Chinese marks, ellipses and dots: two or more marks, or an ellipsis alone.
_MARK_RUN = compile_pattern(r"(?:[，、；：。？！…]|\.{3,})(?:[，、；：。？！…]|\.{3,})+|…|\.{3,}")
_ELLIPSIS = compile_pattern(r"(?:\.{3,}|。{3,}|…)+")  # ... 。。。 … and runs of them
_RUN_PARTS = compile_pattern(
    rf"(?P<ellipsis>{_ELLIPSIS.pattern})"
    r"|(?P<cluster>[，、；：。？！]{2,})"  # two or more Chinese marks
)
_ASCII_DOUBLE = re.compile(r"(?<!\d)[,;]{2,}(?!\d)")  # ,, ;; in Latin text
_MAX_ELLIPSIS = 8  # longer runs of dots are leaders in a table of contents, not an ellipsis


def mend_cluster(marks: str) -> str:
    """The one mark (or proper pair) a run of Chinese punctuation stands for.

    ``，，`` -> ``，``; ``，；`` -> ``；`` (the strongest pause); ``，。`` and ``。，``
    -> ``。`` (a stop wins over pauses); ``。？`` -> ``？``; ``。。`` -> ``。``.
    ``？！`` ``！！`` ``？？`` are emphasis and stay.
    """
    stops = [c for c in marks if c in _STOPS]
    if not stops:
        return next(p for p in _PAUSES if p in marks)
    emphatic = [c for c in stops if c != "。"]
    return "".join(emphatic) if emphatic else "。"


def mend_run(run: str, after_chinese: bool) -> str:
    """What a run of marks becomes; mended until it no longer changes.

    After Chinese an ellipsis in any spelling (``...`` ``。。。`` ``…`` ``…...``)
    becomes ``……``; elsewhere a run of ``。`` is one ``。`` and dots stay dots.
    Clusters of marks go through :func:`mend_cluster`.  Mending again is
    needed where one step leaves a new cluster (``。。。，`` -> ``。，`` -> ``。``).
    """
    def part(m: regex.Match[str]) -> str:
        marks = m.group()
        if m.lastgroup == "cluster":
            return mend_cluster(marks)
        if after_chinese and m.start() == 0 and len(marks) <= _MAX_ELLIPSIS:
            return "……"
        return "。" if set(marks) == {"。"} else marks

    for _ in range(8):
        mended = _RUN_PARTS.sub(part, run)
        if mended == run:
            break
        run = mended
    return run


def punctuation_doubled(doc: Document, ctx: Context) -> Iterator[Change]:
    """Doubled and misplaced punctuation: ``，，`` ``，。`` ``，；`` ``。。`` and ellipses.

    Each run of marks is mended as a whole (see :func:`mend_run`), so one
    pass leaves nothing for a second.  ``……`` and ``——`` are proper Chinese
    punctuation and stay; ``,,`` between Latin words becomes ``,``.
    """
    text = doc.text
    tag_lines: dict[int, int] = {}
    for m in _MARK_RUN.finditer(text):
        if _tag_label_end(text, m.start(), tag_lines) >= 0:
            continue  # a keywords line is lifted whole by the strip stage; its label must stay
        mended = mend_run(m.group(), _after_chinese(text, m.start()))
        if mended == "：" and _clock_colon(text, m.start(), m.end()):
            mended = ":"  # 7、：29 was a clock time; punctuation_width writes its colon in ASCII
        yield Change(m.start(), m.end(), mended)
    if ",," in text or ";;" in text:
        for m in _ASCII_DOUBLE.finditer(text):
            yield Change(m.start(), m.end(), ";" if ";" in m.group() else ",")


def _after_chinese(text: str, i: int) -> bool:
    """Whether a Han character precedes ``i``, closing quotes, brackets and spaces aside (``快手) ...``)."""
    j = i - 1
    while j >= 0 and (text[j] in "”’」』）)" or text[j] in _SPACE_CHARS):
        j -= 1
    return j >= 0 and _han(text[j])


def _in_ellipsis(text: str, j: int) -> bool:
    """Whether the ``.`` at ``j`` belongs to an ellipsis :func:`mend_run` turns into ``……``.

    That is an ellipsis right after Chinese, whatever marks follow it.
    """
    start = j
    while start > 0 and text[start - 1] in ".…。":
        start -= 1
    m = _ELLIPSIS.match(text, start)
    return bool(m and m.end() > j and len(m.group()) <= _MAX_ELLIPSIS and _after_chinese(text, start))


# ------------------------------------------------------------ paragraphs
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


STEPS = steps(
    STAGE,
    line_endings,
    mojibake,
    invisible_chars,
    replacement_chars,
    html_entities,
    fullwidth_ascii,
    pinyin_notes,
    t2s,
    t2s_fixes,
    t2s_zhe,
    punctuation_width,
    spacing,
    punctuation_doubled,
    blank_lines,
)
