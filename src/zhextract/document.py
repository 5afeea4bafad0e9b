"""The document model and its audit trail.

Every stage works on ``Document.text`` and reports what it wants changed as
:class:`Change` objects (spans in the *current* text).  :meth:`Document.apply`
turns them into :class:`Edit` records whose spans index the *original decoded
file text* (``Document.raw``), so that for every edit ``raw[start:end] ==
before`` and replaying all edits on ``raw`` reproduces ``text`` exactly.

How the offset map works: the edit list itself is the map.  Edits are kept
sorted and non-overlapping in raw coordinates; between two edits the current
text is a verbatim copy of the raw text.  When a later step changes text that
an earlier step produced (t2s converted a line that strip then removes, a
full-width ``Ｋｗａｉ`` folded to ``Kwai`` that repair turns into 快手), the
new edit grows to cover the earlier one and *absorbs* it: its ``before`` is
still the raw text, its ``after`` the new text, and ``absorbs`` names the
rules it superseded so the chain of reasons is not lost.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress, islice, pairwise, repeat
from operator import add, eq, gt, itemgetter, le, lt, mul, ne, not_, sub
from typing import Any, NamedTuple


class Change(NamedTuple):
    """A replacement a rule asks for, in coordinates of the current text.

    A named tuple rather than a dataclass: rules create thousands of them per
    article, and tuples are about twice as cheap to make.
    """

    start: int
    end: int
    after: str
    #: Why the rule made this change, for ``explain`` (``"4 headline-form lines in the tail"``);
    #: empty when the rule's name says it all (punctuation width, t2s).
    why: str = ""


class Edit(NamedTuple):
    """One recorded change: ``raw[start:end] == before`` became ``after``.

    A named tuple, like :class:`Change`: an article records hundreds of
    edits, and a tuple is several times cheaper to make than a dataclass.
    """

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    absorbs: tuple[str, ...] = ()
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        # Unpacked once: an article has hundreds of edits, and each field read is a descriptor call.
        stage, rule, start, end, before, after, absorbs, why = self
        out: dict[str, Any] = {"stage": stage, "rule": rule, "before": before, "after": after, "span": [start, end]}
        if absorbs:
            out["absorbs"] = list(absorbs)
        if why:
            out["why"] = why
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Edit:
        start, end = obj["span"]
        return cls(obj["stage"], obj["rule"], start, end, obj["before"], obj["after"],
                   tuple(obj.get("absorbs", ())), obj.get("why", ""))


class OverlappingChanges(ValueError):
    """A rule returned changes that overlap each other: a bug in the rule."""


@dataclass
class Document:
    """An article on its way through the pipeline."""

    id: str
    raw: str
    text: str = ""
    edits: list[Edit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    stats: Counter[str] = field(default_factory=Counter)
    # Scratch space for steps that need to hand facts to later steps
    # (e.g. the repair stage's spun score); never serialised.
    notes: dict[str, Any] = field(default_factory=dict)
    # Current-text positions of the edits, derived from them; kept up to date by apply().
    _offsets: tuple[list[int], list[int], list[int]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text and not self.edits:
            self.text = self.raw

    # ------------------------------------------------------------------ apply
    def apply(self, stage: str, rule: str, changes: Iterable[Change]) -> int:
        """Apply ``changes`` (current-text spans) and record them as edits.

        Changes that would not alter the text are dropped, so a rule that
        changes nothing records nothing.  Returns the number of changes
        applied; ``stats["<stage>.<rule>"]`` counts them too.
        """
        todo, starts, ends, afters = _wanted(self.text, changes)
        if not todo:
            return 0
        _check(stage, rule, todo, starts, ends, len(self.text))

        cur_starts, cur_ends, _ = self.offsets()
        edits = self.edits
        # Where each change goes among the recorded edits (how many lie wholly before it): found in C.
        stops = list(map(bisect.bisect_right, repeat(cur_ends, len(todo)), starts))
        if not edits or _apart(todo, starts, ends, stops, cur_starts, cur_ends, edits):
            self._apply_apart(stage, rule, todo, starts, ends, afters, stops)
            self.stats[f"{stage}.{rule}"] += len(todo)
            return len(todo)

        n = len(todo)
        if _SPLIT and not any(map(eq, starts, ends)):
            # The edits change j overlaps are those from stops[j] to firsts[j] (see _apart).
            firsts = list(map(bisect.bisect_left, repeat(cur_starts, n), ends))
            touching = list(map(gt, firsts, stops))
            if not all(touching):
                self._apply_split(stage, rule, todo, starts, ends, afters, stops, firsts, touching)
                self.stats[f"{stage}.{rule}"] += n
                return n
            self._walk(stage, rule, todo, stops, firsts)
        else:
            self._walk(stage, rule, todo, stops, None)
        self.stats[f"{stage}.{rule}"] += n
        return n

    def _apply_split(self, stage: str, rule: str, todo: list[Change], starts: list[int], ends: list[int],
                     afters: list[str], stops: list[int], firsts: list[int], touching: list[bool]) -> None:
        """:meth:`apply` for a step some of whose changes overlap recorded edits (``touching``) and some not.

        The overlapping ones go through :meth:`_walk`, one by one; the others
        (t2s among a few earlier edits: most of its words) then through
        :meth:`_apply_apart`, in bulk, moved by what the first ones grew the
        text before them.  The edits are those one walk over all of them
        records: a change that overlaps no edit is a group of its own in the
        walk (it cannot overlap the span of a group that absorbed an edit),
        and no change here is an insertion (see :meth:`apply`).
        """
        pick = list(compress(range(len(todo)), touching))
        self._walk(stage, rule, list(map(todo.__getitem__, pick)), list(map(stops.__getitem__, pick)),
                   list(map(firsts.__getitem__, pick)))
        growth = map(sub, map(len, afters), map(sub, ends, starts))
        shifts = list(accumulate(map(mul, growth, touching), initial=0))
        rest = list(map(not_, touching))
        moved = list(compress(shifts, rest))
        new_starts = list(map(add, compress(starts, rest), moved))
        new_ends = list(map(add, compress(ends, rest), moved))
        new_stops = list(map(bisect.bisect_right, repeat(self.offsets()[1], len(new_starts)), new_starts))
        self._apply_apart(stage, rule, list(compress(todo, rest)), new_starts, new_ends, list(compress(afters, rest)),
                          new_stops)

    def _walk(self, stage: str, rule: str, todo: list[Change], stops: list[int], firsts: list[int] | None) -> None:
        """:meth:`apply`'s general case: each change grouped with the recorded edits it touches.

        ``firsts`` (when no change is an insertion): the edits change ``j``
        overlaps are ``stops[j]`` to ``firsts[j] - 1``, found by bisection;
        without it they are looked for edit by edit, as an insertion may
        also touch an insertion.
        """
        text = self.text
        cur_starts, cur_ends, prefix = self.offsets()
        edits = self.edits
        # Group each change with the earlier edits it touches; groups that end
        # up overlapping (two changes expanding onto one edit) are merged.
        groups: list[list[Any]] = []  # [start, end, [changes], first_edit, last_edit]
        for j, c in enumerate(todo):
            lo, hi = c.start, c.end
            e_first, e_last = -1, -2
            if firsts is not None:
                if firsts[j] > stops[j]:
                    e_first, e_last = stops[j], firsts[j] - 1
                    lo, hi = min(lo, cur_starts[e_first]), max(hi, cur_ends[e_last])
                i = len(edits)
            else:
                i = bisect.bisect_left(cur_ends, lo)  # first edit that may touch
            while i < len(edits) and cur_starts[i] <= hi:
                cs, ce = cur_starts[i], cur_ends[i]
                overlaps = cs < hi and lo < ce
                # An insertion touching an earlier insertion would share its
                # raw position, and their order would be ambiguous: merge them.
                # Every other boundary maps to one raw position (a change
                # starting where a deletion was starts after it), so edits
                # that merely touch stay apart, each with its own rule.
                touches = lo == hi and edits[i].start == edits[i].end and cs <= lo <= ce
                if overlaps or touches:
                    if e_first < 0:
                        e_first = i
                    e_last = i
                    lo, hi = min(lo, cs), max(hi, ce)
                i += 1
            if groups and (lo < groups[-1][1] or 0 <= e_first <= groups[-1][4]):
                g = groups[-1]
                g[1] = max(g[1], hi)
                g[2].append(c)
                if e_first >= 0:
                    g[3] = e_first if g[3] < 0 else min(g[3], e_first)
                    g[4] = max(g[4], e_last)
            else:
                groups.append([lo, hi, [c], e_first, e_last])

        # Build the new text, the new edit list and its offsets in one walk.
        # Edits between groups are copied by slices; their current positions
        # (and prefix sums) move by what the groups before them grew the text.
        new_edits: list[Edit] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        new_prefix: list[int] = []
        pieces: list[str] = []
        pos = 0  # position in current text consumed so far
        edit_i = 0
        shift = 0  # how much the groups so far grew the text
        for lo, hi, group_changes, e_first, e_last in groups:
            # Edits lying wholly before this group are kept as they are.
            stop = e_first if e_first >= 0 else bisect.bisect_right(cur_ends, lo)
            if stop > edit_i:
                new_edits.extend(edits[edit_i:stop])
                _extend_shifted(new_starts, cur_starts, edit_i, stop, shift)
                _extend_shifted(new_ends, cur_ends, edit_i, stop, shift)
                _extend_shifted(new_prefix, prefix, edit_i, stop, shift)
                edit_i = stop
            raw_start = lo - prefix[stop]
            absorbed: list[Edit] = []
            grown = 0
            if e_first >= 0:
                absorbed = edits[e_first:e_last + 1]
                grown = prefix[e_last + 1] - prefix[e_first]
                edit_i = e_last + 1
            raw_end = raw_start + (hi - lo) - grown
            # The replacement for [lo, hi): current text with the changes in.
            if len(group_changes) == 1 and not absorbed:  # one change over verbatim text: most groups
                only = group_changes[0]
                after, why = only.after, only.why
            else:
                parts: list[str] = []
                p = lo
                for c in group_changes:
                    parts.append(text[p:c.start])
                    parts.append(c.after)
                    p = c.end
                parts.append(text[p:hi])
                after = "".join(parts)
                why = "; ".join(dict.fromkeys(c.why for c in group_changes if c.why))
            pieces.append(text[pos:lo])
            pieces.append(after)
            pos = hi
            before = self.raw[raw_start:raw_end]
            if before != after:
                if any(map(_ABSORBS, absorbed)):
                    absorbs: list[str] = []
                    for e in absorbed:
                        for name in (*e.absorbs, f"{e.stage}.{e.rule}"):
                            if name not in absorbs:
                                absorbs.append(name)
                else:  # what most absorbed edits are: no chain of their own, their names in order, in C
                    absorbs = list(dict.fromkeys(map(".".join, map(_STAGE_RULE, absorbed))))
                new_edits.append(_new_edit(Edit, (stage, rule, raw_start, raw_end, before, after, tuple(absorbs),
                                                  why)))
                new_starts.append(lo + shift)
                new_ends.append(lo + shift + len(after))
                new_prefix.append(prefix[stop] + shift)
            shift += len(after) - (hi - lo)
        new_edits.extend(edits[edit_i:])
        _extend_shifted(new_starts, cur_starts, edit_i, len(edits), shift)
        _extend_shifted(new_ends, cur_ends, edit_i, len(edits), shift)
        _extend_shifted(new_prefix, prefix, edit_i, len(edits) + 1, shift)
        pieces.append(text[pos:])
        self.text = "".join(pieces)
        self.edits = new_edits
        self._offsets = (new_starts, new_ends, new_prefix)

    def _apply_apart(self, stage: str, rule: str, todo: list[Change], starts: list[int], ends: list[int],
                     afters: list[str], stops: list[int]) -> None:
        """:meth:`apply` when every change lies apart from the recorded edits: most steps' case.

        Each change is then an edit of its own over verbatim text, slotted in
        among the recorded ones (``stops[j]`` of them lie before change
        ``j``).  A step of a few changes among many edits shifts the kept
        offsets in place (each stretch between two changes once, in C); a
        larger one leaves them to be derived afresh by :meth:`offsets`,
        which then costs less than shifting them stretch by stretch.
        """
        text, raw, edits = self.text, self.raw, self.edits
        n, k = len(edits), len(todo)
        cur_starts, cur_ends, prefix = self.offsets() if n else ([], [], [0])
        # Raw spans: the change's start less what the edits before it grew the text.
        raw_starts = list(map(sub, starts, map(prefix.__getitem__, stops)))
        raw_ends = list(map(add, raw_starts, map(sub, ends, starts)))
        made = list(map(_new_edit, repeat(Edit, k), zip(
            repeat(stage), repeat(rule), raw_starts, raw_ends, map(raw.__getitem__, map(slice, raw_starts, raw_ends)),
            afters, repeat(()), map(_WHY_C, todo))))
        if not n:
            self.edits = made
            self._offsets = None
        elif k * _FEW <= n:
            # In place: each stretch of the kept offsets between two changes moves once, by what the
            # changes before it grew the text; then the new entries go in, last first (the stops of
            # the earlier ones stay valid).
            grown = list(accumulate(map(sub, map(len, afters), map(sub, ends, starts)), initial=0))
            before = list(map(prefix.__getitem__, stops))  # what the edits before each change grew
            bounds = [*stops, n + 1]
            lo = stops[0]
            for j in range(1, k + 1):
                hi, shift = bounds[j], grown[j]
                if shift and hi > lo:
                    for values in (cur_starts, cur_ends, prefix):
                        values[lo:hi] = map(add, values[lo:hi], repeat(shift, hi - lo))
                lo = hi
            for j in range(k - 1, -1, -1):
                stop, start = stops[j], starts[j] + grown[j]
                edits.insert(stop, made[j])
                cur_starts.insert(stop, start)
                cur_ends.insert(stop, start + len(afters[j]))
                prefix.insert(stop, before[j] + grown[j])
        else:
            self.edits = _merged(edits, made, stops)
            self._offsets = None
        # The new text: the verbatim stretches between the changes, with the replacements between them.
        pieces = [""] * (2 * k + 1)
        pieces[0::2] = map(text.__getitem__, map(slice, [0, *ends], [*starts, len(text)]))
        pieces[1::2] = afters
        self.text = "".join(pieces)

    def offsets(self) -> tuple[list[int], list[int], list[int]]:
        """``(starts, ends, prefix)``: each edit's span in the current text, and
        ``prefix[i]`` = how much the edits before edit ``i`` grew the text.

        :meth:`apply` keeps them up to date as it rebuilds the edit list;
        this computes them afresh (with ``map``, so that the loops run in C)
        only when they are missing.
        """
        if self._offsets is None:
            edits = self.edits
            raw_starts = list(map(_START, edits))
            lengths = list(map(len, map(_AFTER, edits)))
            growth = map(sub, lengths, map(sub, map(_END, edits), raw_starts))
            prefix = list(accumulate(growth, initial=0))
            starts = list(map(add, raw_starts, prefix))
            ends = list(map(add, starts, lengths))
            self._offsets = (starts, ends, prefix)
        return self._offsets


def _wanted(text: str, changes: Iterable[Change]) -> tuple[list[Change], list[int], list[int], list[str]]:
    """The changes that alter ``text``, sorted by start then end, with their starts, ends and replacements.

    Rules return their changes in order almost always; the order is checked
    and the no-op changes are found with maps over the whole list (in C),
    and a list is sorted or filtered only when it has to be.
    """
    todo = changes if isinstance(changes, list) else list(changes)
    if not todo:
        return todo, [], [], []
    starts = list(map(_START_C, todo))
    ends = list(map(_END_C, todo))
    afters = list(map(_AFTER_C, todo))
    alters = list(map(ne, map(text.__getitem__, map(slice, starts, ends)), afters))
    ordered = all(map(lt, starts, islice(starts, 1, None)))  # distinct starts in order: sorted by (start, end)
    if ordered and all(alters):
        return todo, starts, ends, afters
    todo = sorted(compress(todo, alters), key=_SPAN)
    return todo, list(map(_START_C, todo)), list(map(_END_C, todo)), list(map(_AFTER_C, todo))


def _check(stage: str, rule: str, todo: list[Change], starts: list[int], ends: list[int], length: int) -> None:
    """Raise unless ``todo`` (sorted by start, then end) are disjoint changes inside a text of ``length``.

    Compared pairwise in C; the loop that names the culprit runs only when something is wrong.
    """
    n = len(todo)
    ordered = all(map(le, islice(ends, n - 1), islice(starts, 1, None)))
    # Two insertions at one place touch without overlapping: looked for only when there are insertions.
    if not ordered or (any(map(eq, starts, ends)) and any(map(eq, islice(ends, n - 1), islice(starts, 1, None)))):
        for prev, cur in pairwise(todo):
            if cur.start < prev.end or (cur.start == prev.end == cur.end == prev.start):
                raise OverlappingChanges(f"{stage}.{rule}: {prev} overlaps {cur}")
    if starts[0] < 0 or max(ends) > length or not all(map(le, starts, ends)):
        for c in todo:
            if not 0 <= c.start <= c.end <= length:
                raise ValueError(f"{stage}.{rule}: change {c} outside text of length {length}")


def _apart(todo: list[Change], starts: list[int], ends: list[int], stops: list[int], cur_starts: list[int],
           cur_ends: list[int], edits: list[Edit]) -> bool:
    """No change overlaps a recorded edit, or is an insertion touching a recorded insertion
    (what would make :meth:`Document.apply` merge them into one edit).

    The edits are disjoint and in order, so the only one a change
    ``[lo, hi)`` can overlap is the first ending after ``lo`` (number
    ``stops[j]``); it overlaps when it starts before ``hi``, that is when
    more edits start before ``hi`` than end by ``lo``.  Counted with
    bisections in C for all changes; only insertions are looked at one by one.
    """
    if any(map(gt, map(bisect.bisect_left, repeat(cur_starts, len(todo)), ends), stops)):
        return False
    if not any(map(eq, starts, ends)):
        return True
    n = len(cur_ends)
    for lo, hi in zip(starts, ends):
        if lo != hi:
            continue
        i = bisect.bisect_left(cur_ends, lo)
        while i < n and cur_starts[i] <= hi:
            if cur_starts[i] <= lo <= cur_ends[i] and edits[i][2] == edits[i][3]:
                return False
            i += 1
    return True


def _merged(edits: list[Edit], made: list[Edit], stops: list[int]) -> list[Edit]:
    """``made`` slotted in among ``edits``: ``made[j]`` after the first ``stops[j]`` of them.

    The loop runs over the shorter list, copying stretches of the other by slices.
    """
    out: list[Edit] = []
    if len(made) <= len(edits):
        edit_i = 0
        for stop, edit in zip(stops, made):
            if stop > edit_i:
                out.extend(edits[edit_i:stop])
                edit_i = stop
            out.append(edit)
        out.extend(edits[edit_i:])
    else:
        # Edit i goes after the new edits whose stop is at most i.
        made_i = 0
        for edit, upto in zip(edits, map(bisect.bisect_right, repeat(stops), range(len(edits)))):
            if upto > made_i:
                out.extend(made[made_i:upto])
                made_i = upto
            out.append(edit)
        out.extend(made[made_i:])
    return out


def _extend_shifted(out: list[int], values: list[int], i: int, j: int, shift: int) -> None:
    """``out += [v + shift for v in values[i:j]]``, looping in C."""
    if shift:
        out.extend(map(add, values[i:j], repeat(shift, j - i)))
    else:
        out.extend(values[i:j])


_SPAN = itemgetter(0, 1)  # Change.start, Change.end
_START_C, _END_C, _AFTER_C, _WHY_C = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)  # of a Change
# A step whose changes the recorded edits outnumber this many times shifts the kept offsets in place.
_FEW = 16
# Whether apply() may split a step into the changes that overlap edits and the others (tests turn it off).
_SPLIT = True
_new_edit = tuple.__new__  # Edit from a tuple of its fields, without the Python frame of Edit(...)
_START = itemgetter(2)  # Edit.start
_END = itemgetter(3)  # Edit.end
_AFTER = itemgetter(5)  # Edit.after
_ABSORBS = itemgetter(6)  # Edit.absorbs
_STAGE_RULE = itemgetter(0, 1)  # Edit.stage, Edit.rule


def replay(raw: str, edits: Iterable[Edit | dict[str, Any]]) -> str:
    """Apply recorded edits to the raw text; the result is the clean text.

    This is the contract the whole audit trail stands on, and what the tests
    and ``zhextract validate`` check.
    """
    recs = [e if isinstance(e, Edit) else Edit.from_json(e) for e in edits]
    recs.sort(key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for e in recs:
        if e.start < pos:
            raise ValueError(f"edits overlap at raw offset {e.start}")
        if raw[e.start:e.end] != e.before:
            raise ValueError(f"edit {e.stage}.{e.rule} at {e.start}: raw text differs from 'before'")
        out.append(raw[pos:e.start])
        out.append(e.after)
        pos = e.end
    out.append(raw[pos:])
    return "".join(out)
