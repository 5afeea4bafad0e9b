"""A figure whose sentence names no one takes its subject from its paragraph, else from the article
(``carry_subjects`` in src/zhextract/extract/attach.py); ``subject_basis`` says where it was read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhextract.extract import extract_all
from zhextract.extract.entities import headline_entity
from zhextract.gazetteer import load_gazetteer


def _numbers(text: str) -> dict[str, dict[str, Any]]:
    found = extract_all(text, dt.date(2025, 6, 30), load_gazetteer()).numbers
    return {n["text"]: n for n in found}


def test_a_sentence_without_a_name_takes_the_company_named_before_it_in_its_paragraph() -> None:
    got = _numbers("晨曦能源集团今年上半年营业收入为82亿元。毛利率为31.5%，较去年同期提升2个百分点。")
    assert got["82亿元"]["subject"] == "晨曦能源集团" and got["82亿元"]["subject_basis"] == "sentence"
    assert got["31.5%"]["subject"] == "晨曦能源集团" and got["31.5%"]["subject_basis"] == "paragraph"


def test_a_sentence_with_a_subject_of_its_own_that_is_no_entity_carries_no_entity() -> None:
    got = _numbers("晨曦能源集团今年上半年营业收入为82亿元。整个行业的平均毛利率为18%。")
    assert got["18%"]["subject"] == "行业" and got["18%"]["subject_basis"] == "noun"  # the class, not the company
    got = _numbers("晨曦能源集团今年上半年营业收入为82亿元。某同行的平均毛利率为18%。")
    assert got["18%"]["subject"] is None and got["18%"]["subject_basis"] is None


def test_a_new_paragraph_takes_the_article_s_main_entity_only_when_it_leads() -> None:
    head = "晨曦能源集团发布半年报。晨曦能源集团营收增长。晨曦能源集团表示将扩产。\n"
    lone = "毛利率为31.5%。"
    got = _numbers(head + lone)
    assert got["31.5%"]["subject"] == "晨曦能源集团" and got["31.5%"]["subject_basis"] == "article"
    shared = head + "星耀科技有限公司发布公告。星耀科技有限公司表示。星耀科技有限公司称。\n" + lone
    got = _numbers(shared)["31.5%"]  # two companies named as often: no main one, the last one named goes on
    assert got["subject"] == "星耀科技有限公司" and got["subject_basis"] == "article"


def test_without_a_main_entity_a_paragraph_that_names_no_one_goes_on_about_the_last_one_named() -> None:
    got = _numbers("澄海银行公布中期业绩，股东应占溢利增加13%至52.4亿元。\n营业溢利增加14%至60.2亿元。")
    assert got["14%"]["subject"] == "澄海银行" and got["14%"]["subject_basis"] == "article"
    assert got["60.2亿元"]["subject"] == "澄海银行"  # and the figure after it in its paragraph
    got = _numbers("澄海银行公布中期业绩，股东应占溢利增加13%至52.4亿元。\n整个行业的平均毛利率为18%。")
    assert got["18%"]["subject"] == "行业"  # a sentence with a subject of its own keeps it


def test_a_text_that_names_its_company_only_in_its_title_takes_the_title_s_company() -> None:
    text = "期内，集团营业收入为港币120亿元。\n今年上半年，集团建成投资物业两个。"
    got = extract_all(text, dt.date(2025, 6, 30), load_gazetteer(), title="[HK]星海控股（00888）：中期业绩公布")
    numbers = {n["text"]: n for n in got.numbers}
    assert numbers["港币120亿元"]["subject"] == "星海控股"
    assert {e["actors"] == ["星海控股"] for e in got.events} == {True}
    two = extract_all(text, dt.date(2025, 6, 30), load_gazetteer(), title="星海控股与云帆汽车签署合作协议")
    assert {n["subject"] for n in two.numbers} == {None}  # a title about two companies names no main one


def test_headline_entity_leaves_out_market_tags_and_stock_codes() -> None:
    assert headline_entity("[HK]星海控股（00888）：中期业绩公布", load_gazetteer()) == "星海控股"
    assert headline_entity("[US]星海控股(SHK.US)发布财报", load_gazetteer()) == "星海控股"
    assert headline_entity("今日股市收盘综述", load_gazetteer()) is None
    assert headline_entity(None, load_gazetteer()) is None


def test_an_anaphor_in_a_story_about_one_company_is_that_company() -> None:
    text = ("晨曦能源集团发布年报。晨曦能源集团主营光伏组件，晨曦能源集团去年扩产。"
            "晨曦能源集团表示，华辰证券股份有限公司（下称“保荐机构”）已完成核查。"
            "公司全年营业收入为82亿元。")
    got = _numbers(text)
    assert got["82亿元"]["subject"] == "晨曦能源集团"  # 公司: not the adviser named last


def test_a_sentence_opening_with_qizhong_after_an_act_takes_the_act_s_subject() -> None:
    # 其中 after a sentence that reports an act, no figure: a part of that act, the city's
    act = "江城市人民政府印发《稳就业若干措施》。其中，第6条提出各银行要将创业担保贷款额度由20万提高至30万。"
    got = _numbers(act)
    assert got["20万"]["subject"] == "江城市人民政府" and got["30万"]["subject"] == "江城市人民政府"
    # after a sentence of figures, 其中 breaks them down by the parts it names: nothing is carried
    figures = "江城集团营收为90亿元。其中，整个行业的平均毛利率为18%。"
    assert _numbers(figures)["18%"]["subject"] == "行业"  # the part it names, no entity
    # without 其中, a subject of its own stops the carry
    plain = "江城市人民政府印发《稳就业若干措施》。各银行要将创业担保贷款额度由20万提高至30万。"
    assert _numbers(plain)["20万"]["subject"] is None


def test_a_count_of_firms_in_a_paragraph_that_names_no_one_is_not_the_last_company_s() -> None:
    got = _numbers("澄海证券上半年净利润增长12%。\n上半年共有18家券商净利润同比增长，其中8家增幅超过50%。")
    assert got["18家"]["subject"] != "澄海证券" and got["8家"]["subject"] != "澄海证券"


def test_a_public_body_that_published_others_figures_is_not_carried_to_them() -> None:
    got = _numbers("3月3日，江城市水务局发布2月供水数据速报。当月供水总量为3.05亿吨，同比增长2.1%。")
    assert got["3.05亿吨"]["subject"] != "江城市水务局"  # the body is the figures' source (clause_cues: data_report)
    got = _numbers("3月3日，江城市水务局发布新一轮节水行动。当月完成管网改造120公里。")
    assert got["120公里"]["subject"] == "江城市水务局"  # a body publishing its own acts owns what follows
