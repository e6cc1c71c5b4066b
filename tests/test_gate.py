"""The gates: which sentences the parser reads (word forms from hand-built lemmatizer tables;
whole sentences with the model, marked slow), and which the entity recogniser reads."""
from __future__ import annotations

import pytest
from spacy.lookups import Lookups

from claimgraph.extract.gate import ParseGate, can_name
from claimgraph.extract.implied import predicate_lemmas
from claimgraph.extract.reporting import REPORTING

PREDICATES = predicate_lemmas() or frozenset()


def _lookups() -> Lookups:
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"verb": [["ed", ""], ["ing", ""], ["s", ""], ["ed", "e"]],
                                      "noun": [["s", ""]]})
    lookups.add_table("lemma_exc", {"verb": {"slain": ["slay"], "shot": ["shoot"], "told": ["tell"], "said": ["say"]}})
    return lookups


def test_every_implied_pattern_turns_on_a_listed_predicate() -> None:
    lemmas = predicate_lemmas()
    assert lemmas is not None and {"kill", "die", "shoot", "wound", "injure", "dead"} <= lemmas


@pytest.mark.parametrize("text", [
    "A man was killed on the bridge.", "The driver died at the scene.", "Two were slain.", "He was shot.",
    "Police told reporters the road was closed.", "The mayor says the bridge will reopen.",
    '"We are rebuilding," the mayor added.',
])
def test_sentences_the_parse_is_needed_for(text: str) -> None:
    assert ParseGate(_lookups(), PREDICATES | REPORTING).wants(text)


@pytest.mark.parametrize("text", [
    "The council met on Tuesday.", "Schools reopen after the holiday.", "Killeen is a city in Texas.",
])
def test_sentences_without_such_words(text: str) -> None:
    assert not ParseGate(_lookups(), PREDICATES | REPORTING).wants(text)


def test_without_lemmatizer_tables_every_candidate_is_parsed() -> None:
    assert ParseGate(None, PREDICATES).wants("The council met on Tuesday.")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "parsed"), [
    ("The council met on March 3, 2025, at 4 p.m.", False),  # a date and a clock time
    ("The 67-year-old teacher retired in 2019.", False),  # an age and a year
    ("Three people were hurt in the fire.", True),
    ("The fire started in 2019 and destroyed 40 homes.", True),
    ("A man was killed in 2024.", True),
])
def test_with_the_model_numbers_that_make_no_claim_are_not_parsed(text: str, parsed: bool) -> None:
    from claimgraph.extract.pipeline import Extractor, _Sentence

    extractor = Extractor()
    assert extractor._needs_parse(text, _Sentence(0, len(text)), [], ()) is parsed


@pytest.mark.parametrize(("text", "can"), [
    ("The man was taken to hospital.", False),  # a stop word opens it; nothing else is capitalised
    ("It was over by noon.", False),
    ("2 men were hurt.", False),
    ("Police said the road was closed.", True),  # a capitalised first word that is not a stop word
    ("He said the U.S. would act.", True),
    ("2 men were shot by Dov Ashe.", True),
])
def test_which_sentences_can_hold_a_name(text: str, can: bool) -> None:
    assert can_name(text) is can
