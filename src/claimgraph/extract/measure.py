"""What a number counts (the counted noun phrase) and its measure class, from the parse."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..lexicon import words
from .numbers import SCALES

Token = Any  # spacy.tokens.Token

# scale words (not lakh, crore) and the scale abbreviations and percent signs read as one token
_SCALES = (frozenset(SCALES) - {"lakh", "crore"}) | {"percent", "%", "m", "bn", "k"}
_TRIM_HEADS = words("trim_heads")
_SKIP_DEPS = {"det", "nummod", "quantmod", "punct", "predet", "poss", "case", "advmod", "cc"}
_UNIT_WORDS = words("unit_nouns")
_PERCENT_WORDS = words("percent_words")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    verbs: dict[str, str]
    nouns: dict[str, str]
    people: frozenset[str]
    military: frozenset[str]
    phrases: tuple[tuple[str, re.Pattern[str]], ...] = ()
    money_nouns: frozenset[str] = frozenset()
    on_people: dict[str, str] = field(default_factory=dict)


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
                      frozenset(data["military_people"]), phrases,
                      frozenset(data.get("money_nouns", ())), dict(data.get("on_people", {})))


def head_token(tokens: list[Token]) -> Token:
    """The syntactic root of a quantity span, preferring its number or scale word
    ("an estimated 15,000" → 15,000, not the determiner that hangs off the noun)."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    numeric = [t for t in roots if t.like_num or t.pos_ == "NUM" or t.lower_ in _SCALES]
    if numeric:
        return numeric[-1]
    return roots[-1] if roots else tokens[-1]


_LEVEL_VERBS = words("level_verbs") | words("level_static_verbs")
# "raised its key rate to 5.25 percent", "bringing the toll to 94": the object is what the number measures
_SETTING_VERBS = words("setting_verbs")
# "put the number of dead at 2,400", "estimated the cost at $9 billion", "values the startup at $4 billion"
_VALUING_VERBS = words("valuing_verbs")
_TEMPORAL = words("months") | words("weekdays") | words("seasons") | words("temporal_nouns")
_AMOUNT_OF = words("amount_prepositions")
_GENERIC_UNITS = words("generic_unit_words")


def counted_noun(q: Token, span_ids: set[int]) -> Token | None:
    """The noun a number counts: '15,000 soldiers' → soldiers, '60 percent of shells' → shells,
    'the death toll rose to 61' → toll, '€1.2 billion in damage' → damage."""
    level = _level_subject(q)
    if level is not None:
        return level
    if q.lower_ in _PERCENT_WORDS or q.lemma_ in _PERCENT_WORDS:
        # "a 25% tariff", "the 9.5% policy rate": the noun the percentage modifies is what it measures
        if q.dep_ in ("compound", "amod", "nmod", "nummod") and q.head.pos_ == "NOUN" and q.head.i > q.i:
            return q.head
        return _of_object(q) or None
    if q.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and q.head.pos_ in ("NOUN", "PROPN") \
            and q.head.i not in span_ids:
        noun = q.head
        if noun.lemma_ in _TRIM_HEADS or noun.lower_ in _TRIM_HEADS:
            return _of_object(noun) or noun
        # "shipments fell to 289 million units": a bare unit word counts the level's subject
        if noun.lower_ in _GENERIC_UNITS and not _of_object(noun):
            return _level_subject(noun) or noun
        return noun
    # "a range of about 430 miles", "damage of up to €1.2 billion": the noun the amount belongs to
    if q.dep_ == "pobj" and q.head.lower_ == "of" and q.head.head.pos_ in ("NOUN", "PROPN"):
        return q.head.head
    # "up to €1.2 billion in damage", "$300 million in aid", "56 gigawatts of solar capacity"
    for child in q.children:
        if child.dep_ == "prep" and child.lower_ in _AMOUNT_OF and child.i > q.i:
            obj = next((o for o in child.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")
                        and o.ent_type_ not in ("DATE", "TIME") and o.lower_ not in _TEMPORAL), None)
            if obj is not None:
                return _of_object(obj) if obj.lower_ in _TRIM_HEADS else obj
    # "announced 200 billion yen in relief spending": the 'in' the parser hung on the verb
    if q.dep_ == "dobj":
        for child in q.head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "worth") and child.i == q.right_edge.i + 1:
                obj = next((o for o in child.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")
                            and o.lower_ not in _TEMPORAL), None)
                if obj is not None:
                    return _trimmed(obj)
    if q.pos_ in ("NOUN", "PROPN") and q.lower_ not in _SCALES and q.lower_ not in _UNIT_WORDS:
        return q
    # "12,000 of them", "5,000 of the troops"
    return _of_object(q)


