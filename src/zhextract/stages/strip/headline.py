"""The title: the headline-form line of the head zone best supported by the body.

A page's first line is often not its headline: a site name, a breadcrumb, a
tagline, a widget name, a keyword line or a translation disclaimer may stand
above it.  So the title is chosen among *candidates*, the lines of the head
zone that have a headline's form (short, not ending in a comma, not a
metadata line, not code), by how much of their vocabulary the body shares
(:meth:`.page.View.support`): a headline is about the article, a tagline or a
menu is not.  Ties go to the earlier line, but for the one standing right above
the byline ``header_meta`` took out: a column's name or a slogan in the body's
words stands above the headline, never between it and its byline.  Every copy
of the chosen line (printed twice, once in each script, with ``(图1)``
appended) leaves the body; a filing's title set in two lines (the issuer's name
over ``关于…的公告``) is joined; a page with no headline line takes the title a
template's footer states (``标题：“…”``, ``meta_fields.tsv`` page_title).

A search question glued to the title (``<question>(<real title>)``) is cut
first by :func:`seo_title_question`; a column prefix, a site suffix and a spam
suffix are left out of the title; a line holding headline, date and
``来源：…`` gives the headline to the title and the rest to ``meta``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from zhextract.document import Change, Document
from zhextract.stages.strip.boilerplate import (
    TERMINATORS,
    is_disclaimer,
    prefix,
    shown_len,
    spam_score,
    whole_line,
)
from zhextract.stages.strip.corpus import line_key
from zhextract.stages.strip.fields import META_FIELDS, is_site_name, split_title_fields
from zhextract.stages.strip.page import (
    _CLAUSE_END,
    _NUMBERED,
    HEAD_SUPPORT,
    HEADLINE_LEN,
    LINE_MEMO,
    View,
    _surely_header,
    _view,
    could_head,
    grams,
    is_code_line,
    title_shaped,
)
from zhextract.stages.strip.spam import _OPENS_CLAUSE, asks, is_search_question
from zhextract.step import Context

TITLE_SUPPORT = 0.2  # the least share of a headline's words the body must share
PREFIX_REST_SUPPORT = 0.5  # a prefix the body does not share is cut only from a headline this well supported
TITLE_LEN = (4, 90)  # a headline's length (shown_len)
_TITLE_CLAUSES = re.compile(r"[，,；;、]")
_DECK_MARKS = ("—", "－", "--", "─")  # a subtitle (deck) under the headline opens with a dash
_EDGE_MARKS = ("，", ",", "、", "：", ":", "；", ";")


def _title_text(view: View, i: int) -> str:
    """The headline part of line ``i`` (without the fields of a headline + date + 来源 line)."""
    return _headline_part(view.texts[i])


@lru_cache(maxsize=LINE_MEMO)
def _headline_part(line: str) -> str:
    """:func:`_title_text` of a line's text (remembered: every candidate is read twice per view)."""
    s = line.strip()
    split = split_title_fields(s)
    return split[0] if split else s


def _title_form(view: View, i: int) -> bool:
    """A headline's form: short, not a clause fragment, not a sentence of prose, not a notice or code."""
    s = _title_text(view, i)
    n = shown_len(s)
    if not TITLE_LEN[0] <= n <= TITLE_LEN[1] or s.endswith(_EDGE_MARKS) or s.startswith((*_EDGE_MARKS, "。")):
        return False
    if len(TERMINATORS.findall(s)) > 2:
        return False
    if view.content[i] and s.rstrip("”’」』）)\"'").endswith("。"):
        return False  # a sentence of prose: a quote, a lead, a summary
    if s.rstrip("”’」』）)").endswith("。") and (n > 40 or _TITLE_CLAUSES.search(s)):
        return False  # the first paragraph of a page without a title
    if len(grams(s)) < 2:
        return False  # too few words to be compared with the body (a date, a number, one word)
    if _surely_header(s) or is_code_line(s) or is_disclaimer(s) or _NUMBERED.match(s) or s.count("|") >= 2:
        return False
    if prefix("disclaimer", s) or whole_line("end_marker", s) or whole_line("furniture", s) \
            or whole_line("contact", s) or whole_line("contact_detail", s):
        return False  # a marker of the page (【免责声明】, 相关阅读, 报料电话：…), not a headline
    return bool(_WORD.search(s))


