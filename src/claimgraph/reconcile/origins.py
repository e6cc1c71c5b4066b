"""Where a figure comes from: the root of each claim's attribution chain.

A claim's chain reads source -> told -> ``via`` (outlets, nearest the source first) ->
relayed by the document's outlet. Its *origin key* is, in order:

1. ``via[0]`` (canonical entity) when the claim came through an intermediary: the first-hand
   publisher stands for a source it got the number from ("an analyst told WSJ" -> WSJ),
   since unnamed analysts quoted by one outlet cannot be told apart;
2. else the source, when it is named: a canonical entity ("Vladimir Putin"), or a body
   described by country and role ("Seoul officials", "South Korean officials" ->
   South Korea/government; "South Korean intelligence" -> South Korea/intelligence);
3. else the document's *relay*: when a document cites exactly one outlet as a source or
   intermediary, its unattributed numbers are taken to come from that outlet (an article
   retelling a WSJ report);
4. else the document itself, by its outlet (else its URL's domain, else "unattributed" with its
   headline: never its id); syndicated copies
   (``Document.duplicate_of``) collapse onto their original first. But an unattributed
   claim that restates, in the same article, the value of exactly one named source of the
   figure ("Toll passes 15,000" over "more than 15,000, the council said") takes that
   source's origin: a headline is not a second origin.

Claims of one figure share an origin when they share any *handle*: the via key or the
named-source key. So "Kovalenko told WSJ" and "WSJ reported" are one origin (WSJ), and
"Kovalenko told WSJ" and "Kovalenko said on Telegram" are one origin (Kovalenko).
``independent_origins`` counts the resulting groups.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..labels import document_label, outlet_label, unattributed, unattributed_in
from ..model import Claim, Document, Quantity, Source
from ._text import iso_day, key, norm
from .entities import EntityIndex
from .verdicts import reading_interval

__all__ = ["OriginReport", "OriginResolver", "root_document"]

GOVERNMENT_KINDS = frozenset({"government", "military", "intelligence"})
ROLE_NOUNS: dict[str, str] = {}
for _role, _words in {
    "government": "official officials government governments authorities authority ministry administration "
                  "spokesman spokeswoman spokesperson office lawmakers lawmaker diplomats diplomat "
                  "sources source leaders officers state",
    "military": "military army armed forces force command commanders commander defense defence staff navy "
                "troops",
    "intelligence": "intelligence spy agency agencies service services estimate estimates assessment",
}.items():
    for _w in _words.split():
        ROLE_NOUNS[_w] = _role
_SPLIT = re.compile(r"\s*(?:,|\band\b|&|/)\s*")


def _same_value(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities in one unit can state the same number (their intervals meet)."""
    if a.unit != b.unit or a.per != b.per or a.change != b.change:
        return False
    if a.value is not None and a.value == b.value:
        return True
    alo, ahi, _ = reading_interval(a)
    blo, bhi, _ = reading_interval(b)
    lo = max(x for x in (alo, blo, -math.inf) if x is not None)
    hi = min(x for x in (ahi, bhi, math.inf) if x is not None)
    return lo <= hi


@dataclass(frozen=True, slots=True)
class OriginReport:
    """The earliest report of one origin within a figure."""

    origin: str  # display name
    key: str
    claim: str
    doc: str
    reported: str | None


def root_document(doc_id: str, documents: Mapping[str, Document]) -> str:
    """Follow ``duplicate_of`` to the original document (cycles stop where they loop)."""
    seen = {doc_id}
    cur = doc_id
    while True:
        doc = documents.get(cur)
        nxt = doc.duplicate_of if doc else None
        if not nxt or nxt in seen:
            return cur
        seen.add(nxt)
        cur = nxt


