"""The ``Store`` protocol: what the pipeline, CLI, report and web ask of a database.

Two back ends implement it: ``store.sqlite.Store`` (a file, no set-up) and
``store.postgres.PostgresStore`` (a server, by URL). ``store.open_store`` picks one from
the ``--db`` value. Every write is one transaction; writers take turns, readers do not wait.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Document, Entity, Extraction, Figure, Story, TimelineEvent

if TYPE_CHECKING:
    from ..ingest.dedup import Signature
    from ..reconcile.incremental import Lineage

TABLES = frozenset({"documents", "claims", "figures", "stories", "entities", "extractions"})  # for ``count``


class Store(Protocol):
    """An open claimgraph database."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    # -- schema
    def migrate(self) -> int:
        """Apply the missing numbered migrations; return the schema version."""
        ...

    def schema_version(self) -> int: ...

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction (writers take turns); inside another, it joins that one."""
        ...

    # -- documents
    def add_documents(self, docs: Sequence[Document], raws: Sequence[tuple[str, str, str]] = ()) -> list[str]:
        """Store new or changed documents; return the ids written (a re-run writes none)."""
        ...

    def set_duplicates(self, links: Mapping[str, str], ids: Iterable[str] | None = None) -> None: ...

    # near-duplicate signatures and their LSH band index (ingest.dedup)
    def save_signatures(self, rows: Iterable[tuple[str, str, str, bytes, Sequence[int]]]) -> None: ...

    def signatures(self, ids: Iterable[str]) -> dict[str, Signature]: ...

    def unsigned_documents(self) -> list[str]: ...

    def band_neighbours(self, keys: Sequence[int]) -> set[str]: ...

    def same_checksum(self, checksum: str) -> set[str]: ...

    def linked_to(self, ids: Iterable[str]) -> set[str]: ...

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        """The documents of ``ids`` (in that order, unknown ids left out), or all by date."""
        ...

    def document(self, doc_id: str) -> Document | None: ...

    def count(self, table: str) -> int: ...

    def raw(self, doc_id: str) -> tuple[str, str] | None: ...

    def search(self, query: str, limit: int = 50, offset: int = 0, *,
               marks: tuple[str, str] = ("[", "]")) -> list[tuple[str, str]]:
        """(doc id, snippet) of documents holding every word of ``query``; ``marks`` wrap the hits."""
        ...

    def search_count(self, query: str) -> int: ...

    # -- extractions
    def missing_extractions(self, version: str) -> list[str]: ...

    def save_extractions(self, extractions: Sequence[Extraction], version: str,
                         checksums: Mapping[str, str] | None = None) -> None: ...

    def extractions(self, ids: Iterable[str] | None = None) -> list[Extraction]: ...

    # -- reconciliation
    def save_reconciled(self, entities: Sequence[Entity], entity_of: dict[str, str], figures: Sequence[Figure],
                        claim_figure: dict[str, str], stories: Sequence[Story],
                        timeline: Sequence[TimelineEvent]) -> None: ...

    def entities(self) -> list[Entity]: ...

    def entity_of(self) -> dict[str, str]: ...

    def entities_by_id(self, ids: Iterable[str]) -> list[Entity]:
        """The entities of ``ids`` (unknown ones left out), by id, with every mention."""
        ...

    # -- incremental reconcile state (store.state.StateTables; see claimgraph.incremental)
    def recon_state(self) -> dict[str, str]: ...

    def lineage(self, kind: str | None = None) -> list[tuple[int, Lineage]]:
        """(run, lineage row), oldest run first: which old ids went into which new ones."""
        ...

    def figures(self, *, verdict: str | None = None, measure: str | None = None) -> list[Figure]: ...

    def claim_figure(self) -> dict[str, str]: ...

    def stories(self) -> list[Story]: ...

    def timeline(self) -> list[TimelineEvent]: ...

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL with ``?`` placeholders, for presentation layers (web/data.py, present.py).

        The tables and columns these queries name (``data`` of claims, figures and entities as
        JSON text, ``claim_figure``, ``entity_of``) exist on both back ends.
        """
        ...
