"""Noise recognised by the page's structure, not by its wording.

Sites word their furniture in endless ways, but it has shapes and places a
paragraph of the article never has (see :mod:`.page` for the line model,
the zones and support):

* ``code_line``: a line that is mostly markup, a file name or a template key
  (``<image>…</image>``, ``配图_0415.png``, ``{{article.title}}``); under an
  image, its one-sentence caption goes with it;
* ``nav_menu``: in the head or tail zone, a row of three or more short items
  without sentence punctuation (``要闻 专栏 视频 社区``, ``简体|繁体|English``);
* ``summary_copy``: a line of the head zone the body repeats word for word
  (a summary or lead printed above the article);
* ``head_noise``: after the title is chosen, a head-zone line that is not
  prose and shares no word with the body (a site tagline, a widget name, a
  section label), unless it stands right above the body, where it may be a
  subheading: then it is kept and reported;
* ``repeated_line``: a paragraph printed again (the later copies go);
* ``stamp_line``: a short line that is no sentence, printed three times or more between paragraphs (a
  site's name stamped after each section or picture): every copy goes;
* ``related_run``: in the tail zone, three or more headline-form lines that
  share little vocabulary with the body: a list of other stories, with or
  without a marker above it;
* ``tail_verse``: short single-phrase lines ending the page that break a
  sentence at its commas and share little with the body: a slogan set as verse.

When a shape is not conclusive the line stays: losing content is worse than
keeping noise.
"""

from __future__ import annotations

import re
from itertools import pairwise
from operator import add

from zhextract.document import Change, Document
from zhextract.resources import read_lower_set
from zhextract.stages.strip.boilerplate import (
    CLAUSE_OR_QUOTE_MARKS,
    SENTENCE_END,
    TERMINATORS,
    boilerplate_pattern,
    is_decoration,
    whole_line,
)
from zhextract.stages.strip.corpus import _DIGITS, line_key
from zhextract.stages.strip.fields import parse_meta_line
from zhextract.stages.strip.page import (
    _NUMBERED,
    HEAD_SUPPORT,
    View,
    _title_line,
    _view,
    good_line,
    is_code_line,
    is_table_row,
    same_cells,
    shape,
)
from zhextract.stages.strip.spam import is_search_question
from zhextract.step import Context

RELATED_SUPPORT = 0.35  # a tail run sharing less than this with the body (on average) is other stories
RELATED_RUN = 3  # lines in a run of other stories' headlines
RELATED_LINK_SUPPORT = 0.6  # a dated link in the tail sharing less than this with the body is another story's
SUMMARY_KEY = 10  # letters a head line needs before its repeat in the body counts as a summary copy


# ------------------------------------------------------------------ code
_IMAGE = re.compile(r"<img|<image|!\[|data:image|\.(?:jpe?g|png|gif|webp|bmp)\b", re.IGNORECASE)


def code_line(doc: Document, ctx: Context) -> list[Change]:
    """Lines that are mostly code-like tokens; under an image line, its one-sentence caption.

    A caption is the next line when it is one short sentence (at most 40
    characters, ending in 。) and the line after it is not the same caption
    printed again (that copy is left to ``repeated_line``).
    """
    view = _view(doc)
    drop: dict[int, str] = {}
    real = view.real
    for k, i in enumerate(real):
        t = view.texts[i]
        if not (len(t) <= 400 and is_code_line(t)) or whole_line("url", t):
            continue  # a labelled link is the furniture rule's
        if parse_meta_line(t) is not None:
            continue  # http://… 发表日期：2011-9-1 8:28:02: a byline after the page's address is header_meta's
        drop[i] = "a line of code-like tokens (markup, file name, template key)"
        if _IMAGE.search(t) and k + 1 < len(real):
            j = real[k + 1]
            s = view.texts[j].strip()
            if view.shape(j).n <= 40 and s.endswith("。") and len(TERMINATORS.findall(s)) == 1 \
                    and not view.is_good(j):
                drop[j] = "the caption under an image"
    return view.remove(drop, drop)


