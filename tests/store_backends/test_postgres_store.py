"""What only the PostgreSQL store has: real columns and the ledger view, its errors, its lock, and
several ``analyze`` processes writing one database at once."""
from __future__ import annotations

import multiprocessing as mp
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimgraph import api
from claimgraph.cli import main
from claimgraph.errors import StoreError
from claimgraph.model import Document, Extraction
from claimgraph.store.connect import open_store
from claimgraph.store.postgres import PostgresStore, placeholders, redact

DEAD = "postgresql://bob:s3cret@127.0.0.1:9/claims"  # the discard port on loopback: refused at once


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as info:
        open_store(DEAD)
    assert "postgresql://bob:***@127.0.0.1:9/claims" in str(info.value) and "s3cret" not in str(info.value)
    result = CliRunner().invoke(main, ["figures", "--db", DEAD])
    assert result.exit_code == 1 and "bob:***@127.0.0.1:9/claims" in result.output and "s3cret" not in result.output


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(StoreError, match=r"pip install 'claimgraph\[postgres\]'"):
        open_store(DEAD)


def test_other_urls_are_refused_by_name() -> None:
    with pytest.raises(StoreError, match="unknown database URL scheme 'mysql'"):
        open_store("mysql://u:pw@db/x")
    result = CliRunner().invoke(main, ["serve", "--db", DEAD])  # serve opens PostgreSQL too: this one is away
    assert result.exit_code == 1 and "cannot connect to PostgreSQL" in result.output and "s3cret" not in result.output


def test_sql_helpers() -> None:
    assert placeholders("SELECT '?%' , \"a?\" FROM t WHERE a = ? AND b LIKE '%x'") == \
        "SELECT '?%%' , \"a?\" FROM t WHERE a = %s AND b LIKE '%%x'"
    assert redact("postgresql://u:p@h:5/d?sslmode=require") == "postgresql://u:***@h:5/d?sslmode=require"
    assert redact("postgresql://u@h/d") == "postgresql://u@h/d"


def test_claims_and_figures_have_real_columns_and_a_ledger_view(pg_url: str, corpus: dict[str, Any]) -> None:
    with open_store(pg_url) as store:
        store.add_documents(corpus["documents"])
        store.save_extractions(corpus["extractions"], "v1")
        store.save_reconciled(corpus["entities"], corpus["entity_of"], corpus["figures"], corpus["claim_figure"],
                              corpus["stories"], corpus["timeline"])
        rows = store.query("SELECT text, value, low, high, unit, qualifier, measure, source, via, figure, verdict "
                           "FROM ledger WHERE doc = ? ORDER BY value", ("herald-1",))
        assert rows == [("pledged $300 million", 3e8, 3e8, 3e8, "USD", "exact", "aid", "Northern Development Bank",
                         ["MPA"], "aid", "agree")]
        assert store.query("SELECT verdict, low, high, independent_origins, origins FROM figures WHERE id = 'damage'") \
            == [("consistent", 8.1e8, 9.9e8, 2, ["Pieter Aalst", "Halvorsen Risk"])]
        assert store.query("SELECT COUNT(*) FROM claims WHERE high IS NULL") == [(2,)]  # "at least", "more than"
        assert store.query("SELECT data->'quantity'->>'qualifier' FROM claims WHERE id = 'vbc-61:c1'") \
            == [("more_than",)]
        assert store.query("SELECT documents FROM stories") == [(["wire-1", "ledger-42", "blaze-1", "vbc-61",
                                                                  "herald-1"],)]


def test_a_document_with_a_nul_character_is_refused_by_name(pg_url: str) -> None:
    with open_store(pg_url) as store, pytest.raises(StoreError, match="'bin' holds a NUL character"):
        store.add_documents([Document("ok", "fine", checksum="1"), Document("bin", "a\x00b", checksum="2")])
    with open_store(pg_url) as store:
        assert store.count("documents") == 0


def test_a_writer_waits_for_the_lock_then_gives_up_with_a_clear_error(pg_url: str) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with open_store(pg_url) as other, other.transaction():
            holding.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    try:
        assert holding.wait(10)
        store = PostgresStore(pg_url, timeout=0.3)
        with pytest.raises(StoreError, match="stayed locked by another writer"):
            store.add_documents([Document("a", "text", checksum="1")])
        assert store.documents() == []  # readers do not wait
    finally:
        release.set()
        t.join(10)
    store.add_documents([Document("a", "text", checksum="1")])
    assert [d.id for d in store.documents()] == ["a"]
    store.close()


class StandIn:
    """The NLP's stand-in (no spaCy): an empty extraction per document."""

    def __init__(self, *, config: object = None) -> None:
        pass

    def __call__(self, docs: Sequence[Document]) -> Iterator[Extraction]:
        return iter([Extraction(d.id) for d in docs])


WRITERS = 4


def _analyze(db: str, inputs: list[str], barrier: Any, out: Any) -> None:
    barrier.wait()
    try:
        with open_store(db) as store:
            result = api.analyze(inputs, store, config=api.RunConfig(n_process=1))  # type: ignore[arg-type]
        out.put(("ok", sorted(d["id"] for d in (result.export or {}).get("documents", []))))
    except BaseException as exc:
        out.put(("failed", f"{exc.__class__.__name__}: {exc}"))


@pytest.mark.parametrize("old", [False, True], ids=["new-db", "old-db"])
def test_concurrent_analyze_runs_on_one_database(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                                 old: bool) -> None:
    from claimgraph.extract import pipeline

    monkeypatch.setattr(pipeline, "Extractor", StandIn)
    import datasketch  # noqa: F401  imported once here, not in each forked writer

    import claimgraph.ingest.dedup  # noqa: F401
    import claimgraph.reconcile  # noqa: F401

    for i in range(12):
        (tmp_path / f"doc{i}.txt").write_text(f"At least {i + 2} people were killed in the flood, officials said.\n")
    if old:
        open_store(pg_url).close()
    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [ctx.Process(target=_analyze, args=(pg_url, [str(tmp_path)], barrier, out)) for _ in range(WRITERS)]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(10)
    assert results == [("ok", [f"doc{i}" for i in sorted(range(12), key=str)])] * WRITERS
    with open_store(pg_url) as store:
        assert store.query("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents") == [(12, 12)]
        assert store.count("extractions") == 12 and store.search_count("flood") == 12
        from claimgraph.store.postgres import MIGRATIONS

        assert store.query("SELECT COUNT(*) FROM schema_migrations") == [(len(MIGRATIONS),)]
