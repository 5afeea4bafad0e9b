"""Stage 2, strip: remove spam and boilerplate, lift metadata into fields.

The rules work on the *structure* of noise (a line of short phrases joined by
separators, a marker line that ends the article, a search query glued into a
sentence, a line repeated across the corpus) plus vocabularies kept in data
files (``spam_lexicon.txt`` and ``spam_lexicon_weak.txt``, ``boilerplate.tsv``,
``meta_fields.tsv``, ``question_words.txt``, ``search_subjects.txt``); what a
single noise line looks like is decided in :mod:`zhextract.stages.boilerplate`.

Whole lines are removed together with their line break, so the text keeps one
line per paragraph.  Content is protected in three ways: a line that reads as
a sentence (:func:`reads_as_content`) is never removed as furniture; rules
tied to a *position* (metadata, tags, bare links, contact details, corpus
repeats) only act in the head zone (before the first paragraph of prose) or
the tail zone (after the last); and a spliced search phrase is cut out of its
sentence only when something confirms it, otherwise it is reported.

Each rule is its own named step, so ``explain`` and the manifest count
removals per rule: ``strip.<rule>`` counts one per removed line or phrase
(a block is removed line by line).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import regex

from zhextract.document import Change, Document
from zhextract.gazetteer import load_gazetteer
from zhextract.opencc_loader import dictionary_dir, has_traditional
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_table
from zhextract.stages.boilerplate import (
    SENTENCE_END,
    TERMINATORS,
    Literals,
    bare,
    boilerplate_pattern,
    boilerplate_source,
    farm_segments,
    is_decoration,
    is_disclaimer,
    is_keyword_line,
    is_link_farm,
    is_notice_body,
    line_start_pattern,
    prefix,
    reads_as_content,
    shown_len,
    spam_lexicon,
    spam_score,
    whole_line,
)
from zhextract.step import Context, steps

STAGE = "strip"

__all__ = [
    "AFTER_REPAIR",
    "STEPS",
    "common_line_threshold",
    "corpus_line_keys",
    "is_search_question",
    "line_key",
    "parse_datetime",
    "parse_meta_line",
    "reads_as_content",
]

_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"'（）()《》【】]")


# ====================================================================== lines
@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, before the "\n"
    text: str


@dataclass(frozen=True)
class Bounds:
    """First and last line of prose; before is the head zone, after the tail zone."""

    first: int
    last: int

    def head(self, i: int) -> bool:
        return i < self.first

    def tail(self, i: int) -> bool:
        return i > self.last

    def edge(self, i: int) -> bool:
        return i < self.first or i > self.last


SHORT = 100  # furniture, markers, captions, metadata: lines of at most this many characters


class View:
    """The current text as lines, built once per text version and shared by the rules.

    Rules look at few lines: the short ones (furniture, markers, captions,
    headings), the ones a whole-text scan points at (spam words, separators,
    line-start labels), or the ones in the head and tail zones.  Looking at
    every line in every rule would cost more than all the rules' work.
    """

    def __init__(self, text: str, texts: list[str] | None = None, content: list[bool] | None = None) -> None:
        self.text = text
        texts = self.texts = text.split("\n") if texts is None else texts
        self.n = len(texts)
        cum = list(accumulate(map(len, texts), initial=0))
        self.starts = [c + i for i, c in enumerate(cum[:-1])]
        #: non-empty lines; whether each line reads as prose; the short ones; the short ones that are not prose
        self.real = [i for i, t in enumerate(texts) if t and not t.isspace()]
        self.content = [bool(t) and reads_as_content(t) for t in texts] if content is None else content
        self.short = [i for i in self.real if len(texts[i]) <= SHORT]
        self.plain = [i for i in self.short if not self.content[i]]
        self._bounds: Bounds | None = None
        self.removing: frozenset[int] = frozenset()  # the lines the last ``remove`` call asked to delete

    def after_removal(self, text: str) -> View | None:
        """The view of ``text`` if it is this text without the lines of the last ``remove`` call.

        Rebuilding a view re-reads every line; after a removal the surviving
        lines and what is known about them are simply kept.
        """
        gone = self.removing
        if not gone:
            return None
        texts = [t for i, t in enumerate(self.texts) if i not in gone]
        if not texts or "\n".join(texts) != text:
            return None
        content = [c for i, c in enumerate(self.content) if i not in gone]
        return View(text, texts, content)

    def line(self, i: int) -> Line:
        return Line(i, self.starts[i], self.starts[i] + len(self.texts[i]), self.texts[i])

    def index_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    @property
    def bounds(self) -> Bounds:
        if self._bounds is None:
            self._bounds = self._find_bounds()
        return self._bounds

    def _is_prose(self, i: int) -> bool:
        t = self.texts[i]
        return (self.content[i] and not is_disclaimer(t)
                and (len(t) > 120 or parse_meta_line(t) is None))

    def _find_bounds(self) -> Bounds:
        """Where the prose is.  Without any prose every line is in both zones.

        A first line that can be a title never counts as prose, so the header
        lines under a sentence-like title are still in the head zone; nor do
        disclaimers and metadata lines.
        """
        title = _title_line(self)
        body = [i for i in self.real if i > title.index] if title else self.real
        first = next((i for i in body if self._is_prose(i)), None)
        if first is None:
            return Bounds(self.n, -1)
        last = next(i for i in reversed(body) if self._is_prose(i))
        return Bounds(first, last)

    def remove(self, indexes: Iterable[int]) -> list[Change]:
        """Changes deleting whole lines with their line break, never two breaks.

        A line followed by a surviving line takes its own trailing break with
        it; a block reaching the end of the text takes the break before it.
        One change per line, so ``strip.<rule>`` counts removed lines.
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
            start = self.starts[i]
            end = start + len(self.texts[i])
            if i >= tail and tail > 0:
                changes.append(Change(start - 1, end, ""))
            elif end < len(self.text):
                changes.append(Change(start, end + 1, ""))
            else:
                changes.append(Change(start, end, ""))
        return changes