class OriginResolver:
    """Origin keys and handles for claims, with the per-document relay worked out once."""

    def __init__(self, claims: Sequence[Claim], documents: Mapping[str, Document], index: EntityIndex) -> None:
        self.documents = documents
        self.index = index
        self._names: dict[str, str] = {}
        self._source_cache: dict[tuple[str, str, str | None], str | None] = {}
        self._root: dict[str, str] = {}
        self._handles: dict[str, tuple[str, ...]] = {}
        self._shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._reported: dict[str, str | None] = {}
        self._unnamed: set[str] = set()  # claims that name neither a source nor an intermediary
        self._relay = self._relays(claims)

    # keys ---------------------------------------------------------------------------------------
    def root(self, doc_id: str) -> str:
        found = self._root.get(doc_id)
        if found is None:
            found = self._root[doc_id] = root_document(doc_id, self.documents)
        return found

    def outlet_key(self, doc_id: str) -> str:
        root = self.root(doc_id)
        doc = self.documents.get(root)
        outlet = outlet_label(doc) if doc else None
        if outlet:
            return self._name_key(outlet)
        # no outlet known: the document stays its own origin, named by its headline, not its id
        self._names.setdefault(f"doc:{root}", unattributed_in(document_label(doc)) if doc
                               else unattributed("unknown outlet"))
        return f"doc:{root}"

    def via_key(self, via: str) -> str:
        return self._name_key(via)

    def _name_key(self, name: str) -> str:
        gid = self.index.lookup(name)
        if gid:
            self._names.setdefault(gid, self.index.name(gid))
            return gid
        k = f"n:{key(name)}"
        self._names.setdefault(k, name.strip())
        return k

    def source_key(self, source: Source | None) -> str | None:
        """A named source's key, or None for an unnamed one ("analysts", "reports")."""
        if source is None or source.kind == "unnamed" or not source.name.strip():
            return None
        ck = (source.name, source.kind, source.entity)
        if ck not in self._source_cache:
            self._source_cache[ck] = self._source_key(source)
        return self._source_cache[ck]

    def _source_key(self, source: Source) -> str | None:
        gid = self.index.resolve(source.entity) if source.entity else None
        gid = gid or self.index.lookup(source.name)
        if gid:
            return self._role_key([gid], source.kind, None)
        # a described body: "South Korean intelligence", "U.S. and South Korean officials"
        words = source.name.split()
        role = None
        while words and norm(words[-1]) in ROLE_NOUNS:
            role = role or ROLE_NOUNS[norm(words[-1])]
            words.pop()
        body = " ".join(words)
        parts = [p for p in _SPLIT.split(body) if p and norm(p) not in ("", "the")]
        gids = [self.index.lookup(p) for p in parts]
        if parts and all(gids) and role is not None:
            return self._role_key([g for g in gids if g], source.kind, role)
        if any(ch.isupper() for ch in source.name):
            k = f"n:{key(source.name)}"
            self._names.setdefault(k, source.name.strip())
            return k
        return None

    def _role_key(self, gids: list[str], kind: str, role: str | None) -> str:
        """A government/military/intelligence source of a country is keyed by country and role."""
        gids = sorted(set(gids), key=lambda g: (len(g), g))
        countries = all(self.index.type(g) in ("GPE", "NORP", "LOC") for g in gids)
        if kind in GOVERNMENT_KINDS or (role and countries):
            if countries:
                r = kind if kind in GOVERNMENT_KINDS else (role or "government")
                k = "+".join(gids) + f"/{r}"
                self._names.setdefault(k, " & ".join(self.index.name(g) for g in gids) + f" ({r})")
                return k
        for g in gids:
            self._names.setdefault(g, self.index.name(g))
        return "+".join(gids)

    # per claim ----------------------------------------------------------------------------------
    def _relays(self, claims: Iterable[Claim]) -> dict[str, str]:
        """Per document: the one outlet its attributed numbers lean on, if there is exactly one."""
        media: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            att = claim.attribution
            root = self.root(claim.doc)
            if att.via:
                media[root].add(self.via_key(att.via[0]))
            src = att.source
            if src is not None and src.kind == "media":
                k = self.source_key(src)
                if k:
                    media[root].add(k)
        out: dict[str, str] = {}
        for root, keys in media.items():
            keys.discard(self.outlet_key(root))
            if len(keys) == 1:
                out[root] = next(iter(keys))
        return out

    def handles(self, claim: Claim) -> tuple[str, ...]:
        """The keys through which this claim may share an origin with another."""
        found = self._handles.get(claim.id)
        if found is None:
            found = self._compute_handles(claim)
            found = self._handles[claim.id] = self._shared.setdefault(found, found)  # one tuple per handle set
        return found

    def _compute_handles(self, claim: Claim) -> tuple[str, ...]:
        att = claim.attribution
        out: list[str] = []
        if att.via:
            out.append(self.via_key(att.via[0]))
        src = self.source_key(att.source)
        if src and src not in out:
            out.append(src)
        if not out:
            root = self.root(claim.doc)
            out.append(self._relay.get(root) or self.outlet_key(root))
            self._unnamed.add(claim.id)
        return tuple(out)

    def key(self, claim: Claim) -> str:
        """The origin key (rule in the module docstring)."""
        return self.handles(claim)[0]

    def name(self, origin_key: str) -> str:
        return self._names.get(origin_key, origin_key)

    def reported(self, claim: Claim) -> str | None:
        """When the claim was first published: its original document's date."""
        found = self._reported.get(claim.doc, "")
        if found == "":
            doc = self.documents.get(self.root(claim.doc)) or self.documents.get(claim.doc)
            found = self._reported[claim.doc] = doc.published if doc else None
        return found

    def group(self, claims: Sequence[Claim]) -> list[list[Claim]]:
        """Claims grouped by shared handles; each group is one independent origin."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        per_claim = self._restated([self.handles(c) for c in claims], claims)
        for hs in per_claim:
            for h in hs[1:]:
                ra, rb = find(hs[0]), find(h)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim, hs in zip(claims, per_claim, strict=True):
            groups[find(hs[0])].append(claim)
        return list(groups.values())

    def _restated(self, per_claim: list[tuple[str, ...]], claims: Sequence[Claim]) -> list[tuple[str, ...]]:
        """An unattributed claim that restates, in the same article, the value of one named
        source ("Toll passes 15,000" over "more than 15,000 people, the council said") comes
        from that source, not from the outlet. ``per_claim``: the claims' handles, computed."""
        unnamed = self._unnamed
        loose: list[tuple[int, str]] = []
        peers: dict[str, list[int]] = defaultdict(list)
        for k, claim in enumerate(claims):
            root = self.root(claim.doc)
            if claim.id in unnamed:
                loose.append((k, root))
            else:
                peers[root].append(k)
        if not loose or not peers:
            return per_claim
        out = per_claim
        for k, root in loose:
            mine = peers.get(root)
            if not mine:
                continue
            q = claims[k].quantity
            keys = {per_claim[j][0] for j in mine if _same_value(q, claims[j].quantity)}
            if len(keys) == 1:
                if out is per_claim:
                    out = list(per_claim)
                out[k] = (next(iter(keys)),)
        return out

    def reports(self, claims: Sequence[Claim]) -> tuple[OriginReport, ...]:
        """Earliest report per independent origin, earliest first (undated last)."""
        out: list[OriginReport] = []
        for group in self.group(claims):
            keys = Counter(self.key(c) for c in group)
            k = min(keys.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            first = min(group, key=lambda c: (iso_day(self.reported(c)) or "9999", self.reported(c) or "", c.id))
            out.append(OriginReport(self.name(k), k, first.id, first.doc, self.reported(first)))
        out.sort(key=lambda r: (r.reported or "9999", r.origin))
        return tuple(out)
