"""The page model: the current text as lines, their shapes, and the page's zones.

Pages from sites we never saw use wordings we never listed, so the stage
reads a page the way jusText reads HTML: by features of each line that do not
depend on its wording, then by its neighbours.

**Line shape** (:class:`Shape`, computed once per line): length, share of Han
characters, digits, Latin letters and symbols, whether it ends like a
sentence, its density of function words (``data/function_words.txt``: prose
is full of 的 了 是 在, menus and headlines have almost none), code-like
tokens (markup, file names, template keys, snake_case), and headline form.

**Zones.** A *good* line is a paragraph of prose: long, ending like a
sentence, not a notice or a metadata line.  The head zone is everything
before the first good line (title, bylines, navigation, breadcrumbs), the
tail zone everything after the last (editor tags, related lists, share
furniture, disclaimers); between them is the body, where a short line is a
subheading and stays unless something positive marks it as noise.

**Support.** The body's vocabulary (Han bigrams without function words, and
Latin words, of the good lines) tells how much a line belongs to this
article: a headline shares most of its words with the body, a site tagline,
a menu or the headline of another story shares few or none.

The view is rebuilt per text version; after a removal the surviving lines and
what is known about them are kept (:meth:`View.after_removal`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, filterfalse, pairwise

from zhextract.document import Change, Document
from zhextract.extract.text import NUMBERED_HEADING
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list
from zhextract.script import HAN, HAN_CHAR
from zhextract.stages.strip.boilerplate import (
    SENTENCE_END,
    TERMINATORS,
    boilerplate_pattern,
    is_disclaimer,
    reads_as_content,
    shown_len,
)
from zhextract.stages.strip.fields import parse_meta_line

SHORT = 100  # furniture, markers, captions, metadata: lines of at most this many characters
# Facts about a line are remembered by its text, for this many lines (per fact): every view of a page (one
# per removing rule) asks them again, and a site's furniture recurs across pages; bounded, since a corpus of
# unique long lines would otherwise keep every line.
LINE_MEMO = 4096
PROSE_HAN = 4  # Han characters a line of prose has at least
GOOD_MARKS = 3  # a paragraph of prose that anchors the body has at least this many clause and sentence marks
GOOD_LEN = 40  # ... and a full stop, or at least this many characters
FOREIGN_SUPPORT = 0.1  # a good line at the body's edge sharing less than this with the rest is not the article's
FOREIGN_GAP = 3  # lines that are not prose between a foreign paragraph and the article
HEAD_SUPPORT = 0.15  # a head-zone line sharing less than this with the body is not about the article
HEADLINE_LEN = (6, 40)  # a headline's length: 6 to 40 characters (shown_len)
WRAP_LEN = 20  # a line of a paragraph wrapped at a fixed width has at least this many characters
WRAP_LINES = 8  # ... and the prose that ends the run comes within this many lines
WRAP_SPREAD = 0.8  # ... and its lines are all at least this share of the longest of them


# ====================================================================== lines
@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, before the "\n"
    text: str


@lru_cache(maxsize=1)
def function_chars() -> frozenset[str]:
    """The characters of ``data/function_words.txt``: what the function-word density counts."""
    return frozenset("".join(w.lstrip("-") for w in read_list("function_words.txt")))


@lru_cache(maxsize=1)
def _grammar_chars() -> frozenset[str]:
    """The function characters that never make a content word: left out of vocabulary comparisons."""
    return frozenset("".join(w for w in read_list("function_words.txt") if not w.startswith("-")))


_HAN = HAN_CHAR
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_DIGIT = re.compile(r"\d")
_MARKS = re.compile(r"[，。；！？、：,;!?]")
_LATIN = re.compile(r"[A-Za-z]")
_SPACE = re.compile(r"\s")
# Code-like tokens: markup, embedded images, template placeholders, identifiers
# and paths; file names and exhibit labels come from boilerplate.tsv.
_CODE = re.compile(
    r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # <image> </p> <img src=…>
    r"|data:[a-z]+/[\w.+-]+[;,][^\s\"')]*"  # data:image/png;base64,…
    r"|!\[[^\]]*\]\([^)]*\)"  # ![alt](url)
    r"|\{\{[^{}]*\}\}|\{%[^{}]*%\}|\$\{[^{}]*\}"  # {{article.title}} {% block %} ${title}
    r"|\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b"  # news_detail_title
    r"|\b[a-z][a-z0-9]*(?::[a-z0-9_]+){2,}\b"  # a:b:c keys
    r"|\b[a-z]{2}[-_][A-Z]{2}\b"  # zh-CN en_US
    r"|\b[a-z][a-z0-9+.-]*://\S+"  # URLs inside markup (a line that is only a link is the url rule's)
    r"|<!--.*?-->|\[!--[\w.]+--\]|\{\$[\w.]+\}|#\{\w+\}|%\(\w+\)s"  # CMS tags and placeholders
    r"|\b(?:alt|src|href|title|class|style|data-[\w-]+)\s*=\s*\"[^\"]*\""  # HTML attributes
)


@dataclass(frozen=True)
class Shape:
    """Features of a line that do not depend on its wording."""

    n: int  # shown length (a Latin name counts two)
    han: float  # share of Han characters among the non-space characters
    digit: float
    latin: float
    symbol: float  # punctuation and symbols
    final: bool  # ends like a sentence (。！？； possibly closed by a quote)
    function: float  # function-word characters per Han character
    code: float  # share of the line inside code-like tokens
    headline: bool  # 6-40 characters, no sentence-final 。/；, not a clause fragment
    prose: bool  # reads as a sentence of prose (boilerplate.reads_as_content)
    hans: int  # how many Han characters


@lru_cache(maxsize=LINE_MEMO)
def shape(line: str) -> Shape:
    """The :class:`Shape` of one line."""
    s = line.strip()
    chars = len(_SPACE.sub("", s)) or 1
    han = len(_HAN.findall(s))
    digit = len(_DIGIT.findall(s))
    latin = len(_LATIN.findall(s))
    fw = function_chars()
    function = sum(1 for c in s if c in fw) / han if han else 0.0
    covered = sum(len(m.group()) for m in _CODE.finditer(s))
    covered += sum(len(m.group()) for m in boilerplate_pattern("code_token").finditer(s))
    n = shown_len(s)
    final = bool(SENTENCE_END.search(s))
    headline = (HEADLINE_LEN[0] <= n <= HEADLINE_LEN[1] and not s.rstrip("”’」』）)\"'").endswith(("。", "；", ";"))
                and not s.endswith(("，", ",", "、", "：", ":")) and not s.startswith(("，", ",", "、", "。")))
    return Shape(n, han / chars, digit / chars, latin / chars, max(0.0, 1 - (han + digit + latin) / chars),
                 final, function, min(1.0, covered / chars), headline, reads_as_content(s), han)


@lru_cache(maxsize=8192)
def is_code_line(line: str) -> bool:
    """A line that is mostly code-like tokens (``<image>…</image>``, ``img_03.jpg``, ``{{title}}``)."""
    if _ONLY_URL.fullmatch(line.strip()):
        return False
    sh = shape(line)
    return sh.code >= 0.6 or (sh.code >= 0.35 and sh.han < 0.2)


_ONLY_URL = re.compile(r"(?:https?://|www\.)\S+")
_GRAM_TEXT = compile_pattern(rf"{HAN}+|[A-Za-z][A-Za-z0-9]+")


_CELL_SEP = re.compile(r"\s*[|｜]\s*")


def cells(line: str) -> int:
    return len([c for c in _CELL_SEP.split(line.strip().strip("|｜")) if c]) if "|" in line or "｜" in line else 0


def same_cells(a: str, b: str) -> bool:
    """Two rows of a table: the same number (three or more) of cells between bars."""
    return cells(a) >= 3 and cells(a) == cells(b)


def is_table_row(line: str) -> bool:
    """Three or more cells between bars, one of them a number (``营业利润 | 18,264.30 | -16.50``)."""
    cells = [c for c in _CELL_SEP.split(line.strip().strip("|｜")) if c]
    return len(cells) >= 3 and any(re.fullmatch(r"[-+]?[\d.,%]+%?", c) for c in cells)


_SUBTITLE = re.compile(r"^\s*(?:——|--|—|－－)")
_CLAUSE_EDGE = ("，", ",", "、", "；", ";")
_SECTION = re.compile(r"0[1-9]|[一二三四五六七八九十]|Part\s*\d+|PART\s*\d+")  # a section number alone: 01, 二


@lru_cache(maxsize=1024)  # a line's word set is large (hundreds of strings): the lines of a page, not of a corpus
def grams(line: str) -> frozenset[str]:
    """A line's vocabulary: Han bigrams without grammatical characters, and Latin words (lower case).

    Compared only after the repair stage (see ``_view``), so that a garbled
    name (Aauto更快) and its repair (快手) never meet in one comparison.
    """
    fw = _grammar_chars()
    out: set[str] = set()
    for m in _GRAM_TEXT.finditer(line):
        run = m.group()
        if run.isascii():
            if len(run) >= 2:
                out.add(run.lower())
            continue
        for a, b in pairwise(run):
            if a not in fw and b not in fw:
                out.add(a + b)
    return frozenset(out)


@dataclass(frozen=True)
class Bounds:
    """First and last good line; before is the head zone, after the tail zone."""

    first: int
    last: int

    def head(self, i: int) -> bool:
        return i < self.first

    def tail(self, i: int) -> bool:
        return i > self.last

    def edge(self, i: int) -> bool:
        return i < self.first or i > self.last


@lru_cache(maxsize=LINE_MEMO)
def prose_line(t: str) -> bool:
    """A line that reads as prose (a few Han characters at least: 万万000A0 is a code, not prose)
    and is not a notice or a metadata line.

    A function of the line's text alone, remembered: every view of a page (one
    per removing rule) asks it of every line again.
    """
    return (reads_as_content(t) and shape(t).hans >= PROSE_HAN and not is_disclaimer(t)
            and (len(t) > 120 or parse_meta_line(t) is None))


@lru_cache(maxsize=LINE_MEMO)
def good_line(t: str) -> bool:
    """A paragraph of prose that anchors the body: several clauses, one of them closed by 。.

    Short prose (a one-line deck, a summary, a caption with a full stop)
    has fewer marks and is left to its neighbours; a line of clauses without
    a full stop (a headline with commas and a question mark) must be long
    as well.  Counting marks rather than characters keeps the zones where
    they are when the repair stage, which runs after this one, changes the
    length of a line (``Aauto更快`` becomes ``快手``): the zones of the
    repaired text must be the same.
    """
    if not prose_line(t):
        return False
    s = t.strip()
    if len(_MARKS.findall(s)) < GOOD_MARKS:
        return False
    return "。" in s or shown_len(s) >= GOOD_LEN


@lru_cache(maxsize=16)
def gram_counts(lines: tuple[str, ...]) -> Counter[str]:
    """How many of ``lines`` hold each word (of :func:`grams`).  Never modify the result: it is shared.

    Remembered by the lines' texts: the views of one page before and after
    a rule removed some furniture have the same anchor lines, and counting
    their words again was a good part of the stage's time.
    """
    return Counter(chain.from_iterable(map(grams, lines)))  # one count in C, not one update per line


@lru_cache(maxsize=64)
def shared_words(lines: tuple[str, ...]) -> int:
    """How many words (of :func:`grams`) of the first of ``lines`` another of them holds too.

    What :meth:`View._trim_foreign` asks of the good lines; set differences
    in C, stopped once every word is found, rather than counting every word
    of every line.  Remembered like :func:`gram_counts`: the views of a page
    before and after a removal have the same good lines.
    """
    left = set(grams(lines[0]))
    total = len(left)
    for line in lines[1:]:
        if not left:
            break
        left -= grams(line)
    return total - len(left)


# ====================================================================== the view
class View:
    """The current text as lines, built once per text version and shared by the rules.

    Rules look at few lines: the short ones (furniture, markers, captions,
    headings), the ones a whole-text scan points at (spam words, separators,
    line-start labels), or the ones in the head and tail zones.  Shapes and
    vocabularies are computed on first use, per line.
    """

    def __init__(self, text: str, texts: list[str] | None = None,
                 repaired: bool = False, titled: bool = False, content: list[bool] | None = None) -> None:
        self.text = text
        #: the text has been through the repair stage: the body may be told apart by its vocabulary
        self.repaired = repaired
        #: the title has been taken out: the first line is no would-be title any more
        self.titled = titled
        texts = self.texts = text.split("\n") if texts is None else texts
        self.n = len(texts)
        cum = list(accumulate(map(len, texts), initial=0))
        self.starts = [c + i for i, c in enumerate(cum[:-1])]
        #: non-empty lines; whether each line reads as prose; the short ones; the short ones that are not prose
        self.real = [i for i, t in enumerate(texts) if t and not t.isspace()]
        # ``content``: what a view these lines were cut from found (the same function of each line's text)
        self.content = [bool(t) and reads_as_content(t) for t in texts] if content is None else content
        self.short = [i for i in self.real if len(texts[i]) <= SHORT]
        self.plain = [i for i in self.short if not self.content[i]]
        self._bounds: Bounds | None = None
        self._anchors: frozenset[int] = frozenset()
        self._vocab: dict[int, Counter[str]] = {}
        self.removing: frozenset[int] = frozenset()  # the lines the last ``remove`` call asked to delete
        #: what rules worked out from this view and ask again while the text stays the same (the title's choice)
        self.memo: dict[object, object] = {}

    def after_removal(self, text: str) -> View | None:
        """The view of ``text`` if it is this text without the lines of the last ``remove`` call.

        Rebuilding a view re-reads every line; after a removal the surviving
        lines and what is known about them (whether each reads as content) are
        simply kept.
        """
        gone = self.removing
        if not gone:
            return None
        keep = list(filterfalse(gone.__contains__, range(self.n)))
        texts = list(map(self.texts.__getitem__, keep))
        if not texts or "\n".join(texts) != text:
            return None
        return View(text, texts, self.repaired, self.titled, list(map(self.content.__getitem__, keep)))

    def line(self, i: int) -> Line:
        return Line(i, self.starts[i], self.starts[i] + len(self.texts[i]), self.texts[i])

    def index_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def shape(self, i: int) -> Shape:
        return shape(self.texts[i])

    def grams(self, i: int) -> frozenset[str]:
        return grams(self.texts[i])

    # ------------------------------------------------------------ zones
    @property
    def bounds(self) -> Bounds:
        if self._bounds is None:
            self._bounds = self._find_bounds()
        return self._bounds

    def is_prose(self, i: int) -> bool:
        """Reads as prose (see :func:`prose_line`)."""
        return self.content[i] and prose_line(self.texts[i])

    def is_good(self, i: int) -> bool:
        """A paragraph of prose that anchors the body (see :func:`good_line`)."""
        return self.content[i] and good_line(self.texts[i])

    def _find_bounds(self) -> Bounds:
        """Where the body is.  Without any prose every line is in both zones.

        The first and last good lines bound it (after the repair stage, less
        the foreign ones at either end); a page without a good line falls
        back on any line of prose.  A first line that can be a title
        never counts, so the header lines under a sentence-like title are
        still in the head zone (until the title rule has run: then the title
        is out, and the first line is the body's).  The anchors, on which support is measured,
        are all the lines of prose between the bounds.
        """
        title = None if self.titled else _title_line(self)
        body = [i for i in self.real if i > title.index] if title else self.real
        good = [i for i in body if self.is_good(i)] or [i for i in body if self.is_prose(i)]
        if self.repaired:
            good = self._trim_foreign(good)
        if not good:
            self._anchors = frozenset()
            return Bounds(self.n, -1)
        first, last = good[0], good[-1]
        self._anchors = frozenset(i for i in body if first <= i <= last and self.is_prose(i))
        return Bounds(first, last)

    def _trim_foreign(self, anchors: list[int]) -> list[int]:
        """Drop the first good line when it shares (almost) no word with the other good lines.

        A promotion paragraph above the article is prose too, but about
        something else, and set apart from the article by a block of
        furniture (menus, the title, the byline); the body is where the
        paragraphs share a topic.  Only the first: at the end of the page a
        block of furniture that later rules remove would leave a foreign
        paragraph next to the article on a second run, and decide otherwise
        (the summaries of other stories are ``related_summary``'s).
        """
        if len(anchors) < 3:
            return anchors

        def foreign(i: int, j: int) -> bool:
            """``i`` shares almost nothing with the other anchors and is set apart from ``j``,
            the next anchor inwards, by ``FOREIGN_GAP`` lines with words that are not prose
            (bylines, menus, markers; a subheading or two, a metadata line, a counter do not
            set a paragraph apart)."""
            g = self.grams(i)
            if not g or shared_words(tuple(self.texts[a] for a in anchors)) / len(g) >= FOREIGN_SUPPORT:
                return False
            lo, hi = min(i, j), max(i, j)
            gap = sum(1 for k in self.real if lo < k < hi and not self.content[k] and self.grams(k))
            return gap >= FOREIGN_GAP

        return anchors[1:] if foreign(anchors[0], anchors[1]) else anchors

    @property
    def anchors(self) -> frozenset[int]:
        """The good lines of the body (or, without any, its lines of prose): what support is measured on."""
        _ = self.bounds  # found with the bounds
        return self._anchors

    def is_chrome(self, k: int) -> bool:
        """The ``k``-th real line is site chrome if it stands in the head zone: it may be chrome
        (:meth:`chrome_shaped`), it shares less than ``HEAD_SUPPORT`` of its words with the
        body, and it does not stand right above prose (:meth:`above_prose`)."""
        return self.chrome_shaped(k) and self.support(self.real[k]) < HEAD_SUPPORT and not self.above_prose(k)

    def chrome_shaped(self, k: int) -> bool:
        """The ``k``-th real line is not prose, a subtitle (``——访…``), a numbered heading, a section
        number (01), a piece of a sentence, a table row or the caption above one."""
        real = self.real
        i = real[k]
        s = self.texts[i].strip()
        if self.content[i] or _SUBTITLE.match(s) or _NUMBERED.match(s) or _SECTION.fullmatch(s) \
                or is_table_row(s) or (self.grams(i) and (s.startswith(_CLAUSE_EDGE) or s.endswith(_CLAUSE_EDGE))) \
                or self.wrapped(k):
            return False
        return not any(is_table_row(self.texts[j]) for j in real[k + 1:k + 3])  # not 单位：万元 above a table

    def wrapped(self, k: int) -> bool:
        """The ``k``-th real line is a piece of a paragraph wrapped at a fixed width (text copied out
        of a PDF or a plain-text notice): it and the lines right under it (no blank line between)
        break off mid-sentence, all about as long as the line of prose that ends the run.

        Such a paragraph can open the article above its first full paragraph of prose, so that its
        first pieces stand in the head zone; they are the article's first sentence, not chrome.  A
        headline right above a paragraph is much shorter than the paragraph's line, and a line
        ending like a sentence is prose already.
        """
        real = self.real
        widths = []
        for m in range(k, min(k + WRAP_LINES, len(real))):
            i = real[m]
            if m > k and i != real[m - 1] + 1:
                return False  # a blank line: the run ended before any prose
            n = self.shape(i).n
            widths.append(n)
            if self.content[i]:
                return m > k and min(widths) >= WRAP_SPREAD * max(widths)
            if n < WRAP_LEN or SENTENCE_END.search(self.texts[i]):
                return False
        return False

    def above_prose(self, k: int) -> bool:
        """The ``k``-th real line stands right above a line of prose that is no would-be headline:
        a deck or a generic subheading (核心观点) may stand there."""
        nxt = self.real[k + 1] if k + 1 < len(self.real) else None
        return nxt is not None and self.content[nxt] and not self.shape(nxt).headline \
            and bool(self.grams(self.real[k]))

    # ------------------------------------------------------------ vocabulary
    def vocabulary(self, before: int | None = None) -> Counter[str]:
        """How many anchor lines hold each word (of :func:`grams`); only lines before ``before`` if given."""
        key = self.n if before is None else before
        vocab = self._vocab.get(key)
        if vocab is None:
            vocab = self._vocab[key] = gram_counts(tuple(self.texts[i] for i in sorted(self.anchors) if i < key))
        return vocab

    def support(self, i: int, before: int | None = None) -> float:
        """The share of line ``i``'s words found in the body's good lines (other than ``i``); 0 without words."""
        g = self.grams(i)
        if not g:
            return 0.0
        vocab = self.vocabulary(before)
        own = 1 if (before is None or i < before) and i in self.anchors else 0
        return sum(1 for w in g if vocab[w] > own) / len(g)

    # ------------------------------------------------------------ removal
    def remove(self, indexes: Iterable[int], why: str | Mapping[int, str] = "") -> list[Change]:
        """Changes deleting whole lines with their line break, never two breaks.

        A line followed by a surviving line takes its own trailing break with
        it; a block reaching the end of the text takes the break before it.
        One change per line, so ``strip.<rule>`` counts removed lines.
        ``why`` (one reason, or one per line) goes into the edit records.
        """
        removed = set(indexes)
        self.removing = frozenset(removed)
        if not removed:
            return []
        tail = self.n
        while tail > 0 and tail - 1 in removed:
            tail -= 1
        changes = []
        for i in sorted(removed):
            reason = why if isinstance(why, str) else why.get(i, "")
            start = self.starts[i]
            end = start + len(self.texts[i])
            if i >= tail and tail > 0:
                changes.append(Change(start - 1, end, "", reason))
            elif end < len(self.text):
                changes.append(Change(start, end + 1, "", reason))
            else:
                changes.append(Change(start, end, "", reason))
        return changes


def _view(doc: Document, repaired: bool = False) -> View:
    """The view of the current text (rebuilt when a rule has changed the text).

    ``repaired``: the rule runs after the repair stage and compares
    vocabularies; its zones leave out foreign paragraphs at the body's edges
    (:meth:`View._trim_foreign`).  Rules before the repair stage must not
    compare vocabularies: repair changes them (``Aauto更快电商`` becomes
    ``快手电商``), and a second run on the repaired text would decide otherwise.
    """
    cached = doc.notes.get("strip.view")
    titled = bool(doc.notes.get("strip.titled"))
    if cached is not None and cached.repaired == repaired and cached.titled == titled:
        if cached.text is doc.text:
            return cached  # type: ignore[no-any-return]
        view = cached.after_removal(doc.text) or View(doc.text, repaired=repaired, titled=titled)
    else:
        view = View(doc.text, repaired=repaired, titled=titled)
    doc.notes["strip.view"] = view
    return view


_NUMBERED = NUMBERED_HEADING  # 一、 （二） 3. ①: shared with the extract stage


# ====================================================================== the first line
_TITLE_CLAUSES = re.compile(r"[，,；;、]")
_WORD = re.compile(r"[^\W\d_]")


def _surely_header(line: str) -> bool:
    """A metadata line that cannot be a title: two fields, or a date (``来源：某报 | 2022-03-04``)."""
    found = parse_meta_line(line)
    return bool(found) and (len(found) >= 2 or "published" in found)


@lru_cache(maxsize=LINE_MEMO)
def could_head(line: str) -> bool:
    """``line`` may stand first as the page's headline: it has letters, mostly Han
    characters, at most one sentence mark, and is neither code, a metadata line nor a
    piece of a sentence."""
    t = line.strip()
    return bool(_WORD.search(t)) and shape(t).han >= 0.3 and not _surely_header(t) \
        and not is_code_line(t) and not t.endswith(_CLAUSE_END) and len(TERMINATORS.findall(t)) <= 1


@lru_cache(maxsize=LINE_MEMO)
def title_shaped(line: str) -> bool:
    """``line`` can be a title, not the first paragraph of a page without one: short, one
    sentence mark at most, and a line ending in 。 is one short clause (``快手重新开启联盟之路。``)."""
    s = line.strip()
    n = shown_len(s)
    if n > 80 or len(TERMINATORS.findall(s)) > 1:
        return False
    return not (SENTENCE_END.search(s) and (n > 64 or (s.rstrip("”’」』）)").endswith("。")
                                                       and (n > 40 or _TITLE_CLAUSES.search(s)))))


def _could_head(view: View, i: int) -> bool:
    return could_head(view.texts[i])


_CLAUSE_END = ("，", ",", "、", "；", ";", "：", ":")  # a line ending so goes on below it (a colon: what it introduces)


def _title_line(view: View) -> Line | None:
    """The first line that could head the page, if it can be a title: short, one sentence, not a paragraph.

    Lines that cannot head a page are passed over: header metadata lines
    (header_meta lifts them before the title rule runs; the zones must see
    the same title), lines without letters or mostly in Latin script (a
    counter, an app-store row), code and pieces of sentences; so that the
    choice is the same once later rules have removed them.

    A line ending in 。 that has a clause mark or is long is the first
    paragraph of an article without a title (a title may end in 。, like
    ``快手重新开启联盟之路。``, but is one short clause).
    """
    first = next((i for i in view.real if _could_head(view, i) or view.content[i]), None)
    if first is None or not _could_head(view, first):
        return None  # the page opens with a paragraph
    return view.line(first) if title_shaped(view.texts[first]) else None
