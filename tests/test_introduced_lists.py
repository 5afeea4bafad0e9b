"""A paragraph that a line ending in a colon introduces is a list of that line's owner's figures
(extract/attach.py, introduced_list), on passages written for this file."""

from __future__ import annotations

import datetime as dt

import pytest

from zhextract.extract import extract_all
from zhextract.extract.attach import introduced_list
from zhextract.gazetteer import load_gazetteer

REF = dt.date(2025, 6, 30)

# passage, figure, expected subject ("-": none)
CASES = [
    ("协会近日披露了120家期货公司2024年度收入明细数据。各项业务收入分别如下：\n"
     "经纪业务净收入300.5亿元；资产管理业务净收入40.2亿元；利息净收入120.8亿元。", "40.2亿元", "120家期货公司"),
    ("澜江银行公布了上半年各条业务线的经营数据，具体如下：\n"
     "零售业务营业收入86.3亿元，公司业务营业收入112.4亿元，金融市场业务营业收入35.1亿元。", "86.3亿元", "澜江银行"),
    ("星河航空发布11月运营数据：\n国际航线旅客周转量同比上升18.6%，国内航线客座率为84.2%。", "84.2%", "星河航空"),
    # the list names its own owner: that one stands
    ("澜江银行公布了上半年的经营数据，具体如下：\n旗下云帆证券营业收入12.5亿元，同比增长8%。", "12.5亿元", "云帆证券"),
    # the line before does not end in a colon: the figure keeps what it had
    ("协会近日披露了120家期货公司2024年度收入明细数据。\n经纪业务净收入300.5亿元。", "300.5亿元", "-"),
]


@pytest.mark.parametrize(("passage", "figure", "subject"), CASES)
def test_an_introduced_list_is_of_whom_its_introduction_names(passage: str, figure: str, subject: str) -> None:
    numbers = {n["text"].removeprefix("约"): n for n in extract_all(passage, REF, load_gazetteer()).numbers}
    got = numbers[figure]["subject"]
    assert got == (None if subject == "-" else subject), numbers[figure]


def test_only_a_line_ending_in_a_colon_introduces_a_list() -> None:
    text = "甲公司数据如下：\n乙\n丙。\n丁"
    assert introduced_list(text, text.index("乙")) == 0
    assert introduced_list(text, text.index("丙")) is None
    assert introduced_list(text, text.index("丁")) is None
    assert introduced_list(text, 0) is None
