"""Stage 2, strip: remove spam and boilerplate, lift metadata into fields.

The rules work on the *structure* of noise (a line of short phrases joined by
separators, a marker line that ends the article, a search query glued into a
sentence, a line repeated across the corpus) plus vocabularies kept in data
files (``spam_lexicon.txt`` and ``spam_lexicon_weak.txt``, ``boilerplate.tsv``,
``meta_fields.tsv``, ``question_words.txt``, ``search_subjects.txt``); what a
single noise line looks like is decided in :mod:`.boilerplate`.

Whole lines are removed together with their line break, so the text keeps one
line per paragraph.  Content is protected in three ways: a line that reads as
a sentence (:func:`reads_as_content`) is never removed as furniture; rules
tied to a *position* (metadata, tags, bare links, contact details, corpus
repeats) only act in the head zone (before the first paragraph of prose) or
the tail zone (after the last); and a spliced search phrase is cut out of its
sentence only when something confirms it, otherwise it is reported.

Each rule is its own named step, so ``explain`` and the manifest count
removals per rule: ``strip.<rule>`` counts one per removed line or phrase
(a block is removed line by line).

Modules:

* :mod:`.page`: the page model (lines, their features, zones);
* :mod:`.boilerplate`: what a single noise line looks like (vocabularies, shapes);
* :mod:`.fields`: metadata fields of a header or footer line (pure parsers);
* :mod:`.spam`: SEO keyword lines, link farms, search phrases, injected headlines;
* :mod:`.junk`: anti-scraping debris (runs of short ASCII tokens, a nonsense token repeated);
* :mod:`.structure`: noise recognised by the page's structure (code, menus, repeats,
  the head zone's chrome and widget cards, runs of other stories' headlines, a closing slogan);
* :mod:`.markers`: related lists, disclaimers, contact blocks, captions, chart credits, tags, promotions;
* :mod:`.meta`: metadata lines lifted into ``meta``;
* :mod:`.headline`: the title;
* :mod:`.corpus`: lines repeated across the corpus.
"""

from __future__ import annotations

from zhextract.stages.strip.boilerplate import reads_as_content
from zhextract.stages.strip.cards import head_cards, tail_cards
from zhextract.stages.strip.charts import chart_debris
from zhextract.stages.strip.corpus import common_line_threshold, corpus_boilerplate, corpus_line_keys, line_key
from zhextract.stages.strip.fields import parse_datetime, parse_meta_line
from zhextract.stages.strip.headline import seo_title_question, title
from zhextract.stages.strip.junk import junk_text
from zhextract.stages.strip.markers import (
    caption,
    chart_credit,
    contact,
    disclaimer,
    end_button,
    furniture,
    promotion,
    related_list,
    related_summary,
    site_tail,
    tags,
)
from zhextract.stages.strip.meta import dateline, header_meta, site_footer, site_name
from zhextract.stages.strip.spam import (
    injected_headline,
    is_search_question,
    link_farm,
    seo_keyword_line,
    seo_phrase,
    spam_splice,
    spliced_line,
)
from zhextract.stages.strip.structure import (
    alt_text,
    caption_copy,
    code_line,
    head_noise,
    nav_menu,
    related_run,
    repeated_line,
    stamp_line,
    summary_copy,
    tail_verse,
)
from zhextract.step import steps

STAGE = "strip"

__all__ = [
    "AFTER_REPAIR",
    "STEPS",
    "common_line_threshold",
    "corpus_line_keys",
    "is_search_question",
    "line_key",
    "parse_datetime",
    "parse_meta_line",
    "reads_as_content",
]

STEPS = steps(
    STAGE,
    link_farm,
    seo_keyword_line,
    junk_text,  # before the rules that read a line's shape: debris spoils it
    chart_credit,  # before code_line: a credit under an image line goes with the image
    chart_debris,
    code_line,
    repeated_line,  # early: a second copy of a paragraph must not move the zones for the rules after it
    stamp_line,
    related_list,
    disclaimer,
    site_tail,
    contact,
    furniture,
    caption,
    alt_text,
    tags,
    summary_copy,
    nav_menu,
    corpus_boilerplate,
)

# Rules that compare the article's vocabulary run after the repair stage: it
# rewrites names (Aauto快消 -> 快手电商), and a rule that compared the garbled
# vocabulary would decide otherwise on the repaired text, so that the
# pipeline would not be idempotent.  The title is chosen by its support too,
# and the metadata rules look for bylines in the zones that leave out a
# foreign paragraph above the byline (a promotion), which support decides.
AFTER_REPAIR = steps(
    STAGE,
    promotion,  # first: the zones that leave out a foreign paragraph find it above the byline
    header_meta,
    dateline,
    site_name,
    head_cards,  # before the title: the title rule takes short labels above it, which breaks the cards
    seo_title_question,
    title,
    head_noise,
    seo_phrase,
    spam_splice,
    related_summary,
    caption_copy,
    related_run,
    tail_cards,
    tail_verse,
    site_footer,
    injected_headline,
    spliced_line,  # a line is inside a broken sentence once everything around it is gone
    end_button,  # last: cutting a line changes the text by which other rules know it
)
