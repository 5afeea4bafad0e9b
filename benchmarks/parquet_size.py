"""Parquet against JSONL on a built dataset: time to write each table and its size.

    python3 benchmarks/parquet_size.py DATASET [--repeat 3]

Reads ``DATASET/{articles,events,numbers}.jsonl`` (a dataset ``zhextract
build`` wrote), then times writing the same records as JSONL (the lines as
they are, the build's own cost) and as Parquet (parsing each line and
converting it through the Arrow schema, as the build does), best of
``--repeat``.  Prints a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from zhextract.formats.parquet import TableWriter


def measure(dataset: Path, repeat: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for table in ("articles", "events", "numbers"):
            lines = (dataset / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
            jsonl_s = parquet_s = float("inf")
            for _ in range(repeat):
                t = time.perf_counter()
                with open(Path(tmp) / f"{table}.jsonl", "w", encoding="utf-8") as f:
                    for line in lines:
                        f.write(line + "\n")
                jsonl_s = min(jsonl_s, time.perf_counter() - t)
                t = time.perf_counter()
                writer = TableWriter(table, Path(tmp) / f"{table}.parquet")
                for line in lines:
                    writer.add(line)
                writer.close()
                parquet_s = min(parquet_s, time.perf_counter() - t)
            out[table] = {
                "rows": len(lines),
                "jsonl_mb": round((Path(tmp) / f"{table}.jsonl").stat().st_size / 1e6, 3),
                "parquet_mb": round((Path(tmp) / f"{table}.parquet").stat().st_size / 1e6, 3),
                "jsonl_write_s": round(jsonl_s, 3),
                "parquet_write_s": round(parquet_s, 3),
            }
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dataset", type=Path)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    print(json.dumps(measure(args.dataset, args.repeat), indent=2))


if __name__ == "__main__":
    main()