_WORD = re.compile(r"[^\W\d_]")


def _headline(view: View, i: int, ctx: Context | None) -> str:
    """What of line ``i`` would be the title: without the fields of a headline + date + 来源 line and
    without a search question glued to it (``<question>(<title>)``)."""
    s = _title_text(view, i)
    m = _TITLE_PARTS.match(s)
    if m:
        a, b = m.group("a").strip(), m.group("b").strip()
        if printed_alone(view, i, b) and not printed_alone(view, i, a):
            return b
        if _title_query(a, ctx) and not _title_query(b, ctx) and len(b) >= 6 and not whole_line("title_annotation", b):
            return b
        if _title_query(b, ctx) and not _title_query(a, ctx) and len(a) >= 6:
            return a
    return s


def _support(view: View, text: str) -> float:
    """The share of ``text``'s words that the body's anchor lines hold."""
    words = grams(text)
    vocab = view.vocabulary()
    return sum(1 for w in words if vocab[w]) / len(words) if words else 0.0


def choose_title(view: View, ctx: Context | None = None,
                 bylined: frozenset[str] = frozenset()) -> tuple[int, float] | None:
    """The title line and its support: a supported candidate of the head zone.

    Candidates are the head zone's lines of headline form; the body must
    share at least ``TITLE_SUPPORT`` of a candidate's words.  The headline
    stands right above the body (with its dek, bylines and subheadings), while
    site chrome (a tagline, a menu, a QR-code prompt) stands above that,
    separated from it by chrome (:meth:`.page.View.is_chrome`).  So the title is
    the earliest supported candidate of the run of related lines that ends at
    the body; without one in that run, the earliest supported candidate of
    the head zone; without any, the first line, if it can be a title (a page
    with no prose to compare with, a headline in other words than its body)
    and does not stand inside a sentence broken around it (:func:`_spliced`);
    a line of fewer letters than a headline has (``HEADLINE_LEN``) sharing no
    word with the body is a generic subheading (核心观点) and is passed over.
    """
    key = ("choose_title", ctx.options if ctx is not None else None, bylined)
    if key not in view.memo:  # seo_title_question and title ask it of the same view
        view.memo[key] = _choose_title(view, ctx, bylined)
    return view.memo[key]  # type: ignore[return-value]


def _choose_title(view: View, ctx: Context | None, bylined: frozenset[str]) -> tuple[int, float] | None:
    b = view.bounds
    head = [i for i in view.real if i < b.first]
    share = {i: _headline_support(view, _headline(view, i, ctx)) for i in head if _title_form(view, i)}
    supported = [(i, sup) for i, sup in share.items() if sup >= TITLE_SUPPORT]
    if supported:
        start = 0
        for k in range(len(head) - 1, -1, -1):
            i = head[k]
            if share.get(i, 0.0) < HEAD_SUPPORT and view.is_chrome(k):
                start = i + 1
                break
        near = [c for c in supported if c[0] >= start] or supported
        # The headline stands right above its byline, below a column's name or a site's slogan; a deck
        # (——访某某, a subtitle) may stand between them, and then the headline is the line above it.
        byline = [c for c in near if line_key(view.texts[c[0]]) in bylined
                  and not view.texts[c[0]].lstrip().startswith(_DECK_MARKS)]
        return _under_kicker(view, _whole_of(view, (byline or near)[0], supported), share)
    return _first_line_title(view)


