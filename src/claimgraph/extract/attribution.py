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
             "document", "briefing", "release", "tally", "count", "census", "review", "investigation", "poll",
             "memo", "filing", "letter", "audit", "projection", "forecast", "calculation", "reckoning", "view",
             "record", "result", "index", "model", "inquiry", "paper"}
# a document's author: "a report by X", "data from X", "the report, published by X"
AUTHOR_PREPS = {"by", "from"}
AUTHOR_VERBS = {"publish", "release", "issue", "compile", "commission", "conduct", "prepare", "produce", "write",
                "carry", "draft", "present", "submit"}
# an outlet that relays a source: "analysts polled by Reuters", "a memo seen by Bloomberg"
RELAY_VERBS = {"poll", "survey", "interview", "quote", "cite", "contact", "see", "obtain", "review", "access",
               "reach", "consult"}
# a verb of thinking yields to a speech verb above it:
# "the party expects to win 150 seats, its general secretary told the FT" -> the general secretary
WEAK = {"expect", "think", "fear", "believe"}
MEDIA_NOUNS = {"broadcaster", "newspaper", "paper", "channel", "station", "network", "outlet", "daily", "weekly",
               "magazine", "website", "site", "tabloid", "broadsheet", "wire", "agency", "program", "programme",
               "podcast", "show", "radio", "television", "tv", "media", "press", "broadcasting"}
# media nouns that name an outlet with a modifier alone: "state radio", "German public television"
OUTLET_NOUNS = {"radio", "television", "tv", "media", "broadcaster", "newspaper", "channel", "daily", "weekly",
                "magazine", "tabloid"}
UNNAMED = {"report", "reports", "source", "sources", "observer", "observers", "media", "people", "some"}
CONTINUATION = re.compile(
    r"^\s*(added to that|in addition|additionally|also|moreover|furthermore|besides|on top of that|"
    r"(he|she|they|it) (also |further )?(said|added|noted|estimated)|the (report|estimate|assessment) (also )?"
    r"(said|added|found))\b", re.I)
_LEAD = {"the", "a", "an", "another", "other"}
PRONOUNS = {"he": "person", "she": "person", "they": "plural", "it": "thing", "we": "plural", "i": "person",
            "him": "person", "her": "person", "them": "plural", "us": "plural", "me": "person"}


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


def _entity(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)


def name_tokens(head: Token) -> list[Token]:
    """The name phrase of a source: the head with its modifiers and conjuncts, no clauses;
    a name the entity recogniser knows reads whole ("International Organization for Migration")."""
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
    ent = _entity(head)
    if ent is not None and (ent.start < run[0].i or ent.end > run[-1].i + 1):
        run = list(head.doc[min(ent.start, run[0].i):max(ent.end, run[-1].i + 1)])
    while run and (run[0].lower_ in _LEAD or run[0].dep_ in ("poss",) and run[0].lower_ in ("its", "their")):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].lower_ in ("'s", "’s")):
        run.pop()
    return run or [head]


def _text(tok: Token) -> str:
    toks = name_tokens(tok)
    return str(tok.doc[toks[0].i:toks[-1].i + 1].text)


_PLACES = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}


def _named(head: Token) -> Token:
    """A role noun with a proper name in apposition stands for the name:
    "the hospital's director, Karim Haddad" -> Karim Haddad; "the industry group SolarPower Europe"."""
    if head.pos_ != "NOUN":
        return head
    for child in head.children:
        # not a place: "officials in the east, Donetsk," names where, not who
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ not in _PLACES:
            return child
    return head


def _plausible_source(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
            or tok.lemma_.lower() in lexicon().kinds or tok.lower_ in lexicon().kinds)


def _author(head: Token) -> Token | None:
    """The author of a document word: "a report by Amnesty", "data from EPFR", "the report, published by the WFP"."""
    if head.lemma_.lower() not in DOC_WORDS and head.lower_ not in DOC_WORDS:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPS:
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and _plausible_source(obj):
                return obj
        if child.dep_ == "acl" and child.lemma_.lower() in AUTHOR_VERBS:
            obj = _agent(child)
            if obj is not None:
                return obj
    return None


def _agent(verb: Token) -> Token | None:
    """The 'by X' of a passive verb or participle."""
    for child in verb.children:
        if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by":
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and _plausible_source(obj):
                return obj
    return None


