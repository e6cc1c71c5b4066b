"""Exact and near-duplicate links between documents (syndicated copies are linked, not dropped).

A document's signature is a MinHash over word 5-shingles of its body, cut into LSH bands.
:func:`find_duplicates` links a list of documents; :func:`update_duplicates` links the documents
of one ingest against a store, reading only their neighbours through the stored band index:
the groups it re-links are the ones the new documents join, so an upload to a large store
costs about what a small one does. Both give the same links.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

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
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch(list(_shingles(_body_text(doc))))
    return Signature(doc.id, doc.checksum, doc.date or "9999", mh.hashvalues.astype("<u8").tobytes())


@cache
def _ranges() -> tuple[tuple[int, int], ...]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return tuple((i * lsh.r * 8, (i + 1) * lsh.r * 8) for i in range(lsh.b))  # byte ranges of the bands


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
