"""Calibrate the spun score on simulated spinning: precision and recall of "is spun", repairs made.

    .venv/bin/python benchmarks/spin_calibration.py            # report at the shipped weights
    .venv/bin/python benchmarks/spin_calibration.py --sweep    # and the sweep that chose them

The calibration set is built from our own clean news sentences
(``tests/data/spin_clean_sentences.tsv``): :func:`assemble` makes articles of
one topic (150-400 characters) or of two or three (600-2000), deterministically.
Half of them are left clean; the other half are spun by :class:`Spinner`, which
plays the content farms' tools with the repair stage's own tables turned
round:

* **synonym swapping**: every original word of ``spin_synonyms.tsv`` is
  replaced by the word the tool writes (近日 -> 克日), at a rate (all, half, a
  quarter of the occurrences), anywhere but inside a name;
* **a round trip through English**: each mention of a gazetteer entity is
  written as MT returns it, its official English name (Tencent) or a garble
  (a listed one, or one generated from the name's parts: Soaring News,
  Spell Duoduo), and MT's space after a sentence's full stop;
* and both.

A spun copy the simulator could not change (no swappable word, no name) is
left out of the figures.  The report gives precision and recall of
``spun_score >= SPUN_THRESHOLD``, the repairs made on each set, and how much of
the spinning the repair stage undid (differences from the clean text before
and after).  ``--sweep`` tries other weights of :mod:`zhextract.stages.spun_score`
on the signs each document showed and prints the best settings.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhextract.garbles import generated_garbles  # noqa: E402
from zhextract.gazetteer import is_latin, load_gazetteer  # noqa: E402
from zhextract.pipeline import process_text  # noqa: E402
from zhextract.stages import spun_score  # noqa: E402
from zhextract.stages.synonyms import load_synonyms  # noqa: E402
from zhextract.step import Context  # noqa: E402
from zhextract.trie import trie_regex  # noqa: E402

SENTENCES = ROOT / "tests" / "data" / "spin_clean_sentences.tsv"
N_ARTICLES = 140  # even: spun pool, odd: clean pool


@dataclass
class Article:
    id: str
    text: str
    spun: bool = False
    profile: str = "clean"
    changes: int = 0  # what the spinner changed
    source: str = ""  # the clean text it was spun from


def load_sentences(path: Path = SENTENCES) -> dict[str, list[str]]:
    topics: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            topic, sentence = line.split("\t")
            topics.setdefault(topic, []).append(sentence)
    return topics


def assemble(n: int = N_ARTICLES, seed: int = 19, hard_every: int = 3, hard_count: tuple[int, ...] = (1, 2),
             spaced_every: int = 5) -> list[Article]:
    """``n`` clean articles: even-numbered short ones of one topic, odd-numbered long ones of two or three
    (the spun and clean pools get both lengths).  Paragraphs of one to three sentences."""
    topics = load_sentences()
    hard = topics.pop("hard", [])
    names = sorted(topics)
    out = []
    for i in range(n):
        rng = random.Random(seed * 100_003 + i)
        short = (i // 2) % 2 == 0
        chosen = [names[(i * 7 + k * 3) % len(names)] for k in range(1 if short else rng.choice((2, 3, 4)))]
        pool = [s for t in dict.fromkeys(chosen) for s in topics[t]]
        rng.shuffle(pool)
        lo, hi = (150, 400) if short else (600, 2000)
        target = rng.randint(lo, hi)
        picked: list[str] = []
        for s in pool:
            if sum(map(len, picked)) + len(s) > hi:
                continue
            picked.append(s)
            if sum(map(len, picked)) >= target:
                break
        if hard and i % hard_every == 0:  # a third of the articles carry one or two hard sentences
            for s in rng.sample(hard, rng.choice(hard_count)):
                picked.insert(rng.randint(0, len(picked)), s)
        paragraphs, j = [], 0
        while j < len(picked):
            k = rng.randint(1, 3)
            paragraphs.append("".join(picked[j:j + k]))
            j += k
        text = "\n".join(paragraphs)
        if spaced_every and i % spaced_every == 0:  # some authors type a space after a full stop
            text = text.replace("。", "。 ").replace(" \n", "\n").rstrip(" ")
        out.append(Article(f"a{i:03d}", text))
    return out


PROFILES: dict[str, dict[str, float]] = {
    "synonyms": {"synonym_rate": 1.0},
    "synonyms-half": {"synonym_rate": 0.5},
    "synonyms-quarter": {"synonym_rate": 0.25},
    "mt": {"name_rate": 0.8, "spacing": 0.6},
    "mt-light": {"name_rate": 0.4},
    "both": {"synonym_rate": 0.6, "name_rate": 0.6, "spacing": 0.5},
    # a tool with a small table: two of the words it knows, every occurrence (the case of issue 19)
    "small-table": {"synonym_rate": 1.0, "table_size": 2},
}


@dataclass
class Spinner:
    """A content farm's tool: synonym swapping, a round trip of names through English, MT spacing."""

    rng: random.Random
    synonym_rate: float = 0.0
    name_rate: float = 0.0
    spacing: float = 0.0
    table_size: int = 0  # 0: the whole table; else that many of the originals the text holds
    swaps: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.swaps = load_synonyms().swaps()
        self.originals = re.compile(trie_regex(self.swaps))
        gaz = load_gazetteer()
        self.gaz = gaz
        generated = generated_garbles(gaz)
        self.english = {e.name: [s for s in e.english if is_latin(s)] for e in gaz.entities.values()}
        self.garbles = {e.name: [*e.mistranslations, *generated.get(e.name, ())] for e in gaz.entities.values()}

    def spin(self, text: str) -> tuple[str, int]:
        names = [(s, e, n) for s, e, n in self.gaz.find(text)]
        edits: list[tuple[int, int, str]] = []
        if self.name_rate:
            for s, e, name in names:
                if self.rng.random() < self.name_rate:
                    choices = self.garbles.get(name, [])
                    english = self.english.get(name, [])
                    if english and (not choices or self.rng.random() < 0.4):
                        choices = english
                    if choices:
                        edits.append((s, e, self.rng.choice(choices)))
        if self.synonym_rate:
            known = None
            if self.table_size:
                present = sorted({m.group() for m in self.originals.finditer(text)
                                  if self.swaps[m.group()] in load_synonyms().rules
                                  and any(r.sign for r in load_synonyms().rules[self.swaps[m.group()]])})
                known = set(self.rng.sample(present, min(self.table_size, len(present))))
            for m in self.originals.finditer(text):
                if known is not None and m.group() not in known:
                    continue
                if any(a < m.end() and m.start() < b for a, b, _ in names):
                    continue
                if self.rng.random() < self.synonym_rate:
                    edits.append((m.start(), m.end(), self.swaps[m.group()]))
        out, pos = [], 0
        for s, e, new in sorted(edits):
            if s < pos:
                continue
            out += [text[pos:s], new]
            pos = e
        out.append(text[pos:])
        spun = "".join(out)
        changes = len(edits)
        if self.spacing:
            spun = re.sub(r"。(?=[^\n])", lambda m: "。 " if self.rng.random() < self.spacing else "。", spun)
            changes += spun.count("。 ")
        return spun, changes


