"""Fetching URLs from a server on loopback (no outside network): redirects, size cap, errors."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.ingest.sources import ReadOptions, read_inputs

PAGE = b"""<!doctype html><html><head><title>Toll rises | River Times</title>
<meta property="og:site_name" content="River Times"></head><body><nav>Home | World</nav>
<article><h1>Toll rises</h1><p>Officials said on Tuesday that at least 12 people had died after the river burst
its banks, and about 3,000 residents had left their homes in the lower town.</p>
<p>Rescue teams from three neighbouring provinces were still searching flooded streets on Wednesday.</p></article>
<footer>Copyright River Times</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)
        elif self.path.startswith("/hop"):
            n = int(self.path[4:] or 0)
            self.send_response(302)
            self.send_header("Location", f"/hop{n + 1}" if n < 20 else "/article")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"x" * 200_000)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def fetch(url: str, **kw: object) -> tuple[list, list[ClaimgraphError]]:
    errors: list[ClaimgraphError] = []
    opts = ReadOptions(allow_private=True, timeout=5, **kw)  # type: ignore[arg-type]
    return list(read_inputs([url], errors.append, options=opts)), errors


def test_page_is_fetched_and_redirect_followed(base: str) -> None:
    items, errors = fetch(f"{base}/moved")
    assert not errors
    assert items[0].format == "html" and items[0].id == "article"
    assert items[0].meta["url"].endswith("/article")


def test_too_many_redirects(base: str) -> None:
    items, errors = fetch(f"{base}/hop0")
    assert not items and "redirects" in str(errors[0])


def test_size_cap(base: str) -> None:
    items, errors = fetch(f"{base}/big", max_bytes=50_000)
    assert not items and "byte cap" in str(errors[0])


def test_http_error_named(base: str) -> None:
    items, errors = fetch(f"{base}/missing")
    assert not items and "HTTP 404" in str(errors[0]) and "/missing" in str(errors[0])


def test_loopback_refused_by_default(base: str) -> None:
    errors: list[ClaimgraphError] = []
    assert not list(read_inputs([f"{base}/article"], errors.append, options=ReadOptions()))
    assert "--allow-private" in str(errors[0])
