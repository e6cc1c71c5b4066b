"""Rows for listings (CLI tables, web pages): reads the store, formats nothing."""
from __future__ import annotations

from typing import Any

from .model import Figure
from .store.sqlite import Store


def fmt_num(x: float | None) -> str:
    if x is None:
        return "…"
    ax = abs(x)
    for scale, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if ax >= scale:
            return f"{x / scale:.3g}{word}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:.3g}"


def fmt_range(low: float | None, high: float | None, unit: str) -> str:
    u = "" if unit == "count" else (" %" if unit == "percent" else f" {unit}")
    if low is not None and high is not None and abs(high - low) <= 1e-9 * max(abs(low), 1):
        return f"{fmt_num(low)}{u}"
    return f"{fmt_num(low)} – {fmt_num(high)}{u}"


def entity_ids(store: Store, name: str) -> set[str]:
    """Entity ids whose name or an alias matches ``name`` (case-insensitive)."""
    want = name.strip().lower()
    out = set()
    for e in store.entities():
        if e.name.lower() == want or want in (a.lower() for a in e.aliases) or want in e.name.lower():
            out.add(e.id)
    return out


def figure_matches_entity(store: Store, fig: Figure, ents: set[str], entity_of: dict[str, str]) -> bool:
    for cid in fig.claims:
        row = store.query("SELECT data FROM claims WHERE id = ?", (cid,))
        if not row:
            continue
        from .model import Claim
        from .store.codec import loads

        claim = loads(Claim, row[0][0])
        subjects = {entity_of.get(s, s) for s in claim.subject}
        src = claim.attribution.source
        if src and src.entity:
            subjects.add(entity_of.get(src.entity, src.entity))
        if subjects & ents:
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
             "range": fmt_range(f.low, f.high, f.unit), "low": f.low, "high": f.high, "claims": len(f.claims),
             "origins": f.independent_origins, "origin_names": list(f.origins)} for f in figs]
