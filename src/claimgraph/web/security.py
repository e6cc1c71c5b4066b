"""Headers on every response, a request-size cap, and the write token.

Writes (POST) need the token whenever one is set; a server that listens beyond loopback
must have one. Form posts from another origin are refused (a page elsewhere cannot make
your browser add documents). Without a token, a request must name a host the server
serves (``localhost``, a loopback address, or ``--host``): a DNS-rebinding page, whose
requests name its own site, is refused.
"""
from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: browsers would then send "Origin: null"
    (b"x-frame-options", b"DENY"),
)
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
MAX_OFFSET = 1_000_000_000  # list offsets beyond this are refused (SQLite takes 64-bit integers at most)


def is_encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_loopback(host: str) -> bool:
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


ErrorReply = Callable[[Scope, Send, HTTPException], Awaitable[None]]
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without port or IPv6 brackets, lower case."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h[1:]
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


class HostGuard:
    """Refuse (400) requests whose ``Host`` is not one of ``names``: the server's own names."""

    def __init__(self, app: ASGIApp, names: frozenset[str], reply: ErrorReply) -> None:
        self.app, self.names, self.reply = app, names, reply

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(given) not in self.names:
                await self.reply(scope, send, HTTPException(
                    400, f"Unknown host {given[:100]!r}: this server answers to {', '.join(sorted(self.names))}. "
                         "(A page on another site cannot reach it through DNS rebinding.)"))
                return
        await self.app(scope, receive, send)


def with_headers(send: Send) -> Send:
    """Wrap ``send`` so that every response start carries the security headers."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
        await send(message)

    return wrapped


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, size: int | None = None) -> None:
        got = f" ({size / 1_048_576:.1f} MB)" if size else ""
        super().__init__(413, f"The upload is too large{got}: the limit is {limit / 1_048_576:.1f} MB per request. "
                              "Split it into smaller files or raise the limit (max_upload).")


class LimitBody:
    """Refuse request bodies over ``limit`` bytes with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, limit: int, reply: ErrorReply) -> None:
        self.app, self.limit, self.reply = app, limit, reply

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self.reply(scope, send, BodyTooLarge(self.limit, int(declared)))
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge as exc:
            if started:
                raise
            await self.reply(scope, send, exc)


def check_write(request: Request, token: str | None, given: str | None = None) -> None:
    """Allow a write, or raise 401/403: token by ``Authorization: Bearer`` or a form field; same origin."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
        raise HTTPException(403, "Cross-origin writes are refused.")
    if token is None:
        return
    auth = request.headers.get("authorization", "")
    bearer = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    offered = bearer or given
    if not offered:
        raise HTTPException(401, "This server needs a token for writes: send 'Authorization: Bearer TOKEN' "
                                 "or fill in the token field.", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(offered.encode(), token.encode()):
        raise HTTPException(403, "Wrong token.")
