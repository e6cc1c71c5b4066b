"""What a number counts (the counted noun phrase) and its measure class, from the parse."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Token = Any  # spacy.tokens.Token

_SCALES = {"thousand", "million", "billion", "trillion", "hundred", "dozen", "percent", "%", "m", "bn", "k"}
_TRIM_HEADS = {"number", "total", "tally", "amount", "count", "figure", "level", "volume", "sum"}
_SKIP_DEPS = {"det", "nummod", "quantmod", "punct", "predet", "poss", "case", "advmod", "cc"}
_UNIT_WORDS = {"mile", "miles", "km", "kilometres", "kilometers", "kilometre", "kilometer", "metres", "meters", "kg",
               "tonnes", "tons", "tonne", "ton", "barrels", "dollars", "euros", "pounds", "won", "yen", "rubles",
               "roubles", "hryvnias", "yuan", "rupees", "mm", "feet", "foot", "hectares", "acres", "megawatts"}
_PERCENT_WORDS = {"percent", "%", "per", "cent", "pct", "percentage", "share", "third", "thirds", "half",
                  "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    verbs: dict[str, str]
    nouns: dict[str, str]
    people: frozenset[str]
    military: frozenset[str]
    families: dict[str, str]
    phrases: tuple[tuple[str, re.Pattern[str]], ...] = ()


@cache
def vocabulary(path: str | None = None) -> Vocabulary:
    """The measure vocabulary: the bundled ``data/measures.json``, or a user's file."""
    if path:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    else:
        data = json.loads(resources.files("claimgraph").joinpath("data/measures.json").read_text("utf-8"))
    phrases = tuple((m, re.compile(rx, re.I)) for m, rxs in data.get("phrases", {}).items() for rx in rxs)
    return Vocabulary(data["verbs"], data["nouns"], frozenset(data["people"]),
                      frozenset(data["military_people"]), data.get("families", {}), phrases)


