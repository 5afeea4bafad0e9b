"""Sharded builds: workers write Parquet shards straight to a filesystem URI; the driver writes the manifest.

For corpora too large to pass every article through one process
(``zhextract build s3://bucket/corpus --engine ray --out s3://bucket/dataset``),
the articles, sorted by id, are cut into shards of ``shard_size``
consecutive articles.  Each shard is one unit of work: a worker processes its
articles and writes ``articles/``, ``events/`` and ``numbers/part-NNNNN-<key>.parquet``
through pyarrow's filesystems (S3, GCS, HDFS, local), and sends back only a
summary (counts, rule statistics, failures).  The driver then writes
``manifest.json``, listing the shards, and removes shards of earlier builds.

Deterministic: the shard layout depends only on the sorted ids and
``shard_size``; a shard's key hashes the cache keys of its articles (file
bytes, tool version, rules, options), so equal inputs give equal names and
equal bytes.  Resumable: a shard whose summary is in the local build cache
and whose files exist is not written again, so a killed build resumes
shard by shard.  What this layout leaves out (the per-article JSON files,
the JSONL files and the corpus timeline, which needs a global sort) is
written by the ordinary build to a local folder.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhextract import __version__
from zhextract.cache import Cache
from zhextract.errors import ZhextractError
from zhextract.formats.arrow_schema import TABLES
from zhextract.step import Options
from zhextract.worker import Task, process_task

DEFAULT_SHARD_SIZE = 2000


def is_output_uri(out: str) -> bool:
    """An output that names a filesystem (``s3://``, ``gs://``, ``file://``) rather than a local folder."""
    return "://" in out


def filesystem(uri: str) -> tuple[Any, str]:
    """``(pyarrow filesystem, path inside it)`` of an output URI, or a one-line error naming it."""
    from pyarrow import fs

    try:
        return fs.FileSystem.from_uri(uri)
    except Exception as exc:  # pyarrow raises several types for bad or unsupported URIs
        raise ZhextractError(f"{uri}: not a usable output URI: {exc}") from None


@dataclass(frozen=True)
class Shard:
    index: int
    key: str
    tasks: tuple[Task, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}-{self.key[:16]}"

    def paths(self, base: str) -> dict[str, str]:
        return {table: f"{base}/{table}/{self.name}.parquet" for table in TABLES}


@dataclass
class ShardSummary:
    """What the driver needs of a written shard: counts, statistics and the failed articles."""

    name: str
    key: str
    counts: dict[str, int] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (id, source_file, error)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "key": self.key, "counts": self.counts, "stats": self.stats,
                "failed": [list(f) for f in self.failed]}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> ShardSummary:
        return cls(obj["name"], obj["key"], obj["counts"], obj["stats"], [tuple(f) for f in obj["failed"]])


def make_shards(tasks: list[Task], config_hash: str, size: int) -> list[Shard]:
    """Consecutive runs of ``size`` tasks (sorted by id), each keyed by its articles' cache keys."""
    ordered = sorted(tasks, key=lambda t: t.id)
    shards = []
    for index, start in enumerate(range(0, len(ordered), size)):
        chunk = tuple(ordered[start:start + size])
        key = hashlib.sha256(json.dumps([config_hash, [t.key for t in chunk]]).encode()).hexdigest()
        shards.append(Shard(index, key, chunk))
    return shards


def write_shard(shard: Shard, options: Options, out_uri: str, debug: bool = False) -> ShardSummary:
    """Process a shard's articles and write its three Parquet files (run by a worker)."""
    fs_, base = filesystem(out_uri)
    try:
        for table in TABLES:
            fs_.create_dir(f"{base}/{table}", recursive=True)
        return _write_shard(shard, options, fs_, base, debug)
    except OSError as exc:  # the worker cannot write where the driver could: name the shard
        raise ZhextractError(f"{out_uri}: cannot write shard {shard.name}: {exc}") from None


