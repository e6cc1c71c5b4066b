"""The SQLite store: the one place where model objects become rows and back.

Each write is one ``BEGIN IMMEDIATE`` transaction, so two processes on one database take
turns (waiting up to ``BUSY_TIMEOUT`` seconds) instead of failing; schema changes are
numbered migrations applied under that lock. Re-ingesting the same content changes nothing.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
import time
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, StoreError
from ..model import Claim, Document, Entity, Extraction, Figure, Story, TimelineEvent
from .codec import dumps, from_plain, loads, to_plain
from .listing import (
    DOCUMENT_ROW,
    FIGURE_ORDER,
    EntityFilter,
    document_row,
    entity_filter,
    figure_where,
    said_by,
)
from .protocol import Job
from .state import StateTables, timeline_sort

if TYPE_CHECKING:
    from ..ingest.dedup import Signature

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, raw inputs, extractions
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, checksum TEXT NOT NULL, published TEXT, outlet TEXT, title TEXT,
        url TEXT, duplicate_of TEXT, source TEXT, added_at TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX documents_checksum ON documents(checksum);
    CREATE TABLE raw (id TEXT PRIMARY KEY, format TEXT NOT NULL, source TEXT, content TEXT NOT NULL);
    CREATE TABLE extractions (doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        version TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE claims (id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        measure TEXT, unit TEXT, value REAL, source TEXT, data TEXT NOT NULL);
    CREATE INDEX claims_doc ON claims(doc);
    CREATE INDEX claims_measure ON claims(measure);
    """,
    # 2: reconciliation results
    """
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, data TEXT NOT NULL);
    CREATE TABLE entity_of (local TEXT PRIMARY KEY, entity TEXT NOT NULL);
    CREATE TABLE figures (id TEXT PRIMARY KEY, label TEXT, measure TEXT, unit TEXT, verdict TEXT,
        n_claims INTEGER, independent_origins INTEGER, data TEXT NOT NULL);
    CREATE INDEX figures_verdict ON figures(verdict);
    CREATE TABLE claim_figure (claim TEXT PRIMARY KEY, figure TEXT NOT NULL);
    CREATE INDEX claim_figure_figure ON claim_figure(figure);
    CREATE TABLE stories (id TEXT PRIMARY KEY, label TEXT, data TEXT NOT NULL);
    CREATE TABLE timeline (n INTEGER PRIMARY KEY, data TEXT NOT NULL);
    """,
    # 3: full-text search over documents
    """
    CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, text);
    """,
    # 4: near-duplicate signatures and their LSH band index (ingest.dedup)
    """
    CREATE TABLE signatures (doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        checksum TEXT NOT NULL, sort TEXT NOT NULL, hashes BLOB NOT NULL);
    CREATE TABLE lsh_bands (key INTEGER NOT NULL, doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
    CREATE INDEX lsh_bands_key ON lsh_bands(key);
    CREATE INDEX lsh_bands_doc ON lsh_bands(doc);
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    """,
    # 5: one row per claim with its figure and verdict, in plain columns (as PostgreSQL's ledger)
    """
    CREATE VIEW ledger AS
        SELECT c.id, c.doc, d.outlet, d.published,
               substr(json_extract(d.data, '$.text'), json_extract(c.data, '$.start') + 1,
                      json_extract(c.data, '$.end') - json_extract(c.data, '$.start')) AS text,
               json_extract(c.data, '$.quantity.value') AS value, json_extract(c.data, '$.quantity.low') AS low,
               json_extract(c.data, '$.quantity.high') AS high, json_extract(c.data, '$.quantity.unit') AS unit,
               json_extract(c.data, '$.quantity.qualifier') AS qualifier,
               json_extract(c.data, '$.quantity.change') AS change, json_extract(c.data, '$.counted') AS counted,
               c.measure, json_extract(c.data, '$.attribution.source.name') AS source,
               json_extract(c.data, '$.attribution.source.kind') AS source_kind,
               json_extract(c.data, '$.attribution.via') AS via, cf.figure, f.verdict, f.independent_origins
        FROM claims c JOIN documents d ON d.id = c.doc
        LEFT JOIN claim_figure cf ON cf.claim = c.id LEFT JOIN figures f ON f.id = cf.figure;
    """,
    # 6: real columns, as on PostgreSQL, filled from the JSON of the rows already stored. A
    # document's text leaves its ``data`` for a column of its own (``data`` keeps the rest); claims,
    # figures, entities, stories and timeline events keep their whole object in ``data`` beside the
    # columns. Lists (authors, via, subject, aliases, origins, documents, errors) are JSON arrays.
    """
    ALTER TABLE documents ADD COLUMN language TEXT;
    ALTER TABLE documents ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN text TEXT NOT NULL DEFAULT '';
    UPDATE documents SET language = json_extract(data, '$.language'),
        authors = coalesce(json_extract(data, '$.authors'), '[]'), text = json_extract(data, '$.text'),
        data = json_remove(data, '$.id', '$.checksum', '$.title', '$.published', '$.outlet', '$.url',
                           '$.language', '$.authors', '$.duplicate_of', '$.source', '$.text');
    CREATE INDEX documents_published ON documents(published, id);
    ALTER TABLE extractions ADD COLUMN errors TEXT NOT NULL DEFAULT '[]';
    UPDATE extractions SET errors = coalesce(json_extract(data, '$.errors'), '[]');
    ALTER TABLE claims ADD COLUMN n INTEGER;
    ALTER TABLE claims ADD COLUMN start_char INTEGER;
    ALTER TABLE claims ADD COLUMN end_char INTEGER;
    ALTER TABLE claims ADD COLUMN low REAL;
    ALTER TABLE claims ADD COLUMN high REAL;
    ALTER TABLE claims ADD COLUMN qualifier TEXT;
    ALTER TABLE claims ADD COLUMN change TEXT;
    ALTER TABLE claims ADD COLUMN per TEXT;
    ALTER TABLE claims ADD COLUMN vague INTEGER;
    ALTER TABLE claims ADD COLUMN counted TEXT;
    ALTER TABLE claims ADD COLUMN subject TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE claims ADD COLUMN place TEXT;
    ALTER TABLE claims ADD COLUMN time TEXT;
    ALTER TABLE claims ADD COLUMN source_kind TEXT;
    ALTER TABLE claims ADD COLUMN source_entity TEXT;
    ALTER TABLE claims ADD COLUMN via TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE claims ADD COLUMN verb TEXT;
    ALTER TABLE claims ADD COLUMN certainty TEXT;
    ALTER TABLE claims ADD COLUMN in_title INTEGER;
    UPDATE claims SET start_char = json_extract(data, '$.start'), end_char = json_extract(data, '$.end'),
        value = json_extract(data, '$.quantity.value'), low = json_extract(data, '$.quantity.low'),
        high = json_extract(data, '$.quantity.high'), unit = json_extract(data, '$.quantity.unit'),
        qualifier = json_extract(data, '$.quantity.qualifier'), change = json_extract(data, '$.quantity.change'),
        per = json_extract(data, '$.quantity.per'), vague = json_extract(data, '$.quantity.vague'),
        counted = json_extract(data, '$.counted'), subject = coalesce(json_extract(data, '$.subject'), '[]'),
        place = json_extract(data, '$.place'), time = json_extract(data, '$.time.value'),
        source = json_extract(data, '$.attribution.source.name'),
        source_kind = json_extract(data, '$.attribution.source.kind'),
        source_entity = json_extract(data, '$.attribution.source.entity'),
        via = coalesce(json_extract(data, '$.attribution.via'), '[]'), verb = json_extract(data, '$.attribution.verb'),
        certainty = json_extract(data, '$.attribution.certainty'), in_title = json_extract(data, '$.in_title');
    UPDATE claims SET n = r.n FROM (SELECT rowid AS rid, ROW_NUMBER() OVER (PARTITION BY doc ORDER BY rowid) - 1 AS n
        FROM claims) AS r WHERE claims.rowid = r.rid;
    CREATE INDEX claims_doc_n ON claims(doc, n);
    CREATE INDEX claims_doc_id ON claims(doc, id);
    ALTER TABLE figures ADD COLUMN low REAL;
    ALTER TABLE figures ADD COLUMN high REAL;
    ALTER TABLE figures ADD COLUMN origins TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE figures ADD COLUMN first_reported TEXT;
    ALTER TABLE figures ADD COLUMN last_reported TEXT;
    UPDATE figures SET low = json_extract(data, '$.low'), high = json_extract(data, '$.high'),
        origins = coalesce(json_extract(data, '$.origins'), '[]'), first_reported = json_extract(data, '$.first_reported'),
        last_reported = json_extract(data, '$.last_reported');
    CREATE INDEX figures_measure ON figures(measure);
    ALTER TABLE entities ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
    UPDATE entities SET aliases = coalesce(json_extract(data, '$.aliases'), '[]');
    ALTER TABLE stories ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';
    UPDATE stories SET documents = coalesce(json_extract(data, '$.documents'), '[]');
    ALTER TABLE timeline ADD COLUMN at TEXT;
    ALTER TABLE timeline ADD COLUMN kind TEXT;
    ALTER TABLE timeline ADD COLUMN label TEXT;
    ALTER TABLE timeline ADD COLUMN doc TEXT;
    ALTER TABLE timeline ADD COLUMN claim TEXT;
    ALTER TABLE timeline ADD COLUMN figure TEXT;
    UPDATE timeline SET at = json_extract(data, '$.when'), kind = json_extract(data, '$.kind'),
        label = json_extract(data, '$.label'), doc = json_extract(data, '$.doc'), claim = json_extract(data, '$.claim'),
        figure = json_extract(data, '$.figure');
    DROP VIEW ledger;
    CREATE VIEW ledger AS
        SELECT c.id, c.doc, d.outlet, d.published, substr(d.text, c.start_char + 1, c.end_char - c.start_char) AS text,
               c.value, c.low, c.high, c.unit, c.qualifier, c.change, c.counted, c.measure, c.source, c.source_kind,
               c.via, cf.figure, f.verdict, f.independent_origins
        FROM claims c JOIN documents d ON d.id = c.doc
        LEFT JOIN claim_figure cf ON cf.claim = c.id LEFT JOIN figures f ON f.id = cf.figure;
    """,
    # 7: the job queue (web uploads run by workers; see claimgraph.jobs)
    """
    CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        inputs TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, worker TEXT, error TEXT,
        documents TEXT NOT NULL DEFAULT '[]', added TEXT NOT NULL DEFAULT '[]', errors TEXT NOT NULL DEFAULT '[]',
        warnings TEXT NOT NULL DEFAULT '[]');
    CREATE INDEX jobs_state ON jobs(state, seq);
    """,
    # 8 (issue 13, incremental reconcile): reconcile state, stable-id lineage, timeline order by key
    """
    CREATE TABLE recon_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE story_state (story TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE story_docs (doc TEXT PRIMARY KEY, story TEXT NOT NULL, checksum TEXT NOT NULL, version TEXT NOT NULL);
    CREATE INDEX story_docs_story ON story_docs(story);
    CREATE TABLE story_entities (entity TEXT NOT NULL, story TEXT NOT NULL, n INTEGER NOT NULL,
        top INTEGER NOT NULL, person INTEGER NOT NULL, PRIMARY KEY (entity, story));
    CREATE INDEX story_entities_story ON story_entities(story);
    CREATE TABLE story_words (word TEXT NOT NULL, story TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (word, story));
    CREATE INDEX story_words_story ON story_words(story);
    CREATE TABLE word_df (word TEXT PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TABLE entity_stats (entity TEXT PRIMARY KEY, df INTEGER NOT NULL, weight INTEGER NOT NULL, name TEXT NOT NULL,
        type TEXT NOT NULL, aliases TEXT NOT NULL);
    CREATE TABLE entity_keys (kind TEXT NOT NULL, key TEXT NOT NULL, entity TEXT NOT NULL, best INTEGER NOT NULL,
        PRIMARY KEY (kind, key, entity));
    CREATE TABLE entity_mentions (entity TEXT NOT NULL, doc TEXT NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL);
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity);
    CREATE TABLE figure_story (figure TEXT PRIMARY KEY, story TEXT NOT NULL);
    CREATE INDEX figure_story_story ON figure_story(story);
    CREATE TABLE lineage (run INTEGER NOT NULL, kind TEXT NOT NULL, old TEXT NOT NULL, new TEXT, shared INTEGER NOT NULL);
    CREATE INDEX lineage_old ON lineage(kind, old);
    CREATE INDEX lineage_new ON lineage(kind, new);
    ALTER TABLE timeline ADD COLUMN sort TEXT;
    CREATE INDEX timeline_doc ON timeline(doc);
    CREATE INDEX timeline_sort ON timeline(sort, n);
    CREATE INDEX extractions_doc_version ON extractions(doc, version);
    """,
)

