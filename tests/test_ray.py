"""The Ray engine writes the same dataset as the local engine, byte for byte.

Runs a local Ray instance with 2 CPUs.  Ray is part of the test install
(``pip install -e '.[test,ray]'``, which ``make.py test`` does); set
ZHEXTRACT_SKIP_RAY=1 to skip these tests on a machine without it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS
from zhextract.build import BuildConfig, build
from zhextract.errors import ZhextractError
from zhextract.validate import validate

pytestmark = pytest.mark.skipif(os.environ.get("ZHEXTRACT_SKIP_RAY") == "1", reason="ZHEXTRACT_SKIP_RAY=1")


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    root = tmp_path_factory.mktemp("ray") / "corpus"
    made = generate(root, size_mb=2.0, traditional_share=0.2, seed=11)
    assert made["files"] >= 200
    for seed in SEEDS:
        shutil.copy(seed, root / seed.name)
    (root / "broken.bin").write_bytes(bytes(range(256)) * 16)
    return root


def test_ray_engine_writes_the_same_dataset_as_the_local_engine(corpus: Path, tmp_path: Path) -> None:
    from zhextract.engines.ray_engine import RayEngine

    local = build(BuildConfig(corpus=corpus, out=tmp_path / "local", workers=2))
    on_ray = build(BuildConfig(corpus=corpus, out=tmp_path / "ray", workers=2), engine=RayEngine(None, 2))
    assert on_ray.engine == "ray" and on_ray.processed == local.processed >= 204
    assert on_ray.failed == local.failed == [("broken.bin", on_ray.failed[0][1])]
    assert "binary" in on_ray.failed[0][1]
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert validate(tmp_path / "ray", corpus)[0] == []


def test_ray_engine_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhextract.engines import ray_engine

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ZhextractError, match=r"pip install 'zhextract\[ray\]'"):
        ray_engine.RayEngine(None, 1)


def test_a_corpus_behind_a_filesystem_uri_builds_the_same_dataset(corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``s3://``-style corpora go through pyarrow's filesystems; file:// stands in for them here."""
    from zhextract import build as build_module
    from zhextract import corpus as corpus_module

    small = tmp_path / "small"
    small.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, small / seed.name)
    entry = {"id": SEEDS[0].stem, "url": "https://example.com/x"}
    (small / "metadata.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    local = build(BuildConfig(corpus=small, out=tmp_path / "local", workers=1))
    for module in (corpus_module, build_module):  # treat file:// as any other filesystem URI
        monkeypatch.setattr(module, "is_uri", lambda location: "://" in location)
    remote = build(BuildConfig(corpus=f"file://{small}", out=tmp_path / "remote", workers=1))
    assert remote.processed == local.processed == len(SEEDS)
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")
    article = (tmp_path / "remote" / "articles" / f"{SEEDS[0].stem}.json").read_text(encoding="utf-8")
    assert "https://example.com/x" in article


def _records(path: Path, table: str) -> list[dict]:  # type: ignore[type-arg]
    from zhextract.formats.parquet import read_records

    return [r for part in sorted((path / table).glob("*.parquet")) for r in read_records(part, table)]


def test_ray_workers_write_parquet_shards_to_a_uri_and_the_driver_only_the_manifest(tmp_path: Path) -> None:
    """``--out file://...`` stands in for s3://: every shard is written by a Ray actor through pyarrow.fs."""
    from zhextract import schemas
    from zhextract.engines.ray_engine import RayEngine
    from zhextract.shards import build_sharded

    small = tmp_path / "small"
    small.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, small / seed.name)
    (small / "broken.bin").write_bytes(bytes(range(256)) * 4)
    local = build(BuildConfig(corpus=small, out=tmp_path / "local", workers=1))
    uri = f"file://{tmp_path}/sharded"
    cfg = BuildConfig(corpus=small, out=tmp_path / "unused", workers=2)
    report = build_sharded(cfg, uri, RayEngine(None, 2), shard_size=2)
    out = tmp_path / "sharded"
    assert report.processed == len(SEEDS) + 1 and report.failed == local.failed
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    shards = sorted(p.stem for p in (out / "articles").glob("*.parquet"))
    assert len(shards) == 3 and [s[:10] for s in shards] == ["part-00000", "part-00001", "part-00002"]
    assert names == sorted(["manifest.json", *(f"{t}/{s}.parquet" for t in ("articles", "events", "numbers")
                                               for s in shards)])
    for table in ("articles", "events", "numbers"):  # the same rows as the local build, in the same order
        assert _records(out, table) == _records_of_local(tmp_path / "local", table)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert schemas.errors("manifest", manifest) == []
    assert [s["name"] for s in manifest["layout"]["shards"]] == shards
    assert manifest["counts"] == json.loads((tmp_path / "local" / "manifest.json").read_text())["counts"]
    assert [r["source_file"] for r in manifest["files"]] == ["broken.bin"]

    again = build_sharded(cfg, uri, RayEngine(None, 2), shard_size=2)  # resumes: nothing to write
    assert (again.processed, again.reused, again.up_to_date) == (0, len(SEEDS) + 1, True)
    twin = build_sharded(BuildConfig(corpus=small, out=tmp_path / "unused2", workers=2, force=True),
                         f"file://{tmp_path}/twin", RayEngine(None, 2), shard_size=2)
    assert twin.processed == len(SEEDS) + 1
    assert _files(tmp_path / "twin") == _files(out)  # same names, same bytes


def _records_of_local(out: Path, table: str) -> list[dict]:  # type: ignore[type-arg]
    from zhextract.formats.parquet import read_records

    return list(read_records(out / f"{table}.parquet", table))
