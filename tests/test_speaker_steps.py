"""The speaker decision in its steps: candidates, features, the shipped scorer, the hedge test.

Sentences here are written for these tests; the expected speakers are what a reader would name.
"""
from __future__ import annotations

import math
from typing import Any

import pytest

from claimgraph.extract import attribution, speaker_model
from claimgraph.extract.candidates import SENTENCE, WALK, candidates
from claimgraph.extract.nlp import load_nlp

Doc = Any


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def number(doc: Doc, text: str) -> Any:
    return next(t for t in doc if t.text == text)


def bare(name: str | None) -> str:
    """A name without its leading article or possessive ("the labour ministry" -> "labour ministry")."""
    words = (name or "").lower().split()
    return " ".join(words[1:] if words and words[0] in ("the", "a", "an", "its") else words)


def test_candidates_name_each_construction(nlp: Any) -> None:
    doc = nlp("The ferry carried 212 passengers, the port authority said, according to the coast guard.")
    kinds = [c.kind for c in candidates(number(doc, "212"), doc[:], {})]
    assert "verb" in kinds or "parataxis" in kinds
    assert "sentence_according" in kinds


def test_a_number_describing_its_speaker_is_vetoed(nlp: Any) -> None:
    doc = nlp("A farmer who has worked the land for 35 years said the harvest was poor.")
    cands = candidates(number(doc, "35"), doc[:], {})
    assert any(c.kind == "veto" for c in cands)
    assert attribution.prefer(cands) is None


@pytest.mark.parametrize(("text", "num", "speaker"), [
    ("Floods have cut off 85 villages, a provincial official told reporters.", "85", "a provincial official"),
    ("According to the labour ministry, unemployment rose to 7.2% in June.", "7.2", "the labour ministry"),
    ("The charity expects to feed 4,000 families this winter, its director told the Morning Post.", "4,000",
     "its director"),
    ("Shares of the miner fell 6% on Tuesday.", "6", None),
])
@pytest.mark.parametrize("use_model", [False, True])
def test_rules_and_scorer_name_the_speaker(nlp: Any, monkeypatch: pytest.MonkeyPatch,
                                          text: str, num: str, speaker: str | None, use_model: bool) -> None:
    monkeypatch.setattr(speaker_model, "enabled", lambda: use_model)
    doc = nlp(text)
    att, _ = attribution.attribute(number(doc, num), doc[:], {})
    got = att.source.name if att is not None and att.source is not None else None
    assert bare(got) == bare(speaker)


def test_the_shipped_model_is_plain_finite_coefficients_over_known_features() -> None:
    model = speaker_model.model()
    assert model is not None and isinstance(model["use"], bool)
    kinds = {f"kind={k}" for k in (*WALK, *SENTENCE, "own", "passive", "none")}
    for name, weight in model["weights"].items():
        assert math.isfinite(weight)
        assert not name.startswith("kind=") or name in kinds, name


def test_may_the_month_is_no_hedge(nlp: Any) -> None:
    assert not attribution.hedged(nlp("Exports rose 4% in May, the ministry said.")[:])
    assert attribution.hedged(nlp("Exports may rise 4% this year, the ministry said.")[:])
