"""Reads for the web app: the store → export-shaped dicts (the ``claimgraph/1`` fields), one page at a time.

Pages ask only for what they show, so a figure page loads that figure's claims and their
documents, not the whole corpus.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from ..export import build_export, claim_json, document_json, entity_json, figure_json
from ..labels import UNTITLED, document_label, row_outlet
from ..model import Claim, Figure
from ..present import claim_matches_entity, entity_ids, figure_rows
from ..report.ledger import Ledger, story_label
from ..report.sentence import MAX_CONFLICTS
from ..store.codec import loads
from ..store.protocol import Store

Row = dict[str, Any]


def _in(n: int) -> str:
    return ",".join("?" * n)


def _rows(store: Store, sql: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """``sql`` with ``IN ({})`` run over ``ids`` in chunks (SQLite caps bound variables)."""
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        out.extend(store.query(sql.format(_in(len(chunk))), chunk))
    return out


def page(items: Sequence[Any], total: int, limit: int, offset: int) -> Row:
    return {"total": total, "limit": limit, "offset": offset, "items": list(items)}


def summary(store: Store) -> Row:
    conflicts = store.query("SELECT COUNT(*) FROM figures WHERE verdict = 'conflict'")[0][0]
    meta = [{"id": r[0], "outlet": r[1], "url": r[2], "duplicate_of": r[3]}
            for r in store.query("SELECT id, outlet, url, duplicate_of FROM documents")]
    outlets, unnamed = Ledger({"documents": meta}).outlet_count()
    return {"documents": store.count("documents"), "claims": store.count("claims"),
            "figures": store.count("figures"), "conflicts": int(conflicts), "stories": store.count("stories"),
            "outlets": outlets, "unnamed_outlets": unnamed}


def lead_ledger(store: Store, conflicts: Sequence[Figure]) -> Ledger:
    """What the summary sentence reads: the first conflicts with their claims (else the figure with
    the most independent origins), and documents' metadata."""
    if conflicts:
        ids = [f.id for f in conflicts[:MAX_CONFLICTS]]
    else:
        ids = [r[0] for r in store.query("SELECT id FROM figures ORDER BY independent_origins DESC, n_claims DESC, "
                                         "id DESC LIMIT 1")]
    merged: Row = {"documents": [], "claims": [], "figures": [], "entities": []}
    for fid in ids:
        part = figure_export(store, fid) or {}
        for key in merged:
            merged[key].extend(part.get(key) or ())
    return Ledger(merged)


def labels(store: Store, rows: list[Row]) -> list[Row]:
    """Give document rows (with ``id``, ``title``, ``outlet``, ``url``) a ``label`` and an ``outlet_label``;
    the text is read only for the documents that have no title."""
    untitled = [r["id"] for r in rows if not r.get("title")]
    derived = {d.id: document_label(d) for d in store.documents(untitled)} if untitled else {}
    for r in rows:
        r["label"] = (r.get("title") or "").strip() or derived.get(r["id"]) or UNTITLED
        r["outlet_label"] = row_outlet(r)
    return rows


# -- figures ----------------------------------------------------------------------
def figures(store: Store, *, verdict: str | None = None, entity: str | None = None,
            measure: str | None = None) -> list[Figure]:
    """Figures matching the filters, conflicts first (the order of ``present.figure_rows``)."""
    order = [r["id"] for r in figure_rows(store, verdict=verdict or None, entity=entity or None,
                                          measure=measure or None)]
    by_id = {f.id: f for f in store.figures(verdict=verdict or None, measure=measure or None)}
    return [by_id[i] for i in order if i in by_id]


