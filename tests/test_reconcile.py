"""Reconcile on hand-built model objects (no spaCy)."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

import pytest

from claimgraph.model import (
    Attribution,
    Claim,
    DateMention,
    Document,
    Entity,
    Extraction,
    Quantity,
    Source,
    TextSpan,
    TimeRef,
)
from claimgraph.reconcile import (
    Reading,
    StoryIndex,
    build_figures,
    figure_of,
    group_figures,
    judge,
    merge_entities,
    reconcile,
)
from claimgraph.reconcile._data import DATA_DIR

# builders -----------------------------------------------------------------------------------------


def doc(id: str, *, outlet: str | None = None, published: str | None = None, text: str = "",
        duplicate_of: str | None = None, title: str | None = None) -> Document:
    return Document(id=id, text=text or f"text of {id}", outlet=outlet, published=published,
                    duplicate_of=duplicate_of, title=title)


def ent(doc_id: str, n: int, name: str, type: str = "ORG", *, aliases: Sequence[str] = (), mentions: int = 1) -> Entity:
    return Entity(f"{doc_id}:e{n}", name, type, tuple(aliases),
                  tuple(TextSpan(doc_id, i * 10, i * 10 + 5) for i in range(mentions)))


def qty(value: float | None, low: float | None = None, high: float | None = None, *, qualifier: str = "exact",
        unit: str = "count", per: str | None = None, vague: bool = False, text: str = "") -> Quantity:
    return Quantity(0, 5, value, low, high, unit=unit, qualifier=qualifier, per=per, vague=vague,
                    text=text or str(value))


def claim(cid: str, doc_id: str, q: Quantity, *, measure: str | None, counted: str | None,
          subject: Sequence[str] = (), source: str | None = None, kind: str = "unnamed",
          via: Sequence[str] = (), place: str | None = None, time: str | None = None, start: int = 0) -> Claim:
    src = Source(source, kind) if source else None
    return Claim(cid, doc_id, start, start + 10, q, counted=counted, measure=measure, subject=tuple(subject),
                 place=place, time=TimeRef(time) if time else None, attribution=Attribution(src, tuple(via)))


NK = ("North Korea", "GPE")


def ext(doc_id: str, claims: Sequence[Claim] = (), entities: Sequence[tuple[str, str]] = (NK,),
        dates: Sequence[DateMention] = (), sentences: Sequence[tuple[int, int]] = ()) -> Extraction:
    ents = tuple(ent(doc_id, i, name, type) for i, (name, type) in enumerate(entities, start=1))
    return Extraction(doc_id, tuple(sentences), ents, tuple(claims), (), tuple(dates))


def run(docs: Sequence[Document], exts: Sequence[Extraction]):  # type: ignore[no-untyped-def]
    return reconcile(docs, exts)


def figure_with(result, claim_id: str):  # type: ignore[no-untyped-def]
    fid = result.claim_figure[claim_id]
    return next(f for f in result.figures if f.id == fid)


# figures and verdicts -----------------------------------------------------------------------------


def test_at_least_and_about_are_consistent() -> None:
    docs = [doc("a", outlet="Outlet A", published="2024-12-20"), doc("b", outlet="Outlet B", published="2024-12-21")]
    exts = [
        ext("a", [claim("a1", "a", qty(12000, 12000, None, qualifier="at_least"), measure="deployed",
                        counted="North Korean soldiers")]),
        ext("b", [claim("b1", "b", qty(15000, 13500, 16500, qualifier="approx"), measure="deployed",
                        counted="North Korean soldiers", source="South Korean intelligence", kind="intelligence")]),
    ]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert result.claim_figure["b1"] == fig.id
    assert fig.verdict == "consistent"
    assert (fig.low, fig.high) == (13500, 16500)
    assert fig.independent_origins == 2
    assert fig.first_reported == "2024-12-20" and fig.last_reported == "2024-12-21"
    assert "soldiers" in fig.label and "deployed" in fig.label


def test_killed_and_casualties_never_merge() -> None:
    docs = [doc("a", published="2024-12-20"), doc("b", published="2024-12-20")]
    exts = [
        ext("a", [claim("a1", "a", qty(100, 90, 110, qualifier="approx"), measure="killed",
                        counted="North Korean troops")]),
        ext("b", [claim("b1", "b", qty(5000, 5000, None, qualifier="at_least"), measure="casualties",
                        counted="casualties", subject=["b:e1"])]),
    ]
    result = run(docs, exts)
    assert result.claim_figure["a1"] != result.claim_figure["b1"]
    assert {f.verdict for f in result.figures} == {"single_source"}


def test_three_relays_of_one_wsj_figure_are_one_origin() -> None:
    docs = [doc("x", outlet="Breitbart", published="2024-12-23"), doc("y", outlet="Kyiv Independent",
                                                                         published="2024-12-23"),
            doc("z", outlet="Some Blog", published="2024-12-23")]
    money = dict(unit="USD", qualifier="up_to")
    exts = [
        ext("x", [claim("x1", "x", qty(5.5e9, 0, 5.5e9, **money), measure="paid",  # type: ignore[arg-type]
                        counted="payments for North Korean weapons", source="analysts", kind="expert",
                        via=["The Wall Street Journal"])],
            entities=[NK, ("The Wall Street Journal", "ORG")]),
        ext("y", [claim("y1", "y", qty(5.5e9, 0, 5.5e9, **money), measure="received",  # type: ignore[arg-type]
                        counted="received for arms", subject=["y:e1"], source="an analyst", kind="expert",
                        via=["WSJ"])],
            entities=[NK, ("WSJ", "ORG"), ("Wall Street Journal", "ORG")]),
        ext("z", [
            claim("z0", "z", qty(3, 3, 3, unit="ratio"), measure="grew", counted="railcars crossing the border",
                  source="The Wall Street Journal", kind="media"),
            claim("z1", "z", qty(5.5e9, 0, 5.5e9, **money), measure="earned",  # type: ignore[arg-type]
                  counted="revenue from arms deals with Russia", subject=["z:e1"], start=50),
        ], entities=[NK, ("The Wall Street Journal", "ORG"), ("WSJ", "ORG"), ("Russia", "GPE")]),
    ]
    result = run(docs, exts)
    fig = figure_with(result, "x1")
    assert result.claim_figure["y1"] == fig.id == result.claim_figure["z1"]
    assert fig.verdict == "agree"
    assert fig.independent_origins == 1
    assert fig.origins == ("The Wall Street Journal",)
    reports = result.origins[fig.id]
    assert len(reports) == 1 and reports[0].reported == "2024-12-23"


def test_syndicated_copy_counts_once() -> None:
    docs = [doc("a", outlet="Wire", published="2024-12-01"),
            doc("a2", outlet="Local Paper", published="2024-12-02", duplicate_of="a"),
            doc("b", outlet="Other Paper", published="2024-12-01")]
    c = dict(measure="supplied", counted="containers of ammunition", subject=["{d}:e1"])

    def mk(cid: str, d: str) -> Claim:
        return claim(cid, d, qty(20000, 18000, 22000, qualifier="approx"), measure=c["measure"],
                     counted=c["counted"], subject=[f"{d}:e1"])

    exts = [ext("a", [mk("a1", "a")]), ext("a2", [mk("a21", "a2")]), ext("b", [mk("b1", "b")])]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert set(fig.claims) == {"a1", "a21", "b1"}
    assert fig.verdict == "agree"
    assert fig.independent_origins == 2
    assert result.story_of["a2"] == result.story_of["a"]


def test_rising_death_toll_is_superseded() -> None:
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=f"2024-03-0{i}") for i in (1, 2, 3)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v, v - 0.5, v + 0.5), measure="killed",
                                counted="people", subject=[f"d{i}:e1"])],
                entities=[("Gaza", "GPE")])
            for i, v in ((1, 12), (2, 25), (3, 40))]
    result = run(docs, exts)
    fig = figure_with(result, "c1")
    assert len(fig.claims) == 3
    assert fig.verdict == "superseded"
    assert fig.low == pytest.approx(39.5) and fig.high == pytest.approx(40.5)


def test_troops_revised_a_week_later_is_superseded() -> None:
    docs = [doc("oct", published="2024-10-18"), doc("later", published="2024-10-25")]
    exts = [ext("oct", [claim("c1", "oct", qty(3000, 2700, 3300, qualifier="approx"), measure="deployed",
                              counted="North Korean troops", source="National Intelligence Service",
                              kind="intelligence")],
                entities=[NK, ("National Intelligence Service", "ORG")]),
            ext("later", [claim("c2", "later", qty(10000, 9000, 11000, qualifier="approx"), measure="deployed",
                                counted="North Korean troops", source="NIS", kind="intelligence")],
                entities=[NK, ("NIS", "ORG")])]
    result = run(docs, exts)
    fig = figure_with(result, "c1")
    assert result.claim_figure["c2"] == fig.id
    assert fig.verdict == "superseded"
    assert fig.independent_origins == 1  # NIS = National Intelligence Service


def test_same_day_disjoint_estimates_conflict() -> None:
    docs = [doc("a", outlet="A", published="2024-05-01"), doc("b", outlet="B", published="2024-05-01")]
    exts = [ext("a", [claim("a1", "a", qty(1000, 900, 1100, qualifier="approx"), measure="killed",
                            counted="Russian soldiers", source="Ukrainian officials", kind="government")],
                entities=[("Russia", "GPE"), ("Ukraine", "GPE")]),
            ext("b", [claim("b1", "b", qty(3000, 2700, 3300, qualifier="approx"), measure="killed",
                            counted="Russian soldiers", source="Kyiv officials", kind="government")],
                entities=[("Russia", "GPE"), ("Ukraine", "GPE")])]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert result.claim_figure["b1"] == fig.id
    assert fig.verdict == "conflict"
    assert (fig.low, fig.high) == (900, 3300)
    assert fig.independent_origins == 1  # "Ukrainian officials" and "Kyiv officials": one government


def test_two_missile_ranges_stay_apart() -> None:
    docs = [doc("m", published="2024-12-23")]
    exts = [ext("m", [
        claim("r1", "m", qty(1200, 1200, None, qualifier="more_than", unit="mile"), measure="range",
              counted="strike range", subject=["m:e1"]),
        claim("r2", "m", qty(430, 387, 473, qualifier="approx", unit="mile"), measure="range",
              counted="range", subject=["m:e2", "m:e1"], start=40),
    ], entities=[NK, ("Hwasong-11", "PRODUCT")])]
    result = run(docs, exts)
    assert result.claim_figure["r1"] != result.claim_figure["r2"]


def test_same_missile_range_in_km_and_miles_meets() -> None:
    docs = [doc("a", published="2024-01-01"), doc("b", published="2024-01-02")]
    exts = [ext("a", [claim("a1", "a", qty(700, 650, 750, qualifier="approx", unit="km"), measure="range",
                            counted="range", subject=["a:e1"])], entities=[("Hwasong-11", "PRODUCT")]),
            ext("b", [claim("b1", "b", qty(430, 400, 460, qualifier="approx", unit="miles"), measure="range",
                            counted="range", subject=["b:e1"])], entities=[("Hwasong-11", "PRODUCT")])]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert result.claim_figure["b1"] == fig.id
    assert fig.verdict in ("agree", "consistent")  # 430 miles = 692 km: near "about 700 km"
    assert fig.unit in ("km", "mile")


def test_place_scopes_stay_apart() -> None:
    docs = [doc("a", published="2024-12-01"), doc("b", published="2024-12-01")]
    exts = [ext("a", [claim("a1", "a", qty(11000, 11000, 11000), measure="deployed", counted="North Korean troops",
                            place="Kursk")], entities=[NK, ("Kursk", "GPE")]),
            ext("b", [claim("b1", "b", qty(11000, 11000, 11000), measure="deployed", counted="North Korean troops",
                            place="Russia")], entities=[NK, ("Russia", "GPE")])]
    result = run(docs, exts)
    assert result.claim_figure["a1"] != result.claim_figure["b1"]


def test_shares_of_different_things_stay_apart_and_percent_meets_ratio() -> None:
    docs = [doc("a", published="2024-12-23"), doc("b", published="2024-12-24")]
    exts = [ext("a", [
        claim("s1", "a", qty(60, 55, 65, qualifier="approx", unit="percent"), measure="share",
              counted="share of artillery and mortar shells Russia uses", subject=["a:e1"]),
        claim("s2", "a", qty(0.33, 0.3, 0.333, qualifier="nearly", unit="ratio"), measure="share",
              counted="share of Russia's missile strikes", subject=["a:e1"], start=30),
    ], entities=[NK, ("Russia", "GPE")]),
        ext("b", [claim("s3", "b", qty(0.6, 0.6, 0.6, unit="ratio"), measure="share",
                        counted="share of the shells fired by Russia", subject=["b:e1"])],
            entities=[NK, ("Russia", "GPE")])]
    result = run(docs, exts)
    assert result.claim_figure["s1"] != result.claim_figure["s2"]
    assert result.claim_figure["s1"] == result.claim_figure["s3"]
    fig = figure_with(result, "s1")
    assert fig.verdict == "agree"
    assert fig.unit in ("percent", "ratio")


def test_rates_currencies_and_heads_block_apart() -> None:
    docs = [doc("a", published="2024-12-23")]
    exts = [ext("a", [
        claim("p1", "a", qty(5.5e9, 0, 5.5e9, unit="USD", qualifier="up_to"), measure="paid",
              counted="payments for weapons", subject=["a:e1"]),
        claim("p2", "a", qty(572e6, 540e6, 600e6, unit="USD/year", qualifier="approx"), measure="paid",
              counted="payments for soldiers", subject=["a:e1"], start=20),
        claim("p3", "a", qty(5.5e9, 0, 5.5e9, unit="EUR", qualifier="up_to"), measure="paid",
              counted="payments", subject=["a:e1"], start=40),
        claim("c1", "a", qty(20000, 20000, 20000), measure="supplied", counted="containers", subject=["a:e1"],
              start=60),
        claim("c2", "a", qty(5e6, 5e6, None, qualifier="more_than"), measure="supplied",
              counted="artillery shells", subject=["a:e1"], start=80),
    ])]
    result = run(docs, exts)
    assert len({result.claim_figure[c] for c in ("p1", "p2", "p3", "c1", "c2")}) == 5
    rate = figure_with(result, "p2")
    assert rate.unit == "USD/year"


def test_vague_claim_joins_only_on_strong_evidence() -> None:
    docs = [doc("a", published="2024-11-01"), doc("b", published="2024-11-02")]
    exts = [ext("a", [claim("a1", "a", qty(12000, 12000, None, qualifier="at_least"), measure="deployed",
                            counted="North Korean troops")]),
            ext("b", [
                claim("b1", "b", qty(None, 1000, None, qualifier="approx", vague=True), measure="deployed",
                      counted="thousands of troops", subject=["b:e1"]),
                claim("b2", "b", qty(None, 1000, None, qualifier="approx", vague=True), measure=None,
                      counted="thousands of people", start=30),
            ])]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert set(fig.claims) == {"a1", "b1"}
    assert fig.verdict == "single_source"  # a vague number does not vote
    assert result.claim_figure["b2"] != fig.id


def test_subjectless_claims_need_the_same_counted_words() -> None:
    docs = [doc("a", published="2024-12-23"), doc("b", published="2024-12-23")]
    exts = [ext("a", [claim("a1", "a", qty(200, 180, 220, qualifier="approx"), measure="produced",
                            counted="munitions factories")], entities=()),
            ext("b", [claim("b1", "b", qty(200, 180, 220, qualifier="approx"), measure="produced",
                            counted="munitions factories")], entities=())]
    docs_apart = [doc("a", published="2024-12-23", text="alpha beta gamma delta epsilon"),
                  doc("b", published="2024-12-23", text="one two three four five six")]
    result = group_figures([c for e in exts for c in e.claims], {d.id: d for d in docs}, merge_entities(exts))
    assert len(result) == 1 and result[0].verdict == "agree"
    # in different stories they do not meet
    apart = build_figures([c for e in exts for c in e.claims], {d.id: d for d in docs_apart}, merge_entities(exts),
                          story_of={"a": "s1", "b": "s2"})
    assert len(apart.figures) == 2


def test_claims_of_one_document_can_form_a_figure() -> None:
    docs = [doc("a", published="2024-12-23")]
    exts = [ext("a", [claim("a1", "a", qty(100, 100, None, qualifier="at_least"), measure="killed",
                            counted="North Korean soldiers"),
                      claim("a2", "a", qty(100, 90, 110, qualifier="approx"), measure="killed",
                            counted="North Korean troops", start=40)])]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert set(fig.claims) == {"a1", "a2"} and fig.verdict == "agree"


def test_figures_are_deterministic_and_order_free() -> None:
    docs = [doc("a", published="2024-12-20"), doc("b", published="2024-12-21")]
    exts = [ext("a", [claim("a1", "a", qty(12000, 12000, None, qualifier="at_least"), measure="deployed",
                            counted="North Korean soldiers")]),
            ext("b", [claim("b1", "b", qty(15000, 13500, 16500, qualifier="approx"), measure="deployed",
                            counted="North Korean soldiers")])]
    one = run(docs, exts)
    two = run(list(reversed(docs)), list(reversed(exts)))
    assert {f.id for f in one.figures} == {f.id for f in two.figures}
    assert figure_of(one.figures) == dict(one.claim_figure)


# verdicts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("readings", "verdict"), [
    ([(100, 100, None), (100, 90, 110)], "agree"),  # "at least 100" / "around 100"
    ([(12400, 12350, 12450), (12000, 11000, 13000)], "agree"),  # equal once rounded to thousands
    ([(572e6, 571.5e6, 572.5e6), (575e6, 570e6, 580e6)], "agree"),  # within 1%
    ([(12000, 12000, None), (15000, 13500, 16500)], "consistent"),
    ([(10000, 9000, 11000), (10800, 10500, 11100)], "consistent"),  # not equal once rounded
    ([(10000, 9000, 11000), (12000, 10800, 13200)], "consistent"),
    ([(1000, 900, 1100), (3000, 2700, 3300)], "conflict"),
    ([(1000, 900, 1100)], "single_source"),
])
def test_judge(readings: list[tuple[float, float | None, float | None]], verdict: str) -> None:
    rs = [Reading(f"c{i}", lo, hi, p, "2024-01-01") for i, (p, lo, hi) in enumerate(readings)]
    assert judge(rs).verdict == verdict


def test_judge_undated_clash_is_conflict_not_superseded() -> None:
    rs = [Reading("a", 9, 11, 10, "2024-01-01"), Reading("b", 19, 21, 20, "2024-01-02"), Reading("c", 29, 31, 30)]
    assert judge(rs).verdict == "conflict"


# entities -----------------------------------------------------------------------------------------


def _index():  # type: ignore[no-untyped-def]
    exts = [
        Extraction("d1", entities=(
            ent("d1", 1, "The Wall Street Journal", "ORG"), ent("d1", 2, "Kim Jong Un", "PERSON", mentions=3),
            ent("d1", 3, "Vladimir Putin", "PERSON"), ent("d1", 4, "North Korean", "NORP"),
            ent("d1", 5, "U.S. Defense Secretary Lloyd Austin", "PERSON"), ent("d1", 6, "Kim Jong Il", "PERSON"),
        )),
        Extraction("d2", entities=(
            ent("d2", 1, "Wall Street Journal", "ORG"), ent("d2", 2, "WSJ", "ORG"),
            ent("d2", 3, "Kim Jong-un", "PERSON"), ent("d2", 4, "Joint Chiefs of Staff", "ORG"),
            ent("d2", 5, "JCS", "ORG"), ent("d2", 6, "Pyongyang", "GPE"), ent("d2", 7, "North Korea", "GPE"),
            ent("d2", 8, "Lloyd Austin", "PERSON"),
        )),
        Extraction("d3", entities=(
            ent("d3", 1, "Putin", "PERSON"), ent("d3", 2, "NIS", "ORG"), ent("d3", 3, "Russian", "NORP"),
            ent("d3", 4, "Moscow", "GPE"), ent("d3", 5, "Seoul", "GPE"), ent("d3", 6, "Kyiv", "GPE"),
            ent("d3", 7, "Ukrainian", "NORP"),
        )),
        Extraction("d4", entities=(
            ent("d4", 1, "National Intelligence Service", "ORG"), ent("d4", 2, "South Korea", "GPE"),
            ent("d4", 3, "Washington", "GPE"), ent("d4", 4, "Beijing", "GPE"),
        )),
    ]
    return merge_entities(exts)


def test_entity_aliases_merge() -> None:
    idx = _index()
    same = [
        ("d1:e1", "d2:e1", "d2:e2"),  # The Wall Street Journal / Wall Street Journal / WSJ
        ("d1:e2", "d2:e3"),  # Kim Jong Un / Kim Jong-un
        ("d1:e3", "d3:e1"),  # Vladimir Putin / Putin
        ("d2:e4", "d2:e5"),  # Joint Chiefs of Staff / JCS
        ("d3:e2", "d4:e1"),  # NIS / National Intelligence Service
        ("d1:e4", "d2:e6", "d2:e7"),  # North Korean / Pyongyang / North Korea
        ("d1:e5", "d2:e8"),  # titled Lloyd Austin / Lloyd Austin
        ("d3:e5", "d4:e2"),  # Seoul / South Korea
    ]
    for group in same:
        assert len({idx.canonical(x) for x in group}) == 1, group
    assert idx.canonical("d1:e2") != idx.canonical("d1:e6")  # Kim Jong Un is not Kim Jong Il
    assert idx.canonical("d1:e4") != idx.canonical("d4:e2")  # North Korea is not South Korea
    austin = idx.get(idx.canonical("d2:e8"))
    assert austin is not None and austin.name == "Lloyd Austin"
    assert "U.S. Defense Secretary Lloyd Austin" in austin.aliases
    nk = idx.get(idx.canonical("d2:e7"))
    assert nk is not None and nk.name == "North Korea" and nk.type == "GPE"
    assert {"North Korean", "Pyongyang"} <= set(nk.aliases)
    kim = idx.get(idx.canonical("d1:e2"))
    assert kim is not None and len(kim.mentions) == 4
    assert [e.id for e in idx.entities] == [f"e{i}" for i in range(1, len(idx.entities) + 1)]


def test_entity_lookup() -> None:
    idx = _index()
    wsj = idx.canonical("d2:e2")
    for name in ("WSJ", "the Wall Street Journal", "Wall Street Journal's", "wall street journal"):
        assert idx.lookup(name) == wsj
    assert idx.lookup("Putin") == idx.lookup("Russian President Vladimir Putin") == idx.canonical("d3:e1")
    assert idx.lookup("North Koreans") == idx.lookup("Pyongyang") == idx.canonical("d2:e7")
    assert idx.lookup("Kremlin") is None
    russia = idx.canonical("d3:e3")
    assert idx.lookup("Moscow") == idx.lookup("Russia") == russia
    assert idx.lookup("Kyiv") == idx.lookup("Ukraine") == idx.canonical("d3:e7")
    assert idx.lookup("Washington") == idx.lookup("United States") == idx.lookup("U.S.")
    assert idx.lookup("Beijing") == idx.lookup("China")


def test_ambiguous_surname_stays_apart() -> None:
    exts = [Extraction("d1", entities=(ent("d1", 1, "Kim Jong Un", "PERSON"), ent("d1", 2, "Kim Yo Jong", "PERSON"),
                                       ent("d1", 3, "Kim", "PERSON"))),
            Extraction("d2", entities=(ent("d2", 1, "Kim", "PERSON"), ent("d2", 2, "Kim Jong Un", "PERSON")))]
    idx = merge_entities(exts)
    assert idx.canonical("d1:e3") not in (idx.canonical("d1:e1"), idx.canonical("d1:e2"))
    assert idx.canonical("d2:e1") == idx.canonical("d1:e1")  # its own document settles it
    assert idx.canonical("d1:e1") != idx.canonical("d1:e2")


def test_fuzzy_spelling_variants_merge_but_person_and_place_do_not() -> None:
    exts = [Extraction("d1", entities=(ent("d1", 1, "Volodymyr Zelensky", "PERSON"),
                                       ent("d1", 2, "Georgia", "GPE"))),
            Extraction("d2", entities=(ent("d2", 1, "Volodymyr Zelenskyy", "PERSON"),
                                       ent("d2", 2, "Georgia", "PERSON")))]
    idx = merge_entities(exts)
    assert idx.canonical("d1:e1") == idx.canonical("d2:e1")
    assert idx.canonical("d1:e2") != idx.canonical("d2:e2")


def test_name_tables_cover_the_world() -> None:
    demonyms = json.loads((DATA_DIR / "demonyms.json").read_text(encoding="utf-8"))
    capitals = json.loads((DATA_DIR / "capitals.json").read_text(encoding="utf-8"))
    assert len(demonyms) >= 150 and len(capitals) >= 150
    assert set(capitals.values()) <= set(demonyms)


# origins, stories, timeline -----------------------------------------------------------------------


def test_named_source_through_two_outlets_is_one_origin() -> None:
    docs = [doc("a", outlet="A", published="2024-12-22"), doc("b", outlet="B", published="2024-12-23")]
    exts = [ext("a", [claim("a1", "a", qty(0.6, 0.55, 0.65, unit="ratio", qualifier="approx"), measure="share",
                            counted="share of shells", subject=["a:e1"], source="Andriy Kovalenko", kind="person",
                            via=["WSJ"])], entities=[NK, ("Andriy Kovalenko", "PERSON"), ("WSJ", "ORG")]),
            ext("b", [claim("b1", "b", qty(60, 60, 60, unit="percent"), measure="share", counted="share of shells",
                            subject=["b:e1"], source="Kovalenko", kind="person")],
                entities=[NK, ("Kovalenko", "PERSON")])]
    result = run(docs, exts)
    fig = figure_with(result, "a1")
    assert result.claim_figure["b1"] == fig.id
    assert fig.independent_origins == 1
    assert result.origins[fig.id][0].reported == "2024-12-22"


def test_story_index_is_incremental() -> None:
    idx = StoryIndex(names={"e1": "North Korea", "e2": "Russia"})
    body = "North Korea sent more shells to Russia this week, officials said on Monday in Seoul. " * 3
    s1 = idx.add(doc("a", text=body), ["e1", "e1", "e2", "e3"])
    s2 = idx.add(doc("b", text="A different write-up entirely about the same supply of arms."),
                 ["e1", "e2", "e2", "e3"])
    s3 = idx.add(doc("c", text="The football final ended in a draw after extra time and penalties."),
                 ["e9", "e8"])
    s4 = idx.add(doc("d", text=body + " Updated."), [])
    assert s1 == s2 == s4 != s3
    stories = idx.stories()
    assert [s.id for s in stories] == [s1, s3]
    assert stories[0].documents == ("a", "b", "d")
    assert stories[0].label.startswith("North Korea")


def test_timeline_keeps_event_and_report_apart() -> None:
    text = "The treaty was signed on June 19, 2024. At least 100 soldiers were killed."
    d = doc("a", outlet="Paper", published="2024-12-23", text=text)
    e = Extraction("a", sentences=((0, 39), (40, len(text))), entities=(ent("a", 1, "North Korea", "GPE"),),
                   claims=(claim("c1", "a", qty(100, 100, None, qualifier="at_least", text="At least 100"),
                                 measure="killed", counted="soldiers", subject=["a:e1"], start=40),),
                   dates=(DateMention("a", 25, 38, "2024-06-19", "June 19, 2024"),))
    result = run([d], [e])
    kinds = [(t.when, t.kind) for t in result.timeline]
    assert kinds == [("2024-06-19", "event"), ("2024-12-23", "report")]
    event, report = result.timeline
    assert event.label.startswith("The treaty was signed") and event.claim is None
    assert report.claim == "c1" and report.figure == result.claim_figure["c1"] and "(Paper)" in report.label


def test_time_as_of_year_keeps_periods_apart() -> None:
    docs = [doc("a", published="2024-12-01")]
    exts = [ext("a", [claim("y1", "a", qty(2e6, 2e6, 2e6), measure="produced", counted="artillery shells",
                            subject=["a:e1"], time="2023"),
                      claim("y2", "a", qty(3e6, 3e6, 3e6), measure="produced", counted="artillery shells",
                            subject=["a:e1"], time="2024", start=30)])]
    result = run(docs, exts)
    assert result.claim_figure["y1"] != result.claim_figure["y2"]


# one event told over three weeks -------------------------------------------------------------

QUAKE = ("Verrenland", "GPE")


def _days(*days: str) -> list[Document]:
    return [doc(f"d{i}", outlet=f"Outlet {i}", published=day) for i, day in enumerate(days)]


def test_a_toll_with_no_counted_head_revises_the_one_figure_of_its_story() -> None:
    docs = _days("2025-03-03", "2025-03-04", "2025-03-05")
    exts = [ext("d0", [claim("c0", "d0", qty(95, 95, None, qualifier="at_least"), measure="killed",
                             counted="people")], entities=[QUAKE]),
            ext("d1", [claim("c1", "d1", qty(310, 310, 310), measure="killed", counted="the death toll")],
                entities=[QUAKE]),
            ext("d2", [claim("c2", "d2", qty(580, 580, 580), measure="dead", counted=None)], entities=[QUAKE])]
    result = run(docs, exts)
    fig = figure_with(result, "c0")
    assert result.claim_figure["c1"] == result.claim_figure["c2"] == fig.id
    assert fig.verdict == "superseded" and (fig.low, fig.high) == (580, 580)


def test_a_number_without_a_measure_joins_only_a_figure_that_states_it() -> None:
    docs = _days("2025-03-10", "2025-03-14")
    exts = [ext("d0", [claim("h0", "d0", qty(18000, 18000, 18000), measure="count", counted="homes"),
                       claim("p0", "d0", qty(4e6, 4e6, 4e6), measure="count", counted="people", start=30)],
                entities=[QUAKE]),
            ext("d1", [claim("h1", "d1", qty(18000, 16200, 19800, qualifier="approx"), measure="destroyed",
                             counted="homes"),
                       claim("k1", "d1", qty(1130, 1130, 1130), measure="killed", counted="people", start=30),
                       claim("x1", "d1", qty(145000, 145000, 145000), measure="displaced", counted="people",
                             start=60),
                       claim("f1", "d1", qty(145000, 145000, 145000), measure="count", counted="the figure",
                             start=90)],
                entities=[QUAKE])]
    result = run(docs, exts)
    assert result.claim_figure["h0"] == result.claim_figure["h1"]  # "18,000 homes" / "18,000 homes destroyed"
    assert figure_with(result, "h0").measure == "damage"
    assert result.claim_figure["p0"] != result.claim_figure["k1"]  # a population is not a death toll
    assert result.claim_figure["f1"] == result.claim_figure["x1"]  # "puts the figure at 145,000"


def test_sums_with_no_counted_words_meet_only_by_value() -> None:
    docs = _days("2025-03-08", "2025-03-13", "2025-03-13")
    usd = dict(unit="USD")
    exts = [ext("d0", [claim("i0", "d0", qty(7.5e8, 7.5e8, 7.5e8, **usd), measure="losses",  # type: ignore[arg-type]
                             counted="insured losses")], entities=[QUAKE]),
            ext("d1", [claim("t1", "d1", qty(2.9e9, 2.9e9, 2.9e9, **usd), measure="amount",  # type: ignore[arg-type]
                             counted=None),
                       claim("e1", "d1", qty(2.9e9, 2.61e9, 3.19e9, qualifier="approx", **usd),  # type: ignore[arg-type]
                             measure="damage", counted="economic damage", start=30)], entities=[QUAKE]),
            ext("d2", [claim("t2", "d2", qty(7.5e8, 7.5e8, 7.5e8, **usd), measure="cost",  # type: ignore[arg-type]
                             counted=None)], entities=[QUAKE])]
    result = run(docs, exts)
    insured = figure_with(result, "i0")
    assert insured.measure == "damage"  # losses in money are a cost, not casualties
    assert result.claim_figure["t2"] == insured.id and insured.verdict == "agree"
    assert result.claim_figure["t1"] == result.claim_figure["e1"] != insured.id


def test_who_states_a_number_is_not_what_it_is_about() -> None:
    from claimgraph.reconcile._features import claim_features

    e = ext("d0", entities=[("Joint Aid Coordination Centre", "ORG"), QUAKE, ("Brandholm Re", "ORG")])
    index = merge_entities([e])
    jacc = claim("c0", "d0", qty(145000, 145000, 145000), measure="count", counted="the figure",
                 subject=["d0:e1", "d0:e2"], source="Joint Aid Coordination Centre", kind="organisation")
    assert {index.name(g) for g in claim_features(jacc, index).sig} == {"Verrenland"}
    relayed = claim("c1", "d0", qty(7.5e8, 7.5e8, 7.5e8, unit="USD"), measure="damage", counted=None,
                    subject=["d0:e3"], source="reinsurer Brandholm Re", kind="organisation")
    assert claim_features(relayed, index).sig == frozenset()
    country = claim("c2", "d0", qty(5, 5, 5), measure="killed", counted="people", subject=["d0:e2"],
                    source="Verrenland", kind="government")
    assert {index.name(g) for g in claim_features(country, index).sig} == {"Verrenland"}  # a place may be both


def test_counted_vocabulary() -> None:
    from claimgraph.reconcile._features import measure_class, parse_counted

    assert measure_class("losses") == "casualties" and measure_class("losses", money=True) == "damage"
    assert parse_counted("lives").head == "people"
    assert parse_counted("earthquake").head == parse_counted("quake").head != parse_counted("aftershock").head
    assert parse_counted("Insured losses from the quake").lead == "insured"
    assert parse_counted("North Korean soldiers").lead is None


def test_an_exact_round_number_carries_its_rounding() -> None:
    day = "2025-03-05"
    same = judge([Reading("a", 1200, 1200, 1200, day), Reading("b", 1204, 1204, 1204, day)])
    assert (same.verdict, same.low, same.high) == ("agree", 1204, 1204)
    assert judge([Reading("a", 1204, 1204, 1204, day), Reading("b", 1205, 1205, 1205, day)]).verdict == "conflict"
    later = judge([Reading("a", 3100, 3100, 3100, "2025-03-04"), Reading("b", 6820, 6820, 6820, "2025-03-21")])
    assert (later.verdict, later.low, later.high) == ("superseded", 6820, 6820)  # not widened for display


def test_the_date_of_the_event_is_not_the_as_of_time_of_its_toll() -> None:
    # both reports say "killed in the March 3 earthquake": the date dates the quake, not the count
    docs = _days("2025-03-05", "2025-03-21")
    exts = [ext("d0", [claim("c0", "d0", qty(1204, 1204, 1204), measure="killed", counted="people",
                             time="2025-03-03")], entities=[QUAKE]),
            ext("d1", [claim("c1", "d1", qty(2981, 2981, 2981), measure="killed", counted="people",
                             time="2025-03-03")], entities=[QUAKE])]
    fig = figure_with(run(docs, exts), "c0")
    assert fig.verdict == "superseded" and (fig.low, fig.high) == (2981, 2981)
    # "up from 212 on Monday evening" in Tuesday's paper is older than that paper's 640
    docs = _days("2025-03-03", "2025-03-04")
    exts = [ext("d0", [claim("c0", "d0", qty(212, 212, 212), measure="killed", counted="people")], entities=[QUAKE]),
            ext("d1", [claim("c1", "d1", qty(640, 640, 640), measure="killed", counted="people"),
                       claim("c2", "d1", qty(212, 212, 212), measure="killed", counted="people",
                             time="2025-03-03", start=40)], entities=[QUAKE])]
    fig = figure_with(run(docs, exts), "c0")
    assert fig.verdict == "superseded" and (fig.low, fig.high) == (640, 640)
    # one day's reports of one stated time that disagree still conflict
    docs = _days("2025-03-07", "2025-03-07")
    exts = [ext("d0", [claim("c0", "d0", qty(180000, 180000, 180000), measure="displaced", counted="people",
                             source="Civil Protection Directorate", kind="government", time="2025-03-06")],
                entities=[QUAKE]),
            ext("d1", [claim("c1", "d1", qty(310000, 310000, 310000), measure="displaced", counted="people",
                             source="IRCO", kind="organisation", time="2025-03-06")], entities=[QUAKE])]
    assert figure_with(run(docs, exts), "c0").verdict == "conflict"


def test_a_headline_restating_a_named_source_adds_no_origin() -> None:
    docs = [doc("a", outlet="Courier", published="2025-10-15"), doc("b", outlet="Wire", published="2025-10-16")]
    council = dict(source="Velden Relief Council", kind="organisation")
    exts = [ext("a", [claim("a0", "a", qty(15000, 15000, 15000), measure="displaced", counted="Displaced count"),
                      claim("a1", "a", qty(15000, 15000, None, qualifier="more_than"), measure="displaced",
                            counted="people", start=40, **council)],  # type: ignore[arg-type]
                entities=[QUAKE]),
            ext("b", [claim("b1", "b", qty(15000, 15000, None, qualifier="more_than"), measure="displaced",
                            counted="people", **council)], entities=[QUAKE])]  # type: ignore[arg-type]
    fig = figure_with(run(docs, exts), "a0")
    assert set(fig.claims) == {"a0", "a1", "b1"}
    assert fig.independent_origins == 1 and fig.origins == ("Velden Relief Council",)


def test_short_articles_of_one_event_share_a_story() -> None:
    # each article has more words of its own than the 40 heaviest kept to find candidates, and
    # its own words weigh most; the words they share ("earthquake", the province) must still
    # count in the text cosine
    shared = "earthquake ostrel province dravik rubble rescuers aftershock toll "
    idx = StoryIndex(names={})
    others = {idx.add(doc(f"o{j}", text=" ".join(f"other{j}w{i}" for i in range(50))), [f"o{j}a", f"o{j}b"])
              for j in range(4)}
    ids = {idx.add(doc(f"d{n}", text=shared + " ".join(f"word{n}x{i}" for i in range(60))),
                   ["k", f"p{n}", f"q{n}", f"r{n}"]) for n in range(3)}
    assert len(ids) == 1 and not ids & others


def test_a_small_story_folds_into_the_best_story_no_smaller_than_itself() -> None:
    # consolidation used to take the closest story and give up when it was the smaller one;
    # it now asks for the closest among those at least as large
    idx = StoryIndex(names={}, near_copies=False)
    large = {idx.add(doc(f"l{n}", text=f"dam flood valley towns river {n}"), ["dam", "valley", "towns"])
             for n in range(3)}
    close = idx.add(doc("c", text="relief appeal donors pledge money"), ["appeal", "donors", "pledge"])
    assert len(large) == 1 and close not in large
    counts = Counter(["appeal", "appeal", "donors", "pledge", "dam", "valley"])
    top = ["appeal", "donors", "pledge", "dam", "valley"]
    words = Counter("relief appeal donors dam flood".split())
    assert idx._best_story(counts, top, words).id == close  # type: ignore[union-attr]
    assert idx._best_story(counts, top, words, min_docs=2).id in large  # type: ignore[union-attr]


_SCENES = {"store": "a gunman opened fire outside a corner store on Alder Street and fled in a grey sedan",
           "park": "shots rang out near the skate park by Fenwick Lake after an argument over a parked truck",
           "bar": "a fight inside the Copper Kettle tavern spilled into the car park before gunfire erupted"}


def _other_towns(idx: StoryIndex) -> None:
    for n, town in enumerate(["Ashcombe", "Brindle", "Corwen", "Dalby", "Elston", "Fairlee"]):
        text = (f"Police in {town} said officers found a victim when they arrived at a house fire on "
                f"Route {n + 3}; the council will meet on the budget and the school roof{n}.")
        idx.add(doc(f"t{n}", published="2025-03-05", text=text), [town, town, f"{town}-police"])


def _city_shooting(idx: StoryIndex, id: str, day: str, people: list[str], scene: str, extra: str = "") -> str:
    text = f"Police in Dunmore said {_SCENES[scene]}. Officers found the victims when they arrived. {extra}"
    places = {"store": ["alder-st", "alder-st", "corner-store"], "park": ["fenwick-lake", "skate-park", "skate-park"],
              "bar": ["copper-kettle", "copper-kettle", "mill-road"]}[scene]
    return idx.add(doc(id, published=day, text=text), ["dunmore", "dunmore-police"] + places + people)


def test_the_same_kind_of_event_in_one_city_weeks_apart_is_another_story() -> None:
    kinds = {"ana": "PERSON", "ben": "PERSON", "cal": "PERSON"}
    idx = StoryIndex(names={}, near_copies=False, kinds=kinds)
    _other_towns(idx)
    first = _city_shooting(idx, "a", "2025-03-01", ["ana", "ana"], "store")
    assert _city_shooting(idx, "b", "2025-03-02", [], "store") == first  # the next day: the same shooting
    assert _city_shooting(idx, "c", "2025-03-29", ["ben", "ben"], "park") != first  # four weeks on, other people


def test_a_follow_up_weeks_later_joins_its_story_by_the_people_it_names() -> None:
    kinds = {"ana": "PERSON", "ben": "PERSON", "cal": "PERSON"}
    idx = StoryIndex(names={}, near_copies=False, kinds=kinds)
    _other_towns(idx)
    first = _city_shooting(idx, "a", "2025-03-01", ["ana", "ana", "cal"], "store")
    other = _city_shooting(idx, "x", "2025-03-12", ["ben", "ben"], "park")
    assert other != first
    later = _city_shooting(idx, "b", "2025-04-02", ["ana", "ana"], "bar", "A man was charged in the killing.")
    assert later == first


def test_speeds_of_unnamed_things_in_two_articles_are_no_conflict() -> None:
    docs = [doc("a", outlet="Wheels"), doc("b", outlet="Motoring")]
    exts = [ext("a", [claim("a1", "a", qty(109, 109, 109, unit="mph"), measure="speed", counted="top speed")]),
            ext("b", [claim("b1", "b", qty(124, 124, 124, unit="mph"), measure="speed", counted="top speed")])]
    result = run(docs, exts)
    assert not [f for f in result.figures if f.verdict == "conflict"]
    assert result.claim_figure["a1"] != result.claim_figure["b1"]
    # ... while counts of one thing unnamed still conflict
    exts = [ext("a", [claim("a1", "a", qty(612, 612, 612), measure="aboard", counted="passengers")]),
            ext("b", [claim("b1", "b", qty(550, 550, 550), measure="aboard", counted="passengers")])]
    assert figure_with(run(docs, exts), "a1").verdict == "conflict"


def test_a_share_without_a_counted_noun_needs_a_number_to_join_on_a_shared_subject() -> None:
    docs = [doc("a", outlet="Poll Desk"), doc("b", outlet="Markets Daily")]
    exts = [ext("a", [claim("a1", "a", qty(70, 70, 70, unit="percent"), measure="share", counted=None,
                            subject=["a:e1"])], entities=[("Freedonia", "GPE")]),
            ext("b", [claim("b1", "b", qty(2.8, 2.8, 2.8, unit="percent"), measure="share", counted="discount",
                            subject=["b:e1"])], entities=[("Freedonia", "GPE")])]
    result = run(docs, exts)
    assert result.claim_figure["a1"] != result.claim_figure["b1"]


def test_a_roundup_of_several_events_joins_a_story_but_does_not_bridge_to_another() -> None:
    def run(roundups: frozenset[str]) -> tuple[str, str, str]:
        idx = StoryIndex(names={}, near_copies=False, roundups=roundups)
        _other_towns(idx)
        a = idx.add(doc("a", published="2025-03-01", text=f"Police in Dunmore said {_SCENES['store']}."),
                    ["dunmore", "alder-st", "alder-st", "corner-store"])
        r = idx.add(doc("r", published="2025-03-02", text=f"A violent weekend in Dunmore: {_SCENES['store']}, and "
                        f"{_SCENES['park']}."),
                    ["dunmore", "dunmore", "alder-st", "corner-store", "fenwick-lake", "skate-park"])
        b = idx.add(doc("b", published="2025-03-02", text=f"{_SCENES['park'].capitalize()}, a witness said."),
                    ["fenwick-lake", "skate-park", "skate-park"])
        return a, r, b
    a, r, b = run(frozenset())
    assert a == r == b  # the roundup glued the park shooting to the store shooting
    a, r, b = run(frozenset({"r"}))
    assert a == r != b


def test_a_name_with_its_acronym_in_brackets_is_the_name_and_the_acronym() -> None:
    exts = [ext("d0", entities=[("The Coastal Rescue Authority (CRA", "ORG"),  # a recogniser cut the ")"
                                ("Ministry of Defence (Britain)", "ORG")]),
            ext("d1", entities=[("Coastal Rescue Authority", "ORG"), ("CRA", "ORG")])]
    index = merge_entities(exts)
    gid = index.lookup("Coastal Rescue Authority")
    assert gid and index.lookup("CRA") == gid and index.resolve("d0:e1") == gid
    assert "(" not in index.name(gid)
    assert index.lookup("Britain") is None  # not an acronym of the name: left as it was


# tolls, settings, local currencies ------------------------------------------------------------------


def test_a_storys_toll_is_one_figure_however_worded() -> None:
    """"9 dead", "the death toll rose to 64", "81 people" and "the Morwen Queen death toll
    reaches 160" count the same people; the ship is named in every document (the setting)."""
    worded = [(9, None, []), (64, "death toll", []), (81, "people", []), (160, "Morwen Queen death toll", ["d4:e2"])]
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=f"2025-06-1{i}") for i in range(1, 5)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v), measure="killed", counted=counted, subject=subject)],
                entities=[("Castravia", "GPE"), ("Morwen Queen", "ORG")])
            for i, (v, counted, subject) in enumerate(worded, start=1)]
    result = run(docs, exts)
    fig = figure_with(result, "c1")
    assert set(fig.claims) == {"c1", "c2", "c3", "c4"}
    assert fig.verdict == "superseded"


