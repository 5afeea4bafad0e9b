"""Compare the speed of two versions of zhextract in lockstep, on a noisy machine.

    python3 benchmarks/lockstep.py 74082dc                 # that commit against the working tree
    python3 benchmarks/lockstep.py 74082dc HEAD --rounds 20
    python3 benchmarks/lockstep.py 74082dc --traditional   # the Traditional-only corpus
    python3 benchmarks/lockstep.py 74082dc --extract       # extraction alone (reference date + extract_all)

A shared virtual machine changes speed by a third from hour to hour, so two
benchmark runs an hour apart compare the machine as much as the code. Here
each version runs in its own warm process (dictionaries loaded, patterns
compiled, a few articles processed first), both hold the same articles (the
first ``--mb`` of the benchmark corpus, see synth.py), and they process them
in turns, round after round, each reporting the CPU time of its round. The
ratio of each round's two times cancels what the machine did in between;
their median is the figure to quote, with its range.

A commit is checked out with ``git worktree`` under ``benchmarks/work/`` (and
kept there for the next run); ``WORKTREE`` means the files as they are. Both
versions run with this interpreter, so they share the installed packages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"

# What each version's process runs: read the articles, warm up, then one timed round per line on stdin.
_WORKER = r"""
import sys, time
sys.path.insert(0, {bench!r})
from throughput import _corpus, _files
from zhextract.decode import decode_bytes
from zhextract.pipeline import process_bytes, process_text, warm_up
from zhextract.step import Context

traditional, mb, extract_only = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "1"
corpus = _corpus("traditional", 5, 1.0) if traditional else _corpus("mixed", 10, 0.2)
files = _files(corpus)
warm_up()
ctx = Context()
data, size = [], 0
for p in files:
    b = p.read_bytes()
    data.append((p.stem, b))
    size += len(b)
    if size >= mb * 1e6:
        break
if extract_only:
    from zhextract.extract import extract_all
    from zhextract.extract.prepared import Prepared
    from zhextract.extract.reference import reference_date
    from zhextract.gazetteer import load_gazetteer

    gaz = load_gazetteer(())
    texts = [process_text(decode_bytes(b)[0], i, ctx).text for i, b in data]

    def one_round():
        for t in texts:
            prepared = Prepared(t)
            ref, _ = reference_date(None, None, None, t, prepared)
            extract_all(t, ref, gaz, prepared, None)
else:
    def one_round():
        for i, b in data:
            process_bytes(b, i, i, ctx)
one_round()  # warm: every lazily built table and pattern
print("ready", size, flush=True)
for _ in sys.stdin:
    t = time.process_time()
    one_round()
    print(time.process_time() - t, flush=True)
"""


def source_of(rev: str) -> Path:
    """The ``src`` folder of a commit (checked out once under benchmarks/work/), or of the working tree."""
    if rev == "WORKTREE":
        return ROOT / "src"
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", rev], capture_output=True, text=True,
                         check=True).stdout.strip()
    tree = WORK / f"rev-{sha}"
    if not (tree / "src").is_dir():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), sha], check=True,
                       capture_output=True)
    return tree / "src"


def start(src: Path, traditional: bool, mb: float, extract_only: bool) -> tuple[subprocess.Popen[str], int]:
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.Popen([sys.executable, "-c", _WORKER.format(bench=str(ROOT / "benchmarks")),
                             str(int(traditional)), str(mb), str(int(extract_only))],
                            env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().split()
    if not line or line[0] != "ready":
        raise SystemExit(f"the worker for {src} did not start (see above)")
    return proc, int(line[1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("base", help="the version to compare with (a commit, or WORKTREE)")
    p.add_argument("new", nargs="?", default="WORKTREE", help="the version measured (default: the working tree)")
    p.add_argument("--rounds", type=int, default=12, help="rounds per version (default 12)")
    p.add_argument("--mb", type=float, default=0.3, help="megabytes of articles per round (default 0.3)")
    p.add_argument("--traditional", action="store_true", help="the Traditional-only corpus instead of the mix")
    p.add_argument("--extract", action="store_true", help="time extraction alone, on each version's clean text")
    args = p.parse_args()

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from throughput import _corpus  # the corpus is made here, once, not by both workers at the same time

    if args.traditional:
        _corpus("traditional", 5, 1.0)
    else:
        _corpus("mixed", 10, 0.2)
    workers = [start(source_of(rev), args.traditional, args.mb, args.extract) for rev in (args.base, args.new)]
    size = workers[0][1]
    times: list[list[float]] = [[], []]
    for _ in range(args.rounds):
        for (proc, _), spent in zip(workers, times):
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            spent.append(float(proc.stdout.readline()))
    for proc, _ in workers:
        proc.communicate("")
    ratios = [a / b for a, b in zip(*times)]
    speed = [statistics.median(size / 1e6 / t for t in ts) for ts in times]
    print(f"{args.base}: {speed[0]:.3f} MB/s   {args.new}: {speed[1]:.3f} MB/s   (medians of {args.rounds} rounds)")
    print(f"{args.new} / {args.base}: {statistics.median(ratios):.2f}x "
          f"(rounds from {min(ratios):.2f} to {max(ratios):.2f})")


if __name__ == "__main__":
    main()
