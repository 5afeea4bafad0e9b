"""Errors the tool reports to users as one clear line, never as a traceback."""

from __future__ import annotations


class ZhextractError(Exception):
    """An error with a message fit for the user."""


class InputError(ZhextractError):
    """A corpus file that cannot be processed (not text, empty, too large...)."""


class DataFileError(ZhextractError):
    """A malformed rule-data file (built in or supplied by the user)."""

    def __init__(self, path: object, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


class WrongOpenCCError(ZhextractError):
    """The module named ``opencc`` is not opencc-python-reimplemented."""
