"""Cluster documents about the same events into stories, one document at a time.

A document joins a story when either
- its text is a near-copy of a story member's (MinHash over word 3-shingles, banded LSH), or
- its most-mentioned canonical entities overlap the story's, weighted by rarity
  (idf over the whole corpus when given, else over the documents seen so far):
  ``score >= threshold``.
Syndicated copies (``duplicate_of``) join their original's story directly.

Candidates come from LSH buckets and entity postings (newest stories first, capped), so each
``add`` costs about the same however many documents came before.

The MinHash is computed here with numpy (crc32 token hashes, 64 affine permutations) rather
than with ``datasketch.MinHash``, which costs ~0.5 ms a document; the scheme is the same.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from ..model import Document, Story

__all__ = ["StoryIndex"]

_WORD = re.compile(r"[a-z0-9]+")
_PRIME = np.uint64((1 << 61) - 1)
_TITLE_STOP = frozenset("a an the of to in on for and or with by at from as is are was were be after over "
                        "says said new more its it this that his her their than up out into about how why what "
                        "who will has have had not".split())


@dataclass(slots=True)
class _Story:
    id: str
    docs: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    top: frozenset[str] = frozenset()
    titles: Counter[str] = field(default_factory=Counter)


class StoryIndex:
    """Incremental story clustering: ``add(doc, entity_ids) -> story id``.

    ``entity_ids`` may repeat an id once per mention; the most mentioned ones count.
    """

    def __init__(self, *, threshold: float = 0.5, top_k: int = 6, num_perm: int = 64, bands: int = 16,
                 max_words: int = 400, names: Mapping[str, str] | None = None,
                 doc_freq: Mapping[str, int] | None = None, n_docs: int = 0) -> None:
        self.threshold = threshold
        self.top_k = top_k
        self.bands = bands
        self.max_words = max_words
        self.names = names or {}
        rng = np.random.RandomState(20241223)
        self._a = rng.randint(1, 1 << 31, size=num_perm, dtype=np.int64).astype(np.uint64)
        self._b = rng.randint(0, 1 << 31, size=num_perm, dtype=np.int64).astype(np.uint64)
        self._rows = num_perm // bands
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
        self._stories: list[_Story] = []
        self._by_id: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._postings: dict[str, list[_Story]] = defaultdict(list)
        # document frequencies for idf: known up front (whole corpus) or counted as documents arrive
        self._df: Counter[str] = Counter(doc_freq or {})
        self._n = n_docs
        self._fixed_df = doc_freq is not None

    # public -------------------------------------------------------------------------------------
    def add(self, doc: Document, entity_ids: Iterable[str]) -> str:
        """Place one document in a story (new or existing) and return the story id."""
        if doc.id in self._story_of:
            return self._story_of[doc.id]
        counts = Counter(e for e in entity_ids if e)
        if not self._fixed_df:
            self._n += 1
            for e in counts:
                self._df[e] += 1
        # most mentioned first; among equals the rarer ones say more
        top = [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], self._df[kv[0]], kv[0]))[: self.top_k]]
        story = self._by_id.get(self._story_of.get(doc.duplicate_of or "", ""))
        signature = self._signature(doc)
        if story is None and signature is not None:
            story = self._near_copy(signature)
        if story is None and top:
            story = self._by_entities(top)
        if story is None:
            story = _Story(f"s{len(self._stories) + 1}")
            self._stories.append(story)
            self._by_id[story.id] = story
        self._join(story, doc, counts, signature)
        return story.id

    def story_of(self, doc_id: str) -> str | None:
        return self._story_of.get(doc_id)

    @property
    def assignments(self) -> Mapping[str, str]:
        return self._story_of

    def stories(self) -> tuple[Story, ...]:
        return tuple(Story(s.id, self._label(s), tuple(s.docs)) for s in self._stories)

    # internals ----------------------------------------------------------------------------------
    def _signature(self, doc: Document) -> np.ndarray | None:
        text = " ".join(doc.text[a:b] for a, b in doc.body) if doc.body else doc.text
        words = _WORD.findall(text.lower())[: self.max_words]
        if len(words) < 3:
            return None
        shingles = {zlib.crc32(" ".join(words[i:i + 3]).encode()) for i in range(len(words) - 2)}
        h = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
        hv = (self._a[:, None] * h[None, :] + self._b[:, None]) % _PRIME
        result: np.ndarray = hv.min(axis=1)
        return result

    def _bands(self, signature: np.ndarray) -> list[tuple[int, bytes]]:
        r = self._rows
        return [(b, signature[b * r:(b + 1) * r].tobytes()) for b in range(self.bands)]

    def _near_copy(self, signature: np.ndarray) -> _Story | None:
        votes: Counter[str] = Counter()
        for band in self._bands(signature):
            for doc_id in self._buckets.get(band, ())[-8:]:
                votes[doc_id] += 1
        if not votes:
            return None
        doc_id, hits = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
        if hits < 2:  # one shared band is a weak hint; two make a near copy likely
            return None
        return self._by_id[self._story_of[doc_id]]

    def _weight(self, e: str) -> float:
        return 1.0 + math.log((1 + self._n) / (1 + self._df[e]))

    def _by_entities(self, top: list[str]) -> _Story | None:
        seen: dict[str, _Story] = {}
        for e in sorted(top, key=lambda e: (self._df[e], e))[:4]:  # the rarest say the most
            for s in self._postings.get(e, ())[-16:]:
                seen[s.id] = s
        if not seen:
            return None
        weights = {e: self._weight(e) for e in top}
        total = sum(weights.values())
        best: tuple[float, int, str] | None = None
        best_story = None
        for s in seen.values():
            score = sum(weights[e] for e in s.top.intersection(weights)) / total
            cand = (score, len(s.docs), s.id)
            if score >= self.threshold and (best is None or cand > best):
                best, best_story = cand, s
        return best_story

    def _join(self, story: _Story, doc: Document, counts: Counter[str], signature: np.ndarray | None) -> None:
        story.docs.append(doc.id)
        self._story_of[doc.id] = story.id
        story.entities.update(counts)
        n = len(story.docs)
        if n <= 8 or n & (n - 1) == 0 or n % 64 == 0:  # refresh the profile now and then
            new_top = frozenset(e for e, _ in sorted(story.entities.items(),
                                                     key=lambda kv: (-kv[1], kv[0]))[: 2 * self.top_k])
            for e in new_top - story.top:
                self._postings[e].append(story)
            story.top = new_top
        if doc.title:
            story.titles.update(w for w in _WORD.findall(doc.title.lower()) if w not in _TITLE_STOP and len(w) > 2)
        if signature is not None:
            for band in self._bands(signature):
                self._buckets[band].append(doc.id)

    def _label(self, s: _Story) -> str:
        names = [self.names.get(e, e) for e, _ in sorted(s.entities.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        if names:
            return " / ".join(names)
        words = [w for w, _ in s.titles.most_common(4)]
        return " ".join(words) or s.id
