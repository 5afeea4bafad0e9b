"""A candidate repair (``Hit``), its kinds, and the gates that say when it may fire.

A risky candidate fires only in a document whose spun score reaches
``SPUN_THRESHOLD`` (calibrated in :mod:`zhextract.stages.spun_score`); an
international counterpart's name only in a document that does not speak of
the business abroad.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhextract.stages import spun_score

# Minimum spun score for risky rules (see spun_score.py, where it was calibrated).
SPUN_THRESHOLD = spun_score.SPUN_THRESHOLD

KINDS = ("alias", "pattern", "calque", "sound_alike", "synonym")

# Gates: when a candidate repair may fire.
SAFE = "safe"  # always
SPUN = "spun"  # only in a spun document
HOME = "home"  # only when the document does not speak of the business abroad
SPUN_HOME = "spun_home"  # both


@dataclass(frozen=True)
class Hit:
    """A candidate repair: ``text[start:end] == before`` becomes ``after``."""

    start: int
    end: int
    before: str
    after: str
    kind: str  # alias | pattern | calque | sound_alike | synonym
    entity: str  # what the stats count: the entity or the restored word
    gate: str
    sign: str | None  # garble | risky | synonym | None
    key: str  # identity of the sign (distinct signs are counted)


def _gate_open(gate: str, spun: bool, abroad: bool) -> bool:
    if gate == SAFE:
        return True
    if gate == SPUN:
        return spun
    if gate == HOME:
        return not abroad
    return spun and not abroad
