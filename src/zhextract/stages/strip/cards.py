"""Widgets of cards: the same few lines printed once per channel, app or account.

* ``head_cards``: above the body, a widget printed card by card (a channel's
  name, its tagline, the same prompt closing each card), taglines included;
* ``tail_cards``: below the body, the cards of accounts a platform recommends,
  each a name printed twice (its logo's text and its link) and a tagline.

An article's own lines are never printed card by card, so the repetition shows
the widget whatever its words.
"""

from __future__ import annotations

from itertools import pairwise

from zhextract.document import Change, Document
from zhextract.stages.strip.corpus import line_key
from zhextract.stages.strip.page import View, _view
from zhextract.step import Context

CARD_LINES = (3, 5)  # lines in one card of a repeated widget, its repeated line included (a name, a tagline, a prompt)
_LATIN_LINE = 0.5  # a line with at least this share of Latin letters is set in Latin script


def _cards(view: View, head: list[int]) -> list[list[int]]:
    """The lines of a widget repeated card by card in the head zone, if there is one.

    A card ends with the same line each time (``关注频道 每周更新`` under
    each channel's name and tagline); the cards are the runs of equal length
    that end at each copy; the first may lack its top line when it opens the
    page (a rule before this one took the channel name as the site's).  Each
    position of a card holds lines of the same script in every card (a Latin
    channel name above a Chinese tagline).  No line of a card may be prose.
    """
    keys = [line_key(view.texts[i]) for i in head]
    for key in dict.fromkeys(k for k in keys if len(k) >= 4 and keys.count(k) >= 2):
        at = [k for k, x in enumerate(keys) if x == key]
        size = at[1] - at[0]
        if not CARD_LINES[0] <= size <= CARD_LINES[1] or any(b - a != size for a, b in pairwise(at)):
            continue
        if at[0] + 1 < size and not (at[0] + 2 == size and head[0] == view.real[0]):
            continue  # the first card may lack one line only, taken by an earlier rule at the top of the page
        cards = [head[max(0, k - size + 1):k + 1] for k in at]
        if any(view.content[i] for card in cards for i in card):
            continue
        latin = [[view.shape(i).latin >= _LATIN_LINE for i in reversed(card)] for card in cards]
        if all(x == latin[-1][:len(x)] for x in latin):
            return cards
    return []


def head_cards(doc: Document, ctx: Context) -> list[Change]:
    """A widget printed card by card above the article: every line of every card goes.

    Sites put a row of their channels or apps above the article, each a
    card of the same lines (a name, a tagline, a call to follow ending each
    card the same way).  The repeated closing line shows the cards; their
    taglines may share words with the article (a technology channel above a
    technology story), so support cannot tell them, but the repetition can:
    an article's own head (title, deck, byline) is never printed card by card.
    """
    view = _view(doc, repaired=True)
    b = view.bounds
    if b.first >= view.n:
        return []  # no article for the widget to stand above
    head = [i for i in view.real if i < b.first]
    cards = _cards(view, head)
    if not cards:
        return []
    why = f"a widget above the body printed as {len(cards)} cards of {len(cards[-1])} lines closed by the same line"
    return view.remove([i for card in cards for i in card], why)


CARD_NAME = 16  # characters (shown_len) of an account's name printed twice on its card
CARD_TAGLINE = 40  # characters of the tagline under it


def tail_cards(doc: Document, ctx: Context) -> list[Change]:
    """Accounts a platform recommends below the article: a short name printed twice in a row (the text of
    its logo, then its link) and the one short line under it (its tagline); below the body only, where an
    article's own lines never come in twos."""
    view = _view(doc, repaired=True)
    b = view.bounds
    if b.last < 0:
        return []
    tail = [i for i in view.real if i > b.last]
    drop: list[int] = []
    for k, i in enumerate(tail[:-1]):
        j = tail[k + 1]
        name = view.texts[i].strip()
        if i in drop or not name or view.shape(i).n > CARD_NAME or view.texts[j].strip() != name:
            continue
        drop += [i, j]
        if k + 2 < len(tail) and _tagline(view, tail, k + 2):
            drop.append(tail[k + 2])
    return view.remove(drop, "an account's card below the article (its name printed twice, its tagline)")


def _tagline(view: View, tail: list[int], k: int) -> bool:
    """Whether the line at ``tail[k]`` is a card's tagline: short, no prose, and not the next card's name
    (which the line after it would print again)."""
    i = tail[k]
    if view.shape(i).n > CARD_TAGLINE or view.is_good(i):
        return False
    return k + 1 >= len(tail) or view.texts[tail[k + 1]].strip() != view.texts[i].strip()
