"""The PostgreSQL store: the ``Store`` protocol over psycopg 3 and a connection pool.

Every figure an analyst may want sits in a real column (claims: value, low, high, unit,
measure, qualifier, source, via …; figures: verdict, low, high, origins …), with the whole
object beside it as JSONB (``data``) for a faithful round trip. The ``ledger`` view joins
each claim to its document, figure and verdict. Search is a ``tsvector`` column.

Writers take turns: each write transaction first takes one advisory lock (per schema), as
SQLite's ``BEGIN IMMEDIATE`` does, so two ``analyze`` runs on one database lose nothing.
Readers never wait. Migrations are numbered, each applied in a transaction under that lock.
"""
from __future__ import annotations

import json
import re
import secrets
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Claim, Document, Entity, Extraction, Figure, Story, TimelineEvent
from .codec import from_plain, loads, to_plain
from .listing import DOCUMENT_ROW, FIGURE_ORDER, EntityFilter, document_row, entity_filter, figure_where
from .protocol import TABLES, Job
from .sqlite import BUSY_TIMEOUT, search_problem
from .state import StateTables, timeline_sort

if TYPE_CHECKING:
    from ..ingest.dedup import Signature

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, raw inputs, extractions, claims (ids and sort keys are COLLATE "C": SQLite's order)
    """
    CREATE TABLE documents (
        id text COLLATE "C" PRIMARY KEY, checksum text NOT NULL, title text, published text COLLATE "C",
        outlet text, url text, language text, authors text[] NOT NULL DEFAULT '{}',
        duplicate_of text COLLATE "C", source text, added_at timestamptz NOT NULL DEFAULT now(),
        text text NOT NULL, data jsonb NOT NULL);
    CREATE INDEX documents_checksum ON documents (checksum);
    CREATE INDEX documents_published ON documents (published, id);
    CREATE TABLE raw (id text COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        format text NOT NULL, source text, content text NOT NULL);
    CREATE TABLE extractions (doc text COLLATE "C" PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        version text NOT NULL, errors text[] NOT NULL DEFAULT '{}', data jsonb NOT NULL);
    CREATE TABLE claims (
        id text COLLATE "C" PRIMARY KEY, doc text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        n integer NOT NULL, start_char integer NOT NULL, end_char integer NOT NULL,
        value double precision, low double precision, high double precision, unit text, qualifier text,
        change text, per text, vague boolean, counted text, measure text COLLATE "C", subject text[], place text,
        time text, source text, source_kind text, source_entity text, via text[] NOT NULL DEFAULT '{}',
        verb text, certainty text, in_title boolean, data jsonb NOT NULL);
    CREATE INDEX claims_doc ON claims (doc, n);
    CREATE INDEX claims_measure ON claims (measure);
    """,
    # 2: reconciliation results
    """
    CREATE TABLE entities (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, type text,
        aliases text[] NOT NULL DEFAULT '{}', data jsonb NOT NULL);
    CREATE TABLE entity_of (local text COLLATE "C" PRIMARY KEY, entity text COLLATE "C" NOT NULL);
    CREATE TABLE figures (id text COLLATE "C" PRIMARY KEY, label text, measure text COLLATE "C", unit text,
        verdict text, low double precision, high double precision, n_claims integer, independent_origins integer,
        origins text[] NOT NULL DEFAULT '{}', first_reported text, last_reported text, data jsonb NOT NULL);
    CREATE INDEX figures_verdict ON figures (verdict);
    CREATE TABLE claim_figure (claim text COLLATE "C" PRIMARY KEY, figure text COLLATE "C" NOT NULL);
    CREATE INDEX claim_figure_figure ON claim_figure (figure);
    CREATE TABLE stories (id text COLLATE "C" PRIMARY KEY, label text, documents text[] NOT NULL,
        data jsonb NOT NULL);
    CREATE TABLE timeline (n integer PRIMARY KEY, at text, kind text, label text, doc text, claim text,
        figure text, data jsonb NOT NULL);
    CREATE VIEW ledger AS
        SELECT c.id, c.doc, d.outlet, d.published, substr(d.text, c.start_char + 1, c.end_char - c.start_char) AS text,
               c.value, c.low, c.high, c.unit, c.qualifier, c.change, c.counted, c.measure, c.source, c.source_kind,
               c.via, cf.figure, f.verdict, f.independent_origins
        FROM claims c JOIN documents d ON d.id = c.doc
        LEFT JOIN claim_figure cf ON cf.claim = c.id LEFT JOIN figures f ON f.id = cf.figure;
    """,
    # 3: full-text search over title and text (the 'simple' configuration: no stemming, as FTS5's default)
    f"""
    ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS
        (to_tsvector('simple', left(coalesce(title, '') || ' ' || text, {250_000}))) STORED;
    CREATE INDEX documents_search ON documents USING gin (search);
    """,
    # 4: near-duplicate signatures and their LSH band index (ingest.dedup)
    """
    CREATE TABLE signatures (doc TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        checksum TEXT NOT NULL, sort TEXT NOT NULL, hashes BYTEA NOT NULL);
    CREATE TABLE lsh_bands (key BIGINT NOT NULL, doc TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
    CREATE INDEX lsh_bands_key ON lsh_bands(key);
    CREATE INDEX lsh_bands_doc ON lsh_bands(doc);
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    """,
    # 5: the job queue (web uploads run by workers; see claimgraph.jobs), and the claims listing's order
    """
    CREATE INDEX claims_doc_id ON claims (doc, id);
    CREATE TABLE jobs (seq bigserial PRIMARY KEY, id text COLLATE "C" NOT NULL UNIQUE,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        inputs jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), started_at timestamptz,
        finished_at timestamptz, worker text, error text, documents text[] NOT NULL DEFAULT '{}',
        added text[] NOT NULL DEFAULT '{}', errors text[] NOT NULL DEFAULT '{}', warnings text[] NOT NULL DEFAULT '{}');
    CREATE INDEX jobs_queued ON jobs (seq) WHERE state = 'queued';
    """,
    # 6 (issue 13, incremental reconcile): reconcile state, stable-id lineage, timeline order by key
    """
    CREATE TABLE recon_state (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE story_state (story text COLLATE "C" PRIMARY KEY, data text NOT NULL);
    CREATE TABLE story_docs (doc text COLLATE "C" PRIMARY KEY, story text COLLATE "C" NOT NULL,
        checksum text NOT NULL, version text NOT NULL);
    CREATE INDEX story_docs_story ON story_docs(story);
    CREATE TABLE story_entities (entity text COLLATE "C" NOT NULL, story text COLLATE "C" NOT NULL,
        n integer NOT NULL, top integer NOT NULL, person integer NOT NULL, PRIMARY KEY (entity, story));
    CREATE INDEX story_entities_story ON story_entities(story);
    CREATE TABLE story_words (word text COLLATE "C" NOT NULL, story text COLLATE "C" NOT NULL, n integer NOT NULL,
        PRIMARY KEY (word, story));
    CREATE INDEX story_words_story ON story_words(story);
    CREATE TABLE word_df (word text COLLATE "C" PRIMARY KEY, n integer NOT NULL);
    CREATE TABLE entity_stats (entity text COLLATE "C" PRIMARY KEY, df integer NOT NULL, weight integer NOT NULL,
        name text NOT NULL, type text NOT NULL, aliases text NOT NULL);
    CREATE TABLE entity_keys (kind text NOT NULL, key text NOT NULL, entity text COLLATE "C" NOT NULL,
        best integer NOT NULL, PRIMARY KEY (kind, key, entity));
    CREATE TABLE entity_mentions (entity text COLLATE "C" NOT NULL, doc text COLLATE "C" NOT NULL,
        start_char integer NOT NULL, end_char integer NOT NULL);
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity);
    CREATE TABLE figure_story (figure text COLLATE "C" PRIMARY KEY, story text COLLATE "C" NOT NULL);
    CREATE INDEX figure_story_story ON figure_story(story);
    CREATE TABLE lineage (run integer NOT NULL, kind text NOT NULL, old text COLLATE "C" NOT NULL,
        new text COLLATE "C", shared integer NOT NULL);
    CREATE INDEX lineage_old ON lineage(kind, old);
    CREATE INDEX lineage_new ON lineage(kind, new);
    ALTER TABLE timeline ADD COLUMN sort text COLLATE "C";
    CREATE INDEX timeline_doc ON timeline(doc);
    CREATE INDEX timeline_sort ON timeline(sort, n);
    CREATE INDEX extractions_doc_version ON extractions(doc, version);
    """,
)
JOB_SELECT = ("id, state, inputs, created_at, started_at, finished_at, worker, error, documents, added, errors, "
              "warnings")

