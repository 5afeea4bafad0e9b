"""Whole pages in the layouts of other sites: every content line stays, the noise goes.

The fixtures (``tests/data/strip_pages/``, see its README) are pages written
for this project, each line labelled.  Every page must keep all its content
and get its title right; the share of noise removed and of metadata fields
found are measured over all pages, at the figures the stage reaches (raise
them when it does better).
"""

from __future__ import annotations

import pytest

from helpers import process
from pages import Page, all_pages, score

PAGES = all_pages()
NOISE_REMOVED = 0.95  # share of noise lines removed, over all pages
META_RIGHT = 0.85  # share of the stated published / source / author fields found
HEADER_IN_BODY = 2  # title and metadata lines left in the body, over all pages


def _article(page: Page) -> dict:  # type: ignore[type-arg]
    return process(page.raw, page.name)


def test_the_fixtures_cover_many_layouts() -> None:
    assert len(PAGES) >= 15
    assert len({p.header["layout"] for p in PAGES}) == len(PAGES)
    labels = [label for p in PAGES for label, _, _ in p.lines]
    assert labels.count("C") >= 100 and labels.count("N") >= 100
    assert sum(1 for p in PAGES if p.header["title"] == "-") >= 1


@pytest.mark.parametrize("page", PAGES, ids=[p.name[:2] for p in PAGES])
def test_page_keeps_its_content_and_finds_its_title(page: Page) -> None:
    article = _article(page)
    sc = score(page, article)
    assert sc.content_lost == [], f"{page.name}: content lost"
    assert sc.title_right is not False, f"{page.name}: title {article['title']!r}, want {page.header['title']!r}"


def test_noise_and_metadata_over_all_pages() -> None:
    noise = noise_kept = header = meta = meta_wrong = 0
    report = []
    for page in PAGES:
        sc = score(page, _article(page))
        noise += sc.noise
        noise_kept += len(sc.noise_kept)
        header += len(sc.header_in_body)
        meta += sc.meta
        meta_wrong += len(sc.meta_wrong)
        report += [f"{page.name}: kept {x}" for x in sc.noise_kept]
        report += [f"{page.name}: in body {x}" for x in sc.header_in_body]
        report += [f"{page.name}: {x}" for x in sc.meta_wrong]
    detail = "\n".join(report)
    assert (noise - noise_kept) / noise >= NOISE_REMOVED, detail
    assert (meta - meta_wrong) / meta >= META_RIGHT, detail
    assert header <= HEADER_IN_BODY, detail


@pytest.mark.parametrize("page", PAGES, ids=[p.name[:2] for p in PAGES])
def test_page_is_idempotent(page: Page) -> None:
    first = _article(page)
    second = process((first["title"] + "\n" if first["title"] else "") + first["text"], page.name)
    assert (second["title"], second["text"]) == (first["title"], first["text"])
