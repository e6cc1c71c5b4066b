"""The web app and JSON API with FastAPI's TestClient, over the hand-built store (no NLP unless marked slow)."""
from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's notice about httpx
    from fastapi.testclient import TestClient

from claimgraph import api
from claimgraph.web import create_app
from conftest import build_store

CSP = "content-security-policy"
LOCAL = "http://127.0.0.1:8000"  # a served name: other Host headers are refused without a token


@pytest.fixture(scope="module")
def client(synthetic_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(synthetic_db), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def fresh_db(tmp_path: Path) -> str:
    return build_store(tmp_path / "fresh.db")


def finished(client: TestClient, job: str, timeout: float = 20.0) -> dict[str, Any]:
    """The job at ``job`` (an id, or the URL of its page) once the app's worker has run it."""
    job_id = job.rstrip("/").rsplit("/", 1)[-1]
    deadline = time.monotonic() + timeout
    while True:
        state = client.get(f"/api/jobs/{job_id}").json()
        if state["state"] in ("done", "failed") or time.monotonic() > deadline:
            return state  # type: ignore[no-any-return]
        time.sleep(0.02)


@pytest.fixture
def no_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip extraction and reconciliation: these tests are about the web layer."""
    monkeypatch.setattr(api, "extract", lambda store, **kw: 0)
    monkeypatch.setattr(api, "reconcile", lambda store: None)


def test_every_page_renders(client: TestClient, synthetic_export: dict[str, Any]) -> None:
    pages = ["/", "/figures", "/documents", "/search?q=displaced", "/search", "/add", "/static/report.css",
             "/static/web.css", "/openapi.json"]
    pages += [f"/figures/{f['id']}" for f in synthetic_export["figures"]]
    pages += [f"/documents/{d['id']}" for d in synthetic_export["documents"]]
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers[CSP].startswith("default-src 'self'"), path
        if r.headers["content-type"].startswith("text/html"):
            assert "<script" not in r.text.lower(), path
            assert 'style="' not in r.text and "<style" not in r.text, path  # CSP forbids inline styles


def test_figure_page_links_claims_to_their_documents(client: TestClient) -> None:
    html = client.get("/figures/displaced").text
    assert '<svg class="chart interval"' in html and '<svg class="chart time"' in html
    assert 'href="/documents/vbc-61#claim-vbc-61:c1"' in html
    doc = client.get("/documents/vbc-61").text
    assert 'id="claim-vbc-61:c1"' in doc and 'href="/figures/displaced"' in doc


def test_hostile_text_is_escaped(client: TestClient) -> None:
    for path in ("/documents/blaze-1", "/figures/displaced", "/", "/search?q=pwned", "/documents"):
        html = client.get(path).text
        assert "<script" not in html and "<img" not in html, path
    html = client.get("/documents/blaze-1").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in client.get("/documents/wire-1").text  # the bad URL stays text
    assert '<mark class="hit">pwned</mark>' in client.get("/search?q=pwned").text


def test_filters(client: TestClient) -> None:
    assert {f["id"] for f in client.get("/api/figures?verdict=conflict").json()["items"]} == {"displaced", "repair"}
    assert [f["id"] for f in client.get("/api/figures?entity=Velasquez").json()["items"]] == ["dead"]
    assert [f["id"] for f in client.get("/api/figures?measure=aid").json()["items"]] == ["aid"]
    assert client.get("/api/figures?verdict=bogus").status_code == 400
    html = client.get("/figures?verdict=conflict").text
    assert 'href="/figures/displaced"' in html and 'href="/figures/damage"' not in html
    assert "people dead" in client.get("/figures?entity=velasquez").text
    claims = client.get("/api/claims?entity=Velasquez").json()
    assert claims["total"] == 2 and {c["doc"] for c in claims["items"]} == {"ledger-42", "vbc-61"}
    assert client.get("/api/claims?measure=displaced").json()["total"] == 3


def test_pagination(client: TestClient) -> None:
    first = client.get("/api/figures?limit=3").json()
    second = client.get("/api/figures?limit=3&offset=3").json()
    rest = client.get("/api/figures?limit=3&offset=6").json()
    assert first["total"] == second["total"] == rest["total"] == 7
    ids = [f["id"] for p in (first, second, rest) for f in p["items"]]
    assert len(ids) == len(set(ids)) == 7 and ids[0] == "displaced"
    docs = client.get("/api/documents?limit=4&offset=4").json()
    assert docs["total"] == 6 and len(docs["items"]) == 2 and docs["offset"] == 4
    claims = client.get("/api/claims?limit=5&offset=10").json()
    assert claims["total"] == 14 and len(claims["items"]) == 4
    html = client.get("/figures?limit=2&offset=2").text
    assert "3–4 of 7" in html and "offset=4" in html and "offset=0" in html
    assert "1–1 of 3" in client.get("/search?q=displaced&limit=1").text
    for bad in ("/api/figures?limit=0", "/api/documents?offset=-1", "/figures?limit=9999"):
        r = client.get(bad)
        assert r.status_code == 400 and r.headers[CSP], bad


def test_json_documents_and_figures(client: TestClient) -> None:
    doc = client.get("/api/documents/wire-1").json()
    text = doc["document"]["text"]
    assert all(text[c["start"]:c["end"]] == c["text"] for c in doc["claims"])
    assert doc["quotes"][0]["speaker"] == "Tomas Brenner" and doc["dates"][0]["value"] == "2025-10-13"
    fig = client.get("/api/figures/aid").json()
    assert fig["figure"]["verdict"] == "agree" and fig["figure"]["low"] == 300000000
    assert {c["via"][0] for c in fig["claims"]} == {"MPA"}
    schema = client.get("/openapi.json").json()
    assert {"/api/figures", "/api/figures/{fig_id}", "/api/claims", "/api/documents",
            "/api/documents/{doc_id}"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/documents"]


def test_not_found(client: TestClient) -> None:
    for path in ("/figures/nope", "/documents/nope", "/nowhere"):
        r = client.get(path)
        assert r.status_code == 404 and "Not found" in r.text and r.headers[CSP], path
    for path in ("/api/figures/nope", "/api/documents/nope"):
        r = client.get(path)
        assert r.status_code == 404 and "nope" in r.json()["detail"], path


def test_refuses_to_listen_beyond_loopback_without_a_token(synthetic_db: str) -> None:
    with pytest.raises(ValueError, match="without a token"):
        create_app(synthetic_db, host="0.0.0.0")
    for host in ("127.0.0.1", "localhost", "::1"):
        create_app(synthetic_db, host=host)


def test_writes_need_the_token_beyond_loopback(fresh_db: str, no_nlp: None) -> None:
    client = TestClient(create_app(fresh_db, host="0.0.0.0", token="s3cret"), base_url=LOCAL)
    body = {"text": "Officials said 12 bridges were closed.", "id": "tok-1"}
    r = client.post("/api/documents", json=body)
    assert r.status_code == 401 and r.headers[CSP] and "token" in r.json()["detail"]
    assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    r = client.post("/add", data={"text": "Officials said 12 bridges were closed."})
    assert r.status_code == 401 and "Token needed" in r.text
    assert 'name="token"' in client.get("/add").text
    r = client.post("/api/documents", json=body, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 202 and r.headers["location"] == f"/api/jobs/{r.json()['id']}"
    assert finished(client, r.json()["id"])["documents"] == ["tok-1"]
    r = client.post("/add", data={"text": "Another 3 roads were shut.", "doc_id": "tok-2", "token": "s3cret"})
    assert r.status_code == 200 and "/jobs/" in str(r.url)
    assert finished(client, str(r.url))["state"] == "done" and 'href="/documents/tok-2"' in client.get(r.url).text


def test_upload_limit(fresh_db: str, no_nlp: None) -> None:
    client = TestClient(create_app(fresh_db, max_upload=1000), base_url=LOCAL)
    r = client.post("/add", files={"files": ("big.txt", b"x" * 5000, "text/plain")})
    assert r.status_code == 413 and "too large" in r.text and r.headers[CSP]
    r = client.post("/api/documents", json={"text": "y" * 5000})
    assert r.status_code == 413 and "limit is" in r.json()["detail"]
    chunks = (b'{"text": "' + b"z" * 1500 + b'"}' for _ in range(1))  # no Content-Length: counted as it streams
    r = client.post("/api/documents", content=chunks, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.headers[CSP]
    assert client.post("/api/documents", json={"text": "5 boats sank.", "id": "small"}).status_code == 202


def test_add_pasted_uploaded_and_failing_inputs(fresh_db: str, no_nlp: None) -> None:
    client = TestClient(create_app(fresh_db), base_url=LOCAL)
    r = client.post("/add", data={"text": f"<script>x</script> 7 ferries ran. {'word ' * 5}", "title": "Ferries",
                                  "outlet": "Test Wire", "published": "2025-10-18", "doc_id": "ferries"})
    assert r.status_code == 200 and r.history[0].status_code == 303 and "/jobs/" in str(r.url)
    assert finished(client, str(r.url))["documents"] == ["ferries"]
    assert 'href="/documents/ferries"' in client.get(r.url).text and 'http-equiv="refresh"' not in client.get(r.url).text
    doc = client.get("/api/documents/ferries").json()["document"]
    assert (doc["title"], doc["outlet"], doc["published"]) == ("Ferries", "Test Wire", "2025-10-18")
    assert "&lt;script&gt;x" in client.get("/documents/ferries").text
    r = client.post("/add", files={"files": ("../../evil name.txt", b"Some 40 tents went up.", "text/plain")})
    assert finished(client, str(r.url))["documents"] == ["evil-name"]
    assert 'href="/documents/evil-name"' in client.get(r.url).text
    r = client.post("/add", data={"text": ""})
    assert r.status_code == 400 and "Nothing to add" in r.text
    r = client.post("/add", data={"url": "http://127.0.0.1:9/private"})
    job = finished(client, str(r.url))
    assert job["state"] == "failed" and "private or loopback" in job["error"] and job["documents"] == []
    assert "Nothing was added" in client.get(r.url).text and "private or loopback" in client.get(r.url).text
    r = client.post("/add", data={"text": "9 huts.", "doc_id": "bad id/.."})
    assert r.status_code == 422 and "an id may use" in r.text
    assert client.post("/add", data={"text": "x"}, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/api/documents", json={"text": "a", "url": "https://x.example/"}).status_code == 400
    assert client.post("/api/documents", json={"html": "<p>4 dogs</p>", "colour": "red"}).status_code == 400
    r = client.post("/api/documents", json={"url": "http://127.0.0.1:9/x"})
    assert r.status_code == 202 and "private or loopback" in finished(client, r.json()["id"])["errors"][0]
    r = client.post("/add", data={"text": "9 huts.", "doc_id": "bad id/..", "url": "ftp://x.example/"})
    assert r.status_code == 422 and "only http:// and https://" in r.text  # nothing queued
    assert client.get("/jobs/nope").status_code == 404 and client.get("/api/jobs/nope").status_code == 404


def test_a_job_waits_for_a_worker(fresh_db: str, no_nlp: None) -> None:
    """Without a worker in the app the job stays queued (its page reloads itself) until one runs it."""
    from claimgraph import jobs

    client = TestClient(create_app(fresh_db, worker=False), base_url=LOCAL)
    r = client.post("/api/documents", json={"text": "Some 8 wells ran dry.", "id": "wells"})
    job = r.json()
    assert r.status_code == 202 and job["state"] == "queued" and job["documents"] == []
    page = client.get(f"/jobs/{job['id']}").text
    assert 'http-equiv="refresh"' in page and "claimgraph worker" in page
    assert jobs.work(fresh_db, config=api.RunConfig(), once=True) == 1
    assert client.get(f"/api/jobs/{job['id']}").json()["documents"] == ["wells"]


@pytest.mark.slow
def test_add_runs_extraction(fresh_db: str) -> None:
    client = TestClient(create_app(fresh_db), base_url=LOCAL)
    text = "At least 25 people were killed in the flood, the interior ministry said on Tuesday."
    r = client.post("/api/documents", json={"text": text, "id": "flood-1", "published": "2025-10-20"})
    assert r.status_code == 202, r.text
    assert finished(client, r.json()["id"], timeout=120)["state"] == "done"
    claims = client.get("/api/documents/flood-1").json()["claims"]
    assert any(c["value"] == 25 for c in claims)
    assert client.get("/documents/flood-1").status_code == 200


def test_all_sql_is_behind_the_store() -> None:
    """The web app, CLI and report read through ``Store`` methods; only ``store/`` holds SQL."""
    import re

    package = Path(api.__file__).parent
    for path in package.rglob("*.py"):
        if path.relative_to(package).parts[0] == "store":
            continue
        text = path.read_text(encoding="utf-8")
        assert ".query(" not in text and not re.search(r"\bSELECT\b|\bFROM \w+ WHERE\b", text), path


def test_story_and_entity_listings(client: TestClient) -> None:
    stories = client.get("/api/stories?limit=1").json()
    assert stories["total"] == 1 and stories["items"][0]["id"] == "kessel"
    assert "note-1" not in stories["items"][0]["documents"] and len(stories["items"][0]["documents"]) == 5
    ents = client.get("/api/entities?name=VELASQUEZ").json()
    assert ents["total"] == 1 and ents["items"][0]["aliases"] == ["Velasquez"]
    assert client.get("/api/entities?name=nobody").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
    html = client.get("/").text
    assert "Other documents" in html and 'href="/documents/note-1"' in html and 'rel="next"' not in html