# ------------------------------------------------------------------ English lines on a Chinese page
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _english_function_words() -> frozenset[str]:
    return read_lower_set("latin_function_words.txt")


def is_english_sentence(line: str) -> bool:
    """A sentence in English: mostly Latin letters, four words or more, one of them a function word."""
    sh = shape(line)
    if sh.han > 0.05 or sh.latin < 0.6:
        return False
    words = [w.lower() for w in _LATIN_WORDS.findall(line)]
    return len(words) >= 4 and any(w in _english_function_words() for w in words)


def alt_text(doc: Document, ctx: Context) -> list[Change]:
    """A line of English on a Chinese page: the alt text or caption of a picture; and a paragraph of prose in
    a language of Latin script, a translation the page prints beside the story.

    The page's prose must be Chinese (its anchor lines mostly Han), so that an
    English article keeps its sentences; a list of Latin names
    (``Tesla | BYD | NIO``) is no sentence and stays.
    """
    view = _view(doc)
    anchors = sorted(view.anchors)
    if not anchors or sum(view.shape(i).han for i in anchors) / len(anchors) < 0.5:
        return []
    drop = {i: "an English sentence on a Chinese page (a picture's alt text or caption)" for i in view.real
            if not view.content[i] and i not in view.anchors
            and len(view.texts[i]) <= 400 and is_english_sentence(view.texts[i])}
    drop.update((i, "a paragraph in a Latin-script language on a Chinese page (a translation)") for i in view.real
                if i not in drop and i not in view.anchors and is_latin_prose(view.texts[i]))
    return view.remove(list(drop), drop)


LATIN_PROSE_WORDS = 8  # Latin words a line of prose in another language has at least


def is_latin_prose(line: str) -> bool:
    """A paragraph in a language of Latin script (a translation of the story, in English, Spanish …): almost
    no Han, mostly Latin letters, LATIN_PROSE_WORDS words or more and a sentence's comma or stop."""
    sh = shape(line)
    if sh.han > 0.05 or sh.latin < 0.6:
        return False
    return len(_LATIN_WORDS.findall(line)) >= LATIN_PROSE_WORDS and bool(_LATIN_SENTENCE.search(line))


_LATIN_SENTENCE = re.compile(r"[a-z][,.;:](?:\s|$)")


# ------------------------------------------------------------------ menus
_ITEM_SEP = re.compile(r"\s*[|｜丨·•/]\s*|\s+")
_SENTENCE_MARKS = re.compile(r"[，。！？；,!?;：:、“”\"]")


_TICKER = re.compile(r"(?:[\u4e00-\u9fffA-Za-z]{2,8}\s*[\d.,]+\s*[+\-]?[\d.]+%\s*){2,}")


def is_menu(line: str) -> bool:
    """A row of three or more short items (1-10 characters each, ``MENU_ITEM_MEAN`` on average) without
    sentence punctuation or numbers, or a row of market quotes (``上证指数 2893.25 -0.21% 深证成指 8952.47 +0.13%``)."""
    s = line.strip()
    if _TICKER.fullmatch(s):
        return True
    if _SENTENCE_MARKS.search(s) or len(s) > 80:
        return False
    items = [x for x in _ITEM_SEP.split(s) if x]
    if len(items) < 3 or any(len(x) > 10 for x in items) or sum(map(len, items)) > MENU_ITEM_MEAN * len(items):
        return False  # long phrases set apart by spaces are a headline (解放思想 担当实干 全力以赴推进某项工作)
    digits = sum(c.isdigit() for c in s)
    return digits <= 0.1 * len(s)


