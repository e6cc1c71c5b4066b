"""One store suite, run on SQLite and on PostgreSQL: the ``Store`` protocol's promises."""
from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest

from claimgraph import api
from claimgraph.errors import InputError
from claimgraph.model import Claim, Document, Entity, Extraction, Figure, Quantity, Story
from claimgraph.store import postgres, sqlite
from claimgraph.store.connect import open_store
from claimgraph.web import data as web


def doc(i: str, text: str = "About 3,000 people fled the river town.", **meta: Any) -> Document:
    return Document(id=i, text=text, body=((0, len(text)),), authors=("A B",), checksum=f"sum-{text}",
                    published=meta.pop("published", "2024-12-03"), **meta)


def fill(store: Any, c: dict[str, Any]) -> None:
    store.add_documents(c["documents"])
    store.save_extractions(c["extractions"], "v1")
    store.save_reconciled(c["entities"], c["entity_of"], c["figures"], c["claim_figure"], c["stories"], c["timeline"])


def test_migrations_are_numbered_and_applied_once(db: str) -> None:
    open_store(db).close()
    with open_store(db) as store:
        n = len((postgres if "://" in db else sqlite).MIGRATIONS)
        assert store.schema_version() == n == store.migrate()
        assert store.query("SELECT COUNT(*) FROM schema_migrations")[0][0] == n


def test_reingest_adds_nothing_and_changed_text_replaces(db: str) -> None:
    with open_store(db) as store:
        assert store.add_documents([doc("a"), doc("b")], [("a", "html", "<p>About 3,000</p>")]) == ["a", "b"]
        store.save_extractions([Extraction("a"), Extraction("b")], "v1")
        assert store.add_documents([doc("a"), doc("b")]) == []
        assert store.add_documents([doc("a", published="2024-12-04")]) == ["a"]  # a fixed manifest counts
        assert store.add_documents([doc("a", "About 4,000 people fled.")], [("a", "html", "<p>4,000</p>")]) == ["a"]
        assert store.count("documents") == 2 and store.document("a").text == "About 4,000 people fled."  # type: ignore[union-attr]
        assert store.raw("a") == ("html", "<p>4,000</p>") and store.raw("b") is None
        assert store.missing_extractions("v1") == ["a"]  # the replaced text's extraction went with it


def test_every_model_object_round_trips(db: str, corpus: dict[str, Any]) -> None:
    with open_store(db) as store:
        fill(store, corpus)
        by_date = sorted(corpus["documents"], key=lambda d: (d.published is not None, d.published or "", d.id))
        assert store.documents() == by_date
        assert store.documents(["vbc-61", "nope", "wire-1"]) == [d for i in ("vbc-61", "wire-1")
                                                                    for d in corpus["documents"] if d.id == i]
        assert store.document("nope") is None
        assert store.extractions() == sorted(corpus["extractions"], key=lambda e: e.doc)
        assert store.extractions(["wire-1"]) == [corpus["extractions"][0]]
        assert store.entities() == corpus["entities"] and store.entity_of() == corpus["entity_of"]
        assert store.figures() == sorted(corpus["figures"], key=lambda f: f.id)
        assert [f.id for f in store.figures(verdict="conflict")] == ["displaced", "repair"]
        assert [f.id for f in store.figures(measure="aid", verdict="agree")] == ["aid"]
        assert store.claim_figure() == corpus["claim_figure"]
        assert store.stories() == corpus["stories"] and store.timeline() == corpus["timeline"]
        assert {t: store.count(t) for t in ("documents", "claims", "figures", "stories", "entities", "extractions")} \
            == {"documents": 6, "claims": 14, "figures": 7, "stories": 1, "entities": 1, "extractions": 6}


