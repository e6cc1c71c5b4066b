"""Model objects → the ``claimgraph/1`` JSON export (see DESIGN.md)."""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .labels import document_label, outlet_label
from .model import Claim, Document, Entity, Extraction, Figure, Story, TimelineEvent

SCHEMA = "claimgraph/1"


def _num(x: float | None) -> float | int | None:
    if x is None or (isinstance(x, float) and (math.isinf(x) or math.isnan(x))):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def document_json(d: Document) -> dict[str, Any]:
    return {
        "id": d.id, "text": d.text, "body": [list(b) for b in d.body], "title": d.title,
        "label": document_label(d), "outlet_label": outlet_label(d), "published": d.published,
        "published_assumed": d.assumed_published,
        "authors": list(d.authors), "outlet": d.outlet, "url": d.url, "duplicate_of": d.duplicate_of,
        "language": d.language, "checksum": d.checksum, "source": d.source,
        "debris": [{"start": x.start, "end": x.end, "kind": x.kind} for x in d.debris],
    }


def claim_json(c: Claim, text: str, figure: str | None, entity_of: Mapping[str, str]) -> dict[str, Any]:
    q = c.quantity
    src = c.attribution.source
    source = None
    if src is not None:
        source = {"name": src.name, "entity": entity_of.get(src.entity or "", src.entity), "kind": src.kind,
                  "start": src.start, "end": src.end}
    return {
        "id": c.id, "doc": c.doc, "start": c.start, "end": c.end, "text": text[c.start:c.end],
        "value": _num(q.value), "low": _num(q.low), "high": _num(q.high), "unit": q.unit, "per": q.per,
        "qualifier": q.qualifier, "change": q.change, "vague": q.vague, "out_of_range": q.out_of_range,
        "quantity": {"start": q.start, "end": q.end, "text": q.text},
        "counted": c.counted, "measure": c.measure,
        "subject": [entity_of.get(s, s) for s in c.subject], "place": c.place,
        "source": source, "via": list(c.attribution.via), "verb": c.attribution.verb,
        "certainty": c.attribution.certainty,
        "time": {"value": c.time.value, "start": c.time.start, "end": c.time.end} if c.time else None,
        "sentence": list(c.sentence), "in_title": c.in_title, "figure": figure,
    }


def entity_json(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
            "mentions": [{"doc": m.doc, "start": m.start, "end": m.end} for m in e.mentions]}


def figure_json(f: Figure) -> dict[str, Any]:
    return {"id": f.id, "label": f.label, "measure": f.measure, "unit": f.unit, "claims": list(f.claims),
            "verdict": f.verdict, "low": _num(f.low), "high": _num(f.high),
            "independent_origins": f.independent_origins, "origins": list(f.origins),
            "first_reported": f.first_reported, "last_reported": f.last_reported}


def build_export(
    documents: Sequence[Document],
    extractions: Iterable[Extraction],
    *,
    entities: Sequence[Entity] = (),
    entity_of: Mapping[str, str] | None = None,
    figures: Sequence[Figure] = (),
    claim_figure: Mapping[str, str] | None = None,
    stories: Sequence[Story] = (),
    timeline: Sequence[TimelineEvent] = (),
) -> dict[str, Any]:
    """The export of ``documents``; figures, stories and entities are limited to those documents."""
    texts = {d.id: d.text for d in documents}
    entity_of = entity_of or {}
    claim_figure = claim_figure or {}
    claims: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    local_entities: list[Entity] = []
    for ex in extractions:
        if ex.doc not in texts:
            continue
        text = texts[ex.doc]
        claims.extend(claim_json(c, text, claim_figure.get(c.id), entity_of) for c in ex.claims)
        quotes.extend({"doc": q.doc, "start": q.start, "end": q.end, "text": text[q.start:q.end],
                       "speaker": q.speaker, "speaker_entity": q.speaker_entity} for q in ex.quotes)
        dates.extend({"doc": d.doc, "start": d.start, "end": d.end, "text": text[d.start:d.end], "value": d.value}
                     for d in ex.dates)
        local_entities.extend(ex.entities)
    claim_ids = {c["id"] for c in claims}
    if entities:
        ents = [e for e in entities if any(m.doc in texts for m in e.mentions)]
        ents = [Entity(e.id, e.name, e.type, e.aliases, tuple(m for m in e.mentions if m.doc in texts)) for e in ents]
    else:
        ents = local_entities
    figs = [f for f in figures if any(c in claim_ids for c in f.claims)]
    return {
        "schema": SCHEMA,
        "documents": [document_json(d) for d in documents],
        "entities": [entity_json(e) for e in ents],
        "claims": claims,
        "figures": [figure_json(f) for f in figs],
        "quotes": quotes,
        "dates": dates,
        "stories": [{"id": s.id, "label": s.label, "documents": [d for d in s.documents if d in texts]}
                    for s in stories if any(d in texts for d in s.documents)],
        "timeline": [{"when": t.when, "kind": t.kind, "label": t.label, "doc": t.doc, "claim": t.claim,
                      "figure": t.figure} for t in timeline if t.doc is None or t.doc in texts],
    }


def json_chunks(data: Mapping[str, Any]) -> Iterator[str]:
    """The export as JSON text, a piece at a time: one line per list item, so that writing it
    never holds the whole text in memory."""
    yield "{"
    for n, (k, v) in enumerate(data.items()):
        yield ("," if n else "") + "\n" + json.dumps(k) + ": "
        if isinstance(v, list):
            yield "["
            for i, item in enumerate(v):
                yield ("," if i else "") + "\n" + json.dumps(item, ensure_ascii=False)
            yield "\n]" if v else "]"
        else:
            yield json.dumps(v, ensure_ascii=False)
    yield "\n}\n"
