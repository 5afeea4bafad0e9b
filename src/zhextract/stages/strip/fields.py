"""Metadata fields of a header or footer line: pure parsers, no view of the page.

``parse_meta_line`` reads label/value pairs (``来源：新榜 | 2022-03-04 10:20``)
with the labels of ``data/meta_fields.tsv``; every value must look like a
value, so a sentence that happens to start with a label is not metadata.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from zhextract.extract.numerals import cn_to_int
from zhextract.gazetteer import load_gazetteer
from zhextract.lexicon import lexicon
from zhextract.patterns import compile_pattern
from zhextract.resources import read_list, read_table
from zhextract.stages.strip.boilerplate import (
    boilerplate_pattern,
    boilerplate_source,
    whole_line,
)
from zhextract.step import Context

# ====================================================================== metadata
_DATETIME = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:星期|周|礼拜)[一二三四五六日天])?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?(?:\s*秒)?)?"
    r"(?:\s*(?:[+-]\d{2}:?\d{2}|Z))?"
)


_HAN_DIGIT = "〇零○一二三四五六七八九"
_HAN_DATE = re.compile(rf"([{_HAN_DIGIT}]{{4}})\s*年\s*([{_HAN_DIGIT}十]{{1,3}})\s*月\s*([{_HAN_DIGIT}十]{{1,3}})\s*日")


# Day, month and year set off by slashes (21/08/2018 18:42, Malaysian, Singapore and Hong Kong pages), a time
# sometimes glued to the year (21/08/201818:42): read only when one of the first two numbers is over 12, which
# tells the day from the month (08/21/2018 is an American page's); 05/06/2018 is left unread.
_DAY_FIRST = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?:\s*(\d{1,2})[:：](\d{2})(?![\d]))?")
_ANY_DATE = re.compile(f"{_DATETIME.pattern}|{_HAN_DATE.pattern}|{_DAY_FIRST.pattern}")  # to take a date out of a line


def _day_first_date(s: str) -> str | None:
    """A date written day/month/year or month/day/year (:data:`_DAY_FIRST`) as ISO 8601, or None when the
    order cannot be told."""
    m = _DAY_FIRST.search(s)
    if not m:
        return None
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 12 < a <= 31 and 1 <= b <= 12:
        day, month = a, b
    elif 12 < b <= 31 and 1 <= a <= 12:
        day, month = b, a
    else:
        return None
    out = f"{y:04d}-{month:02d}-{day:02d}"
    if m.group(4) and int(m.group(4)) < 24 and int(m.group(5)) < 60:
        out += f"T{int(m.group(4)):02d}:{int(m.group(5)):02d}"
    return out


def _han_date(s: str) -> str | None:
    """A date written in Chinese numerals (``二零一五年五月二十六日``, as government notices and
    Hong Kong press releases print it) as ISO 8601, or None."""
    m = _HAN_DATE.search(s)
    if not m:
        return None
    y, mo, d = (cn_to_int(g) for g in m.groups())
    if y is None or mo is None or d is None or not (1990 <= y <= 2099 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def parse_datetime(s: str) -> str | None:
    """The first date(-time) in ``s`` as ISO 8601 (``2022-03-04T10:20``), or None."""
    m = _DATETIME.search(s)
    if not m:
        return _han_date(s) or _day_first_date(s)
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


_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_RELATIVE_TIME = re.compile(r"(?:\d{1,2}\s*(?:秒|分钟|小时|天|周|个月)前|刚刚|今天|昨天|前天)(?:\s*\d{1,2}[:：]\d{2})?")


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
    published = "|".join(regex.escape(x) for x in sorted((x for x, f in label_field.items() if f == "published"),
                                                          key=len, reverse=True)) or r"(?!x)x"
    counters = "|".join(regex.escape(x) for x in sorted((x for x, f in label_field.items() if f == "counter"),
                                                         key=len, reverse=True)) or r"(?!x)x"
    # One-character labels (文 图 摄) only at the start or after a separator.
    # A label stands before a separator or a year; between spaces it needs none
    # (来源：中国证券报 记者 王明: the normalize stage keeps spaces between words there).
    pattern = compile_pattern(
        rf"(?:(?P<label>{alt_long})|(?<=^|[\s|｜丨/（(【\[，,；;】)）])(?P<label>{alt_short}))"
        r"(?:\s*[:：|｜丨/]\s*|\s*(?=(?:19|20)\d\d))"
        rf"|(?<=[\u4e00-\u9fff]{{2}})(?P<label>{alt_short})/\s*"  # 某某网综合 文/张三 with its space taken out
        rf"|(?<=\s)(?P<label>{alt_long})\s+(?=[\u4e00-\u9fff])"
        rf"|^(?P<label>{alt_long})\s+(?=[\u4e00-\u9fff·]{{2,4}}(?:\s+(?:{alt_long})\s|\s*$))"  # 编辑 王琳 校对 杨利
        # 本文来自微信公众号“某某”: a quoted value needs no separator
        rf"|(?P<label>{alt_long})(?=[“「《\"][^”」》\"]{{2,20}}[”」》\"])"
        rf"|(?P<label>{counters})\s*(?=[（(]?\d)"  # 阅读386, 浏览2.1万: a counter needs no separator
        rf"|(?P<label>{published})\s*(?={_RELATIVE_TIME.pattern})"  # 发布于3小时前
    )
    return pattern, label_field


def labels_of(field: str) -> list[str]:
    """The labels of ``meta_fields.tsv`` for one field."""
    return [label for label, f in _meta_vocab()[1].items() if f == field]


_SEPS = " \t|｜丨/·，,;；。.、"
_QUOTES = {"“": "”", "「": "」", "《": "》", '"': '"'}  # the marks a value may stand between
_CODE_VALUE = re.compile(r"[A-Za-z]{1,6}\d{4,}")  # sp20241124: letters then digits, a code
_EDITOR_CODE = re.compile(r"[\s_]*[A-Za-z]{1,4}\d{2,6}$")
_BOOK_MARKS = re.compile(r"[《》〈〉]")
_BAD_VALUE = re.compile(r"[，。！？!?；;：:“”\"《》]")
_COUNTER_VALUE = re.compile(r"[\d.,，\s万千wWkK+次人条（）()大中小]*")
# A wire's date code may follow a bracketed tag: （编辑：某某）1130322.
_WRAPPED = re.compile(r"^[（(【\[](.*)[）)】\]](?:\s*\d{6,8})?$")
# An update note after a date: （3/22 21:05 更新）.
_UPDATED = re.compile(r"[（(][^（）()]{0,20}(?:更新|修改|修订|updated?)[^（）()]{0,6}[）)]", re.IGNORECASE)
# A list bullet before a line of a byline block, or a lone character of another script (anti-scraping
# debris like ``છ``, an emoji) before the label.
_BULLET = re.compile(
    r"^(?:[-–—•·▪●◆■]\s+|[•·▪●◆■]|[^\s\u0000-\u02ff\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]\s*(?=[\u4e00-\u9fff]))")
_NAME_VALUE = re.compile(r"[\u4e00-\u9fffA-Za-z·]{2,10}")  # an outlet's name after a date, without digits or marks
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")


@lru_cache(maxsize=1)
def _reporter() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A byline without a colon (本报记者张三 李四), from the ``reporter_title`` and ``name_breaker`` kinds:
    the byline, what may not be in its names, and what separates the names (spaces, 、, a title: 实习生)."""
    title = boilerplate_source("reporter_title")
    byline = re.compile(
        rf"(?P<src>[\u4e00-\u9fffA-Za-z0-9]{{0,10}}?)\s?(?:[／/]\s?)?(?:{title})\s?"
        rf"(?P<names>[\u4e00-\u9fff·]{{2,4}}?(?:[、\s]*(?:(?:{title})\s?)?[\u4e00-\u9fff·]{{2,4}}?){{0,3}}?)"
        r"\s?(?:报道|发自[\u4e00-\u9fff]{2,6}|摄影?|[／/]\s?[\u4e00-\u9fff]{0,4}(?:报导|报道)(?P<outlet>[\u4e00-\u9fff]{2,6})?)?"
    )
    return byline, re.compile(boilerplate_source("name_breaker")), re.compile(rf"[、\s]+|{title}")


