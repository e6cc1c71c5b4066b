"""The SQLite store: migrations, round trips, idempotent re-ingest."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import StoreError
from claimgraph.model import (
    QUALIFIERS,
    Attribution,
    Claim,
    Debris,
    Document,
    Entity,
    Extraction,
    Figure,
    Quantity,
    Source,
    Story,
    TextSpan,
    TimeRef,
)
from claimgraph.store.codec import dumps
from claimgraph.store.sqlite import MIGRATIONS, Store


def doc(i: str, text: str = "About 3,000 people fled.") -> Document:
    return Document(id=i, text=text, body=((0, len(text)),), debris=(Debris(0, 5, "byline"),), authors=("A B",),
                    checksum=f"sum-{text}", published="2024-12-03")


def test_migrations_numbered_and_reapplied_once(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()
    store = Store(path)
    assert store.schema_version() == len(MIGRATIONS)
    assert store.query("SELECT COUNT(*) FROM schema_migrations")[0][0] == len(MIGRATIONS)


def test_reingest_adds_nothing_and_changed_text_replaces(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    assert store.add_documents([doc("a"), doc("b")]) == ["a", "b"]
    assert store.add_documents([doc("a"), doc("b")]) == []
    assert store.add_documents([doc("a", "About 4,000 people fled.")]) == ["a"]
    assert store.count("documents") == 2
    assert store.document("a").text == "About 4,000 people fled."  # type: ignore[union-attr]


def test_round_trip_of_model_objects(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    d = doc("a")
    store.add_documents([d])
    assert store.document("a") == d
    q = Quantity(6, 11, 3000.0, 2700.0, 3300.0, "count", "approx", None, "3,000")
    claim = Claim("a:c1", "a", 0, 18, q, counted="people", measure="displaced",
                  attribution=Attribution(Source("officials", "government"), ("Wire",), "say"),
                  time=TimeRef("2024-12", 1, 2))
    ent = Entity("a:e1", "River Town", "GPE", ("the town",), (TextSpan("a", 0, 5),))
    ex = Extraction("a", ((0, 24),), (ent,), (claim,))
    store.save_extractions([ex], "v1")
    assert store.extractions() == [ex]
    assert store.missing_extractions("v1") == [] and store.missing_extractions("v2") == ["a"]
    fig = Figure("f1", "people displaced", "displaced", "count", ("a:c1",), "single_source", 2700.0, 3300.0, 1, ("officials",))
    store.save_reconciled([ent], {"a:e1": "e1"}, [fig], {"a:c1": "f1"}, [Story("s1", "flood", ("a",))], [])
    assert store.figures(verdict="single_source") == [fig] and store.figures(verdict="conflict") == []
    assert store.claim_figure() == {"a:c1": "f1"}
    assert store.stories()[0].documents == ("a",)


def test_search(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.add_documents([doc("a"), doc("b", "Markets fell sharply.")])
    assert [r[0] for r in store.search("people")] == ["a"]
    assert store.search('"') == []


def test_failed_transaction_loses_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.add_documents([doc("a")])
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction():
            store.db.execute("INSERT INTO raw VALUES ('z', 'html', NULL, 'x')")
            store.db.execute("INSERT INTO raw VALUES ('z', 'html', NULL, 'x')")
    assert store.raw("z") is None and store.count("documents") == 1


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        Store(bad)


def old_store(path: Path, c: dict[str, Any]) -> None:
    """A store as claimgraph wrote it before migration 6: schema 1-5, whole objects as JSON blobs
    beside a few key columns (the INSERT statements of that version, verbatim)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version, sql in enumerate(MIGRATIONS[:5], 1):
        for statement in filter(str.strip, sql.split(";")):
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, '2026-01-01')", (version,))
    for d in c["documents"]:
        con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)", (
            d.id, d.checksum, d.published, d.outlet, d.title, d.url, d.duplicate_of, d.source, "2026-01-01", dumps(d)))
        con.execute("INSERT INTO documents_fts VALUES (?,?,?)", (d.id, d.title or "", d.text))
    for ex in c["extractions"]:
        con.execute("INSERT INTO extractions VALUES (?,?,?)", (ex.doc, "v1", dumps(ex)))
        for cl in ex.claims:
            src = cl.attribution.source.name if cl.attribution.source else None
            con.execute("INSERT INTO claims VALUES (?,?,?,?,?,?,?)",
                        (cl.id, cl.doc, cl.measure, cl.quantity.unit, cl.quantity.value, src, dumps(cl)))
    con.executemany("INSERT INTO entities VALUES (?,?,?,?)", ((e.id, e.name, e.type, dumps(e)) for e in c["entities"]))
    con.executemany("INSERT INTO entity_of VALUES (?,?)", c["entity_of"].items())
    con.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?)", (
        (f.id, f.label, f.measure, f.unit, f.verdict, len(f.claims), f.independent_origins, dumps(f))
        for f in c["figures"]))
    con.executemany("INSERT INTO claim_figure VALUES (?,?)", c["claim_figure"].items())
    con.executemany("INSERT INTO stories VALUES (?,?,?)", ((s.id, s.label, dumps(s)) for s in c["stories"]))
    con.executemany("INSERT INTO timeline VALUES (?,?)", ((n, dumps(t)) for n, t in enumerate(c["timeline"])))
    con.close()


