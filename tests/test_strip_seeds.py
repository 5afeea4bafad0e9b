"""The strip stage on the four seeds: exactly the reviewed removals, nothing else.

``tests/data/strip_seeds.tsv`` lists every line and phrase removed from each
seed, with the rule that removed it.  The test traces the strip steps one by
one and compares what each removed with that table, so a new removal (or a
lost one) fails here with the rule's name.
"""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import pytest

from helpers import DATA, SEEDS
from zhextract.document import Document
from zhextract.stages import normalize, strip
from zhextract.step import Context


def _expected() -> dict[str, Counter[tuple[str, str, str]]]:
    out: dict[str, Counter[tuple[str, str, str]]] = {}
    for line in (DATA / "strip_seeds.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        seed, rule, what, text = line.split("\t")
        out.setdefault(seed, Counter())[(rule, what, strip.line_key(text))] += 1
    return out


def _removed(text: str) -> tuple[Document, list[tuple[str, str, str]]]:
    """Run normalize and strip; each strip step's removed lines and cut-out pieces."""
    doc = Document("t", text)
    ctx = Context()
    out: list[tuple[str, str, str]] = []
    for step in [*normalize.STEPS, *strip.STEPS, *strip.AFTER_REPAIR]:
        before = doc.text
        doc.apply(step.stage, step.name, step.rule(doc, ctx))
        if step.stage != "strip" or doc.text == before:
            continue
        a, b = before.split("\n"), doc.text.split("\n")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "delete":
                out.extend((step.name, "line", line) for line in a[i1:i2])
            elif op == "replace":
                assert i2 - i1 == j2 - j1, f"{step.name} removed and changed lines at once"
                for x, y in zip(a[i1:i2], b[j1:j2]):
                    for o, p1, p2, _, _ in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
                        assert o in ("equal", "delete"), f"{step.name} inserted text: {x!r} -> {y!r}"
                        if o == "delete":
                            out.append((step.name, "cut", x[p1:p2]))
            elif op == "insert":
                pytest.fail(f"{step.name} inserted lines")
    return doc, out


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_seed_removals_are_the_reviewed_ones(seed: Path) -> None:
    _, removed = _removed(seed.read_bytes().decode("utf-8-sig"))
    expected = _expected().get(seed.stem[:3], Counter())
    got: Counter[tuple[str, str, str]] = Counter()
    for rule, what, text in removed:
        key = strip.line_key(text)
        # the table keeps the first 40 characters of long lines
        match = next((k for k in expected if k[:2] == (rule, what) and k[2] and key.startswith(k[2])), None)
        got[match or (rule, what, key)] += 1
    assert got == expected, (f"unexpected: {sorted(set(got) - set(expected))}\n"
                             f"missing: {sorted(set(expected) - set(got))}")


EXPECTED_META = {
    "000": ({"author": "电商君"}, "切断第三方外链，快手直播间要和它们说分手"),
    "001": ({"source": "电商头条", "author": "李松月"}, "快手重新开启联盟之路"),
    "002": ({"source": "新榜", "published": "2022-03-04T10:20"}, "抖音快手相继断外链，是走窄了还是走对了？"),
    "003": ({"keywords": ["阿里巴巴", "同比增长"]}, "今年双11，快手重新牵手淘宝"),
}


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_seed_title_and_meta(seed: Path) -> None:
    doc, _ = _removed(seed.read_bytes().decode("utf-8-sig"))
    meta, title = EXPECTED_META[seed.stem[:3]]
    assert doc.title == title
    for key in ("source", "author", "editor", "published", "keywords"):
        assert doc.meta.get(key) == meta.get(key), key
    assert not [w for w in doc.warnings if "kept" in w], doc.warnings


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_no_seed_line_of_prose_is_removed_whole(seed: Path) -> None:
    """Whole-line removals never take a paragraph of prose (except notices)."""
    _, removed = _removed(seed.read_bytes().decode("utf-8-sig"))
    for rule, what, text in removed:
        if what == "line" and rule not in ("disclaimer", "title"):
            assert not (len(text) >= 40 and strip.reads_as_content(text)), (rule, text)