_DEBRIS = re.compile(r"[^\s\u0000-\u007f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef·]")


def _without_debris(value: str) -> str:
    """A Chinese name without the stray characters of other scripts an anti-scraping filter sowed
    into it (解ª运亮团队ø).  Only in a value of Han characters without Latin letters: a letter like
    Ø belongs to a Latin name (Ørsted中国)."""
    if re.search(r"[A-Za-z]", value) or len(re.findall(r"[\u4e00-\u9fff]", value)) < 2:
        return value
    return _DEBRIS.sub("", value)


def _value_ok(field: str, value: str) -> bool:
    if field in ("original_title", "page_title"):
        return 0 < len(value) <= 80
    if _BAD_VALUE.search(value):
        return False
    limit = 20 if field in ("author", "editor", "credit") else 30
    return len(value) <= limit


_LAST_CHUNK = re.compile(r"(?:[\[【]([^\[\]【】]{0,12})[\]】]|(?<=[\s\]】])([^\s\[\]【】]{2,8}))\s*$")
_LAST_FILE = re.compile(r"(?<=[\s：:])[\w.-]+\.(?:png|gif|jpe?g|svg|webp|ico)\s*$", re.IGNORECASE)


def _without_widgets(s: str) -> str:
    """A header line without the page's buttons at its end (``作者：某某 [字体大小：] 打印文章``):
    bracketed or set-off chunks that are page furniture, and icons' file names, so that the fields
    before them are read."""
    while True:
        icon = _LAST_FILE.search(s)
        if icon and icon.start() > 0:
            s = s[:icon.start()].rstrip()  # an icon's file name after a label (访问量：收藏.png)
            continue
        m = _LAST_CHUNK.search(s)
        if m is None or m.start() == 0:
            return _without_glued_button(s)
        chunk = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if chunk and not whole_line("furniture", chunk):
            return s  # a word of the line, not a button
        s = s[:m.start()].rstrip()


