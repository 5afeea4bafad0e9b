"""Stage 3, repair: undo machine-translation spinning of names.

Content farms disguise copied articles by machine-translating them to English
and back, or by swapping synonyms.  Names come back mangled (快手 as "Aauto
Quicker", "Aauto更快"; 抖音 as "Tik Tok"; 宿华 as 苏华), and some articles carry
official English names inside Chinese text (Kuaishou, JD.com).  This stage
puts the Chinese names back.  Every repair is an edit whose rule says how the
garble was recognised:

* ``alias``        a listed name: an official English name, a known garble,
  a risky garble, the international counterpart's name (gazetteer.tsv);
* ``pattern``      a family of garbles nobody listed (spin_patterns.tsv);
* ``calque``       a compound translated back into Chinese (快手商, 豆快);
* ``sound_alike``  a person's name spelled by sound (苏华 for 宿华), found via
  pinyin from the gazetteer's people, next to a title or a speech verb and
  in a line that names the person's company;
* ``synonym``      a word a spinning tool swapped (克日 for 近日).

**The spun score.**  Many of these garbles are also ordinary text (Zan, 好评,
示意, 苏华).  They are *risky* and fire only in a document whose score says it
was spun.  The score (``score`` step, ``meta.spun_score``, the points of each
kind of sign in ``stats["repair.sign.*"]``) adds up the signs a document
shows, by kind and by density (signs per thousand characters); its rules and
how the threshold was calibrated are in :mod:`zhextract.stages.spun_score`.
Official English names and unresolved Latin words are no sign (clean
articles have them), nor are repeated spliced search phrases (the strip
stage removes those).  A clean article shows no sign and comes out unchanged.

**Where a name is not replaced** (inside a URL, a longer Latin word, an
English phrase, a gloss, a longer correct name; a risky match off the
sentence's word boundaries) is decided in :mod:`.scan`; the name of an
international counterpart (TikTok for 抖音) means the Chinese platform only
when the document never speaks of the international business
(``abroad_context.txt``, see :mod:`.lexicon`).  A Latin name replaced by
Chinese takes along the spaces and the ASCII mark MT left next to it
(:mod:`.edges`).  The title, which the strip stage lifted out of the body, is
repaired the same way.

**Warnings.**  Latin words left inside Chinese sentences that no list
explains are listed as ``unresolved latin name: 36k`` (:mod:`.unresolved`).

How the steps share work: ``score`` finds every candidate repair once and
stores the plan in ``doc.notes``; each later step applies the planned repairs
of its kind, shifted by the repairs the steps before it made.

Modules:

* :mod:`.hits`: a candidate repair, its kinds and its gates (safe, spun, home);
* :mod:`.lexicon`: the listed names and garbles, and how Latin names are looked up;
* :mod:`.latin`: Latin runs inside Chinese, links, ordinary Latin words;
* :mod:`.scan`: the context checks (where a name is not replaced, word boundaries);
* :mod:`.candidates`: finding the candidates of each kind;
* :mod:`.sound_alikes`: people's names spelled by sound;
* :mod:`.edges`: what a replaced Latin name takes along;
* :mod:`.plan`: the signs of spinning, the score and the plan the steps share;
* :mod:`.rules`: the steps (``score``, one per kind, ``counterpart``);
* :mod:`.unresolved`: the warnings about Latin words left unexplained.
"""

from __future__ import annotations

from zhextract.stages.repair.hits import HOME, KINDS, SAFE, SPUN, SPUN_HOME, SPUN_THRESHOLD, Hit
from zhextract.stages.repair.plan import mt_spaces, repair_string, signs_of
from zhextract.stages.repair.rules import alias, calque, counterpart, pattern, score, sound_alike, synonym
from zhextract.stages.repair.unresolved import find_unresolved_latin, unresolved_latin
from zhextract.step import steps

__all__ = [
    "HOME",
    "KINDS",
    "SAFE",
    "SETTLE",
    "SPUN",
    "SPUN_HOME",
    "SPUN_THRESHOLD",
    "STAGE",
    "STEPS",
    "Hit",
    "alias",
    "calque",
    "counterpart",
    "find_unresolved_latin",
    "mt_spaces",
    "pattern",
    "repair_string",
    "score",
    "signs_of",
    "sound_alike",
    "synonym",
    "unresolved_latin",
]

STAGE = "repair"

STEPS = steps(STAGE, score, alias, pattern, calque, sound_alike, synonym, unresolved_latin)

# Run after the strip stage's last rules (see ``counterpart``).
SETTLE = steps(STAGE, counterpart)
