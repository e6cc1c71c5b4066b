"""Incremental reconcile and stable ids, on SQLite and PostgreSQL (hand-built extractions, no NLP).

Two invented stories: a river flood in the town of Tallis, and a mine collapse at Kestrel Ridge.
"""
from __future__ import annotations

from typing import Any

from claimgraph import api
from claimgraph.model import Attribution, Claim, Document, Entity, Extraction, Quantity, Source, TextSpan
from claimgraph.reconcile.incremental import Lineage, StoryState
from claimgraph.store.connect import open_store

FLOOD = ("The Marrow river burst its banks at Tallis overnight. {n} people were killed in the flood, "
         "said Orla Benn of the Tallis Rescue Service. About 2,000 residents left their homes as "
         "floodwater covered the market square and the rail bridge.")
MINE = ("A tunnel at the Kestrel Ridge mine in Dunmore collapsed on Tuesday. {n} miners were trapped "
        "underground, Greyhollow Mining said. Rescue crews from Dunmore drilled a shaft toward the "
        "chamber through the night.")


def _doc(doc_id: str, text: str, published: str, outlet: str) -> Document:
    return Document(doc_id, text, ((0, len(text)),), published=published, outlet=outlet, checksum=f"sum-{doc_id}",
                    title=text.split(".")[0])


def _entity(doc_id: str, n: int, text: str, name: str, etype: str) -> Entity:
    start = text.index(name)
    spans = [TextSpan(doc_id, start, start + len(name))]
    later = text.find(name, start + len(name))
    if later >= 0:
        spans.append(TextSpan(doc_id, later, later + len(name)))
    return Entity(f"{doc_id}:e{n}", name, etype, (), tuple(spans))


def _claim(doc_id: str, k: int, text: str, number: str, value: float, counted: str, measure: str,
           source: str | None) -> Claim:
    start = text.index(number)
    q = Quantity(start, start + len(number), value, value, value, unit="count", qualifier="exact", text=number)
    att = Attribution(Source(source, "person" if " " in source else "organization") if source else None)
    return Claim(f"{doc_id}:c{k}", doc_id, start, start + len(number) + len(counted) + 1, q, counted=counted,
                 measure=measure, attribution=att, sentence=(0, len(text)))


def flood(doc_id: str, killed: int, published: str, outlet: str) -> tuple[Document, Extraction]:
    text = FLOOD.format(n=killed)
    ents = tuple(_entity(doc_id, i, text, name, t) for i, (name, t) in enumerate(
        [("Marrow", "LOC"), ("Tallis", "GPE"), ("Orla Benn", "PERSON"), ("Tallis Rescue Service", "ORG")], 1))
    claims = (_claim(doc_id, 1, text, str(killed), killed, "people", "killed", "Orla Benn"),
              _claim(doc_id, 2, text, "2,000", 2000, "residents", "displaced", None))
    return _doc(doc_id, text, published, outlet), Extraction(doc_id, ((0, len(text)),), ents, claims)


def mine(doc_id: str, trapped: int, published: str, outlet: str) -> tuple[Document, Extraction]:
    text = MINE.format(n=trapped)
    ents = tuple(_entity(doc_id, i, text, name, t) for i, (name, t) in enumerate(
        [("Kestrel Ridge", "FAC"), ("Dunmore", "GPE"), ("Greyhollow Mining", "ORG")], 1))
    claims = (_claim(doc_id, 1, text, str(trapped), trapped, "miners", "trapped", "Greyhollow Mining"),)
    return _doc(doc_id, text, published, outlet), Extraction(doc_id, ((0, len(text)),), ents, claims)


def add(store: Any, *items: tuple[Document, Extraction], version: str = "v1") -> None:
    store.add_documents([d for d, _ in items])
    store.save_extractions([e for _, e in items], version)


def snapshot(store: Any) -> dict[str, Any]:
    groups: dict[str, set[str]] = {}
    for local, gid in store.entity_of().items():
        groups.setdefault(gid, set()).add(local)
    return {"entities": {g: frozenset(v) for g, v in groups.items()},
            "stories": {s.id: frozenset(s.documents) for s in store.stories()},
            "figures": {f.id: frozenset(f.claims) for f in store.figures()},
            "verdicts": {f.id: f.verdict for f in store.figures()}}


