"""Cluster documents about the same events into stories, one document at a time.

A document joins a story when either
- its text is a near-copy of a story member's (MinHash over word 3-shingles, banded LSH), or
- the cosine between its most-mentioned canonical entities and the story's entity profile
  (log counts, a square-rooted idf weight over the whole corpus when given, else over the
  documents seen so far) is at least ``threshold``.
Syndicated copies (``duplicate_of``) join their original's story directly.

Local news is full of the same kind of event in the same place (a shooting in one city), and
those share the city, the police and the words. So a document dated a week or more from every
member of a story joins it only when the texts are close, or when one names at least twice a
person the other names who is named in at most one other story (a victim, a suspect: not a
police spokesman); months apart it needs both signals strongly.

Candidates come from LSH buckets and entity postings (newest stories first, capped), so each
``add`` costs about the same however many documents came before. The text cosine is over all
of a document's words (its 40 heaviest only find the candidates): a short article's own words
weigh most, and a cut to the heaviest would drop the shared ones that tie it to its story.

The MinHash is computed here with numpy (crc32 token hashes, 64 affine permutations) rather
than with ``datasketch.MinHash``, which costs ~0.5 ms a document; the scheme is the same.
"""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from ..model import Document, Story
from ._text import streets as _streets

__all__ = ["StoryIndex"]

_WORD = re.compile(r"[a-z0-9]+")
_PRIME = np.uint64((1 << 61) - 1)
_TITLE_STOP = frozenset("a an the of to in on for and or with by at from as is are was were be after over "
                        "says said new more its it this that his her their than up out into about how why what "
                        "who will has have had not".split())


_STOP = frozenset("also been were would could should which there their they them this those these than then "
                  "when where while what whom your from have says said told after before other over into about "
                  "more most some such only very just like year years week weeks day days month months people "
                  "percent million billion thousand according report reported reports officials official".split())


@dataclass(slots=True)
class _Story:
    id: str
    docs: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    top: frozenset[str] = frozenset()
    titles: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    profile: dict[str, float] = field(default_factory=dict)  # cached TF-IDF of ``words``
    profile_norm: float = 0.0
    eprofile: dict[str, float] = field(default_factory=dict)  # cached weights of ``top`` entities
    eprofile_norm: float = 0.0
    days: list[int] = field(default_factory=list)  # the members' dates, as day numbers
    people: set[str] = field(default_factory=set)  # the people its members name
    key_people: set[str] = field(default_factory=set)  # the people some member names at least twice
    streets: set[str] = field(default_factory=set)  # the streets its members name


