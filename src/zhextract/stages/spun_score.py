"""The spun score: how many signs of spinning a document shows, for its length.

Risky repairs (calques, names by sound, ordinary words such as ``Zan``, the
synonyms a spinning tool writes) are made only in a document whose score
reaches :data:`SPUN_THRESHOLD`.  The repair stage finds the signs (each
candidate repair that is a sign, one per place: where a pattern and a
generated garble read the same words only the stronger counts) and this
module turns them into points:

* ``garble``   2 points per distinct never-correct garble (Aauto Quicker,
  Tik Tok spelled with a space, Magic Chopsticks), at most 6;
* ``risky``    1 point per distinct risky garble or calque, one more when it
  occurs 3 times or more, at most 4 (all-capital acronyms such as JD are
  normal in clean text and are no sign);
* ``synonym``  1 point per distinct word only spinning tools write where
  they stand (克日, 经由过程, 相干部门), at most 2;
* ``spacing``  1 point when the raw text puts a space after Chinese sentence
  punctuation 3 times or more ("。 没想到"), the spacing MT leaves behind;
* ``density``  the unambiguous signs (garbles and synonyms, not risky
  names) per thousand characters of text, every occurrence counted: 1 point
  per :data:`DENSITY_STEP` of them, at most :data:`DENSITY_CAP`, once a
  document shows :data:`DENSITY_MIN_SIGNS`.

Why density: the kinds alone were set on long seed articles.  A short
content-farm article (300 characters) that writes 克日 three times and 泉源
twice shows two kinds of sign, 2 points, and was left unrepaired; five signs
in 300 characters are 17 per thousand, which no clean text comes near.

**Calibration** (``benchmarks/spin_calibration.py --sweep``; re-run it after
changing anything here or in the rule data): 70 clean articles assembled from
our own news sentences in thirteen topics (186 to 1143 characters, half of them
short), a third carrying sentences that look like spinning to a careless rule
(Station B in a Chinese sentence, a scholar's pinyin name, 今朝 in a poem), a
fifth typed with a space after each full stop; and 70 spun copies of other
such articles, made by a simulator with the stage's own tables turned round
(synonym swapping at three rates and with a two-word table, a round trip of
names through English with MT's spacing, and both).  The sweep over the
density step (off, 2 to 8), the caps and the threshold (2 to 5) kept the
settings that flag no clean article, neither in that set nor in a stress set
of 70 clean articles with two such sentences each, and catch the most spun
ones: threshold 3, one point per 2 unambiguous signs per thousand characters,
at most 3.  Precision 1.0 (no clean article reaches 3; the highest scores 2),
recall 0.81 (57 of 70; without density 0.74).  What is missed: a round trip
that garbled one name once (one sign is not enough, by design; listed garbles
are repaired anyway) and a two-word table swapping words whose guards hold
rarely.  Density counts garbles and synonyms, not risky names: with them, two
garble-like names in one short clean article made it spun.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SPUN_THRESHOLD = 3

GARBLE_POINTS, GARBLE_CAP = 2, 6
RISKY_CAP, RISKY_REPEAT = 4, 3
SYNONYM_CAP = 2
SPACING_MIN = 3
DENSITY_STEP = 2.0  # unambiguous signs per thousand characters for a point
DENSITY_CAP = 3
DENSITY_MIN_SIGNS = 2


@dataclass(frozen=True)
class Sign:
    """One sign of spinning found in a document: its kind (garble, risky, synonym) and identity."""

    kind: str
    key: str


@dataclass(frozen=True)
class Weights:
    """The score's constants, as one value (the calibration sweeps them)."""

    garble_points: int = GARBLE_POINTS
    garble_cap: int = GARBLE_CAP
    risky_cap: int = RISKY_CAP
    synonym_cap: int = SYNONYM_CAP
    density_step: float = DENSITY_STEP
    density_cap: int = DENSITY_CAP
    density_min_signs: int = DENSITY_MIN_SIGNS


DEFAULT = Weights()


def points(signs: Iterable[Sign], length: int, mt_spaces: int, w: Weights = DEFAULT) -> Counter[str]:
    """Points per kind of sign for a text of ``length`` characters with ``mt_spaces`` spaces MT left."""
    keys: dict[str, Counter[str]] = {"garble": Counter(), "risky": Counter(), "synonym": Counter()}
    for s in signs:
        keys[s.kind][s.key] += 1
    # Density counts the unambiguous signs only: a risky garble (Station B) is also ordinary text.
    total = sum(keys["garble"].values()) + sum(keys["synonym"].values())
    out: Counter[str] = Counter()
    out["garble"] = min(w.garble_points * len(keys["garble"]), w.garble_cap)
    out["risky"] = min(sum(1 + (n >= RISKY_REPEAT) for n in keys["risky"].values()), w.risky_cap)
    out["synonym"] = min(len(keys["synonym"]), w.synonym_cap)
    out["spacing"] = 1 if mt_spaces >= SPACING_MIN else 0
    if total >= w.density_min_signs and length > 0 and w.density_step > 0:
        out["density"] = min(int(total * 1000 / length / w.density_step), w.density_cap)
    return +out


def is_spun(score: int, threshold: int = SPUN_THRESHOLD) -> bool:
    return score >= threshold
