"""Bylines of templates never seen: fields glued to the first paragraph, a dateline's day in Chinese numerals."""

from __future__ import annotations

import re

import pytest

from zhextract.stages.strip.fields import parse_meta_line
from zhextract.stages.strip.meta import _month_day, _names_credit, glued_fields


def test_glued_fields_end_at_the_counter() -> None:
    s = "来源：青禾日报作者：李明点击：次今年以来，县里新建了三座充电站。"
    end, found = glued_fields(s)  # type: ignore[misc]
    assert found == {"source": "青禾日报", "author": "李明"}
    assert s[end:].startswith("今年以来")


@pytest.mark.parametrize("s", [
    "来源：青禾日报作者：李明今年以来，县里新建了三座充电站。",  # no counter: where the name ends is unknown
    "点击：次今年以来，县里新建了三座充电站。",  # a counter alone names nobody
    "来源：县统计局的数据显示，今年以来县里新建了三座充电站。",  # a sentence, no second label
])
def test_glued_fields_need_a_closing_counter_and_a_field(s: str) -> None:
    assert glued_fields(s) is None


@pytest.mark.parametrize(("md", "day"), [("七月二十二日", "07-22"), ("十二月三日", "12-03"), ("6月2日", "06-02"),
                                         ("十三月二日", None)])
def test_month_day_in_either_numerals(md: str, day: str | None) -> None:
    assert _month_day(md) == day


_CREDIT = re.compile(r"[（(](?P<body>[^（）()]{2,40})[）)]\s*$")


@pytest.mark.parametrize(("line", "author"), [
    ("县里再建五座充电站，实现全覆盖。（王立新 李春燕）", "王立新、李春燕"),
    ("县里再建五座充电站，实现全覆盖。（王立新）", "王立新"),
    ("县里再建五座充电站，实现全覆盖。（全文）", None),  # two characters opening with a family name
    ("县里再建五座充电站，实现全覆盖。（江苏 安徽）", None),
    ("县里再建五座充电站，实现全覆盖。（韩旭 曹沛）", "韩旭、曹沛"),  # two names of two characters, no words
    ("县里再建五座充电站，实现全覆盖。（韩旭曹沛）", "韩旭、曹沛"),  # as the normalize stage glues them
    ("县里再建五座充电站，实现全覆盖。（黄金 白银）", None),  # both words of jieba's dictionary
    ("县里再建五座充电站，实现全覆盖。（韩旭）", None),  # one name of two characters says too little
    ("县里再建五座充电站，实现全覆盖。（完）", None),
    ("县里再建五座充电站，实现全覆盖。（下转第二版）", None),
    ("县里再建五座充电站（王立新）", None),  # no full stop before it: the bracket belongs to the sentence
])
def test_bare_names_closing_the_article(line: str, author: str | None) -> None:
    m = _CREDIT.search(line)
    found = _names_credit(line, m) if m else None
    assert (found or {}).get("author") == author


def test_an_editor_staff_code_alone_makes_a_metadata_line() -> None:
    assert parse_meta_line("责任编辑：QX2041") == {"credit": "QX2041"}
    assert parse_meta_line("责任编辑：李明 QX2041") == {"editor": "李明"}


@pytest.mark.parametrize(("line", "found"), [
    ("（青禾网财经综合文/李明）", {"source": "青禾网财经综合", "author": "李明"}),  # the space before 文 taken out
    ("（张晓燕QX153）", {"editor": "张晓燕"}),  # an editor's name and staff code closing a story
    ("（QX153）", None),
    ("（中文/英文）", None),
    ("青禾财经 林晓峰", {"source": "青禾财经", "author": "林晓峰"}),  # an outlet and its writer, no label, no date
    ("华为 余承东", None),  # two words of a headline: the first is no outlet's name of three characters or more
    ("王明 李华", None),
    ("2024-10-21 孙景辰DT快报", {"published": "2024-10-21", "author": "孙景辰", "source": "DT快报"}),  # glued
    ("2024-10-21 新浪VR", {"published": "2024-10-21", "source": "新浪VR"}),  # no person before the Latin
    ("· 某市五月份统计月报 2024-06-20", None),  # a period's report and its date: a link, no outlet
    ("- 2023年半年度报告摘要2023-08-11", None),  # 2023年 is no count glued to a name
    ("发布时间：2024-11-24 15:55:03 来源：xy20241124", {"published": "2024-11-24T15:55:03", "credit": "xy20241124"}),
])
def test_closing_credits_in_brackets(line: str, found: dict[str, str] | None) -> None:
    assert parse_meta_line(line) == found


@pytest.mark.parametrize(("line", "published"), [
    ("21/08/2018 18:42", "2018-08-21T18:42"),  # day first, as Malaysian and Singapore pages write it
    ("21/08/201818:42", "2018-08-21T18:42"),  # the time glued to the year
    ("08/21/2018", "2018-08-21"),  # month first: the second number is over 12
    ("3/11/2024", None),  # either order could be meant: left unread
    ("15/13/2024", None),  # no month
])
def test_a_slashed_date_is_read_only_when_its_order_shows(line: str, published: str | None) -> None:
    found = parse_meta_line(line)
    assert (found or {}).get("published") == published