_EMPTY_LABEL = re.compile(r"[\u4e00-\u9fff]{2,4}[：:]\s*$")


def _without_glued_button(s: str) -> str:
    """A header line without a button label that has no value, written right after the last value
    (``作者：Editor分享：``: the spacing rule joins Latin and Han), when the label is page furniture."""
    m = _EMPTY_LABEL.search(s)
    if m is None:
        return s
    label = m.group().rstrip().rstrip("：:")
    for n in range(2, len(label) + 1):
        if whole_line("furniture", label[-n:]) and m.start() + len(label) - n > 0:
            return s[:m.start() + len(label) - n].rstrip()
    return s


def parse_meta_line(line: str) -> dict[str, str] | None:
    """Label/value pairs of a header or footer line, or None if it is not one (see :func:`_parse_meta_line`)."""
    found = _parse_meta_line(line)
    return dict(found) if found is not None else None


@lru_cache(maxsize=8192)
def _parse_meta_line(line: str) -> tuple[tuple[str, str], ...] | None:
    """:func:`_parse_meta_items` kept per line: the rules ask about the same lines many times."""
    found = _parse_meta_items(line)
    return tuple(found.items()) if found is not None else None


def _parse_meta_items(line: str) -> dict[str, str] | None:
    """Label/value pairs of a header or footer line, or None if it is not one.

    ``来源：新榜 | 2022-03-04 10:20`` gives source and published;
    ``出品| 电商头条作者| 李松月`` gives source and author; a date-time alone
    gives published; ``澎湃新闻记者 张三`` gives author (and source).  Every
    value must look like a value, so ``记者：您怎么看？`` is not metadata.
    Staff credits (``校对：…``) and page counters (``浏览：123``) come back as
    ``credit`` / ``counter`` so the line is known as metadata; they are not kept.
    """
    s = _without_widgets(_BULLET.sub("", line.strip()))
    if edition := _print_edition(s):
        return edition
    w = _WRAPPED.match(s)
    if w:
        s = w.group(1).strip()
    if not s or len(s) > 120:
        return None
    pattern, label_field = _meta_vocab()
    matches = list(pattern.finditer(s))
    dt = parse_datetime(s)
    if not matches:
        rest = _UPDATED.sub("", _WEEKDAY.sub("", _ANY_DATE.sub(" ", s))).strip(_SEPS)
        if dt and not rest:
            return {"published": dt}
        if dt and _two_character_name(rest):  # "2018-09-10 吴萌": the writer's name
            return {"published": dt, "author": rest}
        if dt and _outlet_beside_date(rest):  # "2024年04月15日 21:30 新浪财经"
            return {"published": dt, "source": rest}
        if dt and whole_line("furniture", rest):  # "2024-07-02 08:15 已有96人阅读"
            return {"published": dt, "counter": rest}
        if dt and (tokens := _byline_tokens(rest)) is not None:  # "民航观察 祁远帆 2024-05-27 07:48"
            return {"published": dt, **tokens}
        if w and (code := _EDITOR_CODE.search(s)) and is_person_name(name := s[:code.start()].strip(_SEPS)):
            return {"editor": name}  # （李佳佳 HN153）: an editor's name and staff code in brackets closing a story
        # 证券之星 吴凡: an outlet and its writer, a byline with no label and no date
        return _reporter_line(s) or _postfix_byline(s) or (None if dt else _outlet_and_person(s))
    head = s[:matches[0].start()].strip(_SEPS)
    out: dict[str, str] = {}
    words = _WEEKDAY.sub("", _ANY_DATE.sub(" ", head)).strip(_SEPS)
    if head and not (dt and not words):
        if dt and _ANY_DATE.search(head) and "author" in (tokens := _byline_tokens(words) or {}):
            out.update(tokens)  # 贺明轩 2024/02/27 17:09 点阅 848 次: a person's byline, then its counter
        elif dt and _ANY_DATE.search(head) and _outlet_beside_date(words) \
                and label_field[matches[0].group("label")] in ("author", "editor"):
            out["source"] = words  # 2016-06-08 08:56:30 某某社 作者：张三: the date and the outlet, then labels
        elif whole_line("url", head):
            pass  # http://www.example.com 发表日期：2011-9-1: the page's own address before its date
        elif is_person_name(head) and label_field[matches[0].group("label")] == "published":
            out["author"] = head  # 贺明轩 发表于2024/4/18: the poster before the date's label
        elif not (_NAME_VALUE.fullmatch(head) and _outlet_before(head, label_field[matches[0].group("label")])):
            return None
        else:
            out["source"] = head  # 星海日报发布时间：2023-11-08, 某某新闻记者 | 张三: the outlet before the label
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        value = s[m.end():end].strip(_SEPS)
        close = value.find(_QUOTES[value[0]], 1) if value[:1] in _QUOTES else -1
        if close > 1 and not value[close + 1:].strip(_SEPS):
            value = value[1:close]  # “某某研究”: the name between its quotes, and nothing after them
        field = label_field[m.group("label")]
        if field == "published":
            if _RELATIVE_TIME.fullmatch(value):
                out.setdefault("other", value)  # 发布于3小时前: a time relative to the crawl, not kept
                continue
            when = parse_datetime(value)
            if not when or len(_WEEKDAY.sub("", _ANY_DATE.sub("", value)).strip(_SEPS)) > 12:
                return None  # no date, or a date in front of a sentence (a paragraph's date stamp)
            out.setdefault("published", when)
            rest = _WEEKDAY.sub("", _ANY_DATE.sub(" ", value)).strip(_SEPS)
            if rest and (byline := _reporter_line(rest)):
                for key, v in byline.items():
                    out.setdefault(key, v)
            elif rest and is_site_name(rest) and not whole_line("furniture", rest):
                out.setdefault("source", rest)  # 时间：2024年03月18日 18:46 某财网: the outlet after the date
            continue
        if field == "counter":
            if whole_line("furniture", value):
                value = ""  # 点击： 收藏: an empty counter, then the page's bookmark button
            if not _COUNTER_VALUE.fullmatch(value):
                return None
            out.setdefault("counter", value)
            continue
        if field == "other":
            if (len(value) > 30 or _BAD_VALUE.search(value)) and not _CLOCK.fullmatch(value):
                return None  # 最后更新：13:20 holds a time of day, colon and all
            out.setdefault("other", value)
            if parse_datetime(value):
                dt = None  # an archive date, not the publication date
            continue
        when = parse_datetime(value)
        if when:
            out.setdefault("published", when)
            value = _WEEKDAY.sub("", _ANY_DATE.sub("", value)).strip(_SEPS)
        value = boilerplate_pattern("account_note").sub("", value).strip(_SEPS)
        if field == "editor":
            code = value
            value = _EDITOR_CODE.sub("", value).strip(_SEPS)
            if code and not value:
                out.setdefault("credit", code)  # 责任编辑：AB123, the editor's staff code alone: no name to keep
                continue
        if field in ("source", "author", "editor"):
            value = _without_debris(value)
            if _CODE_VALUE.fullmatch(value):
                out.setdefault("credit", value)  # 来源：sp20241124: a code of the page, no outlet's name
                continue
        if field == "source":
            value = _BOOK_MARKS.sub("", value)  # 来源：某某网-《某某日报》: a paper's name in its title marks
        if field == "source" and (by := _source_reporter(value)):
            value, name = by
            out.setdefault("author", name)
        if not _value_ok(field, value):
            return None
        if value:
            out.setdefault(field, value)
    if dt and "published" not in out:
        out["published"] = dt
    if s.endswith(("。", "！", "？")) and set(out) <= {"author", "editor", "credit"}:
        return None  # "记者：谢谢。" is a line of an interview
    return out or None


