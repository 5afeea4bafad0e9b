"""Stage 1, normalize: one text form for everything downstream.

Line endings, mojibake, invisible characters, HTML entities, full-width
Latin and digits, inline pinyin notes, Traditional to Simplified, spacing and
punctuation.  Each rule is a small named function returning the changes it
wants; text a rule does not need to touch is left byte-identical.

Punctuation convention of the dataset (GB/T 15834): full-width ``，：；？！（）``
(and ``。`` for a sentence-ending ``.``) in Chinese context; ASCII between
digits and inside Latin text (``1,000``, ``24:00``, ``iPhone 14 (Pro)``).
There are no spaces between a Chinese character and anything else; spaces
between Latin words stay (one ASCII space).  One line is one paragraph.
Downstream rules accept both widths anyway.

Order matters and is part of the design:

* ``wrapped_lines`` runs right after ``line_endings``: it measures lines as the
  page laid them out, before any rule changes their width;
* ``mojibake`` runs before ``invisible_chars``: the C1 control characters it
  needs are what ``invisible_chars`` deletes;
* ``pinyin_notes`` runs before ``t2s`` so that the phrase tables see whole
  words (``協(xié)議`` must reach t2s as ``協議``);
* ``punctuation_width`` runs before ``spacing``: ``x , 快手`` first becomes
  ``x ， 快手``, and a space next to ``，`` is a space in Chinese text;
* ``punctuation_doubled`` runs after ``spacing`` so that ``， ，`` is seen as
  ``，，``.

The stage is idempotent (normalizing its output changes nothing), which
shapes some rules: the punctuation rules decide from characters that no
later rule changes (see ``_TRANSPARENT`` in :mod:`.punctuation`), and
mojibake is mended run by run, independently of the text around it.

Modules:

* :mod:`.shared`: the character classes the rules share, a character's
  neighbours, and changes computed from a rewritten string;
* :mod:`.lines`: line endings, hard-wrapped paragraphs and blank lines (``line_endings``,
  ``wrapped_lines``, ``blank_lines``);
* :mod:`.characters`: mojibake, invisible and undecodable characters, HTML
  entities, full-width Latin and digits, decimal points written as wide or small full stops;
* :mod:`.pinyin`: inline pinyin reading notes (``pinyin_notes``);
* :mod:`.traditional`: Traditional to Simplified (``t2s``, ``t2s_fixes``, ``t2s_zhe``);
* :mod:`.punctuation`: full-width marks in Chinese context and doubled marks
  (``punctuation_width``, ``punctuation_doubled``);
* :mod:`.spaces`: spaces around Chinese and between words (``spacing``).
"""

from __future__ import annotations

from zhextract.stages.normalize.characters import (
    decimal_points,
    fullwidth_ascii,
    html_entities,
    invisible_chars,
    mojibake,
    replacement_chars,
)
from zhextract.stages.normalize.lines import blank_lines, line_endings, wrapped_lines
from zhextract.stages.normalize.pinyin import is_reading_note, pinyin_notes, readings
from zhextract.stages.normalize.punctuation import mend_cluster, mend_run, punctuation_doubled, punctuation_width
from zhextract.stages.normalize.shared import CJK_PUNCT, CN, CN_CONTEXT, RE_HAN, SP, SPACE_CHARS
from zhextract.stages.normalize.spaces import spacing
from zhextract.stages.normalize.traditional import t2s, t2s_fixes, t2s_zhe
from zhextract.step import steps

__all__ = [
    "CJK_PUNCT",
    "CN",
    "CN_CONTEXT",
    "RE_HAN",
    "SP",
    "SPACE_CHARS",
    "STAGE",
    "STEPS",
    "blank_lines",
    "decimal_points",
    "fullwidth_ascii",
    "html_entities",
    "invisible_chars",
    "is_reading_note",
    "line_endings",
    "mend_cluster",
    "mend_run",
    "mojibake",
    "pinyin_notes",
    "punctuation_doubled",
    "punctuation_width",
    "readings",
    "replacement_chars",
    "spacing",
    "t2s",
    "t2s_fixes",
    "t2s_zhe",
    "wrapped_lines",
]

STAGE = "normalize"


STEPS = steps(
    STAGE,
    line_endings,
    wrapped_lines,
    mojibake,
    invisible_chars,
    replacement_chars,
    html_entities,
    fullwidth_ascii,
    decimal_points,
    pinyin_notes,
    t2s,
    t2s_fixes,
    t2s_zhe,
    punctuation_width,
    spacing,
    punctuation_doubled,
    blank_lines,
)
