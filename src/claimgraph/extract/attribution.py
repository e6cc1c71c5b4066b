"""Who a number is put on, and through whom it came (the attribution chain)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from ..model import Attribution, Source
from ..names import CORPORATE_SUFFIXES

Token = Any
Span = Any

REPORTING = {
    "say", "tell", "estimate", "warn", "believe", "report", "state", "indicate", "note", "cite", "claim",
    "announce", "confirm", "add", "assess", "caution", "argue", "suggest", "write", "testify", "acknowledge",
    "allege", "insist", "explain", "disclose", "reveal", "quote", "show", "put", "count", "calculate",
    "record", "find", "conclude", "predict", "forecast", "project", "admit", "deny", "assert", "declare",
    "tweet", "post", "publish", "brief", "inform", "recount", "observe", "think", "fear", "expect",
    "value", "identify", "imply",
    # announcing a sum or a plan: who unveils or pledges it is where the figure comes from
    "unveil", "pledge", "promise", "propose", "allocate", "earmark",
}
PASSIVE_ONLY = {"value"}
# "The agency raised the death toll to 121": who revises a count reports it
REVISING = {"raise", "revise", "lower", "update", "increase", "cut", "reduce", "put", "place"}
_COUNTS = {"toll", "estimate", "number", "figure", "count", "tally", "forecast", "projection", "total"}  # "was valued at €14 million by an appraiser"; not "the deal values the startup at"
# announcing a sum or a plan: the announcer is the source unless someone above reports it
ANNOUNCING = {"unveil", "pledge", "promise", "propose", "allocate", "earmark"}
# verbs of finding that may be physical ("officers found 212 kilograms of heroin"): a source only
# with a document for subject or a clause for object, else only when nothing above them reports
EVIDENTIAL = {"find", "show", "reveal", "indicate", "identify"}
# "the flood claimed 340 lives", "claimed responsibility for 23 attacks": not a claim of the number
NOT_CLAIMED = {"life", "lives", "responsibility", "victim", "credit", "title", "medal", "prize", "seat"}
HEDGES = {"estimate", "believe", "reportedly", "allegedly", "might", "could", "may", "likely", "suggest",
          "possibly", "probably", "appear", "seem", "unconfirmed", "purportedly", "apparently", "estimated"}
DOC_WORDS = {"report", "estimate", "assessment", "statement", "analysis", "data", "datum", "figure", "survey", "study",
             "document", "briefing", "release", "tally", "count", "census", "review", "investigation", "poll",
             "memo", "filing", "letter", "audit", "projection", "forecast", "calculation", "reckoning", "view",
             "record", "result", "index", "model", "inquiry", "paper"}
# words that name a source's own reckoning when it is their owner: "the ministry's toll",
# "analysts' forecasts", "UNICEF's latest estimate"
OWNED = DOC_WORDS | {"toll", "guidance", "outlook", "numbers", "number", "estimates", "figures", "tallies",
                     "counts", "projections", "forecasts", "records", "statistics", "calculations", "registry",
                     "register", "accounts", "logs", "log", "database", "books", "files", "list", "manifest"}
# headline words before a colon that are not a source ("Exclusive: ...", "Update: ...")
_HEAD_LABELS = {"exclusive", "breaking", "update", "updated", "watch", "live", "analysis", "opinion", "explainer",
                "factbox", "photos", "video", "comment", "editorial", "interview", "review", "q&a", "in pictures",
                "fact check", "timeline", "graphic", "podcast", "editor's note", "correction", "special report"}
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
            "him": "person", "her": "person", "them": "plural", "us": "plural", "me": "person",
            "his": "person", "its": "thing", "their": "plural"}


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
    if not (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.text.islower()):  # "commander" tagged PROPN
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
            if obj is not None and (_plausible_source(obj) or _plausible_source(_named(obj))):
                return obj  # "an estimate by the salvage firm Halvard Salvage"
        if child.dep_ == "acl" and child.lemma_.lower() in AUTHOR_VERBS:
            obj = _agent(child)
            if obj is not None:
                return obj
    return None


def _agent(verb: Token, *, loose: bool = False) -> Token | None:
    """The 'by X' of a passive verb or participle; ``loose``: any noun will do ("was put at
    40,000 by organisers"), else only a plausible source."""
    for child in verb.children:
        if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by":
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and (_plausible_source(obj) or loose and obj.pos_ in ("NOUN", "PROPN")) \
                    and obj.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL") \
                    and obj.lower_ not in _NOT_AGENTS and not obj.like_num and obj.lemma_.lower() not in _NOT_AGENTS:
                return obj
    return None


_AMOUNTS = {"number", "total", "toll", "count", "tally", "share", "percentage", "majority", "proportion", "amount",
            "figure"}
# words after 'by' that name a time or a measure, never an agent ('by midnight', 'by 40 percent')
_NOT_AGENTS = {"midnight", "noon", "dawn", "dusk", "nightfall", "evening", "morning", "afternoon", "then", "now", "end",
               "time", "close", "start", "beginning", "middle", "percent", "%", "point", "points"}


def _passive_agent(verb: Token, q: Token) -> Token | None:
    """The agent of a passive reporting verb, also where the parser hung 'by X' on the number
    ("was estimated at 31,000 by the UN refugee agency")."""
    found = _agent(verb, loose=True)
    tok = q
    while found is None and tok.i != verb.i and tok.head.i != tok.i:
        found = _agent(tok, loose=True)
        tok = tok.head
    return found


def _owner(head: Token) -> Token | None:
    """The owner of a reckoning: "the ministry's figures", "analysts' forecasts"."""
    if head.lemma_.lower() not in OWNED and head.lower_ not in OWNED:
        return None
    return next((c for c in head.children if c.dep_ == "poss"), None)


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


# "the company", "the ministry", "the association": the organisation of that kind last named
ROLE_NOUNS = frozenset({"company", "firm", "operator", "group", "ministry", "agency", "association", "club",
                        "council", "authority", "commission", "union", "bank", "insurer", "regulator", "carrier",
                        "airline", "department", "office", "organisation", "organization", "institute", "committee",
                        "panel", "inquiry", "party", "coalition", "charity", "federation", "directorate", "service",
                        "lender", "fund", "watchdog", "exchange"})
def remember_org(resolve: dict[str, Source], name: str, start: int) -> None:
    """Note an organisation's name under the role nouns that may later stand for it."""
    words = [w.lower().strip(".,'’") for w in name.split()]
    words = [w for w in words if w and w != "the"]
    if not words:
        return
    src = Source(name=" ".join(name.split()[1:]) if name.lower().startswith("the ") else name,
                 kind=source_kind(name), start=start, end=start + len(name))
    # the head word names the kind: "Ministry of Social Affairs" is a ministry, "Aurel Star Families
    # Association" an association; "Department of Energy" is not an energy company
    of = words.index("of") if "of" in words else -1
    head = words[of - 1] if of > 0 else words[-1]
    if head in ROLE_NOUNS:
        resolve[f"org:{head}"] = src
    if head in ("bank", "fund"):
        resolve["org:lender"] = src  # "the Manila-based lender"
    if of < 0 and (head in CORPORATE_SUFFIXES or head in ("bank", "capital", "partners")):
        for role in ("company", "firm", "operator"):
            resolve[f"org:{role}"] = src


def make_source(head: Token, resolve: dict[str, Source]) -> Source | None:
    if head.lower_ in ("its", "it"):
        return resolve.get("thing")  # the organisation last named; never a person
    if head.lower_ in PRONOUNS:
        return resolve.get(PRONOUNS[head.lower_]) or resolve.get("any")
    if head.pos_ == "NOUN" and head.lemma_.lower() in ROLE_NOUNS and f"org:{head.lemma_.lower()}" in resolve \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
            and not any(c.dep_ in ("compound", "amod", "poss", "appos") and not c.lower_.endswith("based")
                        for c in head.children):
        # "the company told the agency" -> Belcastro Lines, spanning the words that name it here
        toks = name_tokens(head)
        return replace(resolve[f"org:{head.lemma_.lower()}"], start=min(head.left_edge.idx, toks[0].idx),
                       end=toks[-1].idx + len(toks[-1]))
    if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
        head = head.head.head
    head = _named(head)
    author = _author(head)
    if author is not None:
        return make_source(author, resolve)
    owner = _owner(head)
    if owner is not None:
        src = make_source(owner, resolve)
        if src is not None:
            return src  # "the ministry's figures"
        if owner.lower_ in ("its", "their", "his", "her") and head.lemma_.lower() not in DOC_WORDS - {"figure", "data", "datum"}:
            return None  # "the utility said its figures showed ...": the speaker above says whose
    if head.lemma_.lower() in _AMOUNTS and head.pos_ == "NOUN" \
            and not any(c.dep_ in ("compound", "amod", "poss") for c in head.children):
        return None  # "the number of people confirmed dead", "the figure": an amount is not a speaker
    toks = name_tokens(head)
    name = head.doc[toks[0].i:toks[-1].i + 1].text
    if not name.strip() or not _nominal(head):
        return None
    kind = "unnamed" if head.lemma_.lower() in UNNAMED and not any(t.ent_type_ for t in toks) else None
    if kind and head.tag_ == "NN" and head.lemma_.lower() == "report" \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        kind = "document"  # "the report said": the one the article is about, not "reports suggest"
    return Source(name=name, kind=kind or source_kind(name, toks), start=toks[0].idx,
                  end=toks[-1].idx + len(toks[-1]))


def _subject(verb: Token) -> Token | None:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subs:
        # the subject nearest the verb: "DOVRENNA, July 3 (Reuters) - Lusara's government said"
        before = [c for c in subs if c.i < verb.i]
        return _past_dateline(before[-1] if before else subs[0])
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)
    return _inverted_subject(verb)


