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


SPENDING = "\n".join([
    "1.2024年全县教育经费总投入为35.20亿元，比上年增长4.1%。",
    "2.各类学校生均一般公共预算教育经费增长情况。",
    "普通高中由上年的2.10万元增加到2.25万元，增长7.1%。",
    "幼儿园由上年0.62万元增加到0.66万元，增长6.5%。",
])


def test_a_heading_reporting_on_a_measure_names_it_for_the_sums_under_it() -> None:
    found = _numbers(SPENDING)
    assert found["2.25万元"]["metric"] == "教育经费"  # 增长情况 is what the heading reports, not the measure
    assert found["2.25万元"]["subject"] == "普通高中"  # the class of things opening the clause before 由
    assert found["7.1%"]["metric"] == "教育经费" and found["7.1%"]["subject"] == "普通高中"  # its change
    assert found["0.66万元"]["subject"] == "幼儿园"
    assert "35.20亿元" in found and not any(t.startswith("1.2024") for t in found)  # 1. numbers the item


def test_a_heading_of_a_topic_with_no_measure_gives_none() -> None:
    found = _numbers(SPENDING.replace("各类学校生均一般公共预算教育经费增长情况", "重点项目建设情况"))
    assert found["2.25万元"]["metric"] != "教育经费"
