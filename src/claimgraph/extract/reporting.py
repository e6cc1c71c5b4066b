"""The grammar of reporting: which verbs report, their subjects and agents, and the tags
around a clause ("according to X", ", X said,", "citing Y")."""
from __future__ import annotations

import re
from typing import Any

from ..lexicon import words
from .speakers import DOC_WORDS, MEDIA_NOUNS, OUTLET_NOUNS, agent_of, is_media, name_of, named_head

Token = Any
Span = Any

# "The agency raised the death toll to 121": who revises a count reports it
REVISING = words("revising_verbs")
_COUNTS = words("revisable_nouns")  # "was valued at €14 million by an appraiser"; not "the deal values the startup at"
# announcing a sum or a plan: the announcer is the source unless someone above reports it
ANNOUNCING = words("announcing_verbs")
# verbs of finding that may be physical ("officers found 212 kilograms of heroin"): a source only
# with a document for subject or a clause for object, else only when nothing above them reports
EVIDENTIAL = words("evidential_verbs")
# "the flood claimed 340 lives", "claimed responsibility for 23 attacks": not a claim of the number
NOT_CLAIMED = words("not_claimed_nouns")
# a verb of thinking yields to a speech verb above it:
# "the party expects to win 150 seats, its general secretary told the FT" -> the general secretary
WEAK = words("weak_reporting_verbs")
# every verb that reports: who says, announces, finds or thinks a figure is its source
REPORTING = words("reporting_verbs") | ANNOUNCING | EVIDENTIAL | WEAK
PASSIVE_ONLY = {"value"}


def passive_agent(verb: Token, q: Token) -> Token | None:
    """The agent of a passive reporting verb, also where the parser hung 'by X' on the number
    ("was estimated at 31,000 by the UN refugee agency")."""
    found = agent_of(verb, loose=True)
    tok = q
    while found is None and tok.i != verb.i and tok.head.i != tok.i:
        found = agent_of(tok, loose=True)
        tok = tok.head
    return found



def subject_of(verb: Token) -> Token | None:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subs:
        # the subject nearest the verb: "DOVRENNA, July 3 (Reuters) - Lusara's government said"
        before = [c for c in subs if c.i < verb.i]
        return past_dateline(before[-1] if before else subs[0])
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return inverted_subject(verb)


_DASHES = {"—", "–", "-", "--"}


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?(?:,\s*\w{3,9}\.?\s+\d{1,2})?"
                       r"\s*(?:\([A-Za-z .]{2,30}\))?\s*(?:[-–—]{1,2}|:)\s(?=[A-Z\"“‘'(])"
                       r"|^[A-Z][\w .'’-]{1,40}?\s*\([A-Z][A-Za-z .]{1,20}\)\s*[-–—]{1,2}\s")


