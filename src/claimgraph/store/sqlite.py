"""The SQLite store: the one place where model objects become rows and back.

Each write is one ``BEGIN IMMEDIATE`` transaction, so two processes on one database take
turns (waiting up to ``BUSY_TIMEOUT`` seconds) instead of failing; schema changes are
numbered migrations applied under that lock. Re-ingesting the same content changes nothing.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, StoreError
from ..model import Document, Entity, Extraction, Figure, Story, TimelineEvent
from .codec import dumps, loads
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
    # 6 (issue 13, incremental reconcile): reconcile state, stable-id lineage, timeline order by key
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
    ALTER TABLE timeline ADD COLUMN doc TEXT;
    ALTER TABLE timeline ADD COLUMN sort TEXT;
    CREATE INDEX timeline_doc ON timeline(doc);
    CREATE INDEX timeline_sort ON timeline(sort, n);
    CREATE INDEX extractions_doc_version ON extractions(doc, version);
    """,
)


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
                self.db.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (d.id, d.checksum, d.published, d.outlet, d.title, d.url, d.duplicate_of, d.source, _now(), dumps(d)),
                )
                self.db.execute("INSERT INTO documents_fts VALUES (?,?,?)", (d.id, d.title or "", d.text))
            for doc_id, fmt, content in raws:
                if doc_id in ids:
                    self.db.execute("INSERT OR REPLACE INTO raw VALUES (?,?,?,?)", (doc_id, fmt, None, content))
        return [d.id for d in fresh]

    def _changed(self, doc: Document) -> bool:
        """Whether ``doc`` is new, or differs from the stored one in text or metadata (a fixed manifest)."""
        row = self.db.execute("SELECT checksum, data FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None or row[0] != doc.checksum:
            return True
        return replace(loads(Document, row[1]), duplicate_of=doc.duplicate_of, source=doc.source) != doc

    def _delete_doc(self, doc_id: str) -> None:
        for table, col in (("claims", "doc"), ("extractions", "doc"), ("raw", "id"), ("documents_fts", "id"),
                           ("lsh_bands", "doc"), ("signatures", "doc"), ("documents", "id")):
            self.db.execute(f"DELETE FROM {table} WHERE {col} = ?", (doc_id,))

    def set_duplicates(self, links: Mapping[str, str], ids: Iterable[str] | None = None) -> None:
        """Set ``duplicate_of`` from ``links`` for every document (of ``ids``, if given); the others
        of those are originals."""
        with self.transaction():
            if ids is None:
                rows = list(self.db.execute("SELECT id, data, duplicate_of FROM documents"))
            else:
                rows = [r for i in ids for r in self.db.execute(
                    "SELECT id, data, duplicate_of FROM documents WHERE id = ?", (i,))]
            for doc_id, data, old in rows:
                new = links.get(doc_id)
                if new != old:
                    doc = replace(loads(Document, data), duplicate_of=new)
                    self.db.execute("UPDATE documents SET duplicate_of = ?, data = ? WHERE id = ?", (new, dumps(doc), doc_id))

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
            rows = self.db.execute("SELECT data FROM documents ORDER BY published, id")
            return [loads(Document, r[0]) for r in rows]
        wanted = list(ids)
        out = []
        for doc_id in wanted:
            row = self.db.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row:
                out.append(loads(Document, row[0]))
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
                self.db.execute("INSERT OR REPLACE INTO extractions VALUES (?,?,?)", (ex.doc, version, dumps(ex)))
                for c in ex.claims:
                    src = c.attribution.source.name if c.attribution.source else None
                    self.db.execute("INSERT INTO claims VALUES (?,?,?,?,?,?,?)",
                                    (c.id, c.doc, c.measure, c.quantity.unit, c.quantity.value, src, dumps(c)))

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
            self.db.executemany("INSERT INTO entities VALUES (?,?,?,?)",
                                ((e.id, e.name, e.type, dumps(e)) for e in entities))
            self.db.executemany("INSERT INTO entity_of VALUES (?,?)", entity_of.items())
            self.db.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?)", (
                (f.id, f.label, f.measure, f.unit, f.verdict, len(f.claims), f.independent_origins, dumps(f))
                for f in figures))
            self.db.executemany("INSERT INTO claim_figure VALUES (?,?)", claim_figure.items())
            self.db.executemany("INSERT INTO stories VALUES (?,?,?)", ((s.id, s.label, dumps(s)) for s in stories))
            self.db.executemany("INSERT INTO timeline (n, data) VALUES (?,?)", ((n, dumps(t)) for n, t in enumerate(timeline)))

    def entities(self) -> list[Entity]:
        return self._with_new_mentions([loads(Entity, r[0]) for r in self.db.execute("SELECT data FROM entities ORDER BY id")])

    def entity_of(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT local, entity FROM entity_of"))

    def figures(self, *, verdict: str | None = None, measure: str | None = None) -> list[Figure]:
        sql, args = "SELECT data FROM figures WHERE 1=1", list[str]()
        if verdict:
            sql, args = sql + " AND verdict = ?", [*args, verdict]
        if measure:
            sql, args = sql + " AND measure = ?", [*args, measure]
        return [loads(Figure, r[0]) for r in self.db.execute(sql + " ORDER BY id", args)]

    def claim_figure(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT claim, figure FROM claim_figure"))

    def stories(self) -> list[Story]:
        return [loads(Story, r[0]) for r in self.db.execute("SELECT data FROM stories ORDER BY id")]

    def timeline(self) -> list[TimelineEvent]:
        return [loads(TimelineEvent, r[0]) for r in self.db.execute("SELECT data FROM timeline ORDER BY sort, n")]

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL for presentation layers."""
        return list(self.db.execute(sql, args))

    # -- reconcile state (store.state) --------------------------------------------------
    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        self.db.execute(sql, args)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def _put_entities(self, entities: Sequence[Entity]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO entities (id, name, type, data) VALUES (?,?,?,?)",
                            ((e.id, e.name, e.type, dumps(e)) for e in entities))

    def _put_figures(self, figures: Sequence[Figure]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO figures (id, label, measure, unit, verdict, n_claims, independent_origins, data) "
            "VALUES (?,?,?,?,?,?,?,?)",
            ((f.id, f.label, f.measure, f.unit, f.verdict, len(f.claims), f.independent_origins, dumps(f))
             for f in figures))

    def _put_stories(self, stories: Sequence[Story]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO stories (id, label, data) VALUES (?,?,?)",
                            ((s.id, s.label, dumps(s)) for s in stories))

    def _put_timeline(self, events: Sequence[tuple[int, TimelineEvent]]) -> None:
        self.db.executemany("INSERT INTO timeline (n, data, doc, sort) VALUES (?,?,?,?)",
                            ((n, dumps(t), t.doc, timeline_sort(t)) for n, t in events))

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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