def _level_subject(q: Token) -> Token | None:
    """'The toll rose to 61', 'casualties reached 200', 'the number stood at 3,000': the subject."""
    verb = None
    prep = q.head.lower_ if q.dep_ == "pobj" else None
    if prep in words("level_prepositions") and q.head.head.pos_ in ("VERB", "AUX"):
        verb = q.head.head
    elif q.dep_ in ("dobj", "attr", "npadvmod") and q.head.pos_ in ("VERB", "AUX"):
        verb = q.head
    elif prep == "at" and q.head.head.dep_ == "dobj" and q.head.head.head.lemma_.lower() in _VALUING_VERBS:
        return _trimmed(q.head.head)  # "estimate the company's losses at $800 million"
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is not None and (prep == "to" and lemma in _SETTING_VERBS or prep == "at" and lemma in _VALUING_VERBS):
        return _trimmed(obj)
    # "Turnout was 64 percent", "the toll is 61"
    if lemma not in _LEVEL_VERBS and not (lemma == "be" and q.dep_ == "attr"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "conj":  # "the number ... confirmed dead ... rose to 87": a shared subject
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    # "Spending on health will reach £190 billion": a gerund subject is a noun
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") and subj.tag_ != "VBG":
        return None
    return _trimmed(subj)


def _trimmed(noun: Token) -> Token:
    """'the number of dead' → dead; 'the total' with nothing after it stays."""
    if noun.lemma_.lower() in _TRIM_HEADS or noun.lower_ in _TRIM_HEADS:
        return _of_object(noun) or noun
    return noun


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                # "the number of dead": an adjective used as a noun
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
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
    keep = [t for t in keep if t.i == noun.i or (t.i not in exclude and (not t.is_punct or t.text in "-–/"))]
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
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return cur
        if cur.dep_ in ("ROOT",) or cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None


def measure_of(q: Token, noun: Token | None, *, vocab: Vocabulary, unit: str) -> str | None:
    """The measure class: the noun's own measure (casualties, range), else its predicate's
    (killed, supplied), else a default (military people → deployed, money → paid)."""
    if noun is not None:
        # the word as written first: "shares" (stock) is not "share" (proportion)
        own = vocab.nouns.get(noun.lower_) or vocab.nouns.get(noun.lemma_.lower())
        if own and not (noun.lemma_.lower() in vocab.money_nouns and unit not in _money_units()):
            return own
        # "42 people dead", "100 soldiers wounded", "15,000 displaced people", "Displaced count passes 15,000"
        for child in noun.children:
            if child.dep_ in ("amod", "acl") or child.dep_ == "compound" and child.tag_ in ("VBN", "JJ"):
                hit = vocab.nouns.get(child.lower_) or vocab.verbs.get(child.lemma_.lower())
                if hit:
                    return hit
        # "the evacuation of 14,000 villagers", "the release of 900 detainees"
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            owner = noun.head.head
            hit = vocab.nouns.get(owner.lower_) or vocab.nouns.get(owner.lemma_.lower())
            if hit:
                return hit
    if noun is None:
        # "at least 40 dead", "61 killed", "140 injured": the word right after the number
        nxt = q.doc[q.i + 1] if q.i + 1 < len(q.doc) else None
        if nxt is not None and nxt.pos_ in ("ADJ", "VERB", "NOUN"):
            hit = vocab.nouns.get(nxt.lower_) or (vocab.verbs.get(nxt.lemma_.lower()) if nxt.tag_ == "VBN" else None)
            if hit:
                return hit
    for verb in _predicates(noun if noun is not None else q):
        hit = _verb_measure(verb, noun, vocab=vocab, unit=unit)
        if hit:
            return hit
    if _changed_by(q):
        return "change"  # "sea levels could rise by up to 1 metre"
    money = unit not in ("count", "percent", "ratio")
    if noun is not None and not money:
        lemma = noun.lemma_.lower()
        if lemma in vocab.military or noun.lower_ in vocab.military:
            return "deployed"
        # "the number of railcars" etc: the counted thing itself
        return "count"
    if money:
        return "amount"  # "$572 million a year for the soldiers": an amount, not a deployment
    return None


def _predicates(tok: Token) -> list[Token]:
    """The verbs a noun's measure may come from: its own predicate, and, when that is a reduced
    relative ("57 people trapped under the rubble"), the verb the noun is an argument of."""
    first = governing_verb(tok)
    out = [first] if first is not None else []
    if first is not None and first.head.i == tok.i and first.dep_ in ("acl", "relcl"):
        above = verb_above(tok)
        if above is not None:
            out.append(above)
    return out


def verb_above(tok: Token, steps: int = 4) -> Token | None:
    """The nearest verb among a token's heads, at most ``steps`` up."""
    cur = tok
    for _ in range(steps):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _people_noun(noun: Token, vocab: Vocabulary) -> bool:
    lem = noun.lemma_.lower()
    return lem in vocab.people or lem in words("person_nouns") or lem in words("traveller_nouns")


_VEHICLES = words("vehicle_nouns")


def _aboard(verb: Token, lemma: str) -> bool:
    """Whether a predicate says who is on a vessel or vehicle: a ferry carrying 600 people, 653
    people aboard / on board (not "the airline carried 68 million passengers", "the bill carries")."""
    if lemma == "carry":
        carrier = verb.head if verb.dep_ in ("acl", "relcl") else next(
            (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return carrier is not None and carrier.lemma_.lower() in _VEHICLES
    if lemma != "be":
        return False
    for child in verb.children:
        if child.lower_ in ("aboard", "onboard") or child.dep_ == "prep" and child.lower_ == "on" \
                and any(o.lower_ == "board" for o in child.children):
            return True
    return False


_PERMITTING = words("permitting_verbs")


def _may_carry(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in words("permission_modals") for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in _PERMITTING


def _verb_measure(verb: Token, noun: Token | None, *, vocab: Vocabulary, unit: str) -> str | None:
    seen = 0
    cur: Token | None = verb
    while cur is not None and seen < 3:
        verb = cur
        lemma = verb.lemma_.lower()
        for child in verb.children:
            # "the toll is high", "left 120,000 people homeless"
            if child.dep_ in ("acomp", "attr", "oprd") and (lemma == "be" or child.dep_ == "oprd") \
                    and (hit := vocab.nouns.get(child.lower_)):
                return hit
        if noun is not None and noun.lemma_.lower() in ("life", "lives") and lemma in words("life_taking_verbs"):
            return "killed"  # "the quake claimed nearly 3,000 lives"; not "protect 200,000 lives"
        if _aboard(verb, lemma) and unit == "count" and (lemma != "carry" or noun is not None and _people_noun(noun, vocab)):
            # "653 people were aboard", "a ferry carrying more than 600 people"; what it may
            # carry is its capacity ("certified to carry 550 passengers", "could carry 220")
            return "capacity" if _may_carry(verb) else "aboard"
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        # the written form too, where the lemmatiser slips ("fined" -> "fin")
        hit = (particle and vocab.verbs.get(f"{lemma} {particle}")) or vocab.verbs.get(lemma) \
            or vocab.verbs.get(verb.lower_) or _phrase_measure(verb, vocab)
        if lemma in vocab.on_people and unit == "count" and (noun is None or _people_noun(noun, vocab)) \
                and not (noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "at"):
            # "four people were shot": hit, not shots fired ("shot at four people" is); "shot and
            # killed": killed
            outcome = next((m for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                            and (m := vocab.verbs.get(c.lemma_.lower()))), None)
            return outcome or vocab.on_people[lemma]
        if hit:
            if hit == "supplied" and noun is not None and noun.lemma_.lower() in vocab.people:
                return "deployed"
            if hit == "supplied" and unit in _money_units():
                return "pledged"  # money provided is funding, not goods
            if unit in _DISTANCE_UNITS and lemma in _RANGE_VERBS:
                return "range"
            return hit
        if unit in _DISTANCE_UNITS and lemma in _RANGE_VERBS:
            return "range"  # "the missile could travel up to 2,000 kilometres"
        # xcomp/conj chains: "preparing to send", "has been killed while fighting"
        cur = next((c for c in verb.children if c.dep_ in ("xcomp",) and c.pos_ == "VERB"), None)
        seen += 1
    return None


_DISTANCE_UNITS = {"km", "mile", "nautical_mile"}
_RANGE_VERBS = words("range_verbs")
_CHANGE_VERBS = words("level_verbs")


def _changed_by(q: Token) -> bool:
    """A number after 'by' on a verb of change ("rise by up to 1 metre") is a change, not a level."""
    cur = q
    for _ in range(3):
        if cur.dep_ == "pobj" and cur.head.lower_ == "by":
            return cur.head.head.lemma_.lower() in _CHANGE_VERBS
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


@cache
def _money_units() -> frozenset[str]:
    data = json.loads(resources.files("claimgraph").joinpath("data/units.json").read_text("utf-8"))
    return frozenset(k for part in ("currencies", "subunits") for k in data.get(part, {}) if not k.startswith("_"))


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