def test_a_named_subtoll_stays_apart_from_the_toll() -> None:
    """"22 Pellow residents died" names a town only some documents mention: not the toll."""
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=f"2025-06-1{i}") for i in range(1, 5)]
    exts = [ext("d1", [claim("c1", "d1", qty(64), measure="killed", counted="people")], entities=[("Castravia", "GPE")]),
            ext("d2", [claim("c2", "d2", qty(81), measure="killed", counted="people")], entities=[("Castravia", "GPE")]),
            ext("d3", [claim("c3", "d3", qty(22), measure="killed", counted="Pellow residents", subject=["d3:e2"])],
                entities=[("Castravia", "GPE"), ("Pellow", "GPE")]),
            ext("d4", [claim("c4", "d4", qty(117), measure="killed", counted="people")], entities=[("Castravia", "GPE")])]
    result = run(docs, exts)
    assert result.claim_figure["c3"] != result.claim_figure["c1"]
    assert result.claim_figure["c1"] == result.claim_figure["c2"] == result.claim_figure["c4"]


def test_unmeasured_claims_join_only_on_equal_values() -> None:
    """"480 passengers" (the manifest) and "420 passengers" (the certificate) say no measure."""
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published="2025-02-02") for i in (1, 2, 3)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v), measure="count", counted="passengers")], entities=[])
            for i, v in ((1, 480), (2, 420), (3, 480))]
    result = run(docs, exts)
    assert result.claim_figure["c1"] == result.claim_figure["c3"] != result.claim_figure["c2"]


