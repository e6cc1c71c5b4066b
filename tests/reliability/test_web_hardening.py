"""The web app under hostile requests: no 500 from any parameter, bounded search, DNS rebinding
refused, uploads that extract only what they add, and a fetch pinned to the address it checked."""
from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from test_fuzz import FlakyExtractor, flaky  # noqa: F401  (the fixture)

from claimgraph import api
from claimgraph.ingest.sources import ReadOptions, read_inputs
from claimgraph.store.sqlite import Store
from claimgraph.web import create_app
from conftest import build_store
from test_web import finished

LOCAL = "http://127.0.0.1:8000"
VALUES = ["%00", "a%00b", "%ED%A0%80", "%FF", "%C0%AF", "99999999999999999999", "-1", "1e3", "NaN", "x" * 3000,
          "%F0%9F%98%80", "'\"<>", "%25", "0x10", " ".join(["w"] * 2000)]
PATHS = ["/search?q={}", "/search?q=a&offset={}", "/search?q=a&limit={}", "/figures?offset={}", "/figures?verdict={}",
         "/figures?entity={}", "/figures?measure={}", "/api/figures?offset={}", "/api/figures?limit={}",
         "/api/figures?entity={}", "/api/claims?offset={}", "/api/claims?entity={}", "/api/documents?offset={}",
         "/documents?offset={}", "/documents/{}", "/api/documents/{}", "/figures/{}", "/api/figures/{}", "/?x={}",
         "/?offset={}", "/?limit={}", "/api/stories?offset={}", "/api/entities?name={}", "/api/entities?limit={}",
         "/jobs/{}", "/api/jobs/{}"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build_store(tmp_path_factory.mktemp("hard") / "x.db")
    with TestClient(create_app(db), base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def test_no_parameter_gives_a_500(client: TestClient) -> None:
    failures = []
    for path in PATHS:
        for value in VALUES:
            r = client.get(path.format(value))
            if r.status_code >= 500 or r.status_code == 422:
                failures.append((r.status_code, path.format(value)[:60]))
    assert failures == []


@pytest.mark.parametrize("query,status,reason", [
    ("%00", 400, "control character"),
    ("flood " * 30, 400, "30 words; the limit is 20"),
    ("x" * 60_000, 400, "characters long; the limit is 500"),
])
def test_bad_searches_are_refused_quickly(client: TestClient, query: str, status: int, reason: str) -> None:
    started = time.monotonic()
    r = client.get(f"/search?q={query}")
    assert (r.status_code, time.monotonic() - started < 1) == (status, True)
    assert reason in r.text


def test_huge_offsets_and_broken_text_are_client_errors(client: TestClient) -> None:
    r = client.get("/api/figures?offset=99999999999999999999")
    assert r.status_code == 400
    assert r.json()["detail"].startswith("Bad request: parameter offset (given '99999999999999999999')")
    r = client.get("/documents?offset=99999999999999999999")
    assert r.status_code == 400 and "parameter offset" in r.text
    for body, field in (('{"text": "\\ud800 5 boats"}', "text"), ('{"text": "5 boats", "title": "\\udfff"}', "title")):
        r = client.post("/api/documents", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 400 and f"field {field}" in r.json()["detail"] and "lone surrogate" in r.text
        assert "\\ud" in r.json()["detail"]  # the broken character is shown escaped


@pytest.mark.parametrize(("path", "named"), [
    ("/api/figures?limit=0", "parameter limit (given '0')"), ("/api/claims?offset=-1", "parameter offset"),
    ("/api/figures?verdict=maybe", "parameter verdict (given 'maybe')"), ("/api/documents?limit=ten", "limit"),
    ("/figures?verdict=maybe", "Unknown verdict"), ("/search?q=a&limit=x", "parameter limit"),
])
def test_a_bad_parameter_is_a_400_naming_it(client: TestClient, path: str, named: str) -> None:
    r = client.get(path)
    assert r.status_code == 400 and named in r.text, (r.status_code, r.text[:300])


def test_a_bad_body_is_a_400_naming_the_field(client: TestClient) -> None:
    r = client.post("/api/documents", json={"html": "<p>4 dogs</p>", "colour": "red"})
    assert r.status_code == 400 and "field colour" in r.json()["detail"]
    r = client.post("/api/documents", json={"text": "4 dogs", "url": "https://x.example/"})
    assert r.status_code == 400 and "exactly one of text, html or url" in r.json()["detail"]
    r = client.post("/api/documents", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_dns_rebinding_is_refused_without_a_token(client: TestClient) -> None:
    evil = {"host": "evil.example", "origin": "http://evil.example"}
    assert client.get("/api/figures", headers=evil).status_code == 400
    r = client.post("/api/documents", json={"text": "5 boats sank."}, headers=evil)
    assert r.status_code == 400 and "Unknown host" in r.json()["detail"]
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/figures", headers={"host": host}).status_code == 200, host


def test_with_a_token_any_host_name_is_served(tmp_path: Path) -> None:
    app = create_app(build_store(tmp_path / "t.db"), host="0.0.0.0", token="s3cret")
    with TestClient(app, base_url="http://news.example.org") as c:
        assert c.get("/api/figures").status_code == 200


def test_an_upload_extracts_only_its_document_off_the_request(
        tmp_path: Path, flaky: type[FlakyExtractor]) -> None:  # noqa: F811
    db = tmp_path / "x.db"
    for i in range(5):
        (tmp_path / f"old{i}.txt").write_text(f"{i + 2} boats sank.\n")
    with Store(db) as store:  # stored, never extracted: the upload must leave them to a later run
        api.ingest([str(tmp_path / f"old{i}.txt") for i in range(5)], store, config=api.RunConfig(),
                   result=api.RunResult())
    app = create_app(str(db))
    with TestClient(app, base_url=LOCAL) as c:
        r = c.post("/api/documents", json={"text": "At least 9 people died.", "id": "new-1"})
        assert r.status_code == 202 and finished(c, r.json()["id"])["errors"] == []
        assert flaky.calls == [["new-1"]]
        r = c.post("/api/documents", json={"text": "BOOM 4 huts.", "id": "bad-1"})
        job = finished(c, r.json()["id"])
        assert job["state"] == "done" and "E088" in job["errors"][0]  # reported, not a silent empty result
        r = c.post("/api/documents", json={"text": "Some 12 huts burned.", "id": "new-2"})
        job = finished(c, r.json()["id"])  # a failed document does not break later posts
        assert (job["state"], job["errors"], job["documents"]) == ("done", [], ["new-2"])


class Page(BaseHTTPRequestHandler):
    hosts: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        Page.hosts.append(self.headers.get("host", ""))
        body = b"<html><body><p>At least 40 people were killed when the dam failed on Monday.</p></body></html>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_fetch_connects_to_the_address_it_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: Any, *args: Any, **kw: Any) -> Any:
        if host == "rebind.example":  # first answer: the test server; any later one: elsewhere
            lookups.append(host)
            return real("127.0.0.1" if len(lookups) == 1 else "192.0.2.1", *args, **kw)
        return real(host, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    errors: list[Any] = []
    try:
        items = list(read_inputs([f"http://rebind.example:{port}/story"], errors.append,
                                 options=ReadOptions(allow_private=True, timeout=5)))
    finally:
        server.shutdown()
    assert errors == [] and len(items) == 1 and "40 people" in items[0].content
    assert lookups == ["rebind.example"] and Page.hosts == [f"rebind.example:{port}"]


def test_serve_loads_the_model_before_the_first_upload(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.extract import pipeline
    from claimgraph.web import ingest

    loaded: list[str] = []

    class Loading:
        def __init__(self, *, config: Any = None) -> None:
            time.sleep(0.2)
            loaded.append(config.model)

    monkeypatch.setattr(pipeline, "Extractor", Loading)
    app = create_app(build_store(tmp_path / "w.db"), warm=True)
    assert loaded == []  # the app is up before the model
    app.state.warming.join(10)
    assert loaded == [api.RunConfig().model]
    assert create_app(build_store(tmp_path / "v.db")).state.warming is None
    assert not hasattr(ingest, "WRITE_LOCK")  # writes are queued jobs now, not requests taking turns on a lock
