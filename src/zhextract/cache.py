"""The build cache: finished articles by content key, and file fingerprints.

An article's key hashes everything its output depends on (file bytes, tool
version, rule data, options, sidecar entry, corpus-level lines it contains).
Results are stored under that key as soon as a worker finishes them, so a
killed build loses nothing and the next build resumes; an unchanged file is
never processed twice.  The cache lives beside the dataset (by default
``.<out>.cache/``), never inside it, so the dataset stays byte-identical.

Results and the line keys of the corpus pass live in one SQLite database
(``cache.sqlite``, write-ahead log, committed at every write so that a
killed process loses nothing it reported as done; several workers write at
the same time).  Only each article's indented JSON is a file of its own,
``objects/<key[:2]>/<key>.json``, because the dataset hard-links it instead
of writing it again.  A result is complete when its row exists: the file is
written first.  Creating a file costs 0.1-0.8 ms here; this layout creates
one per article instead of three.  Durability is that of the operating
system (no fsync): a crashed process loses nothing; a crashed machine may
damage the cache, and a database that no longer opens is started over
(deleting the cache folder is always safe: it only costs a full build).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zhextract.atomic import atomic_write
from zhextract.worker import Result

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS line_keys (sha TEXT PRIMARY KEY, keys TEXT NOT NULL);
"""


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = root / "cache.sqlite"
        self.objects = root / "objects"
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.root.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:  # not a database (any more): a cache can start over
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.database}{suffix}").unlink(missing_ok=True)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.database, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # see the module docstring
            db.executescript(_SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __getstate__(self) -> dict[str, Any]:  # a connection never crosses a process boundary
        return {**self.__dict__, "_db": None}

    # -------------------------------------------------------------- results
    def has(self, key: str) -> bool:
        return self._conn().execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone() is not None

    def stored(self) -> int:
        """How many results are stored."""
        return int(self._conn().execute("SELECT count(*) FROM results").fetchone()[0])

    def put(self, r: Result) -> None:
        """Store a result (committed before this returns)."""
        header = {"id": r.id, "key": r.key, "ok": r.ok, "error": r.error, "stats": r.stats,
                  "events": len(r.event_lines), "numbers": len(r.number_lines), "edits": r.edits,
                  "warnings": r.warnings}
        body = [json.dumps(header, ensure_ascii=False)]
        if r.ok:
            body += [r.article_line, *r.event_lines, *r.number_lines]
            atomic_write(self.pretty_path(r.key), r.pretty)
        self._conn().execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (r.key, "\n".join(body)))

    def _record(self, key: str) -> list[str]:
        row = self._conn().execute("SELECT record FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(f"no stored result for {key}")
        return str(row[0]).split("\n")

    def read(self, key: str) -> tuple[dict[str, Any], str, list[str], list[str]]:
        """``(header, article_line, event_lines, number_lines)`` of a stored result."""
        lines = self._record(key)
        header = json.loads(lines[0])
        if not header["ok"]:
            return header, "", [], []
        n_events = header["events"]
        return header, lines[1], lines[2:2 + n_events], lines[2 + n_events:2 + n_events + header["numbers"]]

    def pretty_path(self, key: str) -> Path:
        """The file holding the indented article of a result."""
        return self.objects / key[:2] / f"{key}.json"

    def prune(self, keep: set[str]) -> int:
        """Delete stored results whose key is not in ``keep``; returns how many."""
        db = self._conn()
        gone = [k for (k,) in db.execute("SELECT key FROM results") if k not in keep]
        if gone:
            with _transaction(db):
                db.executemany("DELETE FROM results WHERE key = ?", ((k,) for k in gone))
        if self.objects.is_dir():
            for path in self.objects.glob("*/*"):
                if path.suffix != ".json" or path.stem not in keep:  # and files of older cache layouts
                    path.unlink(missing_ok=True)
        return len(gone)

    # -------------------------------------------------------------- line keys (corpus pass)
    def line_keys(self, sha: str) -> set[str] | None:
        row = self._conn().execute("SELECT keys FROM line_keys WHERE sha = ?", (sha,)).fetchone()
        return None if row is None else set(str(row[0]).split("\n")) - {""}

    def has_line_keys(self, sha: str) -> bool:
        return self._conn().execute("SELECT 1 FROM line_keys WHERE sha = ?", (sha,)).fetchone() is not None

    def put_many_line_keys(self, items: Iterable[tuple[str, set[str]]]) -> None:
        """Several files' line keys in one transaction (the corpus pass stores them in batches)."""
        self.put_many_line_key_texts((sha, "\n".join(sorted(keys))) for sha, keys in items)

    def put_many_line_key_texts(self, items: Iterable[tuple[str, str]]) -> None:
        """:meth:`put_many_line_keys` with each file's keys already sorted and joined by newlines."""
        db = self._conn()
        with _transaction(db):
            db.executemany("INSERT OR REPLACE INTO line_keys VALUES (?, ?)", items)

    def prune_line_keys(self, keep: set[str]) -> None:
        db = self._conn()
        gone = [s for (s,) in db.execute("SELECT sha FROM line_keys") if s not in keep]
        if gone:
            with _transaction(db):
                db.executemany("DELETE FROM line_keys WHERE sha = ?", ((s,) for s in gone))

    # -------------------------------------------------------------- file fingerprints
    def load_state(self) -> dict[str, list[Any]]:
        try:
            return json.loads((self.root / "state.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def save_state(self, state: dict[str, list[Any]]) -> None:
        atomic_write(self.root / "state.json", json.dumps(state, ensure_ascii=False, sort_keys=True))

    def log_run(self, record: dict[str, Any]) -> None:
        """Append one line per build to ``runs.jsonl`` (timings live here, not in the dataset)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "runs.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
