"""Candidate speakers of a number: every source the grammar of a sentence offers for it.

Each candidate records the construction that found it ("verb": the subject of a reporting verb
above the number; "according": "according to X" on a clause it is in; ...), how far up the tree
it sits, and the relays that came with it. Markers ("veto", "barrier") record what the walk
passed. Which candidate is the speaker is decided in ``attribution``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..lexicon import words
from ..model import Source
from .reporting import (
    ANNOUNCING,
    EVIDENTIAL,
    NOT_CLAIMED,
    PASSIVE_ONLY,
    REPORTING,
    WEAK,
    according_obj,
    according_to,
    bare_tag,
    by_reckoning,
    cited_source,
    coordinated,
    inverted_subject,
    is_evidence,
    is_outlet,
    is_reporting,
    media_object,
    passive_agent,
    subject_of,
    within,
)
from .speakers import (
    DOC_WORDS,
    PRONOUNS,
    agent_of,
    author_of,
    make_source,
    name_of,
    named_head,
    owner_of,
    plausible_source,
    relay_of,
    source_kind,
)

Token = Any
Span = Any

# constructions in the order the rules prefer them within one step of the walk
WALK = ("verb", "according", "parataxis", "conj_tag", "owner")
# sentence-wide constructions, tried when the walk found nothing
SENTENCE = ("sentence_according", "reckoning", "as_clause", "tag", "headline")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible speaker of a number (``source`` None: the construction names no one usable)."""
    kind: str
    source: Source | None = None
    via: tuple[str, ...] = ()
    verb: str | None = None
    step: int = 0  # hops up the parse tree from the number; 0 for sentence-wide ones
    at: int = -1  # token index of the phrase that names the source
    weak: bool = False  # a verb of thinking, announcing or physical finding: yields to a report above
    outlet: bool = False  # the phrase is a news outlet (may relay an announcement)
    outlet_name: str | None = None


def candidates(q: Token, sent: Span, resolve: dict[str, Source]) -> list[Candidate]:
    """Every candidate speaker of the number at ``q``: its own clause, the walk up from it, then
    the sentence-wide constructions; a "veto" ends the walk where the number describes a speaker."""
    out = own_clause(q, resolve)
    out += self_passive(q, resolve)
    out += walk(q, resolve)
    out += sentence_wide(q, sent, resolve)
    return out


def self_passive(q: Token, resolve: dict[str, Source]) -> list[Candidate]:
    """The number's own words are a passive report: "was estimated at 31,000 by the UN agency"."""
    if not (is_reporting(q) and q.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in q.children)):
        return []
    agent = next((found for t in q.subtree if (found := agent_of(t, loose=True)) is not None), None)
    if agent is None or (src := make_source(agent, resolve)) is None:
        return []
    return [Candidate("passive", src, (), q.lemma_.lower(), 0, agent.i)]


def walk(q: Token, resolve: dict[str, Source]) -> list[Candidate]:
    """Up from the number: at each reporting verb its subject (or a passive's agent), and beside
    each clause an "according to X" or a ", X said," tag."""
    out: list[Candidate] = []
    cur = q
    for step in range(1, 13):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("conj", "advcl") and cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in cur.children):
            out.append(Candidate("barrier", step=step))  # "…, but the coast guard believes about 780 were aboard"
        below, cur = cur, cur.head
        lemma = cur.lemma_.lower()
        if not is_reporting(cur) or lemma == "claim" and below.dep_ == "dobj" and below.lemma_.lower() in NOT_CLAIMED:
            out += beside(cur, below, q, resolve, step)
            continue
        subj = subject_of(cur)
        if lemma in PASSIVE_ONLY and (subj is None or subj.dep_ != "nsubjpass"):
            continue
        if subj is not None and subj.dep_ == "nsubjpass":
            # "were confirmed by the ministry"; "is estimated to", "have been recorded": no source
            subj = passive_agent(cur, q)
        if subj is None or subj.i > q.i and subj.head.i == cur.i and cur.i < q.i:
            continue
        if (within(q, subj) or subj.i == q.i) and named_head(subj).lemma_.lower() not in DOC_WORDS:
            out.append(Candidate("veto", step=step))  # the number describes the speaker
            break
        hit = found(cur, subj, resolve)
        if hit is None:
            out += beside(cur, below, q, resolve, step)
            continue
        weak = lemma in WEAK or lemma in ANNOUNCING or lemma in EVIDENTIAL and not is_evidence(cur, subj)
        out.append(Candidate("verb", hit[0], tuple(hit[1]), lemma, step, subj.i, weak))
    return out


