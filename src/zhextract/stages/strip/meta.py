"""Header and footer metadata lines lifted into ``meta``.

The lines are parsed by :mod:`.fields`; this module decides which lines of
the page are metadata (by their zone) and removes them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from zhextract.document import Change, Document
from zhextract.extract.numerals import cn_to_int
from zhextract.lexicon import lexicon
from zhextract.patterns import compile_pattern
from zhextract.stages.strip.boilerplate import (
    TERMINATORS,
    bare,
    boilerplate_pattern,
    boilerplate_source,
    reads_as_content,
    shown_len,
    whole_line,
)
from zhextract.stages.strip.corpus import line_key
from zhextract.stages.strip.fields import (
    META_FIELDS,
    is_person_name,
    is_site_name,
    labels_of,
    parse_datetime,
    parse_meta_line,
    split_names,
)
from zhextract.stages.strip.page import View, _view
from zhextract.step import Context


def header_meta(doc: Document, ctx: Context) -> list[Change]:
    """Lift source / author / editor / published lines into ``meta``.

    Looked for in the head zone (before the first paragraph of prose) and in
    the tail zone (after the last), and between paragraphs for a reporter's byline alone
    (:func:`_byline_between`); in the head zone a person's name alone,
    or with an account's name, is a byline too.  The first line is taken as metadata when
    it holds two fields or a date, or when a title follows it.  The head zone
    has no line limit: with one, lines removed above a metadata line would
    bring it under the limit on a second pass (not idempotent).  Short labels of the site
    under the last metadata line of the tail go with it (:func:`_labels_below`).
    """
    view = _view(doc, repaired=True)
    bounds = view.bounds
    drop = []
    bare_date = False  # meta.published came from a date without a label (it yields to a labelled one)
    for i in view.real:
        if not (bounds.head(i) or bounds.tail(i) or _byline_between(view.texts[i])):
            continue
        found = parse_meta_line(view.texts[i]) or (
            _bare_byline(view.texts[i]) if bounds.head(i) and i != view.real[0] else None)
        if not found:
            continue
        if i == view.real[0] and len(found) < 2 and "published" not in found \
                and (len(view.real) < 2 or view.content[view.real[1]]) and not one_letter_byline(view.texts[i]) \
                and not _byline_between(view.texts[i]):
            continue  # one label on the first line, prose under it: a title like "编辑：一个被低估的职业" (but
            # 记者某某／综合报导 names a person: a byline, the page having no headline)
        if bounds.tail(i) and set(found) == {"published"} and _signs(view, i):
            continue  # "青禾市住房和城乡建设局" / "2024年4月3日": the date under a notice's signature
        labelled = "published" in found and labelled_date(view.texts[i])
        for key, value in found.items():
            if key == "published" and labelled and bare_date:
                doc.meta[key] = value
                bare_date = False
            elif key in META_FIELDS and key not in doc.meta:
                doc.meta[key] = value
                bare_date = bare_date or (key == "published" and not labelled)
        drop.append(i)
    if "source" not in doc.meta and (first_ran := doc.notes.get("strip.notice_source")):
        doc.meta["source"] = first_ran  # 本文首发于某某, in a notice the disclaimer rule took out
    real, lifted = view.real, set(drop)
    doc.notes["strip.above_byline"] = frozenset(  # the headline stands right above its byline (choose_title)
        line_key(view.texts[real[k - 1]]) for k, i in enumerate(real)
        if k and i in lifted and bounds.head(i) and real[k - 1] not in lifted)
    tail = [i for i in drop if bounds.tail(i)]
    labels = _labels_below(view, max(tail)) if tail else []
    why = dict.fromkeys(drop, "")
    why.update(dict.fromkeys(labels, "a short label below the article's closing credits, sharing no word with it"))
    return view.remove([*drop, *labels], why)


BYLINE_BETWEEN_LEN = 30  # characters of a reporter's byline set between a lead and the body


def _byline_between(line: str) -> bool:
    """A reporter's byline standing between paragraphs (a lead above it, the story under it:
    ``●某某日报记者 张三``): a short line of staff fields only, with no sentence mark, whose names are
    all people's (family name first)."""
    s = line.strip()
    if len(s) > BYLINE_BETWEEN_LEN or shown_len(s) > BYLINE_BETWEEN_LEN or _SENTENCE_STOP.search(s):
        return False
    found = parse_meta_line(s)
    if found is None or not set(found) <= {"source", "author", "editor", "credit"}:
        return False
    names = [n for key in ("author", "editor") if key in found for n in split_names(found[key])]
    return bool(names) and all(is_person_name(n) for n in names)  # 记者手记: a subheading, no byline