@lru_cache(maxsize=1)
def _surnames() -> tuple[str, ...]:
    return tuple(sorted(read_list("surnames.txt"), key=len, reverse=True))


def is_person_name(token: str) -> bool:
    """Two to four Han characters opening with a family name of ``surnames.txt``."""
    return bool(_HAN_NAME.fullmatch(token)) and token.startswith(_surnames()) and len(token) - (
        2 if token[:2] in _surnames() else 1) in (1, 2)


_HAN_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def split_names(names: str) -> list[str]:
    """People's names written one after another: split at spaces and 、, or, glued together as
    the normalize stage leaves them inside a paragraph (贺明轩欧阳青), at family names: the split into
    names of two to four characters, each opening with a family name, with the most names of three."""
    parts = [p for p in re.split(r"[\s、，,]+", names) if p]
    if len(parts) != 1 or len(parts[0]) <= 3 or (len(parts[0]) == 4 and is_person_name(parts[0])):
        return parts  # four characters are one name with a two-character family name (欧阳青青), or two
    s = parts[0]
    best: dict[int, tuple[int, list[str]] | None] = {len(s): (0, [])}
    for i in range(len(s) - 1, -1, -1):
        options = []
        for n in (3, 2, 4):
            tail = best.get(i + n) if i + n <= len(s) else None
            if tail is not None and is_person_name(s[i:i + n]):
                options.append((tail[0] + (n == 3), [s[i:i + n], *tail[1]]))
        best[i] = max(options, key=lambda o: o[0]) if options else None
    return best[0][1] if best[0] else parts
