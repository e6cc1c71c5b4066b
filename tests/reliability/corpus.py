"""A fuzz corpus of bad inputs, generated in code, next to good ones that must all go in.

``build(root)`` writes the files and returns what each should give: a good input's document
ids, and for a bad input a piece of the error that must name it. ``benchmarks/robustness.py``
uses the same corpus with the NLP, the tests without.
"""
from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

GOOD_TEXT = "Officials said at least {n} people died and about 3,000 fled the flooded town of Velden on Monday.\n"


@dataclass(slots=True)
class Corpus:
    inputs: list[str] = field(default_factory=list)  # paths to give the run, in order
    good: set[str] = field(default_factory=set)  # document ids that must be stored
    bad: dict[str, str] = field(default_factory=dict)  # input name → text its error must hold
    warned: set[str] = field(default_factory=set)  # inputs that go in with a warning


def build(root: Path, *, seed: int = 11, random_files: int = 30, big: bool = True) -> Corpus:
    root.mkdir(parents=True, exist_ok=True)
    c = Corpus()
    n = 0

    def good_text() -> str:
        nonlocal n
        n += 1
        return GOOD_TEXT.format(n=n)

    def put(name: str, data: bytes, *, ids: tuple[str, ...] = (), error: str | None = None) -> Path:
        path = root / name
        path.write_bytes(data)
        c.inputs.append(str(path))
        c.good.update(ids)
        if error is not None:
            c.bad[str(path)] = error
        return path

    line = lambda i, text: json.dumps({"id": i, "text": text}).encode() + b"\n"  # noqa: E731
    put("plain.txt", good_text().encode(), ids=("plain",))
    put("utf16.txt", good_text().encode("utf-16"), ids=("utf16",))
    put("utf16be.txt", b"\xfe\xff" + good_text().encode("utf-16-be"), ids=("utf16be",))
    put("utf32.txt", good_text().encode("utf-32"), ids=("utf32",))
    put("bom8.txt", b"\xef\xbb\xbf" + good_text().encode(), ids=("bom8",))
    c.warned.add(str(put("mixed.txt", "Zürich: ".encode() + good_text().encode() + "Genève: 4 more.\n".encode("latin-1"),
                         ids=("mixed",))))
    put("empty.txt", b"", error="the file is empty")
    put("blank.txt", b" \n\t\n", error="the file is empty")
    put("blob.txt", bytes(range(256)) * 8, error="binary")
    put("nul.jsonl", line("nul-ok", good_text()) + b'{"id": "nul-bad", "text": "5 bo\x00ats"}\n',
        ids=("nul-ok",), error="line 2: a NUL byte")
    put("digits.jsonl", b'{"id": "digits-bad", "text": "x", "n": ' + b"9" * 5000 + b"}\n" + line("digits-ok", good_text()),
        ids=("digits-ok",), error="5000 digits")
    put("deep.jsonl", b'{"id": "deep-bad", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n" + line("deep-ok", good_text()),
        ids=("deep-ok",), error="nested more than")
    put("deeparray.json", b"[" * 60_000 + b"]" * 60_000, error="nested more than")
    put("types.jsonl", b"".join([
        json.dumps({"id": ["a", "b"], "text": good_text()}).encode() + b"\n",
        json.dumps({"id": "types-date", "text": good_text(), "published": "2024-13-45"}).encode() + b"\n",
        json.dumps({"id": "types-ok", "text": good_text(), "published": "2024-12-23", "authors": ["A. Writer"]}).encode()
        + b"\n"]), ids=("types-ok",), error="field `id` must be a string")
    put("broken.jsonl", line("broken-ok", good_text()) + b"{oops\n", ids=("broken-ok",), error="line 2: invalid JSON")
    put("deep.html", (b"<html><body>" + b"<div>" * 3000 + b"<p>" + good_text().encode() + b"</p>" + b"</div>" * 3000
                      + b"</body></html>"), ids=("deep",))
    long_para = ("The council said 12 bridges were closed and 40 roads were flooded across the region. " * 3000)
    put("long.txt", (long_para + "\n" + long_para).encode(), ids=("long",))
    if big:
        put("huge.txt", b"word " * (17 * 1_048_576 // 5), error="larger than the 16 MB limit")
    if hasattr(os, "mkfifo"):
        fifo = root / "fifo.txt"
        os.mkfifo(fifo)
        c.inputs.append(str(fifo))
        c.bad[str(fifo)] = "not a regular file"
    if Path("/dev/zero").exists():
        zero = root / "zero.txt"
        zero.symlink_to("/dev/zero")
        c.inputs.append(str(zero))
        c.bad[str(zero)] = "not a regular file"
    c.inputs.append(str(root / "missing.txt"))
    c.bad[str(root / "missing.txt")] = "no such file"
    rng = random.Random(seed)
    for i in range(random_files):  # random bytes under each reader: any outcome but a crash
        ext = rng.choice([".txt", ".html", ".jsonl", ".json", ".xml"])
        path = root / f"random-{i}{ext}"
        path.write_bytes(rng.randbytes(rng.randint(0, 3000)))
        c.inputs.append(str(path))
    return c