TAIL_LABEL_LEN = 8  # characters a site's label under the closing credits has at most (shown_len)


def _labels_below(view: View, last: int) -> list[int]:
    """The lines under the article's last metadata line (``责任编辑：…``) when every one of them is a
    short label of the site (a channel name, ``资讯``): no punctuation, not prose, no person's name,
    no metadata, sharing no word with the body.  Below the closing credits the article has ended;
    a line there that shares a word with it, or a name, may still be the article's and stays."""
    below = [i for i in view.real if i > last]
    if not below or not view.anchors:
        return []
    for i in below:
        s = view.texts[i].strip()
        if view.content[i] or shown_len(s) > TAIL_LABEL_LEN or _LABEL_MARKS.search(s) or is_person_name(s) \
                or parse_meta_line(s) is not None or not view.grams(i) or view.support(i) > 0:
            return []
    return below


_LABEL_MARKS = re.compile(r"[，。；！？：,.;!?:、“”\"（）()]")


@lru_cache(maxsize=1)
def _date_label() -> regex.Pattern[str]:
    labels = "|".join(regex.escape(x) for x in sorted(labels_of("published"), key=len, reverse=True))
    return compile_pattern(rf"(?:{labels})\s*[:：|｜丨]?\s*(?:19|20)\d{{2}}", regex.IGNORECASE)


def labelled_date(line: str) -> bool:
    """The line's date follows a publication label (``发布时间：2017-05-06``, ``发表于2016/3/29``).

    A date alone above the title (``2024年10月23日 星期三``) is often the site's
    clock, the day the page was crawled: a labelled date further down the
    header is the article's, and replaces it.
    """
    return bool(_date_label().search(line))



@lru_cache(maxsize=1)
def _one_letter_label() -> re.Pattern[str]:
    letters = "".join(x for x in (*labels_of("author"), *labels_of("source")) if len(x) == 1)
    return re.compile(rf"\s*[{re.escape(letters)}]\s*[|｜丨/／:：]\s*[^\s，。,.!?！？]{{2,10}}\s*")


def one_letter_byline(line: str) -> bool:
    """``文｜某某``: a one-character label (文) and a short name.  A reposted article that lost its
    headline opens with it, and no headline is written that way (``编辑：一个被低估的职业`` is)."""
    return bool(_one_letter_label().fullmatch(line))


def _bare_byline(line: str) -> dict[str, str] | None:
    """A byline without labels in the head zone (not its first line, which may be a title): a
    person's name of three characters alone (``曹启乐``), or a person's name and the account or
    outlet publishing it (``周远舟 远舟聊AI``)."""
    tokens = line.split()
    if len(tokens) == 1 and (lead := _lead_author(tokens[0])):
        return {"author": lead}
    if not tokens or len(tokens) > 2 or not is_person_name(tokens[0]):
        return None
    if len(tokens) == 1:
        return {"author": tokens[0]} if len(tokens[0]) == 3 else None  # 万万, 高原: two characters say too little
    return {"author": tokens[0], "source": tokens[1]} if _ACCOUNT.fullmatch(tokens[1]) else None


@lru_cache(maxsize=1)
def _group_byline() -> re.Pattern[str]:
    return re.compile(rf"(?P<group>{boilerplate_source('author_group')})?\s*(?P<name>[\u4e00-\u9fff·]{{2,3}})等")


def _lead_author(token: str) -> str | None:
    """The lead author of a team's byline ending in 等 (``某证券策略组张三等``, ``李四等``): research
    notes reprinted by portals credit the team and its first analyst, with no label.  After a
    team's name the two or three characters before 等 are the analyst's name whatever the family
    name; alone, they must open with a family name (``美国等`` is no byline)."""
    m = _group_byline().fullmatch(token)
    if m is None or whole_line("author_group", m.group("name")):
        return None  # 某研究院团队等: the team alone
    return m.group("name") if m.group("group") or is_person_name(m.group("name")) else None


