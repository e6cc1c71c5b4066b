"""Back ends for the store suite: every ``db`` test runs on a SQLite file and on PostgreSQL.

PostgreSQL comes from ``$CLAIMGRAPH_TEST_PG`` (``.ci/run`` starts a server and sets it); each
test gets a fresh schema, dropped afterwards. Without the variable the PostgreSQL cases skip
and say why; with it set, an unreachable server fails them (so CI cannot skip them quietly).
"""
from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PG_ENV = "CLAIMGRAPH_TEST_PG"
HERE = Path(__file__).resolve().parent


def _root_conftest() -> Any:
    """The top-level tests/conftest.py, for its hand-built corpus (both are named ``conftest``)."""
    spec = importlib.util.spec_from_file_location("claimgraph_root_conftest", HERE.parent / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus() -> dict[str, Any]:
    """Documents, extractions and reconciled objects with every verdict (no NLP)."""
    return _root_conftest().corpus()  # type: ignore[no-any-return]


def with_schema(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` (libpq's ``options``, percent-encoded)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV}=postgresql://user@127.0.0.1:5432/dbname "
                    "to run the store suite on it (.ci/run starts one)")
    import psycopg  # the postgres extra is part of the test extra

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.fail(f"{PG_ENV}={url} is set but the server is unreachable: {exc}")
    return url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A PostgreSQL URL on an empty schema of its own."""
    import psycopg

    schema = f"cg_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(pg_server, schema)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A ``--db`` value naming an empty store on each back end."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))
