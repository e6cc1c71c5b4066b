"""RSS/Atom feeds: each entry's content, and with --fetch its linked page."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from ..errors import ClaimgraphError, InputError

if TYPE_CHECKING:
    from .sources import ErrorSink, RawItem, ReadOptions


def read_feed(text: str, *, name: str, stem: str, options: ReadOptions, on_error: ErrorSink) -> Iterator[RawItem]:
    import feedparser

    from .sources import RawItem, url_stem

    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise InputError(f"no entries in the feed{reason}", input=name)
    outlet = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{name}#{n}"
        link = entry.get("link")
        meta: dict[str, Any] = {"title": entry.get("title"), "url": link, "outlet": outlet}
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        if published:
            meta["published"] = time.strftime("%Y-%m-%dT%H:%M", published)
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        if authors:
            meta["authors"] = authors
        meta = {k: v for k, v in meta.items() if v}
        guid = entry.get("id")
        doc_id = re.sub(r"[^A-Za-z0-9._-]+", "-", guid)[:80] if guid and not guid.startswith("http") else (
            f"{stem}-{url_stem(link)}" if link else f"{stem}-{n}")
        if options.fetch and link:
            try:
                from .fetch import fetch_url

                page, final, _ = fetch_url(link, options)
                yield RawItem(doc_id, page, "html", link, {**meta, "url": final})
                continue
            except ClaimgraphError as exc:
                on_error(exc)
                # fall back to the entry's own content below
        content = _content(entry)
        if not content:
            on_error(InputError("feed entry has no content; use --fetch to read its page", input=where))
            continue
        fmt: Literal["text", "html"] = "html" if re.search(r"<(p|div|br|span|a)\b", content, re.I) else "text"
        yield RawItem(doc_id, content, fmt, where, meta)


def _content(entry: Any) -> str:
    for part in entry.get("content") or []:
        if part.get("value", "").strip():
            return str(part["value"])
    return str(entry.get("summary") or entry.get("description") or "")
