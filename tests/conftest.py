"""Shared fixtures: a small hand-built corpus (no NLP) with every verdict, saved to a store.

``corpus()`` builds model objects; ``synthetic_db`` writes them to a SQLite file once per
session; ``synthetic_export`` is that store's ``claimgraph/1`` export. One document is hostile
(``<script>``, ``onerror=``) so that escaping is tested everywhere.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph import api
from claimgraph.model import (
    Attribution,
    Claim,
    DateMention,
    Debris,
    Document,
    Entity,
    Extraction,
    Figure,
    Quantity,
    Quote,
    Source,
    Story,
    TextSpan,
    TimelineEvent,
)
from claimgraph.store.sqlite import Store

HOSTILE = '<script>alert("pwned")</script>'
ONERROR = '<img src=x onerror=alert(1)>'
TEXTS = {
    "wire-1": ("Meridian Press Agency", "2025-10-13", "Kessel Dam fails",
               "VELDEN, Oct 13 (MPA) - At least 40 people were killed when the Kessel Dam failed on Monday, "
               "civil protection chief Tomas Brenner said. About 12,000 people were displaced, the Relief Council "
               "said. \u201cThe number will rise, I am afraid,\u201d Brenner said. Repairs will cost \u20ac4 million, "
               "the operator said.\nShare this: Facebook Twitter"),
    "ledger-42": ("The National Ledger", "2025-10-14", "Minister confirms 42 dead",
                  "Interior Minister Dana Velasquez said on Tuesday that 42 people had died. Damage could reach up "
                  "to \u20ac1.2 billion, Governor Pieter Aalst said.\nLeave a Reply: well over 100 died here"),
    "blaze-1": (f"Daily Blaze {ONERROR}", "2025-10-15", f"Dam of death {HOSTILE}",
                f"Only 3,000 people were displaced, a council insider said. {HOSTILE} {ONERROR} "
                "Nearly 60 percent of farmland is flooded, deputy minister Karel Voss said. Engineers say repairs "
                "will cost \u20ac2 billion."),
    "vbc-61": ("VBC News", "2025-10-16", "Toll rises to 61",
               "The toll has risen to 61, Velasquez said. More than 15,000 people were displaced, the International "
               "Relief Federation said. The Northern Development Bank pledged $300 million, MPA reported. "
               "Losses are around \u20ac900 million, Halvorsen Risk said."),
    "herald-1": ("The Exchange Herald", "2025-10-15", "Bank pledges aid",
                 "The Northern Development Bank pledged $300 million in aid, MPA reported."),
    "note-1": ("Riverbank Notes", None, "Boats on the river", "Volunteers brought 12 boats to Lastow."),
}
# figure id → (verdict, low, high, origins, [(doc, quote, value, low, high, unit, qualifier, source, via)])
FIGURES: dict[str, tuple[str, float | None, float | None, tuple[str, ...], list[tuple[Any, ...]]]] = {
    "displaced": ("conflict", 3000, 15000, ("Relief Council", "International Relief Federation", "council insider"), [
        ("wire-1", "About 12,000 people were displaced", 12000, 10800, 13200, "count", "approx", "Relief Council", ()),
        ("blaze-1", "Only 3,000 people were displaced", 3000, 3000, 3000, "count", "exact", "council insider", ()),
        ("vbc-61", "More than 15,000 people were displaced", 15000, 15000, None, "count", "more_than",
         "International Relief Federation", ())]),
    "repair": ("conflict", 4e6, 2e9, ("operator", "Engineers"), [
        ("wire-1", "Repairs will cost \u20ac4 million", 4e6, 4e6, 4e6, "EUR", "exact", "operator", ()),
        ("blaze-1", "repairs will cost \u20ac2 billion", 2e9, 2e9, 2e9, "EUR", "exact", "Engineers", ())]),
    "dead": ("superseded", 61, 61, ("Velden Civil Protection", "Interior Ministry"), [
        ("wire-1", "At least 40 people were killed", 40, 40, None, "count", "at_least", "Tomas Brenner", ()),
        ("ledger-42", "42 people had died", 42, 42, 42, "count", "exact", "Dana Velasquez", ()),
        ("vbc-61", "The toll has risen to 61", 61, 61, 61, "count", "exact", "Dana Velasquez", ())]),
    "damage": ("consistent", 8.1e8, 9.9e8, ("Pieter Aalst", "Halvorsen Risk"), [
        ("ledger-42", "up to \u20ac1.2 billion", 1.2e9, 0, 1.2e9, "EUR", "up_to", "Pieter Aalst", ()),
        ("vbc-61", "around \u20ac900 million", 9e8, 8.1e8, 9.9e8, "EUR", "approx", "Halvorsen Risk", ())]),
    "aid": ("agree", 3e8, 3e8, ("Northern Development Bank",), [
        ("herald-1", "pledged $300 million", 3e8, 3e8, 3e8, "USD", "exact", "Northern Development Bank", ("MPA",)),
        ("vbc-61", "pledged $300 million", 3e8, 3e8, 3e8, "USD", "exact", "Northern Development Bank", ("MPA",))]),
    "farmland": ("single_source", 60, 60, ("Karel Voss",), [
        ("blaze-1", "Nearly 60 percent of farmland", 60, 54, 60, "percent", "nearly", "Karel Voss", ())]),
    "boats": ("single_source", 12, 12, ("Riverbank Notes",), [
        ("note-1", "12 boats", 12, 12, 12, "count", "exact", None, ())]),
}


def corpus() -> dict[str, Any]:
    docs = {}
    for i, (doc_id, (outlet, published, title, text)) in enumerate(TEXTS.items()):
        debris = []
        for furniture, kind in (("Share this: Facebook Twitter", "share_tags"), ("Leave a Reply", "comment_prompt")):
            if furniture in text:
                s = text.index(furniture)
                debris.append(Debris(s, len(text) if kind == "comment_prompt" else s + len(furniture), kind))
        end = min([d.start for d in debris], default=len(text))
        docs[doc_id] = Document(doc_id, text, ((0, end),), tuple(debris), title, published, (), outlet,
                                f"https://news.example/{doc_id}" if i else "javascript:alert(3)", checksum=f"c{i}")
    claims: dict[str, list[Claim]] = {d: [] for d in docs}
    claim_figure = {}
    figures = []
    for fid, (verdict, low, high, origins, rows) in FIGURES.items():
        ids = []
        for doc_id, quote, value, lo, hi, unit, qual, source, via in rows:
            text = docs[doc_id].text
            start = text.index(quote)
            cid = f"{doc_id}:c{len(claims[doc_id]) + 1}"
            entity = f"{doc_id}:e1" if source == "Dana Velasquez" else None
            q = Quantity(start, start + len(quote), value, lo, hi, unit, qual, text=quote)
            claims[doc_id].append(Claim(cid, doc_id, start, start + len(quote), q, measure=fid,
                                        attribution=Attribution(Source(source, "person", entity) if source else None,
                                                                via=via)))
            ids.append(cid)
            claim_figure[cid] = fid
        first = min(docs[r[0]].published or "9" for r in rows)
        figures.append(Figure(fid, f"people {fid}" if fid in ("dead", "displaced") else fid, fid, rows[0][5],
                              tuple(ids), verdict, low, high, len(origins), origins, first))
    w = docs["wire-1"].text
    extractions = [Extraction(d, claims=tuple(claims[d])) for d in docs]
    extractions[0] = Extraction("wire-1", claims=tuple(claims["wire-1"]),
                                quotes=(Quote("wire-1", w.index("\u201cThe"), w.index("\u201d B") + 1, "Tomas Brenner"),),
                                dates=(DateMention("wire-1", w.index("on Monday"), w.index("on Monday") + 9,
                                                   "2025-10-13"),))
    velasquez = Entity("ent:velasquez", "Dana Velasquez", "PERSON", ("Velasquez",), (TextSpan("ledger-42", 18, 32),))
    stories = [Story("kessel", "Kessel Dam collapse", tuple(d for d in docs if d != "note-1"))]
    timeline = [TimelineEvent("2025-10-13", "event", "Kessel Dam fails", "wire-1")]
    timeline += [TimelineEvent(docs[c.doc].published or "", "report", f"{c.quantity.text} ({c.measure})", c.doc, c.id,
                               claim_figure[c.id]) for cs in claims.values() for c in cs if docs[c.doc].published]
    return {"documents": list(docs.values()), "extractions": extractions, "entities": [velasquez],
            "entity_of": {"ledger-42:e1": "ent:velasquez", "vbc-61:e1": "ent:velasquez"}, "figures": figures,
            "claim_figure": claim_figure, "stories": stories, "timeline": timeline}


def build_store(path: str | Path) -> str:
    c = corpus()
    with Store(path) as store:
        store.add_documents(c["documents"])
        store.save_extractions(c["extractions"], "test")
        store.save_reconciled(c["entities"], c["entity_of"], c["figures"], c["claim_figure"], c["stories"],
                              c["timeline"])
    return str(path)


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("synthetic") / "synthetic.db")


@pytest.fixture(scope="session")
def synthetic_export(synthetic_db: str) -> dict[str, Any]:
    with Store(synthetic_db) as store:
        return api.export(store)
