"""Names a reader recognises: a headline for a document without a title, an outlet from a URL.

A document's id is a file stem or a hash; it is never shown as a label. These helpers read
only the model, so every layer (reconcile, export, report, web) names things the same way.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from .model import Document

__all__ = ["HEADLINE_CHARS", "UNTITLED", "document_label", "headline", "outlet_label", "row_label", "row_outlet",
           "site_of", "unattributed", "unattributed_in"]

HEADLINE_CHARS = 80  # a derived headline is cut to about this many characters, at a word
UNTITLED = "Untitled document"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")
_COMMON_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.")


def shorten(text: str, limit: int = HEADLINE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with "…")."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def headline(text: str, body: Sequence[Sequence[int]] = (), limit: int = HEADLINE_CHARS) -> str:
    """The first sentence of the body (of the text when no body is marked), shortened."""
    spans = [(int(s), int(e)) for s, e in body] or [(0, len(text))]
    for start, end in spans:
        part = text[start:end].strip()
        if not part:
            continue
        first = _SENTENCE_END.split(part, maxsplit=1)[0]
        first = first.split("\n", 1)[0] if len(first) > limit else first
        found = shorten(first.rstrip("."), limit)
        if found:
            return found
    return UNTITLED


def site_of(url: str | None) -> str | None:
    """The domain of an http(s) URL, without "www.": "https://www.example.org/a" → "example.org"."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not host or "." not in host:
        return None
    for prefix in _COMMON_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    return host


def document_label(doc: Document) -> str:
    """The title, else a headline derived from the first sentence."""
    return (doc.title or "").strip() or headline(doc.text, doc.body)


def outlet_label(doc: Document) -> str | None:
    """The outlet the document names, else its URL's domain, else None."""
    return (doc.outlet or "").strip() or site_of(doc.url)


def unattributed(where: str) -> str:
    """The origin of a number nobody is named for: "unattributed (Velden Today)"."""
    return f"unattributed ({where})"


def unattributed_in(label: str) -> str:
    """The origin of an unattributed number in a document of unknown outlet, named by its label."""
    return unattributed(f"“{shorten(label, 48)}”")


def row_label(row: Mapping[str, Any]) -> str:
    """``document_label`` for an export row (``label`` when the export has it)."""
    if row.get("label"):
        return str(row["label"])
    if row.get("title"):
        return str(row["title"]).strip()
    text = row.get("text")
    return headline(text, row.get("body") or ()) if isinstance(text, str) else UNTITLED


def row_outlet(row: Mapping[str, Any]) -> str | None:
    """``outlet_label`` for an export row."""
    return (str(row.get("outlet") or "").strip() or site_of(row.get("url"))) or None