def _filing_pair(view: View, i: int) -> int | None:
    """The line that completes headline ``i`` as a filing's title set in two lines: the issuer's full name
    (``filing_issuer``: 某某科技股份有限公司) over its subject (``filing_subject``: 关于…的公告), either of
    the two chosen."""
    k = view.real.index(i)
    s = view.texts[i].strip()
    if whole_line("filing_issuer", s) and k + 1 < len(view.real):
        j = view.real[k + 1]
        return j if whole_line("filing_subject", view.texts[j].strip()) else None
    if whole_line("filing_subject", s) and k > 0:
        j = view.real[k - 1]
        return j if whole_line("filing_issuer", view.texts[j].strip()) else None
    return None


def _passed_over(view: View, title: int, bylined: frozenset[str], ctx: Context) -> list[int]:
    """The candidates above ``title`` that the body supports, when the title was chosen for standing
    right above its byline: a column's name (招商引资) or a site's slogan in the body's words, which
    on a second pass, the headline gone, would stand first and be taken for it."""
    if line_key(view.texts[title]) not in bylined:
        return []
    return [j for j in view.real if j < title and _title_form(view, j)
            and _headline_support(view, _headline(view, j, ctx)) >= TITLE_SUPPORT]


def _headline_support(view: View, text: str) -> float:
    """The support of a candidate, or of what is left of it without a column's name before it
    (``「年度发布」<headline>``): a column is named in words the body need not use."""
    sup = _support(view, text)
    core = _core(text)
    return max(sup, _support(view, core)) if core != text and len(grams(core)) >= 2 else sup


def _whole_of(view: View, chosen: tuple[int, float], supported: list[tuple[int, float]]) -> tuple[int, float]:
    """The supported candidate above ``chosen`` that ends with all of it, if any: a title printed whole
    and again in part under it (a filing's ``某某股份关于…的公告`` over ``关于…的公告``), chrome
    between the two, is the whole."""
    key = line_key(_title_text(view, chosen[0]))
    for c in supported:
        if c[0] >= chosen[0]:
            break
        k = line_key(_title_text(view, c[0]))
        if len(k) > len(key) >= FILING_TAIL_MIN and k.endswith(key):
            return c
    return chosen


def _under_kicker(view: View, chosen: tuple[int, float], share: dict[int, float]) -> tuple[int, float]:
    """The main headline when the chosen line is the kicker of a two-line headline.

    Government and party news print who spoke where above the headline
    (``某某在全市推进会上强调`` / ``<what was said>``): the kicker ends with the
    speech verb (the ``kicker`` kind of ``boilerplate.tsv``), the main headline
    is the next line, of headline form and supported by the body as well.
    """
    i = chosen[0]
    k = view.real.index(i)
    if k + 1 >= len(view.real) or not whole_line("kicker", _title_text(view, i)):
        return chosen
    j = view.real[k + 1]
    return (j, share[j]) if share.get(j, 0.0) >= TITLE_SUPPORT else chosen


def kicker_above(view: View, i: int) -> int | None:
    """The line right above headline ``i`` if it is its kicker (see :func:`_under_kicker`)."""
    k = view.real.index(i)
    if k == 0:
        return None
    j = view.real[k - 1]
    return j if whole_line("kicker", view.texts[j].strip()) and _title_form(view, j) else None


def _first_line_title(view: View) -> tuple[int, float] | None:
    """The first line that could head the page (as :func:`.page._title_line` finds it), if it can be
    a title and does not stand inside a broken sentence.  A short label sharing no word with the body
    is passed over (a generic subheading, a stray character), as a later rule may remove it; short
    and sharing are measured on what a title cut from it would be (:func:`_core`), so that the
    second pass, which sees that title, decides the same."""
    for i in view.real:
        t = view.texts[i]
        if not (could_head(t) or view.content[i]):
            continue
        if not could_head(t) or _spliced(view, i):
            return None  # the page opens with a paragraph, or with a phrase pasted into its first sentence
        if _short_label(view, i):
            continue
        return (i, view.support(i)) if title_shaped(t) else None
    return None


