"""Page furniture recognised by markers: related lists, disclaimers, contact blocks, captions, tags.

The markers are the kinds of ``data/boilerplate.tsv``; each rule removes the
marker line and, where the marker announces a block (a related list, a
notice, contact details), the lines of that block.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhextract.document import Change, Document
from zhextract.prefilter import Prefiltered
from zhextract.stages.strip.boilerplate import (
    CLAUSE_OR_QUOTE_MARKS,
    TERMINATORS,
    Pattern,
    bare,
    boilerplate_pattern,
    boilerplate_source,
    is_decoration,
    is_disclaimer,
    is_notice_body,
    line_start_pattern,
    prefix,
    quick_pattern,
    reads_as_content,
    shown_len,
    whole_line,
)
from zhextract.stages.strip.corpus import line_key
from zhextract.stages.strip.fields import parse_meta_line
from zhextract.stages.strip.page import _NUMBERED, SHORT, View, _view, cells, good_line, is_code_line, is_table_row
from zhextract.step import Context

# ====================================================================== end of article
OTHER_STORY_SUPPORT = 0.1  # a summary under a list marker shares less than this with the article
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
    also takes the headlines under it, up to the first line of prose (the
    summaries of those stories are ``related_summary``'s).  A metadata
    line inside the list (``责任编辑：…``) is left for ``header_meta``.
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
            headline = False  # the last line taken was a headline of the list
            headlines = 0
            while j < view.n and _is_list_item(view.texts[j]):
                t = view.texts[j].strip()
                if t:
                    headline = _story_headline(view, j)
                    headlines += headline
                if parse_meta_line(view.texts[j]) is None:
                    drop.append(j)
                upto = j
                j += 1
            if headline and j < view.n:  # prose under a headline: maybe its summary (related_summary)
                doc.notes.setdefault("strip.list_stops", {})[line_key(view.texts[j])] = headlines
    return view.remove(drop)


def related_summary(doc: Document, ctx: Context) -> list[Change]:
    """The summaries of the stories of a list under a marker, and the rest of that list.

    ``related_list`` stops at the first line of prose under a marker; a list
    of other stories often gives each headline its summary (``• <headline>`` /
    ``<summary>`` / ``07-22 某报``).  Where it stopped right under a headline
    of the list (an item with a bullet or a number),
    a line of prose of 40 to 200 characters that shares little vocabulary
    with the article is that headline's summary, when the list goes on after
    it (headlines, dates, more summaries) to the end of the page and holds
    two stories at least.  It
    compares vocabularies, so it runs after the repair stage.
    """
    stops: dict[str, int] = doc.notes.pop("strip.list_stops", {})
    view = _view(doc, repaired=True)
    if not stops:
        return []
    drop: list[int] = []
    real = view.real
    for k, i in enumerate(real):
        headlines = stops.get(line_key(view.texts[i]))
        if headlines is None or not _other_story(view, i, i):
            continue
        story = [i]
        headline = False
        for j in real[k + 1:]:
            t = view.texts[j]
            if _is_list_item(t):
                headline = _story_headline(view, j)
                headlines += headline
            elif headline and _other_story(view, j, i):
                headline = False
            else:
                break  # the article goes on: this was no list of other stories
            if parse_meta_line(t) is None:
                story.append(j)
        else:
            if headlines >= 2:
                drop.extend(story)  # a list of two stories or more runs to the end of the page
    return view.remove(drop, "a story of a list of other stories (its summary, headline or date)")


_ITEM_MARK = re.compile(r"^\s*(?:[-–—•·▪●○◆■□>»]|\d{1,2}[.、．)）])\s*")


def _story_headline(view: View, j: int) -> bool:
    """Line ``j`` of a list is a list item (a bullet or a number before it) of headline form, not a
    date, a marker, furniture or a notice."""
    t = view.texts[j].strip()
    if not _ITEM_MARK.match(t):
        return False
    t = _ITEM_MARK.sub("", t)
    return view.shape(j).headline and not _is_end_marker(t) and not whole_line("furniture", t) \
        and not whole_line("contact", t) and not prefix("disclaimer", t) \
        and not boilerplate_pattern("disclaimer_term").search(t)


def _other_story(view: View, j: int, marker: int) -> bool:
    """Line ``j`` of a list (under one of its headlines) is the summary of another story: prose of
    40 to 200 characters sharing little vocabulary with the article above line ``marker``
    (two lines of prose at least)."""
    t = view.texts[j]
    if not (40 <= len(t) <= 200 and view.content[j]) or sum(1 for i in view.anchors if i < marker) < 2:
        return False
    return view.support(j, before=marker) < OTHER_STORY_SUPPORT


def _disclaimer_candidates(view: View) -> set[int]:
    """Lines that open with a disclaimer marker or name the site itself early on."""
    text = view.text
    out = {view.index_at(m.start()) for m in line_start_pattern("disclaimer").finditer(text)}
    self_ref = quick_pattern("disclaimer_self")
    out.update(i for i in view.real if self_ref.search(view.texts[i], 0, 30))
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
        if len(s) <= 12 and (m := prefix("disclaimer", s)) and not bare(s[m.end():]):
            k = view.real.index(i)  # a marker alone: the notice is the next line that is not blank
            nxt = view.real[k + 1] if k + 1 < len(view.real) else None
            if nxt is not None and is_notice_body(view.texts[nxt]):
                drop.extend((i, nxt))
                continue
        if is_disclaimer(s, inside=not view.bounds.edge(i)):
            drop.append(i)
            if (m := prefix("notice_source", s)) and not whole_line("generic_source", m.group("src")):
                doc.notes.setdefault("strip.notice_source", m.group("src"))  # 本文首发于某某: header_meta's
    drop.extend(_notice_ends(view))
    if drop:
        after = view.texts[max(drop) + 1:]
        tail = [t for t in after if t.strip()]
        if tail and all(len(t) <= 40 and not reads_as_content(t) and "。" not in t for t in tail):
            doc.notes["strip.site_tail"] = tuple(after)
    return view.remove(drop)


NOTICE_END_LINE = 60  # characters of a tail line closed by a notice's marker (disclaimer_end)
STRANDED_LABEL = 12  # characters of a label line stranded between the article and its notices


def _notice_ends(view: View) -> list[int]:
    """Tail-zone lines closed by a notice's marker (``disclaimer_end``: 某某新闻版权与免责声明：,
    …由某某财经提供（免责声明）), and the label lines stranded above the first of them, back to the
    article's last line of prose: short, no sentence mark, no metadata (a quote widget's 相关股票,
    波幅, 20天 260天)."""
    end = boilerplate_pattern("disclaimer_end")
    found = [i for i in view.real if (view.bounds.tail(i) or i == view.real[-1])
             and len(s := view.texts[i].strip()) <= NOTICE_END_LINE
             and any(m.end() == len(s) for m in end.finditer(s))]
    if not found:
        return []
    out = list(found)
    for j in range(found[0] - 1, -1, -1):
        t = view.texts[j].strip()
        if not t:
            continue
        if len(t) > STRANDED_LABEL or TERMINATORS.search(t) or parse_meta_line(t) is not None:
            break
        out.append(j)
    return out


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
    """Contact and business blocks: the marker line and the detail lines under it
    (telephone, e-mail, link, a contact person's name).

    Detail lines (``电话：…``, an e-mail address) alone count only in the tail zone.
    """
    view = _view(doc)
    drop: list[int] = []
    for i in view.short:
        s = view.texts[i].strip()
        if i in drop:
            continue
        if view.content[i] and len(s) > 30:
            if view.bounds.tail(i) and not TERMINATORS.search(s) and whole_line("contact_detail", s):
                drop.append(i)  # details joined by colons read like clauses: 举报电话：… 举报邮箱：…
            elif len(s) <= 90 and whole_line("contact", s):
                drop.append(i)  # 如需转载，请来函至…联系。: the whole wording is the marker's
            continue
        if len(s) <= 90 and whole_line("contact", s):
            drop.append(i)
            for j in range(i + 1, view.n):
                t = view.texts[j].strip()
                if not t or len(t) > 80 or not (whole_line("contact_detail", t) or whole_line("url", t)
                                                 or _CONTACT_NAME.fullmatch(t)):
                    break
                drop.append(j)
        elif len(s) <= 80 and view.bounds.tail(i) and whole_line("contact_detail", s):
            drop.append(i)
    return view.remove(drop)


_CRUMB_SEP = re.compile(r"\s*[>》»＞›→]\s*")
CRUMBS_MIN = 3  # crumbs of a breadcrumb (站名 > 栏目 > 正文)
SITE_ABOVE_CRUMBS = 2  # lines above a breadcrumb where the site's name may stand


def _site_names_over_crumbs(view: View, drop: list[int]) -> list[int]:
    """The site's name standing above its breadcrumb: a short line that is no prose and opens with the
    breadcrumb's first crumb (``某某网[中国]有限公司`` over ``某某网 > 公告 > 正文``).  Left alone, it is
    the first line of the page and would be taken for the headline."""
    out: list[int] = []
    real = view.real
    for i in drop:
        crumbs = [c for c in _CRUMB_SEP.split(view.texts[i].strip()) if c]
        if len(crumbs) < CRUMBS_MIN or len(crumbs[0]) < 2:
            continue
        k = real.index(i)
        for j in real[max(0, k - SITE_ABOVE_CRUMBS):k]:
            if j not in drop and not view.content[j] and view.texts[j].strip().startswith(crumbs[0]):
                out.append(j)
    return out


def furniture(doc: Document, ctx: Context) -> list[Change]:
    """Lone share / comment / navigation / follow-us lines, wherever they stand.

    Also notices of the page itself that read like sentences (``请更新至最新的
    浏览器版本。``, ``（节选）全文约2300字``), decoration-only lines (``▼▼▼``) and links: a labelled link
    (``本文链接：…``) anywhere, a bare URL in the head or tail zone, a bare
    counter (``0``, ``1.2万``) next to other furniture, and the code line heading a listed company's
    filing (``证券代码：600000 证券简称：某某``).
    """
    view = _view(doc)
    drop = []
    for i in view.short:
        s = view.texts[i].strip()
        if _URLISH.search(s) and whole_line("url", s):
            if view.bounds.edge(i) or not s.lower().startswith(("http", "www")):
                drop.append(i)
        elif not view.content[i] and len(s) <= 60 and (is_decoration(s) or whole_line("furniture", s)
                                                       or _glued_labels(s)):
            drop.append(i)
        elif _ARROW_LEAD.match(s) and whole_line("furniture", s):
            drop.append(i)  # >>>立即浏览…: a link to elsewhere, even when it reads as a sentence
        elif whole_line("page_notice", s):  # a whole-line notice of the page, however long (at most SHORT)
            drop.append(i)
        elif whole_line("filing_header", s):
            drop.append(i)  # 证券代码：600000 证券简称：…: a filing's code line, its labels read as clauses
    drop += _site_names_over_crumbs(view, drop)
    # A like / comment counter (0, 1.2万) between share buttons goes with them.
    removed = set(drop)
    real = view.real
    for k, i in enumerate(real):
        if _COUNT_ONLY.fullmatch(view.texts[i].strip()) and (
                (k > 0 and real[k - 1] in removed) or (k + 1 < len(real) and real[k + 1] in removed)):
            drop.append(i)
    return view.remove(drop)


GLUED_LABELS_LEN = 20  # characters of a line of two furniture labels run together (我来说两句排行榜) at most


def _glued_labels(s: str) -> bool:
    """Whether ``s`` is two furniture labels written without a break (我来说两句|排行榜, 分享到|返回顶部): a
    page's widgets whose markup ran together, each a ``furniture`` or ``end_marker`` line of boilerplate.tsv."""
    if len(s) > GLUED_LABELS_LEN:
        return False
    return any(whole_line("furniture", s[:k]) and (whole_line("furniture", s[k:]) or whole_line("end_marker", s[k:]))
               for k in range(2, len(s) - 1))


def end_button(doc: Document, ctx: Context) -> list[Change]:
    """A link button glued to the end of a line that stays (``…的企业。（详情）``) is cut off it.

    Runs last, on the lines every other rule kept: cutting a line changes its
    text, by which earlier rules recognise it again (a list's summaries).
    """
    button = _end_button()
    view = _view(doc, repaired=True)
    changes = []
    for i in view.real:
        t = view.texts[i]
        if (m := button.search(t)) and m.start() > 0 and t[:m.start()].strip():
            changes.append(Change(view.starts[i] + m.start(), view.starts[i] + m.end(), "",
                                  "a link button glued to the end of the line"))
    return changes


@lru_cache(maxsize=1)
def _end_button() -> Prefiltered:
    """A link button (``end_button`` in ``boilerplate.tsv``) closing a line in brackets (``…。（详情）``),
    or set off by a space after a sentence's end (``…。 详情``).  Bare and glued it may be the
    first words of a sentence the page was cut in (``…。详细``), and stays.

    Behind the prefilter: the pattern opens with ``\\s*``, so ``re`` tries it at every
    character of every line the rule asks; a line holding none of the few characters its
    words need (详 阅 查 更 文) is passed over by one scan of a character class.
    """
    words = boilerplate_source("end_button")
    return Prefiltered(
        re.compile(rf"\s*(?:[（(【\[]\s*(?:{words})\s*[)）】\]]|(?<=[。！？!?])\s+(?:{words}))\s*(?:>>|»|›)?\s*$"))


_CONTACT_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}|[\u4e00-\u9fff·]{2,4}(?:\s*(?:先生|女士))?")
_COUNT_ONLY = re.compile(r"\d{1,7}(?:\.\d)?[万wk]?\+?")
_ARROW_LEAD = re.compile(r"(?:>{2,}|》{2,}|»{2,}|▶{2,}|►{2,}|→{2,})")
_URLISH = re.compile(r"https?://|www\.|链接|地址")
_PARENTHESISED = re.compile(r"[（(【\[].*[)）】\]]")


