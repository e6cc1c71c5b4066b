"""What a number in a parsed sentence is, when it is not a count: an age, an address, a
station or page designation, an identifier, a clock time, a repetition ("shot three times"),
or a number of criminal counts.

Candidates come from the Matcher patterns of ``data/number_roles.json``; a role then spreads
along coordination ("ages 25, 26 and 33"). Each pattern has a name, so a test or a count can
refer to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicon import data_file, resolve

Token = Any  # spacy.tokens.Token


@dataclass(frozen=True, slots=True)
class Role:
    name: str  # the role: "age", "address", ...
    pattern: str  # the pattern that found it
    claim: bool  # whether the number still makes a claim
    measure: str | None  # the measure it sets, if any


class RoleTagger:
    """``RoleTagger(vocab)(doc)`` → {token index: Role} for the numbers of a parsed Doc."""

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        table = data_file("number_roles.json")
        self.roles = table["roles"]
        self.matcher = Matcher(vocab, validate=True)
        self.spec: dict[int, tuple[str, str, int, int]] = {}  # match key -> (name, role, at, order)
        for order, p in enumerate(table["patterns"]):
            self.matcher.add(p["name"], [resolve(p["pattern"])])
            self.spec[vocab.strings[p["name"]]] = (p["name"], p["role"], p["at"], order)

    def __call__(self, doc: Any) -> dict[int, Role]:
        found: dict[int, tuple[int, Role]] = {}
        for key, start, end in self.matcher(doc):
            name, role, at, order = self.spec[key]
            i = start + at if at >= 0 else end + at
            if i in found and found[i][0] <= order:
                continue
            rule = self.roles[role]
            found[i] = (order, Role(role, name, bool(rule.get("claim", True)), rule.get("measure")))
        roles = {i: r for i, (_, r) in found.items()}
        for i, found_role in list(roles.items()):
            for tok in _coordinated(doc[i]):
                roles.setdefault(tok.i, found_role)
        return roles


def _coordinated(tok: Token) -> list[Token]:
    """Numbers coordinated with ``tok`` in the parse, or listed right after it with only commas
    and "and" between ("ages 25, 26, and 33")."""
    out = [c for c in tok.subtree if c.i != tok.i and c.dep_ == "conj" and c.like_num]
    if tok.dep_ == "conj" and tok.head.like_num:
        out.append(tok.head)
    doc, i = tok.doc, tok.i + 1
    while i < len(doc) and doc[i].lower_ in (",", "and", "or"):
        i += 1
        if i < len(doc) and doc[i].like_num:
            out.append(doc[i])
            i += 1
    return out


@cache
def tagger(vocab: Any) -> RoleTagger:
    return RoleTagger(vocab)


def role_of(roles: dict[int, Role], tokens: list[Token]) -> Role | None:
    """The role of a quantity that covers ``tokens``: the first role among them."""
    for t in tokens:
        if t.i in roles:
            return roles[t.i]
    return None
