"""``zhextract build``: a corpus folder in, a dataset folder out.

The build is a plain sequence of steps:

1. list the corpus and read the sidecar;
2. fingerprint every file (size and mtime first, SHA-256 when they changed);
3. corpus pass: collect each file's short lines and find those that recur in
   several files (the strip stage's corpus-level boilerplate signal);
4. compute each article's cache key and process only the missing ones, in
   parallel, storing every result in the cache the moment it is done;
5. if anything changed, assemble a complete new dataset in a temporary
   folder and swap it in atomically; otherwise leave the dataset as it is.

A build killed at any moment leaves the previous dataset intact, and the
next build resumes from the cache.  The output depends only on the corpus,
the tool version, the rule data and the options: never on the worker count,
the order results arrive in, or the clock.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import heapq
import json
import os
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhextract import __version__
from zhextract.atomic import swap_folder
from zhextract.cache import Cache
from zhextract.corpus import Sidecar, SourceFile, is_uri, list_files, read_sidecar
from zhextract.engines import Engine
from zhextract.engines.local import LocalEngine
from zhextract.errors import ZhextractError
from zhextract.extract.timeline import is_dated, iter_timeline, sort_key
from zhextract.formats.parquet import ParquetTables
from zhextract.formats.records import RecordFields
from zhextract.gazetteer import load_gazetteer
from zhextract.resources import rules_hash
from zhextract.stages.strip import common_line_threshold
from zhextract.step import Options
from zhextract.worker import Task, dumps

PARQUET_FILES = ("articles.parquet", "events.parquet", "numbers.parquet")
DATASET_FILES = ("articles.jsonl", "events.jsonl", "numbers.jsonl", "timeline.jsonl", *PARQUET_FILES, "manifest.json")


@dataclass
class BuildConfig:
    corpus: str | Path  # a folder, or a filesystem URI (s3://bucket/corpus) for the ray engine
    out: Path
    options: Options = field(default_factory=Options)
    workers: int = 0  # 0: all cores
    force: bool = False
    quiet: bool = False
    debug: bool = False
    cache_dir: Path | None = None
    # A line in this many files is a corpus-level boilerplate candidate (None: the strip stage's rule).
    boilerplate_min_files: int | None = None
    fields: RecordFields = field(default_factory=RecordFields)  # of JSONL / Parquet records

    def cache_root(self) -> Path:
        out = Path(self.out).resolve()
        return self.cache_dir or out.parent / f".{out.name}.cache"


@dataclass
class BuildReport:
    files: int = 0
    processed: int = 0
    reused: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    numbers: int = 0
    up_to_date: bool = False
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1


def build(cfg: BuildConfig, engine: Engine | None = None, progress: Any = None) -> BuildReport:
    """Build (or bring up to date) the dataset of ``cfg.corpus`` in ``cfg.out``."""
    t0 = time.monotonic()
    out = Path(cfg.out).resolve()
    cache = Cache(cfg.cache_root())
    check_output(out, cache.root)
    engine = engine or LocalEngine(cfg.workers)
    report = BuildReport(engine=engine.name, workers=engine.workers)
    corpus = str(cfg.corpus) if is_uri(str(cfg.corpus)) else str(Path(cfg.corpus).resolve())
    try:
        with _lock(cache.root):
            shutil.rmtree(cache.root / "line-keys", ignore_errors=True)  # a cache from before the database
            _recover_swap(out)
            plan = plan_tasks(cfg, corpus, cache, engine)
            tasks, config, config_hash, sidecar = plan.tasks, plan.config, plan.config_hash, plan.sidecar
            report.files = plan.files
            shas, unreadable, files, duplicates = plan.shas, plan.unreadable, plan.listed, plan.duplicates

            todo = [t for t in tasks if cfg.force or not cache.has(t.key)]
            report.reused = len(tasks) - len(todo)
            report.processed = len(todo)
            if todo:
                if progress:
                    progress.start(len(todo), sum(t.size for t in todo))
                try:
                    for result in engine.process(todo, cfg.options, cfg.debug, cache.root):
                        if not result.stored:
                            cache.put(result)
                        if progress:
                            progress.advance(result)
                finally:
                    if progress:
                        progress.stop()

            failures = dict(duplicates)
            failures.update((f.rel, unreadable[f.id]) for f in files if f.id in unreadable)
            inputs_hash = _hash(json.dumps([config_hash, [(t.id, t.key) for t in tasks], sorted(failures.items()),
                                            sidecar.problems], ensure_ascii=False))
            current = _read_manifest(out)
            if not cfg.force and current and current.get("inputs_hash") == inputs_hash and _complete(out):
                report.up_to_date = True
                _fill_report_from_manifest(report, current)
            else:
                try:
                    _assemble(out, tasks, failures, cache, config, config_hash, inputs_hash, sidecar.problems,
                              report, load_gazetteer(cfg.options.gazetteers).parents(), _submitter(engine))
                except OSError as exc:  # disk full, a folder made read-only during the build, ...
                    where = f"{exc.filename}: " if exc.filename else ""
                    raise ZhextractError(f"{out}: cannot write the dataset: {where}{exc.strerror or exc}") from None
            cache.prune({t.key for t in tasks})
            cache.prune_line_keys(set(shas.values()))
    finally:
        engine.close()
        cache.close()
    report.seconds = time.monotonic() - t0
    cache.log_run({"version": __version__, "corpus": corpus, "out": str(out), "engine": report.engine,
                   "workers": report.workers, "files": report.files, "processed": report.processed,
                   "reused": report.reused, "failed": len(report.failed), "up_to_date": report.up_to_date,
                   "seconds": round(report.seconds, 3), "finished_unix": round(time.time())})
    return report


def check_output(out: Path, cache_root: Path) -> None:
    """Fail before any work, in one line naming the path, when the dataset or its cache cannot be written.

    The dataset is assembled in a temporary folder beside ``out`` and renamed
    into place, so it is ``out``'s parent folder that must be writable; a
    probe file is created there (the only test that also holds for root,
    for read-only mounts and for pseudo file systems such as /proc).
    """
    if out.exists() and not out.is_dir():
        raise ZhextractError(f"{out}: exists and is not a folder (the dataset --out is a folder)")
    for target, folder, what in ((out, out.parent, "dataset"), (cache_root, cache_root, "build cache")):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if isinstance(exc, (FileExistsError, NotADirectoryError)):
                reason = "a part of the path is a file, not a folder"
            raise ZhextractError(f"{target}: cannot write the {what}: cannot create folder {folder}: {reason}") \
                from None
        probe = folder / f".zhextract-probe-{os.getpid()}"
        try:
            probe.touch()
            probe.unlink()
        except OSError as exc:
            raise ZhextractError(f"{target}: cannot write the {what}: cannot create files in {folder}: "
                                 f"{exc.strerror or exc}") from None


@dataclass
class Plan:
    """What a build will process: the corpus listed, scanned and turned into tasks with their cache keys."""

    tasks: list[Task]
    config: dict[str, Any]
    config_hash: str
    sidecar: Sidecar
    listed: list[SourceFile]
    duplicates: list[tuple[str, str]]
    shas: dict[str, str]
    unreadable: dict[str, str]

    @property
    def files(self) -> int:
        return len(self.listed) + len(self.duplicates)


def plan_tasks(cfg: BuildConfig, corpus: str, cache: Cache, engine: Engine) -> Plan:
    """List and scan the corpus (the corpus-level boilerplate pass) and key every article's task."""
    files, duplicates = list_files(corpus, cfg.fields)
    sidecar = read_sidecar(corpus)
    config = _config(cfg)
    config_hash = _hash(json.dumps(config, sort_keys=True))

    shas, unreadable = _scan(files, cache, engine, cfg.options.max_file_bytes)
    threshold = cfg.boilerplate_min_files or common_line_threshold(len(files))
    common = _common_line_hashes(files, shas, cache, threshold)

    tasks: list[Task] = []
    shared: dict[str, str] = {}  # one copy of each common key for all tasks
    for f in files:
        if f.id not in shas:
            continue
        mine = frozenset(shared.setdefault(k, k) for k in cache.line_keys(shas[f.id]) or ()
                         if hash(k) in common)
        entry = sidecar.entries.get(f.id)
        if f.entry:  # a record's own fields come before the sidecar's
            entry = {**(entry or {}), **f.entry}
        key = _hash(json.dumps([config_hash, shas[f.id], entry, sorted(mine)], ensure_ascii=False,
                               sort_keys=True))
        tasks.append(Task(f.id, f.path, f.rel, key, entry, mine, f.size))
    return Plan(tasks, config, config_hash, sidecar, files, duplicates, shas, unreadable)