_ACCOUNT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,12}")
_CHINESE_DATE = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
                           r"|[〇零○一二三四五六七八九]{4}\s*年\s*[〇零○一二三四五六七八九十]{1,3}\s*月"
                           r"\s*[〇零○一二三四五六七八九十]{1,3}\s*日)\s*")  # 2024年4月3日, 二〇二四年四月三日
_SIGNATORY = re.compile(r"[\u4e00-\u9fff（）()]{4,30}")


def _signs(view: View, i: int) -> bool:
    """Line ``i`` is a date written in Chinese (in digits or in Chinese numerals) under a signatory's
    name (an office, a company)."""
    if not _CHINESE_DATE.fullmatch(view.texts[i]):
        return False
    k = view.real.index(i)
    return k > 0 and bool(_SIGNATORY.fullmatch(view.texts[view.real[k - 1]].strip())) \
        and parse_meta_line(view.texts[view.real[k - 1]]) is None


def site_name(doc: Document, ctx: Context) -> list[Change]:
    """A site's name above the title becomes ``meta.source``: alone on the first line, or on
    any line of the head zone with the site's slogan or column (``临滨网｜看得见的城市变化``,
    ``临滨日报／周末评论``)."""
    view = _view(doc, repaired=True)
    if len(view.real) < 2:
        return []
    why: dict[int, str] = {}
    first, nxt = (view.texts[i].strip() for i in view.real[:2])
    if is_site_name(first, ctx) and not reads_as_content(nxt):
        doc.meta.setdefault("source", bare(first) or first)
        why[view.real[0]] = "the site's name above the title"
    for i in view.real:
        if i >= view.bounds.first:
            break
        m = _SLOGAN.fullmatch(view.texts[i].strip())
        if m and is_site_name(m.group("site"), ctx) and not reads_as_content(m.group("slogan")):
            doc.meta.setdefault("source", m.group("site"))
            why[i] = "the site's name and slogan above the title"
    return view.remove(why, why)


def site_footer(doc: Document, ctx: Context) -> list[Change]:
    """A site's name alone on a line of the tail zone: the site's footer furniture (its name over its
    hot lists and copyright).  It goes without naming the source: a portal prints its own name there
    whoever wrote the story.  Runs after the rules that read the tail's blocks (``related_run``,
    ``tail_cards``), for which such a name heads a card or a list."""
    view = _view(doc, repaired=True)
    last = view.bounds.last
    if last < 0:
        return []
    return view.remove([i for i in view.real if i > last and is_site_name(view.texts[i].strip(), ctx)],
                       "the site's name alone below the article")


_SLOGAN = re.compile(r"(?P<site>[^\s|｜丨／—–-]{2,12})\s*(?:[|｜丨／]|——|—|--|–|\s-\s)\s*(?P<slogan>[^|｜丨／]{2,20})")


@lru_cache(maxsize=1)
def _date_prefix() -> regex.Pattern[str]:
    """A date stamp opening a paragraph: a publication label of ``meta_fields.tsv`` (optional) and a date
    written with one kind of separator (2024年6月18日, 2024-06-18; not 2021年1-10月, a range of months)."""
    labels = "|".join(regex.escape(x) for x in sorted(labels_of("published"), key=len, reverse=True))
    return compile_pattern(rf"(?:(?:{labels})\s*[:：]?\s*)?"
                           r"(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日?|(?:19|20)\d{2}(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2})"
                           r"(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?![\d:：月])\s*")


_HAN = re.compile(r"[\u4e00-\u9fff]")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_SITE_BRACKET = re.compile(r"【(?P<src>[^【】]{2,12})】")
_AFTER_DATELINE = re.compile(r"^[\s，,：:／/|｜丨-]*")
_TRAILING_CREDIT = re.compile(r"[（(【\[](?P<body>[^（）()【】\[\]]{1,40})[）)】\]]\s*[~～]?"
                              r"\s*(?P<roc>1[0-4]\d(?:0[1-9]|1[0-2])[0-3]\d)?\s*$")
