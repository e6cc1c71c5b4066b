"""What an incremental reconcile keeps between runs, and how ids stay stable.

Pure functions and small classes, no I/O (``claimgraph.incremental`` reads and writes the store):

- ``StoryState``: one story's clustering state (its documents, entity and word counts, dates,
  people), saved after a run so that the next run can restore the stories new documents may
  join without reading their documents again;
- ``RestoredStoryIndex``: a ``StoryIndex`` that starts from saved states, then takes new
  documents through the unchanged ``StoryIndex.add`` and folds only the stories this run touched;
- ``stable_ids``: each new group (a story's documents, a figure's claims, an entity's doc-local
  ids) takes the id of the old group it shares most members with, each old id at most once;
  the rest get fresh ids. It also returns the lineage: which old groups each new one came from.

The join rules and thresholds stay in ``stories.py``, ``figures.py`` and ``entities.py``; this
module only saves and restores the state around them.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from .stories import StoryIndex, _Story

__all__ = ["Lineage", "RestoredStoryIndex", "StoryState", "stable_ids", "story_states"]


@dataclass(frozen=True, slots=True)
class StoryState:
    """One story as ``StoryIndex`` holds it (what decides which documents join it)."""

    id: str
    docs: tuple[str, ...]
    entities: tuple[tuple[str, int], ...]  # global entity id, mentions
    top: tuple[str, ...]  # the entities its candidates are looked up by
    titles: tuple[tuple[str, int], ...]
    words: tuple[tuple[str, int], ...]
    days: tuple[int, ...]
    people: tuple[str, ...]
    key_people: tuple[str, ...]
    streets: tuple[str, ...] = ()  # (states saved before streets were kept have none)

    def postings(self, n: int = 40) -> list[str]:
        """The words the story is found by: its ``n`` most frequent."""
        return [w for w, _ in sorted(self.words, key=lambda kv: (-kv[1], kv[0]))[:n]]


@dataclass(frozen=True, slots=True)
class Lineage:
    """An old id whose members went (partly) to an item of another id; ``new`` None: gone."""

    kind: str  # "entity", "story", "figure"
    old: str
    new: str | None
    shared: int  # members they share


def _state(st: _Story) -> StoryState:
    return StoryState(st.id, tuple(st.docs), tuple(sorted(st.entities.items())), tuple(sorted(st.top)),
                      tuple(sorted(st.titles.items())), tuple(sorted(st.words.items())), tuple(st.days),
                      tuple(sorted(st.people)), tuple(sorted(st.key_people)), tuple(sorted(st.streets)))


def story_states(index: StoryIndex, ids: Iterable[str] | None = None) -> list[StoryState]:
    """The states of the index's stories (of ``ids``, if given), after ``consolidate``."""
    wanted = None if ids is None else set(ids)
    return [_state(st) for st in index._stories if wanted is None or st.id in wanted]


class RestoredStoryIndex(StoryIndex):
    """A ``StoryIndex`` over saved stories: ``restore`` them, ``add`` new documents, then
    ``consolidate_touched`` folds only new stories and those that took a document."""

    def __init__(self, *, next_id: int, word_df: Mapping[str, int], n_words: int,
                 named_in: Mapping[str, Iterable[str]] = {}, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._made = next_id - 1  # new stories are s{next_id}, s{next_id + 1}, ...: never an old id
        self._word_df.update(word_df)
        self._n_words = n_words
        for person, stories in named_in.items():
            self._named_in[person].update(stories)
        self.restored: dict[str, int] = {}  # story id -> documents it had

    def restore(self, state: StoryState) -> None:
        st = _Story(state.id, list(state.docs), Counter(dict(state.entities)), frozenset(state.top),
                    Counter(dict(state.titles)), Counter(dict(state.words)), days=sorted(state.days),
                    people=set(state.people), key_people=set(state.key_people), streets=set(state.streets))
        self._stories.append(st)
        self._by_id[st.id] = st
        self.restored[st.id] = len(st.docs)
        for doc in st.docs:
            self._story_of[doc] = st.id
        for e in st.top:
            self._postings[e].append(st)
        for w in state.postings():
            self._word_postings[w].append(st)
        for e in st.people:
            self._named_in[e].add(st.id)

    def touched(self) -> set[str]:
        """Stories this run made or added documents to (folded ones are gone)."""
        return {st.id for st in self._stories if self.restored.get(st.id) != len(st.docs)}

    def consolidate_touched(self) -> dict[str, str]:
        """``consolidate`` over the touched stories only; returns folded id -> the id it went into."""
        everyone = self._stories
        touched = self.touched()
        before = {st.id: st for st in everyone if st.id in touched}
        self._stories = list(before.values())
        try:
            self.consolidate()
        finally:
            kept = {st.id for st in self._stories}
            self._stories = [st for st in everyone if st.id not in before or st.id in kept]
        return {sid: self._story_of[st.docs[0]] for sid, st in before.items() if sid not in kept and st.docs}


def add_days(days: list[int], more: Iterable[int]) -> None:
    for d in more:
        bisect.insort(days, d)


def stable_ids(new: Mapping[str, Collection[str]], old: Mapping[str, Collection[str]],
               fresh: Callable[[str], str], *, kind: str) -> tuple[dict[str, str], list[Lineage]]:
    """Map each new group (key: its provisional id) to an id: the old group it shares the most
    members with (largest overlaps first, each old id once), else ``fresh(provisional id)``.

    Lineage lists every (old id, final id) pair that share members where the two ids differ (a
    merge or a split), and old ids that share nothing with any new group (``new`` None)."""
    owner: dict[str, str] = {}
    for oid, members in old.items():
        for m in members:
            owner[m] = oid
    overlap: dict[str, Counter[str]] = defaultdict(Counter)
    for nid, members in new.items():
        for m in members:
            found = owner.get(m)
            if found is not None:
                overlap[nid][found] += 1
    pairs = sorted(((n, nid, oid) for nid, c in overlap.items() for oid, n in c.items()),
                   key=lambda t: (-t[0], t[1], t[2]))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for _n, nid, oid in pairs:
        if nid not in out and oid not in taken:
            out[nid] = oid
            taken.add(oid)
    for nid in new:
        if nid not in out:
            out[nid] = fresh(nid)
    lineage = [Lineage(kind, oid, out[nid], n) for nid, c in overlap.items() for oid, n in c.items()
               if out[nid] != oid]
    seen = {oid for c in overlap.values() for oid in c}
    lineage.extend(Lineage(kind, oid, None, 0) for oid in old if oid not in seen)
    lineage.sort(key=lambda r: (r.old, r.new or ""))
    return out, lineage


def id_number(ident: str) -> int:
    """The number of an id like ``e12`` or ``s3`` (0 when it has none)."""
    digits = ident[1:]
    return int(digits) if digits.isdigit() else 0