class StoryIndex:
    """Incremental story clustering: ``add(doc, entity_ids) -> story id``.

    ``entity_ids`` may repeat an id once per mention; the most mentioned ones count.
    """

    def __init__(self, *, threshold: float = 0.18, text_threshold: float = 0.07, fold_max: int = 6, near_copies: bool = True, top_k: int = 8, num_perm: int = 64, bands: int = 16,
                 max_words: int = 400, names: Mapping[str, str] | None = None,
                 doc_freq: Mapping[str, int] | None = None, n_docs: int = 0, max_gap: int = 120,
                 near_days: int = 7, kinds: Mapping[str, str] | None = None,
                 roundups: frozenset[str] = frozenset()) -> None:
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
        self._made = 0
        self._by_id: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._postings: dict[str, list[_Story]] = defaultdict(list)
        # document frequencies for idf: known up front (whole corpus) or counted as documents arrive
        self._df: Counter[str] = Counter(doc_freq or {})
        self._n = n_docs
        self._fixed_df = doc_freq is not None
        self._word_df: Counter[str] = Counter()
        self._word_postings: dict[str, list[_Story]] = defaultdict(list)
        self.text_threshold = text_threshold
        self.fold_max = fold_max
        self.near_copies = near_copies
        self.max_gap = max_gap
        self.near_days = near_days
        self.kinds = kinds or {}
        self.roundups = roundups  # documents telling of many events: they join, they don't bridge
        self._named_in: dict[str, set[str]] = defaultdict(set)  # person -> the stories naming them
        self.streets_of: dict[str, frozenset[str]] = {}  # document -> the streets it names (for figures too)

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
        signature = self._signature(doc) if self.near_copies else None
        if story is None and signature is not None:
            story = self._near_copy(signature)
        words = self._words(doc)
        day = _day(doc.date)
        streets = self.streets_of[doc.id] = _streets(doc)
        if story is None and (top or words):
            story = self._best_story(counts, top, words, days=[day] if day is not None else [], streets=streets)
        if story is None:
            self._made += 1
            story = _Story(f"s{self._made}")
            self._stories.append(story)
            self._by_id[story.id] = story
        if doc.id in self.roundups and len(story.docs) > 0:
            story.docs.append(doc.id)  # a member, but no bridge to other events: its words stay out
            self._story_of[doc.id] = story.id
            return story.id
        self._join(story, doc, counts, signature)
        self._join_words(story, words)
        story.streets |= streets
        return story.id

    def story_of(self, doc_id: str) -> str | None:
        return self._story_of.get(doc_id)

    @property
    def assignments(self) -> Mapping[str, str]:
        return self._story_of

    def stories(self) -> tuple[Story, ...]:
        self.consolidate()
        return tuple(Story(s.id, self._label(s), tuple(s.docs)) for s in self._stories)

    def consolidate(self) -> int:
        """Fold each small story (``fold_max`` documents or fewer) into a larger one it
        resembles, now that the larger one's profile is richer.

        An early article can start a story of its own before the main story has gathered the
        entities and words they share; a pass over the small stories, smallest first, fixes
        that. Returns how many stories were folded."""
        folded = 0
        for small in sorted(self._stories, key=lambda st: (len(st.docs), st.id)):
            if small.id not in self._by_id or len(small.docs) > self.fold_max:
                continue
            top = [e for e, _ in small.entities.most_common(self.top_k)]
            # the best of the stories at least as large: a closer but smaller one will fold
            # into its own larger neighbour later, not take this one in
            target = self._best_story(small.entities, top, small.words, exclude=small.id,
                                      loose=len(small.docs) <= 1, min_docs=len(small.docs), days=small.days,
                                      streets=small.streets)
            if target is None:
                continue
            for doc_id in small.docs:
                target.docs.append(doc_id)
                self._story_of[doc_id] = target.id
            target.entities.update(small.entities)
            target.words.update(small.words)
            target.titles.update(small.titles)
            target.people |= small.people
            for e in small.people:
                self._named_in[e].discard(small.id)
                self._named_in[e].add(target.id)
            target.key_people |= small.key_people
            target.streets |= small.streets
            for d in small.days:
                bisect.insort(target.days, d)
            self._refresh_profile(target)
            new_top = frozenset(e for e, _ in target.entities.most_common(2 * self.top_k))
            for e in new_top - target.top:
                self._postings[e].append(target)
            target.top = new_top
            self._refresh_entities(target)
            del self._by_id[small.id]
            folded += 1
        if folded:  # one pass, not a list.remove per folded story
            self._stories = [s for s in self._stories if s.id in self._by_id]
        return folded

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
        # a gentle rarity weight: in a corpus about one event its main entities are everywhere,
        # and they are exactly what ties the documents together
        return math.sqrt(1.0 + math.log((1 + self._n) / (1 + self._df[e])))

    def _joins(self, ent: float, text: float, *, loose: bool = False, strong: bool = False,
               far: bool = False) -> bool:
        """Both signals moderately, or one of them strongly; ``loose``: either one moderately
        (for a stray document, where the alternative is a story of its own); ``far``: the text
        strongly, or both together (for a document dated a week or more from every member of
        the story); ``strong``: both strongly (for one dated months from them)."""
        if far:
            return text >= 3 * self.text_threshold or ent + text >= 2.5 * self.threshold
        if strong:
            return ent >= 2 * self.threshold and text >= 2.5 * self.text_threshold
        if loose:
            return ent >= self.threshold or text >= 1.4 * self.text_threshold
        return (ent >= self.threshold and text >= self.text_threshold) or ent >= 2 * self.threshold \
            or text >= 2.5 * self.text_threshold

    def _candidates(self, top: list[str], vec: dict[str, float], limit: int = 10) -> dict[str, _Story]:
        """The stories sharing the most entity and word postings with a document."""
        hits: dict[str, int] = {}  # a plain dict: Counter's += costs twice as much; same order, same ranking
        by_id: dict[str, _Story] = {}
        get = hits.get
        # an entity shared is worth two words shared; the newest stories of each posting count
        for keys, postings, newest, worth in ((top, self._postings, 16, 2), (vec, self._word_postings, 8, 1)):
            for key in keys:
                if key in postings:
                    for st in postings[key][-newest:]:
                        k = st.id
                        n = get(k)
                        if n is None:
                            hits[k] = worth
                            by_id[k] = st
                        else:
                            hits[k] = n + worth
        return {k: by_id[k] for k, _ in heapq.nlargest(limit, hits.items(), key=itemgetter(1))}

    def _best_story(self, counts: Counter[str], top: list[str], words: Counter[str], *,
                    exclude: str | None = None, loose: bool = False, min_docs: int = 0,
                    days: list[int] | None = None, streets: set[str] | frozenset[str] = frozenset()) -> _Story | None:
        """The story closest to the document by entity cosine plus text (TF-IDF) cosine.

        A document joins when both similarities clear their thresholds, or one clears it by
        far (``_joins``): entities tie short articles about one event (the dam, the towns),
        words tie articles whose named entities differ. Story profiles are cached and refreshed
        as a story grows."""
        people, key = self._people(counts)
        n1, wdf, log, log1p = 1 + self._n_words, self._word_df, math.log, math.log1p  # _idf, inlined
        full = {w: log1p(c) * (log(n1 / (1 + wdf[w])) + 1.0) for w, c in words.items()}
        vec = dict(heapq.nlargest(40, full.items(), key=lambda kv: kv[1]))  # the heaviest find candidates
        seen = {k: st for k, st in self._candidates(top, vec).items()
                if k != exclude and k in self._by_id and len(st.docs) >= min_docs}
        if not seen:
            return None
        ent_vec = {e: math.log1p(counts[e]) * self._weight(e) for e in top}
        ent_norm = math.sqrt(sum(v * v for v in ent_vec.values()))
        # the cosine is over all the document's words: cut to its 40 heaviest, a short article
        # keeps only words no other article has yet used (the rarest weigh most) and loses the
        # shared ones ("earthquake", the province) that tie it to its story
        vec = full
        word_norm = math.sqrt(sum(v * v for v in vec.values()))
        best: tuple[float, int, str] | None = None
        best_story = None
        for st in seen.values():
            if not st.eprofile and st.top:
                self._refresh_entities(st)
            denom = ent_norm * st.eprofile_norm
            ent = sum([v * st.eprofile.get(e, 0.0) for e, v in ent_vec.items()]) / denom if denom else 0.0
            if not st.profile:
                self._refresh_profile(st)
            denom = word_norm * st.profile_norm
            prof = st.profile
            text = sum([v * vec[w] for w, v in prof.items() if w in vec]) / denom if denom else 0.0
            if not self._joins(ent, text, loose=loose):
                continue
            gap = _gap(days, st.days) if days and st.days else 0
            if gap > self.max_gap and not self._joins(ent, text, strong=True):
                continue  # the same kind of event in the same place, months apart: another story
            if gap > self.near_days:
                shared = self._shared_people(people, key, st)
                if not (shared or self._joins(ent, text, far=True)):
                    continue  # ... or a week or more apart, unless the texts tell the same story
                if not shared and streets and st.streets and not streets & st.streets:
                    continue  # ... on other streets
            cand = (ent + text, len(st.docs), st.id)
            if best is None or cand > best:
                best, best_story = cand, st
        return best_story

    def _people(self, counts: Counter[str]) -> tuple[set[str], set[str]]:
        """The people named, and those named at least twice (the ones a text is about)."""
        people = {e for e in counts if self.kinds.get(e) == "PERSON"}
        return people, {e for e in people if counts[e] >= 2}

    def _shared_people(self, people: set[str], key: set[str], st: _Story) -> bool:
        """Whether one names, at least twice, someone the other names who no other story names
        in more than one other story (a victim, a suspect; not a police spokesman or a hospital read as a
        name)."""
        shared = (key & st.people) | (st.key_people & people)
        return any(len(self._named_in[e] - {st.id}) <= 1 for e in shared)

    def _words(self, doc: Document) -> Counter[str]:
        text = " ".join(doc.text[a:b] for a, b in doc.body) if doc.body else doc.text
        words = Counter([w for w in _WORD.findall(text.lower())[: self.max_words]
                         if len(w) > 3 and not w.isdigit() and w not in _TITLE_STOP and w not in _STOP])
        self._n_words = getattr(self, "_n_words", 0) + 1
        self._word_df.update(words.keys())
        return words

    def _idf(self, w: str) -> float:
        return math.log((1 + self._n_words) / (1 + self._word_df[w])) + 1.0

    def _tfidf(self, counts: Counter[str], limit: int) -> dict[str, float]:
        vec = {w: math.log1p(c) * self._idf(w) for w, c in counts.items()}
        return dict(sorted(vec.items(), key=lambda kv: -kv[1])[:limit])

    def _refresh_entities(self, story: _Story) -> None:
        story.eprofile = {e: math.log1p(story.entities[e]) * self._weight(e) for e in story.top}
        story.eprofile_norm = math.sqrt(sum(v * v for v in story.eprofile.values()))

    def _refresh_profile(self, story: _Story) -> None:
        story.profile = self._tfidf(story.words, 80)
        story.profile_norm = math.sqrt(sum(v * v for v in story.profile.values()))

    def _join_words(self, story: _Story, words: Counter[str]) -> None:
        story.words.update(words)
        if len(story.words) > 400:  # keep the profile small: its most frequent words
            story.words = Counter(dict(story.words.most_common(300)))
        n = len(story.docs)
        if n <= 8 or n & (n - 1) == 0 or n % 64 == 0:  # refresh now and then, as for entities
            self._refresh_profile(story)
        for w in self._tfidf(words, 40):
            if not self._word_postings[w] or self._word_postings[w][-1] is not story:
                self._word_postings[w].append(story)

    def _join(self, story: _Story, doc: Document, counts: Counter[str], signature: np.ndarray | None) -> None:
        story.docs.append(doc.id)
        self._story_of[doc.id] = story.id
        day = _day(doc.date)
        if day is not None:
            bisect.insort(story.days, day)
        story.entities.update(counts)
        people, key = self._people(counts)
        story.people |= people
        for e in people:
            self._named_in[e].add(story.id)
        story.key_people |= key
        n = len(story.docs)
        if n <= 8 or n & (n - 1) == 0 or n % 64 == 0:  # refresh the profile now and then
            new_top = frozenset(e for e, _ in sorted(story.entities.items(),
                                                     key=lambda kv: (-kv[1], kv[0]))[: 2 * self.top_k])
            for e in new_top - story.top:
                self._postings[e].append(story)
            story.top = new_top
            self._refresh_entities(story)
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


def _day(date: str | None) -> int | None:
    """A document's date as a day number (None when it has no day)."""
    if not date or len(date) < 10:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _gap(days: list[int], others: list[int]) -> int:
    """Days between the nearest two of two sets of dates (``others`` sorted)."""
    best = 1 << 30
    for a in days:
        k = bisect.bisect_left(others, a)
        for j in (k - 1, k):
            if 0 <= j < len(others):
                best = min(best, abs(a - others[j]))
    return best
