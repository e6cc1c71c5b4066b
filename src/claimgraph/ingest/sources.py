"""Inputs to raw items: files, folders, JSONL, RSS/Atom feeds, URLs and stdin.

Readers never raise for one bad input: each yields ``RawItem``s and reports
errors through ``on_error`` so that the good inputs of a run still go in.
"""
from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ..errors import ClaimgraphError, InputError, InputWarning, LimitError
from .decode import LEGACY, bom_encoding, decode_bytes
from .jsonsafe import load_json

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
FEED_EXT = {".xml", ".rss", ".atom"}
META_KEYS = ("title", "published", "outlet", "url", "authors")
SKIP_NAMES = {"manifest.json", "expected.json"}  # a corpus's manifest and gold, never inputs
MAX_FILE_BYTES = 16 * 1_048_576  # one text, HTML or feed file, a JSON array, or stdin
MAX_LINE_BYTES = MAX_FILE_BYTES  # one JSONL line

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
    max_bytes: int = 10_000_000  # a fetched URL
    max_file_bytes: int = MAX_FILE_BYTES  # a file
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
                    yield from _guard(partial(read_file, f, options, on_error, in_folder=True), str(f), on_error)
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


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; refuse FIFOs, devices and sockets without blocking on them."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file (a FIFO, device or socket); only files are read", input=str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(stream: BinaryIO, *, name: str, limit: int) -> bytes:
    """All of ``stream``, or LimitError when it holds more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitError(f"larger than the {_mb(limit)} limit for one document; split it, or give a JSONL file "
                         "with one article per line", input=name)
    return data


def _one_object(stream: BinaryIO, name: str, limit: int) -> dict[str, Any] | None:
    """A ``.json`` file that is one JSON object spread over lines (not JSONL, not an array), or None."""
    first = b""
    while not first.strip():  # the first line with anything on it
        line = stream.readline(limit)
        if not line:
            break
        first = line.lstrip(b"\xef\xbb\xbf")
    stream.seek(0)
    if not first.lstrip().startswith(b"{") or first.rstrip().endswith(b"}"):
        return None  # an array, or JSONL (an object a line)
    try:
        value = load_json(decode_bytes(read_capped(stream, name=name, limit=limit), name=name), name=name)
    except InputError:
        stream.seek(0)
        return None  # not one document: read as JSONL, line by line
    stream.seek(0)
    return value if isinstance(value, dict) else None


def _mb(n: int) -> str:
    return f"{n / 1_048_576:g} MB"


def read_file(path: Path, options: ReadOptions, on_error: ErrorSink, *, in_folder: bool = False) -> Iterator[RawItem]:
    name = str(path)
    ext = path.suffix.lower()
    with open_regular(path) as stream:
        if ext == ".json" and (whole := _one_object(stream, name, options.max_file_bytes)) is not None:
            if isinstance(whole.get("text") or whole.get("html"), str):
                yield from _row_item({"id": path.stem, **whole}, 1, name=name, stem=path.stem, on_error=on_error)
            else:  # a corpus's own metadata (a manifest, gold, notes): not an article
                problem = InputWarning if in_folder else InputError
                on_error(problem("a JSON object with no `text` or `html`: not an article; skipped", input=name))
            return
        if ext in JSONL_EXT:
            yield from read_jsonl_file(stream, name=name, stem=path.stem, on_error=on_error,
                                       max_line=options.max_file_bytes)
            return
        text = decode_bytes(read_capped(stream, name=name, limit=options.max_file_bytes), name=name, on_warning=on_error)
    if ext in FEED_EXT or (ext not in TEXT_EXT | HTML_EXT and _looks_like_feed(text)):
        from .feed import read_feed

        yield from read_feed(text, name=name, stem=path.stem, options=options, on_error=on_error)
    elif ext in HTML_EXT or (ext not in TEXT_EXT and _looks_like_html(text)):
        yield RawItem(path.stem, text, "html", name)
    else:
        yield RawItem(path.stem, text, "text", name)


def read_jsonl_file(stream: BinaryIO, *, name: str, stem: str, on_error: ErrorSink,
                    max_line: int = MAX_LINE_BYTES) -> Iterator[RawItem]:
    """A JSONL file, streamed a line at a time: a bad line (invalid JSON, a NUL byte, a line over
    ``max_line`` bytes, not UTF-8) is reported by number and the other lines are read. A file with
    a UTF-16/32 byte-order mark, or a JSON array, is read whole (up to ``max_line`` bytes)."""
    head = stream.read(4096)
    stream.seek(0)
    if bom_encoding(head) not in (None, ("utf-8", 3)) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        text = decode_bytes(read_capped(stream, name=name, limit=max_line), name=name, on_warning=on_error)
        yield from read_jsonl(text, name=name, stem=stem, on_error=on_error)
        return
    rows = 0
    for n, line in _lines(stream, max_line):
        if line is None:
            on_error(LimitError(f"line {n}: longer than the {_mb(max_line)} limit; line skipped", input=name))
            continue
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        rows += 1
        if b"\x00" in line:
            on_error(InputError(f"line {n}: a NUL byte (binary data); line skipped", input=name))
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode(LEGACY, errors="replace")
            on_error(InputWarning(f"line {n}: not UTF-8, read as Windows-1252; check it for mojibake", input=name))
        row = _json_line(text.rstrip("\r\n"), n, name, on_error)
        if row is not _BAD:
            yield from _row_item(row, n, name=name, stem=stem, on_error=on_error)
    if not rows:
        raise InputError("the file is empty", input=name)


def _lines(stream: BinaryIO, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) of a binary stream; None for a line over ``max_line`` bytes (skipped unread)."""
    n = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        n += 1
        if len(line) > max_line and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, line


