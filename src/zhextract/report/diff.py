"""``zhextract diff``: what changed between two datasets.

Both ``articles.jsonl`` files are sorted by id, so they are read side by
side in one pass (a merge join): memory holds counts and the few articles
shown, never a whole dataset.  The size of a text change is the number of
characters deleted plus inserted, found paragraph by paragraph (a line is a
paragraph) and then character by character inside the paragraphs that
differ, which stays cheap on long texts with small changes.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhextract.report.dataset import iter_article_lines, load_manifest, parse_article

FIELDS = ("title", "text", "events", "numbers", "edits")


@dataclass
class TextChange:
    id: str
    title: str
    changed_chars: int
    old_chars: int
    new_chars: int
    old_text: str
    new_text: str

    @property
    def share(self) -> float:
        return self.changed_chars / max(1, self.old_chars)

    def unified(self, context: int = 1) -> list[str]:
        """The unified diff of the two texts, a paragraph per line."""
        return list(difflib.unified_diff(self.old_text.splitlines(), self.new_text.splitlines(),
                                         f"OLD/{self.id}", f"NEW/{self.id}", n=context, lineterm=""))


@dataclass
class DiffResult:
    old: str
    new: str
    old_manifest: dict[str, Any]
    new_manifest: dict[str, Any]
    old_articles: int = 0
    new_articles: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: Counter[str] = field(default_factory=Counter)  # field name -> articles whose field changed
    changed_articles: int = 0
    largest: list[TextChange] = field(default_factory=list)
    top: int = 10  # largest text changes listed
    diffs: int = 3  # unified diffs shown, of the largest changes

    @property
    def rule_deltas(self) -> list[tuple[str, int, int]]:
        """``(rule, count in OLD, count in NEW)`` of the rules whose counts differ, largest change first."""
        old, new = self.old_manifest.get("rules", {}), self.new_manifest.get("rules", {})
        rows = [(r, old.get(r, 0), new.get(r, 0)) for r in set(old) | set(new) if old.get(r, 0) != new.get(r, 0)]
        return sorted(rows, key=lambda r: (-abs(r[2] - r[1]), r[0]))

    @property
    def failed_changes(self) -> tuple[list[str], list[str]]:
        """Files that fail only in NEW, and files that failed only in OLD."""
        def failed(m: dict[str, Any]) -> set[str]:
            return {f["source_file"] for f in m.get("files", []) if f.get("status") != "ok"}
        old, new = failed(self.old_manifest), failed(self.new_manifest)
        return sorted(new - old), sorted(old - new)

    @property
    def config_changes(self) -> list[tuple[str, Any, Any]]:
        """Tool version, rule data and options that differ: why the outputs may differ."""
        out = []
        for key in ("version", "rules_hash"):
            if self.old_manifest.get(key) != self.new_manifest.get(key):
                out.append((key, self.old_manifest.get(key), self.new_manifest.get(key)))
        old_cfg, new_cfg = self.old_manifest.get("config") or {}, self.new_manifest.get("config") or {}
        old_opt, new_opt = old_cfg.get("options") or {}, new_cfg.get("options") or {}
        for key in sorted(set(old_opt) | set(new_opt)):
            if old_opt.get(key) != new_opt.get(key):
                out.append((f"option {key}", old_opt.get(key), new_opt.get(key)))
        if old_cfg.get("boilerplate_min_files") != new_cfg.get("boilerplate_min_files"):
            out.append(("boilerplate_min_files", old_cfg.get("boilerplate_min_files"),
                        new_cfg.get("boilerplate_min_files")))
        return out

    @property
    def identical(self) -> bool:
        """The same articles, field for field, and the same failed files."""
        return not (self.added or self.removed or self.changed_articles or any(self.failed_changes))


def changed_chars(old: str, new: str) -> int:
    """Characters deleted plus inserted to turn ``old`` into ``new``, paragraph by paragraph."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    total = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
        if not x or not y:
            total += len(x) + len(y)
            continue
        same = sum(m.size for m in difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
        total += len(x) + len(y) - 2 * same
    return total


def _pairs(old: Path, new: Path) -> Iterator[tuple[tuple[str, str, int] | None, tuple[str, str, int] | None]]:
    """Lines of both ``articles.jsonl`` matched by id; ``None`` on the side that lacks one."""
    a, b = iter_article_lines(old), iter_article_lines(new)
    x, y = next(a, None), next(b, None)
    while x is not None or y is not None:
        if y is None or (x is not None and x[0] < y[0]):
            yield x, None
            x = next(a, None)
        elif x is None or y[0] < x[0]:
            yield None, y
            y = next(b, None)
        else:
            yield x, y
            x, y = next(a, None), next(b, None)


def compare(old: Path, new: Path, top: int = 10, diffs: int = 3) -> DiffResult:
    """Compare dataset ``old`` with dataset ``new``; keeps the ``top`` largest text changes."""
    result = DiffResult(str(old), str(new), load_manifest(old), load_manifest(new), top=top, diffs=diffs)
    heap: list[tuple[int, str, TextChange]] = []
    keep = max(top, diffs)
    for lx, ly in _pairs(old, new):
        if lx is None:
            result.added.append(ly[0])  # type: ignore[index]
            result.new_articles += 1
            continue
        result.old_articles += 1
        if ly is None:
            result.removed.append(lx[0])
            continue
        result.new_articles += 1
        if lx[1] == ly[1]:  # the same line: the same article, no need to parse it
            continue
        x, y = parse_article(old, lx[1], lx[2]), parse_article(new, ly[1], ly[2])
        if x == y:
            continue
        result.changed_articles += 1
        for name in FIELDS:
            if x.get(name) != y.get(name):
                result.changed[name] += 1
        if x["text"] != y["text"] and keep:
            change = TextChange(y["id"], y.get("title") or x.get("title") or "", changed_chars(x["text"], y["text"]),
                                len(x["text"]), len(y["text"]), x["text"], y["text"])
            item = (change.changed_chars, change.id, change)
            if len(heap) < keep:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)
    result.largest = [c for _, _, c in sorted(heap, key=lambda i: (-i[0], i[1]))][:keep]
    return result
