"""Reads for the web app: the store → export-shaped dicts (the ``claimgraph/1`` fields), one page at a time.

Pages ask only for what they show: listings are filtered and paged by the store, in SQL, and a
figure page loads that figure's claims and their documents, not the whole corpus. No SQL here:
every read is a method of the ``Store`` protocol.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..export import build_export, claim_json, document_json, entity_json, figure_json
from ..labels import UNTITLED, document_label, row_outlet
from ..model import Claim, Entity, Figure
from ..report.ledger import Ledger, story_label
from ..report.sentence import MAX_CONFLICTS
from ..store.protocol import Store

Row = dict[str, Any]


OTHER_LIMIT = 200  # documents of no story shown on the stories page (the documents page lists them all)


def page(items: Sequence[Any], total: int, limit: int, offset: int) -> Row:
    return {"total": total, "limit": limit, "offset": offset, "items": list(items)}


def summary(store: Store) -> Row:
    conflicts = store.figure_page(verdict="conflict", limit=0)[1]
    meta = [{"id": r[0], "outlet": r[1], "url": r[2], "duplicate_of": r[3]} for r in store.document_refs()]
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
        ids = [f.id for f in store.most_corroborated(1)]
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
def figures(store: Store, *, verdict: str | None = None, entity: str | None = None, measure: str | None = None,
            limit: int | None = None, offset: int = 0) -> tuple[list[Figure], int]:
    """One page of the figures matching the filters, conflicts first, and how many match."""
    ents = store.entity_filter(entity) if entity else None
    return store.figure_page(verdict=verdict or None, measure=measure or None, entity=ents, limit=limit,
                             offset=offset)


def measures(store: Store) -> list[str]:
    return store.measures()


def figure(store: Store, fig_id: str) -> Figure | None:
    found = store.figures(ids=[fig_id])
    return found[0] if found else None


def _entity_of(store: Store, local: Iterable[str]) -> dict[str, str]:
    return store.entity_of(sorted(set(local)))


def _entities(store: Store, ids: Iterable[str]) -> list[Row]:
    return [entity_json(e) for e in store.entities(sorted(set(ids)))]  # with the mentions incremental runs added


def entity_rows(entities: Sequence[Entity]) -> list[Row]:
    return [entity_json(e) for e in entities]


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
    cf = store.claim_figure([c.id for c in claims])
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
    claims = store.claims(fig.claims)
    return {**claims_export(store, claims), "figures": [figure_json(fig)]}


def claims(store: Store, *, entity: str | None = None, measure: str | None = None, limit: int | None = None,
           offset: int = 0) -> tuple[list[Claim], int]:
    """One page of the claims matching the filters, by document, and how many match."""
    ents = store.entity_filter(entity) if entity else None
    return store.claim_page(measure=measure or None, entity=ents, limit=limit, offset=offset)


# -- documents --------------------------------------------------------------------
def document_export(store: Store, doc_id: str) -> Row | None:
    """One document's export: its text, claims (with their figures), quotes, dates and entities."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    exs = store.extractions([doc_id])
    all_claims = [c for ex in exs for c in ex.claims]
    cf = store.claim_figure([c.id for c in all_claims])
    figs = store.figures(ids=sorted(set(cf.values())))
    return build_export([doc], exs, entity_of=_entity_of(store, _claim_locals(all_claims)), figures=figs,
                        claim_figure=cf)


def documents(store: Store, limit: int, offset: int) -> tuple[list[Row], int]:
    rows, total = store.document_page(limit, offset)
    return labels(store, rows), total


# -- stories ------------------------------------------------------------------------
def stories(store: Store, limit: int | None = None, offset: int = 0) -> tuple[list[Row], int]:
    """One page of stories with their documents and figure counts by verdict, and how many stories
    there are; the documents of no story come last, on the last page (up to ``OTHER_LIMIT``)."""
    page, total = store.story_page(limit, offset)
    groups = [(s, list(dict.fromkeys(s.documents))) for s in page]
    docs = {r["id"]: r for r in labels(store, store.document_rows([d for _, ids in groups for d in ids]))}
    out: list[Row] = []
    seen: set[str] = set()
    for s, members in groups:
        ids = [d for d in members if d in docs and d not in seen]
        if ids:
            seen.update(ids)
            label = story_label({"id": s.id, "label": s.label, "documents": s.documents}, docs)
            out.append(_story_row(store, s.id, label, [docs[d] for d in ids], len(ids)))
    if limit is None or offset + limit >= total:
        rest, n_rest = store.document_page(OTHER_LIMIT, unassigned=True)
        if rest:
            out.append(_story_row(store, "other", "Other documents" if total else "All documents",
                                  labels(store, rest), n_rest))
    return out, total


def _story_row(store: Store, story_id: str, label: str, docs: list[Row], n_docs: int) -> Row:
    verdicts = store.figure_verdicts([d["id"] for d in docs])
    return {"id": story_id, "label": label, "documents": docs, "n_documents": n_docs,
            "more": n_docs - len(docs), "figures": len(verdicts), "verdicts": Counter(verdicts.values()),
            "outlets": sorted({str(d["outlet_label"]) for d in docs if d["outlet_label"]}, key=str.lower)}
