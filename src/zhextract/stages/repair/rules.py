"""The repair steps: ``score`` plans, one step per kind applies, ``counterpart`` settles.

The title, which the strip stage lifted out of the body, is repaired the
same way as the body (by ``score``, and again by ``counterpart``).
"""

from __future__ import annotations

from zhextract.document import Change, Document
from zhextract.stages.repair.candidates import _candidates
from zhextract.stages.repair.hits import HOME, SPUN_HOME
from zhextract.stages.repair.lexicon import _lexicon
from zhextract.stages.repair.plan import _choose, _emit, _plan, repair_string
from zhextract.stages.repair.scan import _Scan
from zhextract.step import Context


def score(doc: Document, ctx: Context) -> list[Change]:
    """Measure the signs of spinning and plan every repair; changes nothing itself."""
    doc.notes.pop("repair.plan", None)
    _plan(doc, ctx)
    if doc.title:
        spun, abroad = doc.notes["repair.gates"]
        doc.title, fixed = repair_string(doc.title, ctx, spun, abroad)
        for h in fixed:
            doc.stats["repair.title.repaired"] += 1
            doc.stats[f"repair.{'word' if h.kind == 'synonym' else 'entity'}.{h.entity}"] += 1
    return []


def alias(doc: Document, ctx: Context) -> list[Change]:
    """Listed names: official English names, known garbles, risky garbles, counterpart names."""
    return _emit(doc, ctx, "alias")


def pattern(doc: Document, ctx: Context) -> list[Change]:
    """Garbles no list holds, caught by the families of spin_patterns.tsv."""
    return _emit(doc, ctx, "pattern")


def calque(doc: Document, ctx: Context) -> list[Change]:
    """Compounds translated back word by word (快手商, 豆快): spun documents only."""
    return _emit(doc, ctx, "calque")


def sound_alike(doc: Document, ctx: Context) -> list[Change]:
    """People's names spelled by sound (苏华 for 宿华), next to a title or a speech verb: spun only."""
    return _emit(doc, ctx, "sound_alike")


def synonym(doc: Document, ctx: Context) -> list[Change]:
    """Words a spinning tool swapped (克日 for 近日): spun documents only."""
    return _emit(doc, ctx, "synonym")


def counterpart(doc: Document, ctx: Context) -> list[Change]:
    """Counterpart names decided again once the strip stage is done.

    Whether ``TikTok`` means 抖音 depends on the whole document speaking of
    business abroad (``abroad_context.txt``).  The strip stage takes some
    lines out after this stage (the ones it judges by their vocabulary, which
    must be the repaired one); when one of them was the only mention of
    business abroad, the counterpart names held back are replaced now, as a
    run on the final text would replace them.  Every other decision only
    weakens when lines go (the spun score falls), and its repairs are made.
    """
    spun, abroad = doc.notes.get("repair.gates", (False, False))
    user = ctx.options.gazetteers
    lex = _lexicon(user)
    if not abroad or not lex.abroad or lex.abroad.search(doc.text) or (doc.title and lex.abroad.search(doc.title)):
        return []
    scan = _Scan(doc.text, lex)
    chosen = [h for h in _choose(_candidates(scan), scan, user, spun, False) if h.gate in (HOME, SPUN_HOME)]
    doc.notes["repair.gates"] = (spun, False)
    for h in chosen:
        doc.stats[f"repair.entity.{h.entity}"] += 1
    if doc.title:  # lifted out of the body by then: settled as a title line of the final text would be
        doc.title, fixed = repair_string(doc.title, ctx, spun, False)
        doc.stats["repair.title.repaired"] += len(fixed)
    return [Change(h.start, h.end, h.after) for h in chosen]
