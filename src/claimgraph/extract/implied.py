"""Counts stated without a numeral: "a man was killed", "the victim died", "Jane Roe, 34,
was found dead" each state one death.

Candidates come from the DependencyMatcher patterns of ``data/implied.json``; the decision
that the person is exactly one is :func:`is_one_person`. A document keeps one implied claim
per measure (its first), and none for a measure it states with a numeral
(:func:`keep_implied`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicon import data_file, resolve, words

Token = Any


@dataclass(frozen=True, slots=True)
class Implied:
    pattern: str
    measure: str
    person: Any  # the token counted
    pred: Any  # the predicate token


class ImpliedFinder:
    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import DependencyMatcher

        self.matcher = DependencyMatcher(vocab, validate=True)
        self.spec: dict[int, tuple[str, str, list[str]]] = {}
        for p in data_file("implied.json")["patterns"]:
            pattern = resolve(p["pattern"])
            self.matcher.add(p["name"], [pattern])
            self.spec[vocab.strings[p["name"]]] = (p["name"], p["measure"], [n["RIGHT_ID"] for n in pattern])

    def __call__(self, doc: Any) -> list[Implied]:
        out: dict[tuple[int, str], Implied] = {}
        for key, ids in self.matcher(doc):
            name, measure, nodes = self.spec[key]
            node = dict(zip(nodes, ids, strict=True))
            person, pred = doc[node["person"]], doc[node["pred"]]
            if pred.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
                continue  # "a man was killed and three others were injured": its own subject
            if is_one_person(person) and not _negated(pred) and (person.i, measure) not in out:
                out[(person.i, measure)] = Implied(name, measure, person, pred)
        return sorted(out.values(), key=lambda x: x.person.i)


@cache
def finder(vocab: Any) -> ImpliedFinder:
    return ImpliedFinder(vocab)


_SINGULAR_PRONOUNS = frozenset({"he", "she"})


def is_one_person(tok: Token) -> bool:
    """One person: a singular person noun with a singular determiner, a possessive or an age
    ("a man", "the victim", "her son", "a 15-year-old"), a named person, or he/she; never
    with a number of its own or a coordinated partner ("Lee and her three children")."""
    if any(c.dep_ in ("nummod", "conj") for c in tok.children) or tok.dep_ == "conj":
        return False
    if any(c.lower_ in ("no", "another", "other", "each", "every", "any") for c in tok.children):
        return False
    low = tok.lower_
    if low in _SINGULAR_PRONOUNS:
        return True
    if tok.ent_type_ == "PERSON" and tok.tag_ == "NNP":
        return True
    if tok.tag_ != "NN" or tok.lemma_.lower() not in person_nouns():
        return _is_aged(tok)
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in words("singular_determiners"))
               for c in tok.children)


def _is_aged(tok: Token) -> bool:
    """"a 15-year-old" used as a noun: the head of a det + age phrase."""
    return tok.lower_ == "old" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in tok.children)


@cache
def person_nouns() -> frozenset[str]:
    return words("person_nouns") | words("attacker_nouns")


def is_attacker(tok: Token) -> bool:
    return tok.lemma_.lower() in words("attacker_nouns")


def _negated(pred: Token) -> bool:
    return any(c.dep_ == "neg" for c in pred.children) or any(c.dep_ == "neg" for c in pred.head.children)


def keep_implied(measures_stated: Iterable[str], implied: Iterable[tuple[str, Any]]) -> list[Any]:
    """Of a document's implied claims (measure, claim) in text order: the first per measure and
    counted kind (the victims', the attacker's), none where the document states that measure
    with a numeral."""
    stated = set(measures_stated)
    seen: set[tuple[str, str]] = set()
    out = []
    for measure, claim in implied:
        key = (measure, claim.counted)
        if measure in stated or key in seen:
            continue
        seen.add(key)
        out.append(claim)
    return out