# 2洁茗: a count glued to a name; not 2023年…, 12月…: a date's digits and their unit are one word
_TOKEN_SPLIT = re.compile(r"[\s·|｜丨]+|(?<=\d)(?=[\u4e00-\u9fff])(?![年月日号时分秒期版])")


_PERIOD_WORD = re.compile(r"[年季]度|月份|[一二三四五六七八九十]{1,2}月")  # an outlet's name names no period


def _two_character_name(word: str) -> bool:
    """A person's name of two characters, no word of jieba's dictionary (吴萌; not 黄河, 时代: an outlet may be
    named so) and no outlet's: beside a date it is the writer (three-character names: :func:`_byline_tokens`)."""
    return len(word) == 2 and is_person_name(word) and not lexicon().freq(word) and not is_site_name(word)


def _outlet_beside_date(word: str) -> bool:
    """The one word beside a date names the outlet (``2024年04月15日 21:30 新浪财经``), unless it is a
    person's name of three characters and no outlet's (``贺明轩 2024-04-18 09:30``, a blogger's or an
    account holder's byline): then it is the author (see :func:`_byline_tokens`)."""
    if _PERIOD_WORD.search(word):
        return False  # 某市五月份统计月报 2024-06-20: a report of a period and its date, a link to another page
    if is_site_name(word):
        return True
    return bool(_NAME_VALUE.fullmatch(word)) and not (len(word) == 3 and is_person_name(word)) \
        and len(_person_then_latin(word)) == 1 \
        and not whole_line("byline_word", word) and not whole_line("furniture", word)  # 听新闻: a button


# A newspaper's print credit: 《某某日报》（2023年10月30日 01版）, the paper and its date and page.
_PRINT_EDITION = re.compile(r"《\s*(?P<paper>[^《》\s]{2,12})\s*》\s*[（(]\s*(?P<date>[^（）()]{6,20}?)\s*"
                            r"(?P<page>第?\s*\d{1,3}\s*版)?\s*[）)]")


