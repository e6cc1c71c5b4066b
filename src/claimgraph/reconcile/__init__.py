"""Reconcile a corpus: canonical entities, figures with verdicts and origins, stories, a timeline.

Pure functions over model objects; no I/O beyond reading the packaged name tables.

    reconcile(documents, extractions) -> Reconciled
"""
from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..model import Document, Entity, Extraction, Figure, Story, TimelineEvent
from .entities import EntityIndex, merge_entities
from .figures import FigureResult, build_figures, figure_of, group_figures
from .origins import OriginReport, OriginResolver, root_document
from .stories import StoryIndex
from .timeline import build_timeline
from .verdicts import Judgement, Reading, judge

__all__ = [
    "EntityIndex",
    "FigureResult",
    "Judgement",
    "OriginReport",
    "OriginResolver",
    "Reading",
    "Reconciled",
    "StoryIndex",
    "build_figures",
    "build_timeline",
    "figure_of",
    "group_figures",
    "judge",
    "merge_entities",
    "reconcile",
    "root_document",
]


@dataclass(frozen=True, slots=True)
class Reconciled:
    entities: tuple[Entity, ...]
    entity_of: Mapping[str, str]  # doc-local entity id -> global id
    figures: tuple[Figure, ...]
    claim_figure: Mapping[str, str]  # claim id -> figure id
    stories: tuple[Story, ...]
    timeline: tuple[TimelineEvent, ...]
    story_of: Mapping[str, str] = field(default_factory=dict)  # document id -> story id
    origins: Mapping[str, tuple[OriginReport, ...]] = field(default_factory=dict)  # figure id -> reports
    index: EntityIndex | None = field(default=None, compare=False, repr=False)
    story_index: StoryIndex | None = field(default=None, compare=False, repr=False)  # its state is saved


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Reconcile allocates millions of small acyclic objects; the cyclic GC only slows it (~30%)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _plain(name: str | None) -> str:
    return " ".join(w for w in (name or "").lower().replace("’", "'").split() if w != "the")


def _roundups(extractions: Sequence[Extraction]) -> frozenset[str]:
    """Documents stating four or more tolls of people (killed, wounded, shot) with different values:
    a city's weekend of shootings, not one event."""
    out = set()
    for ext in extractions:
        tolls = {(c.measure, c.quantity.low) for c in ext.claims
                 if c.measure in ("killed", "wounded", "shot") and c.quantity.qualifier != "implied"}
        if len(tolls) >= 4:
            out.add(ext.doc)
    return frozenset(out)


def reconcile(documents: Sequence[Document], extractions: Sequence[Extraction]) -> Reconciled:
    """Everything reconcile knows about a corpus, from its documents and their extractions."""
    with _gc_paused():
        return _reconcile(documents, extractions)


def _reconcile(documents: Sequence[Document], extractions: Sequence[Extraction]) -> Reconciled:
    docs = {d.id: d for d in documents}
    index = merge_entities(extractions)
    mentions: dict[str, list[str]] = {}
    for ext in extractions:
        ids = mentions.setdefault(ext.doc, [])
        own = _plain(docs[ext.doc].outlet) if ext.doc in docs else ""
        for ent in ext.entities:
            gid = index.entity_of.get(ent.id)
            if gid and not (own and _plain(index.name(gid)) in own):  # "told the Blaze": not the topic
                ids.extend([gid] * max(1, len(ent.mentions)))
    doc_freq: Counter[str] = Counter()
    for ids in mentions.values():
        doc_freq.update(set(ids))
    # copies are already linked by ingest (duplicate_of), so no MinHash pass here
    story_index = StoryIndex(names={e.id: e.name for e in index.entities}, kinds={e.id: e.type for e in index.entities},
                             roundups=_roundups(extractions),
                             doc_freq=doc_freq, near_copies=False,
                             n_docs=max(len(documents), len(mentions)))
    ordered = sorted(documents, key=lambda d: (d.duplicate_of is not None, d.published or "9999", d.id))
    for doc in ordered:
        story_index.add(doc, mentions.get(doc.id, ()))
    stories = story_index.stories()  # consolidated: the assignments below are final
    claims = [c for ext in extractions for c in ext.claims]
    story_of = dict(story_index.assignments)
    result = build_figures(claims, docs, index, story_of=story_of, places=story_index.streets_of)
    timeline = build_timeline(extractions, docs, result.claim_figure, result.figures)
    return Reconciled(
        entities=index.entities,
        entity_of=index.entity_of,
        figures=result.figures,
        claim_figure=result.claim_figure,
        stories=stories,
        timeline=timeline,
        story_of=story_of,
        origins=result.origins,
        index=index,
        story_index=story_index,
    )