def test_a_currency_word_given_a_code_elsewhere_is_money() -> None:
    """"1.2 million tavens" (a cap) and "1.8 million tavens" (a payment) in texts that never gave
    the taven's dollar value are sums of money, not counts of "tavens" to be grouped by word."""
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published="2025-03-09") for i in (1, 2, 3)]
    exts = [ext("d1", [claim("c1", "d1", qty(2.4e9, unit="TAV", text="2.4 billion tavens"), measure="paid",
                             counted=None)], entities=[]),
            ext("d2", [claim("c2", "d2", qty(1.2e6, text="1.2 million tavens"), measure="paid", counted="tavens")],
                entities=[]),
            ext("d3", [claim("c3", "d3", qty(1.8e6, text="1.8 million tavens"), measure="paid", counted="tavens")],
                entities=[])]
    result = run(docs, exts)
    assert result.claim_figure["c2"] != result.claim_figure["c3"]
    fig = figure_with(result, "c2")
    assert fig.unit == "TAV"


def test_vessel_prefix_corporate_suffix_and_ministry_order_merge() -> None:
    exts = [ext("d1", entities=[("MV Morwen Queen", "ORG"), ("Trennick Lines", "ORG"), ("Ministry of Public Works", "ORG")]),
            ext("d2", entities=[("Morwen Queen", "ORG"), ("Trennick", "ORG"), ("Public Works Ministry", "ORG"),
                                ("Rear Admiral Ilmar Saks", "ORG"), ("Saks", "ORG")]),
            ext("d3", entities=[("Ilmar Saks", "PERSON")])]
    idx = merge_entities(exts)
    assert idx.canonical("d1:e1") == idx.canonical("d2:e1")
    assert idx.canonical("d1:e2") == idx.canonical("d2:e2")
    assert idx.canonical("d1:e3") == idx.canonical("d2:e3")
    assert idx.canonical("d2:e4") == idx.canonical("d2:e5") == idx.canonical("d3:e1")


