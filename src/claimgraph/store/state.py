"""Reconcile state: what an incremental reconcile reads instead of the whole corpus.

One implementation for both back ends (portable SQL with ``?`` placeholders); each back end
supplies ``_run``/``_run_many`` (inside its write transaction) and ``query``, and writes its own
result rows (``_put_*``: the two schemas differ in their columns). Tables (see docs/schema.md):

- ``recon_state``: key/value (extractor version, next entity and story numbers, run number);
- ``story_state``: each story's clustering state as JSON; ``story_docs``: document -> story,
  with the checksum and extraction version reconciled; ``story_entities`` / ``story_words``:
  postings to find candidate stories for a new document;
- ``entity_keys``: name keys (exact, surname, acronym) -> entities (``best``: the one a lookup finds); ``entity_stats``: document
  frequency and mention count per entity; ``word_df``: document frequency per word;
- ``entity_mentions``: mentions that incremental runs found of entities already stored (their
  ``entities`` rows keep the mentions of the last full run: rewriting a country's row, with its
  tens of thousands of mentions, for each new article would cost in proportion to the store);
- ``figure_story``: figure -> story; ``lineage``: merges and splits of ids across runs.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..model import Entity, Figure, Story, TextSpan, TimelineEvent
from ..reconcile.incremental import Lineage, StoryState
from .codec import dumps, loads

BATCH = 500  # ids per IN (...) list

STATE_TABLES = ("recon_state", "story_state", "story_docs", "story_entities", "story_words", "entity_keys",
                "entity_stats", "word_df", "figure_story", "entity_mentions")


def timeline_sort(t: TimelineEvent) -> str:
    """The timeline's order (``build_timeline``) as one string: \\x01 sorts below any text."""
    return "\x01".join((t.when, "0" if t.kind == "event" else "1", t.doc or "", t.claim or ""))


