"""The build cache: finished articles by content key, and file fingerprints.

An article's key hashes everything its output depends on (file bytes, tool
version, rule data, options, sidecar entry, corpus-level lines it contains).
Results are stored under that key as soon as a worker finishes them, so a
killed build loses nothing and the next build resumes; an unchanged file is
never processed twice.  The cache lives beside the dataset (by default
``.<out>.cache/``), never inside it, so the dataset stays byte-identical.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from zhextract.worker import Result


def _file_mode() -> int:
    """The mode a plain ``open()`` would give (mkstemp's 0600 is too private for a dataset)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_MODE = _file_mode()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.keys = root / "line-keys"

    # -------------------------------------------------------------- objects
    def _record(self, key: str) -> Path:
        return self.objects / key[:2] / f"{key}.rec"

    def pretty_path(self, key: str) -> Path:
        return self.objects / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._record(key).is_file()

    def put(self, r: Result) -> None:
        """Store a result; the record file is written last, so its presence means complete."""
        if r.ok:
            atomic_write(self.pretty_path(r.key), r.pretty)
        header = {"id": r.id, "key": r.key, "ok": r.ok, "error": r.error, "stats": r.stats,
                  "events": len(r.event_lines), "numbers": len(r.number_lines), "edits": r.edits,
                  "warnings": r.warnings}
        body = [json.dumps(header, ensure_ascii=False)]
        if r.ok:
            body += [r.article_line, *r.event_lines, *r.number_lines]
        atomic_write(self._record(r.key), "\n".join(body) + "\n")

    def header(self, key: str) -> dict[str, Any]:
        with open(self._record(key), encoding="utf-8") as f:
            return json.loads(f.readline())

    def read(self, key: str) -> tuple[dict[str, Any], str, list[str], list[str]]:
        """``(header, article_line, event_lines, number_lines)`` of a stored result."""
        with open(self._record(key), encoding="utf-8") as f:
            header = json.loads(f.readline())
            if not header["ok"]:
                return header, "", [], []
            article = f.readline().rstrip("\n")
            events = [f.readline().rstrip("\n") for _ in range(header["events"])]
            numbers = [f.readline().rstrip("\n") for _ in range(header["numbers"])]
        return header, article, events, numbers

    def prune(self, keep: set[str]) -> int:
        """Delete stored results whose key is not in ``keep``; returns how many."""
        removed = 0
        if not self.objects.is_dir():
            return 0
        for path in self.objects.glob("*/*"):
            key = path.name.split(".")[0]
            if key not in keep:
                path.unlink(missing_ok=True)
                removed += path.suffix == ".rec"
        return removed

    # -------------------------------------------------------------- line keys (corpus pass)
    def line_keys(self, sha: str) -> set[str] | None:
        path = self.keys / sha[:2] / f"{sha}.txt"
        try:
            return set(path.read_text(encoding="utf-8").split("\n")) - {""}
        except FileNotFoundError:
            return None

    def has_line_keys(self, sha: str) -> bool:
        return (self.keys / sha[:2] / f"{sha}.txt").is_file()

    def put_line_keys(self, sha: str, keys: set[str]) -> None:
        atomic_write(self.keys / sha[:2] / f"{sha}.txt", "\n".join(sorted(keys)))

    def prune_line_keys(self, keep: set[str]) -> None:
        if self.keys.is_dir():
            for path in self.keys.glob("*/*.txt"):
                if path.stem not in keep:
                    path.unlink(missing_ok=True)

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