def test_industry_suffixes_and_executive_titles_merge() -> None:
    exts = [ext("d1", entities=[("Vennick Textiles", "ORG"), ("Chief Executive Ottilie Brask", "PERSON")]),
            ext("d2", entities=[("Vennick", "ORG"), ("Ottilie Brask", "PERSON")])]
    idx = merge_entities(exts)
    assert idx.canonical("d1:e1") == idx.canonical("d2:e1")
    assert idx.canonical("d1:e2") == idx.canonical("d2:e2")


def test_a_part_of_the_dead_is_not_the_toll() -> None:
    """"23 of the dead were children" counts part of the toll, not the toll."""
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published="2025-02-12") for i in (1, 2)]
    exts = [ext("d1", [claim("c1", "d1", qty(160), measure="killed", counted="people")], entities=[]),
            ext("d2", [claim("c2", "d2", qty(160), measure="killed", counted="people"),
                       claim("c3", "d2", qty(23, 23, None, qualifier="at_least"), measure="killed",
                             counted="of dead", start=40)], entities=[])]
    result = run(docs, exts)
    assert result.claim_figure["c1"] == result.claim_figure["c2"] != result.claim_figure["c3"]
    assert figure_with(result, "c1").verdict == "agree"


def test_lengths_meet_on_value_whatever_they_are_said_to_measure() -> None:
    """"37 metres", "a depth of 37 metres" and "37 metres of water" in one story."""
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published="2025-02-08") for i in (1, 2, 3)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(37, unit="m"), measure="amount", counted=counted)], entities=[])
            for i, counted in ((1, None), (2, "depth"), (3, "water"))]
    result = run(docs, exts)
    assert len({result.claim_figure[f"c{i}"] for i in (1, 2, 3)}) == 1


