"""Naming a speaker: the phrase a source goes by, its kind, and who "it" or "the company" stands for."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from ..lexicon import table, words
from ..model import Source
from ..names import CORPORATE_SUFFIXES

Token = Any
Span = Any

DOC_WORDS = words("document_nouns")
# words that name a source's own reckoning when it is their owner: "the ministry's toll",
# "analysts' forecasts", "UNICEF's latest estimate"
OWNED = DOC_WORDS | words("figure_nouns")
# a document's author: "a report by X", "data from X", "the report, published by X"
AUTHOR_PREPS = {"by", "from"}
AUTHOR_VERBS = words("author_verbs")
# an outlet that relays a source: "analysts polled by Reuters", "a memo seen by Bloomberg"
RELAY_VERBS = words("relay_verbs")
# media nouns that name an outlet with a modifier alone: "state radio", "German public television"
OUTLET_NOUNS = words("outlet_nouns")
MEDIA_NOUNS = OUTLET_NOUNS | words("media_nouns")
UNNAMED = words("unnamed_sources")
_LEAD = words("lead_determiners")
PRONOUNS = table("pronoun_kinds")



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


def entity_of(tok: Token) -> Span | None:
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
    ent = entity_of(head)
    if ent is not None and (ent.start < run[0].i or ent.end > run[-1].i + 1):
        run = list(head.doc[min(ent.start, run[0].i):max(ent.end, run[-1].i + 1)])
    while run and (run[0].lower_ in _LEAD or run[0].dep_ in ("poss",) and run[0].lower_ in ("its", "their")):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].lower_ in ("'s", "’s")):
        run.pop()
    return run or [head]


def name_of(tok: Token) -> str:
    toks = name_tokens(tok)
    return str(tok.doc[toks[0].i:toks[-1].i + 1].text)


_PLACES = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}


def named_head(head: Token) -> Token:
    """A role noun with a proper name in apposition stands for the name:
    "the hospital's director, Karim Haddad" -> Karim Haddad; "the industry group SolarPower Europe"."""
    if not (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.text.islower()):  # "commander" tagged PROPN
        return head
    for child in head.children:
        # not a place: "officials in the east, Donetsk," names where, not who
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ not in _PLACES:
            return child
    return head


def plausible_source(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
            or tok.lemma_.lower() in lexicon().kinds or tok.lower_ in lexicon().kinds)


def author_of(head: Token) -> Token | None:
    """The author of a document word: "a report by Amnesty", "data from EPFR", "the report, published by the WFP"."""
    if head.lemma_.lower() not in DOC_WORDS and head.lower_ not in DOC_WORDS:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPS:
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and (plausible_source(obj) or plausible_source(named_head(obj))):
                return obj  # "an estimate by the salvage firm Halvard Salvage"
        if child.dep_ == "acl" and child.lemma_.lower() in AUTHOR_VERBS:
            obj = agent_of(child)
            if obj is not None:
                return obj
    return None


def agent_of(verb: Token, *, loose: bool = False) -> Token | None:
    """The 'by X' of a passive verb or participle; ``loose``: any noun will do ("was put at
    40,000 by organisers"), else only a plausible source."""
    for child in verb.children:
        if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by":
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and (plausible_source(obj) or loose and obj.pos_ in ("NOUN", "PROPN")) \
                    and obj.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL") \
                    and obj.lower_ not in _NOT_AGENTS and not obj.like_num and obj.lemma_.lower() not in _NOT_AGENTS:
                return obj
    return None


_AMOUNTS = words("amount_nouns")
# words after 'by' that name a time or a measure, never an agent ('by midnight', 'by 40 percent')
_NOT_AGENTS = words("not_agent_nouns")




def owner_of(head: Token) -> Token | None:
    """The owner of a reckoning: "the ministry's figures", "analysts' forecasts"."""
    if head.lemma_.lower() not in OWNED and head.lower_ not in OWNED:
        return None
    return next((c for c in head.children if c.dep_ == "poss"), None)


def relay_of(head: Token) -> Token | None:
    """An outlet that relays a source: "analysts polled by Reuters", "a memo seen by Bloomberg"."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in RELAY_VERBS:
            return agent_of(child)
    return None


def nominal(head: Token) -> bool:
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return True
    # "The ceasefire monitors recorded …": a plural noun the tagger took for a verb, as a subject
    return bool(head.pos_ == "VERB" and head.dep_ == "nsubj" and head.tag_ == "VBZ")


# "the company", "the ministry", "the association": the organisation of that kind last named
ROLE_NOUNS = words("role_nouns")


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
    head = named_head(head)
    author = author_of(head)
    if author is not None:
        return make_source(author, resolve)
    owner = owner_of(head)
    if owner is not None:
        src = make_source(owner, resolve)
        if src is not None:
            return src  # "the ministry's figures"
        if owner.lower_ in words("possessive_determiners") and head.lemma_.lower() not in DOC_WORDS - {"figure", "data", "datum"}:
            return None  # "the utility said its figures showed ...": the speaker above says whose
    if head.lemma_.lower() in _AMOUNTS and head.pos_ == "NOUN" \
            and not any(c.dep_ in ("compound", "amod", "poss") for c in head.children):
        return None  # "the number of people confirmed dead", "the figure": an amount is not a speaker
    toks = name_tokens(head)
    name = head.doc[toks[0].i:toks[-1].i + 1].text
    if not name.strip() or not nominal(head):
        return None
    kind = "unnamed" if head.lemma_.lower() in UNNAMED and not any(t.ent_type_ for t in toks) else None
    if kind and head.tag_ == "NN" and head.lemma_.lower() == "report" \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        kind = "document"  # "the report said": the one the article is about, not "reports suggest"
    return Source(name=name, kind=kind or source_kind(name, toks), start=toks[0].idx,
                  end=toks[-1].idx + len(toks[-1]))

