"""Reconcile a store in full, or only the stories that new documents touch; ids stay stable.

``reconcile_store(store)`` decides:

- **full** (``full=True``, no saved state, a reconciled document changed, another extractor
  version, or more new documents than reconciled ones): ``reconcile`` over the whole store,
  then every entity, story and figure takes the id of the stored one it shares most members
  with (``reconcile.incremental.stable_ids``); the state for the next run is saved;
- **incremental**: the new documents' entities are matched to stored ones by name keys; candidate
  stories come from indexed postings (shared entities, shared words, a copy's original); those
  stories are restored from their saved state (no documents read), the new documents go through
  the unchanged ``StoryIndex.add``, and only the stories that took a document (or were made)
  have their documents read and their figures, verdicts, origins and timeline rebuilt. Only
  their rows are written.

Where incremental and full differ, and why (docs/incremental.md has the list): the word and
entity weights a story was last refreshed with; old stories that no new document joins are
never re-folded; new names join stored entities by exact name keys (and a lone surname or an
acronym by the stored short-form tables), not by the fuzzy pass; figures of a story are built
from that story's claims alone (a currency word learnt in another story is not used).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from .model import Document, Entity, Extraction, Figure, Story, TextSpan
from .reconcile import Reconciled, _plain, _roundups
from .reconcile import reconcile as run_reconcile
from .reconcile.entities import EntityIndex, _analyse, _class_of, merge_entities
from .reconcile.figures import build_figures
from .reconcile.incremental import Lineage, RestoredStoryIndex, id_number, stable_ids, story_states
from .reconcile.stories import _STOP, _TITLE_STOP, _WORD
from .reconcile.timeline import build_timeline

__all__ = ["reconcile_store"]

Corpus = tuple[list[Document], list[Extraction]]
TOP_K = 8  # as StoryIndex.top_k: the entities a document is placed by
CANDIDATES = 10  # stories restored per new document (StoryIndex looks at 10 too)
KINDS = ("key", "surname", "acronym")


def reconcile_store(store: Any, *, full: bool = False) -> tuple[str, Corpus | None]:
    """("full" | "incremental" | "none", the corpus read when full). Call inside ``store.transaction()``."""
    state = store.recon_state()
    new, changed = store.unreconciled()
    if not full and state and not changed and new:
        versions = set(store.extraction_versions(new).values())
        full = versions != {state.get("version")} or len(new) > int(state.get("n_docs", "0"))
    elif not full and state and not changed and not new:
        return "none", None
    else:
        full = True
    if full:
        return "full", _full(store, state)
    _increment(store, state, new)
    return "incremental", None


# -- shared --------------------------------------------------------------------------------------

def _mentions(doc: Document | None, ext: Extraction, entity_of: Mapping[str, str],
              name_of: Mapping[str, str]) -> list[str]:
    """A document's global entity ids, once per mention, its own outlet left out (as ``reconcile``)."""
    own = _plain(doc.outlet) if doc else ""
    ids: list[str] = []
    for ent in ext.entities:
        gid = entity_of.get(ent.id)
        if gid and not (own and _plain(name_of.get(gid, "")) in own):
            ids.extend([gid] * max(1, len(ent.mentions)))
    return ids


def _words(doc: Document, max_words: int = 400) -> Counter[str]:
    """A document's words as ``StoryIndex`` counts them."""
    text = " ".join(doc.text[a:b] for a, b in doc.body) if doc.body else doc.text
    return Counter(w for w in _WORD.findall(text.lower())[:max_words]
                   if len(w) > 3 and not w.isdigit() and w not in _TITLE_STOP and w not in _STOP)


def _keys_of(index: EntityIndex) -> dict[str, list[tuple[str, str]]]:
    """entity -> the (kind, key) name keys by which the index's lookups find it."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, table in zip(KINDS, (index._keys, index._surnames, index._acronyms), strict=True):
        for k, gid in table.items():
            out[gid].append((kind, k))
    return out


def _all_keys(ent: Entity) -> set[tuple[str, str]]:
    """Every (kind, key) of an entity's name and aliases, as ``merge_entities`` reads them: exact
    keys, a person's surname, the acronyms a name may be shortened to."""
    cls = _class_of(ent.type)
    out: set[tuple[str, str]] = set()
    for surface in (ent.name, *ent.aliases):
        if not surface.strip():
            continue
        form = _analyse(surface, cls)
        out.update(("key", k) for k in form.keys if k)
        if form.kind == "name" and cls == "P" and form.last:
            out.add(("surname", form.last))
        out.update(("acronym", a) for a in form.acronyms)
    return out