def test_jobs_cut_is_one_revised_figure_and_supplier_jobs_another() -> None:
    """"cut 650 jobs", "lay off 650 workers", "up to 1,400 jobs could go", "1,250 job cuts":
    one running count; "4,000 supplier jobs" lost is a different one."""
    rows = [(650, "cut", "jobs", "2025-03-17"), (650, "laid_off", "workers", "2025-03-17"),
            (1400, "cut", "jobs", "2025-04-02"), (1250, "change", "job cuts", "2025-05-20"),
            (4000, "lost", "supplier jobs", "2025-04-02")]
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=day) for i, (_, _, _, day) in enumerate(rows)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v), measure=m, counted=counted)], entities=[])
            for i, (v, m, counted, _) in enumerate(rows)]
    result = run(docs, exts)
    assert len({result.claim_figure[f"c{i}"] for i in range(4)}) == 1
    assert result.claim_figure["c4"] != result.claim_figure["c0"]
    assert figure_with(result, "c0").verdict == "superseded"


def test_a_rate_of_one_month_is_not_the_next_months() -> None:
    """"Inflation rose to 5.9% in May" and "6.3% in June" are two figures; a mention with
    no month fits either."""
    rows = [(5.9, "2025-05", "2025-06-11"), (6.3, "2025-06", "2025-07-10"), (5.9, "2025-05", "2025-06-12")]
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=day) for i, (_, _, day) in enumerate(rows)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v, unit="percent"), measure="inflation",
                                counted="annual inflation", time=month)], entities=[])
            for i, (v, month, _) in enumerate(rows)]
    result = run(docs, exts)
    assert result.claim_figure["c0"] == result.claim_figure["c2"] != result.claim_figure["c1"]


