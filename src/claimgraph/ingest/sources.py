"""Inputs to raw items: files, folders, JSONL, RSS/Atom feeds, URLs and stdin.

Readers never raise for one bad input: each yields ``RawItem``s and reports
errors through ``on_error`` so that the good inputs of a run still go in.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ..errors import ClaimgraphError, InputError
from .decode import decode_bytes

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
FEED_EXT = {".xml", ".rss", ".atom"}
META_KEYS = ("title", "published", "outlet", "url", "authors")
SKIP_NAMES = {"manifest.json", "expected.json", "package.json"}

ErrorSink = Callable[[ClaimgraphError], None]


@dataclass(frozen=True, slots=True)
class RawItem:
    id: str
    content: str
    format: Literal["text", "html"]
    source: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    fetch: bool = False  # follow feed entry links
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    skip: frozenset[str] = frozenset()  # resolved paths not to read (the manifest)


def read_inputs(inputs: Iterable[str], on_error: ErrorSink, *, options: ReadOptions) -> Iterator[RawItem]:
    """Every raw item behind ``inputs``, in order."""
    for spec in inputs:
        if spec == "-":
            yield from _guard(_read_stdin, "stdin", on_error)
        elif re.match(r"^https?://", spec, re.I):
            yield from _guard(partial(_read_url, spec, options), spec, on_error)
        else:
            path = Path(spec)
            if not path.exists():
                on_error(InputError("no such file or folder", input=spec))
            elif path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, options))
                if not files:
                    on_error(InputError("the folder holds no .txt, .html, .jsonl/.json or feed files", input=spec))
                for f in files:
                    yield from _guard(partial(read_file, f, options, on_error), str(f), on_error)
            else:
                yield from _guard(partial(read_file, path, options, on_error), spec, on_error)


def _wanted(path: Path, options: ReadOptions) -> bool:
    if path.name.startswith(".") or path.name in SKIP_NAMES or str(path.resolve()) in options.skip:
        return False
    return path.suffix.lower() in TEXT_EXT | HTML_EXT | JSONL_EXT | FEED_EXT


def _guard(make: Callable[[], Iterable[RawItem]], name: str, on_error: ErrorSink) -> Iterator[RawItem]:
    try:
        yield from make()
    except ClaimgraphError as exc:
        on_error(exc)
    except OSError as exc:
        on_error(InputError(f"cannot read: {exc.strerror or exc}", input=name))


def read_file(path: Path, options: ReadOptions, on_error: ErrorSink) -> Iterator[RawItem]:
    name = str(path)
    text = decode_bytes(path.read_bytes(), name=name)
    ext = path.suffix.lower()
    if ext in JSONL_EXT:
        yield from read_jsonl(text, name=name, stem=path.stem, on_error=on_error)
    elif ext in FEED_EXT or (ext not in TEXT_EXT | HTML_EXT and _looks_like_feed(text)):
        from .feed import read_feed

        yield from read_feed(text, name=name, stem=path.stem, options=options, on_error=on_error)
    elif ext in HTML_EXT or (ext not in TEXT_EXT and _looks_like_html(text)):
        yield RawItem(path.stem, text, "html", name)
    else:
        yield RawItem(path.stem, text, "text", name)


def read_jsonl(text: str, *, name: str, stem: str, on_error: ErrorSink) -> Iterator[RawItem]:
    """One article per line (``text`` or ``html`` plus metadata); a JSON array also works."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            rows = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg} (line {exc.lineno})", input=name) from exc
        lines: list[tuple[int, Any]] = list(enumerate(rows, 1))
    else:
        lines = []
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                lines.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                on_error(InputError(f"line {n}: invalid JSON ({exc.msg}); the other lines are read", input=name))
    for n, row in lines:
        where = f"{name}:{n}"
        if not isinstance(row, dict):
            on_error(InputError("expected a JSON object per line", input=where))
            continue
        body, fmt = row.get("text"), "text"
        if not body and row.get("html"):
            body, fmt = row["html"], "html"
        if not isinstance(body, str) or not body.strip():
            on_error(InputError("no `text` or `html` field with content", input=where))
            continue
        meta = {k: row[k] for k in META_KEYS if row.get(k)}
        doc_id = str(row.get("id") or f"{stem}-{n}")
        yield RawItem(doc_id, body.replace("\r\n", "\n"), fmt, where, meta)  # type: ignore[arg-type]


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _looks_like_feed(text: str) -> bool:
    head = text[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _read_stdin() -> Iterator[RawItem]:
    data = sys.stdin.buffer.read()
    text = decode_bytes(data, name="stdin")
    if _looks_like_feed(text):
        from .feed import read_feed

        def fail(exc: ClaimgraphError) -> None:
            raise exc

        yield from read_feed(text, name="stdin", stem="stdin", options=ReadOptions(), on_error=fail)
    else:
        yield RawItem("stdin", text, "html" if _looks_like_html(text) else "text", "stdin")


def _read_url(url: str, options: ReadOptions) -> Iterator[RawItem]:
    from .fetch import fetch_url

    text, final_url, content_type = fetch_url(url, options)
    stem = url_stem(final_url)
    if "xml" in content_type or _looks_like_feed(text):
        from .feed import read_feed

        def fail(exc: ClaimgraphError) -> None:
            raise exc

        yield from read_feed(text, name=url, stem=stem, options=options, on_error=fail)
    else:
        fmt: Literal["text", "html"] = "html" if "html" in content_type or _looks_like_html(text) else "text"
        yield RawItem(stem, text, fmt, url, {"url": final_url})


def url_stem(url: str) -> str:
    """A readable id for a URL: its last path segment without extension, else its host."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    segments = [p for p in parts.path.split("/") if p]
    last = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", segments[-1]) if segments else ""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", last or parts.hostname or "url")[:80]