# (編輯：某某)1120511: Taiwan's wire services close a story with the editor's credit and the day filed, its year
# counted from 1912 (民国纪年: 112 is 2023)
ROC_YEAR_OFFSET = 1911


_SENTENCE_GO_ON = re.compile(r"\s*[，,、]")
_MONTH_DAY_HAN = re.compile(r"([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
# A day stamp set off from the paragraph by a bar (``11月13日|某公司发布公告…``): a sentence goes on with a
# comma, never with a bar.
_DAY_STAMP = re.compile(r"(?P<md>\d{1,2}月\d{1,2}日)\s*[|｜丨]\s*")


def _month_day(md: str) -> str | None:
    """``6月2日`` or ``七月二十二日`` as ``MM-DD``, or None."""
    if m := _MONTH_DAY.fullmatch(md):
        month, day = int(m.group(1)), int(m.group(2))
    elif m := _MONTH_DAY_HAN.fullmatch(md):
        month, day = cn_to_int(m.group(1)) or 0, cn_to_int(m.group(2)) or 0
    else:
        return None
    return f"{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


@lru_cache(maxsize=1)
def _field_label() -> tuple[re.Pattern[str], dict[str, str]]:
    """A label of ``meta_fields.tsv`` and its colon, for the fields a template prints glued together."""
    fields = {label: f for f in ("source", "author", "editor", "counter", "published")
              for label in labels_of(f) if len(label) > 1 and not label.isascii()}
    alt = "|".join(map(re.escape, sorted(fields, key=len, reverse=True)))
    return re.compile(rf"(?:{alt})(?=\s*[:：])"), fields


_COLON = re.compile(r"\s*[:：]\s*")
_COUNT_TAIL = re.compile(r"\s*[:：]\s*[\d,.]*\s*[万千wWkK]?\s*次?")
_GLUED_VALUE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·_\-]{1,20}")


def glued_fields(s: str, pos: int = 0) -> tuple[int, dict[str, str]] | None:
    """A CMS template's fields printed glued to the first paragraph, as they come out of a page
    without their markup (``来源：某社作者：某某点击：次<paragraph>``): label after label, each value
    running to the next label, the run closed by a counter (its count left empty or a number, and
    次).  Without the counter nothing says where the last value ends and the paragraph begins, and
    the run is not taken.  Where the fields end, and the fields (source, author, editor, published)."""
    label_re, fields = _field_label()
    found: dict[str, str] = {}
    m = label_re.match(s, pos)
    while m is not None:
        field = fields[m.group()]
        if field == "counter":
            end = _COUNT_TAIL.match(s, m.end())
            if not found or end is None:
                return None
            return end.end(), found
        start = _COLON.match(s, m.end()).end()  # type: ignore[union-attr]
        nxt = label_re.search(s, start, start + 40)
        if nxt is None:
            return None
        value = s[start:nxt.start()].strip()
        if field == "published":
            when = parse_datetime(value)
            if when is None:
                return None
            found.setdefault("published", when)
        elif not _GLUED_VALUE.fullmatch(value) or field in found:
            return None
        else:
            found[field] = value
        m = nxt
    return None


def opens_sentence(s: str, date: str) -> bool:
    """The date at the start of ``s`` is the first words of its sentence, not a stamp before it.

    A stamp is a label and a date (``date 2024-06-18``, ``发布时间：…``) or a date
    followed by the text (``2024/06/18 第6262期``: the normalize stage takes out
    the space between them); a date without a label closed by a comma
    (``2025年3月2日，某公司宣布…``) is the adverbial of the first sentence and tells
    when the story's event happened: cutting it would lose that date.
    """
    return date[:1].isdigit() and bool(_SENTENCE_GO_ON.match(s, len(date.rstrip())))


