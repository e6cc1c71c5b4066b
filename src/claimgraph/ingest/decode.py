"""Bytes to text: UTF-8 first, then a detected encoding; refuse binary and empty input."""
from __future__ import annotations

import unicodedata

from ..errors import InputError

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode ``data`` read from ``name``; raise InputError when it is not text."""
    if not data.strip():
        raise InputError("the file is empty", input=name)
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("looks like a binary file (NUL bytes), not text", input=name)
    if head.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, name)
    if not text.strip():
        raise InputError("the file has no text", input=name)
    controls = sum(1 for ch in text[:4096] if ord(ch) in _CONTROL)
    if controls > 0.05 * min(len(text), 4096):
        raise InputError("looks like a binary file (control characters), not text", input=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