_DASHES = {"—", "–", "-", "--"}


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?(?:,\s*\w{3,9}\.?\s+\d{1,2})?"
                       r"\s*(?:\([A-Za-z .]{2,30}\))?\s*(?:[-–—]{1,2}|:)\s(?=[A-Z\"“‘'(])"
                       r"|^[A-Z][\w .'’-]{1,40}?\s*\([A-Z][A-Za-z .]{1,20}\)\s*[-–—]{1,2}\s")


def dateline_end(text: str) -> int:
    """Where a wire dateline opening a sentence ends ("KYIV, Dec 3 (Reuters) - "), else 0."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _past_dateline(tok: Token) -> Token | None:
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
    if tok.lemma_.lower() in REVISING and tok.pos_ == "VERB" \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _COUNTS for c in tok.children):
        return True
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
    """"The BBC, citing local officials, said …": the cited source of an outlet. Only an outlet
    relays: "Amnesty said, citing lawyers, …" is Amnesty's own figure."""
    if not _is_outlet(subj):
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


def _is_outlet(tok: Token) -> bool:
    named = _named(tok)
    return is_media(_text(named)) or named.lemma_.lower() in MEDIA_NOUNS or tok.lemma_.lower() in MEDIA_NOUNS


def according_to(sent: Span) -> Token | None:
    """The first "according to X" of a sentence: X."""
    return next((obj for tok in sent if (obj := _according_obj(tok)) is not None), None)


