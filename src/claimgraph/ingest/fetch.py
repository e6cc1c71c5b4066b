"""Fetching a URL safely: timeouts, a size cap, bounded redirects, no private addresses."""
from __future__ import annotations

import ipaddress
import socket
from contextlib import closing
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..errors import FetchError
from .decode import decode_bytes

if TYPE_CHECKING:
    from .sources import ReadOptions

MAX_REDIRECTS = 5
USER_AGENT = "claimgraph/0.1 (+https://github.com/claimgraph/claimgraph)"


def resolve(url: str, *, allow_private: bool) -> str:
    """The address to connect to for ``url``'s host, looked up once; refuse loopback, private,
    link-local and reserved addresses unless ``allow_private``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("only http(s) URLs with a host can be fetched", input=url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"bad port ({exc})", input=url) from exc
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise FetchError(f"cannot resolve host {parts.hostname!r} ({reason})", input=url) from exc
    addrs = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not allow_private:
        for addr in addrs:
            if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast:
                raise FetchError(
                    f"refusing to fetch a private or loopback address ({addr}); pass --allow-private to permit it",
                    input=url,
                )
    if not addrs:
        raise FetchError(f"cannot resolve host {parts.hostname!r}", input=url)
    return str(addrs[0])


def check_host(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that resolve to loopback, private, link-local or reserved addresses."""
    resolve(url, allow_private=allow_private)


def pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """(URL, headers, request extensions) that connect to ``address`` while naming ``url``'s host
    in ``Host`` and, for https, in SNI and certificate checks: a second DNS lookup (rebinding)
    cannot move the connection elsewhere."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    extensions = {"sni_hostname": parts.hostname or ""} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": parts.netloc.rsplit("@", 1)[-1]}, extensions


def fetch_url(url: str, options: ReadOptions) -> tuple[str, str, str]:
    """(text, final URL, content type) of ``url``; raises FetchError with the reason."""
    import httpx

    current = url
    with httpx.Client(timeout=options.timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            target, headers, extensions = pinned(current, resolve(current, allow_private=options.allow_private))
            try:
                request = client.build_request("GET", target, headers=headers, extensions=extensions)
                with closing(client.send(request, stream=True)) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError("redirect without a Location header", input=url)
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}", input=url)
                    declared = int(resp.headers.get("content-length") or 0) if (
                        resp.headers.get("content-length") or "").isdigit() else 0
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
