"""The spun score and the plan: which candidates are signs, which repairs are made.

``score`` finds every candidate repair once, counts the signs of spinning
among them (one per place, the strongest), and stores the plan in
``doc.notes``; each later step applies the planned repairs of its kind,
shifted by the repairs the steps before it made (and plans again, keeping
the score, if the text changed under the plan).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from zhextract.document import Change, Document
from zhextract.patterns import compile_pattern
from zhextract.stages import spun_score
from zhextract.stages.repair.candidates import _acceptable, _candidates, _synonym_hits
from zhextract.stages.repair.edges import _absorb_edges
from zhextract.stages.repair.hits import HOME, KINDS, SPUN_HOME, SPUN_THRESHOLD, Hit, _gate_open
from zhextract.stages.repair.lexicon import _lexicon
from zhextract.stages.repair.scan import _Scan
from zhextract.stages.repair.sound_alikes import _sound_alike_hits
from zhextract.stages.spun_score import Sign
from zhextract.step import Context

# Spaces MT leaves after sentence punctuation inside Chinese text ("。 没想到",
# "没想到. 对此").  Written space-first: spaces are rarer than punctuation.
_MT_SPACING = compile_pattern(r"[ \t]+(?<=(?:[。！？；，：”]|\p{Han}[.!?;,:])[ \t]+)(?=[\p{Han}“])")


@dataclass
class _Plan:
    score: int
    hits: list[Hit]
    applied: list[tuple[int, int, int]]  # (plan start, plan end, length of the replacement)


def signs_of(hits: list[Hit]) -> list[Sign]:
    """The signs of spinning among candidate repairs, one per place (see :mod:`.spun_score`)."""
    return [Sign(h.sign or "", h.key) for h in _one_sign_per_place(hits)]


def mt_spaces(raw: str) -> int:
    """Spaces MT left after Chinese sentence punctuation in the raw text."""
    return len(_MT_SPACING.findall(raw))


_SIGN_ORDER = {"garble": 0, "risky": 1, "synonym": 2}


def _one_sign_per_place(hits: list[Hit]) -> list[Hit]:
    """The hits that are signs, one per place: where candidates overlap (a pattern and a generated
    garble both read "Shake Voice") only the strongest sign counts."""
    signs = sorted((h for h in hits if h.sign), key=lambda h: (_SIGN_ORDER[h.sign or ""], h.start, -h.end))
    if any(h.start >= h.end for h in signs):  # an empty span: the plain test, pair by pair
        taken: list[tuple[int, int]] = []
        out = []
        for h in signs:
            if not any(a < h.end and h.start < b for a, b in taken):
                taken.append((h.start, h.end))
                out.append(h)
        return out
    # The places taken are disjoint, so sorted by start they are sorted by end too: the one starting
    # last before a hit's end is the only one that can overlap it.  (A spun article has hundreds of signs.)
    starts: list[int] = []
    ends: list[int] = []
    out = []
    for h in signs:
        k = bisect_left(starts, h.end)
        if k and ends[k - 1] > h.start:
            continue
        starts.insert(k, h.start)
        ends.insert(k, h.end)
        out.append(h)
    return out


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits: the longest at each place, the earlier kind on a tie."""
    order = {k: i for i, k in enumerate(KINDS)}
    chosen: list[Hit] = []
    end = -1
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), order[h.kind])):
        if h.start >= end:
            chosen.append(h)
            end = h.end
    return chosen


def _make_plan(doc: Document, ctx: Context, known_score: int | None = None) -> _Plan:
    user = ctx.options.gazetteers
    lex = _lexicon(user)
    scan = _Scan(doc.text, lex)
    hits = _candidates(scan)
    signs, spaces = signs_of(hits), mt_spaces(doc.raw)  # found once: the points and the evidence share them
    points = spun_score.points(signs, len(doc.text), spaces)
    score = sum(points.values()) if known_score is None else known_score
    spun = score >= SPUN_THRESHOLD
    # Whether the text speaks of a business abroad matters only to counterpart names.
    needs_abroad = any(h.gate in (HOME, SPUN_HOME) for h in hits)
    abroad = bool(needs_abroad and lex.abroad and lex.abroad.search(doc.text))
    doc.meta["spun_score"] = score
    doc.notes["spun_score"] = score
    doc.notes["spun_signs"] = dict(points)
    if known_score is None:  # what the score was computed from (benchmarks/spin_calibration.py reweighs it)
        doc.notes["spun_evidence"] = (signs, len(doc.text), spaces)
    doc.notes["repair.gates"] = (spun, abroad)
    for kind, n in points.items():
        doc.stats[f"repair.sign.{kind}"] = n
    return _Plan(score, _choose(hits, scan, user, spun, abroad), [])


def _choose(hits: list[Hit], scan: _Scan, user: tuple[str, ...], spun: bool, abroad: bool) -> list[Hit]:
    """The repairs to make: gates open, sound-alikes in spun text, no overlaps."""
    if spun:
        more = [*_sound_alike_hits(scan, user, hits),
                *(h for h in _synonym_hits(scan, signs_only=False) if not h.sign)]
        hits = [*hits, *(h for h in more if _acceptable(h, scan))]
    open_hits = [h for h in hits if _gate_open(h.gate, spun, abroad)]
    chosen = _resolve(open_hits)
    out: list[Hit] = []
    for i, h in enumerate(chosen):
        floor = out[-1].end if out else 0
        ceiling = chosen[i + 1].start if i + 1 < len(chosen) else len(scan.text)
        out.append(_absorb_edges(h, scan.text, floor, ceiling))
    return out


def repair_string(text: str, ctx: Context, spun: bool, abroad: bool) -> tuple[str, list[Hit]]:
    """``text`` repaired as a document's body would be (used for the title, which is not in the body)."""
    user = ctx.options.gazetteers
    scan = _Scan(text, _lexicon(user))
    chosen = _choose(_candidates(scan), scan, user, spun, abroad)
    out = []
    pos = 0
    for h in chosen:
        out.append(text[pos:h.start])
        out.append(h.after)
        pos = h.end
    out.append(text[pos:])
    return "".join(out), chosen


def _plan(doc: Document, ctx: Context) -> _Plan:
    plan = doc.notes.get("repair.plan")
    if not isinstance(plan, _Plan):
        plan = _make_plan(doc, ctx)
        doc.notes["repair.plan"] = plan
    return plan


def _emit(doc: Document, ctx: Context, kind: str) -> list[Change]:
    """The planned repairs of one kind, in current-text coordinates."""
    plan = _plan(doc, ctx)
    changes = _shifted(doc, plan, kind)
    if changes is None:
        # The text changed under the plan (a step ran in between): plan again
        # on the current text, keeping the score the whole document earned.
        plan = _make_plan(doc, ctx, known_score=plan.score)
        doc.notes["repair.plan"] = plan
        changes = _shifted(doc, plan, kind) or []
    for h, _ in changes:
        plan.applied.append((h.start, h.end, len(h.after)))
        doc.stats[f"repair.{'word' if kind == 'synonym' else 'entity'}.{h.entity}"] += 1
    return [c for _, c in changes]


def _shifted(doc: Document, plan: _Plan, kind: str) -> list[tuple[Hit, Change]] | None:
    """Changes for the plan's hits of ``kind``, moved by the repairs already made; None if stale."""
    out = []
    for h in plan.hits:
        if h.kind != kind:
            continue
        shift = sum(n - (b - a) for a, b, n in plan.applied if b <= h.start)
        s, e = h.start + shift, h.end + shift
        if doc.text[s:e] != h.before:
            return None
        out.append((h, Change(s, e, h.after)))
    return out