def _according_obj(tok: Token) -> Token | None:
    """X, when ``tok`` opens "according to X"."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
        return None
    return next((o for o in tok.doc[tok.i + 1].children if o.dep_ == "pobj"), None)


def _bare_tag(verb: Token) -> bool:
    """A reporting verb with no clause or object of its own: a closing attribution tag
    ("…, the ministry said on Monday", "…, Minister Prest told lawmakers"), not "… warned of a recession"."""
    return not any(c.dep_ in ("ccomp", "xcomp", "attr") or c.dep_ == "dobj" and verb.lemma_.lower() != "tell"
                   or c.dep_ == "prep" and c.lower_ not in ("on", "in", "at", "during", "to")
                   for c in verb.children)


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
    """The attribution of a number at token ``q`` within its sentence, and whether it is hedged.

    Walks up from the number; the nearest reporting verb with a subject (or a passive's agent)
    wins, and at each step an "according to X" or a ", X said," hung beside the clause counts
    before the clauses above it. A number inside the source's own description ("Verwoerd, who
    has farmed here for 35 years, said") is the writer's."""
    hedged = any(t.lemma_.lower() in HEDGES or t.lower_ in HEDGES for t in sent)
    own = _own_clause(q, resolve)
    if own is not None:
        return Attribution(own, (), "say", "hedged" if hedged else "asserted"), hedged
    source: Source | None = None
    via: list[str] = []
    verb_used: str | None = None
    if _reporting(q) and q.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in q.children):
        # the number's own words are a passive report: "was estimated at 31,000 by the UN agency"
        agent = next((_agent(t, loose=True) for t in q.subtree if _agent(t, loose=True) is not None), None)
        if agent is not None and (src := make_source(agent, resolve)) is not None:
            return Attribution(src, (), q.lemma_.lower(), "hedged" if hedged else "asserted"), hedged
    cur = q
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        if source is not None and cur.dep_ in ("conj", "advcl") and cur.pos_ in ("VERB", "AUX") \
                and any(c.dep_ == "nsubj" for c in cur.children):
            break  # "…, but (while) the coast guard believes about 780 were aboard": not the first speaker's
        below, cur = cur, cur.head
        lemma = cur.lemma_.lower()
        if not _reporting(cur) or lemma == "claim" and below.dep_ == "dobj" and below.lemma_.lower() in NOT_CLAIMED:
            near = _beside(cur, below, q, resolve) if source is None else None
            if near is not None:
                source, via, verb_used = near
                break
            continue
        subj = _subject(cur)
        if lemma in PASSIVE_ONLY and (subj is None or subj.dep_ != "nsubjpass"):
            continue
        if subj is not None and subj.dep_ == "nsubjpass":
            # "were confirmed by the ministry"; "is estimated to", "have been recorded": no source
            subj = _passive_agent(cur, q)
        if subj is None:
            continue
        if subj.i > q.i and subj.head.i == cur.i and cur.i < q.i:
            continue
        if _within(q, subj) and _named(subj).lemma_.lower() not in DOC_WORDS:
            return None, hedged  # the number describes the speaker (a survey's sample size is the survey's)
        hit = _found(cur, subj, resolve)
        if hit is None:
            beside = _beside(cur, below, q, resolve) if source is None else None
            if beside is not None:
                source, via, verb_used = beside
                break
            continue
        weak = lemma in WEAK or lemma in ANNOUNCING or lemma in EVIDENTIAL and not _evidence(cur, subj)
        if source is None or not weak:
            source, via, verb_used = hit[0], hit[1], lemma
        if not weak:
            break
    acted = source is not None and verb_used in ANNOUNCING
    if source is None or acted:
        obj = according_to(sent)
        if obj is not None and acted and _is_outlet(obj):
            via = [_text(obj)]  # "The bank has pledged $300 million, according to the MPA"
        elif obj is not None:
            source, via, verb_used = _according(obj, resolve)
    if source is None:
        owner = by_reckoning(sent)
        if owner is not None:
            source = make_source(owner, resolve)
            verb_used = "estimate"
    if source is None or acted and not via:
        # "…, as the Meridian Press Agency reported", "…, as officials said"
        for tok in sent:
            if tok.lemma_.lower() in REPORTING and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                subj = _subject(tok)
                if subj is not None and acted and _is_outlet(subj):
                    via = [_text(subj)]
                    break
                if subj is not None and (src := make_source(subj, resolve)) is not None:
                    source, verb_used = src, tok.lemma_.lower()
                    break
    if source is None:
        source = _tag(sent, q, resolve) or headline_source(sent)
        verb_used = "say" if source is not None else verb_used
    certainty = "hedged" if hedged else "asserted"
    if source is None:
        return (Attribution(None, tuple(via), verb_used, certainty) if via else None), hedged
    if source.kind == "unnamed" and source.name.lower() in UNNAMED | {"reports suggest"}:
        return Attribution(None, tuple(via), verb_used, certainty), hedged
    return Attribution(source, tuple(via), verb_used, certainty), hedged