def _key_rows(index: EntityIndex, entities: Iterable[Entity], ids: Mapping[str, str]) -> list[tuple[str, str, str, bool]]:
    """Rows for ``entity_keys``: the index's own lookups first (best), then every other key."""
    rows = [(kind, k, ids[g], True) for g, keys in _keys_of(index).items() for kind, k in keys]
    rows += [(kind, k, ids[e.id], False) for e in entities for kind, k in sorted(_all_keys(e))]
    return rows


def _weights(extractions: Iterable[Extraction], entity_of: Mapping[str, str]) -> Counter[str]:
    """Mentions per entity, as ``merge_entities`` weighs them (one at least per doc-local entity)."""
    out: Counter[str] = Counter()
    for ext in extractions:
        for ent in ext.entities:
            gid = entity_of.get(ent.id)
            if gid:
                out[gid] += max(1, len(ent.mentions))
    return out


def _doc_rows(store: Any, docs: Iterable[Document]) -> dict[str, tuple[str, str]]:
    docs = list(docs)
    versions = store.extraction_versions([d.id for d in docs])
    return {d.id: (d.checksum, versions.get(d.id, "")) for d in docs}


def _figure_story(figures: Iterable[Figure], doc_of: Mapping[str, str], story_of: Mapping[str, str]) -> dict[str, str]:
    return {f.id: story_of.get(doc_of[f.claims[0]], "") for f in figures if f.claims}


class _Fresh:
    """Fresh ids ``{prefix}{n}``, n from ``start`` up."""

    def __init__(self, prefix: str, start: int) -> None:
        self.prefix, self.n = prefix, start

    def __call__(self, _provisional: str = "") -> str:
        out = f"{self.prefix}{self.n}"
        self.n += 1
        return out


def _figure_ids(store: Any, run: int, candidates: Iterable[str]) -> Any:
    """Fresh figure ids: the member hash ``build_figures`` gives, unless an earlier figure had it."""
    used = store.ids_used("figure", candidates)

    def fresh(fid: str) -> str:
        return f"{fid}-{run}" if fid in used else fid
    return fresh


# -- full ----------------------------------------------------------------------------------------

def _full(store: Any, state: Mapping[str, str]) -> Corpus:
    docs, exts = store.documents(), store.extractions()
    rec = run_reconcile(docs, exts)
    run = int(state.get("run", "0")) + 1
    old_entities: dict[str, list[str]] = defaultdict(list)
    for local, gid in store.entity_of().items():
        old_entities[gid].append(local)
    old_stories = {s.id: s.documents for s in store.stories()}
    old_figures: dict[str, list[str]] = defaultdict(list)
    for cid, fid in store.claim_figure().items():
        old_figures[fid].append(cid)
    next_e = max([int(state.get("next_entity", "1"))] + [id_number(e) + 1 for e in old_entities])
    next_s = max([int(state.get("next_story", "1"))] + [id_number(s) + 1 for s in old_stories])
    new_entities: dict[str, list[str]] = defaultdict(list)
    for local, gid in rec.entity_of.items():
        new_entities[gid].append(local)
    fresh_e, fresh_s = _Fresh("e", next_e), _Fresh("s", next_s)
    emap, elin = stable_ids({e.id: new_entities.get(e.id, []) for e in rec.entities}, old_entities, fresh_e,
                            kind="entity")
    smap, slin = stable_ids({s.id: s.documents for s in rec.stories}, old_stories, fresh_s, kind="story")
    fmap, flin = stable_ids({f.id: f.claims for f in rec.figures}, old_figures,
                            _figure_ids(store, run, [f.id for f in rec.figures]), kind="figure")
    entities = [replace(e, id=emap[e.id]) for e in rec.entities]
    entity_of = {local: emap[g] for local, g in rec.entity_of.items()}
    figures = [replace(f, id=fmap[f.id]) for f in rec.figures]
    claim_figure = {c: fmap[f] for c, f in rec.claim_figure.items()}
    stories = [replace(s, id=smap[s.id]) for s in rec.stories]
    story_of = {d: smap[s] for d, s in rec.story_of.items()}
    timeline = [replace(t, figure=fmap.get(t.figure, t.figure)) if t.figure else t for t in rec.timeline]
    store.save_reconciled(entities, entity_of, figures, claim_figure, stories, timeline)
    store._fill_timeline_sort()
    store.clear_recon_state()
    _save_full_state(store, rec, docs, exts, emap=emap, smap=smap, figures=figures, story_of=story_of,
                     entity_of=entity_of, entities=entities)
    store.add_lineage([*elin, *slin, *flin], run)
    versions = Counter(store.extraction_versions([d.id for d in docs]).values())
    index = rec.story_index
    store.set_recon_state({"run": str(run), "next_entity": str(fresh_e.n), "next_story": str(fresh_s.n),
                           "version": versions.most_common(1)[0][0] if versions else "",
                           "n_docs": str(len(docs)), "n_words": str(getattr(index, "_n_words", 0))})
    return docs, exts