def test_a_demonym_joins_its_country_where_the_recogniser_types_it() -> None:
    """"Castravian" (NORP) is of Castravia, a country the name tables do not know."""
    idx = merge_entities([ext("d1", entities=[("Castravia", "GPE")]), ext("d2", entities=[("Castravian", "NORP")])])
    assert idx.canonical("d1:e1") == idx.canonical("d2:e1")



@pytest.mark.parametrize("names", [
    [("Lloyd Austin", "PERSON"), ("Austin", "GPE")],
    [("Singapore Airlines", "ORG"), ("Singapore", "GPE")],
    [("Tim Cook", "PERSON"), ("Cook", "GPE")],
])
def test_a_person_or_a_company_never_takes_a_place(names: list[tuple[str, str]]) -> None:
    idx = merge_entities([ext("d1", entities=names)])
    assert idx.canonical("d1:e1") != idx.canonical("d1:e2")


def test_a_titled_company_is_no_person() -> None:
    idx = merge_entities([ext("d1", entities=[("General Motors Co", "ORG")]),
                          ext("d2", entities=[("General Motors", "ORG")])])
    assert idx.canonical("d1:e1") == idx.canonical("d2:e1")


def test_jobs_gained_are_not_jobs_cut() -> None:
    from claimgraph.reconcile._features import claim_features

    idx = merge_entities([])
    gained = claim("c1", "d1", Quantity(0, 5, 150000, 150000, 150000, change="up", text="150,000"),
                   measure="change", counted="jobs")
    assert claim_features(gained, idx).measure != "jobs_cut"