def test_saving_reconciled_objects_replaces_the_old(db: str, corpus: dict[str, Any]) -> None:
    with open_store(db) as store:
        fill(store, corpus)
        fig = Figure("f9", "boats", "boats", "count", ("note-1:c1",), "single_source", 12, 12, 1)
        store.save_reconciled([], {}, [fig], {"note-1:c1": "f9"}, [Story("s9", "boats", ("note-1",))], [])
        assert store.figures() == [fig] and store.claim_figure() == {"note-1:c1": "f9"}
        assert [s.id for s in store.stories()] == ["s9"] and store.entities() == [] and store.timeline() == []


def test_search_finds_every_word_and_marks_hits(db: str) -> None:
    with open_store(db) as store:
        store.add_documents([doc("a"), doc("b", "Markets fell sharply."), doc("c", "People fled; markets too.")])
        assert sorted(r[0] for r in store.search("people")) == ["a", "c"]
        assert [r[0] for r in store.search("people markets")] == ["c"]
        assert store.search_count("people") == 2 and store.search_count("nothing here") == 0
        assert "<<people>>" in dict(store.search("people", marks=("<<", ">>")))["a"].lower()
        assert len(store.search("people", limit=1)) == 1 and len(store.search("people", limit=5, offset=1)) == 1
        assert store.search('"') == [] and store.search("   ") == []
        with pytest.raises(InputError, match="control character"):
            store.search("people\x00")


def test_a_failed_transaction_loses_nothing(db: str) -> None:
    with open_store(db) as store:
        store.add_documents([doc("a")])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_documents([doc("b")])
            store.save_extractions([Extraction("a")], "v1")
            raise RuntimeError("a crash mid-run")
        assert [d.id for d in store.documents()] == ["a"] and store.missing_extractions("v1") == ["a"]


def test_an_extraction_of_replaced_text_is_dropped(db: str) -> None:
    with open_store(db) as store:
        store.add_documents([doc("a"), doc("b")])
        store.save_extractions([Extraction("a"), Extraction("b"), Extraction("gone")], "v1",
                               checksums={"a": doc("a").checksum, "b": "an older text", "gone": "x"})
        assert [e.doc for e in store.extractions()] == ["a"]


def test_duplicates_are_linked_and_unlinked(db: str) -> None:
    with open_store(db) as store:
        store.add_documents([doc("a"), doc("b"), doc("c")])
        store.set_duplicates({"b": "a", "c": "a"})
        store.set_duplicates({"b": "a"})
        assert {d.id: d.duplicate_of for d in store.documents()} == {"a": None, "b": "a", "c": None}
        assert store.add_documents([doc("b")]) == []  # a duplicate link is not a change of the document


def test_query_takes_question_mark_placeholders(db: str) -> None:
    with open_store(db) as store:
        store.add_documents([doc("a", title="100% sure"), doc("b", title="why?"), doc("c")])
        rows = store.query("SELECT id FROM documents WHERE id IN (?, ?) AND (title LIKE '%?%' OR title LIKE ?) "
                           "ORDER BY id", ("a", "b", "100%"))
        assert rows == [("a",), ("b",)]


def test_web_reads_agree_on_both_back_ends(tmp_path: Any, pg_url: str, corpus: dict[str, Any]) -> None:
    """The presentation layers' SQL (web/data.py) gives the same answers on PostgreSQL as on SQLite."""
    answers = []
    for db in (str(tmp_path / "x.db"), pg_url):
        with open_store(db) as store:
            fill(store, corpus)
            answers.append({
                "export": api.export(store),  # type: ignore[arg-type]
                "summary": web.summary(store), "measures": web.measures(store),
                "figures": [f.id for f in web.figures(store, entity="Velasquez")[0]],
                "figure": web.figure_export(store, "displaced"), "document": web.document_export(store, "wire-1"),
                "documents": web.documents(store, 3, 1), "claims": [c.id for c in web.claims(store, measure="dead")[0]],
                "stories": web.stories(store)})
    assert answers[0] == answers[1]