# ---------------------------------------------------------------- config & hashing
def _hash(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def _config(cfg: BuildConfig) -> dict[str, Any]:
    return {
        "tool": "zhextract",
        "version": __version__,
        "rules_hash": rules_hash([Path(g) for g in cfg.options.gazetteers]),
        "options": cfg.options.fingerprint(),
        "boilerplate_min_files": cfg.boilerplate_min_files,
        "record_fields": {"text": cfg.fields.text, "id": cfg.fields.id},
    }


_KEYS_BATCH = 256  # line keys stored per transaction: few commits, bounded memory


def _scan(files: list[SourceFile], cache: Cache, engine: Engine, max_bytes: int
          ) -> tuple[dict[str, str], dict[str, str]]:
    """Hash every file and store its line keys; files unchanged since the last build are not read.

    Returns ``(sha by id, error by id for unreadable files)``; the keys stay in
    the cache, so memory does not grow with the corpus.
    """
    state = cache.load_state()
    shas: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    to_scan: list[SourceFile] = []
    for f in files:
        known = state.get(f.path)
        if known and known[0] == f.size and known[1] == f.mtime_ns and cache.has_line_keys(known[2]):
            shas[f.id] = known[2]
        else:
            to_scan.append(f)
    by_location = {f.path: f for f in to_scan}
    batch: list[tuple[str, str]] = []
    for scan in engine.scan(list(by_location), max_bytes):
        f = by_location[scan.location]
        if scan.sha256 is None:
            unreadable[f.id] = scan.error or "cannot read"
            continue
        shas[f.id] = scan.sha256
        batch.append((scan.sha256, scan.keys_text))
        if len(batch) >= _KEYS_BATCH:
            cache.put_many_line_key_texts(batch)
            batch = []
    cache.put_many_line_key_texts(batch)
    cache.save_state({f.path: [f.size, f.mtime_ns, shas[f.id]] for f in files if f.id in shas})
    return shas, unreadable


def _common_line_hashes(files: list[SourceFile], shas: dict[str, str], cache: Cache, threshold: int) -> set[int]:
    """Hashes of the line keys found in at least ``threshold`` files.

    Counting hashes rather than the keys keeps this pass small; a hash only
    selects which of an article's own keys are passed on as strings.
    """
    counts: Counter[int] = Counter()
    for f in files:
        if f.id in shas:
            counts.update(map(hash, cache.line_keys(shas[f.id]) or ()))
    return {h for h, c in counts.items() if c >= threshold}


# ---------------------------------------------------------------- assembly
Submit = Callable[..., Callable[[], Any]]


def _submitter(engine: Engine) -> Submit | None:
    """The engine's way to run a function in one of its idle workers, if it has workers to spare."""
    submit = getattr(engine, "submit", None)
    return submit if submit is not None and engine.workers > 1 else None


def _assemble(out: Path, tasks: list[Task], failures: dict[str, str], cache: Cache, config: dict[str, Any],
              config_hash: str, inputs_hash: str, sidecar_problems: list[str], report: BuildReport,
              parents: dict[str, str] | None = None, submit: Submit | None = None) -> dict[str, Any]:
    """Write a complete new dataset next to ``out`` and swap it in (``parents``: the gazetteer's hierarchy,
    for the timeline; ``submit``: runs a function in an idle worker, see :func:`_submitter`)."""
    tmp = out.parent / f".{out.name}.new-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "articles").mkdir(parents=True)
    stats: Counter[str] = Counter()
    counts = Counter({"articles": 0, "failed": 0, "events": 0, "numbers": 0, "edits": 0, "warnings": 0})
    file_rows: list[dict[str, Any]] = []
    keys = [t.key for t in tasks]
    jobs: list[Callable[[], Any]] = []
    timeline: _TimelineJob | None = None
    tables: ParquetTables | None = None
    if submit is not None:
        # With workers to spare (idle now), each reads the stored results itself and writes its part: the
        # articles' Parquet table (half of this function's time), the other two, the timeline (a third).
        # The same lines in the same order reach the same writers: the same bytes as in this process.
        jobs = [submit(_write_parquet, cache.root, keys, tmp, ("articles",)),
                submit(_write_timeline, cache.root, keys, tmp / "timeline.jsonl", parents),
                submit(_write_parquet, cache.root, keys, tmp, ("events", "numbers"))]
    else:
        # The timeline is built from the stored events beside the loop below: in a child process when
        # the build has cores to spare, else here, after it.
        timeline = _TimelineJob(cache.root, keys, tmp / "timeline.jsonl", report.workers > 1, parents)
        tables = ParquetTables.in_folder(tmp)
    with open(tmp / "articles.jsonl", "w", encoding="utf-8") as fa, \
            open(tmp / "events.jsonl", "w", encoding="utf-8") as fe, \
            open(tmp / "numbers.jsonl", "w", encoding="utf-8") as fn, tables or contextlib.nullcontext():
        for t in tasks:  # tasks are sorted by id
            header, article, events, numbers = cache.read(t.key)
            row: dict[str, Any] = {"id": t.id, "source_file": t.rel, "status": "ok", "error": None}
            if not header["ok"]:
                row.update(status="failed", error=header["error"])
                counts["failed"] += 1
                failures[t.rel] = header["error"]
            else:
                fa.write(article + "\n")
                for line in events:
                    fe.write(line + "\n")
                for line in numbers:
                    fn.write(line + "\n")
                if tables is not None:
                    tables.add(article, events, numbers)
                _link(cache.pretty_path(t.key), tmp / "articles" / f"{t.id}.json")
                counts["articles"] += 1
                counts["events"] += header["events"]
                counts["numbers"] += header["numbers"]
                counts["edits"] += header["edits"]
                counts["warnings"] += header["warnings"]
                stats.update(header["stats"])
            file_rows.append(row)
    for rel, error in failures.items():
        if not any(r["source_file"] == rel for r in file_rows):
            file_rows.append({"id": None, "source_file": rel, "status": "failed", "error": error})
            counts["failed"] += 1
    file_rows.sort(key=lambda r: r["source_file"])
    for wait in jobs:
        wait()
    if timeline is not None:
        timeline.finish()
    manifest = {
        "tool": "zhextract",
        "version": __version__,
        "rules_hash": config["rules_hash"],
        "config": config,
        "config_hash": config_hash,
        "inputs_hash": inputs_hash,
        "counts": dict(counts),
        "sidecar_problems": sidecar_problems,
        "files": file_rows,
        "rules": {k: v for k, v in sorted(stats.items()) if k.count(".") == 1},
        "repairs_by_entity": {k.split(".", 2)[2]: v for k, v in sorted(stats.items())
                              if k.startswith("repair.entity.")},
        "stats": dict(sorted(stats.items())),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _swap(tmp, out)
    report.failed = sorted((r["source_file"], r["error"]) for r in file_rows if r["status"] == "failed")
    report.articles = counts["articles"]
    report.events = counts["events"]
    report.numbers = counts["numbers"]
    return manifest


def _write_parquet(cache_root: Path, keys: list[str], folder: Path, tables: tuple[str, ...]) -> None:
    """The Parquet files of ``tables`` in ``folder``, from the stored results ``keys`` (failed ones have no
    rows), as the assembly's loop writes them."""
    cache = Cache(cache_root)
    try:
        with ParquetTables({t: str(folder / f"{t}.parquet") for t in tables}) as out:
            for key in keys:
                header, article, events, numbers = cache.read(key)
                if header["ok"]:
                    out.add(article, events, numbers)
    finally:
        cache.close()


def _write_timeline(cache_root: Path, keys: list[str], path: Path, parents: dict[str, str] | None = None) -> None:
    """``timeline.jsonl`` of the stored results ``keys``: their events, spooled and merged
    (``parents``: the gazetteer's hierarchy, see :mod:`zhextract.extract.timeline`)."""
    cache = Cache(cache_root)
    try:
        spool = _TimelineSpool(path.parent / ".timeline-chunks")
        for key in keys:
            for line in cache.read(key)[2]:
                spool.add(line)
        spool.write(path, parents)
    finally:
        cache.close()


class _TimelineJob:
    """:func:`_write_timeline` in the background (``background``), else when finished.

    In a forked child process while the driver runs no other thread; else in a thread of its own.  A fork
    copies the locks other threads hold at that moment, never to be released in the child (Ray's and
    tqdm's threads, the allocator's locks): such a child can hang for ever in ``json.loads``.
    """

    def __init__(self, cache_root: Path, keys: list[str], path: Path, background: bool,
                 parents: dict[str, str] | None = None) -> None:
        self.args = (cache_root, keys, path, parents)
        self.process: Any = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        if not background:
            return
        if sys.platform.startswith("linux") and threading.active_count() == 1:
            import multiprocessing as mp

            self.process = mp.get_context("fork").Process(target=_write_timeline, args=self.args, daemon=True)
            self.process.start()
        else:
            self.thread = threading.Thread(target=self._run, name="zhextract-timeline", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        try:
            _write_timeline(*self.args)
        except BaseException as exc:  # raised again by finish(), in the driver's thread
            self.error = exc

    def finish(self) -> None:
        if self.thread is not None:
            self.thread.join()
            if self.error is not None:
                raise self.error
            return
        if self.process is None:
            _write_timeline(*self.args)
            return
        self.process.join()
        if self.process.exitcode != 0:  # its traceback went to stderr; do it here to report the error
            _write_timeline(*self.args)


class _TimelineSpool:
    """Events sorted on disk in bounded chunks, so that memory does not grow with the corpus.

    Rows are kept as the JSON lines they arrived as (a chunk file is those
    lines in sort order): a line is parsed to find its sort key, and again
    when the sorted rows are merged, but never encoded anew.
    """

    CHUNK = 5_000

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.buffer: list[tuple[tuple[Any, ...], str]] = []
        self.chunks: list[Path] = []

    def add(self, line: str) -> None:
        row = json.loads(line)
        if is_dated(row):
            self.buffer.append((sort_key(row), line))
            if len(self.buffer) >= self.CHUNK:
                self._spill()

    def _spill(self) -> None:
        self.buffer.sort(key=lambda kr: kr[0])
        self.folder.mkdir(exist_ok=True)
        path = self.folder / f"chunk{len(self.chunks):05d}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for _, line in self.buffer)
        self.chunks.append(path)
        self.buffer = []

    @staticmethod
    def _rows(lines: Iterable[str]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
        for line in lines:
            row = json.loads(line)
            yield sort_key(row), row

    def _read(self, path: Path) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
        with open(path, encoding="utf-8") as f:
            yield from self._rows(f)

    def write(self, path: Path, parents: dict[str, str] | None = None) -> None:
        self.buffer.sort(key=lambda kr: kr[0])
        buffered = self._rows(line for _, line in self.buffer)
        merged = heapq.merge(buffered, *(self._read(c) for c in self.chunks), key=lambda kr: kr[0])
        with open(path, "w", encoding="utf-8") as f:
            for entry in iter_timeline((row for _, row in merged), parents):
                f.write(dumps(entry) + "\n")
        if self.chunks:
            shutil.rmtree(self.folder)


def _read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, NotADirectoryError):
        return None


def _complete(out: Path) -> bool:
    return all((out / name).is_file() for name in DATASET_FILES)


def _fill_report_from_manifest(report: BuildReport, manifest: dict[str, Any]) -> None:
    counts = manifest.get("counts", {})
    report.articles = counts.get("articles", 0)
    report.events = counts.get("events", 0)
    report.numbers = counts.get("numbers", 0)
    report.failed = [(r["source_file"], r["error"]) for r in manifest.get("files", []) if r["status"] != "ok"]


# ---------------------------------------------------------------- atomic swap
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def _swap(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new``; readers see either the old or the new dataset, whole."""
    if out.exists() and not out.is_dir():
        raise ZhextractError(f"{out}: exists and is not a folder")
    if out.exists() and _exchange(new, out):
        shutil.rmtree(new)  # now holds the previous dataset
        return
    swap_folder(new, out, out.parent / f".{out.name}.prev")


def _recover_swap(out: Path) -> None:
    """Undo a swap that a kill interrupted between its two renames, and drop stale temporaries."""
    prev = out.parent / f".{out.name}.prev"
    if not out.exists() and prev.is_dir():
        os.rename(prev, out)
    for stale in out.parent.glob(f".{out.name}.new-*"):
        with contextlib.suppress(OSError):
            shutil.rmtree(stale)


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[None]:
    """One build at a time per cache (and so per dataset)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    with open(root / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ZhextractError(f"another build is using {root} (wait for it, or pass another --out)") from None
        yield
