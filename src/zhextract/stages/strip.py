"""Stage 2, strip: remove spam and boilerplate, lift metadata into fields.

The rules work on the *structure* of noise (a line of short phrases joined by
separators, a marker line that ends the article, a search query glued into a
sentence) plus vocabularies kept in data files (``spam_lexicon.txt``,
``boilerplate.tsv``, ``meta_fields.tsv``, ``question_words.txt``).  Whole
lines are removed together with their line break, so the text keeps one line
per paragraph.  No rule removes a line that reads as a content sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from zhextract.document import Change, Document
from zhextract.gazetteer import load_gazetteer
from zhextract.resources import read_list, read_table
from zhextract.stages.boilerplate import boilerplate_pattern
from zhextract.step import Context, steps

STAGE = "strip"

TERMINATORS = "。！？!?"
_SENTENCE_END = regex.compile(r"[。！？!?][”’」』）)]*$")
_PUNCT = regex.compile(r"[，。！？；：、,.!?;:“”\"'（）()《》【】]")


@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, before the "\n"
    text: str


def split_lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for i, part in enumerate(text.split("\n")):
        out.append(Line(i, pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def remove_lines(text: str, lines: list[Line], indexes: Iterable[int]) -> list[Change]:
    """Changes deleting whole lines with their line break, never two breaks.

    A line followed by a surviving line takes its own trailing break with it;
    a block reaching the end of the text takes the break before it instead.
    """
    removed = set(indexes)
    if not removed:
        return []
    tail = len(lines)
    while tail > 0 and tail - 1 in removed:
        tail -= 1
    changes = []
    for i in sorted(removed):
        ln = lines[i]
        if i >= tail and tail > 0:
            changes.append(Change(ln.start - 1, ln.end, ""))
        elif ln.end < len(text):
            changes.append(Change(ln.start, ln.end + 1, ""))
        else:
            changes.append(Change(ln.start, ln.end, ""))
    return changes


def reads_as_content(line: str) -> bool:
    """A sentence of prose: long enough and ending like a sentence, or several clauses."""
    s = line.strip()
    if len(s) >= 12 and _SENTENCE_END.search(s):
        return True
    return s.count("，") + s.count(",") >= 2 and len(s) >= 30


# ------------------------------------------------------------ vocabularies
def _kind(kind: str) -> regex.Pattern[str]:
    return boilerplate_pattern(kind)


@lru_cache(maxsize=1)
def _spam_pattern() -> regex.Pattern[str]:
    words = sorted(read_list("spam_lexicon.txt"), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words), regex.IGNORECASE)


@lru_cache(maxsize=1)
def _meta_labels() -> tuple[regex.Pattern[str], dict[str, str]]:
    label_field: dict[str, str] = {}
    for row in read_table("meta_fields.tsv", 2):
        for label in row.items(1):
            label_field[label] = row[0]
    labels = sorted(label_field, key=len, reverse=True)
    pattern = regex.compile(r"(" + "|".join(regex.escape(x) for x in labels) + r")\s*[:：|｜丨]\s*")
    return pattern, label_field


@lru_cache(maxsize=1)
def _question_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    words, finals = [], []
    for w in read_list("question_words.txt"):
        (finals if w.endswith("$") else words).append(w.rstrip("$"))
    return tuple(words), tuple(finals)


# ------------------------------------------------------------ spam lines
_KEYWORD_SEP = regex.compile(r"[_|｜丨/]+|\s+|(?<=\p{Han})-(?=\p{Han})")


def _phrases(line: str) -> list[str]:
    return [p for p in _KEYWORD_SEP.split(line) if p]


def is_keyword_line(line: str) -> bool:
    """Many short separator-joined phrases, no sentences, dense in spam words."""
    phrases = _phrases(line)
    if len(phrases) < 4:
        return False
    if sum(line.count(t) for t in TERMINATORS) > 1 or line.count("，") > len(phrases) // 3:
        return False
    if sum(len(p) for p in phrases) / len(phrases) > 16:
        return False
    spam = _spam_pattern()
    hits = sum(1 for p in phrases if spam.search(p))
    return hits >= 0.4 * len(phrases)


def seo_keyword_line(doc: Document, ctx: Context) -> list[Change]:
    """Lines of adult / gambling / pirate-video keyword phrases, header or footer."""
    lines = split_lines(doc.text)
    return remove_lines(doc.text, lines, (ln.index for ln in lines if is_keyword_line(ln.text)))


_FARM_SEGMENTS = regex.compile(r"\s[|｜]\s|_")


def is_link_farm(line: str) -> bool:
    if _kind("farm_marker").match(line.strip()) and len(line) > 40:
        return True
    if len(line) < 80:
        return False
    segments = [s for s in regex.split(r"\s*[|｜]\s*|_", line) if s.strip()]
    if len(segments) < 8:
        return False
    sentence_marks = sum(line.count(t) for t in "。！？，")
    return sentence_marks <= len(segments) / 10


def link_farm(doc: Document, ctx: Context) -> list[Change]:
    """Huge paragraphs of ``|``/``_``-separated keyword runs, marker or not."""
    lines = split_lines(doc.text)
    return remove_lines(doc.text, lines, (ln.index for ln in lines if is_link_farm(ln.text)))


# ------------------------------------------------------------ end of article
def _is_marker(kind: str, line: str, max_len: int = 30) -> bool:
    s = line.strip()
    return 0 < len(s) <= max_len and not _SENTENCE_END.search(s) and bool(_kind(kind).match(s))


def related_list(doc: Document, ctx: Context) -> list[Change]:
    """A related / recommended / ranking marker ends the article with its list."""
    lines = split_lines(doc.text)
    for ln in lines[1:]:
        if _is_marker("end_marker", ln.text):
            drop = [ln.index]
            for nxt in lines[ln.index + 1:]:
                if reads_as_content(nxt.text) and len(nxt.text) >= 60:
                    break
                drop.append(nxt.index)
            return remove_lines(doc.text, lines, drop)
    return []


def disclaimer(doc: Document, ctx: Context) -> list[Change]:
    """Reprint disclaimers, copyright notices and the site furniture after them."""
    lines = split_lines(doc.text)
    pat = _kind("disclaimer")
    drop: list[int] = []
    for ln in lines[1:]:
        if pat.search(ln.text[:60]) and (len(ln.text) < 400):
            drop.append(ln.index)
            if ln.index >= len(lines) * 0.6:
                # Short lines after a closing disclaimer are the site's tail furniture.
                for nxt in lines[ln.index + 1:]:
                    if reads_as_content(nxt.text):
                        break
                    if len(nxt.text) <= 30 and nxt.index not in drop:
                        drop.append(nxt.index)
    return remove_lines(doc.text, lines, drop)


_CONTACT_DETAIL = regex.compile(
    r"(电话|手机|邮箱|e-?mail|微信|QQ|地址|热线)[:：]|@[\w.-]+\.\w+|\d{3,4}-\d{7,8}", regex.I
)


def contact(doc: Document, ctx: Context) -> list[Change]:
    """Contact and business blocks: the marker line and the detail lines under it."""
    lines = split_lines(doc.text)
    pat = _kind("contact")
    drop: list[int] = []
    for ln in lines[1:]:
        if ln.index in drop:
            continue
        if pat.search(ln.text) and len(ln.text) <= 60 and not reads_as_content(ln.text):
            drop.append(ln.index)
            for nxt in lines[ln.index + 1:]:
                if not _CONTACT_DETAIL.search(nxt.text) or len(nxt.text) > 60:
                    break
                drop.append(nxt.index)
    return remove_lines(doc.text, lines, drop)


def furniture(doc: Document, ctx: Context) -> list[Change]:
    """Lone share / comment / navigation lines, wherever they stand."""
    lines = split_lines(doc.text)
    return remove_lines(doc.text, lines, (ln.index for ln in lines if _is_marker("furniture", ln.text, 25)))


def caption(doc: Document, ctx: Context) -> list[Change]:
    """Image captions and credits alone on their line: ``（资料图片）`` ``（截自…）``."""
    lines = split_lines(doc.text)
    pat = _kind("caption")
    drop = [ln.index for ln in lines
            if len(ln.text) <= 40 and pat.fullmatch(ln.text.strip()) and not _SENTENCE_END.search(ln.text)]
    return remove_lines(doc.text, lines, drop)


_TAG_SPLIT = regex.compile(r"[\s,，、;；|｜/]+")


def tags(doc: Document, ctx: Context) -> list[Change]:
    """``标签：…`` / ``关键词：…`` lines go; their words become ``meta.keywords``."""
    lines = split_lines(doc.text)
    pat = _kind("tags")
    drop = []
    for ln in lines[1:]:
        m = pat.match(ln.text.strip())
        if m and len(ln.text) <= 100 and not _SENTENCE_END.search(ln.text):
            words = [w for w in _TAG_SPLIT.split(ln.text.strip()[m.end():]) if w]
            doc.meta.setdefault("keywords", [])
            doc.meta["keywords"].extend(w for w in words if w not in doc.meta["keywords"])
            drop.append(ln.index)
    return remove_lines(doc.text, lines, drop)


# ------------------------------------------------------------ metadata
_DATETIME = regex.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)


def parse_datetime(s: str) -> str | None:
    """The first date(-time) in ``s`` as ISO 8601 (``2022-03-04T10:20``), or None."""
    m = _DATETIME.search(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group(4):
        h, mi = int(m.group(4)), int(m.group(5))
        if h < 24 and mi < 60:
            out += f"T{h:02d}:{mi:02d}"
            if m.group(6) and int(m.group(6)) < 60:
                out += f":{int(m.group(6)):02d}"
    return out


def parse_meta_line(line: str) -> dict[str, str] | None:
    """Label/value pairs of a header line, or None if it is not one.

    ``来源：新榜 | 2022-03-04 10:20`` gives source and published;
    ``出品| 电商头条作者| 李松月`` gives source and author.
    """
    s = line.strip()
    if not s or len(s) > 90 or (reads_as_content(s) and not _DATETIME.search(s)):
        return None
    pattern, label_field = _meta_labels()
    matches = list(pattern.finditer(s))
    dt = parse_datetime(s)
    if not matches:
        # A date-time alone on its line is the publication time.
        rest = _DATETIME.sub("", s).strip(" |｜丨")
        return {"published": dt} if dt and not rest else None
    if matches[0].start() > 4 and not (dt and _DATETIME.match(s)):
        return None
    out: dict[str, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        value = s[m.end():end].strip(" |｜丨")
        field = label_field[m.group(1)]
        if field == "published":
            value = parse_datetime(value) or ""
        else:
            date_in_value = parse_datetime(value)
            if date_in_value and "published" not in out:
                out["published"] = date_in_value
                value = _DATETIME.sub("", value).strip(" |｜丨")
        if value and len(value) <= 30 and field not in out:
            out[field] = value
    if dt and "published" not in out:
        out["published"] = dt
    return out or None


def header_meta(doc: Document, ctx: Context) -> list[Change]:
    """Lift source / author / editor / published lines into ``meta``.

    Looked for near the top (the first 6 lines) and in short lines at the end.
    """
    lines = split_lines(doc.text)
    n = len(lines)
    drop = []
    for ln in lines:
        near_top = ln.index < 6
        near_end = ln.index >= n - 4 and len(ln.text) <= 30
        if not (near_top or near_end):
            continue
        found = parse_meta_line(ln.text)
        if not found:
            continue
        for key, value in found.items():
            doc.meta.setdefault(key, value)
        drop.append(ln.index)
    return remove_lines(doc.text, lines, drop)


def _title_line(lines: list[Line]) -> Line | None:
    for ln in lines[:1]:
        s = ln.text.strip()
        if 0 < len(s) <= 80 and sum(s.count(t) for t in TERMINATORS) <= 1:
            if len(s) <= 64 or not _SENTENCE_END.search(s):
                return ln
    return None


_TITLE_QUESTION = regex.compile(r"^(?P<q>[^()（）]{4,60}?)[(（](?P<t>[^()（）]{6,120})[)）]$")


def is_search_question(s: str) -> bool:
    """A search-box query: a known name plus a question word, no sentence punctuation."""
    if _PUNCT.search(s):
        return False
    words, finals = _question_words()
    if not (any(w in s for w in words) or s.endswith(finals)):
        return False
    return bool(_names_pattern().search(s))


@lru_cache(maxsize=8)
def _names_pattern_for(user: tuple[str, ...]) -> regex.Pattern[str]:
    g = load_gazetteer(user)
    names: set[str] = set()
    for e in g.entities.values():
        names.update((e.name, *e.aliases, *e.english, *e.mistranslations))
    names.update(("平台", "商家", "主播", "直播间", "店铺", "小店", "抖店", "App", "APP"))
    return regex.compile("|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)),
                         regex.IGNORECASE)


def _names_pattern() -> regex.Pattern[str]:
    return _names_pattern_for(())


def seo_title_question(doc: Document, ctx: Context) -> list[Change]:
    """``<search question>(<real title>)`` on the title line: keep the title only."""
    lines = split_lines(doc.text)
    ln = _title_line(lines)
    if ln is None:
        return []
    m = _TITLE_QUESTION.match(ln.text.strip())
    if not m or not is_search_question(m.group("q")):
        return []
    offset = ln.start + (len(ln.text) - len(ln.text.lstrip()))
    doc.notes["title_question"] = m.group("q")
    return [Change(offset + m.start("q"), offset + m.start("t"), ""),
            Change(offset + m.end("t"), offset + m.end(), "")]


def title(doc: Document, ctx: Context) -> list[Change]:
    """The first real line is the title: lift it (without a column prefix) into ``title``."""
    lines = split_lines(doc.text)
    ln = _title_line(lines)
    if ln is None:
        return []
    s = ln.text.strip()
    m = _kind("column").match(s)
    if m and len(s) - m.end() >= 6:
        doc.stats["strip.title_column_prefix"] += 1
        s = s[m.end():].strip()
    doc.title = s.rstrip("。")
    return remove_lines(doc.text, lines, [ln.index])


# ------------------------------------------------------------ spliced SEO phrases
_RUN = regex.compile(r"[^\n，。！？；：、,.!?;:“”\"'（）()《》【】\s]+")


def _query_in_run(run: str) -> tuple[int, int] | None:
    """The span of a search query inside a punctuation-free run, if any.

    The query starts at a known name and ends with a question particle
    right before the punctuation (prose puts ？ after a question, a pasted
    query is followed by the sentence's own comma).
    """
    _, finals = _question_words()
    if not run.endswith(finals):
        return None
    best = None
    for m in _names_pattern().finditer(run):
        length = len(run) - m.start()
        if 4 <= length <= 24:
            best = (m.start(), len(run))
            break
    return best


def seo_phrase(doc: Document, ctx: Context) -> list[Change]:
    """Search queries dropped in as their own line or pasted into a sentence.

    A query alone on a line goes when it echoes the title's question or
    appears more than once.  A query pasted mid-sentence goes when the same
    phrase repeats in the document or echoes the title's question; a single
    unconfirmed one is only reported in ``warnings``.
    """
    text = doc.text
    tq = doc.notes.get("title_question", "")
    lines = split_lines(text)
    changes: list[Change] = []
    line_drop: list[int] = []
    for ln in lines:
        s = ln.text.strip()
        if 4 <= len(s) <= 30 and is_search_question(s):
            if (tq and s in tq) or text.count(s) > 1 or s.endswith(_question_words()[1]):
                line_drop.append(ln.index)
    changes.extend(remove_lines(text, lines, line_drop))
    dropped = {ln.index for ln in lines if ln.index in line_drop}
    found: dict[str, list[tuple[int, int]]] = {}
    for ln in lines:
        if ln.index in dropped:
            continue
        for m in _RUN.finditer(ln.text):
            span = _query_in_run(m.group())
            if span is None:
                continue
            s0, s1 = m.start() + span[0], m.start() + span[1]
            if s0 == 0 and s1 == len(ln.text):
                continue
            phrase = ln.text[s0:s1]
            found.setdefault(phrase, []).append((ln.start + s0, ln.start + s1))
    for phrase, spans in found.items():
        confirmed = len(spans) > 1 or (tq and (phrase in tq or tq in phrase))
        if confirmed:
            changes.extend(Change(a, b, "") for a, b in spans)
        else:
            doc.warnings.append(f"possible spliced search phrase kept: {phrase}")
    changes.sort(key=lambda c: c.start)
    return changes


# ------------------------------------------------------------ corpus level
_KEY_DROP = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")


def line_key(line: str) -> str:
    """A line's identity for corpus-level repetition: letters and digits only."""
    return _KEY_DROP.sub("", line)


def corpus_line_keys(text: str) -> set[str]:
    """Keys of the short lines of one raw article (the build's first pass)."""
    out = set()
    for line in text.splitlines():
        key = line_key(line)
        if 4 <= len(key) <= 60:
            out.add(key)
    return out


def corpus_boilerplate(doc: Document, ctx: Context) -> list[Change]:
    """Lines seen verbatim in several articles of the corpus, unless they read as content."""
    common = ctx.corpus.common_lines
    if not common:
        return []
    lines = split_lines(doc.text)
    drop = [ln.index for ln in lines[1:]
            if line_key(ln.text) in common and not reads_as_content(ln.text) and len(ln.text) <= 60]
    return remove_lines(doc.text, lines, drop)


# ------------------------------------------------------------ warnings only
_BIGRAM = regex.compile(r"(?=(\p{Han}\p{Han}))")


def injected_headline(doc: Document, ctx: Context) -> Iterator[Change]:
    """Short lines on another topic between paragraphs: reported, not removed."""
    lines = split_lines(doc.text)
    if len(lines) < 5:
        return
    for ln in lines[1:-1]:
        s = ln.text.strip()
        if not (8 <= len(s) <= 30) or _SENTENCE_END.search(s) or _PUNCT.search(s[-1:]):
            continue
        grams = set(_BIGRAM.findall(s))
        if len(grams) < 5:
            continue
        rest = doc.text[:ln.start] + doc.text[ln.end:]
        shared = sum(1 for g in grams if g in rest)
        if shared / len(grams) < 0.1:
            doc.warnings.append(f"possible injected headline kept: {s}")
    return
    yield


STEPS = steps(
    STAGE,
    seo_keyword_line,
    link_farm,
    related_list,
    disclaimer,
    contact,
    furniture,
    caption,
    tags,
    header_meta,
    seo_title_question,
    title,
    seo_phrase,
    corpus_boilerplate,
    injected_headline,
)
