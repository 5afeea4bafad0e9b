"""The Ray engine: the same per-file functions, run by Ray Data on any cluster.

Both phases are a Ray Data ``map_batches`` over a small table of tasks.  The
processing phase uses a callable class, so each Ray actor loads the
dictionaries (OpenCC, the gazetteer, jieba's dictionary when needed) once and keeps them
for every batch it is given.  Workers read the corpus files themselves, from
local paths or any pyarrow filesystem URI (``s3://…``), and send back
finished, serialised results; the driver writes the dataset exactly as the
local engine does, so both engines give byte-identical datasets.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhextract.errors import ZhextractError
from zhextract.step import Options
from zhextract.worker import Result, Scan, Task, process_task, scan_file

INSTALL_HINT = "the ray engine needs Ray Data: pip install 'zhextract[ray]'"


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise ZhextractError(INSTALL_HINT) from None
    return ray


class _ScanBatch:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        scans = [scan_file(str(loc), self.max_bytes) for loc in batch["location"]]
        return {"scan": [pickle.dumps(s) for s in scans]}


class _ProcessBatch:
    """One per Ray actor: warms the pipeline once, then processes batch after batch."""

    def __init__(self, options: Options, debug: bool) -> None:
        from zhextract.pipeline import process_bytes
        from zhextract.step import Context

        self.options = options
        self.debug = debug
        # Load the rule data and converters now, not on the first article.
        process_bytes("預熱：2022年1月，快手宣布上线新功能。".encode(), "warmup", "warmup.txt",
                      Context(options=options))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        tasks: list[Task] = [pickle.loads(t) for t in batch["task"]]
        return {"result": [pickle.dumps(process_task(t, self.options, debug=self.debug)) for t in tasks]}


class _ShardBatch(_ProcessBatch):
    """One per Ray actor: writes whole shards to the output URI, returns only their summaries."""

    def __init__(self, options: Options, debug: bool, out_uri: str) -> None:
        super().__init__(options, debug)
        self.out_uri = out_uri

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from zhextract.shards import write_shard

        out = []
        for blob in batch["shard"]:
            try:
                out.append(pickle.dumps(write_shard(pickle.loads(blob), self.options, self.out_uri, self.debug)))
            except ZhextractError as exc:  # sent back as it is, for the driver to report in one line
                out.append(pickle.dumps(exc))
        return {"summary": out}


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, workers: int = 0, quiet: bool = True) -> None:
        ray = _ray()
        self._started = False
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "logging_level": logging.WARNING}
            if address:
                kwargs["address"] = address
            elif workers > 0:
                kwargs["num_cpus"] = workers
            try:
                ray.init(**kwargs)
            except Exception as exc:  # connection refused, bad address, ...
                raise ZhextractError(f"cannot start or reach Ray{' at ' + address if address else ''}: {exc}") \
                    from None
            self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = workers if workers > 0 else max(1, cpus)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = not quiet
        context.execution_options.verbose_progress = False
        if quiet:
            logging.getLogger("ray.data").setLevel(logging.WARNING)
            logging.getLogger("ray").setLevel(logging.WARNING)

    def scan(self, locations: list[str], max_bytes: int) -> Iterator[Scan]:
        if not locations:
            return
        ray = _ray()
        ds = ray.data.from_items([{"location": loc} for loc in locations])
        ds = ds.map_batches(_ScanBatch, fn_constructor_kwargs={"max_bytes": max_bytes},
                            batch_size=32, concurrency=self.workers, batch_format="numpy")
        for row in ds.iter_rows():
            yield pickle.loads(row["scan"])

    def process(self, tasks: list[Task], options: Options, debug: bool,
                cache_root: Path | None = None) -> Iterator[Result]:
        # Workers may run on other machines: results come back and the driver stores them.
        if not tasks:
            return
        ray = _ray()
        order = sorted(tasks, key=lambda t: -t.size)  # long articles first
        ds = ray.data.from_items([{"task": pickle.dumps(t)} for t in order])
        ds = ds.map_batches(_ProcessBatch, fn_constructor_kwargs={"options": options, "debug": debug},
                            batch_size=4, concurrency=self.workers, batch_format="numpy")
        for row in ds.iter_rows():
            yield pickle.loads(row["result"])

    def write_shards(self, shards: list[Any], options: Options, out_uri: str, debug: bool) -> Iterator[Any]:
        """Each shard written by a Ray actor straight to ``out_uri``; summaries come back in any order."""
        if not shards:
            return
        ray = _ray()
        ds = ray.data.from_items([{"shard": pickle.dumps(s)} for s in shards])
        ds = ds.map_batches(_ShardBatch, fn_constructor_kwargs={"options": options, "debug": debug,
                                                                 "out_uri": out_uri},
                            batch_size=1, concurrency=min(self.workers, len(shards)), batch_format="numpy")
        for row in ds.iter_rows():
            summary = pickle.loads(row["summary"])
            if isinstance(summary, ZhextractError):
                raise summary
            yield summary

    def close(self) -> None:
        if self._started:
            _ray().shutdown()
            self._started = False