def _dateline(s: str, ctx: Context) -> tuple[int, dict[str, str]] | None:
    """Where the dateline at the start of ``s`` ends, and the fields it names."""
    d = _date_prefix().match(s)
    if d and len(_HAN.findall(s, d.end())) >= 8 and not opens_sentence(s, d.group()) \
            and (when := parse_datetime(d.group())):
        glued = glued_fields(s, d.end())
        if glued:
            return glued[0], {"published": when, **glued[1]}
        return d.end(), {"published": when}
    if glued := glued_fields(s):
        return glued
    if stamp := _DAY_STAMP.match(s):
        day = _month_day(stamp.group("md"))
        if day and len(_HAN.findall(s, stamp.end())) >= 8:
            return stamp.end(), {"dateline_day": day}
    m = boilerplate_pattern("dateline").match(s) or boilerplate_pattern("byline_prefix").match(s)
    if m is None:
        b = _SITE_BRACKET.match(s)
        if b is None or not is_site_name(b.group("src"), ctx):
            return None
        m = b
    found: dict[str, str] = {}
    when = parse_datetime(m.groupdict().get("date") or "")
    if when:
        found["published"] = when
    elif day := _month_day(m.groupdict().get("md") or ""):
        found["dateline_day"] = day  # the day filed, year unknown
    src = (m.groupdict().get("src") or "").strip()
    if src and not src.startswith("本"):
        found["source"] = src
    names = (m.groupdict().get("names") or "").strip()
    if names:
        found["author"] = "、".join(split_names(names))
    return m.end(), found


CREDIT_NAMES = 3  # people a bare credit closing the article names at most


def _names_credit(line: str, m: re.Match[str]) -> dict[str, str] | None:
    """A credit of the reporters' names alone, in brackets after the last paragraph's full stop
    (``…。（张三丰 李四）``, ``…。（王五六）``): wire copy reprinted by portals ends so.  Every word must
    be a person's name (a family name of ``surnames.txt`` and one or two characters) and one of
    them three characters long, so that ``（完）``, ``（全文）`` and ``（下转第二版）`` are no credit;
    or two names of two characters, one of them no word of jieba's dictionary (``（李晞 许愿）``,
    not ``（黄金 白银）``)."""
    if not _SENTENCE_STOP.search(line, 0, m.start()):
        return None
    names = split_names(m.group("body").strip())
    if not 1 <= len(names) <= CREDIT_NAMES or not all(is_person_name(n) for n in names):
        return None
    if not any(len(n) >= 3 for n in names) and (len(names) < 2 or all(lexicon().tag(n) for n in names)):
        return None  # two characters alone say too little (（江苏）, （金融）, （全文）, （黄金 白银） are words)
    return {"author": "、".join(names)}


_SENTENCE_STOP = re.compile(r"[。！？!?][”’」』]?\s*$")


def _one_sentence(line: str) -> bool:
    """``line`` is one sentence closed by its stop: a lead standing above the paragraph that opens
    with the dateline (``某公司近日中标四个项目。`` over ``某某网讯：1月19日，…``)."""
    return bool(_SENTENCE_STOP.search(line)) and len(TERMINATORS.findall(line)) == 1


def dateline(doc: Document, ctx: Context) -> list[Change]:
    """Who filed the article, at the start of its first paragraph, goes to ``meta``.

    ``新华社北京6月2日电（记者 张三）``, ``本报讯``, ``【某报-台北电】``,
    ``（某报报道）`` (the ``dateline`` kind of ``boilerplate.tsv``), ``某报 记者 张三`` set apart by spaces
    (``byline_prefix``), an outlet's
    name in 【】 and a date stamp (``date 2024-06-18``) open a paragraph
    without being part of it: the outlet becomes
    ``meta.source``, the reporters ``meta.author``, and the paragraph keeps the
    rest.  A dateline alone on its line goes with its line.  A credit closing
    the last paragraph (``（新闻来源：某报 张三/台北报导）``) is cut the same way;
    its labelled fields replace the ones an opening dateline gave (``【某报-台北电】``
    names the paper, the credit the desk or service that filed the story); so is a
    credit of bare names (``…。（张三 李四）``, see :func:`_names_credit`); so are an editor's initials
    (``…。（cl）``), which name no one in ``meta``, a wire's end mark (``（完）``) and an outlet's name in
    brackets (:func:`_closing_credits`).  A paragraph
    may open with a template's fields glued to it (``来源：某社作者：某某点击：次…``,
    :func:`glued_fields`) or a day stamp set off by a bar (``11月13日|…``).
    Looked for in the head zone and the first paragraph of the body, or the second when the first
    is one sentence (a lead above the dateline's paragraph); its date
    without a year stays out of ``meta.published`` and is kept as ``dateline_day``
    (``MM-DD``) for the reference date of the story's 昨日 and 3日.
    """
    view = _view(doc, repaired=True)
    b = view.bounds
    changes: list[Change] = []
    lines = [i for i in view.real if i <= b.first]
    if b.last >= 0 and _one_sentence(view.texts[b.first]):
        lines += [i for i in view.real if i > b.first][:1]  # a lead sentence may stand above it
    by_dateline: set[str] = set()  # fields this rule took from an opening dateline
    for i in lines:
        t = view.texts[i]
        lead = len(t) - len(t.lstrip())
        hit = _dateline(t[lead:], ctx)
        if hit is None:
            continue
        end, found = hit
        end = lead + end
        end += _AFTER_DATELINE.match(t[end:]).end()  # type: ignore[union-attr]
        if not view.content[i] and end < len(t.rstrip()) and set(found) != {"published"}:
            continue  # a dateline opens a paragraph or stands alone; a headline's 【栏目】 is no dateline
        for key, value in found.items():
            if key not in doc.meta:
                doc.meta[key] = value
                by_dateline.add(key)
        start = view.starts[i]
        if end >= len(t.rstrip()):
            changes.extend(view.remove([i], "a dateline alone on its line"))
            if i == b.last:
                return changes
        else:
            changes.append(Change(start, start + end, "", "the dateline opening the paragraph"))
        break
    if b.last >= 0:
        changes.extend(_closing_credits(doc, ctx, view, b.last, by_dateline))
    return changes