def test_two_countries_named_throughout_keep_their_tolls_apart() -> None:
    """A quake in Turkey and Syria: both are named in every report, so neither is "the setting"."""
    rows = [("Turkey", 12391, "2023-02-09"), ("Syria", 2992, "2023-02-09"), ("Turkey", 14014, "2023-02-10"),
            ("Syria", 3162, "2023-02-10")]
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=day) for i, (_, _, day) in enumerate(rows)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v), measure="killed", counted="people",
                                subject=[f"d{i}:e{1 if country == 'Turkey' else 2}"])],
                entities=[("Turkey", "GPE"), ("Syria", "GPE")])
            for i, (country, v, _) in enumerate(rows)]
    result = run(docs, exts)
    assert result.claim_figure["c0"] == result.claim_figure["c2"] != result.claim_figure["c1"]
    assert result.claim_figure["c1"] == result.claim_figure["c3"]


def test_job_cuts_of_two_employers_stay_apart() -> None:
    rows = [("Volkswagen", 4000), ("Continental", 7150), ("Volkswagen", 5000)]
    docs = [doc(f"d{i}", outlet=f"Outlet {i}", published=f"2024-09-1{i}") for i in range(3)]
    exts = [ext(f"d{i}", [claim(f"c{i}", f"d{i}", qty(v), measure="cut", counted="jobs", source=who, kind="company")],
                entities=[(who, "ORG")])
            for i, (who, v) in enumerate(rows)]
    result = run(docs, exts)
    assert result.claim_figure["c0"] == result.claim_figure["c2"] != result.claim_figure["c1"]


