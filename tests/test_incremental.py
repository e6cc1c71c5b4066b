"""Stable ids across runs: ``stable_ids`` by hand, and ``analyze`` twice on real text (spaCy)."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph import api
from claimgraph.reconcile.incremental import Lineage, stable_ids
from claimgraph.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"


class Counter:
    def __init__(self) -> None:
        self.n = 10

    def __call__(self, _provisional: str = "") -> str:
        self.n += 1
        return f"s{self.n}"


def test_stable_ids_takes_the_largest_overlap_once_and_records_merges_and_splits() -> None:
    old = {"s1": {"a", "b", "c"}, "s2": {"d", "e"}, "s3": {"f"}, "s4": {"g"}}
    new = {"x": {"a", "b", "d", "e", "h"},  # merges s1 (2 shared) and s2 (2): the first by id wins ties
           "y": {"c"},  # the rest of s1: a split
           "z": {"f", "g"},  # s3 and s4 tie at one member each
           "w": {"k"}}  # nothing old: a fresh id
    ids, lineage = stable_ids(new, old, Counter(), kind="story")
    assert ids == {"x": "s1", "y": "s11", "z": "s3", "w": "s12"}
    assert lineage == [Lineage("story", "s1", "s11", 1), Lineage("story", "s2", "s1", 2),
                       Lineage("story", "s4", "s3", 1)]
    _, gone = stable_ids({"x": {"a"}}, {"s1": {"a"}, "s2": {"z"}}, Counter(), kind="story")
    assert gone == [Lineage("story", "s2", None, 0)]


# two short articles about a story of our own, unrelated to the demo corpus's dam breach
HARBOUR = {
    "harbour-fire-1": "A fire tore through three warehouses at the Port Elsworth harbour on Friday night. "
                      "Harbour master Ilan Roscoe said 40 firefighters fought the blaze for six hours and that "
                      "two dock workers were injured.",
    "harbour-fire-2": "Investigators in Port Elsworth are looking into what started Friday's warehouse fire. "
                      "Ilan Roscoe, the harbour master, said two dock workers were injured and 40 firefighters "
                      "were sent to the harbour.",
}


@pytest.mark.slow
def test_analyze_twice_keeps_the_ids_of_what_the_new_documents_do_not_touch(tmp_path: Path) -> None:
    config = api.RunConfig(manifest=str(DEMO / "manifest.json"), n_process=1)
    store = Store(tmp_path / "s.db")
    first = [str(DEMO / name) for name in ("courier-kessel-dam-breach.txt", "blaze-dam-of-death.txt",
                                           "courier-displaced-15000.txt")]
    assert api.analyze(first, store, config=config).ok

    def ids() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        ents: dict[str, set[str]] = {}
        for local, gid in store.entity_of().items():
            ents.setdefault(gid, set()).add(local)
        return ({g: frozenset(v) for g, v in ents.items()}, {s.id: frozenset(s.documents) for s in store.stories()},
                {f.id: frozenset(f.claims) for f in store.figures()})

    ents, stories, figures = ids()
    for name, text in HARBOUR.items():
        (tmp_path / f"{name}.txt").write_text(text)
    result = api.analyze([str(tmp_path / f"{n}.txt") for n in HARBOUR], store, config=config)
    assert result.ok
    ents2, stories2, figures2 = ids()
    assert {k: v for k, v in stories2.items() if k in stories} == stories
    assert {k: v for k, v in figures2.items() if k in figures} == figures
    assert {k: v for k, v in ents2.items() if k in ents} == ents
    assert len(stories2) == len(stories) + 1  # the harbour fire is a story of its own
    # a demo article joins the dam story: the story keeps its id, as do the figures it feeds
    assert api.analyze([str(DEMO / "veldentoday-shelters-fill.txt")], store, config=config).ok
    ents3, stories3, figures3 = ids()
    (dam,) = [s for s, docs in stories.items() if "blaze-dam-of-death" in docs]
    assert stories3[dam] == stories[dam] | {"veldentoday-shelters-fill"}
    grown = [f for f, claims in figures3.items() if f in figures and claims > figures[f]]
    kept = [f for f in figures if figures3.get(f) == figures[f]]
    assert len(grown) + len(kept) == len(figures)  # every old figure is still there under its id
    assert all(v >= ents[k] for k, v in ents3.items() if k in ents)
    store.close()


def test_a_restored_story_keeps_its_streets() -> None:
    from claimgraph.model import Document
    from claimgraph.reconcile.incremental import RestoredStoryIndex, story_states
    from claimgraph.reconcile.stories import StoryIndex

    idx = StoryIndex(names={}, near_copies=False)
    idx.add(Document(id="a", text="Police closed Alder Street after the fire.", published="2025-03-01"), ["x"])
    (state,) = story_states(idx)
    assert state.streets == ("alder",)
    again = RestoredStoryIndex(next_id=2, word_df={}, n_words=1, names={}, near_copies=False)
    again.restore(state)
    assert again._by_id[state.id].streets == {"alder"}