def _view(doc: Document) -> View:
    """The view of the current text (rebuilt when a rule has changed the text)."""
    cached = doc.notes.get("strip.view")
    if cached is not None and cached.text is doc.text:
        return cached  # type: ignore[no-any-return]
    view = (cached.after_removal(doc.text) if cached is not None else None) or View(doc.text)
    doc.notes["strip.view"] = view
    return view


# ====================================================================== spam lines
def seo_keyword_line(doc: Document, ctx: Context) -> list[Change]:
    """Lines of adult / gambling / pirate-video / loan keyword phrases, header or footer."""
    view = _view(doc)
    lex = spam_lexicon().pattern
    drop = []
    for i in view.real:
        t = view.texts[i]
        if len(t) < 8 or (view.content[i] and not _has_hard_separator(t)):
            continue  # a paragraph of prose (keyword lines are joined by _ | ｜ 丨)
        if lex.search(t) and is_keyword_line(t):
            drop.append(i)
    return view.remove(drop)


def _has_hard_separator(t: str) -> bool:
    return "_" in t or "|" in t or "｜" in t or "丨" in t


_FARM_SEP = re.compile(r"[|｜丨_][^\n]*[|｜丨_]")


def _separators(line: str) -> int:
    return line.count("|") + line.count("_") + line.count("｜") + line.count("丨")


def link_farm(doc: Document, ctx: Context) -> list[Change]:
    """Huge paragraphs of ``|``/``_``-separated keyword runs, with a marker or not.

    A marker alone on its line (``友情链接：``) takes the list lines under it.
    """
    view = _view(doc)
    marked = {view.index_at(m.start()) for m in line_start_pattern("farm_marker").finditer(doc.text)}
    long = set()
    if _FARM_SEP.search(doc.text):
        long = {i for i, t in enumerate(view.texts) if len(t) >= 60 and _separators(t) >= 7}
    candidates = sorted(marked | long)
    drop: list[int] = []
    for i in candidates:
        s = view.texts[i].strip()
        if i in drop or not is_link_farm(s):
            continue
        drop.append(i)
        m = prefix("farm_marker", s)
        if m and not s[m.end():].strip():
            j = i + 1
            while j < view.n and _is_link_list(view.texts[j]):
                drop.append(j)
                j += 1
    return view.remove(drop)


def _is_link_list(line: str) -> bool:
    s = line.strip()
    if not s or "。" in s or reads_as_content(s):
        return False
    return len(farm_segments(s)) >= 2 or len(s) <= 20


# ====================================================================== end of article
_DATE_ONLY = re.compile(r"[\d\s:：/.\-年月日时分]+")
_LABEL = re.compile(r"^\W{0,2}\w{2,6}[:：]")


def _is_end_marker(line: str) -> bool:
    """A marker line; one that reads as a sentence only in the label form (``更多阅读：<headline>？``)."""
    s = line.strip()
    if not 0 < len(s) <= SHORT or (reads_as_content(s) and not _LABEL.match(s)):
        return False
    return whole_line("end_marker", s)


def _is_list_item(line: str) -> bool:
    """A line of a related-articles list: a headline, a date, furniture."""
    s = line.strip()
    if not s or is_decoration(s) or _DATE_ONLY.fullmatch(s):
        return True
    if len(s) > 80 or s.endswith("。") or "。" in s[:-1]:
        return False
    return not (len(s) >= 60 and reads_as_content(s))


def related_list(doc: Document, ctx: Context) -> list[Change]:
    """A related / recommended / ranking marker ends the article with its list.

    The marker goes wherever it stands; after the first paragraph of prose it
    also takes the headlines under it, up to the first line of prose.  A
    metadata line inside the list (``责任编辑：…``) is left for ``header_meta``.
    """
    view = _view(doc)
    drop: list[int] = []
    upto = -1
    for i in view.short:
        if i <= upto or (view.content[i] and not _LABEL.match(view.texts[i])) or not _is_end_marker(view.texts[i]):
            continue
        drop.append(i)
        upto = i
        if i > view.bounds.first:
            j = i + 1
            while j < view.n and _is_list_item(view.texts[j]):
                if parse_meta_line(view.texts[j]) is None:
                    drop.append(j)
                upto = j
                j += 1
    return view.remove(drop)


def _disclaimer_candidates(view: View) -> set[int]:
    """Lines that open with a disclaimer marker or name the site itself early on."""
    text = view.text
    out = {view.index_at(m.start()) for m in line_start_pattern("disclaimer").finditer(text)}
    self_ref = boilerplate_pattern("disclaimer_self")
    out.update(i for i in view.real if self_ref.search(view.texts[i], 0, 20))
    return out


def disclaimer(doc: Document, ctx: Context) -> list[Change]:
    """Reprint disclaimers, copyright and risk notices (see ``boilerplate.is_disclaimer``).

    A marker alone on its line (``【免责声明】``) takes the notice under it.  When
    only short non-prose lines follow the last notice, they are the site's tail
    and are handed to ``site_tail``.
    """
    view = _view(doc)
    drop: list[int] = []
    for i in sorted(_disclaimer_candidates(view)):
        s = view.texts[i].strip()
        if not s:
            continue
        if is_disclaimer(s, inside=not view.bounds.edge(i)):
            drop.append(i)
        elif len(s) <= 12 and (m := prefix("disclaimer", s)) and not bare(s[m.end():]):
            nxt = view.texts[i + 1] if i + 1 < view.n else ""
            if nxt and is_notice_body(nxt):
                drop.extend((i, i + 1))
    if drop:
        after = view.texts[max(drop) + 1:]
        tail = [t for t in after if t.strip()]
        if tail and all(len(t) <= 40 and not reads_as_content(t) and "。" not in t for t in tail):
            doc.notes["strip.site_tail"] = tuple(after)
    return view.remove(drop)