def _relay(head: Token) -> Token | None:
    """An outlet that relays a source: "analysts polled by Reuters", "a memo seen by Bloomberg"."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in RELAY_VERBS:
            return _agent(child)
    return None


def _nominal(head: Token) -> bool:
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return True
    # "The ceasefire monitors recorded …": a plural noun the tagger took for a verb, as a subject
    return bool(head.pos_ == "VERB" and head.dep_ == "nsubj" and head.tag_ == "VBZ")


def make_source(head: Token, resolve: dict[str, Source]) -> Source | None:
    if head.lower_ in PRONOUNS:
        return resolve.get(PRONOUNS[head.lower_]) or resolve.get("any")
    if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
        head = head.head.head
    head = _named(head)
    author = _author(head)
    if author is not None:
        return make_source(author, resolve)
    toks = name_tokens(head)
    name = head.doc[toks[0].i:toks[-1].i + 1].text
    if not name.strip() or not _nominal(head):
        return None
    kind = "unnamed" if head.lemma_.lower() in UNNAMED and not any(t.ent_type_ for t in toks) else None
    return Source(name=name, kind=kind or source_kind(name, toks), start=toks[0].idx,
                  end=toks[-1].idx + len(toks[-1]))


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)
    return _inverted_subject(verb)


def _inverted_subject(verb: Token) -> Token | None:
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


def _reporting(tok: Token) -> bool:
    if tok.lemma_.lower() not in REPORTING:
        return False
    if tok.pos_ in ("VERB", "AUX"):
        return True
    # "…, the World Bank estimates.": a verb the tagger took for a plural noun
    return tok.tag_ in ("NNS", "NN") and any(c.dep_ == "nsubj" for c in tok.children)


def _media_object(verb: Token) -> Token | None:
    """'told the WSJ', 'said in an interview with Reuters', 'told the broadcaster SVT'; not 'told reporters'."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ in ("PROPN", "NOUN"):
            if is_media(_text(child)) or child.ent_type_ == "ORG":
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


def _cited(verb: Token, subj: Token) -> Token | None:
    """"The BBC, citing local officials, said …": the cited source."""
    for holder in (verb, subj):
        for child in holder.children:
            if child.dep_ in ("advcl", "acl", "xcomp") and child.lemma_.lower() == "cite":
                obj = next((o for o in child.children if o.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
    return None


def according_to(sent: Span) -> Token | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for obj in tok.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return obj
    return None


_RECKONING = {"count", "estimate", "tally", "reckoning", "calculation", "estimation", "view", "assessment"}


def by_reckoning(sent: Span) -> Token | None:
    """"By the army's own count", "in the union's estimate": the owner of the count."""
    for tok in sent:
        if tok.lemma_.lower() in _RECKONING and tok.dep_ == "pobj" and tok.head.lower_ in ("by", "in"):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
    return None


def _found(cur: Token, subj: Token, resolve: dict[str, Source]) -> tuple[Source, list[str]] | None:
    """Source and relays of a reporting verb with its subject."""
    via: list[str] = []
    cited = _cited(cur, subj)
    if cited is not None:
        # "X, citing Y, said": Y is the source, X relays it
        src = make_source(cited, resolve)
        if src is not None:
            via.append(_text(_named(subj)))
            return src, via
    src = make_source(subj, resolve)
    if src is None:
        return None
    media = _media_object(cur)
    if media is not None:
        via.append(_text(media))
    relay = _relay(_named(subj))
    if relay is not None:
        via.append(_text(relay))
    # "The WSJ quoted analysts who said ...": the quoting outlet is the relay
    if subj.lower_ in ("who", "that") and cur.dep_ == "relcl":
        outer = cur.head.head
        outer_subj = _subject(outer) if outer.pos_ in ("VERB", "AUX") else None
        if outer_subj is not None:
            via.append(_text(outer_subj))
    return src, via


def attribute(q: Token, sent: Span, resolve: dict[str, Source]) -> tuple[Attribution | None, bool]:
    """The attribution of a number at token ``q`` within its sentence, and whether it is hedged."""
    hedged = any(t.lemma_.lower() in HEDGES or t.lower_ in HEDGES for t in sent)
    source: Source | None = None
    via: list[str] = []
    verb_used: str | None = None
    cur = q
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        lemma = cur.lemma_.lower()
        if not _reporting(cur):
            # "The union's estimate is that 45,000 workers joined"
            if lemma == "be" and source is None:
                subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lemma_.lower() in DOC_WORDS and subj.i < q.i \
                        and (src := make_source(subj, resolve)) is not None:
                    source, verb_used = src, subj.lemma_.lower()
                    break
            continue
        subj = _subject(cur)
        if subj is not None and subj.dep_ == "nsubjpass":
            # "were confirmed by the ministry"; "is estimated to", "have been recorded": no source
            subj = _agent(cur)
        if subj is None:
            continue
        if subj.i > q.i and subj.head.i == cur.i and cur.i < q.i:
            continue
        hit = _found(cur, subj, resolve)
        if hit is None:
            continue
        if source is None or lemma not in WEAK:
            source, via, verb_used = hit[0], hit[1], lemma
        if lemma not in WEAK:
            break
    if source is None:
        obj = according_to(sent)
        if obj is not None:
            source = make_source(obj, resolve)
            verb_used = "according to"
            relay = _relay(obj)
            if relay is not None:
                via.append(_text(relay))
    if source is None:
        owner = by_reckoning(sent)
        if owner is not None:
            source = make_source(owner, resolve)
            verb_used = "estimate"
    if source is None:
        # "…, as the Meridian Press Agency reported", "…, as officials said"
        for tok in sent:
            if tok.lemma_.lower() in REPORTING and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                subj = _subject(tok)
                if subj is not None and (src := make_source(subj, resolve)) is not None:
                    source, verb_used = src, tok.lemma_.lower()
                    break
    certainty = "hedged" if hedged else "asserted"
    if source is None:
        return (Attribution(None, tuple(via), verb_used, certainty) if via else None), hedged
    if source.kind == "unnamed" and source.name.lower() in UNNAMED | {"reports suggest"}:
        return Attribution(None, tuple(via), verb_used, certainty), hedged
    return Attribution(source, tuple(via), verb_used, certainty), hedged


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
