"""Bytes to text: a BOM's encoding, UTF-8, then a detected encoding; refuse binary and empty input.

A file that is mostly UTF-8 with some lines in a legacy encoding (a pasted Latin-1 line) is
decoded line by line, and a warning names the lines that were not UTF-8.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..errors import ClaimgraphError, InputError, InputWarning

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
# longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
LEGACY = "cp1252"  # the usual encoding of a non-UTF-8 line in Western news text
MAX_NAMED_LINES = 5

WarningSink = Callable[[ClaimgraphError], None]


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``data`` starts with a byte-order mark."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def decode_bytes(data: bytes, *, name: str, on_warning: WarningSink | None = None) -> str:
    """Decode ``data`` read from ``name``; raise InputError when it is not text."""
    if not data.strip():
        raise InputError("the file is empty", input=name)
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
                             f"(byte {exc.start + skip})", input=name) from exc
    else:
        if b"\x00" in data[:4096]:
            raise InputError("looks like a binary file (NUL bytes), not text", input=name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mixed(data, name, on_warning) or _detect(data, name)
    if not text.strip():
        raise InputError("the file has no text", input=name)
    controls = sum(1 for ch in text[:4096] if ord(ch) in _CONTROL)
    if controls > 0.05 * min(len(text), 4096):
        raise InputError("looks like a binary file (control characters), not text", input=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _mixed(data: bytes, name: str, on_warning: WarningSink | None) -> str | None:
    """UTF-8 with some lines in Windows-1252: decode each line on its own; None when no line is
    non-ASCII UTF-8 (then the whole file is in one legacy encoding)."""
    lines = data.split(b"\n")
    utf8 = 0
    legacy: list[int] = []
    out: list[str] = []
    for n, line in enumerate(lines, 1):
        try:
            out.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            legacy.append(n)
            out.append(line.decode(LEGACY, errors="replace"))
    if not utf8:
        return None
    if on_warning is not None:
        shown = ", ".join(str(n) for n in legacy[:MAX_NAMED_LINES]) + (" …" if len(legacy) > MAX_NAMED_LINES else "")
        on_warning(InputWarning(f"mixed encodings: {len(legacy)} line(s) are not UTF-8 and were read as "
                                f"Windows-1252 (line {shown}); check them for mojibake", input=name))
    return "\n".join(out)


def _detect(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("not UTF-8 and no text encoding could be detected", input=name)
    # short Latin-script text is often guessed as a Baltic or Central European code page;
    # Windows-1252 is far more common for such pages, so prefer it when it decodes cleanly
    guess = str(best)
    if all("LATIN" in unicodedata.name(ch, "") for ch in guess if ord(ch) > 127 and ch.isalpha()):
        try:
            text = data.decode("cp1252")
            if not any(0x80 <= ord(ch) <= 0x9F for ch in text):
                return text
        except UnicodeDecodeError:
            pass
    return guess