def spun_set(articles: list[Article]) -> list[Article]:
    out = []
    names = sorted(PROFILES)
    for j, a in enumerate(articles):
        profile = names[j % len(names)]
        spinner = Spinner(random.Random(1000 + j), **PROFILES[profile])  # type: ignore[arg-type]
        text, changes = spinner.spin(a.text)
        out.append(Article(a.id + "s", text, True, profile, changes, a.text))
    return out


def calibration_set() -> tuple[list[Article], list[Article]]:
    """(clean articles, spun articles): the odd-numbered assembled articles as they are, spun copies of the
    even-numbered ones (only those the spinner changed)."""
    articles = assemble()
    clean = articles[1::2]
    spun = [a for a in spun_set(articles[0::2]) if a.changes]
    return clean, spun


def stress_set() -> list[Article]:
    """Clean articles that each carry two hard sentences: the worst clean text the calibration expects
    (used to keep a margin, not in the precision figure)."""
    return assemble(70, seed=29, hard_every=1, hard_count=(2,), spaced_every=0)


@dataclass
class Result:
    article: Article
    score: int
    evidence: tuple[Any, int, int]
    repairs: int
    text: str


def run(articles: list[Article]) -> list[Result]:
    out = []
    for a in articles:
        doc = process_text(a.text, a.id, Context())
        out.append(Result(a, int(doc.meta["spun_score"]), doc.notes["spun_evidence"],
                          sum(1 for e in doc.edits if e.stage == "repair"), doc.text))
    return out