def head_token(tokens: list[Token]) -> Token:
    """The syntactic root of a quantity span, preferring its number or scale word
    ("an estimated 15,000" → 15,000, not the determiner that hangs off the noun)."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    numeric = [t for t in roots if t.like_num or t.pos_ == "NUM" or t.lower_ in _SCALES]
    if numeric:
        return numeric[-1]
    return roots[-1] if roots else tokens[-1]


_LEVEL_VERBS = {"rise", "climb", "reach", "stand", "increase", "grow", "jump", "fall", "drop", "hit", "top",
                "exceed", "surpass", "pass", "soar", "decline", "total", "near", "approach", "mount", "swell"}
_AMOUNT_OF = {"in", "of", "for", "worth"}


def counted_noun(q: Token, span_ids: set[int]) -> Token | None:
    """The noun a number counts: '15,000 soldiers' → soldiers, '60 percent of shells' → shells,
    'the death toll rose to 61' → toll, '€1.2 billion in damage' → damage."""
    level = _level_subject(q)
    if level is not None:
        return level
    if q.lower_ in _PERCENT_WORDS or q.lemma_ in _PERCENT_WORDS:
        return _of_object(q) or None
    if q.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and q.head.pos_ in ("NOUN", "PROPN") \
            and q.head.i not in span_ids:
        noun = q.head
        if noun.lemma_ in _TRIM_HEADS or noun.lower_ in _TRIM_HEADS:
            return _of_object(noun) or noun
        return noun
    # "a range of about 430 miles", "damage of up to €1.2 billion": the noun the amount belongs to
    if q.dep_ == "pobj" and q.head.lower_ == "of" and q.head.head.pos_ in ("NOUN", "PROPN"):
        return q.head.head
    if q.pos_ in ("NOUN", "PROPN") and q.lower_ not in _SCALES and q.lower_ not in _UNIT_WORDS:
        return q
    # "up to €1.2 billion in damage", "$300 million in aid", "$5 million worth of aid"
    for child in q.children:
        if child.dep_ == "prep" and child.lower_ in _AMOUNT_OF and child.i > q.i:
            obj = next((o for o in child.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                return _of_object(obj) if obj.lower_ in _TRIM_HEADS else obj
    # "12,000 of them", "5,000 of the troops"
    return _of_object(q)


def _level_subject(q: Token) -> Token | None:
    """'The toll rose to 61', 'casualties reached 200', 'the number stood at 3,000': the subject."""
    verb = None
    if q.dep_ == "pobj" and q.head.lower_ in ("to", "at", "above", "past") and q.head.head.pos_ in ("VERB", "AUX"):
        verb = q.head.head
    elif q.dep_ in ("dobj", "attr", "npadvmod") and q.head.pos_ in ("VERB", "AUX"):
        verb = q.head
    if verb is None or verb.lemma_.lower() not in _LEVEL_VERBS:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return _of_object(subj) if subj.lemma_.lower() in _TRIM_HEADS else subj


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return obj
    return None


def phrase(noun: Token, exclude: set[int]) -> tuple[int, int]:
    """Character span of the noun with its modifiers and an 'of' complement, minus the number."""
    keep = [noun]
    for child in noun.lefts:
        if child.dep_ not in _SKIP_DEPS and child.i not in exclude:
            keep.extend(t for t in child.subtree if t.i not in exclude)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            keep.extend(child.subtree)
    keep = [t for t in keep if t.i not in exclude and (not t.is_punct or t.text in "-–/")]
    keep.sort(key=lambda t: t.i)
    # take the contiguous run that holds the noun
    run = [noun]
    idx = keep.index(noun)
    for t in reversed(keep[:idx]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
        else:
            break
    for t in keep[idx + 1:]:
        if t.i == run[-1].i + 1:
            run.append(t)
        else:
            break
    while run and (run[0].dep_ in ("det", "prep", "cc") or run[0].is_punct):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].dep_ in ("cc", "prep")):
        run.pop()
    run = run or [noun]
    return run[0].idx, run[-1].idx + len(run[-1])


def governing_verb(tok: Token) -> Token | None:
    """The predicate a noun or number belongs to: its verb head, or the verb of its relative clause."""
    for child in tok.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"):
            return child
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur is not tok:
            return cur
        if cur.dep_ in ("ROOT",) or cur.head is cur:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None


def measure_of(q: Token, noun: Token | None, *, vocab: Vocabulary, unit: str) -> str | None:
    """The measure class: the noun's own measure (casualties, range), else its predicate's
    (killed, supplied), else a default (military people → deployed, money → paid)."""
    if noun is not None:
        own = vocab.nouns.get(noun.lemma_.lower()) or vocab.nouns.get(noun.lower_)
        if own:
            return own
        # "42 people dead", "100 soldiers wounded", "15,000 displaced people"
        for child in noun.children:
            if child.dep_ in ("amod", "acl"):
                hit = vocab.nouns.get(child.lower_) or vocab.verbs.get(child.lemma_.lower())
                if hit:
                    return hit
    if noun is None:
        # "at least 40 dead", "61 killed", "140 injured": the word right after the number
        nxt = q.doc[q.i + 1] if q.i + 1 < len(q.doc) else None
        if nxt is not None and nxt.pos_ in ("ADJ", "VERB", "NOUN"):
            hit = vocab.nouns.get(nxt.lower_) or (vocab.verbs.get(nxt.lemma_.lower()) if nxt.tag_ == "VBN" else None)
            if hit:
                return hit
    verb = governing_verb(noun if noun is not None else q)
    seen = 0
    while verb is not None and seen < 3:
        lemma = verb.lemma_.lower()
        if lemma == "be":
            for child in verb.children:
                if child.dep_ in ("acomp", "attr") and (hit := vocab.nouns.get(child.lower_)):
                    return hit
        hit = vocab.verbs.get(lemma) or _phrase_measure(verb, vocab)
        if hit:
            if hit == "supplied" and noun is not None and noun.lemma_.lower() in vocab.people:
                return "deployed"
            if hit == "supplied" and unit not in ("count", "percent", "ratio"):
                return "pledged"  # money provided is funding, not goods
            return hit
        # xcomp/conj chains: "preparing to send", "has been killed while fighting"
        nxt = next((c for c in verb.children if c.dep_ in ("xcomp",) and c.pos_ == "VERB"), None)
        verb = nxt
        seen += 1
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in vocab.military or noun.lower_ in vocab.military:
            return "deployed"
        # "the number of railcars" etc: the counted thing itself
        return "count"
    if unit not in ("count", "percent", "ratio"):
        return "amount"
    return None


def _phrase_measure(verb: Token, vocab: Vocabulary) -> str | None:
    """A measure from a predicate's wording: "have been forced out of their homes" → displaced."""
    if not vocab.phrases:
        return None
    text = verb.doc.text[verb.idx:verb.idx + 60]
    aux = [t for t in verb.lefts if t.dep_ in ("aux", "auxpass")]
    if aux:  # "were found dead": start from the auxiliary next to the verb
        text = verb.doc.text[aux[-1].idx:verb.idx + 60]
    for measure, rx in vocab.phrases:
        if rx.search(text) or rx.search(verb.doc.text[verb.idx:verb.idx + 60]):
            return measure
    return None


def family(measure: str | None, vocab: Vocabulary) -> str | None:
    return vocab.families.get(measure or "", measure)
