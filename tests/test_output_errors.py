"""An output that cannot be written is named in one line, before any work, never as an internal error."""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path

import pytest

from helpers import SEEDS
from zhextract import build as build_module
from zhextract.cli import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(SEEDS[0], root / SEEDS[0].name)
    return root


def _build(corpus: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["build", str(corpus), "--quiet", "--workers", "1", *args])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
@pytest.mark.parametrize(("out", "said"), [
    ("/proc/x", "cannot write the dataset: cannot create files in /proc"),
    ("/proc/x/y", "cannot write the dataset: cannot create folder /proc/x"),
])
def test_an_output_in_a_pseudo_file_system_is_named(corpus: Path, out: str, said: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _build(corpus, "--out", out, capsys=capsys)
    assert code == 1
    assert err == [f"zhextract: {out}: {said}: No such file or directory"]


def test_an_output_below_a_file_is_named(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    code, err = _build(corpus, "--out", str(afile / "dataset"), capsys=capsys)
    assert code == 1
    assert err == [f"zhextract: {afile / 'dataset'}: cannot write the dataset: cannot create folder {afile}: "
                   "a part of the path is a file, not a folder"]
    code, err = _build(corpus, "--out", str(afile), capsys=capsys)
    assert (code, err) == (1, [f"zhextract: {afile}: exists and is not a folder (the dataset --out is a folder)"])
    assert afile.read_text() == "x"


def test_a_cache_folder_that_cannot_be_made_is_named(corpus: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "f"
    afile.write_text("x")
    code, err = _build(corpus, "--out", str(tmp_path / "ds"), "--cache-dir", str(afile / "c"), capsys=capsys)
    assert code == 1 and len(err) == 1
    assert err[0].startswith(f"zhextract: {afile / 'c'}: cannot write the build cache: cannot create folder")
    assert not (tmp_path / "ds").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_named(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, err = _build(corpus, "--out", str(locked / "ds"), "--cache-dir", str(tmp_path / "c"), capsys=capsys)
    finally:
        locked.chmod(0o755)
    assert code == 1 and err == [f"zhextract: {locked / 'ds'}: cannot write the dataset: cannot create files in "
                                 f"{locked}: Permission denied"]


def test_a_disk_that_fills_during_assembly_is_named(corpus: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def full(*_args: object, **_kw: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "ds-tmp" / "articles.jsonl"))

    monkeypatch.setattr(build_module, "_assemble", full)
    code, err = _build(corpus, "--out", str(tmp_path / "ds"), capsys=capsys)
    assert code == 1
    assert err == [f"zhextract: {tmp_path / 'ds'}: cannot write the dataset: {tmp_path / 'ds-tmp' / 'articles.jsonl'}: "
                   "No space left on device"]
