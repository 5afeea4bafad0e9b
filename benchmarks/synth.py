"""Build a synthetic corpus of a chosen size from the articles in ``corpus/``.

No two generated files are identical: each takes a seed article, keeps its
header lines, shuffles and samples its paragraphs, and swaps its spam and
furniture lines for others built from the rule vocabularies.  A stated share
of the files is converted to Traditional characters (OpenCC s2t), the way
Taiwan and Hong Kong reprint sites publish them.  Generation is seeded, so
the same parameters give the same corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEPARATORS = ["_", " | ", "|", "｜", " ", "-"]
FURNITURE = ["发表评论", "0条评论", "分享到：", "扫一扫在手机打开当前页", "点击右上角分享给好友", "相关阅读",
             "网友评论", "返回顶部", "责任编辑：小王", "本文来源于网络，如有侵权请联系删除"]


def _spam_words() -> list[str]:
    path = ROOT / "src" / "zhextract" / "data" / "spam_lexicon.txt"
    return [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]


def _keyword_line(rng: random.Random, words: list[str]) -> str:
    sep = rng.choice(SEPARATORS)
    phrases = ["".join(rng.sample(words, 2)) + rng.choice(["", "在线", "免费", "高清", str(rng.randint(1, 99))])
               for _ in range(rng.randint(5, 12))]
    return sep.join(phrases)


def _variant(text: str, rng: random.Random, words: list[str]) -> str:
    lines = [ln for ln in text.splitlines()]
    head, body = lines[:3], [ln for ln in lines[3:] if ln.strip()]
    rng.shuffle(body)
    keep = body[: max(3, int(len(body) * rng.uniform(0.7, 1.0)))]
    for _ in range(rng.randint(0, 2)):
        keep.insert(rng.randint(0, len(keep)), rng.choice(FURNITURE))
    top = [_keyword_line(rng, words)] if rng.random() < 0.3 else []
    bottom = [_keyword_line(rng, words)] if rng.random() < 0.3 else []
    return "\n\n".join([*top, *head, *keep, *bottom]) + "\n"


def generate(out: Path, size_mb: float, traditional_share: float = 0.2, seed: int = 7) -> dict[str, float]:
    """Write the corpus into ``out``; returns what was made (bytes per script)."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    t2s = opencc.OpenCC("t2s")
    rng = random.Random(seed)
    words = _spam_words()
    # Every base article in Simplified, so that the Traditional share is exactly the stated one.
    seeds = [t2s.convert(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    target = int(size_mb * 1_000_000)
    total = trad_bytes = 0
    seen: set[str] = set()
    i = 0
    while total < target:
        text = _variant(seeds[i % len(seeds)], rng, words)
        trad = rng.random() < traditional_share
        if trad:
            text = s2t.convert(text)
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        data = text.encode("utf-8")
        (out / f"a{i:06d}.txt").write_bytes(data)
        total += len(data)
        trad_bytes += len(data) if trad else 0
        i += 1
    return {"files": i, "bytes": total, "traditional_bytes": trad_bytes}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--size-mb", type=float, default=50)
    p.add_argument("--traditional", type=float, default=0.2, help="share of files in Traditional (default 0.2)")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    print(generate(args.out, args.size_mb, args.traditional, args.seed))


if __name__ == "__main__":
    main()