def _short_label(view: View, i: int) -> bool:
    """Line ``i`` has fewer letters than a headline and shares no word with the body, as a title cut
    from it would (:func:`_core`): a generic subheading (核心观点) or debris (万), not a headline."""
    core = _core(view.texts[i])
    return bool(view.vocabulary()) and sum(c.isalnum() for c in core) < HEADLINE_LEN[0] \
        and not _support(view, core)


def _core(line: str) -> str:
    """``line`` without every prefix and suffix :func:`title` might cut (``【栏目】``, ``焦点：``,
    ``_某网``): what would be left of it as a title at most, and what a second pass would see."""
    s = line.strip()
    while True:
        cut = s
        if (sfx := _TITLE_SUFFIX.search(cut)) and sfx.start() > 0:
            cut = cut[:sfx.start()].strip()
        if (m := _PREFIX.match(cut) or prefix("column", cut)) and m.end() < len(cut):
            cut = cut[m.end():].strip()
        if cut == s:
            return s
        s = cut


def _spliced(view: View, i: int) -> bool:
    """Line ``i`` stands inside a sentence the page broke around it: the line above ends with a
    clause mark and the line below opens with one (``…大战，`` / ``<phrase>`` / ``，保时捷…``).
    A headline never stands there; a phrase pasted into the sentence does (``spliced_line``).
    Both pieces must hold words (two Han characters at least): debris such as ``0`` above or ``,``
    below, or a short label above (``去年8月``), goes in a later rule, and the second pass, without
    it, must decide the same."""
    k = view.real.index(i)
    if k == 0 or k + 1 >= len(view.real):
        return False
    a, c = view.real[k - 1], view.real[k + 1]
    before = view.texts[a].rstrip()
    after = view.texts[c].lstrip()
    return view.shape(a).hans >= 2 and view.shape(c).hans >= 2 and before.endswith(_CLAUSE_END) \
        and after.startswith(_OPENS_CLAUSE)


def _copies(view: View, i: int, title: str, question: str = "") -> list[int]:
    """Other lines that print the title again: the same letters (in either script), also with
    the search question glued to the title line, or in the head and tail zones the title with a
    few characters more or less (``(图1)``, a column prefix), unless those are a section number:
    ``一、<the headline's words>`` is the article's first section, named after its subject."""
    key = line_key(title)
    if len(key) < 4:
        return []
    asked = line_key(question)
    out = []
    for j in view.real:
        if j == i:
            continue
        k = line_key(view.texts[j])
        if k == key or (asked and k.replace(asked, "", 1) == key):
            out.append(j)
        elif view.bounds.edge(j) and len(k) >= 8 and not _NUMBERED.match(view.texts[j]) and (
                (key in k and len(k) - len(key) <= 8) or (k in key and len(k) >= 0.8 * len(key))
                or _split_filing_title(view, j, key, k)):
            out.append(j)
    return out


FILING_TAIL_MIN = 6  # characters of a filing title's second line (关于某某事项的公告)
ISSUER_HEAD = 2  # characters the issuer's full name shares with the short name opening the headline


def _split_filing_title(view: View, j: int, key: str, k: str) -> bool:
    """Line ``j`` (key ``k``) is the end of the title printed under the line that names its head: a
    filing's title set in two lines, the issuer's full name over ``关于…的公告``, where the
    headline wrote ``<short name>关于…的公告`` (青禾股份 for 青禾农业科技股份有限公司: the two share
    their first characters)."""
    if len(k) < FILING_TAIL_MIN or not key.endswith(k) or len(k) == len(key):
        return False
    k_above = view.real.index(j) - 1
    return k_above >= 0 and line_key(view.texts[view.real[k_above]]).startswith(key[:-len(k)][:ISSUER_HEAD])


