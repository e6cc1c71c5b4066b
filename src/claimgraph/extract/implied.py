"""Counts stated without a numeral: "a man was killed", "the victim died", "Jane Roe, 34,
was found dead" each state one death.

Candidates come from the DependencyMatcher patterns of ``data/implied.json``; the decision
that the person is exactly one is :func:`is_one_person`. "One person died" states its one in
words; it is read here too (a lone "one" is no count to the quantity finder), as a stated count. A document keeps one implied claim
per measure (its first), and none for a measure it states with a numeral
(:func:`keep_implied`).

People shot are hit, not all wounded: :func:`wounded_of_shot` reads how many were wounded
where the text says how many of them died, or tells of no death at all.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..lexicon import data_file, resolve, words
from ..model import Claim

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
        self.predicates = predicate_lemmas()  # a sentence with none of them matches no pattern
        for p in data_file("implied.json")["patterns"]:
            pattern = resolve(p["pattern"])
            self.matcher.add(p["name"], [pattern])
            self.spec[vocab.strings[p["name"]]] = (p["name"], p["measure"], [n["RIGHT_ID"] for n in pattern])

    def __call__(self, doc: Any) -> list[Implied]:
        if self.predicates is not None and not any(t.lemma_ in self.predicates for t in doc):
            return []
        out: dict[tuple[int, str], Implied] = {}
        for key, ids in self.matcher(doc):
            name, measure, nodes = self.spec[key]
            node = dict(zip(nodes, ids, strict=True))
            person, pred = doc[node["person"]], doc[node["pred"]]
            if pred.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
                continue  # "a man was killed and three others were injured": its own subject
            if measure != "killed" and any(c.lower_ in words("fatal_adverbs") for c in pred.children):
                continue  # "was fatally wounded": a death, which the killed pattern reads
            if is_one_person(person) and not _negated(pred) and (person.i, measure) not in out:
                out[(person.i, measure)] = Implied(name, measure, person, pred)
        return sorted(out.values(), key=lambda x: x.person.i)


@cache
def predicate_lemmas() -> frozenset[str] | None:
    """The lemmas the ``pred`` node of a pattern in data/implied.json may have; None when a
    pattern's predicate is not bound to lemmas."""
    found: set[str] = set()
    for p in data_file("implied.json")["patterns"]:
        preds = [n for n in resolve(p["pattern"]) if n["RIGHT_ID"] == "pred"]
        lemma = preds[0]["RIGHT_ATTRS"].get("LEMMA") if len(preds) == 1 else None
        if isinstance(lemma, str):
            found.add(lemma)
        elif isinstance(lemma, dict) and set(lemma) == {"IN"}:
            found.update(lemma["IN"])
        else:
            return None
    return frozenset(found)


@cache
def finder(vocab: Any) -> ImpliedFinder:
    return ImpliedFinder(vocab)


_SINGULAR_PRONOUNS = frozenset({"he", "she"})


def is_one_person(tok: Token) -> bool:
    """One person: a singular person noun with a singular determiner, a possessive or an age
    ("a man", "the victim", "her son", "a 15-year-old"), a named person, or he/she; never
    with a number of its own or a coordinated partner ("Lee and her three children")."""
    if any(c.dep_ == "conj" for c in tok.children) or tok.dep_ == "conj":
        return False
    if any(c.dep_ == "nummod" for c in tok.children):  # "one person died": one, stated in words
        return stated_one(tok) is not None and tok.lemma_.lower() in person_nouns()
    if any(c.lower_ in words("excluding_determiners") for c in tok.children):
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


def stated_one(tok: Token) -> Token | None:
    """The "one" of "one person", "one victim": its only number."""
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    return nums[0] if len(nums) == 1 and nums[0].lower_ == "one" and nums[0].i < tok.i else None


def _is_aged(tok: Token) -> bool:
    """"a 15-year-old" used as a noun: the head of a det + age phrase."""
    return tok.lower_ == "old" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in tok.children)


@cache
def person_nouns() -> frozenset[str]:
    return words("person_nouns") | words("attacker_nouns")


def is_attacker(tok: Token) -> bool:
    return tok.lemma_.lower() in words("attacker_nouns")


def _negated(pred: Token) -> bool:
    """Not told as having happened: negated ("was not hurt"), or counterfactual ("could have been
    killed", "would've died")."""
    near = [*pred.children, *pred.head.children]
    if any(c.dep_ == "neg" for c in near):
        return True
    perfect = any(c.lower_.replace("’", "'") == "'ve" or (c.dep_ == "aux" and c.lemma_ == "have") for c in near)
    return perfect and any(c.dep_ == "aux" and c.lower_ in words("counterfactual_modals") for c in near)


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


def wounded_of_shot(claims: Sequence[Claim], text: str) -> tuple[Claim, Claim] | None:
    """The people a document says were shot and did not die, as one implied wounded claim (and the
    shot claim it is read from).

    "Five people were shot, two fatally", "four were shot and two of them died": the shot less
    the dead the same sentence counts. Where the document tells of no death at all, everyone
    shot was wounded. None where the document states the wounded with a numeral, or where a
    death is told but not counted beside the shot (which of them died is unknown). The caller
    drops the document's one-person wounded claims for it: that person is among the shot."""
    if any(c.measure == "wounded" and c.quantity.qualifier != "implied" for c in claims):
        return None
    killed = [c for c in claims if c.measure == "killed" and c.counted != "attacker"]
    deaths = _death_words().search(text) is not None
    for c in claims:
        q = c.quantity
        if c.measure != "shot" or c.counted == "attacker" or q.vague or q.low is None or q.low != q.high or q.change:
            continue  # (the attacker shot is counted apart from the victims)
        # "two fatally", "one of them fatally" are killed claims of the sentence (number_roles.json)
        dead = [k.quantity.low for k in killed if k.sentence == c.sentence and k.quantity.low is not None]
        if not dead and deaths:
            continue
        n = q.low - max(dead, default=0.0)
        if n < 1:
            continue
        return replace(c, id=f"{c.id}w", measure="wounded",
                       quantity=replace(q, value=n, low=n, high=n, qualifier="implied")), c
    return None


@cache
def _death_words() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(words("death_words"))) + r")\b", re.I)
