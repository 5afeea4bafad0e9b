"""The garble generator: MT's renderings of names built from their parts, and what repair does with them.

The garbles here are generated (gloss of each part, pinyin, mixes), never
copied from the seeds: every entity whose name MT translates part by part is
written into a sentence as MT would garble it, and must come back in a spun
document and stay as written in a clean one.
"""

from __future__ import annotations

import pytest

from helpers import run
from zhextract.garbles import distinctive, garbles_of, generated_garbles, load_glosses, segments
from zhextract.gazetteer import is_latin, latin_key, load_gazetteer
from zhextract.stages import repair
from zhextract.stages.repair.lexicon import _lexicon

SPUN_PREFIX = "据Aauto Quicker消息，Magic Chopsticks也已跟进。"


def test_names_split_into_the_longest_known_parts() -> None:
    assert segments("中国建设银行") == ["中国", "建设", "银行"]
    assert segments("B站") == ["B", "站"]
    assert segments("58同城") == ["58", "同城"]
    assert segments("拼多多") == ["拼", "多多"]
    assert segments("阿里巴巴集团") == ["阿里巴巴", "集团"]  # unknown characters: one transliterated word


@pytest.mark.parametrize(("name", "garble"), [
    ("百度", "Hundred Degrees"),  # gloss of each character
    ("鹅厂", "Goose Factory"),
    ("拼多多", "Spell Duoduo"),  # gloss, then pinyin of the reduplicated part
    ("B站", "Station B"),  # the label goes behind its head noun
    ("饿了么", "Are You Hungry"),  # a part translated as a whole
    ("腾讯", "Tengxun"),  # pure pinyin
    ("宁德时代", "Ningde Era"),
    ("中国建设银行", "China Building Bank"),
])
def test_garbles_follow_how_mt_renders_each_part(name: str, garble: str) -> None:
    assert latin_key(garble) in {latin_key(g) for g in garbles_of(name)}


def test_the_gloss_table_is_well_formed() -> None:
    g = load_glosses()
    assert len(g.parts) >= 200
    assert all(gl == gl.lower() for gls in g.parts.values() for gl in gls)
    assert "站" in g.heads


def test_one_word_garbles_are_left_to_the_hand_made_list() -> None:
    assert not distinctive("Hungry") and not distinctive("Ali") and not distinctive("Shell")
    assert distinctive("Station B") and distinctive("Teng Xun") and not distinctive("A Li")


def _cases() -> list[tuple[str, str, bool]]:
    """(entity, generated garble, risky) for every entity: the first two garbles the scan reads as that entity
    (a garble somebody also listed is restored in any document, a generated one only in spun ones)."""
    gaz = load_gazetteer()
    lex = _lexicon(())
    out = []
    for entity, surfaces in generated_garbles(gaz).items():
        entries = [(s, lex.latin_entries.get(latin_key(s))) for s in surfaces]
        mine = [(s, e.gate == repair.SPUN) for s, e in entries if e is not None and e.entity == entity]
        out += [(entity, s, risky) for s, risky in mine[:2]]
    return out


CASES = _cases()


def test_most_entities_have_generated_garbles() -> None:
    gaz = load_gazetteer()
    assert len({e for e, _, _ in CASES}) >= 200
    assert len(gaz.entities) >= 300


def test_generated_garbles_come_back_in_a_spun_document_and_stay_in_a_clean_one() -> None:
    wrong = []
    for entity, garble, risky in CASES:
        sentence = f"据{garble}消息，该公司下月将发布新计划。"
        spun = run(f"{SPUN_PREFIX}\n{sentence}", repair.STEPS).text.split("\n")[-1]
        if spun not in {f"据{n}消息，该公司下月将发布新计划。" for n in load_gazetteer().entities[entity].names}:
            wrong.append((garble, spun))
        clean = run(sentence, repair.STEPS)
        if risky and [e.rule for e in clean.edits] not in ([], ["pattern"]):  # a listed family may be safe
            wrong.append((garble, clean.text))
    assert wrong == []


@pytest.mark.parametrize("text", [
    "他用英文写道：“we were hungry and tired after the Station B transfer”。",
    "报告的英文版标题是“A Hundred Degrees of Separation”。",
    "论文作者在摘要中写道：the rising news coverage of the topic was notable。",
])
def test_garbles_inside_english_phrases_stay_even_in_a_spun_document(text: str) -> None:
    doc = run(f"{SPUN_PREFIX}\n{text}", repair.STEPS)
    assert doc.text.split("\n")[-1] == text


@pytest.mark.parametrize("text", [
    "歌手翻唱了Pink Floyd的Dark Side Of The Moon专辑。",
    "展会的Station B展区人气很旺，观众排起长队。",
    "玩具店推出了一款名为Little Rice Car的积木，售价199元。",
    "这家名为Ningde Shidai的咖啡馆开在老城区。",
])
def test_a_clean_document_keeps_garble_like_names(text: str) -> None:
    doc = run(text, repair.STEPS)
    assert doc.text == text and doc.edits == []


def test_generated_garbles_are_latin_and_never_a_listed_correct_name() -> None:
    gaz = load_gazetteer()
    correct = {latin_key(n) for e in gaz.entities.values() for n in (*e.names, *e.english) if is_latin(n)}
    for surfaces in generated_garbles(gaz).values():
        for s in surfaces:
            assert is_latin(s)
            assert latin_key(s) not in correct or s in surfaces  # a pure pinyin may equal the official name