_TITLE_PARTS = re.compile(
    r"^(?P<a>[^()（）【】\[\]]{4,80}?)\s*[(（【\[](?P<b>[^()（）【】\[\]]{4,120})[)）】\]]$"
)


def _title_query(s: str, ctx: Context | None) -> bool:
    """A search query glued to a title: a platform question (:func:`is_search_question`), or any
    short phrase without punctuation that asks (``电动车充电桩怎么申请安装``): beside a bracketed
    headline the shape itself is the evidence."""
    return is_search_question(s, ctx) or (4 <= len(s) <= 24 and not _QUERY_BREAKS.search(s) and asks(s))


def printed_alone(view: View, i: int, part: str) -> bool:
    """``part`` of the head-zone line ``i`` stands alone on another line of the head zone.

    ``<query>(<headline>)``: a search phrase the page was made for, with the
    real headline in brackets, is often printed over the headline alone; that
    copy tells which part is the headline, whatever words the phrase uses
    (a query need not ask: ``数据运营 英文``).
    """
    key = line_key(part)
    return len(key) >= 4 and any(
        j != i and line_key(view.texts[j]) == key for j in view.real if j < view.bounds.first)


_QUERY_BREAKS = re.compile(r"[\s，。！？；：、,.!?;:“”\"'（）()《》【】]")


def seo_title_question(doc: Document, ctx: Context) -> list[Change]:
    """``<search question>(<real title>)`` on the title line: keep the title only.

    The reverse, ``<real title>(<search question>)``, loses the bracket.  The
    question is kept in ``doc.notes`` so ``seo_phrase`` can recognise it in the body.
    """
    view = _view(doc, repaired=True)
    chosen = choose_title(view, ctx, doc.notes.get("strip.above_byline", frozenset()))
    if chosen is None:
        return []
    ln = view.line(chosen[0])
    s = ln.text.strip()
    m = _TITLE_PARTS.match(s)
    if not m:
        return []
    a, b = m.group("a").strip(), m.group("b").strip()
    offset = ln.start + (len(ln.text) - len(ln.text.lstrip()))
    if (printed_alone(view, ln.index, b) and not printed_alone(view, ln.index, a)) or (
            _title_query(a, ctx) and not _title_query(b, ctx) and len(b) >= 6
            and not whole_line("title_annotation", b)):
        doc.notes["strip.title_question"] = a
        return [Change(offset, offset + m.start("b"), ""), Change(offset + m.end("b"), offset + m.end(), "")]
    if is_search_question(b, ctx) and not is_search_question(a, ctx) and len(a) >= 6:
        doc.notes["strip.title_question"] = b
        return [Change(offset + m.end("a"), offset + m.end(), "")]
    return []


_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜丨]|\s[-–—]\s|[-–—])\s*(?P<site>[^_|｜丨\-–—]{2,16})$")


