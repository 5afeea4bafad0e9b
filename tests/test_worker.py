"""Serialising a processed article: the fast encoders write what ``json`` writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from zhextract import worker
from zhextract.step import Options
from zhextract.worker import Task, process_task

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(_JSON)
def test_encoders_write_what_json_writes(value: Any) -> None:
    assert worker.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert worker._compact(value) == json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def test_the_fast_encoder_is_in_use() -> None:
    """On CPython the C encoder is available; falling back silently would cost a millisecond an article."""
    assert worker.dumps.__name__ == "fast"


def test_pretty_and_line_hold_the_same_article(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parent.parent / "corpus"
    seed = sorted(src.iterdir())[0]
    result = process_task(Task("a", str(seed), seed.name, "k", None), Options())
    assert result.ok
    article = json.loads(result.article_line)
    assert json.loads(result.pretty) == article
    assert [json.loads(x) for x in result.event_lines] == [{"article_id": "a", **e} for e in article["events"]]
    # one record per line in the pretty form: the edits list has a line per edit
    assert result.pretty.count('"rule": ') == len(article["edits"])


def _pretty_by_json(article: dict[str, Any]) -> str:
    """The indented layout, written field by field with ``json``: what :func:`worker.pretty` must write."""
    def enc(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))

    def value(v: Any) -> str:
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return "[\n    " + ",\n    ".join(map(enc, v)) + "\n  ]"
        if isinstance(v, dict) and v:
            return "{\n" + ",\n".join(f"    {enc(k)}: {enc(x)}" for k, x in v.items()) + "\n  }"
        return enc(v)

    return "{\n" + ",\n".join(f"  {enc(k)}: {value(v)}" for k, v in article.items()) + "\n}\n"


_TEXT = st.text(alphabet="}{,: \0\n\"\\a中")
_ARTICLE = st.dictionaries(
    st.sampled_from(["id", "text", "meta", "edits", "events", "numbers"]),
    _TEXT | st.dictionaries(_TEXT, _TEXT | st.integers() | st.lists(_TEXT, max_size=3), max_size=3)
    | st.lists(st.dictionaries(st.sampled_from(["article_id", "before", "span", "parts"]),
                               _TEXT | st.lists(st.integers(0, 9), max_size=2)
                               | st.lists(st.dictionaries(st.just("lo"), _TEXT, max_size=1), max_size=2)),
               max_size=4))


@given(_ARTICLE)
def test_one_encoding_gives_the_line_the_indented_file_and_the_records(article: dict[str, Any]) -> None:
    """Strings holding NULs, separators and braces, records holding lists of objects, empty objects."""
    line, pretty, records = worker.encode_article(article, ("events", "numbers"))
    assert line == json.dumps(article, ensure_ascii=False, separators=(",", ":"))
    assert pretty == _pretty_by_json(article)
    for field in ("events", "numbers"):
        objs = article.get(field, [])
        if not isinstance(objs, list) or not all(isinstance(o, dict) for o in objs):
            continue
        expected = [json.dumps({"article_id": "a", **o}, ensure_ascii=False, separators=(",", ":")) for o in objs]
        assert worker._lines("a", objs, records.get(field)) == expected
