"""What a pipeline step is, and what it may know about the run.

A step is a named rule of one stage.  It looks at the document and returns
the changes it wants (spans in the current text); the pipeline applies them
and records the edits under ``<stage>.<name>``.  The same name is used in
the code, in edit records, in ``explain`` and in the manifest's statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhextract.document import Change, Document

MiB = 1024 * 1024


@dataclass(frozen=True)
class Options:
    """Settings of a run that change its output (they are part of the cache key)."""

    published: str | None = None  # --published: reference date when the article has none
    gazetteers: tuple[str, ...] = ()  # --gazetteer: user files merged over the built-in one
    max_file_bytes: int = 16 * MiB  # larger files are refused as "not an article"

    def fingerprint(self) -> dict[str, Any]:
        """The settings as they go into the manifest and the cache key."""
        return {
            "published": self.published,
            "gazetteers": [Path(g).name for g in self.gazetteers],
            "max_file_bytes": self.max_file_bytes,
        }


@dataclass(frozen=True)
class CorpusInfo:
    """Facts about the whole corpus that a per-article step may use.

    ``common_lines`` holds lines seen verbatim in several articles of the
    corpus (the strip stage's corpus-level boilerplate signal).
    """

    common_lines: frozenset[str] = frozenset()


@dataclass
class Context:
    """What a step may read besides the document."""

    options: Options = field(default_factory=Options)
    corpus: CorpusInfo = field(default_factory=CorpusInfo)


Rule = Callable[[Document, Context], Iterable[Change]]


@dataclass(frozen=True)
class Step:
    stage: str
    name: str
    rule: Rule

    @property
    def qualname(self) -> str:
        return f"{self.stage}.{self.name}"


def steps(stage: str, *rules: Rule) -> list[Step]:
    """A stage's steps, in order, each named after its rule function."""
    return [Step(stage, r.__name__, r) for r in rules]