def title(doc: Document, ctx: Context) -> list[Change]:
    """The chosen headline (:func:`choose_title`) goes into ``title``, every copy of it out of the body.

    A column prefix (``环球简讯：``, ``【天天播资讯】``, or any short prefix the body
    shares no word with, ``焦点热门：``) and a site or spam suffix (``_网易新闻``,
    `` - 36氪``, ``|<porn keywords>``) are left out; the site becomes
    ``meta.source``.  Two stacked prefixes (``当前观察：格林美业绩快报：…``) are
    both kept: the second may be the headline's own topic, and cutting one per
    pass would not be idempotent.  Fields after the headline on its line
    (``… 2024-12-28 10:05 来源：某报``) go to ``meta``.
    """
    view = _view(doc, repaired=True)
    chosen = choose_title(view, ctx, doc.notes.get("strip.above_byline", frozenset()))
    doc.notes["strip.titled"] = True  # from here on the zones have no would-be title to pass over
    if chosen is None:
        glued = _glued_headline(view, doc)
        if doc.title is None and (labelled := doc.meta.get("page_title")):
            doc.title = labelled.strip("“”\"'「」『』 ")  # 标题：“…” in a template's footer: the page's headline
        return glued
    ln = view.line(chosen[0])
    s = ln.text.strip()
    split = split_title_fields(s)
    if split:
        s, found = split
        for key, value in found.items():
            if key in META_FIELDS:
                doc.meta.setdefault(key, value)
    issuer = _filing_pair(view, ln.index)
    if issuer is not None:
        first, second = sorted((issuer, ln.index))
        s = view.texts[first].strip() + view.texts[second].strip()
    copies = _copies(view, ln.index, s, doc.notes.get("strip.title_question", ""))
    if issuer is not None:
        copies.append(issuer)
    # Short labels passed over above the headline (a column tag, debris): on the second pass the
    # headline is the first line and they would stand below it, next to the body, so they go with it.
    above = [j for j in view.real if j < ln.index and could_head(view.texts[j]) and _short_label(view, j)]
    if (kick := kicker_above(view, ln.index)) is not None and kick not in above:
        above.append(kick)  # the kicker of a two-line headline goes with it
    bylined = doc.notes.get("strip.above_byline", frozenset())
    passed = _passed_over(view, ln.index, bylined, ctx)
    above.extend(j for j in passed if j not in above)
    # A line right above the byline (a column's name under the headline, 财经) is above no prose, though
    # it is once the byline is out: head_noise may take it.
    doc.notes["strip.above_prose"] = above_prose(view, ln.index, frozenset(above)) - bylined
    m = prefix("column", s)
    if m and len(s) - m.end() >= 6 and not prefix("column", s[m.end():].strip()) and _is_column(m, ctx):
        doc.stats["strip.title.column_prefix"] += 1
        s = s[m.end():].strip()
    else:
        s = _unsupported_prefix(view, s, doc)
    vocab = view.vocabulary()
    while (sfx := _TITLE_SUFFIX.search(s)) and len(s) - len(sfx.group()) >= 6 and _headline_like(s[:sfx.start()]):
        site = sfx.group("site").strip()
        if is_site_name(site, ctx):
            doc.stats["strip.title.site_suffix"] += 1
            doc.meta.setdefault("source", site)
        elif spam_score(site).hits or (vocab and grams(s[:sfx.start()]) and not grams(site) & vocab.keys()):
            doc.stats["strip.title.foreign_suffix"] += 1
        else:
            break
        s = s[:sfx.start()].strip()  # stacked suffixes all go, so that a second run cuts nothing
    if s.endswith(".") and not s[-2:-1].isascii():
        s = s[:-1]  # a full stop after Chinese, left ASCII by the normalize stage only because a suffix followed
    s = s.rstrip("。")  # after the ASCII stop: 万。. is 万 on the first pass as on the second
    doc.title = s
    why = {ln.index: f"the headline: the body shares {chosen[1]:.0%} of its words"}
    why.update({j: "a copy of the headline" for j in copies})
    if issuer is not None:
        why[issuer] = "the other line of a filing's title set in two (the issuer's name, 关于…的公告)"
    if above:
        why.update({j: "a short label above the headline sharing no word with the body" for j in above})
        why.update({j: "a column's name or a slogan above the headline, which stands right above its byline"
                    for j in passed})
        if kick is not None:
            why[kick] = "the kicker above a two-line headline (who spoke where)"
        return view.remove([*above, ln.index, *copies], why)
    return view.remove([ln.index, *copies], why)


# A column's name before the headline: 《栏目》 【栏目】 「栏目」 栏目： 栏目｜ 栏目／ (a paper's column set off
# by a slash).
_PREFIX = re.compile(r"^(?:《(?P<a>[^》]{2,10})》|[【「](?P<b>[^】」]{2,10})[】」]"
                     r"|(?P<c>[\u4e00-\u9fff]{2,8})[:：|｜丨／])\s*")