def _own_clause(q: Token, resolve: dict[str, Source]) -> Source | None:
    """A number whose noun carries its own report: "the 64 people the agency lists as missing",
    "the 40 reported by the mayor"."""
    for tok in (q, q.head):
        if tok.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        for child in tok.children:
            if child.dep_ not in ("relcl", "acl") or child.i < q.i or not _reporting(child):
                continue
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ in ("who", "that", "which"):
                subj = _agent(child, loose=True)
            if subj is not None and (src := make_source(subj, resolve)) is not None:
                return src
    return None


def _within(q: Token, head: Token) -> bool:
    return bool(head.left_edge.i <= q.i <= head.right_edge.i and q.i != head.i)


def _evidence(verb: Token, subj: Token) -> bool:
    """A verb of finding reports when a document finds ("the audit identified") or a clause follows."""
    named = _named(subj)
    return (named.lemma_.lower() in DOC_WORDS or named.lower_ in DOC_WORDS
            or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children))


def _according(obj: Token, resolve: dict[str, Source]) -> tuple[Source | None, list[str], str]:
    """"according to X"; "according to Bloomberg, which cited a person familiar": the cited, via X."""
    for child in obj.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in ("cite", "quote") and _is_outlet(obj):
            cited = next((o for o in child.children if o.dep_ == "dobj"), None)
            if cited is not None and (src := make_source(cited, resolve)) is not None:
                return src, [_text(obj)], "according to"
    relay = _relay(obj)
    return make_source(obj, resolve), [_text(relay)] if relay is not None else [], "according to"