def nav_menu(doc: Document, ctx: Context) -> list[Change]:
    """Rows of menu items in the head or tail zone (``首页 新闻 财经 地产``, ``简体|繁体|English``).

    In the body such a row is a list or a table row and stays; so do the
    rows of a table (a row next to a row of figures, or to a row with as many
    cells); a byline
    (``出品|某报|作者|张三``) is left to ``header_meta``.
    """
    view = _view(doc)
    b = view.bounds
    real = view.real
    near = {i: real[k - 1: k + 2] for k, i in enumerate(real)}
    drop = [i for i in view.plain if b.edge(i) and is_menu(view.texts[i]) and parse_meta_line(view.texts[i]) is None
            and not any(is_table_row(view.texts[j]) or (j != i and same_cells(view.texts[i], view.texts[j]))
                        for j in near[i])]
    why = dict.fromkeys(drop, "a row of menu items outside the body")
    why.update(dict.fromkeys(_menu_column(view), "a menu printed an item per line above the body"))
    return view.remove(why, why)


def _menu_column(view: View) -> list[int]:
    """A menu printed one item per line at the top of the page (``新闻中心`` / ``行业动态`` / ``公司大事记``): a
    run of adjacent head-zone lines, no blank line between them, that read as a row of menu items once
    joined (:func:`is_menu`: three items at least, short, no sentence mark, no figures), none of them a
    metadata line."""
    b = view.bounds
    out: list[int] = []
    run: list[int] = []
    for i in [*(i for i in view.real if b.head(i)), -1]:
        if run and i == run[-1] + 1 and _menu_item(view.texts[i]):
            run.append(i)
            continue
        if len(run) >= 3 and is_menu(" ".join(view.texts[j].strip() for j in run)):
            out.extend(run)
        run = [i] if i >= 0 and _menu_item(view.texts[i]) else []
    return out


def _menu_item(line: str) -> bool:
    """One menu item alone on its line: one short word group of two letters at least (not debris: 0, ）),
    no metadata."""
    s = line.strip()
    return 0 < len(s) <= MENU_ITEM_MAX and sum(c.isalpha() for c in s) >= 2 and not _ITEM_SEP.search(s) \
        and parse_meta_line(s) is None


MENU_ITEM_MAX = 8  # characters of a menu item alone on its line


# ------------------------------------------------------------------ repeats
def summary_copy(doc: Document, ctx: Context) -> list[Change]:
    """Head-zone lines that the body repeats: a summary, a lead or a deck printed above the article.

    The line's letters (``line_key``, at least ``SUMMARY_KEY``) must occur
    inside one longer line of the body.  The page's would-be headline (its
    first line of a title's form, and the main headline under a kicker) is no
    summary: local news leads repeat it.  A line with a summary label
    (``摘要：``, ``导读：``) is one wherever it stands above the line it repeats,
    and may repeat it whole.
    """
    view = _view(doc)
    b = view.bounds
    if b.first >= view.n:
        return []
    anchors = sorted(view.anchors)
    keys = {i: line_key(view.texts[i]) for i in anchors}
    label = boilerplate_pattern("summary_label")
    headline = _headline_lines(view)
    drop = []
    for i in view.real:
        s = view.texts[i].strip()
        m = label.match(s)
        if i >= b.first and not m:
            break  # below the head zone only a labelled summary (摘要：…) is looked for
        if i in headline and not m:
            continue  # the headline: a lead often repeats it (我市召开某会议 / 12月2日，我市召开某会议。)
        key = line_key(s[m.end():] if m else s)
        if len(key) >= SUMMARY_KEY and any(j > i and key in k and (m or len(k) > len(key)) for j, k in keys.items()):
            drop.append(i)
    return view.remove(drop, "the body repeats this line word for word (a summary above the article)")


MENU_ITEM_MEAN = 5.5  # a menu's items are navigation words, a few characters each on average
COPY_KEY = 15  # letters a line needs before it counts as a copy of the paragraph next to it
COPY_SHARE = 0.9  # ... the share of its letter pairs the paragraph above holds
COPY_RATIO = 1.5  # ... and the paragraph is at least this many times as long