def caption(doc: Document, ctx: Context) -> list[Change]:
    """Image captions and credits alone on their line: ``（资料图片）`` ``（截自…）`` ``图/视觉中国``.

    A sentence is a caption too when it opens with a caption label
    (``图片说明：``) or closes with a photographer's credit (``…交谈。（记者 张三 摄）``), and so is a line
    of figure titles run together (``图1：… 图2：…``).
    A data-source credit (``（数据来源：…）``, ``（36氪研究院；招股书）``) is content and stays.
    """
    view = _view(doc)
    drop = []
    labelled = boilerplate_pattern("caption_label")  # anchored: fails fast as it is
    credit = quick_pattern("caption_credit")
    placed = _placed_people(view, credit)
    for i in view.real:
        s = view.texts[i].strip()
        if (len(s) <= 200 and (labelled.match(s) or credit.search(s))) or i in placed \
                or (len(s) <= FIGURE_LIST_LEN and s[:1] in "图表" and whole_line("figure_list", s)) \
                or ((s[:1] == "表" or s[-1:] == "表") and len(s) <= SHORT and whole_line("table_title", s)
                    and not _table_follows(view, i)):
            drop.append(i)
            continue
        if len(s) > SHORT:
            continue
        if len(s) > 70 or (view.content[i] and not _PARENTHESISED.fullmatch(s)):
            continue
        if whole_line("caption", s):
            drop.append(i)
    return view.remove(drop + _image_titles(view, drop))


