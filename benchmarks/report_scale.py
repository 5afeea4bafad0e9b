"""How ``zhextract report`` and ``zhextract diff`` scale: time, size and memory on a synthetic large dataset.

    .venv/bin/python benchmarks/report_scale.py                       # 100,000 articles in /tmp/zhextract-report-scale
    .venv/bin/python benchmarks/report_scale.py --articles 10000      # quicker

Building 100,000 articles through the pipeline would take hours on a small
machine and measure the build, not the report, so the dataset is made
directly: the seeds' dataset (``dataset/``, from ``python3 make.py build``)
is cloned, each clone with its own id and title, its timeline entries moved
by a day per clone so that the corpus has as many distinct events as
articles would, and a manifest with matching counts.  The texts, edits,
events and numbers of the clones are the seeds' (so an article page weighs
what a real one does); ``articles/``, ``events.jsonl`` and ``numbers.jsonl``
are not written, since neither command reads them.

Results go to ``benchmarks/results/report_scale.json`` and are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhextract.report.diff import compare  # noqa: E402
from zhextract.report.render import write_report  # noqa: E402


def _shift(iso: str | None, days: int) -> str | None:
    if not iso:
        return iso
    date, _, time_part = iso.partition("T")
    moved = (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    return f"{moved}T{time_part}" if time_part else moved


def generate(seeds: Path, out: Path, n: int) -> dict[str, Any]:
    """Write a dataset of ``n`` articles cloned from ``seeds`` into ``out``; returns its sizes."""
    lines = (seeds / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    bases = [(json.loads(line), line) for line in lines]
    timeline = [json.loads(line) for line in (seeds / "timeline.jsonl").read_text(encoding="utf-8").splitlines()]
    manifest = json.loads((seeds / "manifest.json").read_text(encoding="utf-8"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = []
    with open(out / "articles.jsonl", "w", encoding="utf-8") as fa, \
            open(out / "timeline.jsonl", "w", encoding="utf-8") as ft:
        for i in range(n):
            base, line = bases[i % len(bases)]
            new_id = f"syn{i:07d}_{base['id']}"
            title = f"{base['title'] or ''}（{i}）"
            line = line.replace(f'"id":"{base["id"]}"', f'"id":"{new_id}"', 1)
            line = line.replace(f'"title":{json.dumps(base["title"], ensure_ascii=False)}',
                                f'"title":{json.dumps(title, ensure_ascii=False)}', 1)
            fa.write(line + "\n")
            files.append({"id": new_id, "source_file": f"{new_id}.txt", "status": "ok", "error": None})
            days = i // len(bases)
            for entry in timeline:
                if base["id"] not in entry["articles"]:
                    continue
                moved = dict(entry, date=dict(entry["date"], start=_shift(entry["date"]["start"], days),
                                              end=_shift(entry["date"]["end"], days)),
                             articles=[new_id], sources=[dict(s, article_id=new_id) for s in entry["sources"]
                                                         if s["article_id"] == base["id"]])
                ft.write(json.dumps(moved, ensure_ascii=False, separators=(",", ":")) + "\n")
    scale = n / len(bases)
    manifest["counts"] = {k: round(v * scale) for k, v in manifest["counts"].items()}
    manifest["files"] = files
    manifest["rules"] = {k: round(v * scale) for k, v in manifest["rules"].items()}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return {name: (out / name).stat().st_size for name in ("articles.jsonl", "timeline.jsonl", "manifest.json")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seeds", type=Path, default=ROOT / "dataset", help="a built dataset to clone (default: dataset)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/zhextract-report-scale"))
    ap.add_argument("--keep", action="store_true", help="keep the generated dataset and report")
    args = ap.parse_args()
    if not (args.seeds / "articles.jsonl").is_file():
        sys.exit(f"{args.seeds}: no dataset; run 'python3 make.py build' first")
    dataset = args.work / "dataset"
    t0 = time.monotonic()
    sizes = generate(args.seeds, dataset, args.articles)
    gen_s = time.monotonic() - t0
    print(f"generated {args.articles} articles in {gen_s:.0f} s: " +
          ", ".join(f"{k} {v / 1e6:.0f} MB" for k, v in sizes.items()), flush=True)

    out = args.work / "report.html"
    t0 = time.monotonic()
    result = write_report(dataset, out)
    report_s = time.monotonic() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chunks = sorted(result.files_dir.glob("chunk-*.js")) if result.files_dir else []
    print(f"report: {report_s:.0f} s, {result.layout}, report.html {result.html_bytes / 1e6:.1f} MB, "
          f"{len(chunks)} chunk files of {result.files_bytes / 1e9:.2f} GB "
          f"(largest {max((c.stat().st_size for c in chunks), default=0) / 1e6:.1f} MB), peak RSS {rss_mb:.0f} MB",
          flush=True)

    t0 = time.monotonic()
    same = compare(dataset, dataset)
    diff_s = time.monotonic() - t0
    print(f"diff of the dataset with itself: {diff_s:.0f} s, identical={same.identical}", flush=True)

    record = {"date": dt.date.today().isoformat(), "python": platform.python_version(),
              "machine": platform.machine(), "articles": args.articles, "dataset_bytes": sizes,
              "generate_s": round(gen_s, 1), "report_s": round(report_s, 1), "layout": result.layout,
              "report_html_bytes": result.html_bytes, "report_files_bytes": result.files_bytes,
              "chunk_files": len(chunks), "largest_chunk_bytes": max((c.stat().st_size for c in chunks), default=0),
              "peak_rss_mb": round(rss_mb), "diff_identical_s": round(diff_s, 1)}
    results = ROOT / "benchmarks" / "results" / "report_scale.json"
    results.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