JOB_COLUMNS = ("id", "state", "inputs", "created_at", "started_at", "finished_at", "worker", "error", "documents",
               "added", "errors", "warnings")

DOC_COLUMNS = ("id", "checksum", "title", "published", "outlet", "url", "language", "authors", "duplicate_of",
               "source", "text")  # the rest of a Document (body, debris, spans) is its ``data``
CLAIM_COLUMNS = ("id", "doc", "n", "start_char", "end_char", "value", "low", "high", "unit", "qualifier", "change",
                 "per", "vague", "counted", "measure", "subject", "place", "time", "source", "source_kind",
                 "source_entity", "via", "verb", "certainty", "in_title", "data")


BUSY_TIMEOUT = 600.0  # seconds a writer waits for another (reconciling a million claims takes ~70 s)


class Store(StateTables):
    """An open claimgraph database."""

    def __init__(self, path: str | Path = "claimgraph.db", *, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.create_function("cg_lower", 1, _lower, deterministic=True)  # SQLite's lower() is ASCII only
            self.db.create_function("cg_said_by", 2, _said_by, deterministic=True)
            self._wal(timeout)
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database ({exc})", input=self.path) from exc

    def _wal(self, timeout: float) -> None:
        """Switch a new database to WAL. The switch needs the database to itself and may fail at
        once ("database is locked") without waiting while another process opens it too: retry."""
        deadline = time.monotonic() + timeout
        pause = 0.01
        while True:
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the missing migrations, all under one write lock: two processes opening a new
        database together create its tables once."""
        if self._applied() >= set(range(1, len(MIGRATIONS) + 1)):
            return len(MIGRATIONS)  # nothing to do: no write lock needed
        with self.transaction():
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
            done = self._applied()
            for version, sql in enumerate(MIGRATIONS, 1):
                if version in done:
                    continue
                for statement in filter(str.strip, sql.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, _now()))
        return len(MIGRATIONS)

    def _applied(self) -> set[int]:
        try:
            return {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
        except sqlite3.OperationalError:  # no such table yet
            return set()

    def schema_version(self) -> int:
        row = self.db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock at once; inside another, it joins that one."""
        if self.db.in_transaction:
            yield self.db
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the database stayed locked by another writer ({exc})", input=self.path) from exc
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    # -- documents ------------------------------------------------------------
    def add_documents(self, docs: Sequence[Document], raws: Sequence[tuple[str, str, str]] = ()) -> list[str]:
        """Store new or changed documents in one transaction; return the ids written.

        A document whose id and checksum are already stored is left alone, so a
        re-run adds nothing. ``raws`` are (id, format, content) of the inputs.
        """
        with self.transaction():  # read what is stored under the write lock: a concurrent run's rows count
            fresh = [d for d in docs if self._changed(d)]
            ids = {d.id for d in fresh}
            known = {d.id for d in fresh if self.db.execute("SELECT 1 FROM documents WHERE id = ?", (d.id,)).fetchone()}
            for d in fresh:
                if d.id in known:
                    self._delete_doc(d.id)
                self.db.execute(f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}, data, added_at) "
                                f"VALUES ({', '.join('?' * (len(DOC_COLUMNS) + 2))})", (*_doc_row(d), _now()))
                self.db.execute("INSERT INTO documents_fts VALUES (?,?,?)", (d.id, d.title or "", d.text))
            for doc_id, fmt, content in raws:
                if doc_id in ids:
                    self.db.execute("INSERT OR REPLACE INTO raw VALUES (?,?,?,?)", (doc_id, fmt, None, content))
        return [d.id for d in fresh]

    def _changed(self, doc: Document) -> bool:
        """Whether ``doc`` is new, or differs from the stored one in text or metadata (a fixed manifest)."""
        row = self.db.execute(f"SELECT {DOC_SELECT} FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None or row[1] != doc.checksum:
            return True
        return replace(_doc_from(row), duplicate_of=doc.duplicate_of, source=doc.source) != doc

    def _delete_doc(self, doc_id: str) -> None:
        for table, col in (("claims", "doc"), ("extractions", "doc"), ("raw", "id"), ("documents_fts", "id"),
                           ("lsh_bands", "doc"), ("signatures", "doc"), ("documents", "id")):
            self.db.execute(f"DELETE FROM {table} WHERE {col} = ?", (doc_id,))

    def set_duplicates(self, links: Mapping[str, str], ids: Iterable[str] | None = None) -> None:
        """Set ``duplicate_of`` from ``links`` for every document (of ``ids``, if given); the others
        of those are originals."""
        with self.transaction():
            if ids is None:
                rows = list(self.db.execute("SELECT id, duplicate_of FROM documents"))
            else:
                rows = [r for i in ids for r in self.db.execute("SELECT id, duplicate_of FROM documents WHERE id = ?", (i,))]
            for doc_id, old in rows:
                new = links.get(doc_id)
                if new != old:
                    self.db.execute("UPDATE documents SET duplicate_of = ? WHERE id = ?", (new, doc_id))

    # -- near-duplicate signatures (see ingest.dedup) ----------------------------
    def save_signatures(self, rows: Iterable[tuple[str, str, str, bytes, Sequence[int]]]) -> None:
        """(doc id, checksum, order date, MinHash bytes, band keys) per document, replacing old ones."""
        with self.transaction():
            for doc_id, checksum, sort, hashes, keys in rows:
                self.db.execute("DELETE FROM lsh_bands WHERE doc = ?", (doc_id,))
                self.db.execute("INSERT OR REPLACE INTO signatures VALUES (?,?,?,?)", (doc_id, checksum, sort, hashes))
                self.db.executemany("INSERT INTO lsh_bands VALUES (?,?)", [(k, doc_id) for k in keys])

    def signatures(self, ids: Iterable[str]) -> dict[str, Signature]:
        """id → signature of the documents ``ids`` that have one."""
        from ..ingest.dedup import Signature

        out = {}
        for doc_id in ids:
            row = self.db.execute("SELECT checksum, sort, hashes FROM signatures WHERE doc = ?", (doc_id,)).fetchone()
            if row:
                out[doc_id] = Signature(doc_id, row[0], row[1], bytes(row[2]))
        return out

    def unsigned_documents(self) -> list[str]:
        """Documents with no signature for their current text (stored before signatures were kept)."""
        return [r[0] for r in self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN signatures s ON s.doc = d.id "
            "WHERE s.doc IS NULL OR s.checksum != d.checksum")]

    def band_neighbours(self, keys: Sequence[int]) -> set[str]:
        return {r[0] for k in keys for r in self.db.execute("SELECT doc FROM lsh_bands WHERE key = ?", (k,))}

    def same_checksum(self, checksum: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM documents WHERE checksum = ?", (checksum,))}

    def linked_to(self, ids: Iterable[str]) -> set[str]:
        """Documents marked as copies of any of ``ids``."""
        return {r[0] for i in ids for r in self.db.execute("SELECT id FROM documents WHERE duplicate_of = ?", (i,))}

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        if ids is None:
            rows = self.db.execute(f"SELECT {DOC_SELECT} FROM documents ORDER BY published, id")
            return [_doc_from(r) for r in rows]
        wanted = list(ids)
        out = []
        for doc_id in wanted:
            row = self.db.execute(f"SELECT {DOC_SELECT} FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row:
                out.append(_doc_from(row))
        return out

    def document(self, doc_id: str) -> Document | None:
        docs = self.documents([doc_id])
        return docs[0] if docs else None

    def count(self, table: str) -> int:
        assert table in {"documents", "claims", "figures", "stories", "entities", "extractions"}
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def raw(self, doc_id: str) -> tuple[str, str] | None:
        row = self.db.execute("SELECT format, content FROM raw WHERE id = ?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def search(self, query: str, limit: int = 50, offset: int = 0, *,
               marks: tuple[str, str] = ("[", "]")) -> list[tuple[str, str]]:
        """(doc id, snippet) of documents matching an FTS5 query (plain words are fine).

        ``marks`` wrap each match in the snippet.
        """
        q = _fts_query(query)
        if not q:
            return []
        rows = self.db.execute(
            "SELECT id, snippet(documents_fts, 2, ?, ?, ' … ', 12) FROM documents_fts "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (*marks, q, limit, offset))
        return [(r[0], r[1]) for r in rows]

    def search_count(self, query: str) -> int:
        """How many documents ``search`` would find without a limit."""
        q = _fts_query(query)
        if not q:
            return 0
        return int(self.db.execute("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?", (q,)).fetchone()[0])

    # -- extractions ------------------------------------------------------------
    def missing_extractions(self, version: str) -> list[str]:
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN extractions e ON e.doc = d.id "
            "WHERE e.doc IS NULL OR e.version != ? ORDER BY d.id", (version,))
        return [r[0] for r in rows]

    def save_extractions(self, extractions: Sequence[Extraction], version: str,
                         checksums: Mapping[str, str] | None = None) -> None:
        """Store extractions; with ``checksums`` (doc id → checksum of the text extracted), one whose
        document was replaced or removed meanwhile (by a concurrent run) is dropped, not stored."""
        with self.transaction():
            for ex in extractions:
                if checksums is not None:
                    row = self.db.execute("SELECT checksum FROM documents WHERE id = ?", (ex.doc,)).fetchone()
                    if row is None or row[0] != checksums.get(ex.doc):
                        continue
                self.db.execute("DELETE FROM claims WHERE doc = ?", (ex.doc,))
                self.db.execute("INSERT OR REPLACE INTO extractions (doc, version, errors, data) VALUES (?,?,?,?)",
                                (ex.doc, version, _json(list(ex.errors)), dumps(ex)))
                self.db.executemany(CLAIM_INSERT, [_claim_row(n, c) for n, c in enumerate(ex.claims)])

    def extractions(self, ids: Iterable[str] | None = None) -> list[Extraction]:
        if ids is None:
            rows = list(self.db.execute("SELECT data FROM extractions ORDER BY doc"))
        else:
            rows = [r for i in ids for r in self.db.execute("SELECT data FROM extractions WHERE doc = ?", (i,))]
        return [loads(Extraction, r[0]) for r in rows]

    # -- reconciliation ------------------------------------------------------------
    def save_reconciled(self, entities: Sequence[Entity], entity_of: dict[str, str], figures: Sequence[Figure],
                        claim_figure: dict[str, str], stories: Sequence[Story],
                        timeline: Sequence[TimelineEvent]) -> None:
        with self.transaction():
            for table in ("entities", "entity_of", "figures", "claim_figure", "stories", "timeline"):
                self.db.execute(f"DELETE FROM {table}")
            self._put_entities(entities)
            self.db.executemany("INSERT INTO entity_of VALUES (?,?)", entity_of.items())
            self._put_figures(figures)
            self.db.executemany("INSERT INTO claim_figure VALUES (?,?)", claim_figure.items())
            self._put_stories(stories)
            self._put_timeline(list(enumerate(timeline)), sort=False)  # in the order given (incremental.py sorts)

    def entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        if ids is None:
            rows = self.db.execute("SELECT data FROM entities ORDER BY id")
        else:
            rows = self.db.execute("SELECT data FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                                   (_json(list(ids)),))
        return self._with_new_mentions([loads(Entity, r[0]) for r in rows])

    def entity_of(self, local: Iterable[str] | None = None) -> dict[str, str]:
        if local is None:
            return dict(self.db.execute("SELECT local, entity FROM entity_of"))
        return dict(self.db.execute("SELECT local, entity FROM entity_of WHERE local IN (SELECT value FROM json_each(?))",
                                    (_json(list(local)),)))

    def figures(self, *, verdict: str | None = None, measure: str | None = None,
                ids: Iterable[str] | None = None) -> list[Figure]:
        sql, args = "SELECT data FROM figures WHERE 1=1", list[str]()
        if verdict:
            sql, args = sql + " AND verdict = ?", [*args, verdict]
        if measure:
            sql, args = sql + " AND measure = ?", [*args, measure]
        if ids is not None:
            sql, args = sql + " AND id IN (SELECT value FROM json_each(?))", [*args, _json(list(ids))]
        return [loads(Figure, r[0]) for r in self.db.execute(sql + " ORDER BY id", args)]

    def claim_figure(self, claims: Iterable[str] | None = None) -> dict[str, str]:
        if claims is None:
            return dict(self.db.execute("SELECT claim, figure FROM claim_figure"))
        return dict(self.db.execute("SELECT claim, figure FROM claim_figure WHERE claim IN "
                                    "(SELECT value FROM json_each(?))", (_json(list(claims)),)))

    def stories(self) -> list[Story]:
        return [loads(Story, r[0]) for r in self.db.execute("SELECT data FROM stories ORDER BY id")]

    def timeline(self) -> list[TimelineEvent]:
        return [loads(TimelineEvent, r[0]) for r in self.db.execute("SELECT data FROM timeline ORDER BY sort, n")]

    # -- listings (paged and filtered in SQL; see store/listing.py) -------------------
    def entity_filter(self, name: str) -> EntityFilter:
        want = name.strip().lower()
        rows = self.db.execute(
            "SELECT id, name, aliases FROM entities WHERE instr(cg_lower(name), ?) > 0 OR EXISTS "
            "(SELECT 1 FROM json_each(entities.aliases) a WHERE cg_lower(a.value) = ?)", (want, want))
        found = entity_filter([(r[0], r[1], json.loads(r[2])) for r in rows], want)
        return found.with_locals(list(self.db.execute(
            "SELECT local, entity FROM entity_of WHERE entity IN (SELECT value FROM json_each(?1)) "
            "OR local IN (SELECT value FROM json_each(?1))", (_json(list(found.ids)),))))

    def _claim_where(self, measure: str | None, entity: EntityFilter | None) -> tuple[str, list[Any]]:
        """WHERE conditions on claims ``c`` (``1=1`` when none) and their arguments."""
        sql, args = ["1=1"], list[Any]()
        if measure:
            sql.append("c.measure = ?")
            args.append(measure)
        if entity is not None and entity.empty:
            sql.append("0 = 1")
        elif entity is not None:
            locs = _json(list(entity.locals))
            said = "cg_said_by(?, coalesce(c.source, '') || char(10) || c.via)"
            said_args: list[Any] = [entity.regex()]
            if 0 < len(entity.names) <= PREFILTER_NAMES and all(n.isascii() for n in entity.names):
                # SQLite's lower() is ASCII only: a cheap necessary test before the regex in Python
                text = "lower(coalesce(c.source, '') || c.via)"
                said = f"(({' OR '.join([f'instr({text}, ?) > 0'] * len(entity.names))}) AND {said})"
                said_args = [*entity.names, *said_args]
            sql.append(
                "(c.source_entity IN (SELECT value FROM json_each(?)) OR (c.subject != '[]' AND EXISTS "
                f"(SELECT 1 FROM json_each(c.subject) s WHERE s.value IN (SELECT value FROM json_each(?)))) OR {said})")
            args += [locs, locs, *said_args]
        return " AND ".join(sql), args

    def figure_page(self, *, verdict: str | None = None, measure: str | None = None,
                    entity: EntityFilter | None = None, limit: int | None = None,
                    offset: int = 0) -> tuple[list[Figure], int]:
        where, args = figure_where(verdict, measure, None if entity is None else self._claim_where(None, entity))
        total = int(self.db.execute(f"SELECT COUNT(*) FROM figures f WHERE {where}", args).fetchone()[0])
        rows = self.db.execute(f"SELECT f.data FROM figures f WHERE {where} {FIGURE_ORDER} LIMIT ? OFFSET ?", [*args, -1 if limit is None else limit, offset])
        return [loads(Figure, r[0]) for r in rows], total

    def most_corroborated(self, limit: int = 1) -> list[Figure]:
        rows = self.db.execute("SELECT data FROM figures ORDER BY independent_origins DESC, n_claims DESC, id DESC "
                               "LIMIT ?", (limit,))
        return [loads(Figure, r[0]) for r in rows]

    def measures(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT measure FROM figures WHERE measure IS NOT NULL ORDER BY 1")]

    def claims(self, ids: Iterable[str]) -> list[Claim]:
        rows = self.db.execute("SELECT data FROM claims WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                               (_json(list(ids)),))
        return [loads(Claim, r[0]) for r in rows]

    def claim_page(self, *, measure: str | None = None, entity: EntityFilter | None = None,
                   limit: int | None = None, offset: int = 0) -> tuple[list[Claim], int]:
        where, args = self._claim_where(measure, entity)
        total = int(self.db.execute(f"SELECT COUNT(*) FROM claims c WHERE {where}", args).fetchone()[0])
        rows = self.db.execute(f"SELECT c.data FROM claims c WHERE {where} ORDER BY c.doc, c.id LIMIT ? OFFSET ?",
                               [*args, -1 if limit is None else limit, offset])
        return [loads(Claim, r[0]) for r in rows], total

    def document_page(self, limit: int | None = None, offset: int = 0, *,
                      unassigned: bool = False) -> tuple[list[dict[str, Any]], int]:
        where = "WHERE d.id NOT IN (SELECT s.value FROM stories, json_each(stories.documents) s)" if unassigned else ""
        total = int(self.db.execute(f"SELECT COUNT(*) FROM documents d {where}").fetchone()[0])
        rows = self.db.execute(
            f"SELECT {', '.join('d.' + c for c in DOCUMENT_ROW)}, (SELECT COUNT(*) FROM claims c WHERE c.doc = d.id) "
            f"FROM documents d {where} ORDER BY d.published IS NULL, d.published, d.id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset))
        return [document_row(r[:-1], r[-1]) for r in rows], total

    def document_rows(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        wanted = list(ids)
        found = {r[0]: document_row(r[:-1], r[-1]) for r in self.db.execute(
            f"SELECT {', '.join('d.' + c for c in DOCUMENT_ROW)}, (SELECT COUNT(*) FROM claims c WHERE c.doc = d.id) "
            "FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))", (_json(wanted),))}
        return [found[i] for i in wanted if i in found]

    def story_page(self, limit: int | None = None, offset: int = 0) -> tuple[list[Story], int]:
        total = self.count("stories")
        rows = self.db.execute("SELECT data FROM stories ORDER BY id LIMIT ? OFFSET ?",
                               (-1 if limit is None else limit, offset))
        return [loads(Story, r[0]) for r in rows], total

    def figure_verdicts(self, docs: Iterable[str]) -> dict[str, str]:
        return dict(self.db.execute(
            "SELECT DISTINCT cf.figure, coalesce(f.verdict, 'single_source') FROM claims c "
            "JOIN claim_figure cf ON cf.claim = c.id LEFT JOIN figures f ON f.id = cf.figure "
            "WHERE c.doc IN (SELECT value FROM json_each(?))", (_json(list(docs)),)))

    def entity_page(self, *, name: str | None = None, limit: int | None = None,
                    offset: int = 0) -> tuple[list[Entity], int]:
        where, args = "", list[Any]()
        if name and name.strip():
            found = self.entity_filter(name)
            where, args = "WHERE id IN (SELECT value FROM json_each(?))", [_json(list(found.ids))]
        total = int(self.db.execute(f"SELECT COUNT(*) FROM entities {where}", args).fetchone()[0])
        rows = self.db.execute(f"SELECT data FROM entities {where} ORDER BY id LIMIT ? OFFSET ?",
                               [*args, -1 if limit is None else limit, offset])
        return [loads(Entity, r[0]) for r in rows], total

    def document_refs(self) -> list[tuple[str, str | None, str | None, str | None]]:
        return [(r[0], r[1], r[2], r[3]) for r in self.db.execute("SELECT id, outlet, url, duplicate_of FROM documents")]

    # -- the job queue ------------------------------------------------------------------
    def enqueue(self, inputs: Mapping[str, Any], errors: Sequence[str] = ()) -> Job:
        job_id = secrets.token_hex(8)
        with self.transaction():
            self.db.execute("INSERT INTO jobs (id, inputs, created_at, errors) VALUES (?,?,?,?)",
                            (job_id, _json(inputs), _now(), _json(list(errors))))
        job = self.job(job_id)
        assert job is not None
        return job

    def claim_job(self, worker: str) -> Job | None:
        """One ``UPDATE … WHERE state = 'queued'`` under the write lock (``BEGIN IMMEDIATE``), taken
        only when a read sees a queued job: an idle worker's look at the queue blocks no writer."""
        if not self.db.in_transaction and not self.db.execute(
                "SELECT 1 FROM jobs WHERE state = 'queued' LIMIT 1").fetchone():
            return None
        with self.transaction():
            row = self.db.execute(
                f"UPDATE jobs SET state = 'running', started_at = ?, worker = ? WHERE state = 'queued' AND seq = "
                f"(SELECT MIN(seq) FROM jobs WHERE state = 'queued') RETURNING {', '.join(JOB_COLUMNS)}",
                (_now(), worker)).fetchone()
        return _job(row) if row else None

    def finish_job(self, job_id: str, *, error: str | None = None, documents: Sequence[str] = (),
                   added: Sequence[str] = (), errors: Sequence[str] = (), warnings: Sequence[str] = ()) -> None:
        with self.transaction():
            row = self.db.execute("SELECT errors FROM jobs WHERE id = ?", (job_id,)).fetchone()
            before = json.loads(row[0]) if row else []  # the problems found when it was queued come first
            self.db.execute(
                "UPDATE jobs SET state = ?, finished_at = ?, error = ?, documents = ?, added = ?, errors = ?, "
                "warnings = ? WHERE id = ? AND state = 'running'",
                ("failed" if error else "done", _now(), error, _json(list(documents)), _json(list(added)),
                 _json(before + list(errors)), _json(list(warnings)), job_id))

    def job(self, job_id: str) -> Job | None:
        row = self.db.execute(f"SELECT {', '.join(JOB_COLUMNS)} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def running_jobs(self) -> list[Job]:
        rows = self.db.execute(f"SELECT {', '.join(JOB_COLUMNS)} FROM jobs WHERE state = 'running' ORDER BY seq")
        return [_job(r) for r in rows]

    def requeue_job(self, job_id: str, note: str) -> bool:
        with self.transaction():
            row = self.db.execute("SELECT errors FROM jobs WHERE id = ? AND state = 'running'", (job_id,)).fetchone()
            if row is None:
                return False
            self.db.execute("UPDATE jobs SET state = 'queued', started_at = NULL, worker = NULL, errors = ? "
                            "WHERE id = ?", (_json([*json.loads(row[0]), note]), job_id))
        return True

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL, for tests and analysts (the app itself calls the methods above)."""
        return list(self.db.execute(sql, args))

    # -- reconcile state (store.state) --------------------------------------------------
    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        self.db.execute(sql, args)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _put_entities(self, entities: Sequence[Entity]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO entities (id, name, type, aliases, data) VALUES (?,?,?,?,?)",
                            ((e.id, e.name, e.type, _json(list(e.aliases)), dumps(e)) for e in entities))

    def _put_figures(self, figures: Sequence[Figure]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO figures (id, label, measure, unit, verdict, low, high, n_claims, independent_origins, "
            "origins, first_reported, last_reported, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                (f.id, f.label, f.measure, f.unit, f.verdict, f.low, f.high, len(f.claims), f.independent_origins,
                 _json(list(f.origins)), f.first_reported, f.last_reported, dumps(f)) for f in figures))

    def _put_stories(self, stories: Sequence[Story]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO stories (id, label, documents, data) VALUES (?,?,?,?)",
                            ((s.id, s.label, _json(list(s.documents)), dumps(s)) for s in stories))

    def _put_timeline(self, events: Sequence[tuple[int, TimelineEvent]], *, sort: bool = True) -> None:
        self.db.executemany(
            "INSERT INTO timeline (n, at, kind, label, doc, claim, figure, sort, data) VALUES (?,?,?,?,?,?,?,?,?)",
            ((n, t.when, t.kind, t.label, t.doc, t.claim, t.figure, timeline_sort(t) if sort else None, dumps(t))
             for n, t in events))

    def _fill_timeline_sort(self) -> None:
        """Each event's doc and order key, from its data (after ``save_reconciled``)."""
        self.db.execute(
            "UPDATE timeline SET doc = json_extract(data, '$.doc'), sort = json_extract(data, '$.when') || "
            "char(1) || (CASE json_extract(data, '$.kind') WHEN 'event' THEN '0' ELSE '1' END) || char(1) || "
            "coalesce(json_extract(data, '$.doc'), '') || char(1) || coalesce(json_extract(data, '$.claim'), '')")


MAX_SEARCH_CHARS = 500
MAX_SEARCH_TERMS = 20  # FTS5 work grows fast with the number of terms


def search_problem(query: str) -> str | None:
    """Why ``query`` cannot be searched (too long, too many words, control characters), or None."""
    if len(query) > MAX_SEARCH_CHARS:
        return f"The search is {len(query)} characters long; the limit is {MAX_SEARCH_CHARS}."
    if len(query.split()) > MAX_SEARCH_TERMS:
        return f"The search has {len(query.split())} words; the limit is {MAX_SEARCH_TERMS}."
    if any(ord(ch) < 32 and ch not in "\t\n\r" or 0xD800 <= ord(ch) <= 0xDFFF for ch in query):
        return "The search holds a control character or a broken character (like %00); remove it."
    return None


def _fts_query(query: str) -> str:
    """Plain words as quoted FTS5 terms (all must match), so user input is never FTS syntax."""
    problem = search_problem(query)
    if problem:
        raise InputError(problem, input="search")
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


DOC_SELECT = ", ".join((*DOC_COLUMNS, "data"))
PREFILTER_NAMES = 8  # up to this many names, a claim's source and via are tested with instr() before the regex
CLAIM_INSERT = f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES ({', '.join('?' * len(CLAIM_COLUMNS))})"


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _doc_row(d: Document) -> tuple[Any, ...]:
    """A document's column values (``DOC_COLUMNS``, authors as a JSON array), then the rest as JSON."""
    plain = to_plain(d)
    rest = {k: v for k, v in plain.items() if k not in DOC_COLUMNS}
    return (*(_json(plain[k]) if k == "authors" else plain[k] for k in DOC_COLUMNS), _json(rest))


def _doc_from(row: Sequence[Any]) -> Document:
    """A document from a row of ``DOC_SELECT``."""
    plain = json.loads(row[-1])
    plain.update(zip(DOC_COLUMNS, row[:-1], strict=True))
    plain["authors"] = json.loads(plain["authors"])
    return typing.cast(Document, from_plain(Document, plain))


def _claim_row(n: int, c: Claim) -> tuple[Any, ...]:
    """A claim's values for ``CLAIM_COLUMNS``: lists as JSON arrays, flags as 0/1, the whole claim in ``data``."""
    q, a = c.quantity, c.attribution
    src = a.source
    return (c.id, c.doc, n, c.start, c.end, q.value, q.low, q.high, q.unit, q.qualifier, q.change, q.per, int(q.vague),
            c.counted, c.measure, _json(list(c.subject)), c.place, c.time.value if c.time else None,
            src.name if src else None, src.kind if src else None, src.entity if src else None, _json(list(a.via)),
            a.verb, a.certainty, int(c.in_title), dumps(c))


def _job(row: Sequence[Any]) -> Job:
    v = dict(zip(JOB_COLUMNS, row, strict=True))
    lists = {k: tuple(json.loads(v[k])) for k in ("documents", "added", "errors", "warnings")}
    return Job(**{**v, "inputs": json.loads(v["inputs"]), **lists})


def _lower(text: str | None) -> str | None:
    return None if text is None else text.lower()


def _said_by(pattern: str | None, text: str | None) -> int:
    """``listing.said_by`` over one text: the source's name, a line break, then ``via`` as its JSON
    array (a name cannot match across the break or the quotes; reading no JSON is 3× faster)."""
    return int(pattern is not None and text is not None and said_by(pattern, text, ()))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