# A periodical's issue: 家用电器 2018年3期, 《某某研究》2021年第4期 — the journal the article was printed in.
_ISSUE = re.compile(r"《?\s*(?P<journal>[\u4e00-\u9fffA-Za-z]{2,12}?)\s*》?\s*[(（]?\s*(?:19|20)\d{2}\s*年\s*"
                    r"(?:第\s*)?\d{1,2}\s*期\s*[)）]?")


def _print_edition(s: str) -> dict[str, str] | None:
    """Source and date of a newspaper's print credit (``《某某日报》（2023年10月30日 01版）``), or the journal of
    a periodical's issue line (``家用电器 2018年3期``), or None."""
    if (issue := _ISSUE.fullmatch(s)) and _NAME_VALUE.fullmatch(issue.group("journal")):
        return {"source": issue.group("journal")}
    m = _PRINT_EDITION.fullmatch(s)
    if m is None or not _NAME_VALUE.fullmatch(m.group("paper")) \
            or not (m.group("page") or is_site_name(m.group("paper"))):
        return None  # 《关于…的通知》（2023年10月30日）: a document and its date, no paper
    when = parse_datetime(m.group("date"))
    if when is None or _ANY_DATE.sub("", m.group("date")).strip(_SEPS):
        return None
    return {"source": m.group("paper"), "published": when}


def _outlet_before(head: str, field: str) -> bool:
    """``head``, written right before a label of ``field``, is the outlet's name: before a date's
    label (星海日报发布时间：…) or a staff label (某某新闻记者 | 张三, 某某新闻编辑 | 李四), unless it
    is a person's name, a byline word itself, or holds a sentence's function words."""
    if field not in ("published", "author", "editor") or is_person_name(head):
        return False
    if field != "published" and boilerplate_pattern("name_breaker").search(head):
        return False  # 他的编辑：…: a sentence's words before the label
    return _outlet_beside_date(head)  # the same test as an outlet's name beside a date


OUTLET_AND_PERSON_MAX = 14  # characters of a byline of an outlet and a person, space included


def _outlet_and_person(s: str) -> dict[str, str] | None:
    """``证券之星 吴凡``: two words, the first an outlet's name (no digits, no marks), the second a person's
    name, and nothing else (the normalize stage keeps the space between two words of a short line)."""
    words = s.split()
    if len(words) != 2 or len(s) > OUTLET_AND_PERSON_MAX or not _NAME_VALUE.fullmatch(words[0]) \
            or len(words[0]) < 3 or not is_person_name(words[1]) or is_person_name(words[0]):
        return None
    return {"source": words[0], "author": words[1]}


_PERSON_THEN_LATIN = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4})(?P<rest>[A-Za-z][A-Za-z0-9\u4e00-\u9fff]*)")


def _person_then_latin(token: str) -> list[str]:
    """A person's name glued to an outlet whose name opens with Latin letters (``钱子轩IT之家``: the
    normalize stage drops the space between Han and Latin) is two words; any other token stays one."""
    m = _PERSON_THEN_LATIN.fullmatch(token)
    if m and is_person_name(m.group("name")):
        return [m.group("name"), m.group("rest")]
    return [token]


def _byline_tokens(rest: str) -> dict[str, str] | None:
    """The words beside a date on a byline: at most three short words (an outlet, a person, words of
    the byline such as 原创 or 发表于某地), or None.  A person's name is the author, another word the source.
    A byline of such words only (``admin 85 2024-06-11 编辑``: a CMS's user, a view count, a button)
    gives the date alone."""
    words = [w for t in _TOKEN_SPLIT.split(rest) if t for w in _person_then_latin(t)]
    tokens = [t for t in words if not whole_line("byline_word", t)]
    if words and not tokens and len(words) <= 4:
        return {}
    if not tokens or len(tokens) > 3 or any(not _NAME_VALUE.fullmatch(t) or _PERIOD_WORD.search(t) for t in tokens):
        return None
    out: dict[str, str] = {}
    for t in tokens:
        key = "author" if is_person_name(t) and "author" not in out else "source"
        out.setdefault(key, t)
    return out


# A reporter after the outlet in a source value: 某报 张三/台北报导, 某报 记者 张三.
_SOURCE_REPORTER = re.compile(
    r"(?P<src>\S{2,16}?)\s*(?P<by>记者\s*)?(?P<name>[\u4e00-\u9fff·]{2,4})"
    r"(?P<filed>\s*[/／]\s*[\u4e00-\u9fff]{2,4}(?:报导|报道|电))?")