def sentence_wide(q: Token, sent: Span, resolve: dict[str, Source]) -> list[Candidate]:
    """Attributions anywhere in the sentence: "according to X", "by the army's own count",
    "…, as officials said", a closing tag the parser hung elsewhere, a headline's source."""
    out: list[Candidate] = []
    obj = according_to(sent)
    if obj is not None:
        src, via, verb = according(obj, resolve)
        out.append(Candidate("sentence_according", src, tuple(via), verb, 0, obj.i,
                             outlet=is_outlet(obj), outlet_name=name_of(obj)))
    owner = by_reckoning(sent)
    if owner is not None:
        out.append(Candidate("reckoning", make_source(owner, resolve), (), "estimate", 0, owner.i))
    for tok in sent:
        if tok.lemma_.lower() in REPORTING and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            subj = subject_of(tok)
            if subj is not None:
                out.append(Candidate("as_clause", make_source(subj, resolve), (), tok.lemma_.lower(), 0, subj.i,
                                     outlet=is_outlet(subj), outlet_name=name_of(subj)))
    hit = closing_tag(sent, q, resolve)
    if hit is not None:
        out.append(Candidate("tag", hit[0], (), "say", 0, hit[1]))
    src = headline_source(sent)
    if src is not None:
        out.append(Candidate("headline", src, (), "say", 0, sent.start))
    return out


def own_clause(q: Token, resolve: dict[str, Source]) -> list[Candidate]:
    """A number whose noun carries its own report: "the 64 people the agency lists as missing",
    "the 40 reported by the mayor"."""
    for tok in (q, q.head):
        if tok.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        for child in tok.children:
            if child.dep_ not in ("relcl", "acl") or child.i < q.i or not is_reporting(child):
                continue
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ in ("who", "that", "which"):
                subj = agent_of(child, loose=True)
            if subj is not None and (src := make_source(subj, resolve)) is not None:
                return [Candidate("own", src, (), "say", 0, subj.i)]
    return []


_HEAD_LABELS = words("headline_labels")
def found(cur: Token, subj: Token, resolve: dict[str, Source]) -> tuple[Source, list[str]] | None:
    """Source and relays of a reporting verb with its subject."""
    via: list[str] = []
    cited = cited_source(cur, subj)
    if cited is not None:
        # "X, citing Y, said": Y is the source, X relays it
        src = make_source(cited, resolve)
        if src is not None:
            via.append(name_of(named_head(subj)))
            return src, via
    src = make_source(subj, resolve)
    if src is None:
        return None
    media = media_object(cur)
    if media is not None:
        via.append(name_of(media))
    relay = relay_of(named_head(subj))
    if relay is not None:
        via.append(name_of(relay))
    # "The WSJ quoted analysts who said ...": the quoting outlet is the relay
    if subj.lower_ in ("who", "that") and cur.dep_ == "relcl":
        outer = cur.head.head
        outer_subj = subject_of(outer) if outer.pos_ in ("VERB", "AUX") else None
        if outer_subj is not None:
            via.append(name_of(outer_subj))
    return src, via






def according(obj: Token, resolve: dict[str, Source]) -> tuple[Source | None, list[str], str]:
    """"according to X"; "according to Bloomberg, which cited a person familiar": the cited, via X."""
    for child in obj.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in ("cite", "quote") and is_outlet(obj):
            cited = next((o for o in child.children if o.dep_ == "dobj"), None)
            if cited is not None and (src := make_source(cited, resolve)) is not None:
                return src, [name_of(obj)], "according to"
    relay = relay_of(obj)
    return make_source(obj, resolve), [name_of(relay)] if relay is not None else [], "according to"