def test_a_store_of_the_previous_version_migrates_without_loss(tmp_path: Path) -> None:
    from conftest import build_store, corpus

    c = corpus()
    old_store(tmp_path / "old.db", c)
    with Store(tmp_path / "old.db") as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert store.documents() == sorted(c["documents"], key=lambda d: (d.published is not None, d.published or "", d.id))
        assert store.extractions() == sorted(c["extractions"], key=lambda e: e.doc)
        assert store.figures() == sorted(c["figures"], key=lambda f: f.id) and store.stories() == c["stories"]
        assert store.entities() == c["entities"] and store.timeline() == c["timeline"]
        assert store.search("displaced", limit=1) and store.raw("wire-1") is None
        columns = "n, start_char, end_char, value, low, high, unit, qualifier, counted, measure, subject, source, " \
                  "source_kind, source_entity, via, verb, certainty, in_title, vague"
        migrated = store.query(f"SELECT {columns} FROM claims ORDER BY id")
        ledger = store.query("SELECT * FROM ledger ORDER BY id")
        figs = store.query("SELECT id, low, high, origins, first_reported FROM figures ORDER BY id")
        docs = store.query("SELECT id, authors, language, text, data FROM documents ORDER BY id")
    with Store(build_store(tmp_path / "new.db")) as fresh:  # written by this version: the same rows
        assert fresh.query(f"SELECT {columns} FROM claims ORDER BY id") == migrated
        assert fresh.query("SELECT * FROM ledger ORDER BY id") == ledger
        assert fresh.query("SELECT id, low, high, origins, first_reported FROM figures ORDER BY id") == figs
        assert fresh.query("SELECT id, authors, language, text, data FROM documents ORDER BY id") == docs
    row = dict(zip(columns.split(", "), migrated[0], strict=True))
    assert row["n"] == 0 and row["via"] == "[]" and row["qualifier"] in QUALIFIERS


def test_claims_and_figures_have_the_columns_of_the_postgresql_store(tmp_path: Path) -> None:
    from claimgraph.store import postgres

    def columns(sql: str, table: str) -> list[str]:
        start = sql.index(f"CREATE TABLE {table} (")
        body = sql[start:sql.index(";", start)]
        return [w.split()[0] for w in re.split(r",\s*(?![^()]*\))", body[body.index("(") + 1:body.rindex(")")])]

    with Store(tmp_path / "x.db") as store:
        for table in ("documents", "claims", "figures", "entities", "stories", "timeline", "extractions"):
            mine = {r[1] for r in store.query(f"PRAGMA table_info({table})")}
            theirs = {c for c in columns("".join(postgres.MIGRATIONS), table) if c.islower()}
            assert len(theirs) > 3 and theirs - mine == set(), table
