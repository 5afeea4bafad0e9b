"""The repair stage: names mangled by machine translation, on cases written for it.

The case table (tests/data/repair_cases.tsv) holds sentences written for these
tests, not taken from the seeds: every alias family in new sentences, unseen
variants the patterns must catch, risky repairs that need a spun document, and
negatives (real English words, acronyms, product names, URLs, glosses) that
must come out as written.
"""

from __future__ import annotations

import pytest

from helpers import load_cases, run
from zhextract.document import Document, replay
from zhextract.stages import repair
from zhextract.step import Context

# Two distinct listed garbles: enough signs for the document to count as spun,
# and nothing that speaks of a business abroad.
SPUN_PREFIX = "据Aauto Quicker消息，Magic Chopsticks也已跟进。"


def _document(context: str, text: str) -> tuple[str, int]:
    if context == "spun":
        return f"{SPUN_PREFIX}\n{text}", len(SPUN_PREFIX) + 1
    assert context == "clean", context
    return text, 0


def _repair(raw: str) -> Document:
    return run(raw, repair.STEPS)


@pytest.mark.parametrize(("name", "context", "text", "expected", "rules"),
                         load_cases("repair_cases.tsv", 5))
def test_case(name: str, context: str, text: str, expected: str, rules: str) -> None:
    raw, offset = _document(context, text)
    doc = _repair(raw)
    out = doc.text.split("\n")[-1]
    assert out == (text if expected == "=" else expected)
    got = [e.rule for e in doc.edits if e.stage == "repair" and e.start >= offset]
    assert got == ([] if rules == "-" else rules.split(","))
    assert replay(doc.raw, doc.edits) == doc.text


def test_spun_prefix_scores_as_spun_and_clean_text_does_not() -> None:
    assert _repair(SPUN_PREFIX).meta["spun_score"] >= repair.SPUN_THRESHOLD
    clean = _repair("快手电商发布公告：自3月1日起，淘宝联盟商品链接将无法在快手电商发布。")
    assert clean.meta["spun_score"] == 0
    assert clean.edits == []


def test_calques_alone_and_mt_spacing_make_a_document_spun() -> None:
    # Several hits of one calque, another calque and the spacing MT leaves
    # after Chinese punctuation: the signs seed 001 shows, in new sentences.
    raw = ("快手商宣布了新规。 对此，商家反应不一。 快手商也回应了。\n"
           "豆快都在调整策略。 快手商近期动作频频。")
    doc = _repair(raw)
    assert doc.meta["spun_score"] >= repair.SPUN_THRESHOLD
    assert "快手商" not in doc.text.replace("快手电商", "")
    assert "抖快都" in doc.text


def test_one_risky_calque_alone_is_not_enough() -> None:
    doc = _repair("快手商宣布了新规，商家反应不一。")
    assert doc.meta["spun_score"] < repair.SPUN_THRESHOLD
    assert doc.text == "快手商宣布了新规，商家反应不一。"


def test_every_repair_is_counted_per_entity_and_per_rule() -> None:
    doc = _repair(f"{SPUN_PREFIX}\nZan和Tik Tok都发出了通知，Aauto更快也回应了。")
    assert doc.stats["repair.entity.有赞"] == 1
    assert doc.stats["repair.entity.抖音"] == 1
    assert doc.stats["repair.entity.快手"] == 2  # the prefix and the pattern
    assert doc.stats["repair.entity.魔筷"] == 1
    assert doc.stats["repair.alias"] == 4
    assert doc.stats["repair.pattern"] == 1
    assert doc.stats["repair.sign.garble"] >= 4


def test_title_is_repaired_like_the_body() -> None:
    doc = Document("t", f"{SPUN_PREFIX}\n正文。")
    doc.title = "Aauto Quicker直播间要和Zan说分手"
    run_doc = repair.score(doc, Context())
    assert run_doc == []
    assert doc.title == "快手直播间要和有赞说分手"
    assert doc.stats["repair.title.repaired"] == 2


def test_repair_is_idempotent() -> None:
    raw = f"{SPUN_PREFIX}\n快手商宣布，Tik Tok电商和Aauto更快都在调整，创始人苏华表示：克日将公布。"
    once = _repair(raw)
    twice = _repair(once.text)
    assert twice.text == once.text
    assert not [e for e in twice.edits if e.stage == "repair"]


@pytest.mark.parametrize(("text", "reported"), [
    ("（36k后期团队；浙商证券研究所）", ["36k"]),
    ("数据来自新快数据（www.xk.newrank.cn），GMV和MCN都在增长。", []),
    ("据Shoppee数据，Lazada和Shopee都在增长。", ["Shoppee"]),
    ("这款iPhone14的销量超过100万台，5G手机占比6成，Q3财报显示增长。", []),
    ("电池容量为5000mAh，重量200g。", []),
    ("Kuai Show宣布上线新功能。", ["Kuai Show"]),
])
def test_unresolved_latin_words_are_warned(text: str, reported: list[str]) -> None:
    doc = _repair(text)
    got = [w.removeprefix("unresolved latin name: ") for w in doc.warnings if w.startswith("unresolved latin")]
    assert got == reported


def test_steps_are_named_by_kind() -> None:
    names = [s.name for s in repair.STEPS]
    assert names == ["score", "alias", "pattern", "calque", "sound_alike", "synonym", "unresolved_latin"]


def test_person_context_scanners_find_what_the_trie_regexes_found() -> None:
    """The titles and speech verbs around a sound-alike are found by Aho–Corasick; the matches must be
    those of the trie regexes the stage used before."""
    import random

    from zhextract.patterns import compile_pattern
    from zhextract.stages.repair.sound_alikes import _person_context, _person_context_scanners
    from zhextract.trie import trie_regex

    rng = random.Random(4)
    for words, scanner in zip(_person_context(), _person_context_scanners()):
        rx = compile_pattern(trie_regex(words))
        pieces = [*words, *(w[:-1] for w in words if len(w) > 1), "苏华", "，", "的", "a"]
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
            assert [(s, e) for s, e, _ in scanner.finditer(text)] == [m.span() for m in rx.finditer(text)], text
