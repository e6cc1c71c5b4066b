"""The SQLite store: migrations, round trips, idempotent re-ingest."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimgraph.errors import StoreError
from claimgraph.model import (
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