def test_ids_persist_when_another_story_arrives_and_a_figure_gains_a_claim(db: str) -> None:
    with open_store(db) as store:
        add(store, flood("a1", 14, "2026-03-02", "Valley Courier"), flood("a2", 14, "2026-03-02", "Tallis Ledger"),
            flood("a3", 14, "2026-03-03", "River Post"))
        assert api.reconcile_mode(store)[0] == "full"
        before = snapshot(store)
        (story_a,) = before["stories"]
        killed = next(f for f, claims in before["figures"].items() if "a1:c1" in claims)
        assert before["figures"][killed] == {"a1:c1", "a2:c1", "a3:c1"}

        add(store, mine("b1", 9, "2026-05-10", "Dunmore Echo"), mine("b2", 9, "2026-05-11", "Highland Wire"))
        assert api.reconcile_mode(store)[0] == "incremental"
        after = snapshot(store)
        for part in ("entities", "stories", "figures"):  # untouched: same ids, same members
            assert {k: v for k, v in after[part].items() if k in before[part]} == before[part], part
        new_stories = set(after["stories"]) - set(before["stories"])
        assert len(new_stories) == 1 and after["stories"][new_stories.pop()] == {"b1", "b2"}
        assert all(int(e[1:]) > max(int(x[1:]) for x in before["entities"])
                   for e in set(after["entities"]) - set(before["entities"]))  # never an old id

        add(store, flood("a4", 14, "2026-03-04", "Valley Courier"))
        assert api.reconcile_mode(store)[0] == "incremental"
        grown = snapshot(store)
        assert grown["figures"][killed] == {"a1:c1", "a2:c1", "a3:c1", "a4:c1"}  # it kept its id
        assert grown["stories"][story_a] == {"a1", "a2", "a3", "a4"}
        benn = next(g for g, v in before["entities"].items() if "a1:e3" in v)  # Orla Benn
        assert grown["entities"][benn] >= {"a4:e3"}
        (entity,) = store.entities_by_id([benn, "nope"])
        assert {m.doc for m in entity.mentions} == {"a1", "a2", "a3", "a4"}  # a4's from entity_mentions
        assert api.reconcile_mode(store)[0] == "none"  # nothing new: nothing to do

        timeline = store.timeline()
        entities = {e.id: (e.name, e.type, set(e.aliases), set(e.mentions)) for e in store.entities()}
        assert api.reconcile_mode(store, full=True)[0] == "full"
        assert snapshot(store) == grown  # a full rebuild agrees, ids and all
        assert store.timeline() == timeline
        assert {e.id: (e.name, e.type, set(e.aliases), set(e.mentions)) for e in store.entities()} == entities


def test_a_changed_document_or_extractor_makes_a_full_rebuild(db: str) -> None:
    with open_store(db) as store:
        add(store, flood("a1", 14, "2026-03-02", "Valley Courier"), flood("a2", 14, "2026-03-02", "Tallis Ledger"))
        api.reconcile(store)
        add(store, mine("b1", 9, "2026-05-10", "Dunmore Echo"), version="v2")
        assert api.reconcile_mode(store)[0] == "full"
        add(store, flood("a2", 15, "2026-03-02", "Tallis Ledger"))  # new text, same id
        store.save_extractions([flood("a2", 15, "2026-03-02", "Tallis Ledger")[1]], "v2")
        assert store.unreconciled() == ([], ["a2"])
        assert api.reconcile_mode(store)[0] == "full"


def test_state_tables_round_trip(db: str) -> None:
    with open_store(db) as store, store.transaction():
        store.set_recon_state({"run": "1", "version": "v1"})
        store.set_recon_state({"run": "2"})
        assert store.recon_state() == {"run": "2", "version": "v1"}
        st = StoryState("s4", ("d1", "d2"), (("e1", 3), ("e2", 1)), ("e1",), (("flood", 2),),
                        (("river", 4), ("bridge", 1)), (739000, 739002), ("e2",), ())
        store.add_documents([flood("d1", 3, "2026-01-01", "X")[0], flood("d2", 3, "2026-01-01", "Y")[0]])
        store.save_story_states([st], docs={"d1": ("c1", "v1")}, kinds={"e2": "PERSON"})
        assert store.story_states(["s4", "s9"]) == [st]
        assert store.story_of_docs(["d1", "d2", "d3"]) == {"d1": "s4", "d2": "s4"}
        assert store.stories_by_entity(["e1", "e2"]) == {"e1": ["s4"], "e2": []}  # top entities only
        assert store.stories_by_word(["river", "dam"]) == {"river": ["s4"], "dam": []}
        assert store.stories_naming(["e1", "e2"]) == {"e2": {"s4"}}
        store.drop_story_states(["s4"])
        assert store.story_states(["s4"]) == [] and store.stories_by_word(["river"]) == {"river": []}
        store.add_word_df({"river": 2})
        store.add_word_df({"river": 1, "dam": 1})
        assert store.word_df(["river", "dam", "x"]) == {"river": 3, "dam": 1}
        head = Entity("e1", "Tallis", "GPE", ("Tallis town",))
        store.add_entity_stats({"e1": (2, 5)}, {"e1": head})
        store.add_entity_stats({"e1": (1, 1)}, {"e1": head})
        assert store.entity_stats(["e1", "e2"]) == {"e1": (3, 6)} and store.entity_heads(["e1"]) == {"e1": head}
        store.add_entity_keys([("key", "tallis", "e9", False), ("key", "tallis", "e10", True),
                               ("surname", "benn", "e2", True)])
        store.add_entity_keys([("key", "tallis", "e10", False)])  # a row once stored stays as it is
        assert store.entity_keys("key", ["tallis", "benn"]) == {"tallis": "e10"}  # the best one
        assert store.entity_key_holders("key", ["tallis"]) == {"tallis": ["e10", "e9"]}
        assert store.entity_keys("surname", ["benn"]) == {"benn": "e2"}
        store.add_lineage([Lineage("figure", "fa", "fb", 2), Lineage("story", "s1", None, 0)], 3)
        assert store.lineage("figure") == [(3, Lineage("figure", "fa", "fb", 2))]
        assert store.ids_used("figure", ["fa", "fz"]) == {"fa"}
