"""Engines run the two parallel phases of a build: scanning files and processing articles.

An engine only decides *where* the per-file functions of
:mod:`zhextract.worker` run (this process, a process pool, a Ray cluster);
the build around it, and so the dataset, is the same for every engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from zhextract.step import Options
from zhextract.worker import Result, Scan, Task


class Engine(Protocol):
    name: str
    workers: int

    def scan(self, locations: list[str], max_bytes: int) -> Iterator[Scan]:
        """Hash and collect the line keys of each file, results in any order."""
        ...

    def process(self, tasks: list[Task], options: Options, debug: bool,
                cache_root: Path | None = None) -> Iterator[Result]:
        """Process each task, results in any order, as they finish.

        An engine whose workers can write to ``cache_root`` may store results
        there itself and yield only their summaries (``Result.stored``).
        """
        ...

    def write_shards(self, shards: list[Any], options: Options, out_uri: str, debug: bool) -> Iterator[Any]:
        """Write each :class:`~zhextract.shards.Shard` to ``out_uri`` where it runs; yield its summary."""
        ...

    def close(self) -> None: ...