def measures(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT DISTINCT measure FROM figures WHERE measure IS NOT NULL ORDER BY 1")]


def figure(store: Store, fig_id: str) -> Figure | None:
    rows = store.query("SELECT data FROM figures WHERE id = ?", (fig_id,))
    return loads(Figure, rows[0][0]) if rows else None


def _entity_of(store: Store, local: Iterable[str]) -> dict[str, str]:
    ids = sorted(set(local))
    return dict(_rows(store, "SELECT local, entity FROM entity_of WHERE local IN ({})", ids))


def _entities(store: Store, ids: Iterable[str]) -> list[Row]:
    return [entity_json(e) for e in store.entities_by_id(ids)]  # with mentions that incremental runs added


def _claim_locals(claims: Iterable[Claim]) -> set[str]:
    out: set[str] = set()
    for c in claims:
        out.update(c.subject)
        if c.attribution.source and c.attribution.source.entity:
            out.add(c.attribution.source.entity)
    return out


def claims_export(store: Store, claims: Sequence[Claim], *, with_text: bool = False) -> Row:
    """Claims as export rows, with their documents (metadata; text too with ``with_text``) and entities."""
    docs = store.documents(sorted({c.doc for c in claims}))
    texts = {d.id: d.text for d in docs}
    entity_of = _entity_of(store, _claim_locals(claims))
    cf = dict(_rows(store, "SELECT claim, figure FROM claim_figure WHERE claim IN ({})", [c.id for c in claims]))
    doc_rows = []
    for d in docs:
        row = document_json(d)
        if not with_text:
            row.pop("text")
        doc_rows.append(row)
    return {"documents": doc_rows, "entities": _entities(store, entity_of.values()),
            "claims": [claim_json(c, texts.get(c.doc, ""), cf.get(c.id), entity_of) for c in claims]}


def figure_export(store: Store, fig_id: str) -> Row | None:
    """One figure with its claims, their documents and the entities they name."""
    fig = figure(store, fig_id)
    if fig is None:
        return None
    claims = [loads(Claim, r[0]) for r in _rows(store, "SELECT data FROM claims WHERE id IN ({}) ORDER BY id", list(fig.claims))]
    return {**claims_export(store, claims), "figures": [figure_json(fig)]}


def claims(store: Store, *, entity: str | None = None, measure: str | None = None) -> list[Claim]:
    sql, args = "SELECT data FROM claims", []
    if measure:
        sql, args = sql + " WHERE measure = ?", [measure]
    found = [loads(Claim, r[0]) for r in store.query(sql + " ORDER BY doc, id", args)]
    if entity:
        ents = entity_ids(store, entity)
        entity_of = store.entity_of()
        found = [c for c in found if claim_matches_entity(c, ents, entity_of)]
    return found


# -- documents --------------------------------------------------------------------
def document_export(store: Store, doc_id: str) -> Row | None:
    """One document's export: its text, claims (with their figures), quotes, dates and entities."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    exs = store.extractions([doc_id])
    all_claims = [c for ex in exs for c in ex.claims]
    cf = dict(_rows(store, "SELECT claim, figure FROM claim_figure WHERE claim IN ({})", [c.id for c in all_claims]))
    figs = [loads(Figure, r[0]) for r in _rows(store, "SELECT data FROM figures WHERE id IN ({}) ORDER BY id",
                                                sorted(set(cf.values())))]
    return build_export([doc], exs, entity_of=_entity_of(store, _claim_locals(all_claims)), figures=figs,
                        claim_figure=cf)


def documents(store: Store, limit: int, offset: int) -> tuple[list[Row], int]:
    total = store.count("documents")
    rows = store.query("SELECT id, title, outlet, published, url, duplicate_of FROM documents "
                       "ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?", (limit, offset))
    counts = dict(_rows(store, "SELECT doc, COUNT(*) FROM claims WHERE doc IN ({}) GROUP BY doc", [r[0] for r in rows]))
    keys = ("id", "title", "outlet", "published", "url", "duplicate_of")
    found = [{**dict(zip(keys, r, strict=True)), "claims": int(counts.get(r[0], 0))} for r in rows]
    return labels(store, found), total


# -- stories ------------------------------------------------------------------------
def stories(store: Store) -> list[Row]:
    """Stories with their documents and figure counts by verdict; unassigned documents last."""
    docs = {r[0]: {"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "url": r[4]}
            for r in store.query("SELECT id, title, outlet, published, url FROM documents ORDER BY published, id")}
    labels(store, list(docs.values()))
    verdict = dict(store.query("SELECT id, verdict FROM figures"))
    fig_docs: dict[str, set[str]] = defaultdict(set)
    for fid, doc in store.query("SELECT cf.figure, c.doc FROM claim_figure cf JOIN claims c ON c.id = cf.claim"):
        fig_docs[fid].add(doc)
    out: list[Row] = []
    seen: set[str] = set()
    groups = [(s.id, story_label({"id": s.id, "label": s.label, "documents": s.documents}, docs),
               list(s.documents)) for s in store.stories()]
    groups.append(("other", "Other documents" if groups else "All documents", [d for d in docs]))
    for sid, label, members in groups:
        ids = [d for d in members if d in docs and d not in seen]
        if not ids:
            continue
        seen.update(ids)
        idset = set(ids)
        figs = [f for f, ds in fig_docs.items() if ds & idset]
        counts = Counter(verdict.get(f, "single_source") for f in figs)
        out.append({"id": sid, "label": label, "documents": [docs[d] for d in ids], "figures": len(figs),
                    "verdicts": counts, "outlets": sorted({str(docs[d]["outlet_label"]) for d in ids if docs[d]["outlet_label"]},
                                          key=str.lower)})
    return out