def site_tail(doc: Document, ctx: Context) -> list[Change]:
    """Short non-prose lines after a closing disclaimer: the site's own tail.

    (``10秒快速发布需求`` / ``让专家来找您`` under a reprint notice.)  Metadata
    lines among them are left for ``header_meta``.
    """
    tail = doc.notes.pop("strip.site_tail", None)
    view = _view(doc)
    if not tail or len(tail) > view.n:
        return []
    first = view.n - len(tail)
    if tuple(view.texts[first:]) != tail:
        return []
    return view.remove(i for i in range(first, view.n)
                       if view.texts[i].strip() and parse_meta_line(view.texts[i]) is None)


def contact(doc: Document, ctx: Context) -> list[Change]:
    """Contact and business blocks: the marker line and the detail lines under it.

    Detail lines (``电话：…``, an e-mail address) alone count only in the tail zone.
    """
    view = _view(doc)
    drop: list[int] = []
    for i in view.short:
        s = view.texts[i].strip()
        if i in drop or (view.content[i] and len(s) > 30):
            continue
        if len(s) <= 90 and whole_line("contact", s):
            drop.append(i)
            for j in range(i + 1, view.n):
                t = view.texts[j].strip()
                if not t or len(t) > 80 or not (whole_line("contact_detail", t) or whole_line("url", t)):
                    break
                drop.append(j)
        elif len(s) <= 80 and view.bounds.tail(i) and whole_line("contact_detail", s):
            drop.append(i)
    return view.remove(drop)


def furniture(doc: Document, ctx: Context) -> list[Change]:
    """Lone share / comment / navigation / follow-us lines, wherever they stand.

    Also decoration-only lines (``▼▼▼``) and links: a labelled link
    (``本文链接：…``) anywhere, a bare URL in the head or tail zone, a bare
    counter (``0``, ``1.2万``) next to other furniture.
    """
    view = _view(doc)
    drop = []
    for i in view.short:
        s = view.texts[i].strip()
        if _URLISH.search(s) and whole_line("url", s):
            if view.bounds.edge(i) or not s.lower().startswith(("http", "www")):
                drop.append(i)
        elif not view.content[i] and len(s) <= 60 and (is_decoration(s) or whole_line("furniture", s)):
            drop.append(i)
    # A like / comment counter (0, 1.2万) between share buttons goes with them.
    removed = set(drop)
    real = view.real
    for k, i in enumerate(real):
        if _COUNT_ONLY.fullmatch(view.texts[i].strip()) and (
                (k > 0 and real[k - 1] in removed) or (k + 1 < len(real) and real[k + 1] in removed)):
            drop.append(i)
    return view.remove(drop)


_COUNT_ONLY = re.compile(r"\d{1,7}(?:\.\d)?[万wk]?\+?")
_URLISH = re.compile(r"https?://|www\.|链接|地址")
_PARENTHESISED = re.compile(r"[（(【\[].*[)）】\]]")


def caption(doc: Document, ctx: Context) -> list[Change]:
    """Image captions and credits alone on their line: ``（资料图片）`` ``（截自…）`` ``图/视觉中国``.

    A data-source credit (``（数据来源：…）``, ``（36氪研究院；招股书）``) is content and stays.
    """
    view = _view(doc)
    drop = []
    for i in view.short:
        s = view.texts[i].strip()
        if len(s) > 70 or (view.content[i] and not _PARENTHESISED.fullmatch(s)):
            continue
        if whole_line("caption", s):
            drop.append(i)
    return view.remove(drop)


_TAG_SPLIT = re.compile(r"[\s,，、;；|｜丨/]+")


def tags(doc: Document, ctx: Context) -> list[Change]:
    """``标签：…`` / ``关键词：…`` lines go; their words become ``meta.keywords``.

    In the middle of the article a single-word line (``关键词：直播电商``) may be a
    section heading, so there the line needs two words or more.
    """
    view = _view(doc)
    drop = []
    for i in sorted({view.index_at(m.start()) for m in line_start_pattern("tags").finditer(doc.text)}):
        s = view.texts[i].strip()
        m = prefix("tags", s)
        if not m or len(s) > 150 or TERMINATORS.search(s[:-1]):
            continue
        words = [w.strip("#＃[]【】") for w in _TAG_SPLIT.split(s[m.end():].strip().rstrip("。"))]
        words = [w for w in words if w]
        if not words or any(len(w) > 16 for w in words):
            continue
        if not view.bounds.edge(i) and len(words) < 2:
            continue
        keywords = doc.meta.setdefault("keywords", [])
        keywords.extend(w for w in words if w not in keywords)
        drop.append(i)
    return view.remove(drop)


# ====================================================================== metadata
_DATETIME = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:星期|周|礼拜)[一二三四五六日天])?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?(?:\s*秒)?)?"
    r"(?:\s*(?:[+-]\d{2}:?\d{2}|Z))?"
)