def _beside(cur: Token, below: Token, q: Token,
            resolve: dict[str, Source]) -> tuple[Source, list[str], str] | None:
    """An attribution hung on a clause the number is in: "…, according to city officials", or a
    parenthetical ", the ministry said," the parser made a sibling of the clause; and a document
    or an owner's reckoning as the clause's subject ("Analysts' forecasts averaged $4.12")."""
    for child in cur.children:
        if child.i == below.i:
            continue
        obj = _according_obj(child) if child.dep_ == "prep" else None
        if obj is not None:
            src, via, verb = _according(obj, resolve)
            if src is not None:
                return src, via, verb
        if child.dep_ == "parataxis" and _reporting(child) and child.lemma_.lower() not in WEAK and _bare_tag(child):
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None) or _inverted_subject(child)
            if subj is not None and (hit := _found(child, subj, resolve)) is not None:
                return hit[0], hit[1], child.lemma_.lower()
        if child.dep_ == "conj" and child.i > q.i and _reporting(child) and child.lemma_.lower() not in WEAK \
                and _bare_tag(child) and not _coordinated(child) \
                and not any(c.dep_ == "cc" and c.i < child.i for c in child.children):
            # "Each family will receive 3.6 million lusars, Minister Dalia Prest told lawmakers": a
            # closing tag the parser coordinated with the clause
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is not None and any(t.text == "," for t in child.doc[q.i:subj.left_edge.i]) \
                    and (hit := _found(child, subj, resolve)) is not None:
                return hit[0], hit[1], child.lemma_.lower()
        if child.dep_ == "nsubj" and child.i < q.i and not _within(q, child):
            named = _named(child)
            owner = _owner(named)
            if owner is not None and owner.ent_type_ in ("GPE", "LOC", "NORP"):
                continue  # "Spain's flood toll reached 211, authorities said": the place counts, it does not speak
            doc_word = named.lemma_.lower() in DOC_WORDS and _author(named) is not None
            if (owner is not None or doc_word or cur.lemma_.lower() == "be" and named.lemma_.lower() in DOC_WORDS) \
                    and (src := make_source(child, resolve)) is not None:
                # "The union's estimate is that 45,000 workers joined", "the ministry's toll stood at"
                return src, [], named.lemma_.lower()
    return None


def _coordinated(verb: Token) -> bool:
    """Whether a clause is joined on by "and"/"but"/"while" right before its subject ("..., and
    economists warned of a recession"): a clause of its own, not a closing attribution tag."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    start = subj.left_edge.i if subj is not None else verb.i
    k = start - 1
    while k >= verb.sent.start and verb.doc[k].is_punct:
        k -= 1
    return k >= verb.sent.start and verb.doc[k].lower_ in ("and", "but", "while", "whereas", "yet")


def _tag(sent: Span, q: Token, resolve: dict[str, Source]) -> Source | None:
    """A closing attribution the parser hung elsewhere: "…, Bank of Harlow data showed on Monday.",
    "…, a World Bank study found.": a reporting verb with no object of its own, after the number."""
    for tok in sent:
        if tok.i <= q.i or not _reporting(tok) or tok.lemma_.lower() in WEAK:
            continue
        if not _bare_tag(tok):
            continue  # "... and economists warned of a recession": a clause of its own
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > q.i:
            subj = tok.head
        else:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i <= q.i or _within(q, subj):
            continue
        between = sent.doc[q.i:subj.left_edge.i]
        if not any(t.text == "," for t in between) or _coordinated(tok):
            continue
        named = _named(subj)
        if named.lemma_.lower() in DOC_WORDS or _plausible_source(named) or named.lower_ in PRONOUNS:
            src = make_source(subj, resolve)
            if src is not None:
                return src
    return None


_HEADLINE_PREFIX = re.compile(r"^\s*([A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3})\s*:\s+\S")
_HEADLINE_SUFFIX = re.compile(r"\s[-–—]\s?([A-Za-z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3})\s*$")


_COLLECTIVE = {"sources", "source", "officials", "traders", "analysts", "police", "witnesses", "diplomats",
               "residents", "economists", "investors", "union", "ministry", "army", "military", "government"}


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