def _save_full_state(store: Any, rec: Reconciled, docs: Sequence[Document], exts: Sequence[Extraction], *,
                     emap: Mapping[str, str], smap: Mapping[str, str], figures: Sequence[Figure],
                     story_of: Mapping[str, str], entity_of: Mapping[str, str], entities: Sequence[Entity]) -> None:
    assert rec.story_index is not None and rec.index is not None
    by_id = {d.id: d for d in docs}
    names = {e.id: e.name for e in entities}
    df: Counter[str] = Counter()
    for ext in exts:
        df.update(set(_mentions(by_id.get(ext.doc), ext, entity_of, names)))
    weights = _weights(exts, entity_of)
    heads = {e.id: e for e in entities}
    store.add_entity_stats({e.id: (df[e.id], weights[e.id]) for e in entities}, heads)
    store.add_entity_keys(_key_rows(rec.index, rec.entities, emap))
    states = []
    for st in story_states(rec.story_index):
        m = emap.get
        states.append(replace(st, id=smap[st.id], entities=tuple(sorted((m(e, e), n) for e, n in st.entities)),
                              top=tuple(sorted(m(e, e) for e in st.top)), people=tuple(sorted(m(e, e) for e in st.people)),
                              key_people=tuple(sorted(m(e, e) for e in st.key_people))))
    store.save_story_states(states, docs=_doc_rows(store, docs), kinds={e.id: e.type for e in entities})
    store.add_word_df(dict(rec.story_index._word_df))
    doc_of = {c.id: c.doc for ext in exts for c in ext.claims}
    store.set_figure_story(_figure_story(figures, doc_of, story_of))


# -- incremental ----------------------------------------------------------------------------------

class _StoredTable(dict[str, str]):
    """A name-key table that asks the store for keys it has not seen (``EntityIndex`` lookups)."""

    def __init__(self, store: Any, kind: str, known: Mapping[str, str]) -> None:
        super().__init__(known)
        self.store, self.kind, self.missing = store, kind, set[str]()

    def _fetch(self, k: object) -> bool:
        if not isinstance(k, str) or k in self.missing:
            return False
        if dict.__contains__(self, k):
            return True
        found = self.store.entity_keys(self.kind, [k])
        if k in found:
            dict.__setitem__(self, k, found[k])
            return True
        self.missing.add(k)
        return False

    def __contains__(self, k: object) -> bool:
        return self._fetch(k)

    def __getitem__(self, k: str) -> str:
        if not self._fetch(k):
            raise KeyError(k)
        return dict.__getitem__(self, k)

    def get(self, k: str, default: Any = None) -> Any:
        return dict.__getitem__(self, k) if self._fetch(k) else default


def _match_entities(store: Any, sub: EntityIndex, fresh: _Fresh) -> dict[str, str]:
    """The new documents' merged entities -> stored entity ids by their name keys (exact keys
    first, then a person's surname, then acronyms); a person never takes a place's id, nor the
    reverse (as in ``merge_entities``); no match: a fresh id. Saves the new keys."""
    own = _keys_of(sub)
    keys = {e.id: _all_keys(e) | set(own.get(e.id, [])) for e in sub.entities}
    wanted: dict[str, set[str]] = defaultdict(set)
    for pairs in keys.values():
        for kind, k in pairs:
            wanted[kind].add(k)
    holders = {kind: store.entity_key_holders(kind, wanted[kind]) for kind in KINDS}
    types = {g: h.type for g, h in store.entity_heads(
        {g for table in holders.values() for gs in table.values() for g in gs}).items()}
    out: dict[str, str] = {}
    for ent in sub.entities:
        cls = _class_of(ent.type)
        for kind in KINDS:
            votes = Counter(g for k in (k for kd, k in keys[ent.id] if kd == kind) for g in holders[kind].get(k, ())
                            if {cls, _class_of(types.get(g, ""))} != {"P", "L"})
            if votes:
                out[ent.id] = min(votes.items(), key=lambda kv: (-kv[1], id_number(kv[0]), kv[0]))[0]
                break
        else:
            out[ent.id] = fresh()
    best = {(kind, k) for kind, k, _g, _b in _key_rows(sub, (), {e.id: e.id for e in sub.entities})}
    store.add_entity_keys((kind, k, out[g], (kind, k) in best and k not in holders[kind])
                          for g, pairs in keys.items() for kind, k in sorted(pairs))
    return out


