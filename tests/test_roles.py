"""Number roles, counts stated without a numeral, and sentences that must not break a document.

Every sentence here was written for these tests."""
from __future__ import annotations

import random

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.model import Document, Extraction

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str) -> Extraction:
    doc = Document(id="t", text=text, body=((0, len(text)),), published="2025-03-02")
    return next(iter(extractor([doc])))


def values(e: Extraction, measure: str | None = None) -> list[float | None]:
    return [c.quantity.value for c in e.claims if measure is None or c.measure == measure]


@pytest.mark.parametrize(("text", "not_claims"), [
    ("Marta Quill, 41, and Dov Ashe, 29, were killed in the crash on Route 9.", {41, 29, 9}),
    ("Three women, ages 52, 47 and 19, were hurt in the fire.", {52, 47, 19}),
    ("Officers found the body at 4410 North Larch Avenue on Tuesday.", {4410}),
    ("Two people were shot in the 2900 block of Fenwick Road overnight.", {2900}),
    ("The robbery was first reported by Eyewitness News 8 and later by WKRG-TV 5.", {8, 5}),
    ("Photo 3 of 14: firefighters at the scene.", {3, 14}),
    ("Call the tip line at 555-0142 or quote case number 2025004417.", {555, 2025004417}),
    ("The fire started at 3:40 a.m. and was out by 6 p.m.", {6}),
    ("The driver was struck four times by the falling beams.", {4}),
    ("A boy, 12, was rescued from the river.", {12}),
    ("The tanker overturned on Loop 410 and blocked U.S. 87 for hours.", {410, 87}),
    ("Two lanes of FM 2920 and the Beltway 8 ramp were closed.", {2920, 8}),
])
def test_numbers_that_count_nothing(extractor: Extractor, text: str, not_claims: set[float]) -> None:
    got = set(values(run(extractor, text)))
    assert not got & not_claims, f"{text!r}: {got}"


def test_criminal_counts_are_charges_not_deaths(extractor: Extractor) -> None:
    e = run(extractor, "Pell was charged with three counts of murder and two counts of arson.")
    assert {c.measure for c in e.claims if c.quantity.value in (3, 2)} == {"charged"}


def test_a_real_count_beside_an_age_is_kept(extractor: Extractor) -> None:
    e = run(extractor, "Four people were injured, including Ona Perl, 63, police said.")
    assert values(e, "wounded") == [4]


@pytest.mark.parametrize(("text", "measure"), [
    ("A 19-year-old woman died after the crash on Quarry Lane.", "killed"),
    ("A man was killed when his truck left the road.", "killed"),
    ("The victim was pronounced dead at the scene.", "killed"),
    ("Police found a man dead in the burned house.", "killed"),
    ("A cyclist was fatally struck by a bus on Monday.", "killed"),
    ("A teenager was shot and wounded outside the store.", "wounded"),
    ("Her son was injured in the blast.", "wounded"),
])
def test_one_person_without_a_numeral(extractor: Extractor, text: str, measure: str) -> None:
    # a person shot is also counted among the people shot; that is another measure
    claims = [c for c in run(extractor, text).claims if c.quantity.qualifier == "implied" and c.measure != "shot"]
    assert [(c.quantity.value, c.measure) for c in claims] == [(1.0, measure)], text


@pytest.mark.parametrize(("text", "measure"), [
    ("One man died after the two cars collided on Brook Lane.", "killed"),
    ("Deputies said one woman was injured in the fire.", "wounded"),
    ("The storm killed one person and flooded the valley.", "killed"),
])
def test_one_person_in_words_is_a_stated_count(extractor: Extractor, text: str, measure: str) -> None:
    claims = [c for c in run(extractor, text).claims if c.measure == measure]
    assert [(c.quantity.value, c.quantity.qualifier) for c in claims] == [(1.0, "exact")], text


@pytest.mark.parametrize("text", [
    "No one was hurt in the fire.",
    "Two brothers and a cousin were killed.",
    "The gunmen were never found.",
    "The men died in the blast.",
    "He said the boy was not injured.",
    "One of the hikers was never found.",
    "The ranger could have been killed, his wife said.",
    "Without the helmet he would've died.",
])
def test_no_implied_count(extractor: Extractor, text: str) -> None:
    assert not [c for c in run(extractor, text).claims if c.quantity.qualifier == "implied"], text


def test_a_stated_number_wins_over_an_implied_one(extractor: Extractor) -> None:
    e = run(extractor, "A man was killed on Elm Street. Police later said two people died in the attack.")
    assert [(c.quantity.value, c.quantity.qualifier) for c in e.claims if c.measure == "killed"] == [(2.0, "exact")]


def test_one_implied_claim_per_measure_per_document(extractor: Extractor) -> None:
    e = run(extractor, "A woman was killed in the crash. The woman died at the scene. The victim was 40.")
    assert len([c for c in e.claims if c.measure == "killed"]) == 1


def test_the_attacker_is_counted_apart(extractor: Extractor) -> None:
    e = run(extractor, "A clerk was killed in the robbery. The gunman killed himself.")
    assert sorted((c.counted or "") for c in e.claims if c.measure == "killed") == ["attacker", "people"]


# ---- no sentence breaks a document ---------------------------------------------------------