def _source_reporter(value: str) -> tuple[str, str] | None:
    """``(outlet, reporter)`` of a source value that names the reporter after the outlet, or None.

    The name must be a person's and marked as the reporter's, by 记者 before it or the place it
    was filed from after it (in 经济日报 王府井 the second word is a place).  The normalize stage
    drops the space between them (某报张三/台北报导): the name is then the three or two
    characters before the place, three first, as :func:`split_names` prefers.
    """
    v = value.strip()
    m = _SOURCE_REPORTER.fullmatch(v)
    if not m or not (m.group("by") or m.group("filed")):
        return None
    head = v[:m.start("name")] + m.group("name")
    for n in (3, 2, 4):
        name, src = head[-n:], head[:-n].strip()
        if m.group("by"):
            src = src[:-len(m.group("by"))].strip() if src.endswith(m.group("by").strip()) else src
        if len(src) >= 2 and is_person_name(name):
            return src, name
    return None


POSTFIX_LINE = 40  # characters a byline with its labels after the values has at most
_POSTFIX_FIELDS = {"source", "author", "editor", "credit"}


@lru_cache(maxsize=1)
def _postfix_pattern() -> re.Pattern[str]:
    """One value and the label after it: ``陈知秋校对``, ``周岚 编辑`` (labels of two characters or more)."""
    _, label_field = _meta_vocab()
    labels = sorted((x for x, f in label_field.items() if f in _POSTFIX_FIELDS and len(x) > 1
                     and not x.isascii()), key=len, reverse=True)
    return re.compile(rf"\s*(?P<value>[\u4e00-\u9fffA-Za-z·]{{2,12}}?)\s*(?P<label>{'|'.join(map(re.escape, labels))})")


def _postfix_byline(s: str) -> dict[str, str] | None:
    """A byline whose labels follow their values, as a layout of two columns reads when flattened:
    ``某某合作来源 陈知秋校对 周岚编辑``.  The line must be made of two or more value-label pairs
    and nothing else, one of the values a person's name, every value a value (short, no marks, no
    function word or speech verb: ``name_breaker`` in ``boilerplate.tsv``)."""
    if len(s) > POSTFIX_LINE:
        return None
    pattern = _postfix_pattern()
    _, label_field = _meta_vocab()
    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(s):
        m = pattern.match(s, pos)
        if m is None:
            return None
        pairs.append((label_field[m.group("label")], m.group("value")))
        pos = m.end()
    breaker = boilerplate_pattern("name_breaker")
    if len(pairs) < 2 or not any(is_person_name(v) for _, v in pairs) \
            or not all(_value_ok(f, v) and not breaker.search(v) for f, v in pairs):
        return None  # 本次活动的出品方和作者: a sentence's words (的 和) are no byline's values
    out: dict[str, str] = {}
    for field, value in pairs:
        out.setdefault(field, value)
    return out


def _reporter_line(s: str) -> dict[str, str] | None:
    """``澎湃新闻记者 张三`` / ``本报记者 张三 李四`` (author 张三、李四): the byline without a colon."""
    byline, breaker, between = _reporter()
    m = byline.fullmatch(" ".join(s.split()))
    if not m or breaker.search(m.group("names")):
        return None
    names = [n for n in between.split(m.group("names")) if n]
    people = [n for n in names if is_person_name(n)]
    out = {"author": "、".join(people or names)}
    src = m.group("src") or m.group("outlet")
    if src and not src.startswith("本"):
        out["source"] = src
    return out


META_FIELDS = ("source", "author", "editor", "published", "original_title", "page_title")



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



def split_title_fields(line: str) -> tuple[str, dict[str, str]] | None:
    """``<headline> 2024-12-28 10:05 来源：某报`` as ``(headline, fields)``, or None.

    The fields must hold a date or two fields, so that a headline that merely
    contains a label word (``记者探访…``) stays whole.
    """
    s = line.strip()
    if len(s) > 160:
        return None
    pattern, _ = _meta_vocab()
    starts = {m.start() for m in pattern.finditer(s)} | {m.start() for m in _DATETIME.finditer(s)}
    for p in sorted(starts):
        head = s[:p].strip(_SEPS)
        if len(head) < 6:
            continue
        found = parse_meta_line(s[p:])
        if found and ("published" in found or len(found) >= 2) and parse_meta_line(head) is None:
            return head, found
    return None