def parse_datetime(s: str) -> str | None:
    """The first date(-time) in ``s`` as ISO 8601 (``2022-03-04T10:20``), or None."""
    m = _DATETIME.search(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1990 <= y <= 2099 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group(4):
        h, mi = int(m.group(4)), int(m.group(5))
        if h < 24 and mi < 60:
            out += f"T{h:02d}:{mi:02d}"
            if m.group(6) and int(m.group(6)) < 60:
                out += f":{int(m.group(6)):02d}"
    return out


@lru_cache(maxsize=1)
def _meta_vocab() -> tuple[regex.Pattern[str], dict[str, str]]:
    label_field: dict[str, str] = {}
    for row in read_table("meta_fields.tsv", 2):
        for label in row.items(1):
            label_field[label] = row[0]
    long = sorted((x for x in label_field if len(x) > 1), key=len, reverse=True)
    short = sorted(x for x in label_field if len(x) == 1)
    alt_long = "|".join(regex.escape(x) for x in long)
    alt_short = "|".join(regex.escape(x) for x in short) or r"(?!x)x"
    # One-character labels (文 图 摄) only at the start or after a separator.
    # A label stands before a separator or a year; between spaces it needs none
    # (来源：中国证券报 记者 王明: the normalize stage keeps spaces between words there).
    pattern = compile_pattern(
        rf"(?:(?P<label>{alt_long})|(?<=^|[\s|｜丨/（(【\[，,；;】)）])(?P<label>{alt_short}))"
        r"(?:\s*[:：|｜丨/]\s*|\s*(?=(?:19|20)\d\d))"
        rf"|(?<=\s)(?P<label>{alt_long})\s+(?=[\u4e00-\u9fff])"
    )
    return pattern, label_field


_SEPS = " \t|｜丨/·，,;；。.、"
_EDITOR_CODE = re.compile(r"[\s_]*[A-Za-z]{1,4}\d{2,6}$")
_BAD_VALUE = re.compile(r"[，。！？!?；;：:“”\"《》]")
_COUNTER_VALUE = re.compile(r"[\d.,，\s万千wWkK+次人条（）()大中小]*")
_WRAPPED = re.compile(r"^[（(【\[](.*)[）)】\]]$")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")


@lru_cache(maxsize=1)
def _reporter() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A byline without a colon (本报记者张三 李四), from the ``reporter_title`` and ``name_breaker`` kinds:
    the byline, what may not be in its names, and what separates the names (spaces, 、, a title: 实习生)."""
    title = boilerplate_source("reporter_title")
    byline = re.compile(
        rf"(?P<src>[\u4e00-\u9fffA-Za-z0-9]{{0,10}}?)\s?(?:{title})\s?"
        rf"(?P<names>[\u4e00-\u9fff·]{{2,4}}?(?:[、\s]*(?:(?:{title})\s?)?[\u4e00-\u9fff·]{{2,4}}?){{0,3}}?)"
        r"\s?(?:报道|发自[\u4e00-\u9fff]{2,6}|摄影?)?"
    )
    return byline, re.compile(boilerplate_source("name_breaker")), re.compile(rf"[、\s]+|{title}")


def _value_ok(field: str, value: str) -> bool:
    if field == "original_title":
        return 0 < len(value) <= 80
    if _BAD_VALUE.search(value):
        return False
    limit = 20 if field in ("author", "editor", "credit") else 30
    return len(value) <= limit


def parse_meta_line(line: str) -> dict[str, str] | None:
    """Label/value pairs of a header or footer line, or None if it is not one.

    ``来源：新榜 | 2022-03-04 10:20`` gives source and published;
    ``出品| 电商头条作者| 李松月`` gives source and author; a date-time alone
    gives published; ``澎湃新闻记者 张三`` gives author (and source).  Every
    value must look like a value, so ``记者：您怎么看？`` is not metadata.
    Staff credits (``校对：…``) and page counters (``浏览：123``) come back as
    ``credit`` / ``counter`` so the line is known as metadata; they are not kept.
    """
    s = line.strip()
    w = _WRAPPED.match(s)
    if w:
        s = w.group(1).strip()
    if not s or len(s) > 120:
        return None
    pattern, label_field = _meta_vocab()
    matches = list(pattern.finditer(s))
    dt = parse_datetime(s)
    if not matches:
        rest = _WEEKDAY.sub("", _DATETIME.sub("", s)).strip(_SEPS)
        if dt and not rest:
            return {"published": dt}
        if dt and is_site_name(rest):  # "2024年04月15日 21:30 新浪财经"
            return {"published": dt, "source": rest}
        return _reporter_line(s)
    head = s[:matches[0].start()].strip(_SEPS)
    if head and not (dt and not _WEEKDAY.sub("", _DATETIME.sub("", head)).strip(_SEPS)):
        return None
    out: dict[str, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        value = s[m.end():end].strip(_SEPS)
        field = label_field[m.group("label")]
        if field == "published":
            when = parse_datetime(value)
            if not when:
                return None
            out.setdefault("published", when)
            continue
        if field == "counter":
            if not _COUNTER_VALUE.fullmatch(value):
                return None
            out.setdefault("counter", value)
            continue
        when = parse_datetime(value)
        if when:
            out.setdefault("published", when)
            value = _WEEKDAY.sub("", _DATETIME.sub("", value)).strip(_SEPS)
        value = boilerplate_pattern("account_note").sub("", value).strip(_SEPS)
        if field == "editor":
            value = _EDITOR_CODE.sub("", value).strip(_SEPS)
        if not _value_ok(field, value):
            return None
        if value:
            out.setdefault(field, value)
    if dt and "published" not in out:
        out["published"] = dt
    if s.endswith(("。", "！", "？")) and set(out) <= {"author", "editor", "credit"}:
        return None  # "记者：谢谢。" is a line of an interview
    return out or None


def _reporter_line(s: str) -> dict[str, str] | None:
    """``澎湃新闻记者 张三`` / ``本报记者 张三 李四`` (author 张三、李四): the byline without a colon."""
    byline, breaker, between = _reporter()
    m = byline.fullmatch(" ".join(s.split()))
    if not m or breaker.search(m.group("names")):
        return None
    out = {"author": "、".join(n for n in between.split(m.group("names")) if n)}
    src = m.group("src")
    if src and not src.startswith("本"):
        out["source"] = src
    return out


_META_FIELDS = ("source", "author", "editor", "published", "original_title")


def header_meta(doc: Document, ctx: Context) -> list[Change]:
    """Lift source / author / editor / published lines into ``meta``.

    Looked for in the head zone (before the first paragraph of prose) and in
    the tail zone (after the last).  The first line is taken as metadata when
    it holds two fields or a date, or when a title follows it.  The head zone
    has no line limit: with one, lines removed above a metadata line would
    bring it under the limit on a second pass (not idempotent).
    """
    view = _view(doc)
    bounds = view.bounds
    drop = []
    for i in view.real:
        if not (bounds.head(i) or bounds.tail(i)):
            continue
        found = parse_meta_line(view.texts[i])
        if not found:
            continue
        if i == view.real[0] and len(found) < 2 and "published" not in found \
                and (len(view.real) < 2 or view.content[view.real[1]]):
            continue  # one label on the first line, prose under it: a title like "编辑：一个被低估的职业"
        for key, value in found.items():
            if key in _META_FIELDS:
                doc.meta.setdefault(key, value)
        drop.append(i)
    return view.remove(drop)


@lru_cache(maxsize=8)
def _media_names(user: tuple[str, ...]) -> frozenset[str]:
    g = load_gazetteer(user)
    out: set[str] = set()
    for e in g.entities.values():
        if e.type == "media":
            out.update((e.name, *e.aliases, *e.english))
    return frozenset(out)


def is_site_name(s: str, ctx: Context | None = None) -> bool:
    """An outlet's name: a media entity of the gazetteer or a ``site_name`` pattern."""
    s = s.strip()
    if not s or len(s) > 16:
        return False
    user = ctx.options.gazetteers if ctx else ()
    return s in _media_names(user) or whole_line("site_name", s)


def site_name(doc: Document, ctx: Context) -> list[Change]:
    """A site name alone on the first line, above the title, becomes ``meta.source``."""
    view = _view(doc)
    if len(view.real) < 2:
        return []
    first, nxt = (view.texts[i].strip() for i in view.real[:2])
    if not is_site_name(first, ctx) or reads_as_content(nxt):
        return []
    doc.meta.setdefault("source", bare(first) or first)
    return view.remove([view.real[0]])


# ====================================================================== corpus level
@lru_cache(maxsize=1)
def _t2s_chars() -> dict[int, str]:
    """OpenCC's character table (first candidate), for keys that survive t2s."""
    table: dict[int, str] = {}
    with open(dictionary_dir() / "TSCharacters.txt", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            first = value.split(" ")[0]
            if len(key) == 1 and first and first != key:
                table[ord(key)] = first
    return table


_KEY_NOISE = re.compile(
    r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});"  # HTML entities
    r"|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)"  # inline pinyin notes, (GMV)
    r"|[\W_]+",  # everything but letters and digits of any script
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_STORY_MARKS = re.compile(r"[，,。；;！？!?]")


def line_key(line: str, traditional: bool = True) -> str:
    """A line's identity across the corpus, the same before and after normalize.

    Full-width forms folded (NFKC), HTML entities, parenthesised Latin (pinyin
    notes) and everything but letters and digits dropped, Traditional
    characters mapped to Simplified, case folded and digit runs made ``0`` (so
    ``12条评论`` and ``3条评论`` are one line).  ``traditional=False`` skips the
    character mapping, for the lines of a file without Traditional characters
    (decided once per file by :func:`_file_is_traditional`, on both passes).
    """
    s = line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
    s = _KEY_NOISE.sub("", s).lower()
    if traditional:
        s = s.translate(_t2s_chars())
    return _DIGITS.sub("0", s)


_SHORT_KEY = (4, 80)


def _file_is_traditional(raw: str) -> bool:
    return has_traditional(raw)


def _story_fingerprints(lines: list[str], traditional: bool = True) -> list[str]:
    """The first three long prose lines: what a reprint of the same story shares."""
    out = []
    for line in lines:
        if len(line) >= 40 and len(_STORY_MARKS.findall(line)) >= 2:
            key = line_key(line, traditional)
            if len(key) >= 40:
                out.append(key[:40])
                if len(out) == 3:
                    break
    return out


def _pair_key(key: str, story: str) -> str:
    return "⊕" + hashlib.blake2b(f"{key}\0{story}".encode(), digest_size=8).hexdigest()


def corpus_line_keys(raw_text: str) -> set[str]:
    """The keys of one article for the build's first pass (count them across files).

    Two kinds of key: ``line_key`` of every short line (4 to 80 letters), and
    for each of those a *pair key* tying it to the article's story (a hash of
    the line and one of the first long prose lines).  A line that repeats
    with different stories is site boilerplate; a line that repeats *with the
    same story* belongs to a reprinted article and is kept.  Give the build's
    ``ctx.corpus.common_lines`` every key seen in at least
    :func:`common_line_threshold` files.
    """
    lines = raw_text.splitlines()
    trad = _file_is_traditional(raw_text)
    stories = _story_fingerprints(lines, trad)
    keys: set[str] = set()
    for line in lines:
        if len(line) > 2 * _SHORT_KEY[1] or len(line) < _SHORT_KEY[0]:
            continue  # too long or too short to give a short key
        key = line_key(line, trad)
        if _SHORT_KEY[0] <= len(key) <= _SHORT_KEY[1]:
            keys.add(key)
            keys.update(_pair_key(key, s) for s in stories)
    return keys


def common_line_threshold(n_files: int) -> int:
    """How many files a key must be seen in to count as common (recommended).

    Three files at least: two articles may share a line by chance, a site's
    template repeats in all its pages.  In large corpora one file in a
    thousand, so that short generic lines shared by unrelated sites do not
    become boilerplate (reprints are handled by pair keys, not by this).
    """
    return max(3, math.ceil(n_files / 1000))


_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）])"
)


