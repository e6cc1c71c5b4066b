"""Headers on every response, a request-size cap, and the write token.

Writes (POST) need the token whenever one is set; a server that listens beyond loopback
must have one. Form posts from another origin are refused (a page elsewhere cannot make
your browser add documents).
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


def is_loopback(host: str) -> bool:
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


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


ErrorReply = Callable[[Scope, Send, HTTPException], Awaitable[None]]


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
