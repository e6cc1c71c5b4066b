"""End to end in Debian's Chromium: the demo corpus analysed, served, filtered, followed to the text.

Screenshots go to tests/artifacts/. Skipped when /usr/bin/chromium (or Playwright) is missing.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(db: str) -> Iterator[str]:
    """The web app over ``db`` on a free loopback port, in a thread."""
    import uvicorn

    from claimgraph.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="session")
def server(browser: Any, demo_db: tuple[str, dict[str, Any]]) -> Iterator[str]:
    with serving(demo_db[0]) as url:
        yield url


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


# a corpus with no titles and no outlets: what a reader sees is named by the text, never by an id
TITLELESS = {  # file stem → text; the stems look like the hashes scrapers name files by
    "3f9c2e71d0a4b5c6_ferry": (
        "Ferry crews on the Ostmar line stopped work on Friday morning, leaving commuters stranded at the "
        "Kallin and Sora terminals across the bay.\n\nAt least 40 sailings were cancelled, the Ostmar Ferry "
        "Company said. About 9,000 passengers were affected, union spokesman Piet Lorr said.\n\nThe company "
        "said it hoped to restore a partial timetable by the weekend.\n"),
    "8e21b7c4aa90f3d2_strike": (
        "Commuters waited for hours at Kallin harbour on Friday as a strike by ferry crews halted almost every "
        "crossing on the Ostmar line for the whole day.\n\nSome 40 sailings were cancelled. More than 20,000 "
        "passengers were affected, the Ostmar Ferry Company said.\n\nBuses were laid on between the two "
        "terminals, but the road around the bay takes three hours.\n"),
    "c0ffee00d15ea5e1_talks": (
        "Talks between the Ostmar Ferry Company and the crews' union will resume on Monday after a strike that "
        "stopped most crossings across the bay on Friday.\n\nThe company said 42 sailings were cancelled. "
        "Union leader Marta Veen said about 9,000 passengers were affected.\n"),
}
# what a page may show of an id: nothing but the id line of a document's metadata
SHOWN_TEXT = """() => {
  const root = document.body.cloneNode(true);
  root.querySelectorAll("code.doc-id").forEach(el => el.remove());
  const attrs = [...root.querySelectorAll("[title],[aria-label],[alt]")]
    .map(el => [el.getAttribute("title"), el.getAttribute("aria-label"), el.getAttribute("alt")].join(" "));
  return root.textContent + " " + attrs.join(" ") + " " + document.title;
}"""


def _no_ids(text: str, where: str) -> None:
    for stem in TITLELESS:
        for part in (stem, stem.split("_")[0]):
            assert part not in text, f"{part} shown on {where}"


def test_a_titleless_corpus_is_named_by_its_text_never_by_ids(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "titleless"
    folder.mkdir()
    for stem, text in TITLELESS.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    manifest = {"c0ffee00d15ea5e1_talks": {"url": "https://www.baywatch-post.example/ferries/talks"}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    db = str(tmp_path / "titleless.db")
    with Store(db) as store:
        result = api.analyze([str(folder)], store, config=api.RunConfig(manifest=str(folder / "manifest.json")))
    assert result.ok and result.export, [str(e) for e in result.errors]
    export = result.export
    assert all(d["title"] is None for d in export["documents"])
    assert any(f["verdict"] == "conflict" for f in export["figures"])  # passengers: 9,000 vs more than 20,000
    for f in export["figures"]:
        _no_ids(" ".join(f["origins"]) + f["label"], f"figure {f['id']}")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    with serving(db) as url:
        pg.goto(f"{url}/")
        home = pg.evaluate(SHOWN_TEXT)
        _no_ids(home, "the home page")
        assert "Ferry crews on the Ostmar line stopped work on Friday morning" in home
        sentence = pg.locator("#summary-sentence").inner_text()
        assert sentence.startswith("3 figures from 3 outlets; 1 conflict: passengers affected, about 9,000 (")
        assert "more than 20,000 (the Ostmar Ferry Company)" in sentence
        pg.screenshot(path=str(ARTIFACTS / "10-titleless-home.png"), full_page=True)
        pages = ["/documents", "/figures", "/search?q=sailings"]
        pages += [f"/figures/{f['id']}" for f in export["figures"]]
        pages += [f"/documents/{d['id']}" for d in export["documents"]]
        for path in pages:
            pg.goto(url + path)
            _no_ids(pg.evaluate(SHOWN_TEXT), path)
        pg.goto(f"{url}/documents")
        listing = pg.locator("table tbody tr").all_inner_texts()
        assert len(listing) == 3 and any("baywatch-post.example" in row for row in listing)
        conflict = next(f for f in export["figures"] if f["verdict"] == "conflict")
        pg.goto(f"{url}/figures/{conflict['id']}")
        pg.screenshot(path=str(ARTIFACTS / "11-titleless-figure.png"), full_page=True)
    assert not problems, problems

    from claimgraph.report import write_report

    out = tmp_path / "report.html"
    write_report(export, str(out))
    pg.goto(out.as_uri())
    report = pg.evaluate(SHOWN_TEXT)
    _no_ids(report, "the report")
    assert "3 documents from 3 outlets (2 not named)" in report
    assert "unattributed (“Commuters waited for hours at Kallin harbour…”)" in report
    context.close()


def test_an_added_article_is_queued_and_its_job_page_follows_it(
        browser: Any, demo_db: tuple[str, dict[str, Any]], page: Any, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(demo_db[0], db)  # the session's store stays as the other tests expect it
    with serving(str(db)) as url:
        page.goto(f"{url}/add")
        page.fill("textarea[name=text]", "Engineers said 17 pumps were moved to the flooded district on Sunday.")
        page.fill("input[name=doc_id]", "pumps-1")
        page.get_by_role("button", name="Add and analyse").click()
        page.wait_for_url("**/jobs/*")
        page.wait_for_selector("#job-state[data-state=done]", timeout=60_000)  # the page reloads itself until then
        page.screenshot(path=str(ARTIFACTS / "8-job-done.png"), full_page=True)
        page.get_by_role("link", name="pumps-1").click()
        page.wait_for_url("**/documents/pumps-1")
        assert "17 pumps" in page.locator("body").inner_text()
    assert not page.problems, page.problems
