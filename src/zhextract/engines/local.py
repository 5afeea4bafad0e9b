"""The local engine: this process for one worker, a process pool for more."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from zhextract.cache import Cache
from zhextract.pipeline import warm_up
from zhextract.step import Options
from zhextract.worker import Result, Scan, Task, process_task, scan_file


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


_caches: dict[str, Cache] = {}  # a pool worker's own connection to the cache, opened once


def _run(args: tuple[Task, Options, bool, str | None]) -> Result:
    """In a pool worker: process, store the result in the cache, send back only its summary."""
    task, options, debug, cache_root = args
    result = process_task(task, options, debug=debug)
    if cache_root is None:
        return result
    cache = _caches.get(cache_root)
    if cache is None:
        cache = _caches[cache_root] = Cache(Path(cache_root))
    cache.put(result)
    return result.summary()


class LocalEngine:
    name = "local"

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers if workers > 0 else cpu_count()
        self._pool: Any = None

    def _get_pool(self, warm: bool = True) -> Any:
        """The pool, started on first use; ``warm``: load the rules' data first (what processing needs)."""
        if self._pool is None:
            import multiprocessing as mp

            # fork shares the loaded dictionaries with the workers; spawn elsewhere.
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            if method == "fork" and warm:
                warm_up()  # load them here, once, before the workers are forked
            self._pool = mp.get_context(method).Pool(self.workers)
        return self._pool

    def scan(self, locations: list[str], max_bytes: int) -> Iterator[Scan]:
        fn = functools.partial(scan_file, max_bytes=max_bytes)
        if self.workers <= 1 or len(locations) < 16:
            yield from map(fn, locations)
            return
        yield from self._get_pool().imap_unordered(fn, locations, chunksize=16)

    def process(self, tasks: list[Task], options: Options, debug: bool,
                cache_root: Path | None = None) -> Iterator[Result]:
        if self.workers <= 1 or len(tasks) <= 1:
            for t in tasks:
                yield process_task(t, options, debug=debug)
            return
        # Big files first, so that one long article does not finish last alone.
        order = sorted(tasks, key=lambda t: -t.size)
        root = str(cache_root) if cache_root else None
        yield from self._get_pool().imap_unordered(_run, ((t, options, debug, root) for t in order), chunksize=1)

    def write_shards(self, shards: list[Any], options: Options, out_uri: str, debug: bool) -> Iterator[Any]:
        """Each shard written by a pool worker straight to ``out_uri``; summaries in any order."""
        from zhextract.shards import write_shard

        fn = functools.partial(write_shard, options=options, out_uri=out_uri, debug=debug)
        if self.workers <= 1 or len(shards) <= 1:
            yield from map(fn, shards)
            return
        yield from self._get_pool().imap_unordered(fn, shards, chunksize=1)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        """Start ``fn(*args)`` in a pool worker; returns a function that waits for its result (or raises its
        error).  With one worker it runs when waited for, in this process.  The build's assembly hands its
        Parquet tables and timeline to the workers this way: they are idle by then, and the driver alone was
        the serial tail of a parallel build."""
        if self.workers <= 1:
            return functools.partial(fn, *args)
        return self._get_pool(warm=False).apply_async(fn, args).get

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
