"""Metadata fields of a header or footer line: pure parsers, no view of the page.

``parse_meta_line`` reads label/value pairs (``来源：新榜 | 2022-03-04 10:20``)
with the labels of ``data/meta_fields.tsv``; every value must look like a
value, so a sentence that happens to start with a label is not metadata.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from zhextract.gazetteer import load_gazetteer
from zhextract.patterns import compile_pattern
from zhextract.resources import read_table
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