def _write_shard(shard: Shard, options: Options, fs_: Any, base: str, debug: bool) -> ShardSummary:
    from zhextract.formats.parquet import ParquetTables

    counts: Counter[str] = Counter({"articles": 0, "failed": 0, "events": 0, "numbers": 0, "edits": 0,
                                    "warnings": 0})
    stats: Counter[str] = Counter()
    failed = []
    with ParquetTables(shard.paths(base), filesystem=fs_) as tables:
        for task in shard.tasks:
            r = process_task(task, options, debug=debug)
            if not r.ok:
                counts["failed"] += 1
                failed.append((task.id, task.rel, r.error or "failed"))
                continue
            tables.add(r.article_line, r.event_lines, r.number_lines)
            counts.update(articles=1, events=len(r.event_lines), numbers=len(r.number_lines), edits=r.edits,
                          warnings=r.warnings)
            stats.update(r.stats)
    return ShardSummary(shard.name, shard.key, dict(counts), dict(sorted(stats.items())), failed)


def check_output_uri(out_uri: str) -> tuple[Any, str]:
    """Create the dataset's folder and probe that it takes files: one line naming it when not."""
    fs_, base = filesystem(out_uri)
    probe = f"{base}/.zhextract-probe"
    try:
        fs_.create_dir(base, recursive=True)
        with fs_.open_output_stream(probe) as f:
            f.write(b"")
        fs_.delete_file(probe)
    except OSError as exc:
        raise ZhextractError(f"{out_uri}: cannot write the dataset: {exc}") from None
    return fs_, base


def default_cache_root(out_uri: str) -> Path:
    """Beside the dataset for ``file://``; else a folder of this machine's working directory."""
    if out_uri.startswith("file://"):
        out = Path(out_uri.removeprefix("file://")).resolve()
        return out.parent / f".{out.name}.cache"
    digest = hashlib.sha256(out_uri.encode()).hexdigest()[:16]
    return Path.cwd() / ".zhextract-cache" / f"{out_uri.split('://', 1)[0]}-{digest}"


