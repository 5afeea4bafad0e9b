"""pytest configuration: hypothesis profiles and the golden-file switch."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The default profile (the test command, CI) draws the same examples on every run: a failure it
# shows is reproducible, and a change cannot pass or fail by the luck of the draw. The thorough
# profile draws new ones each time and ten times as many: run it to look for new failures
# (HYPOTHESIS_PROFILE=thorough), then pin what it finds as an @example or a table row.
settings.register_profile("default", max_examples=200, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output (review the diff before committing)")


# ---------------------------------------------------------------- datasets of the seeds, for report and diff
import pytest  # noqa: E402

from helpers import CORPUS  # noqa: E402


def _build_seeds(out, cache):  # type: ignore[no-untyped-def]
    from zhextract.build import BuildConfig, build

    report = build(BuildConfig(corpus=CORPUS, out=out, workers=1, quiet=True, cache_dir=cache))
    assert not report.failed, report.failed
    return out


@pytest.fixture(scope="session")
def seeds_dataset(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The seeds' dataset, built once per session (in-process, one worker)."""
    root = tmp_path_factory.mktemp("seeds")
    return _build_seeds(root / "dataset", root / "cache")


@pytest.fixture(scope="session")
def seeds_dataset_without_related_list(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The seeds' dataset built without the rule ``strip.related_list``: one rule change."""
    from zhextract import pipeline

    root = tmp_path_factory.mktemp("seeds-norel")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "STEPS", [s for s in pipeline.STEPS if s.qualname != "strip.related_list"])
        return _build_seeds(root / "dataset", root / "cache")


@pytest.fixture
def corpus(tmp_path):  # type: ignore[no-untyped-def]
    """A corpus folder holding a copy of the four seed articles (tests that use another corpus define
    their own ``corpus`` fixture, which takes precedence)."""
    import shutil

    from helpers import SEEDS

    root = tmp_path / "corpus"
    root.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, root / seed.name)
    return root