def dateline_end(text: str) -> int:
    """Where a wire dateline opening a sentence ends ("KYIV, Dec 3 (Reuters) - "), else 0."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def past_dateline(tok: Token) -> Token | None:
    """A wire dateline ("KESTEL, Orrin Island — Survivors ... said") is not a speaker: the
    parser may make the place the subject and hang the real one on it after the dash."""
    sent = tok.sent
    end = dateline_end(sent.text)
    if not end or tok.idx - sent.start_char >= end:
        return tok  # "UNICEF said 300 children – many under five – had died": no dateline
    dash = next((t.i for t in sent if t.text in _DASHES or t.text == ":"), None)
    if dash is None:
        return tok
    after = [c for c in tok.children if c.dep_ in ("appos", "conj") and c.i > dash]
    return after[0] if after else None


def inverted_subject(verb: Token) -> Token | None:
    """"…, the International Organization for Migration said.": the noun phrase between the last
    comma and a subjectless reporting verb, which the parser hung elsewhere."""
    start = verb.sent.start
    prev = verb.doc[verb.i - 1] if verb.i - 1 >= start else None
    if prev is None or prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ in ("nsubj", "dobj"):
        return None
    comma = next((t.i for t in reversed(verb.doc[max(start, verb.i - 10):verb.i]) if t.text == ","), None)
    if comma is None:
        return None
    tok = prev
    while tok.dep_ in ("pobj", "prep", "compound", "amod") and comma < tok.head.i < verb.i:
        tok = tok.head
    return tok


def is_reporting(tok: Token) -> bool:
    if tok.lemma_.lower() in REVISING and tok.pos_ == "VERB" \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _COUNTS for c in tok.children):
        return True
    if tok.lemma_.lower() not in REPORTING:
        return False
    if tok.pos_ in ("VERB", "AUX"):
        return True
    # "…, the World Bank estimates.": a verb the tagger took for a plural noun
    return tok.tag_ in ("NNS", "NN") and any(c.dep_ == "nsubj" for c in tok.children)


def media_object(verb: Token) -> Token | None:
    """'told the WSJ', 'said in an interview with Reuters', 'told the broadcaster SVT'; not 'told reporters'."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ in ("PROPN", "NOUN"):
            if is_media(name_of(child)) or child.ent_type_ == "ORG":
                return child
            if child.lemma_.lower() in MEDIA_NOUNS:
                # "the broadcaster SVT", "the newspaper Le Monde": the name after the media noun
                if child.i + 1 < len(doc) and doc[child.i + 1].pos_ == "PROPN":
                    return doc[child.i + 1]
                # "state radio", "German public television"; not a bare "the newspaper"
                if child.lemma_.lower() in OUTLET_NOUNS and any(c.dep_ in ("compound", "amod") for c in child.children):
                    return child
        if child.dep_ == "prep" and child.lower_ in ("to", "with"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "ORG":
                    return obj
    # "survivors told Save the Children": an organisation right after the verb, however parsed
    nxt = verb.i + 1 + (verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "the")
    if verb.lemma_.lower() == "tell" and nxt < len(doc) and doc[nxt].ent_type_ == "ORG":
        return doc[nxt]
    return None


def cited_source(verb: Token, subj: Token) -> Token | None:
    """"The BBC, citing local officials, said …": the cited source of an outlet. Only an outlet
    relays: "Amnesty said, citing lawyers, …" is Amnesty's own figure."""
    if not is_outlet(subj):
        return None
    for holder in (verb, subj):
        for child in holder.children:
            if child.dep_ in ("advcl", "acl", "xcomp", "relcl") and child.lemma_.lower() in ("cite", "quote"):
                obj = next((o for o in child.children if o.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
    # "The Gazette reported, citing three officials, that …": the parser hangs "citing" anywhere
    for tok in verb.sent:
        if tok.lower_ in ("citing", "quoting") and tok.i > subj.i and tok.dep_ in ("advcl", "acl", "xcomp", "conj"):
            obj = next((o for o in tok.children if o.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    return None


def is_outlet(tok: Token) -> bool:
    named = named_head(tok)
    return is_media(name_of(named)) or named.lemma_.lower() in MEDIA_NOUNS or tok.lemma_.lower() in MEDIA_NOUNS


def according_to(sent: Span) -> Token | None:
    """The first "according to X" of a sentence: X."""
    return next((obj for tok in sent if (obj := according_obj(tok)) is not None), None)


def according_obj(tok: Token) -> Token | None:
    """X, when ``tok`` opens "according to X"."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
        return None
    return next((o for o in tok.doc[tok.i + 1].children if o.dep_ == "pobj"), None)


def bare_tag(verb: Token) -> bool:
    """A reporting verb with no clause or object of its own: a closing attribution tag
    ("…, the ministry said on Monday", "…, Minister Prest told lawmakers"), not "… warned of a recession"."""
    return not any(c.dep_ in ("ccomp", "xcomp", "attr") or c.dep_ == "dobj" and verb.lemma_.lower() != "tell"
                   or c.dep_ == "prep" and c.lower_ not in words("time_prepositions")
                   for c in verb.children)


_RECKONING = words("reckoning_nouns")


def by_reckoning(sent: Span) -> Token | None:
    """"By the army's own count", "in the union's estimate": the owner of the count."""
    for tok in sent:
        if tok.lemma_.lower() in _RECKONING and tok.dep_ == "pobj" and tok.head.lower_ in ("by", "in"):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
    return None



def within(q: Token, head: Token) -> bool:
    return bool(head.left_edge.i <= q.i <= head.right_edge.i and q.i != head.i)


def is_evidence(verb: Token, subj: Token) -> bool:
    """A verb of finding reports when a document finds ("the audit identified") or a clause follows."""
    named = named_head(subj)
    return (named.lemma_.lower() in DOC_WORDS or named.lower_ in DOC_WORDS
            or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children))



def coordinated(verb: Token) -> bool:
    """Whether a clause is joined on by "and"/"but"/"while" right before its subject ("..., and
    economists warned of a recession"): a clause of its own, not a closing attribution tag."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    start = subj.left_edge.i if subj is not None else verb.i
    k = start - 1
    while k >= verb.sent.start and verb.doc[k].is_punct:
        k -= 1
    return k >= verb.sent.start and verb.doc[k].lower_ in words("contrast_conjunctions")