def _pairs(key: str) -> set[str]:
    """The letter pairs of ``key`` (each character joined to the next, in C)."""
    return set(map(add, key, key[1:]))


def _shares_pairs(pairs: set[str], text: str, share: float) -> bool:
    """Whether ``text`` holds ``share`` of ``pairs`` (``len(pairs & _pairs(text)) >= share * len(pairs)``).

    A letter pair is in ``text``'s pairs when it is a substring of it, so the
    paragraph's pairs are never built; and the count stops as soon as it is
    decided (a line that is no copy misses a tenth of its pairs early on).
    """
    need = share * len(pairs)
    left = len(pairs)
    found = 0
    for pair in pairs:
        left -= 1
        if pair in text:
            found += 1
            if found >= need:
                return True
        elif found + left < need:
            return False
    return found >= need


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _holds_numbers(paragraph: str, line: str) -> bool:
    """Whether every number written in ``line`` is written in ``paragraph`` too: a caption copies its
    sentence's figures; a paragraph in the same words with other figures (2019年7月份，零售总额33073亿元 /
    2019年1-7月份，零售总额228283亿元) reports another period, and is content."""
    return all(n in paragraph for n in _NUMBER.findall(line))


def caption_copy(doc: Document, ctx: Context) -> list[Change]:
    """A line that repeats a sentence of the paragraph next to it: an image caption or a pull quote.

    Sites caption a photo with a sentence of the paragraph above it, nearly
    word for word (a word dropped or added), and print a deck that the next
    paragraph opens with.  A line of at least ``COPY_KEY`` letters goes when
    the paragraph right above, ``COPY_RATIO`` times as long, holds
    ``COPY_SHARE`` of its letter pairs, or when the paragraph right below holds
    all of its letters in a row.  A line of a headline's form (no full stop,
    at most 40 characters) is left alone, since a subheading uses the words of
    the paragraphs around it; a paragraph that restates the one above does so
    in other words.  A copy holds the paragraph's figures too: a line with numbers the paragraph above
    does not write reports other figures in the same words (:func:`_holds_numbers`).
    """
    view = _view(doc, repaired=True)
    real = view.real
    keys = {i: line_key(view.texts[i]) for i in real}
    drop: dict[int, str] = {}
    for k, i in enumerate(real):
        key = keys[i]
        if len(key) < COPY_KEY or view.shape(i).headline:
            continue  # a line of a headline's form may be a subheading naming the paragraphs it stands over
        above = real[k - 1] if k > 0 else None
        below = real[k + 1] if k + 1 < len(real) else None
        if above is not None and above not in drop and len(keys[above]) >= COPY_RATIO * len(key):
            if _shares_pairs(_pairs(key), keys[above], COPY_SHARE) \
                    and _holds_numbers(view.texts[above], view.texts[i]):
                drop[i] = "a copy of a sentence of the paragraph above (a caption or a pull quote)"
                continue
        if below is not None and len(keys[below]) > len(key) and key in keys[below]:
            drop[i] = "the paragraph below opens with this line word for word (a deck printed twice)"
    return view.remove(drop, drop)


def _headline_lines(view: View) -> set[int]:
    """The page's would-be headline (:func:`.page._title_line`), and the main headline under it
    when it is the kicker of a two-line headline (``某某在某会上强调`` / ``<what was said>``)."""
    title = _title_line(view)
    if title is None:
        return set()
    k = view.real.index(title.index)
    if whole_line("kicker", title.text.strip()) and k + 1 < len(view.real):
        return {title.index, view.real[k + 1]}
    return {title.index}