_BAD = object()


def _json_line(line: str, n: int, name: str, on_error: ErrorSink) -> Any:
    try:
        return load_json(line, name=name)
    except InputError as exc:
        reason = str(exc.args[0]).removeprefix(f"{name}: ")
        on_error(type(exc)(f"line {n}: {reason}; the other lines are read", input=name))
        return _BAD


def read_jsonl(text: str, *, name: str, stem: str, on_error: ErrorSink) -> Iterator[RawItem]:
    """One article per line (``text`` or ``html`` plus metadata); a JSON array also works."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        rows = load_json(stripped, name=name)
        if not isinstance(rows, list):
            raise InputError("expected a JSON array of objects", input=name)
        for n, row in enumerate(rows, 1):
            yield from _row_item(row, n, name=name, stem=stem, on_error=on_error)
        return
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if "\x00" in line:
            on_error(InputError(f"line {n}: a NUL byte (binary data); line skipped", input=name))
            continue
        row = _json_line(line, n, name, on_error)
        if row is not _BAD:
            yield from _row_item(row, n, name=name, stem=stem, on_error=on_error)


def _row_item(row: Any, n: int, *, name: str, stem: str, on_error: ErrorSink) -> Iterator[RawItem]:
    """The article of one JSONL row; a row with a field of the wrong type is refused, never coerced."""
    where = f"{name}:{n}"
    if not isinstance(row, dict):
        on_error(InputError("expected a JSON object per line", input=where))
        return
    problem = row_problem(row)
    if problem:
        on_error(InputError(f"{problem}; line skipped", input=where))
        return
    body, fmt = row.get("text"), "text"
    if not body and row.get("html"):
        body, fmt = row["html"], "html"
    if not isinstance(body, str) or not body.strip():
        on_error(InputError("no `text` or `html` field with content", input=where))
        return
    meta = {k: row[k] for k in META_KEYS if row.get(k)}
    doc_id = row.get("id") or f"{stem}-{n}"
    yield RawItem(doc_id, body.replace("\r\n", "\n"), fmt, where, meta)  # type: ignore[arg-type]


def row_problem(row: dict[str, Any]) -> str | None:
    """What is wrong with the types of a row's fields (JSONL or manifest), or None."""
    from .documents import field_problem

    for key in ("id", "text", "html", *META_KEYS):
        if key in row and row[key] is not None:
            problem = field_problem(key, row[key])
            if problem:
                return problem
    return None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _looks_like_feed(text: str) -> bool:
    head = text[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _read_stdin() -> Iterator[RawItem]:
    data = read_capped(sys.stdin.buffer, name="stdin", limit=MAX_FILE_BYTES)
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
