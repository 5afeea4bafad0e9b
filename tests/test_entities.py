"""The article's entities: found in its own text (tests/data/entities_cases.tsv), grouped, with spans."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import load_cases, process
from zhextract.extract import extract_all
from zhextract.extract.entities import find_entities, usable_short
from zhextract.extract.marked_names import definitions, latin_names
from zhextract.extract.org_forms import org_forms, strip_suffixes, suffixes
from zhextract.extract.people import titled_people
from zhextract.gazetteer import load_gazetteer
from zhextract.schemas import errors
from zhextract.trie import trie_regex


def _entities(text: str) -> list[dict]:
    """The entities the extract stage records for a clean text."""
    return extract_all(text, None, load_gazetteer()).entities


@pytest.mark.parametrize(("text", "expected", "absent"), load_cases("entities_cases.tsv", 3))
def test_entities_of_a_sentence(text: str, expected: str, absent: str) -> None:
    found = {e["name"]: e for e in _entities(text)}
    for item in expected.split("|") if expected != "-" else []:
        name, typ = item.split(":")
        assert name in found, f"{name} not in {sorted(found)}"
        assert found[name]["type"] == typ
    spellings = {n for e in found.values() for n in e["names"]}
    for word in absent.split("|") if absent != "-" else []:
        assert word not in spellings, f"{word} taken for an entity"


def test_short_names_and_defined_names_are_mentions_of_the_full_name() -> None:
    text = "星海控股有限公司（以下简称“星海”或「本集团」）今日公告。星海控股表示，本集团收入增长，星海将扩产。"
    [ent] = [e for e in _entities(text) if e["name"] == "星海控股有限公司"]
    assert {"星海", "星海控股", "本集团"} <= set(ent["names"])
    assert len(ent["mentions"]) == 6


def test_a_crossing_is_named_short_as_a_company_is() -> None:
    text = "去年，出入境客流以青茂最多。青茂口岸的单日纪录也被刷新。"
    [ent] = [e for e in _entities(text) if e["name"] == "青茂口岸"]
    assert ent["type"] == "place" and "青茂" in ent["names"] and len(ent["mentions"]) == 2


def test_an_organisation_s_core_that_is_an_ordinary_word_or_a_large_place_is_no_short_name() -> None:
    assert usable_short("星海") and usable_short("云帆")
    assert not usable_short("北京")  # 北京银行 is no name of every 北京
    assert not usable_short("理想")  # nor 理想汽车 of every 理想
    ents = _entities("北京银行发布年报，北京的分行增加。")
    assert [e["names"] for e in ents if e["name"] == "北京银行"] == [["北京银行"]]


def test_a_gazetteer_name_inside_an_organisation_form_is_the_gazetteer_s_entity() -> None:
    text = "魔筷科技在11月16日回应。"
    assert [(e["name"], e["source"]) for e in _entities(text)] == [("魔筷", "gazetteer")]


def test_a_name_the_article_repeats_or_opens_a_sentence_with_is_found_by_jieba_s_hmm() -> None:
    ents = {e["name"]: e for e in _entities("澜途手机发布新品。澜途表示，新品将于10月开售。")}
    assert "澜途手机" in ents  # the organisation form
    ents = {e["name"]: e for e in _entities("他说，澜途今年营收增长，澜途的门店也在增加。")}
    assert ents["澜途"]["source"] == "repeated" and len(ents["澜途"]["mentions"]) == 2
    assert "澜途" not in {e["name"] for e in _entities("他说，澜途今年营收增长。")}  # once, inside a sentence


def test_finders_return_spans_that_hold_their_names() -> None:
    text = "首席执行官李明远表示，星海控股有限公司的X9 Pro销量领先云帆汽车。（以下简称“星海”）"
    gaz = load_gazetteer()
    for c in [*org_forms(text, gaz.find(text)), *latin_names(text), *titled_people(text)]:
        assert text[c.start:c.end] and c.end > c.start
    assert definitions(text) and all(text[s:e] == "星海" for _, spans in definitions(text) for s, e in spans)


def test_suffixes_are_stripped_for_the_timeline_but_a_public_body_keeps_its_office() -> None:
    assert strip_suffixes("星海控股有限公司") == "星海"
    assert strip_suffixes("云帆汽车") == "云帆"
    assert strip_suffixes("教育部") == "教育部"


_PIECES = st.lists(st.sampled_from(["云帆汽车", "星海控股有限公司", "国家统计局", "快手", "抖音电商", "X9 Pro",
                                    "记者张三报道", "营收增长", "，", "。", "同比", "2023年", "的", "在", "星海",
                                    "云帆", "山东省"]), max_size=20).map("".join)


@given(_PIECES)
def test_every_mention_holds_one_of_its_entity_s_names_and_none_overlap(text: str) -> None:
    ents = find_entities(text, load_gazetteer())
    spans = sorted(s for e in ents.entities for s in e.spans)
    for e in ents.entities:
        assert all(text[s:t] in e.names for s, t in e.spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_the_entities_field_follows_the_schema() -> None:
    article = process("星海控股发布公告\n星海控股有限公司（以下简称“星海”）今日公告，湖南省新开工项目482个。\n"
                      "首席执行官李明远表示满意。星海将扩产。\n")
    assert errors("article", article) == []
    assert [e["name"] for e in article["entities"]][:1] == ["星海控股有限公司"]


_SUFFIXES = sorted(suffixes().rows)


@given(st.lists(st.one_of(st.sampled_from(_SUFFIXES), st.sampled_from(list("中国人有限公司集团局部的，aB 1"))),
                max_size=20))
def test_suffix_chains_are_what_the_chain_pattern_finds(pieces: list[str]) -> None:
    """The Aho–Corasick chains of suffixes are the matches of ``(?:suffix)+`` that the rule scanned with."""
    text = "".join(pieces)
    chain = re.compile(f"(?:{trie_regex(_SUFFIXES)})+")
    assert suffixes().chains(text) == [m.span() for m in chain.finditer(text)]