def rescore(r: Result, w: spun_score.Weights) -> int:
    signs, length, spaces = r.evidence
    return sum(spun_score.points(signs, length, spaces, w).values())


def figures(clean: list[Result], spun: list[Result], threshold: int, w: spun_score.Weights | None = None
            ) -> dict[str, Any]:
    def score(r: Result) -> int:
        return r.score if w is None else rescore(r, w)

    tp = sum(score(r) >= threshold for r in spun)
    fp = sum(score(r) >= threshold for r in clean)
    fn = len(spun) - tp
    return {"threshold": threshold, "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "max_clean_score": max((score(r) for r in clean), default=0)}


def _differences(a: str, b: str) -> int:
    return sum(1 for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal")


def report(clean: list[Result], spun: list[Result], clean_texts: dict[str, str]) -> dict[str, Any]:
    """Detection figures at the shipped threshold, and what repair did on each set."""
    fig = figures(clean, spun, spun_score.SPUN_THRESHOLD)
    by_profile: dict[str, Counter[str]] = {}
    before = after = 0
    for r in spun:
        c = by_profile.setdefault(r.article.profile, Counter())
        c["articles"] += 1
        c["detected"] += r.score >= spun_score.SPUN_THRESHOLD
        c["repairs"] += r.repairs
        c["spinner_changes"] += r.article.changes
        reference = clean_texts[r.article.id[:-1]]
        b = _differences(reference, r.article.text.replace("。 ", "。"))
        a = _differences(reference, r.text)
        c["differences_before"] += b
        c["differences_after"] += a
        before += b
        after += a
    return {
        "clean_articles": len(clean), "spun_articles": len(spun),
        "clean_lengths": [min(len(r.article.text) for r in clean), max(len(r.article.text) for r in clean)],
        "short_clean": sum(len(r.article.text) <= 400 for r in clean),
        "short_spun": sum(len(r.article.source) <= 400 for r in spun),
        **fig,
        "repairs_on_clean": sum(r.repairs for r in clean),
        "clean_changed": sum(r.text != r.article.text for r in clean),
        "repairs_on_spun": sum(r.repairs for r in spun),
        "differences_from_clean_before_repair": before, "differences_from_clean_after_repair": after,
        "by_profile": {k: dict(v) for k, v in sorted(by_profile.items())},
    }


def sweep(clean: list[Result], spun: list[Result], stress: list[Result]) -> list[dict[str, Any]]:
    """Weights and thresholds with no clean article flagged, in the calibration set nor in the stress set,
    best recall first (then a wider margin)."""
    rows = []
    for step in (0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0):
        for syn_cap in (2, 3, 4):
            for dens_cap in (2, 3, 4):
                w = replace(spun_score.DEFAULT, density_step=step, synonym_cap=syn_cap, density_cap=dens_cap)
                for threshold in (2, 3, 4, 5):
                    f = figures(clean, spun, threshold, w)
                    f.update(density_step=step, synonym_cap=syn_cap, density_cap=dens_cap,
                             stress_fp=figures(stress, [], threshold, w)["fp"])
                    rows.append(f)
    ok = [r for r in rows if r["fp"] == 0 and r["stress_fp"] == 0]
    ok.sort(key=lambda r: (-r["recall"], r["max_clean_score"] - r["threshold"], -r["threshold"]))
    return ok


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sweep", action="store_true", help="also try other weights and thresholds")
    args = p.parse_args()
    clean_articles, spun_articles = calibration_set()
    clean = run(clean_articles)
    spun = run(spun_articles)
    # the clean text each spun copy came from, through the same pipeline
    sources = {a.id[:-1]: a.source for a in spun_articles}
    clean_texts = {k: process_text(v, k, Context()).text for k, v in sources.items()}
    import json

    print(json.dumps(report(clean, spun, clean_texts), ensure_ascii=False, indent=1))
    missed = [(r.article.id, r.article.profile, r.score, len(r.article.text)) for r in spun
              if r.score < spun_score.SPUN_THRESHOLD]
    print("missed:", missed)
    stress = run(stress_set())
    print("stress set (clean, two hard sentences each):", figures(stress, [], spun_score.SPUN_THRESHOLD))
    if args.sweep:
        for row in sweep(clean, spun, stress)[:12]:
            print(row)


if __name__ == "__main__":
    main()
