"""Rows for listings (CLI tables): reads the store, formats nothing."""
from __future__ import annotations

from typing import Any

from .report.numbers import fmt_interval
from .store.protocol import Store


def figure_rows(store: Store, *, verdict: str | None = None, entity: str | None = None,
                measure: str | None = None) -> list[dict[str, Any]]:
    """Figures matching the filters (entity: a name or alias), conflicts first; the store filters and orders."""
    ents = store.entity_filter(entity) if entity else None
    figs, _ = store.figure_page(verdict=verdict, measure=measure, entity=ents)
    return [{"id": f.id, "verdict": f.verdict, "label": f.label, "measure": f.measure, "unit": f.unit,
             "range": fmt_interval(f.low, f.high, f.unit), "low": f.low, "high": f.high, "claims": len(f.claims),
             "origins": f.independent_origins, "origin_names": list(f.origins)} for f in figs]
