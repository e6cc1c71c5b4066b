"""Exact and near-duplicate links between documents (syndicated copies are linked, not dropped).

A document's signature is a MinHash over word 5-shingles of its body, cut into LSH bands. The
MinHash is datasketch's (2.x, its default "affine32" scheme, seed 1, SHA-1 of each shingle), and
the bands are those its ``MinHashLSH`` picks for ``LSH_THRESHOLD``; both are computed here, so a
run does not import datasketch (and, through it, scipy): a test checks them against datasketch.
:func:`find_duplicates` links a list of documents; :func:`update_duplicates` links the documents
of one ingest against a store, reading only their neighbours through the stored band index:
the groups it re-links are the ones the new documents join, so an upload to a large store
costs about what a small one does. Both give the same links.
"""
from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..model import Document

if TYPE_CHECKING:
    from ..store.protocol import Store

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.7
LSH_THRESHOLD = 0.5  # bands tuned lower than THRESHOLD find pairs the estimate puts just under it


@dataclass(frozen=True, slots=True)
class Signature:
    doc: str
    checksum: str
    order: str  # the date that decides which copy is the original ("9999" when none)
    hashes: bytes  # MinHash values, little-endian uint64

    def key(self) -> tuple[str, str]:
        return (self.order, self.doc)


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def _body_text(doc: Document) -> str:
    if not doc.body:
        return doc.text
    return "\n".join(doc.text[s:e] for s, e in doc.body)


def signature(doc: Document) -> Signature:
    hashes = minhash(_shingles(_body_text(doc)))
    return Signature(doc.id, doc.checksum, doc.date or "9999", hashes.astype("<u8").tobytes())


SEED = 1
BANDS, ROWS = 25, 5  # what datasketch's MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM) picks
_EMPTY = (1 << 32) - 1


@cache
def _permutations() -> tuple[Any, Any]:
    """datasketch's affine permutations h -> a * h + b (mod 2**32), a odd, drawn with its seed."""
    import numpy as np

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(shingles: Iterable[bytes]) -> Any:
    """The ``NUM_PERM`` MinHash values (uint32) of a set of shingles, as datasketch's
    ``MinHash(num_perm=NUM_PERM)`` with ``update_batch`` computes them."""
    import numpy as np

    values = [struct.unpack("<I", hashlib.sha1(s).digest()[:4])[0] for s in shingles]
    if not values:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    hv = np.array(values, dtype=np.uint32)
    hv ^= hv >> np.uint32(16)  # the MurmurHash3 finalizer, datasketch's pre-mix
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    a, b = _permutations()
    return (hv.reshape(-1, 1) * a + b).min(axis=0)


@cache
def _ranges() -> tuple[tuple[int, int], ...]:
    return tuple((i * ROWS * 8, (i + 1) * ROWS * 8) for i in range(BANDS))  # byte ranges of the bands


def bands(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band: two documents sharing a key are candidates."""
    return [int.from_bytes(hashlib.blake2b(bytes([i]) + sig.hashes[a:b], digest_size=8).digest(), "little",
                           signed=True) for i, (a, b) in enumerate(_ranges())]


def _jaccard(a: Signature, b: Signature) -> float:
    import numpy as np

    x, y = np.frombuffer(a.hashes, dtype="<u8"), np.frombuffer(b.hashes, dtype="<u8")
    return float(np.count_nonzero(x == y)) / len(x)


def link(sigs: Sequence[Signature]) -> dict[str, str]:
    """Map each copy's id to the id of the earliest document it duplicates.

    Exact copies share a checksum; near copies share an LSH band and have a MinHash Jaccard
    estimate of at least ``THRESHOLD``. The original is the earliest (then smallest id) of its
    group.
    """
    ordered = sorted(sigs, key=Signature.key)
    links: dict[str, str] = {}
    by_sum: dict[str, Signature] = {}
    for s in ordered:
        first = by_sum.setdefault(s.checksum, s)
        if first is not s:
            links[s.doc] = first.doc
    rest = [s for s in ordered if s.doc not in links]
    seen: dict[str, Signature] = {}
    table: dict[int, list[str]] = {}
    for s in rest:
        keys = bands(s)
        near = {c for k in keys for c in table.get(k, ())}
        found = [seen[c] for c in near if _jaccard(s, seen[c]) >= THRESHOLD]
        if found:
            original = min(found, key=Signature.key).doc
            links[s.doc] = links.get(original, original)
        seen[s.doc] = s
        for k in keys:
            table.setdefault(k, []).append(s.doc)
    return links


def find_duplicates(docs: Sequence[Document]) -> dict[str, str]:
    """The duplicate links among ``docs`` (see :func:`link`)."""
    return link([signature(d) for d in docs])


MAX_GROUP = 5000  # a cluster of near copies larger than this is linked as far as it was read


def update_duplicates(store: Store, ids: Iterable[str]) -> None:
    """Link the documents ``ids`` (new or changed) within ``store``: sign them (and any stored
    document without a current signature), then re-link only the groups they touch."""
    with store.transaction():
        seeds = set(ids) | set(store.unsigned_documents())
        fresh = [signature(d) for d in store.documents(sorted(seeds))]
        store.save_signatures([(s.doc, s.checksum, s.order, s.hashes, bands(s)) for s in fresh])
        seeds |= store.linked_to(seeds)  # copies of a changed document may now stand alone
        group: dict[str, Signature] = {}  # the seeds and every document they reach through bands or checksums
        todo = sorted(seeds)
        while todo and len(group) < MAX_GROUP:
            found = store.signatures(todo)
            group.update(found)
            todo = []
            for s in found.values():
                neighbours = store.band_neighbours(bands(s)) | store.same_checksum(s.checksum)
                todo.extend(n for n in neighbours if n not in group)
            todo = sorted(set(todo))
        store.set_duplicates(link(list(group.values())), ids=group)
