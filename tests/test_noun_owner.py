"""A figure no entity owns takes the class of things its measure is of (extract/class_owners.py, noun_owner).

Cases in tests/data/noun_owner_cases.tsv: 行业整体产能利用率 → 行业整体, but no subject for an unnamed owner
(某平台, 该机型), a pronoun, a currency, a list closed by 等, or a time word; an entity, when named, wins.
Changes after 分别 are of the things a list before them names, in order (listed_owners).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from zhextract.extract import extract_all
from zhextract.extract.class_owners import listed_owners
from zhextract.gazetteer import load_gazetteer

CASES = Path(__file__).parent / "data" / "noun_owner_cases.tsv"
REFERENCE = datetime.date(2025, 6, 30)


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, text, subject = line.split("\t")
        rows.append((sentence, text, subject))
    return rows


def _quantity(sentence: str, text: str) -> dict[str, Any]:
    found = extract_all(sentence, REFERENCE, load_gazetteer())
    at = sentence.index(text)
    hits = [n for n in found.numbers if n["span"][0] < at + len(text) and at < n["span"][1]]
    assert hits, f"no quantity at {text!r}: {[n['text'] for n in found.numbers]}"
    return hits[0]


def test_the_table_has_cases_of_each_kind() -> None:
    rows = _rows()
    assert len(rows) >= 20
    assert any(s == "-" for *_, s in rows) and any(s.startswith("=") for *_, s in rows)
    assert all(sentence.count(text) == 1 for sentence, text, _ in rows)


@pytest.mark.parametrize(("sentence", "text", "subject"), _rows(), ids=lambda v: str(v)[:24])
def test_owner(sentence: str, text: str, subject: str) -> None:
    q = _quantity(sentence, text)
    if subject == "-":
        assert q["subject"] is None, q
    elif subject.startswith("="):
        assert q["subject"] == subject[1:] and q["subject_basis"] != "noun", q
    else:
        assert q["subject"] in subject.split("|") and q["subject_basis"] == "noun", q


def test_a_noun_owner_is_carried_to_the_next_figure_of_its_paragraph() -> None:
    text = "二手房成交量约为4200套。环比增长9%。"
    second = _quantity(text, "9%")
    assert second["subject"] == "二手房" and second["subject_basis"] == "noun"


@pytest.mark.parametrize(("word", "owner"), [
    ("酱货", True),   # unknown to the dictionary, ends in a noun: a head-final compound noun
    ("预订", False),  # ends in a verb
    ("赴外", False),  # ends in a localizer
])
def test_an_unknown_word_owns_a_figure_only_when_it_ends_in_a_noun(word: str, owner: bool) -> None:
    from zhextract.extract.class_owners import _owner_word
    from zhextract.lexicon import Token

    assert _owner_word(Token(0, len(word), word, None)) is owner


@pytest.mark.parametrize(("text", "count", "expected"), [
    # the things, not the qualities listed after 等
    ("去年，汽车、手机和电池等高技术、高附加值产品出口分别增长了", 3, ["汽车", "手机", "电池"]),
    ("今年，茶叶、丝绸产量同比分别下降", 2, ["茶叶", "丝绸"]),  # the last item stops at its measure
    ("今年，茶叶、丝绸产量同比分别下降", 3, None),  # a count that does not match pairs nothing
    ("今年产量同比分别下降", 2, None),  # no list
])
def test_listed_owners(text: str, count: int, expected: list[str] | None) -> None:
    assert listed_owners(text, 0, len(text), count) == expected