def repeated_line(doc: Document, ctx: Context) -> list[Change]:
    """A paragraph printed again (same letters in either script): the later copies go.

    Only prose: a headline printed again is the title rule's or a related
    list's, a short line (under 6 letters: ``01``, ``（完）``), a metadata line
    or a search query (a repeat confirms it as spam) is left to its own rule.  A copy has the same numbers:
    paragraphs of one template with other figures (下降的城市有10个… / 有7个…) are two.
    """
    view = _view(doc)
    seen: set[tuple[str, tuple[int, ...]]] = set()
    drop = []
    for i in view.real:
        letters = line_key(view.texts[i])
        if len(letters) < 6:
            continue
        # the numbers too: a bulletin writes its parts in one template (下降的城市有10个… / 有7个…), no copy
        key = (letters, tuple(int(d) for d in _DIGITS.findall(view.texts[i])))  # １２ and 12 alike
        if key in seen:
            t = view.texts[i]
            if view.content[i] and parse_meta_line(t) is None and not is_search_question(t, ctx):
                drop.append(i)
        else:
            seen.add(key)
    return view.remove(drop, "a copy of an earlier line")


STAMP_COPIES = 3  # copies of a short line between paragraphs that make it a stamp
STAMP_HAN = 4  # Han characters a stamp has at least: a speaker's name alone (主持人, 记者) is a transcript's


def stamp_line(doc: Document, ctx: Context) -> list[Change]:
    """A short line that is no sentence, printed STAMP_COPIES times or more with a paragraph of prose between
    each copy and the next: a site's name or slogan stamped after each section or picture (``某某管理咨询``
    between the parts of a bulletin).  Every copy goes, the first too.  A line with a mark of a sentence or a
    label (``：``), a numbered heading, a table row or a line of under STAMP_HAN Han characters stays.
    """
    view = _view(doc)
    copies: dict[str, list[int]] = {}
    for i in view.short:
        t = view.texts[i].strip()
        if shape(t).hans < STAMP_HAN or CLAUSE_OR_QUOTE_MARKS.search(t) or _NUMBERED.match(t) or is_table_row(t):
            continue
        copies.setdefault(line_key(t), []).append(i)
    drop = []
    for lines in copies.values():
        if len(lines) >= STAMP_COPIES and all(_prose_between(view, a, b) for a, b in pairwise(lines)):
            drop.extend(lines)
    return view.remove(sorted(drop), "a short line stamped between the paragraphs again and again")




def _prose_between(view: View, a: int, b: int) -> bool:
    """Whether a paragraph of prose stands between lines ``a`` and ``b``."""
    return any(good_line(view.texts[i]) for i in range(a + 1, b))


# ------------------------------------------------------------------ head zone


def head_noise(doc: Document, ctx: Context) -> list[Change]:
    """Head-zone lines that are not prose and share no word with the body.

    Once the title and the metadata are out, what is left above the body is
    site chrome (a tagline, a widget name, a section label, a bare counter)
    or the article's own deck and subheadings.  A sentence there that a
    paragraph below repeats nearly word for word is a summary and goes too.
    The chrome shares (almost)
    nothing with the body; a line right above a line of prose (as the page
    stood before the title was taken out) is kept even then, with a warning,
    since a generic subheading (``核心观点``) stands there too.
    A subtitle (``——访…``), a numbered heading, a piece of a sentence or a
    table row stay (:meth:`.page.View.chrome_shaped`).
    """
    view = _view(doc, repaired=True)
    b = view.bounds
    if b.first >= view.n or not view.vocabulary():
        return []
    real = view.real
    protected = doc.notes.get("strip.above_prose")  # recorded by the title rule before it took the title out
    drop: dict[int, str] = {}
    for k, i in enumerate(real):
        if i >= b.first:
            break
        s = view.texts[i].strip()
        if view.content[i] and (summary := _summarises(view, i)) is not None:
            drop[i] = f"a summary of a paragraph below (it shares {summary:.0%} of its words with it)"
            continue
        if not view.chrome_shaped(k):
            continue
        sup = view.support(i)
        if sup >= HEAD_SUPPORT:
            continue
        deck = line_key(s) in protected if protected is not None else view.above_prose(k)
        if deck and not is_decoration(s):
            doc.warnings.append(f"head line sharing no words with the body kept: {s}")
            continue
        drop[i] = f"{view.shape(i).n}-character line above the body sharing {sup:.0%} of its words with it"
    return view.remove(drop, drop)


