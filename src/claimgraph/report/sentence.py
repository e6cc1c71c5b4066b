"""The sentence a reader can paste: how many figures, from how many outlets, and what conflicts.

"14 figures from 8 outlets; 1 conflict: people displaced, 3,000 (a council insider) vs more
than 15,000 (4 origins)". Built from the ledger only; the report and the web home page lead
with it.
"""
from __future__ import annotations

from collections.abc import Sequence

from .ledger import Ledger, Row
from .numbers import fmt_claim, fmt_interval

__all__ = ["conflict_phrase", "lead_sentence"]

MAX_CONFLICTS = 2  # conflicts spelled out; the rest are counted
MAX_VALUES = 3  # values of one conflict spelled out; beyond that the lowest and the highest


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _who(origins: Sequence[str]) -> str:
    return origins[0] if len(origins) == 1 else _plural(len(origins), "origin")


def _low(claim: Row) -> float:
    for key in ("low", "value", "high"):
        if isinstance(claim.get(key), int | float):
            return float(claim[key])
    return 0.0


def conflict_phrase(ledger: Ledger, fig: Row) -> str:
    """"people displaced, 3,000 (a council insider) vs more than 15,000 (4 origins)"."""
    stated: dict[str, list[str]] = {}
    low: dict[str, float] = {}
    for c in ledger.figure_claims(fig):
        value = fmt_claim(c)
        origin = ledger.origin(c, fig)
        names = stated.setdefault(value, [])
        if origin not in names:
            names.append(origin)
        low[value] = min(low.get(value, _low(c)), _low(c))
    values = sorted(stated, key=lambda v: (low[v], v))
    parts = [f"{v} ({_who(stated[v])})" for v in values]
    if len(parts) > MAX_VALUES:
        parts = [parts[0], parts[-1] + f", {len(parts) - 2} other values between"]
    label = str(fig.get("label") or "a figure")
    return f"{label}, {' vs '.join(parts)}" if parts else label


def lead_sentence(ledger: Ledger, *, figures: int | None = None, outlets: int | None = None,
                  conflicts: int | None = None) -> str:
    """The summary sentence. ``ledger`` holds at least the conflicting figures with their claims;
    the counts default to the ledger's own (the web app passes the store's)."""
    n_figures = len(ledger.figures) if figures is None else figures
    n_outlets = ledger.outlet_count()[0] if outlets is None else outlets
    conflicting = [f for f in ledger.ordered if f.get("verdict") == "conflict"]
    n_conflicts = len(conflicting) if conflicts is None else conflicts
    if not n_figures:
        return f"No figures yet from {_plural(n_outlets, 'outlet')}." if n_outlets else "No documents yet."
    head = f"{_plural(n_figures, 'figure')} from {_plural(n_outlets, 'outlet')}"
    if n_conflicts:
        shown = [conflict_phrase(ledger, f) for f in conflicting[:MAX_CONFLICTS]]
        rest = n_conflicts - len(shown)
        tail = "; ".join(shown) + (f"; and {rest:,} more" if rest > 0 else "")
        return f"{head}; {_plural(n_conflicts, 'conflict')}: {tail}."
    best = max(ledger.figures.values(), key=lambda f: (f.get("independent_origins") or 0,
                                                       len(f.get("claims") or ()), str(f.get("id"))),
               default=None)
    if best is not None and (best.get("independent_origins") or 0) > 1:
        value = fmt_interval(best.get("low"), best.get("high"), best.get("unit"))
        return (f"{head}; no conflict between sources; best corroborated: {best.get('label')}, {value} "
                f"({_plural(int(best['independent_origins']), 'origin')}).")
    return f"{head}; no conflict between sources."
