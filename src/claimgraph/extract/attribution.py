"""Who a number is put on, and through whom it came (the attribution chain).

Three small steps: ``candidates`` lists every speaker the grammar of the sentence offers,
``speaker_model`` describes each by features and scores it, and ``decide`` takes the best one,
or follows the rules' order of preference (``prefer``) when the shipped model is switched off.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from ..lexicon import words
from ..model import Attribution, Source
from . import speaker_model
from .candidates import SENTENCE, WALK, Candidate, candidates, headline_source
from .reporting import ANNOUNCING, REPORTING, dateline_end
from .speakers import PRONOUNS, UNNAMED, is_media, make_source, remember_org, source_kind

__all__ = ["PRONOUNS", "REPORTING", "Choice", "attribute", "continues", "dateline_end", "decide", "document_relay",
           "headline_source", "hedged", "is_media", "make_source", "prefer", "remember_org", "source_kind"]

Token = Any
Span = Any

HEDGES = words("hedge_words")
# hedges only as modal verbs: "May" the month, "Could" in a name are not
MODALS = HEDGES & words("permission_modals")  # may, might, could
CONTINUATION = re.compile(
    r"^\s*(added to that|in addition|additionally|also|moreover|furthermore|besides|on top of that|"
    r"(he|she|they|it) (also |further )?(said|added|noted|estimated)|the (report|estimate|assessment) (also )?"
    r"(said|added|found))\b", re.I)


@dataclass(frozen=True, slots=True)
class Choice:
    """The decision for one number: its source (None: the writer's), relays and reporting verb."""
    source: Source | None
    via: tuple[str, ...] = ()
    verb: str | None = None


def hedged(sent: Span) -> bool:
    return any((t.lemma_.lower() in HEDGES or t.lower_ in HEDGES) and (t.lower_ not in MODALS or t.tag_ == "MD")
               for t in sent)


def attribute(q: Token, sent: Span, resolve: dict[str, Source]) -> tuple[Attribution | None, bool]:
    """The attribution of a number at token ``q`` within its sentence, and whether it is hedged."""
    hedge = hedged(sent)
    choice = decide(q, sent, candidates(q, sent, resolve))
    if choice is None:
        return None, hedge
    certainty = "hedged" if hedge else "asserted"
    source = choice.source
    if source is not None and source.kind == "unnamed" and source.name.lower() in UNNAMED | {"reports suggest"}:
        source = None  # "reports suggest", "sources said": no one to put the number on
    if source is None and not choice.via:
        return (Attribution(None, (), choice.verb, certainty) if choice.source else None), hedge
    return Attribution(source, choice.via, choice.verb, certainty), hedge


def decide(q: Token, sent: Span, cands: list[Candidate]) -> Choice | None:
    """The scorer's choice, or the rules' when the model is off (``CLAIMGRAPH_SPEAKER=rules``)."""
    if os.environ.get("CLAIMGRAPH_SPEAKER", "") != "rules" and speaker_model.enabled():
        best = speaker_model.choose(q, sent, cands)
        if best is None:
            return None
        return Choice(best.source, announced_via(best, cands), best.verb)
    return prefer(cands)


def announced_via(best: Candidate, cands: list[Candidate]) -> tuple[str, ...]:
    """An announcement an outlet relays: "The bank has pledged $300 million, according to the MPA"."""
    if best.via or best.verb not in ANNOUNCING:
        return best.via
    outlet = next((c for c in cands if c.kind in ("sentence_according", "as_clause") and c.outlet), None)
    return (outlet.outlet_name,) if outlet is not None and outlet.outlet_name else ()


def walked(cands: list[Candidate]) -> Candidate | None:
    """The walk's pick: the nearest report above the number, a verb of thinking or announcing
    only when no plain report stands above it; a tag beside a clause before any verb; none past
    a clause of another speaker ("…, but the coast guard believes …") or a vetoing description."""
    best: Candidate | None = None
    for c in cands:
        if c.kind == "veto":
            return c
        if c.kind == "barrier" and best is not None:
            break
        if c.kind == "verb":
            best = c if best is None or not c.weak else best
            if not c.weak:
                break
        elif c.kind in WALK and best is None:
            return c
    return best


def prefer(cands: list[Candidate]) -> Choice | None:
    """The rules' order of preference: the number's own clause, the walk up the tree, then the
    sentence-wide constructions in turn ("according to X", "by X's count", "as X said", a closing
    tag, a headline's source). An outlet beside an announcement is its relay."""
    own = next((c for c in cands if c.kind in ("own", "passive")), None)
    if own is not None:
        return Choice(own.source, own.via, own.verb)
    best = walked(cands)
    if best is not None and best.kind == "veto":
        return None
    source, via, verb = (best.source, best.via, best.verb) if best is not None else (None, (), None)
    acted = source is not None and verb in ANNOUNCING
    wide = {k: [c for c in cands if c.kind == k] for k in SENTENCE}
    if source is None or acted:
        for c in wide["sentence_according"]:
            if acted and c.outlet and c.outlet_name:
                via = (c.outlet_name,)
            else:
                source, via, verb = c.source, c.via, c.verb
    if source is None:
        for c in wide["reckoning"]:
            source, verb = c.source, c.verb
    if source is None or acted and not via:
        for c in wide["as_clause"]:
            if acted and c.outlet and c.outlet_name:
                via = (c.outlet_name,)
                break
            if c.source is not None:
                source, verb = c.source, c.verb
                break
    if source is None:
        last = next((c for c in wide["tag"] + wide["headline"]), None)
        if last is not None:
            source, verb = last.source, "say"
    return Choice(source, via, verb)


def continues(sent_text: str) -> bool:
    """Does a sentence carry on the previous one's attribution ("Added to that …")?"""
    return bool(CONTINUATION.match(sent_text))


RELAY = re.compile(
    r"according to (?:(?:recent|new|a|the|earlier)\s+)*(?:reports?|reporting|an? (?:report|investigation|analysis)) "
    r"(?:from|by|in|of) (?P<a>(?:the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*)|"
    r"(?P<b>(?:the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*) (?:reports|reported)\s*$", re.M)


def document_relay(title: str | None, lead: str) -> str | None:
    """An outlet the whole article relays: 'according to recent reports from The WSJ', '…, WSJ reports'."""
    for text in (lead, title or ""):
        for m in RELAY.finditer(text):
            name = (m.group("a") or m.group("b") or "").strip()
            name = re.sub(r"\s*\(.*$", "", name)
            if name and is_media(name):
                return name
    return None
