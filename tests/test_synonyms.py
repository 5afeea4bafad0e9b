"""The synonym table of spinning tools: its data, its guards on legitimate uses, its repairs.

Sentences are in tests/data/synonym_cases.tsv (written for these tests): spun
sentences must come back, and clean news sentences that use a spun form
legitimately (产物 in chemistry, 以为 as "mistakenly thought", 示意 as a
gesture, 部门 as a department) must stay as written, even in a spun document.
"""

from __future__ import annotations

import pytest

from helpers import load_cases, run
from zhextract.document import replay
from zhextract.resources import read_table
from zhextract.stages import repair
from zhextract.stages.synonyms import load_synonyms

SPUN_PREFIX = "据Aauto Quicker消息，Magic Chopsticks也已跟进。"


@pytest.mark.parametrize(("name", "context", "text", "expected"), load_cases("synonym_cases.tsv", 4))
def test_case(name: str, context: str, text: str, expected: str) -> None:
    raw = f"{SPUN_PREFIX}\n{text}" if context == "spun" else text
    doc = run(raw, repair.STEPS)
    assert doc.text.split("\n")[-1] == (text if expected == "=" else expected)
    assert replay(doc.raw, doc.edits) == doc.text
    if context == "clean":
        assert doc.meta["spun_score"] == 0
        assert doc.edits == []


def test_the_table_holds_150_pairs_each_guarded() -> None:
    table = load_synonyms()
    pairs = {(r.spun, r.original) for rules in table.rules.values() for r in rules}
    assert len(pairs) >= 150
    for row in read_table("spin_synonyms.tsv", 4):
        assert row[3], f"{row.path}:{row.line}: no guard"


def test_no_row_is_listed_twice_and_no_repair_chains() -> None:
    rows = [r.cells for r in read_table("spin_synonyms.tsv", 4)]
    assert len(rows) == len(set(rows))
    table = load_synonyms()
    originals = {r.original for rules in table.rules.values() for r in rules}
    assert not set(table.rules) & originals


def test_every_sign_row_fires_somewhere_and_the_simulator_inverts_the_table() -> None:
    table = load_synonyms()
    swaps = table.swaps()
    assert swaps["近日"] == "克日" and swaps["产品"] == "产物" and swaps["认为"] == "以为"
    assert swaps["通过"] == "经由过程" and swaps["能够"] == "可以或许" and swaps["目前"] == "今朝"



def test_a_short_article_with_two_tool_words_repeated_is_spun() -> None:
    # The case of issue 19: a short article whose only signs are 克日 x3 and 泉源 x2.
    text = ("克日，本市多家超市的蔬菜价格出现上涨。据了解，此次上涨的泉源是连续降雨导致的运输困难。"
            "克日起，相关部门将组织货源调运。市民反映，克日以来叶菜价格涨幅最明显。"
            "商户表示，货品泉源稳定后价格有望回落。")
    doc = run(text, repair.STEPS)
    assert doc.meta["spun_score"] >= repair.SPUN_THRESHOLD
    assert "克日" not in doc.text and "泉源" not in doc.text