def above_prose(view: View, title: int, gone: frozenset[int] = frozenset()) -> frozenset[str]:
    """The head-zone lines standing right above a line of prose (:meth:`.page.View.above_prose`),
    as ``line_key``: ``head_noise`` keeps them.  Taken while the title is still in place: chrome
    above the title is not above prose, even once the title is gone.  The title line itself is left
    out: it goes, and a line like it lower down is not above prose for being like it; so are the
    lines in ``gone``, which go with the title."""
    real = view.real
    return frozenset(line_key(view.texts[i]) for k, i in enumerate(real)
                     if i < view.bounds.first and i != title and i not in gone and view.above_prose(k)
                     and real[k + 1] != title)  # right above the title (were it a long sentence) is above no prose


def _headline_like(s: str) -> bool:
    """What is left of a title once a prefix or suffix is cut could stand first on a page
    as its title again (letters, mostly Han characters), so the cut is the same on a second run."""
    return could_head(s) and title_shaped(s) and shown_len(s.strip()) >= 4


def _unsupported_prefix(view: View, s: str, doc: Document) -> str:
    """``s`` without a short prefix (``《通信网络》``, ``焦点热门：``) that shares no word with the body,
    when the rest is a headline the body supports."""
    m = _PREFIX.match(s)
    if not m:
        return s
    rest = s[m.end():].strip()
    if not _headline_like(rest):
        return s
    vocab = view.vocabulary().keys()
    words = grams(m.group("a") or m.group("b") or m.group("c"))
    rest_words = grams(rest)
    if shown_len(rest) < 6 or not words or words & vocab or len(rest_words) < 4:
        return s
    if len(rest_words & vocab) / len(rest_words) < PREFIX_REST_SUPPORT:
        return s
    doc.stats["strip.title.column_prefix"] += 1
    return rest


def _is_column(m: re.Match[str] | regex.Match[str], ctx: Context) -> bool:
    """A column prefix opens with nothing, generic words or a site's name (环球简讯, 36氪快讯),
    not with the headline's subject (英伟达财报点评：, 比亚迪快报：)."""
    mod = (m.groupdict().get("mod") or "").strip()
    return not mod or whole_line("column_modifier", mod) or is_site_name(mod, ctx)


GLUED_SUPPORT = 0.8  # the share of a glued headline's words its paragraph repeats at least
# A flash news item flattened onto one line: ``<subject>：<headline><subject>：<the story>`` — the
# story opens with the same subject and colon as its headline.
_GLUED_HEADLINE = re.compile(r"(?P<lead>[^\s：:，,。；;！？!?]{2,10}[：:])"
                             r"(?P<head>[^。；;！？!?：:\n]{4,60}?)(?P=lead)")


def _glued_headline(view: View, doc: Document) -> list[Change]:
    """A page without a headline line whose first line opens with one glued to its story.

    Flash news (快讯) is printed as a headline and a story that both open
    with the subject and a colon (``某公司：一季度利润增长三成某公司：一季度收入…``);
    flattened onto one line the headline runs into the story.  When the first
    line opens so, the part before the subject's second opening is a
    headline's length and form, and the story repeats most of its words
    (``GLUED_SUPPORT``: the headline sums the story up), that part is the title.
    """
    if not view.real:
        return []
    i = view.real[0]
    t = view.texts[i]
    lead = len(t) - len(t.lstrip())
    m = _GLUED_HEADLINE.match(t, lead)
    if m is None:
        return []
    head = t[lead:m.start("head") + len(m.group("head"))].strip()
    words = grams(head)
    rest = grams(t[m.end("head"):])
    if not HEADLINE_LEN[0] <= shown_len(head) <= HEADLINE_LEN[1] or not words \
            or len(words & rest) < GLUED_SUPPORT * len(words):
        return []
    doc.title = head
    share = len(words & rest) / len(words)
    return [Change(view.starts[i] + lead, view.starts[i] + m.end("head"), "",
                   f"the headline glued to its story, which repeats {share:.0%} of its words")]

