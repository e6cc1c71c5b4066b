"""Raw items to ``Document``s: cleaning, metadata, the manifest, checksums."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InputError, ManifestError
from ..model import Debris, Document
from .clean import clean_text
from .jsonsafe import load_json
from .sources import MAX_FILE_BYTES, RawItem, open_regular, read_capped

MANIFEST_KEYS = {"published", "outlet", "url", "title", "authors"}
# the NLP reads a document a span at a time; longer spans are cut at a paragraph, sentence or word
# boundary (spaCy refuses texts over 1,000,000 characters and needs ~1 GB per 100,000 for the parser)
MAX_SPAN_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def load_manifest(path: str) -> tuple[dict[str, dict[str, Any]], list[ManifestError]]:
    """A JSON object mapping document id to metadata, and what is wrong with it.

    A manifest that cannot be read at all gives no metadata and one error; an entry with an
    unknown key or a field of the wrong type is left out with an error naming it. Either way
    the run goes on: the inputs are still stored, without the metadata that was refused.
    """
    try:
        with open_regular(Path(path)) as stream:
            raw = read_capped(stream, name=path, limit=MAX_FILE_BYTES)
    except FileNotFoundError:
        return {}, [ManifestError("no such manifest file", input=path)]
    except InputError as exc:
        return {}, [ManifestError(str(exc.args[0]).removeprefix(f"{path}: "), input=path)]
    except OSError as exc:
        return {}, [ManifestError(f"cannot read the manifest ({exc.strerror or exc})", input=path)]
    try:
        data = load_json(raw, name=path)
    except InputError as exc:
        return {}, [ManifestError(str(exc.args[0]).removeprefix(f"{path}: "), input=path)]
    if not isinstance(data, dict):
        return {}, [ManifestError("expected a JSON object mapping document id to metadata", input=path)]
    out: dict[str, dict[str, Any]] = {}
    errors: list[ManifestError] = []
    for doc_id, meta in data.items():
        if not isinstance(meta, dict):
            errors.append(ManifestError(f"entry {doc_id!r} must be an object like {{\"published\": \"2024-12-23\"}}",
                                        input=path))
            continue
        unknown = set(meta) - MANIFEST_KEYS
        problem = (f"has unknown keys {sorted(unknown)}; allowed: {sorted(MANIFEST_KEYS)}" if unknown else
                   next(filter(None, (field_problem(k, v) for k, v in meta.items() if v is not None)), None))
        if problem:
            errors.append(ManifestError(f"entry {doc_id!r} {problem}; its metadata is not used", input=path))
            continue
        out[doc_id] = meta
    return out, errors


def field_problem(key: str, value: Any) -> str | None:
    """Why ``value`` is not acceptable for metadata field ``key`` (JSONL row or manifest), or None."""
    if key == "authors":
        if isinstance(value, list):
            odd = next((n for n, a in enumerate(value, 1) if not isinstance(a, str)), None)
            return f"field `authors` must be a list of strings; item {odd} is {_kind(value[odd - 1])}" if odd else None
        return None if isinstance(value, str) else f"field `authors` must be a list of strings, not {_kind(value)}"
    if not isinstance(value, str):
        return f"field `{key}` must be a string, not {_kind(value)}"
    if key == "published" and value.strip() and not valid_date(value):
        return f"field `published` {value!r} is not a valid ISO date (like 2024-12-23)"
    return None


_FULL_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$")


def valid_date(value: str) -> bool:
    """An ISO date (year, year-month or full date, with an optional time) that is on the calendar."""
    m = _FULL_ISO.match(value.strip())
    if not m:
        return False
    year, month, day, hour, minute, second = (int(g) if g else None for g in m.groups())
    try:
        dt.datetime(year or 1, month or 1, day or 1, hour or 0, minute or 0, second or 0)
    except ValueError:
        return False
    return True


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


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
    body = split_spans(text, body)
    debris = tuple(piece for d in cleaned.debris for piece in _split_debris(text, d))
    return Document(
        id=item.id,
        text=text,
        body=body,
        debris=debris,
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


def split_spans(text: str, spans: Sequence[tuple[int, int]], limit: int = MAX_SPAN_CHARS) -> tuple[tuple[int, int], ...]:
    """``spans`` with each one longer than ``limit`` cut into pieces of at most ``limit`` characters,
    at the last paragraph break, else sentence end, else space before the limit (a hard cut last)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > limit:
            cut = _cut(text, start, start + limit)
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return tuple(out)


def _cut(text: str, start: int, stop: int) -> int:
    floor = start + (stop - start) // 2  # a piece is at least half the limit long
    newline = text.rfind("\n", floor, stop)
    if newline > 0:
        return newline + 1
    last = None
    for m in _SENTENCE_END.finditer(text, floor, stop):
        last = m
    if last is not None:
        return last.end()
    space = max(text.rfind(" ", floor, stop), text.rfind("\t", floor, stop))
    return space + 1 if space > 0 else stop


def _split_debris(text: str, debris: Debris) -> list[Debris]:
    if debris.kind != "caption" or debris.end - debris.start <= MAX_SPAN_CHARS:  # only captions are read by the NLP
        return [debris]
    return [replace(debris, start=s, end=e) for s, e in split_spans(text, [(debris.start, debris.end)])]
