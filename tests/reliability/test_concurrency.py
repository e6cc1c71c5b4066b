"""N writers on one database at once (new or old): every run succeeds and nothing is stored twice."""
from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest
from test_fuzz import FlakyExtractor, flaky  # noqa: F401  (the fixture)

from claimgraph import api
from claimgraph.store.sqlite import MIGRATIONS, Store

WRITERS = 4


def _analyze(db: str, inputs: list[str], barrier: object, out: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        with Store(db) as store:
            result = api.analyze(inputs, store, config=api.RunConfig(n_process=1))
        out.put(("ok", sorted(d["id"] for d in (result.export or {}).get("documents", []))))  # type: ignore[attr-defined]
    except BaseException as exc:
        out.put(("failed", f"{exc.__class__.__name__}: {exc}"))  # type: ignore[attr-defined]


def run_together(db: Path, inputs: list[str]) -> list[tuple[str, object]]:
    import datasketch  # noqa: F401  imported once here, not in each forked writer

    import claimgraph.ingest.dedup  # noqa: F401
    import claimgraph.reconcile  # noqa: F401

    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [ctx.Process(target=_analyze, args=(str(db), inputs, barrier, out)) for _ in range(WRITERS)]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(10)
    return results


@pytest.mark.parametrize("old", [False, True], ids=["new-db", "old-db"])
def test_concurrent_analyze_runs_all_succeed(tmp_path: Path, flaky: type[FlakyExtractor], old: bool) -> None:  # noqa: F811
    for i in range(12):
        (tmp_path / f"doc{i}.txt").write_text(f"At least {i + 2} people were killed in the flood, officials said.\n")
    ids = sorted(f"doc{i}" for i in range(12))
    for attempt in range(3):
        db = tmp_path / f"run{attempt}.db"
        if old:
            Store(db).close()
        results = run_together(db, [str(tmp_path)])
        assert results == [("ok", ids)] * WRITERS
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone() == (12, 12)
        assert con.execute("SELECT COUNT(*) FROM documents_fts").fetchone() == (12,)
        assert con.execute("SELECT COUNT(*) FROM extractions").fetchone() == (12,)
        assert con.execute("SELECT MAX(version), COUNT(*) FROM schema_migrations").fetchone()[1] == len(MIGRATIONS)
