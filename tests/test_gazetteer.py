"""The gazetteer: its file format, user files merged over it, lookups and the name matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run
from zhextract.errors import DataFileError
from zhextract.gazetteer import is_latin, latin_key, load_gazetteer
from zhextract.stages import repair
from zhextract.step import Context, Options


def _user_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "mine.tsv"
    path.write_text("# my entities\n" + body, encoding="utf-8")
    return str(path)


def test_builtin_gazetteer_has_the_domain_entities() -> None:
    g = load_gazetteer()
    for name in ("快手", "抖音", "淘宝", "天猫", "京东", "拼多多", "阿里巴巴", "有赞", "魔筷", "微信", "小红书",
                 "国家市场监管总局", "工信部", "宿华"):
        assert name in g.entities, name
    assert g.entities["宿华"].type == "person"
    assert g.entities["抖音"].abroad == "TikTok"
    assert "TikTok" in g.entities  # the counterpart has its own line


def test_every_entity_is_well_formed() -> None:
    g = load_gazetteer()
    for e in g.entities.values():
        assert e.abroad == "" or e.abroad in g.entities, e.name
        assert all(r in g.entities for r in e.related), e.name
        assert e.type != "person" or e.related, f"{e.name}: a person needs the entities they belong to"
        for garble in (*e.mistranslations, *e.risky):
            assert garble != e.name


def test_canonical_resolves_names_english_names_and_garbles_not_risky_ones() -> None:
    g = load_gazetteer()
    assert g.canonical("快手") == "快手"
    assert g.canonical("淘系") == "淘宝"
    assert g.canonical("kuai-shou") == "快手"
    assert g.canonical("AAUTO  QUICKER") == "快手"
    assert g.canonical("JD.com") == "京东"
    assert g.canonical("Zan") is None  # risky: ordinary out of context
    assert g.canonical("Zanzibar") is None


def test_find_prefers_the_longest_name_and_respects_latin_words() -> None:
    g = load_gazetteer()
    text = "快手电商、快手商城和TikTok Shop都在增长，TikTokers不算，晚点LatePost报道。"
    found = [(text[s:e], name) for s, e, name in g.find(text)]
    assert ("快手电商", "快手电商") in found
    assert ("快手商城", "快手电商") in found
    assert ("TikTok Shop", "TikTok Shop") in found
    assert ("晚点LatePost", "晚点LatePost") in found
    assert not any(s.startswith("TikTok") and s != "TikTok Shop" for s, _ in found)
    # a window of the text
    start = text.index("TikTok")
    assert [n for _, _, n in g.find(text, start, start + 11)] == ["TikTok Shop"]


def test_user_file_adds_entities_and_merges_names(tmp_path: Path) -> None:
    user = _user_file(tmp_path, "快手\tplatform\t\t\tKuai Quick Hands\n"
                                "蝉妈妈\tcompany\tChanmama\t\tCicada Mother\n")
    g = load_gazetteer((user,))
    assert "Kuai Quick Hands" in g.entities["快手"].mistranslations
    assert "Aauto Quicker" in g.entities["快手"].mistranslations  # built-in names kept
    assert g.canonical("Cicada Mother") == "蝉妈妈"
    doc = run("据Cicada Mother数据，Kuai Quick Hands的GMV增长。", repair.STEPS,
              Context(options=Options(gazetteers=(user,))))
    assert doc.text == "据蝉妈妈数据，快手的GMV增长。"


def test_user_file_may_hold_pattern_rows(tmp_path: Path) -> None:
    user = _user_file(tmp_path, "蝉妈妈\tcompany\tChanmama\n"
                                "蝉妈妈\tpattern\tno\t(?:cicada|cicadas)[ \\t-]*(?:mom|mum|mother|mama)s?\n")
    ctx = Context(options=Options(gazetteers=(user,)))
    doc = run("据Cicada Mum数据，带货主播增加。", repair.STEPS, ctx)
    assert doc.text == "据蝉妈妈数据，带货主播增加。"
    assert [e.rule for e in doc.edits] == ["pattern"]


@pytest.mark.parametrize(("body", "problem"), [
    ("快手\tplanet\n", "unknown type"),
    ("快手\tpattern\tmaybe\tx\n", "pattern row"),
    ("快手\tpattern\tno\t(unclosed\n", "bad pattern"),
    ("快手\tpattern\tno\t{没有这个}x\n", "names no entity"),
    ("快手\tpattern\tno\t{@planet}x\n", "unknown type in placeholder"),
    ("\tplatform\n", "empty entity name"),
])
def test_malformed_user_rows_are_reported_with_file_and_line(tmp_path: Path, body: str, problem: str) -> None:
    user = _user_file(tmp_path, body)
    with pytest.raises(DataFileError) as info:
        load_gazetteer((user,))
    assert problem in str(info.value)
    assert "mine.tsv:2" in str(info.value)


def test_placeholders_expand_to_names_and_patterns() -> None:
    g = load_gazetteer()
    store = next(p for p in g.patterns if p.replacement == "快手小店")
    for garble in ("Aauto Quicker Store", "a auto quickent shop", "Kuaishou Small Shop", "Quick Hands Store"):
        assert store.regex.fullmatch(garble), garble
    assert store.latin_start
    praise = next(p for p in g.patterns if p.replacement == "有赞" and p.kind == "calque")
    assert praise.regex.search("把拼多多店铺或好评店铺")
    assert not praise.regex.search("这家店铺好评店铺")
    assert not praise.latin_start


def test_latin_key_ignores_case_spaces_and_hyphens() -> None:
    assert latin_key("Tik Tok") == latin_key("TIKTOK") == latin_key("tik-tok") == "tiktok"




def test_the_gazetteer_covers_the_economy_not_one_industry() -> None:
    g = load_gazetteer()
    assert len(g.entities) >= 300
    for name in ("中国工商银行", "招商银行", "中国平安", "中国人寿", "比亚迪", "吉利汽车", "蔚来", "宁德时代",
                 "中芯国际", "中国国际航空", "中国移动", "国家电网", "贵州茅台", "新华社", "国务院", "财政部",
                 "李彦宏", "雷军"):
        assert name in g.entities, name
    kinds = {e.type for e in g.entities.values()}
    assert {"company", "platform", "person", "regulator", "media"} <= kinds
    # calques and literal translations the issue names, each resolved or risky as it should be
    assert g.canonical("Goose Factory") == "腾讯"
    assert g.canonical("Hundred Degrees") == "百度"
    assert g.canonical("Spell Duoduo") == "拼多多"
    assert "Station B" in g.entities["哔哩哔哩"].risky  # ordinary inside English phrases
    assert "Hungry" in g.entities["饿了么"].risky


def test_no_surface_names_two_entities() -> None:
    g = load_gazetteer()
    owner: dict[str, str] = {}
    for e in g.entities.values():
        for s in (*e.names, *e.english, *e.mistranslations, *e.risky):
            key = latin_key(s) if is_latin(s) else s
            assert owner.setdefault(key, e.name) == e.name, f"{s!r}: {owner[key]} and {e.name}"


def test_the_hierarchy_names_entities_and_has_no_cycles() -> None:
    g = load_gazetteer()
    for e in g.entities.values():
        assert e.parent == "" or e.parent in g.entities, e.name
        chain = g.ancestors(e.name)
        assert e.name not in chain, f"cycle through {e.name}"
        assert e.type != "regulator" or not e.parent, f"{e.name}: public bodies have no parent"
    assert g.ancestors("抖店") == ("抖音电商", "抖音", "字节跳动")
    assert g.ancestors("天猫") == ("阿里巴巴",)
    assert g.ancestors("快手小店") == ("快手电商", "快手")
    assert g.parents()["支付宝"] == "蚂蚁集团"


def test_user_rows_may_give_a_parent(tmp_path: Path) -> None:
    user = _user_file(tmp_path, "蝉妈妈\tcompany\tChanmama\t\t\t\t\t\t\n抖音月付\tproduct\t\t\t\t\t\t\t抖音\n")
    g = load_gazetteer((user,))
    assert g.ancestors("抖音月付") == ("抖音", "字节跳动")


def _regex_find(gaz: object, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The reference: the gazetteer's names as one trie regex, Latin names kept out of longer Latin words."""
    import re

    from zhextract.trie import trie_regex

    surface = gaz._surface  # type: ignore[attr-defined]
    pattern = re.compile(trie_regex(surface, latin_bounds=True))
    return [(m.start(), m.end(), surface[m.group()]) for m in pattern.finditer(text, start, end)]


def test_find_over_the_seeds_matches_the_trie_regex() -> None:
    gaz = load_gazetteer(())
    for path in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert gaz.find(text) == _regex_find(gaz, text, 0, len(text))
