"""Every entry of the normalize stage's data files does what its header promises.

* ``t2s_fixes.tsv``: each left side is a real gap of OpenCC t2s (t2s leaves it
  alone), each right side is Simplified, and the stage turns a Traditional
  sentence holding the left side into the right side.
* ``zhu_words.txt``: each word keeps its 著 inside a converted Traditional line,
  while the particle 著 next to it in the same line becomes 着.
"""

from __future__ import annotations

import pytest

from zhextract import opencc_loader
from zhextract.document import Document
from zhextract.resources import read_list, read_table
from zhextract.stages import normalize
from zhextract.step import Context

FIXES = [(row[0], row[1]) for row in read_table("t2s_fixes.tsv", 2)]
ZHU_WORDS = list(read_list("zhu_words.txt"))


def normalized(text: str) -> str:
    doc = Document("t", text)
    for step in normalize.STEPS:
        doc.apply(step.stage, step.name, step.rule(doc, Context()))
    return doc.text


def t2s(text: str) -> str:
    return str(opencc_loader.load_t2s().convert(text))


@pytest.mark.parametrize("gap, fixed", FIXES, ids=[g for g, _ in FIXES])
def test_fix_entry(gap: str, fixed: str) -> None:
    assert gap != fixed
    assert t2s(gap) == gap, "t2s already converts this: the entry is not a gap"
    assert t2s(fixed) == fixed, "the correction is not Simplified"
    assert normalized(f"據報導，這是{gap}的問題。") == f"据报导，这是{fixed}的问题。"


@pytest.mark.parametrize("word", ZHU_WORDS)
def test_zhu_word_keeps_its_zhu(word: str) -> None:
    assert "著" in word
    out = normalized(f"隨著時間過去，這是{word}。")
    assert out == f"随着时间过去，这是{word}。"


@pytest.mark.parametrize("traditional, simplified", [
    ("隨著", "随着"), ("面臨著", "面临着"), ("意味著", "意味着"), ("跟著", "跟着"), ("看著", "看着"),
    ("帶著", "带着"), ("沿著", "沿着"), ("朝著", "朝着"), ("穿著", "穿着"), ("保持著", "保持着"),
    ("睡著", "睡着"), ("著急", "着急"), ("著手", "着手"), ("著陸", "着陆"), ("著迷", "着迷"),
    ("衣著", "衣着"), ("沉著", "沉着"), ("執著", "执着"), ("扮演著", "扮演着"), ("承載著", "承载着"),
])
def test_particle_and_zhuo_become_zhe(traditional: str, simplified: str) -> None:
    """The verbs are an open class: none of these is listed anywhere in the data."""
    assert normalized(f"這時{traditional}。") == f"这时{simplified}。"


def test_zhu_rule_leaves_simplified_lines_alone() -> None:
    text = "他是著名作家，成就显著。\n他看著我。"  # the second line is not Traditional: left as written
    assert normalized(text) == text


def test_author_credit_before_a_title_keeps_zhu() -> None:
    assert normalized("金庸著《天龍八部》") == "金庸著《天龙八部》"