def corpus_boilerplate(doc: Document, ctx: Context) -> list[Change]:
    """Lines seen in several articles of the corpus with *different* stories.

    Kept: lines of a reprinted story (their pair key is common too), lines
    that end like a sentence, metadata lines, and the title.  In the middle of
    the article (prose before and after) a line also needs 6+ letters and must
    not be a numbered heading, so a shared heading like ``写在最后`` stays.
    """
    common = ctx.corpus.common_lines
    if not common:
        return []
    view = _view(doc)
    real = view.real
    trad = _file_is_traditional(doc.raw)
    stories = _story_fingerprints(doc.raw.splitlines(), trad)
    title_index = real[0] if len(real) > 1 and reads_as_content(view.texts[real[1]]) else -1
    drop = []
    for i in real:
        s = view.texts[i].strip()
        if len(s) > 2 * _SHORT_KEY[1]:
            continue
        key = line_key(s, trad)
        if not (_SHORT_KEY[0] <= len(key) <= _SHORT_KEY[1]) or key not in common:
            continue
        if any(_pair_key(key, st) in common for st in stories):
            continue
        if i == title_index or reads_as_content(s) or (len(s) >= 8 and SENTENCE_END.search(s)):
            continue
        if parse_meta_line(s) is not None:
            continue
        if not view.bounds.edge(i) and (len(key) < 6 or _NUMBERED.match(s)):
            continue
        drop.append(i)
    return view.remove(drop)


