"""Rows for listings (CLI tables, web pages): reads the store, formats nothing."""
from __future__ import annotations

import re
from typing import Any

from .model import Claim, Figure
from .report.numbers import fmt_interval
from .store.codec import loads
from .store.protocol import Store


def entity_ids(store: Store, name: str) -> dict[str, set[str]]:
    """Entities whose name or an alias matches ``name`` (case-insensitive), with all their names."""
    want = name.strip().lower()
    out: dict[str, set[str]] = {}
    for e in store.entities():
        names = {e.name.lower(), *(a.lower() for a in e.aliases)}
        if want in names or want in e.name.lower():
            out[e.id] = names
    return out


def claim_matches_entity(claim: Claim, ents: dict[str, set[str]], entity_of: dict[str, str]) -> bool:
    """A claim is about an entity when it names it as subject, or as source or relay."""
    subjects = {entity_of.get(s, s) for s in claim.subject}
    src = claim.attribution.source
    if src and src.entity:
        subjects.add(entity_of.get(src.entity, src.entity))
    if subjects & set(ents):
        return True
    names = {n for ns in ents.values() for n in ns if len(n) > 2}
    said_by = [x.lower() for x in ([src.name] if src else []) + list(claim.attribution.via)]
    return any(re.search(rf"\b{re.escape(n)}\b", s) for n in names for s in said_by)


def figure_matches_entity(store: Store, fig: Figure, ents: dict[str, set[str]], entity_of: dict[str, str]) -> bool:
    for cid in fig.claims:
        row = store.query("SELECT data FROM claims WHERE id = ?", (cid,))
        if row and claim_matches_entity(loads(Claim, row[0][0]), ents, entity_of):
            return True
    return False


_ORDER = {"conflict": 0, "superseded": 1, "consistent": 2, "agree": 3, "single_source": 4}


def figure_rows(store: Store, *, verdict: str | None = None, entity: str | None = None,
                measure: str | None = None) -> list[dict[str, Any]]:
    figs = store.figures(verdict=verdict, measure=measure)
    if entity:
        ents = entity_ids(store, entity)
        entity_of = store.entity_of()
        figs = [f for f in figs if figure_matches_entity(store, f, ents, entity_of)]
    figs.sort(key=lambda f: (_ORDER.get(f.verdict, 9), -len(f.claims), f.id))
    return [{"id": f.id, "verdict": f.verdict, "label": f.label, "measure": f.measure, "unit": f.unit,
             "range": fmt_interval(f.low, f.high, f.unit), "low": f.low, "high": f.high, "claims": len(f.claims),
             "origins": f.independent_origins, "origin_names": list(f.origins)} for f in figs]