def _increment(store: Any, state: Mapping[str, str], new_ids: Sequence[str]) -> None:
    run = int(state.get("run", "0")) + 1
    new_docs = store.documents(new_ids)
    new_exts = store.extractions(new_ids)
    docs = {d.id: d for d in new_docs}
    # 1. entities: merged among the new documents, then matched to stored ones by name keys
    sub = merge_entities(new_exts)
    fresh_e = _Fresh("e", int(state.get("next_entity", "1")))
    gmap = _match_entities(store, sub, fresh_e)
    new_entity_of = {local: gmap[g] for local, g in sub.entity_of.items()}
    heads = store.entity_heads(set(gmap.values()))
    stored_heads = dict(heads)
    for ent in sub.entities:
        gid = gmap[ent.id]
        if gid not in heads:
            heads[gid] = Entity(gid, ent.name, ent.type, ent.aliases)
        else:  # a stored entity: new spellings become aliases
            head = heads[gid]
            extra = [a for a in (ent.name, *ent.aliases) if a != head.name and a not in head.aliases]
            heads[gid] = replace(head, aliases=(*head.aliases, *extra))
    names = {g: h.name for g, h in heads.items()}
    kinds = {g: h.type for g, h in heads.items()}
    mentions = {ext.doc: _mentions(docs.get(ext.doc), ext, new_entity_of, names) for ext in new_exts}
    df_add: Counter[str] = Counter()
    for ids in mentions.values():
        df_add.update(set(ids))
    weight_add = _weights(new_exts, new_entity_of)
    # 2. candidate stories: a copy's original, shared top entities, shared words
    word_counts = {d.id: _words(d) for d in new_docs}
    wdf_add: Counter[str] = Counter()
    for w in word_counts.values():
        wdf_add.update(w.keys())
    stats = store.entity_stats(df_add)
    n_docs = int(state.get("n_docs", "0")) + len(new_docs)
    n_words = int(state.get("n_words", "0"))
    word_df = store.word_df(wdf_add)
    originals = store.story_of_docs(d.duplicate_of for d in new_docs if d.duplicate_of)
    candidates: dict[str, None] = {}
    for d in new_docs:
        counts = Counter(mentions.get(d.id, ()))
        df = {e: stats.get(e, (0, 0))[0] + df_add[e] for e in counts}
        top = [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], df[kv[0]], kv[0]))[:TOP_K]]
        idf = {w: math.log((1 + n_words + len(new_docs)) / (1 + word_df.get(w, 0) + wdf_add[w])) + 1.0
               for w in word_counts[d.id]}
        heavy = sorted(word_counts[d.id], key=lambda w: (-math.log1p(word_counts[d.id][w]) * idf[w], w))[:40]
        hits: Counter[str] = Counter()
        for stories in store.stories_by_entity(top).values():
            for s in stories:
                hits[s] += 2
        for stories in store.stories_by_word(heavy).values():
            for s in stories:
                hits[s] += 1
        if d.duplicate_of in originals:
            candidates[originals[d.duplicate_of]] = None
        candidates.update(dict.fromkeys(s for s, _ in hits.most_common(CANDIDATES)))
    states = store.story_states(candidates)
    need = {e for st in states for e, _ in st.entities} - set(heads)
    heads.update(store.entity_heads(need))
    names = {g: h.name for g, h in heads.items()}
    kinds = {g: h.type for g, h in heads.items()}
    stats.update(store.entity_stats({e for st in states for e in st.top} - set(stats)))
    word_df.update(store.word_df({w for st in states for w, _ in st.words} - set(word_df)))
    people = {e for ids in mentions.values() for e in ids if kinds.get(e) == "PERSON"}
    doc_freq = {e: stats.get(e, (0, 0))[0] + df_add[e] for e in set(stats) | set(df_add)}
    index = RestoredStoryIndex(next_id=int(state.get("next_story", "1")), word_df=word_df, n_words=n_words,
                               named_in=store.stories_naming(people), names=names, kinds=kinds,
                               roundups=_roundups(new_exts), doc_freq=doc_freq, near_copies=False, n_docs=n_docs)
    for st in states:
        index.restore(st)
    for d in sorted(new_docs, key=lambda d: (d.duplicate_of is not None, d.published or "9999", d.id)):
        index.add(d, mentions.get(d.id, ()))
    folded = index.consolidate_touched()
    touched = index.touched()
    touched_stories = [st for st in index._stories if st.id in touched]
    story_of = {doc: st.id for st in touched_stories for doc in st.docs}
    # 3. the touched stories' documents and extractions: figures, verdicts, origins, timeline
    old_ids = [d for d in story_of if d not in docs]
    for d in store.documents(old_ids):
        docs[d.id] = d
    exts = [*new_exts, *store.extractions(old_ids)]
    entity_of = {**store.entity_of_locals(ent.id for ext in exts for ent in ext.entities), **new_entity_of}
    t_index = _touched_index(store, exts, entity_of, heads, stats, weight_add)
    claims = [c for ext in exts for c in ext.claims]
    result = build_figures(claims, docs, t_index, story_of=story_of)
    old_figures = store.figures_of_stories([*touched, *folded])
    fmap, flin = stable_ids({f.id: f.claims for f in result.figures}, old_figures,
                            _figure_ids(store, run, [f.id for f in result.figures]), kind="figure")
    figures = [replace(f, id=fmap[f.id]) for f in result.figures]
    claim_figure = {c: fmap[f] for c, f in result.claim_figure.items()}
    timeline = build_timeline(exts, docs, claim_figure, figures)
    doc_of = {c.id: c.doc for c in claims}
    # 4. entities: new ones get a row; stored ones get their new mentions in ``entity_mentions``
    #    (their rows, with every mention of a full run, are rewritten only for a new alias)
    spans: dict[str, list[TextSpan]] = defaultdict(list)
    for ext in new_exts:
        for ent in ext.entities:
            if ent.id in new_entity_of:
                spans[new_entity_of[ent.id]].extend(ent.mentions)
    fresh_ids = {g for g in spans if g not in stored_heads}
    renamed = {g for g in spans if g in stored_heads and heads[g].aliases != stored_heads[g].aliases}
    rows = store._entity_rows(renamed)
    changed = [replace(rows[g], aliases=heads[g].aliases) for g in renamed if g in rows]
    changed += [replace(heads[g], mentions=tuple(spans[g])) for g in fresh_ids]
    stories = [Story(st.id, index._label(st), tuple(st.docs)) for st in touched_stories]
    store.save_increment(entities=changed, entity_of=new_entity_of, figures_gone=set(old_figures) - set(fmap.values()),
                         figures=figures, claim_figure=claim_figure,
                         figure_story=_figure_story(figures, doc_of, story_of), stories_gone=folded, stories=stories,
                         timeline_docs=list(story_of), timeline=timeline)
    # 5. the state for the next run
    store.add_entity_stats({g: (df_add[g], weight_add[g]) for g in set(df_add) | set(weight_add)}, heads)
    store.add_entity_mentions({g: v for g, v in spans.items() if g not in fresh_ids})
    store.drop_story_states(folded)
    store.save_story_states(story_states(index, touched), docs=_doc_rows(store, [docs[d] for d in story_of]),
                            kinds=kinds)
    store.add_word_df(dict(wdf_add))
    story_lineage = [Lineage("story", old, new, index.restored.get(old, 0)) for old, new in folded.items()
                     if old in index.restored]
    store.add_lineage([*story_lineage, *flin], run)
    store.set_recon_state({"run": str(run), "next_entity": str(fresh_e.n), "next_story": str(index._made + 1),
                           "n_docs": str(n_docs), "n_words": str(index._n_words)})


def _touched_index(store: Any, exts: Sequence[Extraction], entity_of: Mapping[str, str],
                   heads: dict[str, Entity], stats: Mapping[str, tuple[int, int]],
                   weight_add: Mapping[str, int]) -> EntityIndex:
    """An ``EntityIndex`` over the touched documents: their entities (with only their mentions
    there), their doc-local ids, and the stored name keys, read as lookups ask for them."""
    spans: dict[str, list[TextSpan]] = defaultdict(list)
    for ext in exts:
        for ent in ext.entities:
            gid = entity_of.get(ent.id)
            if gid:
                spans[gid].extend(ent.mentions)
    heads.update(store.entity_heads(set(spans) - set(heads)))
    entities = tuple(Entity(g, heads[g].name, heads[g].type, heads[g].aliases, tuple(spans[g]))
                     for g in sorted(spans, key=lambda g: (id_number(g), g)) if g in heads)
    weight = {g: stats.get(g, (0, 0))[1] + weight_add.get(g, 0) for g in spans}
    keys = _StoredTable(store, "key", {})
    return EntityIndex(entities, dict(entity_of), keys, _StoredTable(store, "surname", {}),
                       _StoredTable(store, "acronym", {}), weight)

