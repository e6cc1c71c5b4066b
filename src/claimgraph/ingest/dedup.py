"""Exact and near-duplicate links between documents (syndicated copies are linked, not dropped)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Document

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.7
LSH_THRESHOLD = 0.5


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def _body_text(doc: Document) -> str:
    if not doc.body:
        return doc.text
    return "\n".join(doc.text[s:e] for s, e in doc.body)


def _order(doc: Document) -> tuple[str, str]:
    return (doc.date or "9999", doc.id)


def find_duplicates(docs: Sequence[Document]) -> dict[str, str]:
    """Map each copy's id to the id of the earliest document it duplicates.

    Exact copies share a checksum; near copies have a MinHash Jaccard estimate
    over word 5-shingles of their body of at least ``THRESHOLD``. The original
    is the earliest published (then smallest id) of its group.
    """
    from datasketch import MinHash, MinHashLSH

    links: dict[str, str] = {}
    by_sum: dict[str, Document] = {}
    for doc in sorted(docs, key=_order):
        first = by_sum.setdefault(doc.checksum, doc)
        if first is not doc:
            links[doc.id] = first.id
    rest = [d for d in sorted(docs, key=_order) if d.id not in links]
    by_id = {d.id: d for d in rest}
    # LSH bands tuned to a lower threshold find candidates the estimate puts just under the bar;
    # the estimated Jaccard then decides
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for doc in rest:
        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch(list(_shingles(_body_text(doc))))
        candidates = [c for c in lsh.query(mh) if mh.jaccard(hashes[c]) >= THRESHOLD]
        if candidates:
            original = min(candidates, key=lambda c: _order(by_id[c]))
            links[doc.id] = links.get(original, original)
        hashes[doc.id] = mh
        lsh.insert(doc.id, mh)
    return links
