"""End to end in Debian's Chromium: the demo corpus analysed, served, filtered, followed to the text.

Screenshots go to tests/artifacts/. Skipped when /usr/bin/chromium (or Playwright) is missing.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph import api
from claimgraph.store.sqlite import Store

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"
ARTIFACTS = Path(__file__).parent / "artifacts"
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """The demo corpus analysed once: (db path, this run's export)."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with Store(db) as store:
        result = api.analyze([str(DEMO)], store, config=api.RunConfig(manifest=str(DEMO / "manifest.json")))
    assert result.ok and result.export, [str(e) for e in result.errors]
    return db, result.export


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def server(browser: Any, demo_db: tuple[str, dict[str, Any]]) -> Iterator[str]:
    import uvicorn

    from claimgraph.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(demo_db[0]), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors: CSP violations, failed loads
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    yield pg
    context.close()


def test_conflict_to_claim_in_its_document(server: str, page: Any) -> None:
    page.goto(f"{server}/")
    page.screenshot(path=str(ARTIFACTS / "1-stories.png"), full_page=True)
    page.get_by_role("link", name="Figures", exact=True).click()
    page.wait_for_url("**/figures")
    page.screenshot(path=str(ARTIFACTS / "2-figures.png"), full_page=True)

    page.select_option("select[name=verdict]", "conflict")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/figures?verdict=conflict**")
    badges = page.locator("table.figures tbody .badge")
    assert badges.count() >= 1, "the demo corpus has a conflicting figure (people displaced)"
    assert set(badges.all_inner_texts()) == {"conflict"}
    page.screenshot(path=str(ARTIFACTS / "3-conflicts.png"), full_page=True)

    page.locator("table.figures tbody a").first.click()
    page.wait_for_url("**/figures/*")
    assert page.locator("svg.chart.interval").count() == 1
    assert page.locator("svg.chart.interval a.mark").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "4-figure.png"), full_page=True)

    link = page.locator(".claim-text a").first
    href = link.get_attribute("href")
    assert href and "#claim-" in href
    claim_id = href.split("#claim-", 1)[1]
    fig_id = page.url.rsplit("/", 1)[1]
    claims = {c["id"]: c for c in json.loads(page.request.get(f"{server}/api/figures/{fig_id}").text())["claims"]}
    link.click()
    page.wait_for_url("**/documents/**")
    mark = page.locator(f'[id="claim-{claim_id}"]')
    assert mark.evaluate("el => el.tagName") == "MARK"
    assert mark.text_content() == claims[claim_id]["text"]
    assert mark.is_visible() and mark.evaluate("el => el.matches(':target')")
    page.screenshot(path=str(ARTIFACTS / "5-document.png"))
    assert not page.problems, page.problems


def test_search_and_add_pages(server: str, page: Any) -> None:
    page.goto(f"{server}/")
    page.fill("input[name=q]", "displaced")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=displaced")
    assert page.locator("ol.hits li").count() >= 1 and page.locator("mark.hit").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "6-search.png"), full_page=True)
    page.goto(f"{server}/add")
    page.get_by_role("button", name="Add and analyse").click()
    assert "Nothing to add" in page.locator(".outcome").inner_text()
    page.screenshot(path=str(ARTIFACTS / "7-add-error.png"), full_page=True)
    assert not [p for p in page.problems if "400" not in p], page.problems


def test_report_is_offline(browser: Any, demo_db: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    from claimgraph.report import write_report

    out = tmp_path / "report.html"
    write_report(demo_db[1], str(out))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(out.as_uri())
    assert all(u.startswith("file:") for u in requests), requests
    assert pg.locator("svg.chart.interval").count() == len(demo_db[1]["figures"])
    first = pg.locator("article.figure-card").first
    first.locator(".claim-text a").first.click()
    assert pg.evaluate("location.hash").startswith("#claim-")
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "8-report-claim.png"))
    pg.goto(out.as_uri())
    pg.screenshot(path=str(ARTIFACTS / "9-report-top.png"))
    context.close()