ODD = ["…60%-32%.", "according to WPEC-Ch. 12.", "Account # 3605718870.", "#", "$.", "5%%", "1,2,3,4,5 people",
       "½ of them", "3¼ million", "10^1000", "(555) 010-0199", "—12—", "“7”", "No. 5: #6", "9/11/2025 – 4 dead?",
       "$" + "9" * 40, "1" + "0" * 60 + " people", "Q3: -4.5%", "x" * 300 + " 4", "Room 4B, 2nd fl.",
       "4-3 win, 2 OT", "I-95 N", "7:30", "@12", "a\u00a05 b", "1e9 dollars", "twenty-two 22 twenty two"]


def measures(e: Extraction) -> dict[str | None, list[tuple[float | None, str]]]:
    out: dict[str | None, list[tuple[float | None, str]]] = {}
    for c in e.claims:
        out.setdefault(c.measure, []).append((c.quantity.value, c.quantity.qualifier))
    return out


@pytest.mark.parametrize(("text", "want"), [
    # people hit are not shots fired; rounds are
    ("Deputies fired nine rounds at the fleeing van.", {"fired": [(9, "exact")]}),
    ("Two brothers were shot outside a laundromat on Kell Street.",
     {"shot": [(2, "exact")], "wounded": [(2, "implied")]}),
    # the dead of the same sentence are not wounded
    ("Seven people were shot, two fatally, at a birthday party in Orland.",
     {"shot": [(7, "exact")], "killed": [(2, "exact")], "wounded": [(5, "implied")]}),
    ("Officers said five teens were shot and two of them died in surgery.",
     {"shot": [(5, "exact")], "killed": [(2, "exact")], "wounded": [(3, "implied")]}),
    # a death told but not counted: which of them died is unknown, so no wounded figure
    ("Officers said five teens were shot and one of them died in surgery.", {"shot": [(5, "exact")], "wounded": None}),
    # shot at is not hit
    ("A jilted man was arrested for shooting at 5 people in a drive-by.", {"fired": [(5, "exact")], "shot": None}),
    # one wounded person the text singles out is among the shot, not another figure
    ("Four people were shot, one critically, outside a deli. A 30-year-old man was struck in the neck "
     "and badly wounded.", {"shot": [(4, "exact")], "wounded": [(4, "implied")]}),
    # one person shot, or struck by gunfire, with no death told: one wounded
    ("A 17-year-old was shot in the leg on Tuesday night.", {"shot": [(1, "implied")], "wounded": [(1, "implied")]}),
    ("A woman was struck by a stray bullet on her porch.", {"shot": [(1, "implied")], "wounded": [(1, "implied")]}),
    ("A man was shot to death outside his home.", {"killed": [(1, "implied")], "wounded": None}),
    # a person who shot himself was hurt, not killed, unless the text says so
    ("Deputies said the boy shot himself in the foot with his uncle's pistol.",
     {"shot": [(1, "implied")], "wounded": [(1, "implied")], "killed": None}),
    ("The man fatally shot himself after the standoff.", {"killed": [(1, "implied")], "wounded": None}),
    # the attacker shot is no wounded victim
    ("The gunman shot himself as deputies arrived.", {"shot": [(1, "implied")], "wounded": None}),
    ("The hiker was fatally wounded by a stray round.", {"killed": [(1, "implied")], "wounded": None, "shot": None}),
    # a coordinated outcome is the measure
    ("Three cousins were shot and wounded near the ferry terminal.", {"wounded": [(3, "exact")]}),
    ("Two guards were shot and killed during the robbery.", {"killed": [(2, "exact")]}),
])
def test_people_shot_and_the_wounded_among_them(extractor: Extractor, text: str,
                                                 want: dict[str, list[tuple[float, str]] | None]) -> None:
    got = measures(run(extractor, text))
    assert {m: got.get(m) for m in want} == want


def test_wounded_are_not_read_from_the_shot_when_deaths_are_told_apart(extractor: Extractor) -> None:
    # which of the four died is not said: no wounded figure can be read
    text = "Four people were shot at a bus stop in Marlow on Friday. A woman died later at the hospital."
    got = measures(run(extractor, text))
    assert got.get("shot") == [(4, "exact")] and "wounded" not in got
    # ... and a stated number of wounded wins
    text = "Six people were shot in Dunmore on Friday. Police said six were wounded, none critically."
    assert measures(run(extractor, text)).get("wounded") == [(6, "exact")]


def test_fuzz_odd_sentences_never_fail_a_document(extractor: Extractor) -> None:
    rng = random.Random(7)
    texts = []
    for _ in range(120):
        words = [rng.choice(ODD) for _ in range(rng.randint(1, 4))]
        texts.append(" ".join(words) + rng.choice([".", "", "!", " said police."]))
    docs = [Document(id=f"f{i}", text=t, body=((0, len(t)),)) for i, t in enumerate(texts)]
    for doc, e in zip(docs, extractor(docs), strict=True):
        assert not e.errors, (doc.text, e.errors)
        for c in e.claims:
            assert 0 <= c.start <= c.end <= len(doc.text)


def test_a_sentence_seen_before_is_read_the_same(extractor: Extractor) -> None:
    # its analysis is kept by text: a second copy, in the same call or a later one, reads the same
    text = ('Police Chief Ana Ruiz said two men were killed on Elm Street. "We found 14 shell casings," she '
            "said. Ruiz, 52, spoke at City Hall on Friday.")
    first = run(Extractor(), text)
    assert first.claims and first.entities and first.quotes
    assert run(extractor, text) == first
    assert run(extractor, text) == first
    doc = Document(id="t", text=text, body=((0, len(text)),), published="2025-03-02")
    assert list(extractor([doc, doc])) == [first, first]