def test_concurrent_writers_lose_nothing(db: str) -> None:
    """Writers on their own connections at once: every document and extraction is stored once."""
    open_store(db).close()
    errors: list[BaseException] = []

    def write(w: int) -> None:
        try:
            with open_store(db) as store:
                for n in range(10):
                    ids = [f"w{w}-{n}-{k}" for k in range(3)]
                    store.add_documents([doc(i, f"Text {i}: {n} boats.") for i in ids] + [doc("shared")])
                    store.save_extractions([Extraction(i) for i in ids], "v1",
                                           checksums={i: doc(i, f"Text {i}: {n} boats.").checksum for i in ids})
                    with store.transaction():  # read-then-write, as api.reconcile does
                        docs = store.documents()
                        store.save_reconciled([], {}, [], {}, [Story(f"s{w}", "all", tuple(d.id for d in docs))], [])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    with open_store(db) as store:
        assert store.count("documents") == 3 * 10 * 3 + 1 and store.count("extractions") == 90
        assert store.missing_extractions("v1") == ["shared"]
        last = store.stories()
        assert len(last) == 1 and len(last[0].documents) == 91  # the last reconcile saw every write


def test_replace_keeps_other_documents_extractions(db: str) -> None:
    with open_store(db) as store:
        store.add_documents([doc("a"), doc("b")])
        store.save_extractions([Extraction("a", errors=("x",)), Extraction("b")], "v1")
        store.add_documents([replace(doc("a"), text="New text.", checksum="new")])
        assert [e.doc for e in store.extractions()] == ["b"] and store.extractions(["a"]) == []


def test_the_ledger_view_has_a_row_per_claim_with_its_figure(db: str, corpus: dict[str, Any]) -> None:
    with open_store(db) as store:
        fill(store, corpus)
        rows = store.query("SELECT text, value, low, high, unit, qualifier, measure, source, figure, verdict "
                           "FROM ledger WHERE doc = ? ORDER BY value", ("herald-1",))
        assert rows == [("pledged $300 million", 3e8, 3e8, 3e8, "USD", "exact", "aid", "Northern Development Bank",
                         "aid", "agree")]
        total = store.query("SELECT COUNT(*) FROM ledger")[0][0]
        assert total == sum(len(x.claims) for x in corpus["extractions"])