def beside(cur: Token, below: Token, q: Token, resolve: dict[str, Source], step: int) -> list[Candidate]:
    """An attribution hung on a clause the number is in: "…, according to city officials", or a
    parenthetical ", the ministry said," the parser made a sibling of the clause; and a document
    or an owner's reckoning as the clause's subject ("Analysts' forecasts averaged $4.12")."""
    for child in cur.children:
        if child.i == below.i:
            continue
        obj = according_obj(child) if child.dep_ == "prep" else None
        if obj is not None:
            src, via, verb = according(obj, resolve)
            if src is not None:
                return [Candidate("according", src, tuple(via), verb, step, obj.i)]
        if child.dep_ == "parataxis" and is_reporting(child) and child.lemma_.lower() not in WEAK and bare_tag(child):
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None) or inverted_subject(child)
            if subj is not None and (hit := found(child, subj, resolve)) is not None:
                return [Candidate("parataxis", hit[0], tuple(hit[1]), child.lemma_.lower(), step, subj.i)]
        if child.dep_ == "conj" and child.i > q.i and is_reporting(child) and child.lemma_.lower() not in WEAK \
                and bare_tag(child) and not coordinated(child) \
                and not any(c.dep_ == "cc" and c.i < child.i for c in child.children):
            # "Each family will receive 3.6 million lusars, Minister Dalia Prest told lawmakers": a
            # closing tag the parser coordinated with the clause
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is not None and any(t.text == "," for t in child.doc[q.i:subj.left_edge.i]) \
                    and (hit := found(child, subj, resolve)) is not None:
                return [Candidate("conj_tag", hit[0], tuple(hit[1]), child.lemma_.lower(), step, subj.i)]
        if child.dep_ == "nsubj" and child.i < q.i and not within(q, child):
            named = named_head(child)
            owner = owner_of(named)
            if owner is not None and owner.ent_type_ in ("GPE", "LOC", "NORP"):
                continue  # "Spain's flood toll reached 211, authorities said": the place counts, it does not speak
            doc_word = named.lemma_.lower() in DOC_WORDS and author_of(named) is not None
            if (owner is not None or doc_word or cur.lemma_.lower() == "be" and named.lemma_.lower() in DOC_WORDS) \
                    and (src := make_source(child, resolve)) is not None:
                # "The union's estimate is that 45,000 workers joined", "the ministry's toll stood at"
                return [Candidate("owner", src, (), named.lemma_.lower(), step, child.i)]
    return []



def closing_tag(sent: Span, q: Token, resolve: dict[str, Source]) -> tuple[Source, int] | None:
    """A closing attribution the parser hung elsewhere: "…, Bank of Harlow data showed on Monday.",
    "…, a World Bank study found.": a reporting verb with no object of its own, after the number."""
    for tok in sent:
        if tok.i <= q.i or not is_reporting(tok) or tok.lemma_.lower() in WEAK:
            continue
        if not bare_tag(tok):
            continue  # "... and economists warned of a recession": a clause of its own
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > q.i:
            subj = tok.head
        else:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i <= q.i or within(q, subj):
            continue
        between = sent.doc[q.i:subj.left_edge.i]
        if not any(t.text == "," for t in between) or coordinated(tok):
            continue
        named = named_head(subj)
        if named.lemma_.lower() in DOC_WORDS or plausible_source(named) or named.lower_ in PRONOUNS:
            src = make_source(subj, resolve)
            if src is not None:
                return src, subj.i
    return None


_HEADLINE_PREFIX = re.compile(r"^\s*([A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3})\s*:\s+\S")
_HEADLINE_SUFFIX = re.compile(r"\s[-–—]\s?([A-Za-z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3})\s*$")


_COLLECTIVE = words("collective_sources")


def headline_source(sent: Span) -> Source | None:
    """A headline's source: "UN: 80,000 displaced by floods", "Grain exports slump 23% - traders".

    Only a line with no closing full stop reads as a headline ("The quake killed 300 people -
    mostly in Turkey." does not), and the name must be one whole name or a collective source
    ("Russia's losses so far: 12,000" is a label, not a speaker)."""
    text = sent.text
    if text.rstrip()[-1:] in ".!?…":
        return None
    for pattern in (_HEADLINE_PREFIX, _HEADLINE_SUFFIX):
        m = pattern.search(text)
        if m is None:
            continue
        name = m.group(1).strip()
        if name.lower() in _HEAD_LABELS or any(ch.isdigit() for ch in name):
            continue
        start = sent.start_char + m.start(1)
        toks = [t for t in sent if start <= t.idx < start + len(name)]
        shouted = name.isupper() and len(name) > 5  # "DAM OF DEATH: 200 CASUALTIES" is a headline's kicker
        # one whole name of a body or a person ("Sudan: 200 killed" names a place, not a speaker)
        whole = bool(toks) and all(t.ent_type_ in ("ORG", "PERSON") for t in toks) \
            and sum(t.ent_iob_ == "B" for t in toks) == 1
        collective = name.lower().removeprefix("the ") in _COLLECTIVE
        if not shouted and (whole or collective):
            base = toks[0].idx if toks else sent.start_char
            return Source(name=name, kind=source_kind(name, toks), start=base, end=base + len(name))
    return None


