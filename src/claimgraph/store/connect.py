"""Open the store a ``--db`` value names: a SQLite file, or a PostgreSQL server by URL."""
from __future__ import annotations

import re

from ..errors import StoreError
from .postgres import redact
from .protocol import Store

PG_SCHEMES = ("postgresql", "postgres")


def scheme(db: str) -> str | None:
    """The URL scheme of ``db`` (``postgresql``), or None for a file path or ``:memory:``."""
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", db)
    return m.group(1).lower() if m else None


def is_file(db: str) -> bool:
    """Whether ``db`` names a SQLite database file (not a URL or an in-memory database)."""
    return scheme(db) is None and db != ":memory:"


def open_store(db: str) -> Store:
    """The store at ``db``: ``postgresql://…`` (needs the ``postgres`` extra), else a SQLite file."""
    kind = scheme(db)
    if kind in PG_SCHEMES:
        from .postgres import PostgresStore

        try:
            return PostgresStore(db)
        except StoreError:
            raise
        except Exception as exc:  # a malformed URL, say
            raise StoreError(f"cannot open the database ({exc})", input=redact(db)) from exc
    if kind is not None:
        raise StoreError(f"unknown database URL scheme {kind!r}: give a SQLite file path or a "
                         "postgresql://user@host/dbname URL", input=redact(db))
    from .sqlite import Store as SqliteStore

    return SqliteStore(db)
