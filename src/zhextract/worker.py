"""Processing one article into the pieces the dataset is assembled from.

The same function serves every engine (in-process, a process pool, Ray):
it takes a small task, reads the file itself (the corpus is never held in
memory), and returns a :class:`Result` whose payload is already serialised,
so the driver only concatenates strings.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zhextract.corpus import read_bytes
from zhextract.decode import decode_bytes
from zhextract.errors import ZhextractError
from zhextract.pipeline import process_bytes
from zhextract.stages.strip import corpus_line_keys
from zhextract.step import Context, CorpusInfo, Options


@dataclass(frozen=True)
class Task:
    id: str
    path: str  # absolute path, or a URI for engines that read remote files
    rel: str
    key: str  # cache key
    sidecar: dict[str, Any] | None
    common_lines: frozenset[str] = frozenset()
    size: int = 0


@dataclass(frozen=True)
class Scan:
    """The build's first pass over one file: its hash and its line keys."""

    location: str
    sha256: str | None
    line_keys: frozenset[str]
    error: str | None = None


def scan_file(location: str, max_bytes: int) -> Scan:
    """Hash a file and collect the keys of its short lines (corpus-level boilerplate).

    Files that are too large or not text still get a hash; they contribute
    no lines, and the processing phase reports what is wrong with them.
    """
    try:
        data = read_bytes(location)
    except OSError as exc:
        return Scan(location, None, frozenset(), f"cannot read: {exc.strerror or exc}")
    except ZhextractError as exc:  # a record that is no longer where its file's listing found it
        return Scan(location, None, frozenset(), str(exc))
    sha = hashlib.sha256(data).hexdigest()
    if len(data) > max_bytes:
        return Scan(location, sha, frozenset())
    try:
        text, _ = decode_bytes(data)
    except ZhextractError:
        return Scan(location, sha, frozenset())
    return Scan(location, sha, frozenset(corpus_line_keys(text)))


@dataclass
class Result:
    id: str
    key: str
    ok: bool
    error: str | None = None
    article_line: str = ""  # compact JSON, one line
    pretty: str = ""  # the same object, indented
    event_lines: list[str] = field(default_factory=list)
    number_lines: list[str] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    edits: int = 0
    warnings: int = 0
    sha256: str = ""
    size: int = 0
    stored: bool = False  # already written to the cache by the worker

    def summary(self) -> Result:
        """The result without its payload, for a worker that stored it itself."""
        return Result(self.id, self.key, self.ok, self.error, stats=self.stats, edits=self.edits,
                      warnings=self.warnings, sha256=self.sha256, size=self.size, stored=True)


def _not_json(obj: Any) -> Any:
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def _encoder(item_sep: str, key_sep: str) -> Callable[[Any], str]:
    """A reusable JSON encoder, same output as ``json.dumps(ensure_ascii=False)``.

    ``json.dumps`` with options builds a new encoder object on every call,
    which cost more than the encoding itself for the several hundred small
    records (edits, events, numbers) of an article.  This builds the C
    encoder once; if this Python's ``json`` has none, or it answers
    differently, it is ``json.dumps``.
    """
    def slow(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, separators=(item_sep, key_sep))

    try:
        make = json.encoder.c_make_encoder
        enc = make(None, _not_json, json.encoder.c_encode_basestring, None, key_sep, item_sep, False, False, True)

        def fast(obj: Any) -> str:
            return "".join(enc(obj, 0))

        sample = {"a": [1, 2.5, None, True, "引\"号\n"], "b": {"c": -0.1}}
        return fast if fast(sample) == slow(sample) else slow
    except Exception:  # no C encoder, or another signature
        return slow


dumps = _encoder(",", ":")
_compact = _encoder(", ", ": ")


def pretty(article: dict[str, Any]) -> str:
    """The article indented for people: one field per line, one record per line.

    ``json.dumps(indent=...)`` runs Python's pure-Python encoder, which made up
    a quarter of a build's time; this layout is built from the C encoder's
    output, and a record (an edit, an event) on one line reads better than
    spread over ten.
    """
    def value(v: Any, depth: int) -> str:
        pad = "  " * (depth + 1)
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return "[\n" + pad + f",\n{pad}".join(_records(v)) + "\n" + "  " * depth + "]"
        if isinstance(v, dict) and v and depth == 1:
            items = (f"{pad}{_compact(k)}: {_compact(x)}" for k, x in v.items())
            return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
        return _compact(v)

    lines = (f"  {_compact(k)}: {value(v, 1)}" for k, v in article.items())
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _records(records: list[dict[str, Any]]) -> list[str]:
    """Each record of a list encoded on its own, as ``_compact(record)`` would.

    One C call encodes the whole list; it is cut where one record ends and
    the next begins (``}, {``).  When that string also occurs inside a
    record (in a quoted text, or between nested objects), the count tells,
    and the records are encoded one by one instead.
    """
    whole = _compact(records)
    inner = whole[2:-2].split("}, {")  # without the outer "[{" and "}]"
    if len(inner) == len(records):
        return ["{" + r + "}" for r in inner]
    return [_compact(r) for r in records]


def process_task(task: Task, options: Options, data: bytes | None = None, debug: bool = False) -> Result:
    """Run one article; every failure becomes a one-line error in the result."""
    try:
        if data is None:
            data = read_bytes(task.path)
        ctx = Context(options=options, corpus=CorpusInfo(task.common_lines))
        article = process_bytes(data, task.id, task.rel, ctx, task.sidecar)
    except ZhextractError as exc:
        return Result(task.id, task.key, False, str(exc) + (_trace() if debug else ""))
    except OSError as exc:
        return Result(task.id, task.key, False, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # never let one file stop the batch
        return Result(task.id, task.key, False, f"internal error: {type(exc).__name__}: {exc}"
                      + (_trace() if debug else ""))
    stats = article["stats"]
    return Result(
        task.id, task.key, True, None,
        article_line=dumps(article),
        pretty=pretty(article),
        event_lines=[dumps({"article_id": task.id, **e}) for e in article["events"]],
        number_lines=[dumps({"article_id": task.id, **n}) for n in article["numbers"]],
        stats=stats,
        edits=len(article["edits"]),
        warnings=len(article["warnings"]),
        sha256=article["source_sha256"],
        size=len(data),
    )


def _trace() -> str:
    return "\n" + traceback.format_exc()