IMAGE_TITLE_MIN = 6  # characters of a line that a caption under it repeats, to be the image's title


def _image_titles(view: View, captions: list[int]) -> list[int]:
    """The line right above a caption when the caption holds all of it (``某某雷达图`` / ``图(2)某某雷达图
    (本站自行绘制)``): the image's title, printed over it and again in its caption."""
    out = []
    real = view.real
    for i in captions:
        k = real.index(i)
        if k == 0 or (j := real[k - 1]) in captions:
            continue
        above = view.texts[j].strip()
        if len(above) >= IMAGE_TITLE_MIN and not good_line(above) and above in view.texts[i]:
            out.append(j)
    return out


def _table_follows(view: View, i: int) -> bool:
    """Whether a row of a table printed as text, or a short cell, is the next line after line ``i``."""
    k = view.real.index(i) + 1
    if k >= len(view.real):
        return False
    t = view.texts[view.real[k]].strip()
    return is_table_row(t) or (len(t) <= TABLE_CELL and not good_line(t) and not _NUMBERED.match(t))


TABLE_CELL = 12  # characters of a line that may be one cell of a table printed a cell per line


FIGURE_LIST_LEN = 400  # characters of a line of figure titles run together (图1：… 图2：…) at most
POSITIONED_LEN = 150  # characters a caption naming where the people in the photo stand has at most


