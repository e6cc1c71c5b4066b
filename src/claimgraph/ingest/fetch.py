"""Fetching a URL safely: timeouts, a size cap, bounded redirects, no private addresses."""
from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError
from .decode import decode_bytes

if TYPE_CHECKING:
    from .sources import ReadOptions

MAX_REDIRECTS = 5
USER_AGENT = "claimgraph/0.1 (+https://github.com/claimgraph/claimgraph)"


def check_host(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that resolve to loopback, private, link-local or reserved addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("only http(s) URLs with a host can be fetched", input=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {parts.hostname!r} ({exc.strerror})", input=url) from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast:
            raise FetchError(
                f"refusing to fetch a private or loopback address ({addr}); pass --allow-private to permit it",
                input=url,
            )


def fetch_url(url: str, options: ReadOptions) -> tuple[str, str, str]:
    """(text, final URL, content type) of ``url``; raises FetchError with the reason."""
    import httpx

    current = url
    with httpx.Client(timeout=options.timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_host(current, allow_private=options.allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError("redirect without a Location header", input=url)
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}", input=url)
                    declared = int(resp.headers.get("content-length") or 0)
                    if declared > options.max_bytes:
                        raise FetchError(f"response of {declared} bytes exceeds the {options.max_bytes}-byte cap", input=url)
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > options.max_bytes:
                            raise FetchError(f"response exceeds the {options.max_bytes}-byte cap", input=url)
                        chunks.append(chunk)
                    ctype = resp.headers.get("content-type", "").lower()
                    return decode_bytes(b"".join(chunks), name=url), current, ctype
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {options.timeout:g}s", input=url) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"unreachable ({exc.__class__.__name__}: {exc})", input=url) from exc
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", input=url)
