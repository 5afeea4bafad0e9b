"""The build cache: results and line keys in SQLite, the indented article beside them."""

from __future__ import annotations

import pickle
from pathlib import Path

from zhextract.cache import Cache
from zhextract.worker import Result


def _result(key: str, ok: bool = True) -> Result:
    if not ok:
        return Result("bad", key, False, "cannot decode")
    return Result("a1", key, True, None, article_line='{"id":"a1"}', pretty='{\n  "id": "a1"\n}\n',
                  event_lines=['{"e":1}', '{"e":2}'], number_lines=['{"n":1}'], stats={"strip.caption": 2},
                  edits=3, warnings=0)


def test_a_stored_result_reads_back(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put(_result("k1"))
    header, article, events, numbers = cache.read("k1")
    assert (article, events, numbers) == ('{"id":"a1"}', ['{"e":1}', '{"e":2}'], ['{"n":1}'])
    assert header["stats"] == {"strip.caption": 2} and header["edits"] == 3
    assert cache.pretty_path("k1").read_text(encoding="utf-8") == '{\n  "id": "a1"\n}\n'
    assert cache.has("k1") and not cache.has("k2")


def test_a_failed_result_has_no_payload(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put(_result("k9", ok=False))
    header, article, events, numbers = cache.read("k9")
    assert header["error"] == "cannot decode" and (article, events, numbers) == ("", [], [])
    assert not cache.pretty_path("k9").exists()


def test_results_are_visible_to_another_connection_at_once(tmp_path: Path) -> None:
    """A killed build keeps what it stored: every put is committed before it returns."""
    writer, reader = Cache(tmp_path), Cache(tmp_path)
    writer.put(_result("k1"))
    assert reader.has("k1") and reader.stored() == 1


def test_prune_removes_rows_files_and_older_layouts(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put(_result("aa1"))
    cache.put(_result("bb2"))
    old = tmp_path / "objects" / "cc" / "cc3.rec"  # the layout before the database
    old.parent.mkdir(parents=True)
    old.write_text("x")
    assert cache.prune({"aa1"}) == 1
    assert cache.has("aa1") and not cache.has("bb2")
    assert cache.pretty_path("aa1").exists() and not cache.pretty_path("bb2").exists() and not old.exists()


def test_line_keys_round_trip_and_prune(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put_many_line_keys([("s1", {"甲", "乙"}), ("s2", set())])
    cache.put_many_line_keys([("s3", {"丙"})])
    assert cache.line_keys("s1") == {"甲", "乙"} and cache.line_keys("s2") == set()
    assert cache.line_keys("nope") is None and cache.has_line_keys("s3")
    cache.prune_line_keys({"s1"})
    assert not cache.has_line_keys("s2") and not cache.has_line_keys("s3") and cache.has_line_keys("s1")


def test_a_cache_pickles_without_its_connection(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put(_result("k1"))
    clone = pickle.loads(pickle.dumps(cache))
    assert clone.has("k1")


def test_a_damaged_database_is_started_over(tmp_path: Path) -> None:
    (tmp_path / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    assert not cache.has("k1")
    cache.put(_result("k1"))
    assert cache.has("k1")
