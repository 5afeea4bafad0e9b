"""Measures named by a numbered section heading (extract/sections.py), on bulletins written for this file."""

from __future__ import annotations

import datetime as dt

from zhextract.extract import extract_all
from zhextract.gazetteer import load_gazetteer

REF = dt.date(2025, 6, 30)


def _numbers(text: str) -> dict[str, dict]:
    return {n["text"]: n for n in extract_all(text, REF, load_gazetteer()).numbers}


BULLETIN = "\n".join([
    "一、门诊人次",
    "上半年，全区医疗机构总门诊人次880万人次，同比增长4.2%。社区医院310万人次，同比增长6.1%，"
    "其中：街道医院120万人次，同比增长2.4%。",
    "二、出院人次",
    "上半年，全区医院出院36万人次，同比增长9.5%。",
])


def test_a_figure_under_a_numbered_heading_measures_what_the_heading_names() -> None:
    found = _numbers(BULLETIN)
    assert found["310万人次"]["metric"] == "门诊人次"
    assert found["310万人次"]["subject"] == "社区医院"  # the noun it had read for its measure is whose it is
    assert found["6.1%"]["metric"] == "门诊人次"  # the change of the figure before it
    assert found["120万人次"]["metric"] == "门诊人次"
    assert found["36万人次"]["metric"] == "出院人次"  # 出院, the measure noun it had, is in the heading


def test_a_heading_without_a_number_or_naming_another_measure_changes_nothing() -> None:
    plain = _numbers(BULLETIN.replace("一、门诊人次", "门诊人次"))
    assert plain["310万人次"]["metric"] != "门诊人次"
    other = _numbers("一、收入情况\n全区医院收入增长5%，达到30亿元，门诊人次880万人次。")
    assert other["30亿元"]["metric"] == "收入"
    assert other["880万人次"]["metric"] == "门诊人次"