def _closing_credits(doc: Document, ctx: Context, view: View, i: int, by_dateline: set[str]) -> list[Change]:
    """The credits closing the last paragraph, read from its end back: a labelled credit or the reporters'
    names (``（新闻来源：某报 张三/台北报导）``, ``（张三 李四）``, ``【编辑：某某】``, with the day Taiwan's wires file
    in 民国 years after it, ``（编辑：某某）1120511``), the wire's end mark (``（完）``, boilerplate.tsv story_end),
    the outlet it was taken from (``（人民日报）``) and an editor's initials (``（cl）``); each one goes, and its
    fields go to ``meta`` (a labelled credit names the outlet better than a dateline's 【某报】)."""
    t = view.texts[i]
    start = view.starts[i]
    end = len(t)
    changes: list[Change] = []
    while True:
        m = _TRAILING_CREDIT.search(t, 0, end)
        if m is None or m.start() == 0:
            break
        body = m.group("body").strip()
        after_stop = bool(_SENTENCE_STOP.search(t, 0, m.start())) or bool(changes)
        found = parse_meta_line(body) or _names_credit(t[:m.end()], m)
        if found and set(found) & {"source", "author", "editor"} \
                and not found.keys() - {"source", "author", "credit", "editor"}:
            for key, value in found.items():
                if key in META_FIELDS and (key not in doc.meta or key in by_dateline):
                    doc.meta[key] = value
            filed = _roc_day(m.group("roc"))
            if filed and not doc.meta.get("published"):
                doc.meta["published"] = filed
            why = "the credit closing the last paragraph"
        elif after_stop and whole_line("story_end", body):
            why = "the mark closing a wire story"
        elif after_stop and is_site_name(body, ctx):
            if "source" not in doc.meta:
                doc.meta["source"] = body
            why = "the outlet credited at the end of the last paragraph"
        elif after_stop and _EDITOR_INITIALS.fullmatch(t, m.start(), end):
            why = "an editor's initials closing the last paragraph"
        else:
            break
        changes.append(Change(start + m.start(), start + end, "", why))
        end = m.start()
    return changes


def _roc_day(code: str | None) -> str | None:
    """``1120511`` -> ``2023-05-11``: a day written with the year of the Republic of China (see _TRAILING_CREDIT)."""
    if not code:
        return None
    return parse_datetime(f"{int(code[:3]) + ROC_YEAR_OFFSET}-{code[3:5]}-{code[5:]}")


# …。（cl） …。（wl/s）~: the desk's initials, lower-case Latin in brackets, after the story's last full stop
_EDITOR_INITIALS = re.compile(r"[（(][a-z]{1,4}(?:/[a-z]{1,4})*[）)]\s*[~～]?\s*$")
