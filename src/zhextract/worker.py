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
from itertools import repeat
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
    """The build's first pass over one file: its hash and its line keys.

    The keys travel as the one string the cache stores (sorted, one a line): a pool worker's
    set of a hundred strings took the driver longer to unpickle than the worker took to scan.
    """

    location: str
    sha256: str | None
    keys_text: str = ""
    error: str | None = None

    @property
    def line_keys(self) -> frozenset[str]:
        return frozenset(self.keys_text.split("\n")) - {""}


def scan_file(location: str, max_bytes: int) -> Scan:
    """Hash a file and collect the keys of its short lines (corpus-level boilerplate).

    Files that are too large or not text still get a hash; they contribute
    no lines, and the processing phase reports what is wrong with them.
    """
    try:
        data = read_bytes(location)
    except OSError as exc:
        return Scan(location, None, "", f"cannot read: {exc.strerror or exc}")
    except ZhextractError as exc:  # a record that is no longer where its file's listing found it
        return Scan(location, None, "", str(exc))
    sha = hashlib.sha256(data).hexdigest()
    if len(data) > max_bytes:
        return Scan(location, sha)
    try:
        text, _ = decode_bytes(data)
    except ZhextractError:
        return Scan(location, sha)
    return Scan(location, sha, "\n".join(sorted(corpus_line_keys(text))))


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
# Both layouts from one encoding: a NUL after each separator.  Inside a string the encoder writes a control
# character as an escape (\\u0000), so every NUL of the output is one of these; removed, it is ``dumps``'s
# output, turned into a space, ``_compact``'s (tests/test_worker.py compares them).
_SEP = "\0"
_both = _encoder("," + _SEP, ":" + _SEP)


def pretty(article: dict[str, Any]) -> str:
    """The article indented for people: one field per line, one record per line.

    ``json.dumps(indent=...)`` runs Python's pure-Python encoder, which made up
    a quarter of a build's time; this layout is built from the C encoder's
    output, and a record (an edit, an event) on one line reads better than
    spread over ten.
    """
    return encode_article(article)[1]


def encode_article(article: dict[str, Any], split: tuple[str, ...] = ()) -> tuple[str, str, dict[str, list[str]]]:
    """``(dumps(article), pretty(article), records)``, each value encoded once for both layouts.

    ``records``: for each field of ``split`` holding a list of objects, each
    object's compact JSON, as ``dumps`` writes it alone.  Encoding the article
    twice (the line of ``articles.jsonl`` and the indented file) was a tenth
    of a worker's time on the benchmark mix, most of it the edits.
    """
    compact: list[str] = []
    lines: list[str] = []
    records: dict[str, list[str]] = {}
    for k, v in article.items():
        key = _compact(k)
        both = _both(v)
        compact.append(f"{key}:{both.replace(_SEP, '')}")
        if isinstance(v, list) and v and all(map(isinstance, v, repeat(dict))):
            # No string holds a NUL, so each "},NUL{" is a cut between two records, unless a record holds a
            # list of objects itself (then there are more cuts than records).
            cut = "}," + _SEP + "{"
            if both.count(cut) == len(v) - 1:
                value = "[\n    " + both[1:-1].replace(cut, "},\n    {").replace(_SEP, " ") + "\n  ]"
                if k in split:
                    records[k] = ["{" + r.replace(_SEP, "") + "}" for r in both[2:-2].split(cut)]
            else:
                value = "[\n    " + ",\n    ".join(map(_compact, v)) + "\n  ]"
                if k in split:
                    records[k] = list(map(dumps, v))
        elif isinstance(v, dict) and v:
            cut = "," + _SEP  # between two items, unless a value holds a list or object of several itself
            if both.count(cut) == len(v) - 1:
                value = "{\n    " + both[1:-1].replace(cut, ",\n    ").replace(_SEP, " ") + "\n  }"
            else:
                value = "{\n" + ",\n".join(f"    {_compact(x)}: {_compact(y)}" for x, y in v.items()) + "\n  }"
        else:
            value = both.replace(_SEP, " ")
        lines.append(f"  {key}: {value}")
    return "{" + ",".join(compact) + "}", "{\n" + ",\n".join(lines) + "\n}\n", records


def _lines(article_id: str, objs: list[dict[str, Any]], records: list[str] | None) -> list[str]:
    """``dumps({"article_id": article_id, **obj})`` of each of ``objs``, from ``records`` (``dumps(obj)`` of
    each, from :func:`encode_article`) when there are."""
    if records is None or any("article_id" in o for o in objs):  # its own value would take the first place
        return [dumps({"article_id": article_id, **o}) for o in objs]
    head = '{"article_id":' + dumps(article_id)
    return [head + ("," + r[1:] if len(r) > 2 else "}") for r in records]


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
    line, indented, records = encode_article(article, ("events", "numbers"))
    return Result(
        task.id, task.key, True, None,
        article_line=line,
        pretty=indented,
        event_lines=_lines(task.id, article["events"], records.get("events")),
        number_lines=_lines(task.id, article["numbers"], records.get("numbers")),
        stats=stats,
        edits=len(article["edits"]),
        warnings=len(article["warnings"]),
        sha256=article["source_sha256"],
        size=len(data),
    )


def _trace() -> str:
    return "\n" + traceback.format_exc()