def _batches(ids: Iterable[Any]) -> Iterable[list[Any]]:
    items = list(dict.fromkeys(ids))
    for i in range(0, len(items), BATCH):
        yield items[i:i + BATCH]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class StateTables:
    """Mixed into ``sqlite.Store`` and ``postgres.PostgresStore``."""

    # supplied by the back end
    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _put_entities(self, entities: Sequence[Entity]) -> None:
        raise NotImplementedError

    def _put_figures(self, figures: Sequence[Figure]) -> None:
        raise NotImplementedError

    def _put_stories(self, stories: Sequence[Story]) -> None:
        raise NotImplementedError

    def _put_timeline(self, events: Sequence[tuple[int, TimelineEvent]]) -> None:
        raise NotImplementedError

    def _fill_timeline_sort(self) -> None:
        raise NotImplementedError

    def _in(self, sql: str, ids: Iterable[Any], *, extra: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """``sql`` with one ``IN ({})`` over ``ids``, in batches."""
        out: list[tuple[Any, ...]] = []
        for chunk in _batches(ids):
            out.extend(self.query(sql.format(_marks(len(chunk))), [*chunk, *extra]))
        return out

    # -- key/value --------------------------------------------------------------------
    def recon_state(self) -> dict[str, str]:
        """The reconcile state's keys (empty: never reconciled, or reconciled before state was kept)."""
        return {k: v for k, v in self.query("SELECT key, value FROM recon_state")}

    def set_recon_state(self, items: Mapping[str, str]) -> None:
        self._run_many("INSERT INTO recon_state (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", list(items.items()))

    def clear_recon_state(self) -> None:
        """Forget every state table's rows (before a full rebuild saves new ones); lineage stays."""
        for table in STATE_TABLES:
            self._run(f"DELETE FROM {table}")

    # -- documents to reconcile -----------------------------------------------------------------
    def unreconciled(self) -> tuple[list[str], list[str]]:
        """(documents with an extraction that no reconcile has seen, documents whose text or
        extraction changed since they were reconciled)."""
        rows = self.query(
            "SELECT e.doc, s.doc IS NOT NULL FROM extractions e JOIN documents d ON d.id = e.doc "
            "LEFT JOIN story_docs s ON s.doc = e.doc "
            "WHERE s.doc IS NULL OR s.version != e.version OR s.checksum != d.checksum ORDER BY e.doc")
        return [r[0] for r in rows if not r[1]], [r[0] for r in rows if r[1]]

    def reconciled_count(self) -> int:
        return int(self.query("SELECT COUNT(*) FROM story_docs")[0][0])

    def extraction_versions(self, ids: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._in("SELECT doc, version FROM extractions WHERE doc IN ({})", ids)}

    # -- stories ----------------------------------------------------------------------------
    def story_states(self, ids: Iterable[str]) -> list[StoryState]:
        return [loads(StoryState, r[0]) for r in self._in("SELECT data FROM story_state WHERE story IN ({})", ids)]

    def story_of_docs(self, ids: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._in("SELECT doc, story FROM story_docs WHERE doc IN ({})", ids)}

    def stories_by_entity(self, entities: Iterable[str], per: int = 16) -> dict[str, list[str]]:
        """entity -> up to ``per`` stories that mention it most (a story's top entities only)."""
        out: dict[str, list[str]] = {}
        for e in dict.fromkeys(entities):
            out[e] = [r[0] for r in self.query(
                "SELECT story FROM story_entities WHERE entity = ? AND top = 1 ORDER BY n DESC, story LIMIT ?",
                (e, per))]
        return out

    def stories_by_word(self, words: Iterable[str], per: int = 8) -> dict[str, list[str]]:
        """word -> up to ``per`` stories that use it most."""
        out: dict[str, list[str]] = {}
        for w in dict.fromkeys(words):
            out[w] = [r[0] for r in self.query(
                "SELECT story FROM story_words WHERE word = ? ORDER BY n DESC, story LIMIT ?", (w, per))]
        return out

    def stories_naming(self, people: Iterable[str]) -> dict[str, set[str]]:
        """person -> every story naming them."""
        out: dict[str, set[str]] = defaultdict(set)
        for e, s in self._in("SELECT entity, story FROM story_entities WHERE person = 1 AND entity IN ({})", people):
            out[e].add(s)
        return dict(out)

    def save_story_states(self, states: Sequence[StoryState], *, docs: Mapping[str, tuple[str, str]],
                          kinds: Mapping[str, str]) -> None:
        """Replace the state of these stories; ``docs``: doc id -> (checksum, extraction version)
        of their documents; ``kinds``: entity id -> type (people are kept apart)."""
        self.drop_story_states([s.id for s in states])
        self._run_many("INSERT INTO story_state (story, data) VALUES (?, ?)", [(s.id, dumps(s)) for s in states])
        self._run_many("INSERT INTO story_docs (doc, story, checksum, version) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (doc) DO UPDATE SET story = excluded.story, checksum = excluded.checksum, "
                       "version = excluded.version",
                       [(d, s.id, *docs.get(d, ("", ""))) for s in states for d in s.docs])
        rows: list[tuple[str, str, int, int, int]] = []
        for s in states:
            top = set(s.top)
            rows.extend((e, s.id, n, int(e in top), int(kinds.get(e) == "PERSON")) for e, n in s.entities)
        self._run_many("INSERT INTO story_entities (entity, story, n, top, person) VALUES (?, ?, ?, ?, ?)", rows)
        counts = {s.id: dict(s.words) for s in states}
        self._run_many("INSERT INTO story_words (word, story, n) VALUES (?, ?, ?)",
                       [(w, s.id, counts[s.id][w]) for s in states for w in s.postings()])

    def drop_story_states(self, ids: Iterable[str]) -> None:
        for chunk in _batches(ids):
            for table in ("story_state", "story_entities", "story_words"):
                self._run(f"DELETE FROM {table} WHERE story IN ({_marks(len(chunk))})", chunk)

    # -- words and entities --------------------------------------------------------------------
    def word_df(self, words: Iterable[str]) -> dict[str, int]:
        return {r[0]: int(r[1]) for r in self._in("SELECT word, n FROM word_df WHERE word IN ({})", words)}

    def add_word_df(self, counts: Mapping[str, int]) -> None:
        self._run_many("INSERT INTO word_df (word, n) VALUES (?, ?) "
                       "ON CONFLICT (word) DO UPDATE SET n = word_df.n + excluded.n", list(counts.items()))

    def entity_stats(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """entity -> (documents naming it, mentions)."""
        return {r[0]: (int(r[1]), int(r[2]))
                for r in self._in("SELECT entity, df, weight FROM entity_stats WHERE entity IN ({})", ids)}

    def entity_heads(self, ids: Iterable[str]) -> dict[str, Entity]:
        """entity -> its name, type and aliases (no mentions: those are in ``entities``)."""
        return {r[0]: Entity(r[0], r[1], r[2], tuple(json.loads(r[3])))
                for r in self._in("SELECT entity, name, type, aliases FROM entity_stats WHERE entity IN ({})", ids)}

    def add_entity_stats(self, stats: Mapping[str, tuple[int, int]], heads: Mapping[str, Entity]) -> None:
        """Add (documents, mentions) to each entity's counts; ``heads`` gives name, type and aliases."""
        self._run_many("INSERT INTO entity_stats (entity, df, weight, name, type, aliases) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (entity) DO UPDATE SET df = entity_stats.df + excluded.df, "
                       "weight = entity_stats.weight + excluded.weight, name = excluded.name, type = excluded.type, "
                       "aliases = excluded.aliases",
                       [(e, df, w, heads[e].name, heads[e].type, json.dumps(list(heads[e].aliases), ensure_ascii=False))
                        for e, (df, w) in stats.items()])

    def entity_keys(self, kind: str, keys: Iterable[str]) -> dict[str, str]:
        """key -> the entity a lookup by that name key finds, for keys of ``kind`` ("key",
        "surname", "acronym"): the one marked best, else the first by id."""
        out: dict[str, str] = {}
        for k, e in self._in("SELECT key, entity FROM entity_keys WHERE key IN ({}) AND kind = ? "
                             "ORDER BY key, best DESC, entity", keys, extra=(kind,)):
            out.setdefault(k, e)
        return out

    def entity_key_holders(self, kind: str, keys: Iterable[str]) -> dict[str, list[str]]:
        """key -> every entity with that name key."""
        out: dict[str, list[str]] = defaultdict(list)
        for k, e in self._in("SELECT key, entity FROM entity_keys WHERE key IN ({}) AND kind = ? ORDER BY key, entity",
                             keys, extra=(kind,)):
            out[k].append(e)
        return dict(out)

    def add_entity_keys(self, rows: Iterable[tuple[str, str, str, bool]]) -> None:
        """(kind, key, entity, best): ``best`` marks the entity a lookup by the key finds."""
        self._run_many("INSERT INTO entity_keys (kind, key, entity, best) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (kind, key, entity) DO NOTHING",
                       [(kind, k, e, int(best)) for kind, k, e, best in rows])

    def _entity_rows(self, ids: Iterable[str]) -> dict[str, Entity]:
        """The stored ``entities`` rows (mentions of the last full run only)."""
        return {r[0]: loads(Entity, r[1]) for r in self._in("SELECT id, data FROM entities WHERE id IN ({})", ids)}

    def entities_by_id(self, ids: Iterable[str]) -> list[Entity]:
        """The entities of ``ids`` (unknown ones left out), by id, with every mention."""
        rows = self._entity_rows(ids)
        extra: dict[str, list[TextSpan]] = defaultdict(list)
        for e, doc, start, end in self._in("SELECT entity, doc, start_char, end_char FROM entity_mentions "
                                           "WHERE entity IN ({})", rows):
            extra[e].append(TextSpan(doc, int(start), int(end)))
        return [replace(rows[e], mentions=(*rows[e].mentions, *extra[e])) if e in extra else rows[e]
                for e in sorted(rows)]

    def add_entity_mentions(self, mentions: Mapping[str, Sequence[TextSpan]]) -> None:
        self._run_many("INSERT INTO entity_mentions (entity, doc, start_char, end_char) VALUES (?, ?, ?, ?)",
                       [(e, m.doc, m.start, m.end) for e, spans in mentions.items() for m in spans])

    def _with_new_mentions(self, entities: list[Entity]) -> list[Entity]:
        """``entities`` with the mentions incremental runs added (``entity_mentions``)."""
        extra: dict[str, list[TextSpan]] = defaultdict(list)
        for e, doc, start, end in self.query("SELECT entity, doc, start_char, end_char FROM entity_mentions"):
            extra[e].append(TextSpan(doc, int(start), int(end)))
        if not extra:
            return entities
        return [replace(e, mentions=(*e.mentions, *extra[e.id])) if e.id in extra else e for e in entities]

    def entity_of_locals(self, ids: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._in("SELECT local, entity FROM entity_of WHERE local IN ({})", ids)}

    # -- figures -----------------------------------------------------------------------------
    def figures_of_stories(self, stories: Iterable[str]) -> dict[str, list[str]]:
        """figure -> its claims, for the figures of these stories."""
        out: dict[str, list[str]] = defaultdict(list)
        for fid, claim in self._in("SELECT fs.figure, cf.claim FROM figure_story fs "
                                   "JOIN claim_figure cf ON cf.figure = fs.figure WHERE fs.story IN ({})", stories):
            out[fid].append(claim)
        return dict(out)

    def ids_used(self, kind: str, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` name a current item of ``kind`` or a past one (in the lineage)."""
        table = {"figure": "figures", "story": "stories", "entity": "entities"}[kind]
        now = {r[0] for r in self._in(f"SELECT id FROM {table} WHERE id IN ({{}})", ids)}
        past = {r[0] for r in self._in("SELECT old FROM lineage WHERE old IN ({}) AND kind = ?", ids, extra=(kind,))}
        return now | past

    def set_figure_story(self, figure_story: Mapping[str, str]) -> None:
        self._run_many("INSERT INTO figure_story (figure, story) VALUES (?, ?) "
                       "ON CONFLICT (figure) DO UPDATE SET story = excluded.story", list(figure_story.items()))

    # -- lineage -------------------------------------------------------------------------------
    def add_lineage(self, rows: Iterable[Lineage], run: int) -> None:
        self._run_many("INSERT INTO lineage (run, kind, old, new, shared) VALUES (?, ?, ?, ?, ?)",
                       [(run, r.kind, r.old, r.new, r.shared) for r in rows])

    def lineage(self, kind: str | None = None) -> list[tuple[int, Lineage]]:
        """(run, lineage row), oldest run first: which old ids went into which new ones."""
        sql = "SELECT run, kind, old, new, shared FROM lineage"
        rows = self.query(sql + " WHERE kind = ? ORDER BY run, old, new", (kind,)) if kind \
            else self.query(sql + " ORDER BY run, kind, old, new")
        return [(int(r[0]), Lineage(r[1], r[2], r[3], int(r[4]))) for r in rows]

    # -- writing an increment ---------------------------------------------------------------------
    def save_increment(self, *, entities: Sequence[Entity], entity_of: Mapping[str, str],
                       figures_gone: Iterable[str], figures: Sequence[Figure], claim_figure: Mapping[str, str],
                       figure_story: Mapping[str, str], stories_gone: Iterable[str], stories: Sequence[Story],
                       timeline_docs: Iterable[str], timeline: Sequence[TimelineEvent]) -> None:
        """Replace only what an incremental reconcile changed (call inside ``transaction``)."""
        self._put_entities(entities)
        self._run_many("INSERT INTO entity_of (local, entity) VALUES (?, ?) "
                       "ON CONFLICT (local) DO UPDATE SET entity = excluded.entity", list(entity_of.items()))
        for chunk in _batches(figures_gone):
            m = _marks(len(chunk))
            self._run(f"DELETE FROM claim_figure WHERE figure IN ({m})", chunk)
            self._run(f"DELETE FROM figures WHERE id IN ({m})", chunk)
            self._run(f"DELETE FROM figure_story WHERE figure IN ({m})", chunk)
        self._put_figures(figures)
        self._run_many("INSERT INTO claim_figure (claim, figure) VALUES (?, ?) "
                       "ON CONFLICT (claim) DO UPDATE SET figure = excluded.figure", list(claim_figure.items()))
        self.set_figure_story(figure_story)
        for chunk in _batches(stories_gone):
            self._run(f"DELETE FROM stories WHERE id IN ({_marks(len(chunk))})", chunk)
        self._put_stories(stories)
        for chunk in _batches(timeline_docs):
            self._run(f"DELETE FROM timeline WHERE doc IN ({_marks(len(chunk))})", chunk)
        start = int(self.query("SELECT COALESCE(MAX(n), -1) FROM timeline")[0][0]) + 1
        self._put_timeline([(start + i, t) for i, t in enumerate(timeline)])
