"""Lists paired in order (extract/respectively.py): measures listed before their values, names before 分别."""

from __future__ import annotations

import datetime

import pytest

from zhextract.extract import extract_all
from zhextract.gazetteer import load_gazetteer

REFERENCE = datetime.date(2025, 6, 30)


def _numbers(text: str) -> dict[str, dict]:
    return {n["text"]: n for n in extract_all(text, REFERENCE, load_gazetteer(())).numbers}


@pytest.mark.parametrize(("text", "expected"), [
    # each value its own measure, in order
    ("上月，全港累计完成货物吞吐量、集装箱吞吐量和旅客吞吐量1.2亿吨、210万标箱和86万人次。",
     {"1.2亿吨": "货物吞吐量", "86万人次": "旅客吞吐量"}),
    # the changes after 分别 measure what the values they pair with measure
    ("今年，全市完成工业投资、技改投资和民间投资320亿元、140亿元和95亿元，同比分别增长8%、11%和6%。",
     {"11%": "技改投资", "6%": "民间投资"}),
])
def test_listed_measures_pair_with_their_values(text: str, expected: dict[str, str]) -> None:
    got = _numbers(text)
    assert {k: got[k]["metric"] for k in expected} == expected


def test_a_list_of_another_length_pairs_nothing() -> None:
    got = _numbers("今年，全市完成工业投资和技改投资、民间投资320亿元和140亿元。")  # three measures, two values
    assert got["320亿元"]["metric"] == got["140亿元"]["metric"]


def test_names_before_respectively_own_their_values_in_order() -> None:
    got = _numbers("华为和OPPO上季度的市场份额分别为15.1%和12.3%。")
    assert (got["15.1%"]["subject"], got["12.3%"]["subject"]) == ("华为", "OPPO")


def test_names_without_respectively_are_not_paired() -> None:
    got = _numbers("华为和OPPO上季度的市场份额合计为27.4%和去年持平的12.3%。")
    assert got["12.3%"]["subject"] != "OPPO" or got["27.4%"]["subject"] != "华为"
