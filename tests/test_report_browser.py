"""The report in a real browser: Debian's chromium, driven headless by playwright.

``.ci/run`` installs chromium and a CJK font with apt-get; playwright's own
browsers are never downloaded.  Without chromium (no apt-get on the
machine) these tests are skipped, saying why.  Screenshots are written to
``$ZHEXTRACT_SCREENSHOTS`` when it is set, for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from helpers import CORPUS
from zhextract.decode import decode_bytes
from zhextract.report.dataset import iter_articles
from zhextract.report.render import write_report

CHROMIUM = Path("/usr/bin/chromium")

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: "
                                                                   "pip install -e '.[test]'")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no {CHROMIUM}: .ci/run installs Debian's chromium "
                                                               "with apt-get, which this machine could not do")


def distinct_pixels(png: bytes) -> int:
    """How many different RGB(A) pixel values a PNG has (decoded with zlib: no imaging library needed)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    seen: set[bytes] = set()
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        ftype, cur = line[0], bytearray(line[1:])
        for i in range(stride):  # undo the PNG row filter
            a = cur[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                cur[i] = (cur[i] + a) & 255
            elif ftype == 2:
                cur[i] = (cur[i] + b) & 255
            elif ftype == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        seen.update(bytes(cur[i:i + channels]) for i in range(0, stride, channels * 4))
        prev = cur
    return len(seen)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A page that records every console error and uncaught exception."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # nothing may come from the network: any request other than a file of the report fails the test
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    ctx.close()


def _shot(pg, name: str, tmp_path: Path, **kw) -> bytes:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.png"
    png = pg.screenshot(path=str(path), **kw)
    keep = os.environ.get("ZHEXTRACT_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return png


def _rows(pg) -> list[str]:  # type: ignore[no-untyped-def]
    return pg.eval_on_selector_all("#article-table tbody tr", "rows => rows.map(r => r.dataset.id)")


@pytest.mark.parametrize("layout", ["single", "split"])
def test_report_in_a_browser(seeds_dataset: Path, tmp_path: Path, page, layout: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    write_report(seeds_dataset, out, layout=layout)
    page.goto(out.as_uri())
    page.wait_for_selector("#chart-timeline .main-svg")

    # charts render: every chart has its SVG and is not a blank picture
    for name in ("encodings", "spun", "stages", "rules_removed", "rules_fired", "timeline"):
        chart = page.locator(f"#chart-{name}")
        assert chart.locator(".main-svg").count() >= 1, name
        png = _shot(chart, f"{layout}-chart-{name}", tmp_path)
        assert distinct_pixels(png) > 10, f"chart {name} looks blank"
    assert page.locator("#chart-timeline .scatterlayer .point").count() > 10
    _shot(page, f"{layout}-summary", tmp_path, full_page=True)

    # the table: every article, sortable, searchable
    articles = {a["id"]: a for a in iter_articles(seeds_dataset)}
    assert _rows(page) == sorted(articles)
    page.click("#article-table th[data-key=lost]")
    lost = {i: 1 - len(a["text"]) / len(decode_bytes((CORPUS / a["source_file"]).read_bytes())[0])
            for i, a in articles.items()}
    assert _rows(page) == sorted(articles, key=lambda i: -lost[i])
    page.fill("#search", "双11")
    assert _rows(page) == [i for i, a in articles.items() if "双11" in (a["title"] or "")]
    assert "filtered from 4" in page.inner_text("#count")
    page.fill("#search", "no such article anywhere")
    assert _rows(page) == [] and "no article matches" in page.inner_text("#count")
    page.fill("#search", "")
    assert len(_rows(page)) == 4

    # clicking an article shows the original and the clean text side by side, edits highlighted
    target = "002_ae42aa2a97ec57b8"  # Traditional, spam lines, link farm: every stage has edits
    page.click(f"#article-table tbody tr[data-id='{target}']")
    page.wait_for_selector("#viewer:not([hidden]) #v-clean .ed")
    a = articles[target]
    raw = decode_bytes((CORPUS / a["source_file"]).read_bytes())[0]
    assert page.inner_text("#v-title") == a["title"]
    assert page.eval_on_selector("#v-original", "e => e.textContent") == raw
    assert page.eval_on_selector("#v-clean", "e => e.textContent") == a["text"]
    assert page.locator("#v-original .ed").count() == len(a["edits"])
    for stage in ("normalize", "strip"):
        n = sum(e["stage"] == stage for e in a["edits"])
        assert page.locator(f"#v-original .ed.st-{stage}").count() == n
    strip_titles = page.eval_on_selector_all("#v-original .ed.st-strip", "es => es.map(e => e.title)")
    whys = [e for e in a["edits"] if e["stage"] == "strip" and e.get("why")]
    assert any(f"strip.{whys[0]['rule']}" in t and whys[0]["why"] in t for t in strip_titles)
    assert page.locator("#v-clean .ev").count() >= len(a["events"]) > 0
    assert page.locator("#v-clean .nu").count() >= len(a["numbers"]) > 0
    colour = page.eval_on_selector("#v-original .ed.st-strip", "e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    png = _shot(page, f"{layout}-article", tmp_path)
    assert distinct_pixels(png) > 50
    assert page.evaluate("location.hash") == f"#a={target}"
    page.keyboard.press("Escape")
    assert page.locator("#viewer").is_hidden()

    # a timeline point lists its articles, and a link opens one
    point = page.locator("#chart-timeline .scatterlayer .point").first
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#event-panel:not([hidden]) a")
    page.click("#event-panel a >> nth=0")
    page.wait_for_selector("#viewer:not([hidden]) #v-clean .ev")

    assert page.errors == []
    assert all(u.startswith("file://") for u in page.requests), page.requests
    if layout == "split":
        assert any("report_files/chunk-00000.js" in u for u in page.requests)
