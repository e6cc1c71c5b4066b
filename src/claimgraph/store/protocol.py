"""The ``Store`` protocol: what the pipeline, CLI, report and web ask of a database.

Two back ends implement it: ``store.sqlite.Store`` (a file, no set-up) and
``store.postgres.PostgresStore`` (a server, by URL). ``store.open_store`` picks one from
the ``--db`` value. Every write is one transaction; writers take turns, readers do not wait.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Claim, Document, Entity, Extraction, Figure, Story, TimelineEvent
from .listing import EntityFilter

if TYPE_CHECKING:
    from ..ingest.dedup import Signature
    from ..reconcile.incremental import Lineage

JOB_STATES = ("queued", "running", "done", "failed")


@dataclass(frozen=True, slots=True)
class Job:
    """A write the web app (or anyone) asked for, run later by a worker (``claimgraph.jobs``).

    ``inputs``: ``{"pasted": [JSONL rows], "files": [{"name", "content" (base64)}], "urls": [...]}``.
    ``documents``/``added``: ids read and ids new or changed; ``errors``/``warnings``: per-input
    problems (a job can be done with some); ``error``: why a failed job failed.
    """

    id: str
    state: str
    inputs: dict[str, Any]
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None
    worker: str | None = None
    error: str | None = None
    documents: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


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

    def entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        """All entities by id (of ``ids`` only, if given)."""
        ...

    def entity_of(self, local: Iterable[str] | None = None) -> dict[str, str]:
        """A document's entity id → its corpus entity (for the ``local`` ids only, if given)."""
        ...

    def entities_by_id(self, ids: Iterable[str]) -> list[Entity]:
        """The entities of ``ids`` (unknown ones left out), by id, with every mention."""
        ...

    # -- incremental reconcile state (store.state.StateTables; see claimgraph.incremental)
    def recon_state(self) -> dict[str, str]: ...

    def lineage(self, kind: str | None = None) -> list[tuple[int, Lineage]]:
        """(run, lineage row), oldest run first: which old ids went into which new ones."""
        ...

    def figures(self, *, verdict: str | None = None, measure: str | None = None,
                ids: Iterable[str] | None = None) -> list[Figure]: ...

    def claim_figure(self, claims: Iterable[str] | None = None) -> dict[str, str]:
        """Claim id → figure id (for ``claims`` only, if given)."""
        ...

    def stories(self) -> list[Story]: ...

    def timeline(self) -> list[TimelineEvent]: ...

    # -- listings: filtered and paged in SQL (``limit`` None: all), each with the total it pages
    def entity_filter(self, name: str) -> EntityFilter:
        """The entities whose name holds ``name`` or whose alias is ``name`` (case aside); see listing.py."""
        ...

    def figure_page(self, *, verdict: str | None = None, measure: str | None = None,
                    entity: EntityFilter | None = None, limit: int | None = None,
                    offset: int = 0) -> tuple[list[Figure], int]:
        """Figures, conflicts first (``listing.VERDICT_RANK``), then by most claims, then id."""
        ...

    def most_corroborated(self, limit: int = 1) -> list[Figure]:
        """Figures with the most independent origins (then claims; ties to the last id)."""
        ...

    def measures(self) -> list[str]:
        """The measures figures have, sorted."""
        ...

    def claims(self, ids: Iterable[str]) -> list[Claim]:
        """The claims of ``ids`` that are stored, by id."""
        ...

    def claim_page(self, *, measure: str | None = None, entity: EntityFilter | None = None,
                   limit: int | None = None, offset: int = 0) -> tuple[list[Claim], int]:
        """Claims by document, then id."""
        ...

    def document_page(self, limit: int | None = None, offset: int = 0, *,
                      unassigned: bool = False) -> tuple[list[dict[str, Any]], int]:
        """Listing rows (``listing.DOCUMENT_ROW`` and ``claims``, no text) by date, undated last, then id;
        ``unassigned``: only documents of no story."""
        ...

    def document_rows(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Listing rows of the documents ``ids`` (in that order, unknown ids left out)."""
        ...

    def story_page(self, limit: int | None = None, offset: int = 0) -> tuple[list[Story], int]:
        """Stories by id."""
        ...

    def figure_verdicts(self, docs: Iterable[str]) -> dict[str, str]:
        """Figure id → verdict of every figure with a claim in ``docs``."""
        ...

    def entity_page(self, *, name: str | None = None, limit: int | None = None,
                    offset: int = 0) -> tuple[list[Entity], int]:
        """Entities by id; with ``name``, those ``entity_filter(name)`` finds."""
        ...

    def document_refs(self) -> list[tuple[str, str | None, str | None, str | None]]:
        """(id, outlet, url, duplicate_of) of every document: what counting outlets needs."""
        ...

    # -- the job queue: writes asked for now, run by a worker later
    def enqueue(self, inputs: Mapping[str, Any], errors: Sequence[str] = ()) -> Job:
        """Queue a job on ``inputs`` (``errors``: problems already found in what was given)."""
        ...

    def claim_job(self, worker: str) -> Job | None:
        """Mark the oldest queued job running for ``worker`` and return it, atomically: two workers
        never claim one job. None when the queue is empty."""
        ...

    def finish_job(self, job_id: str, *, error: str | None = None, documents: Sequence[str] = (),
                   added: Sequence[str] = (), errors: Sequence[str] = (), warnings: Sequence[str] = ()) -> None:
        """Mark a running job done (or failed, with ``error``) with what it did."""
        ...

    def job(self, job_id: str) -> Job | None: ...

    def running_jobs(self) -> list[Job]:
        """The jobs marked running (their workers may have stopped: ``jobs.recover``)."""
        ...

    def requeue_job(self, job_id: str, note: str) -> bool:
        """Put a running job back in the queue, with ``note`` among its problems; False if it was
        no longer running."""
        ...

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL with ``?`` placeholders, for tests and analysts; the app calls the methods above."""
        ...
