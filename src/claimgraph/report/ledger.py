"""An index over a ``claimgraph/1`` export (or any part of one): lookups, origins, colours, sections.

The report and the web app both read through this, so a claim looks the same everywhere.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..labels import UNTITLED, row_label, row_outlet, unattributed_in
from .numbers import parse_day

Row = dict[str, Any]

VERDICT_ORDER = {"conflict": 0, "superseded": 1, "consistent": 2, "agree": 3, "single_source": 4}
VERDICT_LABEL = {"conflict": "conflict", "superseded": "superseded", "consistent": "consistent",
                 "agree": "agree", "single_source": "single source"}
VERDICT_HELP = {
    "conflict": "intervals that do not overlap for the same measure, thing and time",
    "superseded": "a later report revises an earlier figure",
    "consistent": "different values whose intervals overlap",
    "agree": "the claims state the same value, up to rounding",
    "single_source": "one claim only",
}
VERDICT_COLOUR = {"conflict": "#c62828", "superseded": "#b45309", "consistent": "#1d4ed8", "agree": "#15803d",
                  "single_source": "#6b7280"}
# Okabe-Ito first (colour-blind safe), then a few distinct extras.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#7B61FF",
           "#2F4F4F", "#E377C2")


@dataclass(frozen=True, slots=True)
class Links:
    """Where a claim, a figure and a document live: anchors in the report, pages in the web app."""

    claim: Callable[[Row], str]
    figure: Callable[[str], str]
    document: Callable[[str], str]


REPORT_LINKS = Links(claim=lambda c: f"#claim-{c['id']}", figure=lambda f: f"#fig-{f}",
                     document=lambda d: f"#doc-{d}")
WEB_LINKS = Links(claim=lambda c: f"/documents/{quote(str(c['doc']), safe='')}#claim-{c['id']}",
                  figure=lambda f: f"/figures/{quote(f, safe='')}",
                  document=lambda d: f"/documents/{quote(d, safe='')}")


def story_label(story: Row, docs: dict[str, Row]) -> str:
    """A story's label; a story labelled by nothing but its id takes its first document's label."""
    label = str(story.get("label") or "").strip()
    if label and label != story.get("id"):
        return label
    first = next((docs[d] for d in story.get("documents") or () if d in docs), None)
    return row_label(first) if first else "Untitled story"


def figure_sort_key(f: Row) -> tuple[int, int, str]:
    """Conflicts first, then the most-claimed."""
    return (VERDICT_ORDER.get(f.get("verdict") or "", 9), -len(f.get("claims") or ()), str(f.get("id")))


@dataclass(slots=True)
class Section:
    """One story (or "all documents") with what belongs to it."""

    id: str
    label: str
    documents: list[Row] = field(default_factory=list)
    figures: list[Row] = field(default_factory=list)
    timeline: list[Row] = field(default_factory=list)


class Ledger:
    def __init__(self, export: dict[str, Any]) -> None:
        self.export = export
        self.docs: dict[str, Row] = {d["id"]: d for d in export.get("documents") or ()}
        self.claims: dict[str, Row] = {c["id"]: c for c in export.get("claims") or ()}
        self.figures: dict[str, Row] = {f["id"]: f for f in export.get("figures") or ()}
        self.entity_names: dict[str, str] = {e["id"]: e["name"] for e in export.get("entities") or ()}
        self.ordered: list[Row] = sorted(self.figures.values(), key=figure_sort_key)
        self.number: dict[str, int] = {f["id"]: i for i, f in enumerate(self.ordered, 1)}
        self._colours: dict[str, dict[str, str]] = {}
        self._by_doc: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for key in ("claims", "quotes", "dates"):
            for x in export.get(key) or ():
                self._by_doc[(key, x.get("doc"))].append(x)

    # -- lookups ------------------------------------------------------------
    def label(self, doc_id: str) -> str:
        """A document's title, else its derived headline; never its id."""
        d = self.docs.get(doc_id)
        return row_label(d) if d else UNTITLED

    def outlet(self, doc_id: str) -> str:
        """Who printed a document: its outlet, else its URL's domain, else its label."""
        d = self.docs.get(doc_id) or {}
        return row_outlet(d) or self.label(doc_id)

    def outlet_count(self, docs: Iterable[Row] | None = None) -> tuple[int, int]:
        """(outlets, of them unnamed): a document with no outlet known counts as one site of its own,
        except a copy of another document, which counts with its original."""
        named: set[str] = set()
        unnamed: set[str] = set()
        for d in self.docs.values() if docs is None else docs:
            root = self.root(d["id"])
            outlet = row_outlet(d) or row_outlet(self.docs.get(root) or d)
            if outlet:
                named.add(outlet.lower())
            else:
                unnamed.add(root)
        return len(named) + len(unnamed), len(unnamed)

    def root(self, doc_id: str) -> str:
        """Follow ``duplicate_of`` to the original (within this export)."""
        seen = {doc_id}
        while (nxt := (self.docs.get(doc_id) or {}).get("duplicate_of")) and nxt in self.docs and nxt not in seen:
            seen.add(nxt)
            doc_id = nxt
        return doc_id

    def published(self, claim: Row) -> str | None:
        doc = self.docs.get(claim.get("doc") or "") or {}
        return doc.get("published") or doc.get("published_assumed")  # stated, else the manifest's date

    def figure_claims(self, fig: Row) -> list[Row]:
        """A figure's claims (those present), in report order: by publication date, then document."""
        rows = [self.claims[c] for c in fig.get("claims") or () if c in self.claims]
        return sorted(rows, key=lambda c: (parse_day(self.published(c)) or float("inf"), c["doc"], c["start"]))

    def doc_items(self, key: str, doc_id: str) -> list[Row]:
        """A document's claims, quotes or dates."""
        return self._by_doc.get((key, doc_id), [])

    def conflicts(self) -> int:
        return sum(1 for f in self.figures.values() if f.get("verdict") == "conflict")

    # -- origins ------------------------------------------------------------
    def source_name(self, claim: Row) -> str | None:
        src = claim.get("source") or {}
        ent = src.get("entity")
        return src.get("name") or (self.entity_names.get(ent, ent) if ent else None)

    def origin(self, claim: Row, fig: Row | None = None) -> str:
        """The root of a claim's attribution chain, named as the figure names it where they match."""
        if claim.get("origin"):
            return str(claim["origin"])
        src = claim.get("source") or {}
        names = [n for n in (src.get("entity"), self.entity_names.get(src.get("entity") or ""), src.get("name"))
                 if n]
        via = claim.get("via") or []
        doc = self.docs.get(claim["doc"]) or {}
        printed_by = row_outlet(doc) or unattributed_in(self.label(claim["doc"]))
        fallback = names[-1] if names else (via[0] if via else printed_by)
        origins = [str(o) for o in (fig or {}).get("origins") or ()]
        if len(origins) == 1:  # one origin: every claim of the figure goes back to it
            return origins[0]
        for o in origins:
            lo = o.lower()
            for n in [*names, *via[:1]] or [printed_by]:  # the outlet only for an unattributed claim
                nl = str(n).lower()
                if lo == nl or (len(lo) > 3 and (lo in nl or nl in lo)):
                    return o
        return str(fallback)

    def chain(self, claim: Row, fig: Row | None = None) -> list[str]:
        """[origin, intermediaries…, outlet]: who said it, who passed it on, who printed it."""
        path = [self.origin(claim, fig), *(str(v) for v in claim.get("via") or ()), self.outlet(claim["doc"])]
        out: list[str] = []
        for name in path:
            if not out or out[-1].lower() != name.lower():
                out.append(name)
        return out

    def colours(self, fig: Row) -> dict[str, str]:
        """Origin name → colour, stable within a figure (in the order the figure lists its origins)."""
        fid = str(fig.get("id"))
        if fid not in self._colours:
            listed = [str(o) for o in fig.get("origins") or ()]
            used: list[str] = []
            for c in self.figure_claims(fig):
                o = self.origin(c, fig)
                if o not in used:
                    used.append(o)
            used.sort(key=lambda o: listed.index(o) if o in listed else len(listed))
            self._colours[fid] = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(used)}
        return self._colours[fid]

    def colour_map(self, claims: Iterable[Row]) -> dict[str, str]:
        """Origin → colour over any set of claims, most frequent origin first."""
        counts = Counter(self.origin(c, self.figures.get(c.get("figure") or "")) for c in claims)
        return {n: PALETTE[i % len(PALETTE)] for i, (n, _) in enumerate(counts.most_common())}

    # -- sections -------------------------------------------------------------
    def sections(self) -> list[Section]:
        """Stories with their documents, figures and timeline; what belongs to none goes last."""
        stories = [s for s in self.export.get("stories") or () if s.get("documents")]
        out: list[Section] = []
        story_of: dict[str, str] = {}
        for s in stories:
            sec = Section(str(s["id"]), story_label(s, self.docs))
            for d in s["documents"]:
                if d in self.docs and d not in story_of:
                    story_of[d] = sec.id
                    sec.documents.append(self.docs[d])
            out.append(sec)
        rest = [d for d in self.docs.values() if d["id"] not in story_of]
        if rest or not out:
            out.append(Section("other" if out else "all", "Other documents" if out else "All documents", rest))
            for d in rest:
                story_of[d["id"]] = out[-1].id
        by_id = {s.id: s for s in out}
        fig_story: dict[str, str] = {}
        for f in self.ordered:
            votes = Counter(story_of[c["doc"]] for c in self.figure_claims(f) if c["doc"] in story_of)
            sid = votes.most_common(1)[0][0] if votes else out[-1].id
            fig_story[f["id"]] = sid
            by_id[sid].figures.append(f)
        for t in self.export.get("timeline") or ():
            home: str | None = story_of.get(t.get("doc") or "") or fig_story.get(t.get("figure") or "")
            if home is None and t.get("claim") in self.claims:
                home = story_of.get(self.claims[t["claim"]]["doc"])
            by_id[home or out[-1].id].timeline.append(t)
        return [s for s in out if s.documents or s.figures or s.timeline]
