"""What zhextract keeps in the user cache: compiled patterns and derived values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from zhextract import patterns, usercache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache directory, and pattern state as in a new process."""
    monkeypatch.setenv("ZHEXTRACT_CACHE_DIR", str(tmp_path))
    usercache.cache_dir.cache_clear()
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_compiled", {})
    monkeypatch.setattr(patterns, "_dirty", {})
    monkeypatch.setattr(patterns, "KEEP_SLOWER_THAN", 0.0)  # keep every pattern
    yield tmp_path
    usercache.cache_dir.cache_clear()


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_compiled", {})
    monkeypatch.setattr(patterns, "_dirty", {})


_BIG = "|".join(f"词{i}(?:甲|乙)" for i in range(300))


def test_a_kept_pattern_is_loaded_without_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rx = patterns.compile_pattern(_BIG, regex.IGNORECASE)
    assert rx.search("说词17乙了").group() == "词17乙"
    patterns.save()
    assert any(p.name.startswith("patterns-") for p in cache.iterdir())
    _new_process(monkeypatch)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex, "compile", refuse)
    again = patterns.compile_pattern(_BIG, regex.IGNORECASE)
    assert again.search("说词17乙了").group() == "词17乙"
    assert again.flags & regex.IGNORECASE


def test_flags_are_part_of_the_key(cache: Path) -> None:
    a = patterns.compile_pattern("abc")
    b = patterns.compile_pattern("abc", regex.IGNORECASE)
    assert a.search("ABC") is None and b.search("ABC")


def test_a_damaged_file_means_compiling_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compile_pattern(_BIG)
    patterns.save()
    for p in cache.iterdir():
        p.write_bytes(b"\x80\x04garbage")
    _new_process(monkeypatch)
    assert patterns.compile_pattern(_BIG).search("词299甲")


def test_the_file_keeps_at_most_max_kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_KEPT", 5)
    for i in range(9):
        patterns.compile_pattern(f"x{i}y")
    patterns.save()
    _new_process(monkeypatch)
    assert len(patterns._load()) == 5


def test_memo_builds_once_per_key(cache: Path) -> None:
    calls: list[int] = []

    def build() -> tuple[str, int]:
        calls.append(1)
        return ("value", len(calls))

    assert usercache.memo("thing", ("a", 1), build) == ("value", 1)
    assert usercache.memo("thing", ("a", 1), build) == ("value", 1)
    assert usercache.memo("thing", ("a", 2), build) == ("value", 2)  # another key: derived again
    assert len(calls) == 2


def test_no_cache_directory_means_deriving_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("")
    monkeypatch.setenv("ZHEXTRACT_CACHE_DIR", str(blocker / "x"))
    usercache.cache_dir.cache_clear()
    try:
        assert usercache.cache_dir() is None
        n: list[int] = []
        assert usercache.memo("thing", 1, lambda: n.append(1) or len(n)) == 1
        assert usercache.memo("thing", 1, lambda: n.append(1) or len(n)) == 2
    finally:
        usercache.cache_dir.cache_clear()


def test_package_stamp_changes_with_the_file(tmp_path: Path) -> None:
    stamp = usercache.package_stamp("regex", "__init__.py")
    assert stamp[0] == "regex" and stamp[1][1] > 0  # (name, size, mtime)
    assert usercache.package_stamp("no_such_package_xyz", "a.py") == ("no_such_package_xyz", None)