SUMMARY_SHARE = 0.85  # a head-zone sentence with this share of its words in one paragraph below summarises it


def _summarises(view: View, i: int) -> float | None:
    """The share of head line ``i``'s words found in one paragraph of the body, if that paragraph
    holds nearly all of them (a summary or a lead printed above the article in other words)."""
    g = view.grams(i)
    if len(g) < 6 or not view.shape(i).final or is_table_row(view.texts[i]):
        return None
    best = max((len(g & view.grams(j)) / len(g) for j in view.anchors if j > i), default=0.0)
    return best if best >= SUMMARY_SHARE else None


# ------------------------------------------------------------------ tail zone
VERSE_LINE = 20  # characters (shown_len) a line of a slogan set as verse has at most
VERSE_RUN = 3  # lines in such a slogan
_VERSE_BREAK = ("，", ",", "、")  # a line ending in one of these broke a sentence in the middle
_INTRODUCES = ("：", ":")
_INNER_CLAUSE = re.compile(r"[，,、；;：:]")
_ENUMERATED = re.compile(  # the item of an enumeration: 一是… 2、… （三）… 第二，…
    r"^\s*(?:[（(]?(?:[一二三四五六七八九十]+|\d{1,2})[是、.．)）]|第[一二三四五六七八九十\d]+[，,、是])")
_BULLET = re.compile(r"^\s*(?:[-–—•·▪●○◆■□>»]|\d{1,2}[.、．)）])\s*")
_DATE_OR_COUNT = re.compile(r"[\d\s:：/.\-年月日时分万wk+()（）阅读评论次]+")


def _list_like(view: View, i: int) -> bool:
    """A line that can be an item of a list of other stories: a headline, a date or a counter,
    not a piece of a sentence."""
    if view.is_good(i):
        return False
    s = _BULLET.sub("", view.texts[i].strip())
    if not s:
        return True
    if _DATE_OR_COUNT.fullmatch(s):
        return True
    sh = view.shape(i)
    if sh.n > 60 or "|" in s or "｜" in s or s.rstrip("”’」』）)").endswith(("。", "；", ";")):
        return False
    if s.endswith((*_VERSE_BREAK, *_INTRODUCES)):
        return False  # a piece of a sentence (…，) or a line introducing what follows (…：) heads no story
    return len(TERMINATORS.findall(s[:-1])) == 0 and sh.n >= 4


_POSTED_ON = re.compile(r"\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s*$")  # the day a linked story was posted


def _dated_link(view: View, i: int) -> bool:
    """A tail line of a list bullet (``_BULLET``), a headline and the day it was posted (``- 某某统计月报
    2022-11-22``): one item of a list of other stories, even alone, unless most of its words are the body's
    (the run's bound for each of its lines)."""
    t = view.texts[i]
    bullet, posted = _BULLET.match(t), _POSTED_ON.search(t)
    return bullet is not None and posted is not None and posted.start() - bullet.end() >= 4 \
        and _list_like(view, i) and view.support(i) < RELATED_LINK_SUPPORT


