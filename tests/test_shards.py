"""Sharded builds to an output URI, run by the local engine (the Ray engine's run is in test_ray.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import SEEDS
from zhextract.cli import main
from zhextract.shards import make_shards
from zhextract.worker import Task


def _parts(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet"))


def test_shards_are_runs_of_sorted_ids_named_by_their_articles_keys() -> None:
    tasks = [Task(f"id{i}", f"/c/{i}", f"{i}.txt", f"key{i}", None) for i in (3, 1, 2, 0, 4)]
    shards = make_shards(tasks, "cfg", 2)
    assert [[t.id for t in s.tasks] for s in shards] == [["id0", "id1"], ["id2", "id3"], ["id4"]]
    assert make_shards(list(reversed(tasks)), "cfg", 2) == shards
    assert make_shards(tasks, "other options", 2)[0].key != shards[0].key


def test_a_rebuild_writes_only_changed_shards_and_drops_those_of_earlier_builds(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uri = f"file://{tmp_path}/ds"
    args = ["build", str(corpus), "--out", uri, "--shard-size", "2", "--workers", "1"]
    assert main(args) == 0
    first = _parts(tmp_path / "ds")
    assert len(first) == 6  # 2 shards x 3 tables
    assert "built file://" in capsys.readouterr().err
    assert main(args) == 0
    assert "up to date" in capsys.readouterr().err and _parts(tmp_path / "ds") == first
    (corpus / SEEDS[-1].name).unlink()  # the second shard changes, the first does not
    assert main(args) == 0
    assert "(1 processed, 2 reused, 0 failed)" in capsys.readouterr().err
    now = _parts(tmp_path / "ds")
    assert [p for p in now if "part-00000" in p] == [p for p in first if "part-00000" in p]
    assert set(now) - set(first) and not set(now) >= set(first)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_an_output_uri_that_cannot_be_written_is_named(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(corpus), "--out", "file:///proc/x/ds", "--quiet", "--workers", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("zhextract: file:///proc/x/ds: cannot write the dataset: ")
    assert main(["build", str(corpus), "--out", "nosuchfs://x/y", "--quiet"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("zhextract: nosuchfs://x/y: not a usable output URI")
