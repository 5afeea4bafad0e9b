#!/usr/bin/env python3
"""Bootstrap and run zhextract from a fresh clone: only Python >= 3.10 needed.

    python3 make.py build [zhextract build options]   build dataset/ from corpus/
    python3 make.py test  [pytest options]            lint and run the whole test suite

Each command creates ``.venv/`` on first use and installs what it needs;
it reinstalls only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
EXTRAS = {"build": "", "test": "[test,ray]"}


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_env(extras: str) -> Path:
    """The virtual environment with zhextract installed, with at least ``extras``."""
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must run on old Pythons to say so
        sys.exit(f"zhextract needs Python >= 3.10; this is {sys.version.split()[0]}")
    project = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    # The test install includes everything the build needs.
    good = {f".installed-{project}{e}" for e in (extras, EXTRAS["test"])}
    if any((VENV / name).exists() for name in good):
        return _python()
    if not _python().exists():
        print(f"creating {VENV.relative_to(ROOT)}/ ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"installing zhextract{extras} into .venv/ (first run only) ...", file=sys.stderr)
    subprocess.run([str(_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(_python()), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}{extras}"], check=True)
    for old in VENV.glob(".installed-*"):
        if not old.name.startswith(f".installed-{project}"):
            old.unlink()  # made for an older pyproject.toml
    (VENV / f".installed-{project}{extras}").touch()
    return _python()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_env(EXTRAS[command])
    os.chdir(ROOT)
    if command == "build":
        return subprocess.call([str(python), "-m", "zhextract", "build", *rest])
    lint = subprocess.call([str(python), "-m", "ruff", "check", "src", "tests", "benchmarks", "make.py"])
    if lint:
        print("ruff found problems (above); fix them or run: .venv/bin/ruff check --fix", file=sys.stderr)
        return lint
    return subprocess.call([str(python), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