def test_companies_with_one_name_and_different_trades_stay_apart() -> None:
    """"Tata Steel" and "Tata Motors" are two companies; a lone "Tata" fits both and joins neither,
    while "Vennick" beside the one Vennick company joins it."""
    exts = [ext("d1", entities=[("Tata Steel", "ORG"), ("Tata Motors", "ORG"), ("Tata", "ORG")]),
            ext("d2", entities=[("Tata Steel", "ORG"), ("Vennick Shipping", "ORG")]),
            ext("d3", entities=[("Vennick", "ORG"), ("Tata Motors Ltd", "ORG")])]
    idx = merge_entities(exts)
    steel, motors, lone = (idx.canonical(f"d1:e{k}") for k in (1, 2, 3))
    assert len({steel, motors, lone}) == 3
    assert idx.canonical("d2:e1") == steel
    assert idx.canonical("d3:e2") == motors
    assert idx.canonical("d3:e1") == idx.canonical("d2:e2")


def test_fuzzy_names_merge_in_a_block_of_any_size() -> None:
    """A misspelt name finds its match even among thousands of names that share its block
    (there used to be a cliff at 5,000 names per block)."""
    import random

    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    crowd = {"Marlo " + "".join(rng.choice(letters) for _ in range(7)).capitalize() for _ in range(5200)}
    names = sorted(crowd - {"Marlo Quintavelle", "Marlo Quintavele"})
    exts = [ext("d1", entities=[(n, "ORG") for n in names] + [("Marlo Quintavelle", "ORG")]),
            ext("d2", entities=[("Marlo Quintavele", "ORG")])]
    idx = merge_entities(exts)
    assert idx.canonical(f"d1:e{len(names) + 1}") == idx.canonical("d2:e1")
    assert len(idx) > len(names) * 0.99  # the crowd itself stays (almost all) apart


def test_values_that_agree_lie_within_a_tenth() -> None:
    """figures._agrees_with_member reads in full only members within a tenth (+1) of the claim's
    value; that is sound only while no agreeing pair lies further apart."""
    import random

    from claimgraph.reconcile.verdicts import Reading, agrees

    rng = random.Random(3)

    def reading(p: float) -> Reading:
        shape = rng.random()
        if shape < 0.5:
            return Reading("", p, p, p)
        if shape < 0.7:
            return Reading("", p, None, p)
        if shape < 0.85:
            return Reading("", 0.0, p, p)
        return Reading("", p * 0.9, p * 1.1, p)

    found = 0
    for _ in range(20000):
        p = float(rng.randint(0, 99) * 10 ** rng.randint(0, 8)) / rng.choice([1, 10, 100])
        q = round(p * (1 + rng.uniform(-0.2, 0.2)), rng.randint(-3, 1))
        a, b = reading(p), reading(q)
        if agrees(a, b):
            found += 1
            assert abs(p - q) <= max(abs(p), abs(q)) / 10 + 1, (a, b)
    assert found > 1000


def test_streets_are_keyed_by_the_last_word_of_their_name() -> None:
    from claimgraph.reconcile._text import streets

    text = ("Officers were called to the 1400 block of North Alder Street late Friday. A second car stopped on "
            "Alder St. near 12th Avenue. The case goes to the District Court; press Close to dismiss.")
    assert streets(doc("s", text=text)) == {"alder", "12th"}
    assert streets(doc("t", text="No street is named here at all.")) == frozenset()


def _street_shooting(idx: StoryIndex, id: str, day: str, street: str) -> str:
    text = (f"Police in Dunmore said a gunman opened fire outside a corner store on {street} and fled in a "
            "grey sedan. Officers found the victims when they arrived. The store owner said it was the "
            "second robbery attempt this winter.")
    return idx.add(doc(id, published=day, text=text), ["dunmore", "dunmore-police", "corner-store"])


def test_a_week_apart_another_street_is_another_event() -> None:
    def stories(second_street: str) -> tuple[str, str]:
        idx = StoryIndex(names={}, near_copies=False)
        _other_towns(idx)
        return (_street_shooting(idx, "a", "2025-03-01", "Alder Street"),
                _street_shooting(idx, "b", "2025-03-15", second_street))
    a, b = stories("Alder Street")
    assert a == b  # two weeks on, the same words on the same street: a follow-up
    a, b = stories("Birch Avenue")
    assert a != b


def test_claims_of_documents_on_different_streets_never_share_a_figure() -> None:
    texts = {"a": "A man was killed on Alder Street.", "b": "One person died in a shooting on Alder St.",
             "c": "A man was killed on Birch Avenue.", "d": "Police said one man was killed."}
    docs = [doc(d, published="2025-03-01", text=t) for d, t in texts.items()]
    exts = [ext(d, [claim(f"{d}1", d, qty(1, 1, 1), measure="killed", counted="man")]) for d in texts]
    result = build_figures([c for e in exts for c in e.claims], {d.id: d for d in docs}, merge_entities(exts),
                           story_of=dict.fromkeys(texts, "s1"))
    fig = result.claim_figure
    assert fig["a1"] == fig["b1"] == fig["d1"] != fig["c1"]  # the street-less one goes with the larger place
    one_place = build_figures([c for e in exts for c in e.claims if c.doc != "c"], {d.id: d for d in docs},
                              merge_entities(exts), story_of=dict.fromkeys(texts, "s1"))
    assert len(set(one_place.claim_figure.values())) == 1
