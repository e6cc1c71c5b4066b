"""Raw items to ``Document``s: cleaning, metadata, the manifest, checksums."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError, ManifestError
from ..model import Document
from .clean import clean_text
from .sources import RawItem

MANIFEST_KEYS = {"published", "outlet", "url", "title", "authors"}


def load_manifest(path: str) -> dict[str, dict[str, Any]]:
    """A JSON object mapping document id to metadata; ManifestError says what is wrong."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ManifestError("no such manifest file", input=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read the manifest ({exc})", input=path) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", input=path) from exc
    if not isinstance(data, dict):
        raise ManifestError("expected a JSON object mapping document id to metadata", input=path)
    out: dict[str, dict[str, Any]] = {}
    for doc_id, meta in data.items():
        if not isinstance(meta, dict):
            raise ManifestError(f"entry {doc_id!r} must be an object like {{\"published\": \"2024-12-23\"}}", input=path)
        unknown = set(meta) - MANIFEST_KEYS
        if unknown:
            raise ManifestError(
                f"entry {doc_id!r} has unknown keys {sorted(unknown)}; allowed: {sorted(MANIFEST_KEYS)}", input=path
            )
        if "published" in meta and not _iso_date(str(meta["published"])):
            raise ManifestError(f"entry {doc_id!r}: published {meta['published']!r} is not an ISO date", input=path)
        out[str(doc_id)] = meta
    return out


def _iso_date(s: str) -> str | None:
    m = re.match(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?", s.strip())
    return m.group(0).replace(" ", "T") if m else None


def checksum(text: str) -> str:
    """Checksum of the text with whitespace collapsed: reformatted copies share it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def _day_month_order(text: str, published: str, assumed: str | None) -> str:
    """A page's "01/10/2025" may be January 10 or October 1: where the manifest assumes a date,
    the reading nearer to it wins."""
    if not assumed or len(published) < 10:
        return published
    y, m, d = published[:4], int(published[5:7]), int(published[8:10])
    for a, b_, year in _NUMERIC_DATE.findall(text[:2000]):
        if year == y and {int(a), int(b_)} == {m, d} and m <= 12 and d <= 12 and m != d:
            swapped = f"{y}-{d:02d}-{m:02d}{published[10:]}"
            try:
                gap = abs((dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(assumed[:10])).days)
                alt = abs((dt.date.fromisoformat(swapped[:10]) - dt.date.fromisoformat(assumed[:10])).days)
            except ValueError:
                return published
            return swapped if alt < gap else published
    return published


def build_document(item: RawItem, manifest: Mapping[str, Mapping[str, Any]] | None = None) -> Document:
    """Clean one raw item into a Document; metadata: text < item (feed/JSONL) < manifest."""
    meta: dict[str, Any] = {}
    if item.format == "html":
        from .html import extract_html

        article = extract_html(item.content, url=item.meta.get("url"), name=item.source)
        text = article.text
        meta.update(
            {k: v for k, v in {"title": article.title, "published": article.published, "authors": article.authors,
                               "outlet": article.outlet, "url": article.url}.items() if v}
        )
    else:
        text = item.content
    if not text.strip():
        raise InputError("no text after cleaning", input=item.source)
    cleaned = clean_text(text)
    lifted = {"title": cleaned.title, "published": cleaned.published, "authors": cleaned.authors,
              "outlet": cleaned.outlet}
    for key, value in lifted.items():
        if value and not meta.get(key):
            meta[key] = value
    meta.update({k: v for k, v in item.meta.items() if v})
    known = dict((manifest or {}).get(item.id, {}))
    # a manifest date is an assumption for resolving "on Monday", kept apart from what the source states
    assumed = known.pop("published", None)
    meta.update(known)
    title = meta.get("title")
    published = _iso_date(str(meta["published"])) if meta.get("published") else None
    if published and assumed and published == cleaned.published:
        published = _day_month_order(text, published, _iso_date(str(assumed)))
    authors = meta.get("authors") or ()
    if isinstance(authors, str):
        authors = tuple(a.strip() for a in re.split(r",|;|\band\b", authors) if a.strip())
    title_span = cleaned.title_span if cleaned.title and title == cleaned.title else None
    body = tuple(sorted({*cleaned.body, *([title_span] if title_span else [])}))
    return Document(
        id=item.id,
        text=text,
        body=body,
        debris=cleaned.debris,
        title=str(title) if title else None,
        published=published,
        authors=tuple(str(a) for a in authors),
        outlet=str(meta["outlet"]) if meta.get("outlet") else None,
        url=str(meta["url"]) if meta.get("url") else None,
        checksum=checksum(text),
        source=item.source,
        title_span=title_span,
        assumed_published=_iso_date(str(assumed)) if assumed else None,
    )
