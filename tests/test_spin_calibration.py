"""The spun score on the calibration set: simulated spinning of our own clean articles.

benchmarks/spin_calibration.py builds 70 clean articles and 70 spun copies of
others (synonym swapping at several rates and table sizes, a round trip of
names through English, MT spacing) from tests/data/spin_clean_sentences.tsv.
These floors hold what the calibration of zhextract.stages.spun_score found;
a change to the rule data that lowers them must be looked at, not the floors.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import spin_calibration as cal

from zhextract.stages.spun_score import SPUN_THRESHOLD


@lru_cache(maxsize=1)
def _results() -> tuple[list[Any], list[Any], list[Any]]:
    clean, spun = cal.calibration_set()
    return cal.run(clean), cal.run(spun), cal.run(cal.stress_set())


def test_the_set_has_60_articles_of_each_kind_short_ones_too() -> None:
    clean, spun, _ = _results()
    assert len(clean) >= 60 and len(spun) >= 60
    assert sum(150 <= len(r.article.text) <= 400 for r in clean) >= 20
    assert sum(len(r.article.source) <= 400 for r in spun) >= 20
    assert len({r.article.profile for r in spun}) >= 6


def test_no_clean_article_is_taken_for_spun_and_recall_holds() -> None:
    clean, spun, stress = _results()
    f = cal.figures(clean, spun, SPUN_THRESHOLD)
    assert f["precision"] == 1.0, [r.article.id for r in clean if r.score >= SPUN_THRESHOLD]
    assert f["recall"] >= 0.8
    assert cal.figures(stress, [], SPUN_THRESHOLD)["fp"] == 0
    # every profile that swaps words at a rate of a quarter or more is caught nine times in ten
    for profile in ("synonyms", "synonyms-half", "synonyms-quarter", "both"):
        mine = [r for r in spun if r.article.profile == profile]
        assert sum(r.score >= SPUN_THRESHOLD for r in mine) >= 0.9 * len(mine), profile


def test_clean_articles_come_out_of_the_repair_stage_unchanged() -> None:
    clean, _, stress = _results()
    assert [r.article.id for r in (*clean, *stress) if r.repairs] == []


def test_repair_undoes_most_of_the_spinning() -> None:
    clean, spun, _ = _results()
    report = cal.report(clean, spun, {a.id[:-1]: cal.process_text(a.source, "x", cal.Context()).text
                                       for a in (r.article for r in spun)})
    assert report["repairs_on_spun"] > 500
    assert report["differences_from_clean_after_repair"] < 0.35 * report["differences_from_clean_before_repair"]