def related_run(doc: Document, ctx: Context) -> list[Change]:
    """Three or more headline-form lines in the tail zone sharing little with the body: other stories.

    Sites append lists of other stories (a ranking, a "you may also like"
    block) with a marker line or without one; the marker rules take the
    first kind, this rule the second.  The run's lines must share, on
    average, less than ``RELATED_SUPPORT`` of their words with the body, and
    none of them most of its words (a closing subheading of the article).
    A bulleted headline with its date is one such line even alone (:func:`_dated_link`).
    """
    view = _view(doc, repaired=True)
    b = view.bounds
    if b.last < 0 or not view.vocabulary():
        return []
    tail = [i for i in view.real if i > b.last]
    drop: dict[int, str] = {i: "a bulleted link to another story, with its date" for i in tail if _dated_link(view, i)}
    run: list[int] = []
    for i in [*tail, -1]:
        if i >= 0 and _list_like(view, i):
            run.append(i)
            continue
        heads = [j for j in run if view.grams(j)]
        if len(heads) >= RELATED_RUN:
            sups = [view.support(j) for j in heads]
            mean = sum(sups) / len(sups)
            if mean < RELATED_SUPPORT and max(sups) < RELATED_LINK_SUPPORT:
                why = f"{len(run)} headline-form lines in the tail sharing {mean:.0%} of their words with the body"
                drop.update(dict.fromkeys(run, why))
        run = []
    return view.remove(drop, drop)



def _verse_like(view: View, i: int) -> bool:
    """A line that can be a line of verse: one short phrase (no clause or sentence mark inside it),
    with words; not an item of a list (``一是…``, ``2.``, ``•``), a table row, a labelled field
    (``电话：…``) or a metadata line."""
    s = view.texts[i].strip()
    sh = view.shape(i)
    if sh.n > VERSE_LINE or not view.grams(i) or view.is_good(i):
        return False
    body = s[:-1]
    if TERMINATORS.search(body) or _INNER_CLAUSE.search(body) or s.endswith(_INTRODUCES) \
            or _BULLET.match(s) or _ENUMERATED.match(s) or "|" in s or "｜" in s:
        return False
    return parse_meta_line(s) is None


def tail_verse(doc: Document, ctx: Context) -> list[Change]:
    """A slogan set as verse at the very end of a post: short lines that break a sentence at its commas.

    Company and self-media accounts close their posts with their slogan,
    one phrase a line (``…的梦，`` / ``…的花园。`` / ``…的故事，`` / ``…共同书写！``).
    An article's paragraph never breaks a sentence at a comma, and its
    closing lines share its words.  So: ``VERSE_RUN`` or more short lines
    that end the page, at least one of them ending in a comma (the sentence
    broken as verse), sharing on average less than ``RELATED_SUPPORT`` of
    their words with the body and none of them most of its words; the
    lines are single phrases, not the items of a list (``一是…，``).  A poem
    the article quotes or a list it announces is led into (the line above
    ends in a colon or a comma, not a sentence end): it stays, with a warning.
    """
    view = _view(doc, repaired=True)
    b = view.bounds
    if b.last < 0 or not view.vocabulary():
        return []
    tail = [i for i in view.real if i > b.last]
    run: list[int] = []
    for i in reversed(tail):  # the run must reach the end of the page
        if not _verse_like(view, i):
            break
        run.insert(0, i)
    if len(run) < VERSE_RUN or not any(view.texts[i].rstrip().endswith(_VERSE_BREAK) for i in run[:-1]):
        return []
    sups = [view.support(i) for i in run]
    mean = sum(sups) / len(sups)
    if mean >= RELATED_SUPPORT or max(sups) >= 0.6:
        return []
    above = view.real[view.real.index(run[0]) - 1] if run[0] != view.real[0] else None
    before = view.texts[above].rstrip() if above is not None else ""
    if before and not SENTENCE_END.search(before):
        # introduced (…：) or led into (…，): a quoted poem, the items of a list the sentence announces
        doc.warnings.append(f"short lines at the end of the page kept (the line above leads into them): "
                            f"{view.texts[run[0]].strip()}")
        return []
    why = f"{len(run)} short lines ending the page, a sentence broken at its commas (a slogan), " \
          f"sharing {mean:.0%} of their words with the body"
    return view.remove(run, why)
