"""The repair stage on the four seed articles (normalize and strip run first).

Seed 000 is machine-translated (Aauto Quicker, Tik Tok, Zan, 苏华); seed 001
is spun by calques (快手商, 豆快) and MT spacing; seeds 002 and 003 are clean
and must come out of the stage without a single repair.
"""

from __future__ import annotations

import regex

from helpers import SEEDS
from zhextract.decode import decode_bytes
from zhextract.document import Document, replay
from zhextract.pipeline import process_text
from zhextract.stages.repair import SPUN_THRESHOLD
from zhextract.step import Context


def _seed(prefix: str) -> Document:
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    raw, _ = decode_bytes(path.read_bytes())
    return process_text(raw, path.stem, Context())


def _repairs(doc: Document) -> list[tuple[str, str, str]]:
    return [(e.rule, e.before, e.after) for e in doc.edits if e.stage == "repair"]


def test_seed_000_keeps_no_mistranslated_name() -> None:
    doc = _seed("000")
    assert doc.meta["spun_score"] >= SPUN_THRESHOLD
    garbles = r"(?i)a\s*-?\s*auto|quick|faster|tik\s*tok|(?<![a-z])zan(?![a-z])|苏华|小顾|好评店铺|自动驾驶更快"
    left = regex.findall(garbles, doc.text)
    assert left == []
    assert "宿华表示" in doc.text
    assert "笑古提出" in doc.text
    assert "淘宝店铺或者有赞店铺" in doc.text
    assert replay(doc.raw, doc.edits) == doc.text


def test_seed_000_restores_every_mention() -> None:
    doc = _seed("000")
    raw = doc.raw
    after = [a.strip("，；：？！。") for _, _, a in _repairs(doc)]  # marks made full-width go along
    # every garble of 快手 in the raw text (body; the title line is not body text)
    body = raw.split("\n", 1)[1]
    assert after.count("抖音") == body.count("Tik Tok")
    assert after.count("有赞") == len(regex.findall(r"(?<![A-Za-z])Zan(?![A-Za-z])", body)) + body.count("好评店铺")
    garbles = len(regex.findall(r"(?i)a ?auto|自动驾驶更快", body))
    assert after.count("快手") + after.count("快手小店") == garbles


def test_seed_000_reports_the_latin_word_it_cannot_resolve() -> None:
    doc = _seed("000")
    assert "unresolved latin name: 36k" in doc.warnings
    assert not [w for w in doc.warnings if "GMV" in w or "App" in w or "GIF" in w]


def test_seed_001_is_spun_and_its_calques_are_restored() -> None:
    doc = _seed("001")
    assert doc.meta["spun_score"] >= SPUN_THRESHOLD
    assert regex.search(r"快手商(?![城店家品业])", doc.text) is None
    assert "豆快" not in doc.text
    assert "抖快都萌生" in doc.text
    assert doc.text.count("快手商店") == doc.raw.count("快手商店")
    assert {rule for rule, _, _ in _repairs(doc)} <= {"calque", "synonym", "pattern"}


def test_clean_seeds_002_and_003_are_left_alone() -> None:
    for prefix in ("002", "003"):
        doc = _seed(prefix)
        assert doc.meta["spun_score"] < SPUN_THRESHOLD, prefix
        assert _repairs(doc) == [], prefix
        assert not [w for w in doc.warnings if w.startswith("unresolved latin")], prefix