# ====================================================================== title
_TITLE_CLAUSES = re.compile(r"[，,；;、]")
_WORD = re.compile(r"[^\W_]")


def _surely_header(line: str) -> bool:
    """A metadata line that cannot be a title: two fields, or a date (``来源：某报 | 2022-03-04``)."""
    found = parse_meta_line(line)
    return bool(found) and (len(found) >= 2 or "published" in found)


def _title_line(view: View) -> Line | None:
    """The first line with a letter or digit, if it can be a title: short, one sentence, not a paragraph.

    Header metadata lines above the title are passed over (header_meta lifts
    them before the title rule runs; the zones must see the same title).

    A line ending in 。 that has a clause mark or is long is the first
    paragraph of an article without a title (a title may end in 。, like
    ``快手重新开启联盟之路。``, but is one short clause).
    """
    first = next((i for i in view.real if _WORD.search(view.texts[i]) and not _surely_header(view.texts[i])), None)
    if first is None:
        return None
    s = view.texts[first].strip()
    n = shown_len(s)
    if n > 80 or len(TERMINATORS.findall(s)) > 1:
        return None
    if SENTENCE_END.search(s) and (n > 64 or (s.rstrip("”’」』）)").endswith("。")
                                              and (n > 40 or _TITLE_CLAUSES.search(s)))):
        return None
    return view.line(first)


@lru_cache(maxsize=8)
def _subject_patterns(user: tuple[str, ...]) -> tuple[Literals, Literals]:
    """Search subjects: platform / app names, and the other generic features (``search_subjects.txt``)."""
    g = load_gazetteer(user)
    names: set[str] = set()
    features: set[str] = set()
    for entry in read_list("search_subjects.txt"):
        word, _, kind = entry.partition("\t")
        (features if kind.strip() == "feature" else names).add(word.strip())
    for e in g.entities.values():
        names.update((e.name, *e.aliases, *e.english, *e.mistranslations))
    return Literals(names), Literals(features - names)


def _first_subject(s: str, ctx: Context | None) -> str | None:
    """The platform (or feature) a query asks about: the first two characters of its first subject.

    Two characters, so that 快手小店 and 快手 (or Kwai and Kwai Shop) count as one platform.
    """
    names, features = _subject_patterns(ctx.options.gazetteers if ctx else ())
    m = names.search(s) or features.search(s)
    if not m:
        return None
    word = m.group()
    return word.split(" ")[0] if word.isascii() else word[:2]


def _subject_start(s: str, ctx: Context | None) -> list[int]:
    """Where a query may start: platform names first, then generic features."""
    names, features = _subject_patterns(ctx.options.gazetteers if ctx else ())
    low = Literals.lower(s)
    starts = [m.start() for m in names.finditer(s, low)]
    return starts + [m.start() for m in features.finditer(s, low) if m.start() not in starts]


@lru_cache(maxsize=1)
def _question_vocab() -> tuple[Literals, tuple[str, ...], tuple[str, ...]]:
    """(question words, question particles, words that end in a particle without asking)."""
    words, finals, not_finals = [], [], []
    for w in read_list("question_words.txt"):
        if w.startswith("!"):
            not_finals.append(w[1:])
        else:
            (finals if w.endswith("$") else words).append(w.rstrip("$"))
    return Literals(words), tuple(finals), tuple(not_finals)


def _ends_with_particle(s: str) -> bool:
    """Ends with 吗 / 么 / 呢 as a question particle (not 什么, 这么)."""
    _, finals, not_finals = _question_vocab()
    return s.endswith(finals) and not s.endswith(not_finals)


def _asks(tail: str) -> bool:
    """The phrase asks something: a question word, or a question particle at its end."""
    return bool(_question_vocab()[0].search(tail)) or _ends_with_particle(tail)


def is_search_question(s: str, ctx: Context | None = None) -> bool:
    """A search-box query: a platform or product name, then a question, no punctuation.

    ``抖音怎么开通橱窗``, ``小红书开店需要多少保证金``, ``闲鱼卖货靠谱吗``.
    """
    s = s.strip()
    if not (4 <= len(s) <= 40) or _PUNCT.search(s) or " " in s:
        return False
    starts = _subject_start(s, ctx)
    return bool(starts) and _asks(s[min(starts):])