def _placed_people(view: View, credit: Pattern | Prefiltered) -> set[int]:
    """Captions that say where the people shown stand (``某某（左）与某某（右）交谈``, ``左起：…``).

    The note of a position (``caption_position`` in ``boilerplate.tsv``) is a
    caption's own wording; article prose names people without it.  It must
    come with another sign of a caption: a second note, a photographer's
    credit, a line cut off before its end (captions are clipped to a box), or
    a caption of the same kind right above or below.  A line with one note
    and no clause mark (``某某回顾（中）``, the middle part of a series) is no
    caption, nor is a full sentence with one note and nothing else.
    """
    position = quick_pattern("caption_position")
    noted: dict[int, int] = {}
    for i in view.real:
        s = view.texts[i].strip()
        if len(s) > POSITIONED_LEN:
            continue
        n = sum(1 for _ in position.finditer(s))
        if n >= 2 or (n and _CLAUSE.search(s)):
            noted[i] = n
    out = set()
    for i, n in noted.items():
        s = view.texts[i].strip()
        k = view.real.index(i)
        near = {view.real[j] for j in (k - 1, k + 1) if 0 <= j < len(view.real)}
        if n >= 2 or credit.search(s) or not _ENDS_SENTENCE.search(s) or near & noted.keys():
            out.add(i)
    return out


_CLAUSE = re.compile(r"[，,、；;]")
_ENDS_SENTENCE = re.compile(r"[。！？!?…][”’」』）)】\"']*$")
CHART_TITLE_LEN = 30  # a chart's title above its source line has at most this many characters (shown_len)


