"""Progress of a long build: a bar on a terminal, silence otherwise."""

from __future__ import annotations

import sys
from typing import Any

from zhextract.worker import Result


class Progress:
    """Shows files done, MB/s and failures on stderr while a build runs."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        self._task: Any = None
        self.failures: list[tuple[str, str]] = []

    def start(self, total_files: int, total_bytes: int) -> None:
        if not self.enabled:
            return
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn, TransferSpeedColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("processing"), BarColumn(), TextColumn("{task.fields[files]} files"),
            TextColumn("{task.fields[failed]}"), TransferSpeedColumn(), TimeElapsedColumn(),
            TextColumn("eta"), TimeRemainingColumn(), transient=True, refresh_per_second=4,
        )
        self._bar.start()
        self._total = total_files
        self._done = 0
        self._task = self._bar.add_task("build", total=total_bytes, files=f"0/{total_files}", failed="")

    def advance(self, result: Result) -> None:
        if not result.ok:
            self.failures.append((result.id, result.error or ""))
        if self._bar is not None:
            self._done += 1
            failed = f"[red]{len(self.failures)} failed[/]" if self.failures else ""
            self._bar.update(self._task, advance=result.size or 0, files=f"{self._done}/{self._total}",
                             failed=failed)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