def build_sharded(cfg: Any, out_uri: str, engine: Any, shard_size: int = DEFAULT_SHARD_SIZE) -> Any:
    """``zhextract build --out URI --engine ray``: shards written by the workers, the manifest by the driver."""
    from zhextract.build import BuildReport, _hash, _lock, plan_tasks
    from zhextract.corpus import is_uri

    t0 = time.monotonic()
    fs_, base = check_output_uri(out_uri)
    cache = Cache(Path(cfg.cache_dir) if cfg.cache_dir else default_cache_root(out_uri))
    try:
        cache.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ZhextractError(f"{cache.root}: cannot write the build cache: {exc.strerror or exc}") from None
    report = BuildReport(engine=engine.name, workers=engine.workers)
    corpus = str(cfg.corpus) if is_uri(str(cfg.corpus)) else str(Path(cfg.corpus).resolve())
    try:
        with _lock(cache.root):
            plan = plan_tasks(cfg, corpus, cache, engine)
            report.files = plan.files
            shards = make_shards(plan.tasks, plan.config_hash, shard_size)
            done = _done_shards(cache, shards, fs_, base, cfg.force)
            todo = [s for s in shards if s.key not in done]
            report.reused = sum(len(s.tasks) for s in shards if s.key in done)
            report.processed = sum(len(s.tasks) for s in todo)
            for summary in engine.write_shards(todo, cfg.options, out_uri, cfg.debug):
                done[summary.key] = summary
                _save_summary(cache, summary)
            failures = dict(plan.duplicates)
            failures.update((f.rel, plan.unreadable[f.id]) for f in plan.listed if f.id in plan.unreadable)
            manifest = _manifest(plan, shards, done, failures, shard_size)
            manifest["inputs_hash"] = _hash(json.dumps([plan.config_hash, [s.key for s in shards],
                                                        sorted(failures.items())]))
            with fs_.open_output_stream(f"{base}/manifest.json") as f:
                f.write((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
            _remove_stale(fs_, base, {s.name for s in shards})
            cache.prune_line_keys(set(plan.shas.values()))
    except OSError as exc:
        raise ZhextractError(f"{out_uri}: cannot write the dataset: {exc}") from None
    finally:
        engine.close()
        cache.close()
    counts = manifest["counts"]
    report.articles, report.events, report.numbers = counts["articles"], counts["events"], counts["numbers"]
    report.failed = sorted((r["source_file"], r["error"]) for r in manifest["files"])
    report.up_to_date = not todo
    report.seconds = time.monotonic() - t0
    return report


def _summary_path(cache: Cache, key: str) -> Path:
    return cache.root / "shards" / f"{key}.json"


def _save_summary(cache: Cache, summary: ShardSummary) -> None:
    from zhextract.atomic import atomic_write

    atomic_write(_summary_path(cache, summary.key), json.dumps(summary.to_json(), ensure_ascii=False))


def _done_shards(cache: Cache, shards: list[Shard], fs_: Any, base: str, force: bool) -> dict[str, ShardSummary]:
    """Shards an earlier build finished: summary kept and all three files present."""
    if force:
        return {}
    from pyarrow import fs

    present = set()
    for table in TABLES:
        try:
            infos = fs_.get_file_info(fs.FileSelector(f"{base}/{table}", allow_not_found=True))
        except OSError:
            continue
        present |= {(table, i.base_name) for i in infos if i.type == fs.FileType.File}
    done = {}
    for shard in shards:
        path = _summary_path(cache, shard.key)
        if path.is_file() and all((t, f"{shard.name}.parquet") in present for t in TABLES):
            done[shard.key] = ShardSummary.from_json(json.loads(path.read_text(encoding="utf-8")))
    return done


def _manifest(plan: Any, shards: list[Shard], done: dict[str, ShardSummary], failures: dict[str, str],
              shard_size: int) -> dict[str, Any]:
    counts: Counter[str] = Counter({"articles": 0, "failed": 0, "events": 0, "numbers": 0, "edits": 0,
                                    "warnings": 0})
    stats: Counter[str] = Counter()
    rows = [{"id": None, "source_file": rel, "status": "failed", "error": err} for rel, err in failures.items()]
    counts["failed"] += len(rows)
    listed = []
    for shard in shards:
        s = done[shard.key]
        counts.update(s.counts)
        stats.update(s.stats)
        rows += [{"id": i, "source_file": rel, "status": "failed", "error": err} for i, rel, err in s.failed]
        listed.append({"name": s.name, "articles": s.counts.get("articles", 0),
                       "events": s.counts.get("events", 0), "numbers": s.counts.get("numbers", 0)})
    rows.sort(key=lambda r: r["source_file"])
    return {
        "tool": "zhextract",
        "version": __version__,
        "rules_hash": plan.config["rules_hash"],
        "config": plan.config,
        "config_hash": plan.config_hash,
        "inputs_hash": "",
        "counts": dict(counts),
        "sidecar_problems": plan.sidecar.problems,
        "files": rows,
        "rules": {k: v for k, v in sorted(stats.items()) if k.count(".") == 1},
        "repairs_by_entity": {k.split(".", 2)[2]: v for k, v in sorted(stats.items())
                              if k.startswith("repair.entity.")},
        "stats": dict(sorted(stats.items())),
        "layout": {"kind": "shards", "shard_size": shard_size, "tables": list(TABLES), "shards": listed},
    }


def _remove_stale(fs_: Any, base: str, keep: set[str]) -> None:
    """Delete the part files of earlier builds, once the manifest names the new ones."""
    from pyarrow import fs

    for table in TABLES:
        for info in fs_.get_file_info(fs.FileSelector(f"{base}/{table}", allow_not_found=True)):
            if info.type == fs.FileType.File and info.base_name.endswith(".parquet") \
                    and info.base_name.removesuffix(".parquet") not in keep:
                fs_.delete_file(info.path)