LOCK_CLASS = 0x6367  # first key of the writers' advisory lock; the second is the schema's hash
CONNECT_TIMEOUT = 10  # seconds to reach the server
POOL_SIZE = 4
DOC_COLUMNS = ("id", "checksum", "title", "published", "outlet", "url", "language", "authors", "duplicate_of",
               "source", "text")  # the rest of a Document (body, debris, spans) is its ``data``
HIT = ("\ue000", "\ue001")  # private-use marks around search hits, swapped for the caller's marks
SNIPPET = 'MaxFragments=1, MaxWords=12, MinWords=4, FragmentDelimiter=" … ", StartSel=\ue000, StopSel=\ue001'


def redact(url: str) -> str:
    """``url`` with its password hidden, fit for an error message."""
    return re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", url)


def placeholders(sql: str) -> str:
    """SQLite-style ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled), outside quotes."""
    out, quote = [], ""
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            quote = "" if ch == quote else quote
            continue
        if ch in "'\"":
            quote = ch
        out.append("%s" if ch == "?" else "%%" if ch == "%" else ch)
    return "".join(out)


def _configure(conn: Any) -> None:
    """JSONB comes back as its text, as the SQLite store's ``data`` columns do."""
    from psycopg.types.string import TextLoader

    conn.adapters.register_loader("jsonb", TextLoader)


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class PostgresStore(StateTables):
    """An open claimgraph database on a PostgreSQL server, by URL (``postgresql://user@host/db``)."""

    def __init__(self, url: str, *, timeout: float = BUSY_TIMEOUT, pool_size: int = POOL_SIZE) -> None:
        self.path = url
        self.shown = redact(url)
        self.timeout = timeout
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError as exc:
            raise StoreError("PostgreSQL support is not installed: pip install 'claimgraph[postgres]'",
                             input=self.shown) from exc
        try:  # one plain connection first: an unreachable server is a clear error, not a pool timeout
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT).close()
        except psycopg.Error as exc:
            reason = " ".join(line.strip() for line in str(exc).splitlines()) or exc.__class__.__name__
            raise StoreError(f"cannot connect to PostgreSQL ({reason})", input=self.shown) from exc
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=True, configure=_configure,
                                   kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
                                   name="claimgraph")
        self._local = threading.local()  # the connection of this thread's open transaction
        try:
            self.migrate()
        except BaseException:
            self.pool.close()
            raise

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connections and transactions -------------------------------------------
    @contextmanager
    def _conn(self) -> Iterator[Any]:
        """This thread's transaction connection, else one from the pool (autocommit)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.pool.connection() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction, taking the writers' lock at once; inside another, it joins that one."""
        from psycopg import errors

        if getattr(self._local, "conn", None) is not None:
            yield self._local.conn
            return
        with self.pool.connection() as conn, conn.transaction():
            try:
                conn.execute(f"SET LOCAL lock_timeout = '{int(self.timeout * 1000)}ms'")
                conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (LOCK_CLASS,))
            except errors.LockNotAvailable as exc:
                raise StoreError(f"the database stayed locked by another writer ({exc})", input=self.shown) from exc
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    # -- schema -----------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the missing migrations, each in the one transaction that holds the writers' lock."""
        if self._applied() >= set(range(1, len(MIGRATIONS) + 1)):
            return len(MIGRATIONS)
        with self.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            done = self._applied()
            for version, sql in enumerate(MIGRATIONS, 1):
                if version not in done:
                    conn.execute(sql)
                    conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
        return len(MIGRATIONS)

    def _applied(self) -> set[int]:
        with self._conn() as conn:
            if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
                return set()
            return {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}

    def schema_version(self) -> int:
        return int(self.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0])

    # -- documents ----------------------------------------------------------------
    def add_documents(self, docs: Sequence[Document], raws: Sequence[tuple[str, str, str]] = ()) -> list[str]:
        """Store new or changed documents in one transaction; return the ids written.

        A document whose id and content are already stored is left alone, so a re-run adds
        nothing; a changed one replaces the old with its extraction. ``raws`` are (id, format, content).
        """
        bad = [d.id for d in docs if "\x00" in d.text or "\x00" in (d.title or "")]
        if bad:
            raise StoreError(f"document {bad[0]!r} holds a NUL character, which PostgreSQL cannot store",
                             input=self.shown)
        with self.transaction() as conn:  # read under the writers' lock: a concurrent run's rows count
            stored = {d.id: d for d in self._select_docs(conn, "WHERE id = ANY(%s)", ([d.id for d in docs],))}
            fresh = [d for d in docs if _changed(stored.get(d.id), d)]
            ids = {d.id for d in fresh}
            conn.execute("DELETE FROM documents WHERE id = ANY(%s)", ([i for i in ids if i in stored],))
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO documents (id, checksum, title, published, outlet, url, language, authors, "
                    "duplicate_of, source, text, data) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::jsonb)",
                    [_doc_row(d) for d in fresh])
                cur.executemany(
                    "INSERT INTO raw (id, format, content) VALUES (%s,%s,%s) ON CONFLICT (id) DO UPDATE "
                    "SET format = EXCLUDED.format, content = EXCLUDED.content",
                    [r for r in raws if r[0] in ids])
        return [d.id for d in fresh]

    def set_duplicates(self, links: Mapping[str, str], ids: Iterable[str] | None = None) -> None:
        """Set ``duplicate_of`` from ``links`` for every document (of ``ids``, if given); the others
        of those are originals."""
        with self.transaction() as conn:
            if ids is None:
                rows = conn.execute("SELECT id, duplicate_of FROM documents").fetchall()
            else:
                rows = conn.execute("SELECT id, duplicate_of FROM documents WHERE id = ANY(%s)", (list(ids),)).fetchall()
            changes = [(links.get(doc_id), doc_id) for doc_id, old in rows if links.get(doc_id) != old]
            with conn.cursor() as cur:
                cur.executemany("UPDATE documents SET duplicate_of = %s WHERE id = %s", changes)

    # -- near-duplicate signatures (see ingest.dedup) ----------------------------
    def save_signatures(self, rows: Iterable[tuple[str, str, str, bytes, Sequence[int]]]) -> None:
        """(doc id, checksum, order date, MinHash bytes, band keys) per document, replacing old ones."""
        with self.transaction() as conn, conn.cursor() as cur:
            for doc_id, checksum, sort, hashes, keys in rows:
                cur.execute("DELETE FROM lsh_bands WHERE doc = %s", (doc_id,))
                cur.execute("INSERT INTO signatures VALUES (%s,%s,%s,%s) ON CONFLICT (doc) DO UPDATE SET "
                            "checksum = EXCLUDED.checksum, sort = EXCLUDED.sort, hashes = EXCLUDED.hashes",
                            (doc_id, checksum, sort, hashes))
                cur.executemany("INSERT INTO lsh_bands VALUES (%s,%s)", [(k, doc_id) for k in keys])

    def signatures(self, ids: Iterable[str]) -> dict[str, Signature]:
        """id → signature of the documents ``ids`` that have one."""
        from ..ingest.dedup import Signature

        with self._conn() as conn:
            rows = conn.execute("SELECT doc, checksum, sort, hashes FROM signatures WHERE doc = ANY(%s)",
                                (list(ids),)).fetchall()
        return {r[0]: Signature(r[0], r[1], r[2], bytes(r[3])) for r in rows}

    def unsigned_documents(self) -> list[str]:
        """Documents with no signature for their current text (stored before signatures were kept)."""
        return [r[0] for r in self.query(
            "SELECT d.id FROM documents d LEFT JOIN signatures s ON s.doc = d.id "
            "WHERE s.doc IS NULL OR s.checksum != d.checksum ORDER BY d.id")]

    def band_neighbours(self, keys: Sequence[int]) -> set[str]:
        return {r[0] for r in self.query("SELECT doc FROM lsh_bands WHERE key = ANY(?)", (list(keys),))}

    def same_checksum(self, checksum: str) -> set[str]:
        return {r[0] for r in self.query("SELECT id FROM documents WHERE checksum = ?", (checksum,))}

    def linked_to(self, ids: Iterable[str]) -> set[str]:
        """Documents marked as copies of any of ``ids``."""
        return {r[0] for r in self.query("SELECT id FROM documents WHERE duplicate_of = ANY(?)", (list(ids),))}

    def _select_docs(self, conn: Any, where: str, args: Sequence[Any] = ()) -> list[Document]:
        rows = conn.execute(f"SELECT {', '.join(DOC_COLUMNS)}, data FROM documents {where}", args)
        out = []
        for r in rows:
            plain = json.loads(r[-1])
            plain.update(zip(DOC_COLUMNS, r[:-1], strict=True))
            out.append(from_plain(Document, plain))
        return out

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        with self._conn() as conn:
            if ids is None:
                return self._select_docs(conn, "ORDER BY published NULLS FIRST, id")
            wanted = list(ids)
            found = {d.id: d for d in self._select_docs(conn, "WHERE id = ANY(%s)", (wanted,))}
        return [found[i] for i in wanted if i in found]

    def document(self, doc_id: str) -> Document | None:
        docs = self.documents([doc_id])
        return docs[0] if docs else None

    def count(self, table: str) -> int:
        assert table in TABLES
        return int(self.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    def raw(self, doc_id: str) -> tuple[str, str] | None:
        rows = self.query("SELECT format, content FROM raw WHERE id = ?", (doc_id,))
        return (rows[0][0], rows[0][1]) if rows else None

    def search(self, query: str, limit: int = 50, offset: int = 0, *,
               marks: tuple[str, str] = ("[", "]")) -> list[tuple[str, str]]:
        """(doc id, snippet) of documents holding every word of ``query`` (plain words; never syntax)."""
        words = _words(query)
        if not words:
            return []
        rows = self.query(
            "SELECT id, ts_headline('simple', text, q, ?) FROM documents, plainto_tsquery('simple', ?) q "
            "WHERE search @@ q ORDER BY ts_rank(search, q) DESC, id LIMIT ? OFFSET ?",
            (SNIPPET, words, limit, offset))
        return [(r[0], r[1].replace(HIT[0], marks[0]).replace(HIT[1], marks[1])) for r in rows]

    def search_count(self, query: str) -> int:
        words = _words(query)
        if not words:
            return 0
        return int(self.query("SELECT COUNT(*) FROM documents WHERE search @@ plainto_tsquery('simple', ?)",
                              (words,))[0][0])

    # -- extractions ------------------------------------------------------------------
    def missing_extractions(self, version: str) -> list[str]:
        rows = self.query("SELECT d.id FROM documents d LEFT JOIN extractions e ON e.doc = d.id "
                          "WHERE e.doc IS NULL OR e.version != ? ORDER BY d.id", (version,))
        return [r[0] for r in rows]

    def save_extractions(self, extractions: Sequence[Extraction], version: str,
                         checksums: Mapping[str, str] | None = None) -> None:
        """Store extractions; with ``checksums`` (doc id → checksum of the text extracted), one whose
        document was replaced or removed meanwhile (by a concurrent run) is dropped, not stored."""
        with self.transaction() as conn:
            if checksums is not None:
                ids = [ex.doc for ex in extractions]
                now = dict(conn.execute("SELECT id, checksum FROM documents WHERE id = ANY(%s)", (ids,)).fetchall())
                extractions = [ex for ex in extractions if ex.doc in now and now[ex.doc] == checksums.get(ex.doc)]
            docs = [ex.doc for ex in extractions]
            conn.execute("DELETE FROM claims WHERE doc = ANY(%s)", (docs,))
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO extractions (doc, version, errors, data) VALUES (%s,%s,%s,%s::jsonb) "
                    "ON CONFLICT (doc) DO UPDATE SET version = EXCLUDED.version, errors = EXCLUDED.errors, "
                    "data = EXCLUDED.data",
                    [(ex.doc, version, list(ex.errors), _json(to_plain(replace(ex, claims=()))))
                     for ex in extractions])
                cur.executemany(f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES "
                                f"({', '.join(['%s'] * (len(CLAIM_COLUMNS) - 1))}, %s::jsonb)",
                                [_claim_row(n, c) for ex in extractions for n, c in enumerate(ex.claims)])

    def extractions(self, ids: Iterable[str] | None = None) -> list[Extraction]:
        with self._conn() as conn:
            if ids is None:
                rows = conn.execute("SELECT doc, data FROM extractions ORDER BY doc").fetchall()
                claim_rows = conn.execute("SELECT doc, data FROM claims ORDER BY doc, n").fetchall()
            else:
                wanted = list(ids)
                found = dict(conn.execute("SELECT doc, data FROM extractions WHERE doc = ANY(%s)", (wanted,)))
                rows = [(i, found[i]) for i in wanted if i in found]
                claim_rows = conn.execute("SELECT doc, data FROM claims WHERE doc = ANY(%s) ORDER BY doc, n",
                                          (wanted,)).fetchall()
        claims: dict[str, list[Claim]] = defaultdict(list)
        for doc, data in claim_rows:
            claims[doc].append(loads(Claim, data))
        return [replace(loads(Extraction, data), claims=tuple(claims.get(doc, ()))) for doc, data in rows]

    # -- reconciliation ------------------------------------------------------------------
    def save_reconciled(self, entities: Sequence[Entity], entity_of: dict[str, str], figures: Sequence[Figure],
                        claim_figure: dict[str, str], stories: Sequence[Story],
                        timeline: Sequence[TimelineEvent]) -> None:
        with self.transaction() as conn:
            conn.execute("TRUNCATE entities, entity_of, figures, claim_figure, stories, timeline")
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO entities VALUES (%s,%s,%s,%s,%s::jsonb)",
                                [(e.id, e.name, e.type, list(e.aliases), _json(to_plain(e))) for e in entities])
                cur.executemany("INSERT INTO entity_of VALUES (%s,%s)", list(entity_of.items()))
                cur.executemany("INSERT INTO figures VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::jsonb)", [
                    (f.id, f.label, f.measure, f.unit, f.verdict, f.low, f.high, len(f.claims), f.independent_origins,
                     list(f.origins), f.first_reported, f.last_reported, _json(to_plain(f))) for f in figures])
                cur.executemany("INSERT INTO claim_figure VALUES (%s,%s)", list(claim_figure.items()))
                cur.executemany("INSERT INTO stories VALUES (%s,%s,%s,%s::jsonb)",
                                [(s.id, s.label, list(s.documents), _json(to_plain(s))) for s in stories])
                cur.executemany("INSERT INTO timeline VALUES (%s,%s,%s,%s,%s,%s,%s,%s::jsonb)", [
                    (n, t.when, t.kind, t.label, t.doc, t.claim, t.figure, _json(to_plain(t)))
                    for n, t in enumerate(timeline)])

    def entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        if ids is None:
            rows = self.query("SELECT data FROM entities ORDER BY id")
        else:
            rows = self.query("SELECT data FROM entities WHERE id = ANY(?) ORDER BY id", (list(ids),))
        return self._with_new_mentions([loads(Entity, r[0]) for r in rows])

    def entity_of(self, local: Iterable[str] | None = None) -> dict[str, str]:
        if local is None:
            return dict(self.query("SELECT local, entity FROM entity_of"))
        return dict(self.query("SELECT local, entity FROM entity_of WHERE local = ANY(?)", (list(local),)))

    def figures(self, *, verdict: str | None = None, measure: str | None = None,
                ids: Iterable[str] | None = None) -> list[Figure]:
        sql, args = "SELECT data FROM figures WHERE 1=1", list[Any]()
        if verdict:
            sql, args = sql + " AND verdict = ?", [*args, verdict]
        if measure:
            sql, args = sql + " AND measure = ?", [*args, measure]
        if ids is not None:
            sql, args = sql + " AND id = ANY(?)", [*args, list(ids)]
        return [loads(Figure, r[0]) for r in self.query(sql + " ORDER BY id", args)]

    def claim_figure(self, claims: Iterable[str] | None = None) -> dict[str, str]:
        if claims is None:
            return dict(self.query("SELECT claim, figure FROM claim_figure"))
        return dict(self.query("SELECT claim, figure FROM claim_figure WHERE claim = ANY(?)", (list(claims),)))

    def stories(self) -> list[Story]:
        return [loads(Story, r[0]) for r in self.query("SELECT data FROM stories ORDER BY id")]

    def timeline(self) -> list[TimelineEvent]:
        return [loads(TimelineEvent, r[0]) for r in self.query("SELECT data FROM timeline ORDER BY sort, n")]

    # -- listings (paged and filtered in SQL; see store/listing.py) -------------------
    def entity_filter(self, name: str) -> EntityFilter:
        want = name.strip().lower()
        rows = self.query("SELECT id, name, aliases FROM entities WHERE strpos(lower(name), ?) > 0 "
                          "OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE lower(a) = ?)", (want, want))
        found = entity_filter([(r[0], r[1], list(r[2])) for r in rows], want)
        return found.with_locals([(r[0], r[1]) for r in self.query(
            "SELECT local, entity FROM entity_of WHERE entity = ANY(?) OR local = ANY(?)",
            (list(found.ids), list(found.ids)))])

    @staticmethod
    def _claim_where(measure: str | None, entity: EntityFilter | None) -> tuple[str, list[Any]]:
        """WHERE conditions on claims ``c`` (``1=1`` when none) and their arguments."""
        sql, args = ["1=1"], list[Any]()
        if measure:
            sql.append("c.measure = ?")
            args.append(measure)
        if entity is not None and entity.empty:
            sql.append("false")
        elif entity is not None:
            locs = list(entity.locals)
            cond = "(c.source_entity = ANY(?) OR c.subject && ?::text[]"
            args += [locs, locs]
            pattern = entity.regex(r"\y")
            if pattern is not None:
                cond += " OR EXISTS (SELECT 1 FROM unnest(array_append(c.via, c.source)) x WHERE lower(x) ~ ?)"
                args.append(pattern)
            sql.append(cond + ")")
        return " AND ".join(sql), args

    def figure_page(self, *, verdict: str | None = None, measure: str | None = None,
                    entity: EntityFilter | None = None, limit: int | None = None,
                    offset: int = 0) -> tuple[list[Figure], int]:
        where, args = figure_where(verdict, measure, None if entity is None else self._claim_where(None, entity))
        total = int(self.query(f"SELECT COUNT(*) FROM figures f WHERE {where}", args)[0][0])
        rows = self.query(f"SELECT f.data FROM figures f WHERE {where} {FIGURE_ORDER} LIMIT ? OFFSET ?", [*args, limit, offset])
        return [loads(Figure, r[0]) for r in rows], total

    def most_corroborated(self, limit: int = 1) -> list[Figure]:
        rows = self.query("SELECT data FROM figures ORDER BY independent_origins DESC, n_claims DESC, id DESC "
                          "LIMIT ?", (limit,))
        return [loads(Figure, r[0]) for r in rows]

    def measures(self) -> list[str]:
        return [r[0] for r in self.query("SELECT DISTINCT measure FROM figures WHERE measure IS NOT NULL ORDER BY 1")]

    def claims(self, ids: Iterable[str]) -> list[Claim]:
        return [loads(Claim, r[0]) for r in self.query("SELECT data FROM claims WHERE id = ANY(?) ORDER BY id",
                                                       (list(ids),))]

    def claim_page(self, *, measure: str | None = None, entity: EntityFilter | None = None,
                   limit: int | None = None, offset: int = 0) -> tuple[list[Claim], int]:
        where, args = self._claim_where(measure, entity)
        total = int(self.query(f"SELECT COUNT(*) FROM claims c WHERE {where}", args)[0][0])
        rows = self.query(f"SELECT c.data FROM claims c WHERE {where} ORDER BY c.doc, c.id LIMIT ? OFFSET ?",
                          [*args, limit, offset])
        return [loads(Claim, r[0]) for r in rows], total

    def document_page(self, limit: int | None = None, offset: int = 0, *,
                      unassigned: bool = False) -> tuple[list[dict[str, Any]], int]:
        where = "WHERE d.id NOT IN (SELECT unnest(documents) FROM stories)" if unassigned else ""
        total = int(self.query(f"SELECT COUNT(*) FROM documents d {where}")[0][0])
        rows = self.query(
            f"SELECT {', '.join('d.' + c for c in DOCUMENT_ROW)}, (SELECT COUNT(*) FROM claims c WHERE c.doc = d.id) "
            f"FROM documents d {where} ORDER BY d.published IS NULL, d.published, d.id LIMIT ? OFFSET ?",
            (limit, offset))
        return [document_row(r[:-1], r[-1]) for r in rows], total

    def document_rows(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        wanted = list(ids)
        found = {r[0]: document_row(r[:-1], r[-1]) for r in self.query(
            f"SELECT {', '.join('d.' + c for c in DOCUMENT_ROW)}, (SELECT COUNT(*) FROM claims c WHERE c.doc = d.id) "
            "FROM documents d WHERE d.id = ANY(?)", (wanted,))}
        return [found[i] for i in wanted if i in found]

    def story_page(self, limit: int | None = None, offset: int = 0) -> tuple[list[Story], int]:
        total = self.count("stories")
        rows = self.query("SELECT data FROM stories ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
        return [loads(Story, r[0]) for r in rows], total

    def figure_verdicts(self, docs: Iterable[str]) -> dict[str, str]:
        return dict(self.query(
            "SELECT DISTINCT cf.figure, coalesce(f.verdict, 'single_source') FROM claims c "
            "JOIN claim_figure cf ON cf.claim = c.id LEFT JOIN figures f ON f.id = cf.figure "
            "WHERE c.doc = ANY(?)", (list(docs),)))

    def entity_page(self, *, name: str | None = None, limit: int | None = None,
                    offset: int = 0) -> tuple[list[Entity], int]:
        where, args = "", list[Any]()
        if name and name.strip():
            where, args = "WHERE id = ANY(?)", [list(self.entity_filter(name).ids)]
        total = int(self.query(f"SELECT COUNT(*) FROM entities {where}", args)[0][0])
        rows = self.query(f"SELECT data FROM entities {where} ORDER BY id LIMIT ? OFFSET ?", [*args, limit, offset])
        return [loads(Entity, r[0]) for r in rows], total

    def document_refs(self) -> list[tuple[str, str | None, str | None, str | None]]:
        return [(r[0], r[1], r[2], r[3]) for r in self.query("SELECT id, outlet, url, duplicate_of FROM documents")]

    # -- the job queue ------------------------------------------------------------------
    # Jobs are not data of the ledger: their writes skip the writers' lock, so a worker can claim a
    # job while another reconciles. ``FOR UPDATE SKIP LOCKED`` hands each queued job to one worker.
    def enqueue(self, inputs: Mapping[str, Any], errors: Sequence[str] = ()) -> Job:
        job_id = secrets.token_hex(8)
        with self._conn() as conn:
            row = conn.execute(f"INSERT INTO jobs (id, inputs, errors) VALUES (%s, %s::jsonb, %s) RETURNING {JOB_SELECT}",
                               (job_id, _json(inputs), list(errors))).fetchone()
        return _job(row)

    def claim_job(self, worker: str) -> Job | None:
        with self._conn() as conn, conn.transaction():
            row = conn.execute(
                f"UPDATE jobs SET state = 'running', started_at = now(), worker = %s WHERE seq = "
                f"(SELECT seq FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED) "
                f"RETURNING {JOB_SELECT}", (worker,)).fetchone()
        return _job(row) if row else None

    def finish_job(self, job_id: str, *, error: str | None = None, documents: Sequence[str] = (),
                   added: Sequence[str] = (), errors: Sequence[str] = (), warnings: Sequence[str] = ()) -> None:
        with self._conn() as conn:
            conn.execute("UPDATE jobs SET state = %s, finished_at = now(), error = %s, documents = %s, added = %s, "
                         "errors = errors || %s::text[], warnings = %s WHERE id = %s AND state = 'running'",
                         ("failed" if error else "done", error, list(documents), list(added), list(errors),
                          list(warnings), job_id))

    def job(self, job_id: str) -> Job | None:
        rows = self.query(f"SELECT {JOB_SELECT} FROM jobs WHERE id = ?", (job_id,))
        return _job(rows[0]) if rows else None

    def running_jobs(self) -> list[Job]:
        return [_job(r) for r in self.query(f"SELECT {JOB_SELECT} FROM jobs WHERE state = 'running' ORDER BY seq")]

    def requeue_job(self, job_id: str, note: str) -> bool:
        with self._conn() as conn:
            row = conn.execute("UPDATE jobs SET state = 'queued', started_at = NULL, worker = NULL, "
                               "errors = errors || %s::text[] WHERE id = %s AND state = 'running' RETURNING id",
                               ([note], job_id)).fetchone()
        return row is not None

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL with ``?`` placeholders (as for SQLite), for tests and analysts."""
        with self._conn() as conn:
            return list(conn.execute(placeholders(sql), tuple(args)).fetchall())

    # -- reconcile state (store.state) --------------------------------------------------
    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        with self.transaction() as conn:
            conn.execute(placeholders(sql), tuple(args))

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        plain = [tuple(r) for r in rows]
        if plain:
            with self.transaction() as conn, conn.cursor() as cur:
                cur.executemany(placeholders(sql), plain)

    def _put_entities(self, entities: Sequence[Entity]) -> None:
        self._run_many("INSERT INTO entities (id, name, type, aliases, data) VALUES (?,?,?,?,?::jsonb) "
                       "ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, "
                       "aliases = excluded.aliases, data = excluded.data",
                       [(e.id, e.name, e.type, list(e.aliases), _json(to_plain(e))) for e in entities])

    def _put_figures(self, figures: Sequence[Figure]) -> None:
        self._run_many("INSERT INTO figures (id, label, measure, unit, verdict, low, high, n_claims, "
                       "independent_origins, origins, first_reported, last_reported, data) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb) ON CONFLICT (id) DO UPDATE SET "
                       + ", ".join(f"{c} = excluded.{c}" for c in FIGURE_COLUMNS[1:]), [
                           (f.id, f.label, f.measure, f.unit, f.verdict, f.low, f.high, len(f.claims),
                            f.independent_origins, list(f.origins), f.first_reported, f.last_reported,
                            _json(to_plain(f))) for f in figures])

    def _put_stories(self, stories: Sequence[Story]) -> None:
        self._run_many("INSERT INTO stories (id, label, documents, data) VALUES (?,?,?,?::jsonb) "
                       "ON CONFLICT (id) DO UPDATE SET label = excluded.label, documents = excluded.documents, "
                       "data = excluded.data",
                       [(s.id, s.label, list(s.documents), _json(to_plain(s))) for s in stories])

    def _put_timeline(self, events: Sequence[tuple[int, TimelineEvent]]) -> None:
        self._run_many("INSERT INTO timeline (n, at, kind, label, doc, claim, figure, data, sort) "
                       "VALUES (?,?,?,?,?,?,?,?::jsonb,?)", [
                           (n, t.when, t.kind, t.label, t.doc, t.claim, t.figure, _json(to_plain(t)), timeline_sort(t))
                           for n, t in events])

    def _fill_timeline_sort(self) -> None:
        self._run("UPDATE timeline SET sort = at || chr(1) || (CASE kind WHEN 'event' THEN '0' ELSE '1' END) || "
                  "chr(1) || coalesce(doc, '') || chr(1) || coalesce(claim, '')")


FIGURE_COLUMNS = ("id", "label", "measure", "unit", "verdict", "low", "high", "n_claims", "independent_origins",
                  "origins", "first_reported", "last_reported", "data")
CLAIM_COLUMNS = ("id", "doc", "n", "start_char", "end_char", "value", "low", "high", "unit", "qualifier", "change",
                 "per", "vague", "counted", "measure", "subject", "place", "time", "source", "source_kind",
                 "source_entity", "via", "verb", "certainty", "in_title", "data")


def _claim_row(n: int, c: Claim) -> tuple[Any, ...]:
    q, a = c.quantity, c.attribution
    src = a.source
    return (c.id, c.doc, n, c.start, c.end, q.value, q.low, q.high, q.unit, q.qualifier, q.change, q.per, q.vague,
            c.counted, c.measure, list(c.subject), c.place, c.time.value if c.time else None,
            src.name if src else None, src.kind if src else None, src.entity if src else None, list(a.via), a.verb,
            a.certainty, c.in_title, _json(to_plain(c)))


def _job(row: Sequence[Any]) -> Job:
    v = dict(zip(JOB_SELECT.split(", "), row, strict=True))
    for k in ("created_at", "started_at", "finished_at"):
        v[k] = v[k].isoformat(timespec="seconds") if v[k] is not None else None
    for k in ("documents", "added", "errors", "warnings"):
        v[k] = tuple(v[k])
    return Job(**{**v, "inputs": json.loads(v["inputs"])})


def _doc_row(d: Document) -> tuple[Any, ...]:
    plain = to_plain(d)
    rest = {k: v for k, v in plain.items() if k not in DOC_COLUMNS}
    return (*(plain[k] for k in DOC_COLUMNS), _json(rest))


def _changed(stored: Document | None, doc: Document) -> bool:
    """Whether ``doc`` is new, or differs from the stored one in text or metadata (a fixed manifest)."""
    if stored is None or stored.checksum != doc.checksum:
        return True
    return replace(stored, duplicate_of=doc.duplicate_of, source=doc.source) != doc


def _words(query: str) -> str:
    """The query's plain words (``search_problem`` refuses what is too long or holds control characters)."""
    from ..errors import InputError

    problem = search_problem(query)
    if problem:
        raise InputError(problem, input="search")
    return " ".join(query.split())
