"""Who a number is put on, and through whom it came (the attribution chain)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..model import Attribution, Source

Token = Any
Span = Any

REPORTING = {
    "say", "tell", "estimate", "warn", "believe", "report", "state", "indicate", "note", "cite", "claim",
    "announce", "confirm", "add", "assess", "caution", "argue", "suggest", "write", "testify", "acknowledge",
    "allege", "insist", "explain", "disclose", "reveal", "quote", "show", "put", "count", "calculate",
    "record", "find", "conclude", "predict", "forecast", "project", "admit", "deny", "assert", "declare",
    "tweet", "post", "publish", "brief", "inform", "recount", "observe", "think", "fear", "expect",
}
HEDGES = {"estimate", "believe", "reportedly", "allegedly", "might", "could", "may", "likely", "suggest",
          "possibly", "probably", "appear", "seem", "unconfirmed", "purportedly", "apparently", "estimated"}
DOC_WORDS = {"report", "estimate", "assessment", "statement", "analysis", "data", "figure", "survey", "study",
             "document", "briefing", "release", "tally", "count", "census", "review", "investigation"}
UNNAMED = {"report", "reports", "source", "sources", "observer", "observers", "media", "people", "some"}
CONTINUATION = re.compile(
    r"^\s*(added to that|in addition|additionally|also|moreover|furthermore|besides|on top of that|"
    r"(he|she|they|it) (also |further )?(said|added|noted|estimated)|the (report|estimate|assessment) (also )?"
    r"(said|added|found))\b", re.I)
_LEAD = {"the", "a", "an", "another", "other"}
PRONOUNS = {"he": "person", "she": "person", "they": "plural", "it": "thing", "we": "plural", "i": "person"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    media: frozenset[str]
    media_words: frozenset[str]
    kinds: dict[str, str]


@cache
def lexicon() -> Lexicon:
    data = json.loads(resources.files("claimgraph").joinpath("data/sources.json").read_text("utf-8"))
    return Lexicon(frozenset(m.lower() for m in data["media"]), frozenset(w.lower() for w in data["media_words"]),
                   {k.lower(): v for k, v in data["kinds"].items()})


def is_media(name: str) -> bool:
    lex = lexicon()
    low = re.sub(r"^the\s+", "", name.lower().strip())
    if low in lex.media:
        return True
    words = low.replace("'s", "").split()
    return bool(words) and words[-1] in lex.media_words and name[:1].isupper()


def source_kind(name: str, tokens: list[Token] | None = None) -> str:
    lex = lexicon()
    if is_media(name):
        return "media"
    low = name.lower()
    if tokens and any(t.ent_type_ == "PERSON" for t in tokens):
        return "person"
    kinds = [lex.kinds[w] for w in re.findall(r"[a-z][a-z.-]*", low)[::-1] if w in lex.kinds]
    strong = [k for k in kinds if k != "unnamed"]
    if strong or kinds:
        return (strong or kinds)[0]
    if tokens and any(t.ent_type_ in ("ORG",) for t in tokens):
        return "organisation"
    if tokens and any(t.ent_type_ in ("GPE", "NORP") for t in tokens):
        return "government"
    return "unnamed"


def name_tokens(head: Token) -> list[Token]:
    """The name phrase of a source: the head with its modifiers and conjuncts, no clauses."""
    drop = {"relcl", "acl", "appos", "advcl", "punct", "prep", "ccomp", "parataxis"}
    keep: list[Token] = []

    def walk(tok: Token) -> None:
        keep.append(tok)
        for child in tok.children:
            if child.dep_ in drop and not (child.dep_ == "prep" and child.lower_ == "of" and tok.i < child.i):
                continue
            walk(child)

    walk(head)
    keep.sort(key=lambda t: t.i)
    run = [head]
    ids = {t.i for t in keep}
    i = head.i - 1
    while i in ids:
        run.insert(0, head.doc[i])
        i -= 1
    i = head.i + 1
    while i in ids:
        run.append(head.doc[i])
        i += 1
    while run and (run[0].lower_ in _LEAD or run[0].dep_ in ("poss",) and run[0].lower_ in ("its", "their")):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].lower_ in ("'s", "’s")):
        run.pop()
    return run or [head]


def make_source(head: Token, resolve: dict[str, Source]) -> Source | None:
    if head.lower_ in PRONOUNS:
        return resolve.get(PRONOUNS[head.lower_]) or resolve.get("any")
    if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
        head = head.head.head
    toks = name_tokens(head)
    name = head.doc[toks[0].i:toks[-1].i + 1].text
    if not name.strip() or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    kind = "unnamed" if head.lemma_.lower() in UNNAMED and not any(t.ent_type_ for t in toks) else None
    return Source(name=name, kind=kind or source_kind(name, toks), start=toks[0].idx,
                  end=toks[-1].idx + len(toks[-1]))


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _media_object(verb: Token) -> Token | None:
    """'told the WSJ', 'said in an interview with Reuters', 'told reporters'."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ in ("PROPN", "NOUN"):
            name = child.doc[name_tokens(child)[0].i:name_tokens(child)[-1].i + 1].text
            if is_media(name) or child.ent_type_ == "ORG":
                return child
        if child.dep_ == "prep" and child.lower_ in ("to", "with"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "ORG":
                    return obj
    return None


def according_to(sent: Span) -> Token | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for obj in tok.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def attribute(q: Token, sent: Span, resolve: dict[str, Source]) -> tuple[Attribution | None, bool]:
    """The attribution of a number at token ``q`` within its sentence, and whether it is hedged."""
    hedged = any(t.lemma_.lower() in HEDGES or t.lower_ in HEDGES for t in sent)
    source: Source | None = None
    via: list[str] = []
    verb_used: str | None = None
    cur = q
    for _ in range(12):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ not in ("VERB", "AUX") or cur.lemma_.lower() not in REPORTING:
            continue
        subj = _subject(cur)
        if subj is None or subj.dep_ == "nsubjpass" and cur.lemma_.lower() in ("estimate", "believe", "report",
                                                                                "say", "think", "expect"):
            continue  # "is estimated to", "is believed to": hedged, no source
        if subj.i > q.i and subj.head is cur and cur.i < q.i:
            continue
        subj_head = subj
        if subj.lemma_.lower() in DOC_WORDS:
            # "South Korea's intelligence estimate said", "the JCS report said"
            verb_used = cur.lemma_.lower()
        src = make_source(subj_head, resolve)
        if src is None:
            continue
        verb_used = cur.lemma_.lower()
        source = src
        media = _media_object(cur)
        if media is not None:
            toks = name_tokens(media)
            via.append(q.doc[toks[0].i:toks[-1].i + 1].text)
        # "The WSJ quoted analysts who said ...": the quoting outlet is the relay
        if subj.lower_ in ("who", "that") and cur.dep_ == "relcl":
            outer = cur.head.head
            outer_subj = _subject(outer) if outer.pos_ in ("VERB", "AUX") else None
            if outer_subj is not None:
                via.append(q.doc[name_tokens(outer_subj)[0].i:name_tokens(outer_subj)[-1].i + 1].text)
        break
    if source is None:
        obj = according_to(sent)
        if obj is not None:
            source = make_source(obj, resolve)
            verb_used = "according to"
    if source is None:
        # "…, as the Meridian Press Agency reported", "…, as officials said"
        for tok in sent:
            if tok.lemma_.lower() in REPORTING and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                subj = _subject(tok)
                if subj is not None and (src := make_source(subj, resolve)) is not None:
                    source, verb_used = src, tok.lemma_.lower()
                    break
    if source is None:
        return None, hedged
    if source.kind == "unnamed" and source.name.lower() in UNNAMED | {"reports suggest"}:
        return Attribution(None, verb=verb_used, certainty="hedged" if hedged else "asserted"), hedged
    return Attribution(source, tuple(via), verb_used, "hedged" if hedged else "asserted"), hedged


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
