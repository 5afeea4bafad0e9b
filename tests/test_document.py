"""The edit model: spans index the raw text, replay reproduces the clean text."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhextract import document
from zhextract.document import Change, Document, Edit, OverlappingChanges, replay


def test_edit_records_raw_span_and_before():
    d = Document("t", "快手電商與淘寶")
    d.apply("normalize", "t2s", [Change(2, 3, "电"), Change(4, 5, "与"), Change(5, 7, "淘宝")])
    assert d.text == "快手电商与淘宝"
    assert [(e.start, e.end, e.before, e.after) for e in d.edits] == [
        (2, 3, "電", "电"), (4, 5, "與", "与"), (5, 7, "淘寶", "淘宝")]
    assert replay(d.raw, d.edits) == d.text


def test_later_edit_absorbs_earlier_one_it_overlaps():
    d = Document("t", "用户在Ｋｗａｉ下单")
    d.apply("normalize", "fullwidth_ascii", [Change(3, 7, "Kwai")])
    d.apply("repair", "names", [Change(3, 7, "快手")])
    assert d.text == "用户在快手下单"
    [e] = d.edits
    assert (e.stage, e.rule, e.before, e.after, e.absorbs) == ("repair", "names", "Ｋｗａｉ", "快手",
                                                               ("normalize.fullwidth_ascii",))


def test_removing_a_line_absorbs_the_conversions_inside_it():
    raw = "標題\n第一行內容\n"
    d = Document("t", raw)
    d.apply("normalize", "t2s", [Change(0, 2, "标题"), Change(6, 7, "内")])
    d.apply("strip", "title", [Change(0, 3, "")])
    assert d.text == "第一行内容\n"
    assert [(e.rule, e.before, e.after) for e in d.edits] == [("title", "標題\n", ""), ("t2s", "內", "内")]


def test_step_that_changes_nothing_records_nothing():
    d = Document("t", "不变")
    assert d.apply("s", "r", [Change(0, 1, "不")]) == 0
    assert d.edits == [] and d.stats == {}


def test_overlapping_changes_are_a_bug_of_the_rule():
    d = Document("t", "abcdef")
    with pytest.raises(OverlappingChanges):
        d.apply("s", "r", [Change(0, 3, "x"), Change(2, 4, "y")])


def test_replay_rejects_edits_that_do_not_match_the_raw_text():
    with pytest.raises(ValueError, match="differs"):
        replay("abc", [Edit("s", "r", 0, 1, "z", "y")])


_alphabet = st.sampled_from(list("ab 中文\n電"))


@st.composite
def _steps(draw):  # type: ignore[no-untyped-def]
    return draw(st.lists(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6),
                                            st.text(alphabet="xy中\n", max_size=3)), max_size=5), max_size=6))


def _disjoint(changes: list[tuple[int, int, str]], length: int) -> list[Change]:
    out: list[Change] = []
    for a, w, new in changes:
        a = a % (length + 1)
        b = min(length, a + w)
        if any((a < c.end and c.start < b) or a == b == c.start == c.end
               or (a == b and c.start < a < c.end) or (c.start == c.end and a < c.start < b) for c in out):
            continue
        out.append(Change(a, b, new))
    return out


@given(st.text(alphabet=_alphabet, max_size=40), _steps())
def test_any_sequence_of_steps_replays_exactly(raw, steps):
    d = Document("t", raw)
    for n, step in enumerate(steps):
        changes = _disjoint(step, len(d.text))
        expected = d.text
        for c in sorted(changes, key=lambda c: (c.start, c.end), reverse=True):
            expected = expected[:c.start] + c.after + expected[c.end:]
        d.apply("stage", f"rule{n}", changes)
        assert d.text == expected
        assert replay(raw, d.edits) == d.text
        assert all(raw[e.start:e.end] == e.before for e in d.edits)
        assert all(a.end <= b.start for a, b in zip(d.edits, d.edits[1:]))
        # The offsets apply() keeps up to date are those computed afresh from the edits.
        kept = d.offsets()
        d._offsets = None
        assert d.offsets() == kept


@given(st.text(alphabet=_alphabet, max_size=40), _steps())
def test_changes_apart_from_the_edits_are_recorded_as_the_general_walk_records_them(raw, steps):
    """apply() takes a short path when no change touches a recorded edit; forcing the general
    path (grouping every change with the edits it touches) records the same edits."""
    fast, walked = Document("t", raw), Document("t", raw)
    for n, step in enumerate(steps):
        fast.apply("stage", f"rule{n}", _disjoint(step, len(fast.text)))
        with patch.object(document, "_apart", lambda *_: False):
            walked.apply("stage", f"rule{n}", _disjoint(step, len(walked.text)))
        assert fast.edits == walked.edits
        assert fast.text == walked.text


@given(st.text(alphabet=_alphabet, max_size=40), _steps())
def test_a_step_split_into_touching_and_apart_changes_records_what_one_walk_records(raw, steps):
    """apply() walks only the changes that overlap recorded edits and slots the others in in bulk;
    walking them all (the split turned off) records the same edits, the same text and offsets."""
    split, walked = Document("t", raw), Document("t", raw)
    for n, step in enumerate(steps):
        with patch.object(document, "_apart", lambda *_: False):
            split.apply("stage", f"rule{n}", _disjoint(step, len(split.text)))
            with patch.object(document, "_SPLIT", False):
                walked.apply("stage", f"rule{n}", _disjoint(step, len(walked.text)))
        assert split.edits == walked.edits
        assert split.text == walked.text
        assert split.offsets() == walked.offsets()


def test_offsets_kept_through_the_whole_pipeline_equal_fresh_ones() -> None:
    from helpers import SEEDS
    from zhextract.decode import decode_bytes
    from zhextract.pipeline import STEPS
    from zhextract.step import Context

    ctx = Context()
    for seed in SEEDS:
        d = Document(seed.stem, decode_bytes(seed.read_bytes())[0])
        for s in STEPS:
            d.apply(s.stage, s.name, s.rule(d, ctx))
            kept = d.offsets()
            d._offsets = None
            assert d.offsets() == kept, s.qualname


def test_few_changes_among_many_edits_keep_the_offsets_fresh_ones_give() -> None:
    """A step of a few changes among many recorded edits shifts the kept offsets instead of
    dropping them; they must be what deriving them afresh gives, and the edits must replay."""
    import random

    rng = random.Random(8)
    for _ in range(300):
        raw = "".join(rng.choice("ab中文電 \n") for _ in range(rng.randint(20, 80)))
        d = Document("t", raw)
        many = [Change(i, i + 1, rng.choice(["x", "", "yz"])) for i in range(0, len(raw), 2)]
        d.apply("normalize", "chars", many)
        for n in range(4):
            edges = d.offsets()
            free = [p for p in range(len(d.text)) if not any(s <= p <= e for s, e in zip(edges[0], edges[1]))]
            picks = sorted(rng.sample(free, min(len(free), rng.randint(1, 3))))
            changes = [Change(p, p + 1 if p < len(d.text) and rng.random() < 0.5 else p, "新")
                       for p in picks]
            changes = [c for k, c in enumerate(changes) if k == 0 or changes[k - 1].end < c.start]
            d.apply("strip", f"rule{n}", changes)
            kept = d.offsets()
            d._offsets = None
            assert d.offsets() == kept
            assert replay(raw, d.edits) == d.text