_TITLE_PARTS = re.compile(
    r"^(?P<a>[^()（）【】\[\]]{4,80}?)\s*[(（【\[](?P<b>[^()（）【】\[\]]{4,120})[)）】\]]$"
)


def seo_title_question(doc: Document, ctx: Context) -> list[Change]:
    """``<search question>(<real title>)`` on the title line: keep the title only.

    The reverse, ``<real title>(<search question>)``, loses the bracket.  The
    question is kept in ``doc.notes`` so ``seo_phrase`` can recognise it in the body.
    """
    ln = _title_line(_view(doc))
    if ln is None:
        return []
    s = ln.text.strip()
    m = _TITLE_PARTS.match(s)
    if not m:
        return []
    a, b = m.group("a").strip(), m.group("b").strip()
    offset = ln.start + (len(ln.text) - len(ln.text.lstrip()))
    if is_search_question(a, ctx) and not is_search_question(b, ctx) and len(b) >= 6 \
            and not whole_line("title_annotation", b):
        doc.notes["strip.title_question"] = a
        return [Change(offset, offset + m.start("b"), ""), Change(offset + m.end("b"), offset + m.end(), "")]
    if is_search_question(b, ctx) and not is_search_question(a, ctx) and len(a) >= 6:
        doc.notes["strip.title_question"] = b
        return [Change(offset + m.end("a"), offset + m.end(), "")]
    return []


_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜丨]|\s[-–—]\s|[-–—])\s*(?P<site>[^_|｜丨\-–—]{2,16})$")


def title(doc: Document, ctx: Context) -> list[Change]:
    """The first real line is the title: lift it into ``title``.

    A column prefix (``环球简讯：``, ``【天天播资讯】``) and a site suffix
    (``_网易新闻``, `` - 36氪``) are left out; the site becomes ``meta.source``.
    Two stacked prefixes (``当前观察：格林美业绩快报：…``) are both kept: the
    second may be the headline's own topic, and cutting one per pass would
    not be idempotent.
    """
    view = _view(doc)
    ln = _title_line(view)
    if ln is None:
        return []
    s = ln.text.strip()
    m = prefix("column", s)
    if m and len(s) - m.end() >= 6 and not prefix("column", s[m.end():].strip()) and _is_column(m, ctx):
        doc.stats["strip.title.column_prefix"] += 1
        s = s[m.end():].strip()
    sfx = _TITLE_SUFFIX.search(s)
    if sfx and len(s) - len(sfx.group()) >= 6 and is_site_name(sfx.group("site"), ctx):
        doc.stats["strip.title.site_suffix"] += 1
        doc.meta.setdefault("source", sfx.group("site").strip())
        s = s[:sfx.start()].strip()
    doc.title = s.rstrip("。")
    return view.remove([ln.index])


def _is_column(m: re.Match[str] | regex.Match[str], ctx: Context) -> bool:
    """A column prefix opens with nothing, generic words or a site's name (环球简讯, 36氪快讯),
    not with the headline's subject (英伟达财报点评：, 比亚迪快报：)."""
    mod = (m.groupdict().get("mod") or "").strip()
    return not mod or whole_line("column_modifier", mod) or is_site_name(mod, ctx)


# ====================================================================== spliced SEO phrases
_RUN = re.compile(r"[^\n，。！？；：、,.!?;:“”\"'‘’（）()《》【】\s]+")
_QUESTION_AFTER = re.compile(r"\s*[？?]")


def _query_in_run(run: str, ctx: Context) -> int | None:
    """Where a search query starts inside a punctuation-free run, if one ends it.

    The query runs from a platform / product name to the end of the run (the
    sentence's own punctuation follows a pasted query) and asks something.
    """
    if len(run) < 5 or not _asks(run):
        return None
    for start in _subject_start(run[-24:], ctx):
        start += max(0, len(run) - 24)
        tail = run[start:]
        if 5 <= len(tail) <= 24 and _asks(tail):
            return start
    return None


def _echoes(phrase: str, question: str) -> bool:
    """The phrase repeats the title's search question (or a long start of it)."""
    if not question:
        return False
    if phrase in question or question in phrase:
        return True
    common = 0
    for x, y in zip(phrase, question):
        if x != y:
            break
        common += 1
    return common >= 5


@dataclass
class _Splice:
    start: int
    end: int
    glued: bool  # a word of the sentence stands right before it