def chart_credit(doc: Document, ctx: Context) -> list[Change]:
    """A chart's furniture in a report: its short title and its source line (``数据来源：…``).

    The page kept the words around a chart picture and lost the picture:
    a short noun-phrase title (``<period><company>销售情况``) right above a
    line crediting the data (``chart_source`` in ``boilerplate.tsv``).  Both
    go, but only as that pair, below the body's first paragraph: a credit
    alone under a paragraph credits the paragraph's figures and stays, and
    so does a pair next to a table row (the table is the article's).  The
    title must be no sentence (no punctuation, not prose, no metadata, no
    numbered section heading).  Runs before ``code_line``, so that a credit
    right under an image line goes too.
    """
    source = boilerplate_pattern("chart_source")
    if not source.search(doc.text):
        return []
    view = _view(doc)
    real = view.real
    drop: dict[int, str] = {}
    for k, i in enumerate(real):
        s = view.texts[i].strip()
        if k == 0 or i <= view.bounds.first or len(s) > 60 or not source.match(s.lstrip(_LEAD_CHARS)) \
                or s.endswith("。"):
            continue
        above, below = real[k - 1], (real[k + 1] if k + 1 < len(real) else None)
        if below is not None and cells(view.texts[below]) >= 3:
            continue
        t = view.texts[above].strip()
        if _IMAGE_LINE.search(t) and is_code_line(t):
            drop[i] = "the source line under an image (a chart's credit)"
        elif _chart_title(view, above) and not (k > 1 and cells(view.texts[real[k - 2]]) >= 3):
            drop[above] = "a chart's title above its source line"
            drop[i] = "a chart's source line under its title"
    return view.remove(drop, drop)


_LEAD_CHARS = " \t\u3000（(【[▲△↑▼"
_IMAGE_LINE = re.compile(r"<img|<image|!\[|\.(?:jpe?g|png|gif|webp|bmp)\b", re.IGNORECASE)


def _chart_title(view: View, i: int) -> bool:
    """Line ``i`` can be a chart's title: short, Han, no punctuation (so no label and colon), not prose
    or a numbered heading."""
    s = view.texts[i].strip()
    return 4 <= shown_len(s) <= CHART_TITLE_LEN and view.shape(i).hans >= 4 and not view.content[i] \
        and not CLAUSE_OR_QUOTE_MARKS.search(s) and not _NUMBERED_HEAD.match(s) and not is_table_row(s)


_NUMBERED_HEAD = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．)）]|第[一二三四五六七八九十\d]+[章节部分])")
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



# ====================================================================== promotions
PROMOTION_LEN = 160  # characters a promotion line has at most
_SELLING_RUN = re.compile(r"(?:[，,、][^\u4e00-\u9fff，,、。]{0,2}[\u4e00-\u9fff]{2}){3,}[，,、]")
_PITCHES = re.compile(r"(?:^|[。！!？?]\s*)【[^【】]{2,16}】")
_QUOTED = re.compile(r"[“”「」『』\"]")


def promotion(doc: Document, ctx: Context) -> list[Change]:
    """An advertisement of the site's own service above or below the article, even when it reads as a sentence.

    Ad copy speaks to the reader (``reader_address`` in ``boilerplate.tsv``:
    助您, 让您) and has a shape of its own: a run of three or more two-character
    selling words between commas (``，快捷，精准，实用，``), or two or more
    bracketed channel names each opening its pitch (``【某某电子报】…。【某某周刊】…``).
    A headline or a deck may speak to the reader too (``三招帮你读懂新规``) but
    has neither shape, and a line with quotation marks is someone's words.
    Only in the head and tail zones (of the repaired text, whose zones leave
    out a foreign paragraph above the article).
    """
    address = boilerplate_pattern("reader_address")
    if not address.search(doc.text):
        return []  # most pages never speak to the reader: no view, no zones to find
    view = _view(doc, repaired=True)
    b = view.bounds
    drop: dict[int, str] = {}
    for i in view.real:
        s = view.texts[i].strip()
        if not b.edge(i) or len(s) > PROMOTION_LEN or not address.search(s) or _QUOTED.search(s):
            continue  # a quotation is someone's words (a customer praising a car), not the site's ad
        if _SELLING_RUN.search(s):
            drop[i] = "an advertisement speaking to the reader, with a run of selling words"
        elif len(_PITCHES.findall(s)) >= 2:
            drop[i] = "an advertisement speaking to the reader, bracketed channel names each with its pitch"
    return view.remove(drop, drop)