def test_listings_filter_and_page_in_the_store(db: str, corpus: dict[str, Any]) -> None:
    """The listing methods on the hand-built corpus: order, totals, pages and the entity filter."""
    c = corpus
    mpa = Entity("ent:mpa", "Meridian Press Agency", "ORG", ("MPA",))
    with open_store(db) as store:
        fill(store, c)
        store.save_reconciled([*c["entities"], mpa], c["entity_of"], c["figures"], c["claim_figure"], c["stories"],
                              c["timeline"])
        order = ["displaced", "repair", "dead", "damage", "aid", "boats", "farmland"]  # conflicts first, most claims
        figs, total = store.figure_page()
        assert [f.id for f in figs] == order and total == 7
        figs, total = store.figure_page(limit=2, offset=2)
        assert [f.id for f in figs] == order[2:4] and total == 7
        assert [f.id for f in store.figure_page(verdict="single_source", measure="boats")[0]] == ["boats"]
        assert store.figure_page(verdict="conflict", limit=0) == ([], 2)
        velasquez = store.entity_filter("velasquez")  # an alias; "dana velasquez" is the name
        assert velasquez.ids == ("ent:velasquez",) and velasquez.names == ("dana velasquez", "velasquez")
        assert [f.id for f in store.figure_page(entity=velasquez)[0]] == ["dead"]
        claims, total = store.claim_page(entity=velasquez)
        assert [x.id for x in claims] == ["ledger-42:c1", "vbc-61:c2"] and total == 2
        by_relay = store.entity_filter("MPA")  # named only in the claims' via, as a whole word
        assert by_relay.ids == ("ent:mpa",)
        assert [f.id for f in store.figure_page(entity=by_relay)[0]] == ["aid"]
        assert store.claim_page(entity=by_relay, measure="aid")[1] == 2
        assert store.claim_page(entity=store.entity_filter("press agency"))[1] == 2  # part of the name
        assert store.claim_page(entity=store.entity_filter("nobody at all")) == ([], 0)
        assert store.claim_page(entity=store.entity_filter("Velasquez"), measure="aid") == ([], 0)
        claims, total = store.claim_page(limit=3, offset=12)
        assert [x.id for x in claims] == ["wire-1:c2", "wire-1:c3"] and total == 14
        assert [x.id for x in store.claims(["wire-1:c2", "nope", "blaze-1:c1"])] == ["blaze-1:c1", "wire-1:c2"]
        rows, total = store.document_page(2, 3)
        assert [r["id"] for r in rows] == ["herald-1", "vbc-61"] and total == 6
        assert rows[1] == {"id": "vbc-61", "title": "Toll rises to 61", "outlet": "VBC News", "published": "2025-10-16",
                           "url": "https://news.example/vbc-61", "duplicate_of": None, "claims": 4}
        assert store.document_page(unassigned=True)[1] == 1 and store.document_page()[0][-1]["id"] == "note-1"
        assert [r["id"] for r in store.document_rows(["note-1", "nope", "wire-1"])] == ["note-1", "wire-1"]
        assert store.story_page(limit=5) == (c["stories"], 1) and store.story_page(offset=1) == ([], 1)
        assert store.figure_verdicts(["herald-1", "note-1"]) == {"aid": "agree", "boats": "single_source"}
        assert store.entity_page(name="mpa") == ([mpa], 1) and store.entity_page(limit=1, offset=1) == (c["entities"], 2)
        assert store.measures() == sorted(order)
        assert [f.id for f in store.most_corroborated(2)] == ["displaced", "dead"]  # 3 origins; 2 and 3 claims
        assert store.entity_of(["vbc-61:e1", "x"]) == {"vbc-61:e1": "ent:velasquez"}
        assert store.entities(["ent:mpa"]) == [mpa] and store.figures(ids=["aid", "x"])[0].id == "aid"
        assert store.claim_figure(["note-1:c1", "x"]) == {"note-1:c1": "boats"}
        assert sorted(store.document_refs())[0] == ("blaze-1", c["documents"][2].outlet, "https://news.example/blaze-1",
                                                    None)


def test_the_entity_filter_follows_subjects_through_entity_of(db: str) -> None:
    q = Quantity(0, 11, 3000.0, 3000.0, 3000.0)
    subjects = {"a": ("a:e1",), "b": ("ent:town",), "c": ("c:e1",)}  # b: a corpus id no document id maps
    with open_store(db) as store:
        store.add_documents([doc(i) for i in subjects])
        store.save_extractions([Extraction(i, claims=(Claim(f"{i}:c1", i, 0, 11, q, measure="fled", subject=s),))
                                for i, s in subjects.items()], "v1")
        town, hill = Entity("ent:town", "River Town", "GPE", ("the town",)), Entity("ent:hill", "Hill Village", "GPE")
        fig = Figure("f", "fled", "fled", "count", ("a:c1", "b:c1", "c:c1"), "agree", 3000, 3000, 1)
        store.save_reconciled([town, hill], {"a:e1": "ent:town", "c:e1": "ent:hill"}, [fig],
                              {f"{i}:c1": "f" for i in subjects}, [], [])
        by_alias = store.entity_filter("The Town")
        assert by_alias.ids == ("ent:town",) and by_alias.locals == ("a:e1", "ent:town")
        assert [c.id for c in store.claim_page(entity=by_alias)[0]] == ["a:c1", "b:c1"]
        assert [c.id for c in store.claim_page(entity=store.entity_filter("hill"))[0]] == ["c:c1"]
        assert store.figure_page(entity=store.entity_filter("hill"))[1] == 1