def seo_phrase(doc: Document, ctx: Context) -> list[Change]:
    """Search queries dropped in as their own line or pasted into a sentence.

    Only the query goes, the sentence stays.  A query is removed when it is
    confirmed: it echoes the title's search question, it stands alone on a
    line elsewhere, or it is pasted more than once with at least one paste
    glued to the word before it.  A query alone on its line also goes when it
    repeats or when it asks about the same platform as the document's
    confirmed SEO questions.  What is left unconfirmed and ends in a question
    particle is reported.
    """
    text = doc.text
    tq = doc.notes.get("strip.title_question", "")
    view = _view(doc)
    runs = _question_runs(view)
    lone: dict[int, str] = {}
    for i in sorted({i for i, _, _ in runs}):
        s = view.texts[i].strip()
        if len(s) <= 30 and not view.content[i] and is_search_question(s, ctx):
            lone[i] = s
    spliced: dict[str, list[_Splice]] = {}
    for i, a, b in runs:
        if i in lone:
            continue
        line = view.texts[i]
        at = _query_in_run(line[a:b], ctx)
        if at is None:
            continue
        s0, s1 = a + at, b
        if _QUESTION_AFTER.match(line, s1):
            continue  # a question asked in prose, with its question mark
        if s0 == 0 and s1 == len(line):
            continue
        start = view.starts[i]
        spliced.setdefault(line[s0:s1], []).append(_Splice(start + s0, start + s1, at > 0))
    lone_texts = set(lone.values())
    confirmed = {p for p, spans in spliced.items()
                 if _echoes(p, tq) or p in lone_texts or (len(spans) > 1 and any(x.glued for x in spans))}
    # A query line about the same platform as the document's confirmed SEO
    # questions is one more of them; a question-like heading about something
    # else ("<其他平台>如何破局") stays.
    seo_subjects = {_first_subject(q, ctx) for q in (tq, *confirmed) if q} - {None}
    changes: list[Change] = []
    line_drop = []
    for i, s in lone.items():
        if _echoes(s, tq) or text.count(s) > 1 or s in confirmed or _first_subject(s, ctx) in seo_subjects:
            line_drop.append(i)
        elif _ends_with_particle(s):
            doc.warnings.append(f"possible search phrase line kept: {s}")
    changes.extend(view.remove(line_drop))
    for phrase, spans in spliced.items():
        if phrase in confirmed:
            changes.extend(Change(x.start, x.end, "") for x in spans)
        elif _ends_with_particle(phrase) and any(x.glued for x in spans):
            doc.warnings.append(f"possible spliced search phrase kept: {phrase}")
    changes.sort(key=lambda c: c.start)
    return changes


_CUT = re.compile(r"[^\w]|_")


def _question_runs(view: View) -> list[tuple[int, int, int]]:
    """Punctuation-free runs holding a question word or ending in a particle: ``(line, start, end)``.

    Found from a whole-text scan for the question words, so lines without
    one cost nothing.
    """
    words = _question_vocab()[0]
    text = view.text
    hits = [m.start() for m in words.finditer(text)]
    hits += [m.start() for m in _particle_end().finditer(text)]
    cuts_of: dict[int, list[int]] = {}
    out: set[tuple[int, int, int]] = set()
    for pos in hits:
        i = view.index_at(pos)
        line = view.texts[i]
        cuts = cuts_of.get(i)
        if cuts is None:
            cuts = cuts_of[i] = [m.start() for m in _CUT.finditer(line)]
        k = bisect_right(cuts, pos - view.starts[i])
        a = cuts[k - 1] + 1 if k else 0
        b = cuts[k] if k < len(cuts) else len(line)
        if b > a:
            out.add((i, a, b))
    return sorted(out)


@lru_cache(maxsize=1)
def _particle_end() -> re.Pattern[str]:
    finals = _question_vocab()[1]
    return re.compile("(?:" + "|".join(re.escape(f) for f in finals) + r")(?!\w)") if finals else re.compile("(?!x)x")


# ====================================================================== injected headlines
_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
_HEADLINE_MARKS = re.compile(r"[！!|｜丨]")


def injected_headline(doc: Document, ctx: Context) -> list[Change]:
    """Short lines on another topic between paragraphs.

    A line of 8-40 characters without closing punctuation, standing between
    two paragraphs of prose, sharing (almost) no two-character word with the
    rest of the article, is a headline injected by the site.  Removed when
    it also has a headline's form (a column prefix, ``！`` or ``|`` inside,
    strong spam words) and shares nothing; otherwise only reported.
    """
    view = _view(doc)
    real = view.real
    if len(real) < 5:
        return []
    text = doc.text
    drop = []
    for run in _headline_runs(view):
        for i in run:
            s = view.texts[i].strip()
            grams = set(_BIGRAM.findall(s))
            if len(grams) < 5:
                continue
            ln = view.line(i)
            shared = _shared_share(text, ln.start, ln.end, grams)
            if shared >= 0.1 or parse_meta_line(s) is not None:
                continue
            shaped = bool(prefix("column", s) or _HEADLINE_MARKS.search(s) or spam_score(s).strong)
            if shared == 0 and shaped:
                drop.append(i)
            else:
                doc.warnings.append(f"possible injected headline kept: {s}")
    return view.remove(drop)


def _headline_candidate(view: View, i: int) -> bool:
    s = view.texts[i].strip()
    return not view.content[i] and 8 <= len(s) <= 40 and not SENTENCE_END.search(s) and not _NUMBERED.match(s)


def _headline_runs(view: View) -> list[list[int]]:
    """Runs of consecutive headline-like lines with prose right before and right after."""
    real = view.real
    runs: list[list[int]] = []
    k = 1
    while k < len(real) - 1:
        if not _headline_candidate(view, real[k]):
            k += 1
            continue
        j = k
        while j < len(real) - 1 and _headline_candidate(view, real[j]):
            j += 1
        if view.content[real[k - 1]] and view.content[real[j]]:
            runs.append(real[k:j])
        k = j + 1
    return runs


def _shared_share(text: str, start: int, end: int, grams: set[str]) -> float:
    """The share of ``grams`` found in ``text`` outside ``[start, end)``; stops at 10%."""
    enough = 0.1 * len(grams)
    shared = 0
    for g in grams:
        p = text.find(g)
        while start <= p < end:
            p = text.find(g, p + 1)
        if p >= 0:
            shared += 1
            if shared >= enough:
                break
    return shared / len(grams)


STEPS = steps(
    STAGE,
    link_farm,
    seo_keyword_line,
    related_list,
    disclaimer,
    site_tail,
    contact,
    furniture,
    caption,
    tags,
    header_meta,
    site_name,
    corpus_boilerplate,
    seo_title_question,
    title,
    seo_phrase,
)

# Rules that compare the article's vocabulary run after the repair stage:
# a garbled name (Aauto快消) shares words (快消) the restored name does not.
AFTER_REPAIR = steps(STAGE, injected_headline)
