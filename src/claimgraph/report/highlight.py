"""A document's text as HTML with its claims, quotes, dates and debris marked, all text escaped.

Spans may nest or cross. Elements open in order of start (longest first); when a span ends
while one opened after it is still open, that one is closed and reopened, so only the later
span is split and an id stays on its first piece.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .ledger import VERDICT_LABEL, Ledger, Links, Row
from .numbers import fmt_claim

PRIORITY = {"claim": 0, "debris": 1, "offbody": 2, "quote": 3, "date": 4}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # claim, quote, date, debris, offbody
    attrs: dict[str, str] = field(default_factory=dict)
    first: dict[str, str] = field(default_factory=dict)  # only on the first piece (ids)
    after: Markup = Markup("")  # after the last piece (a link to the figure)

    def open(self, first: bool) -> str:
        tag = "mark" if self.kind in ("claim", "quote", "date") else "span"
        attrs = {**(self.first if first else {}), **self.attrs}
        return f"<{tag}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"

    def close(self) -> str:
        return "</mark>" if self.kind in ("claim", "quote", "date") else "</span>"


def render_spans(text: str, spans: Sequence[Span]) -> Markup:
    n = len(text)
    valid = sorted((s for s in spans if 0 <= s.start < s.end <= n),
                   key=lambda s: (s.start, -s.end, PRIORITY.get(s.kind, 9)))
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    i = 0
    for k, p in enumerate(cuts):
        if any(s.end <= p for s in stack):
            reopen: list[Span] = []
            while any(s.end <= p for s in stack):
                s = stack.pop()
                out.append(s.close())
                if s.end <= p:
                    out.append(s.after)
                else:
                    reopen.append(s)
            for s in reversed(reopen):
                out.append(s.open(first=False))
                stack.append(s)
        while i < len(valid) and valid[i].start == p:
            out.append(valid[i].open(first=True))
            stack.append(valid[i])
            i += 1
        if k + 1 < len(cuts):
            out.append(str(escape(text[p:cuts[k + 1]])))
    for s in reversed(stack):
        out.append(s.close() + s.after)
    return Markup("".join(out))


def document_spans(ledger: Ledger, doc: Row, links: Links) -> list[Span]:
    """Claims (linked to their figures), quotes, dates, debris and text outside the body."""
    doc_id = doc["id"]
    spans: list[Span] = []
    for c in sorted(ledger.doc_items("claims", doc_id), key=lambda c: (c["start"], c["end"])):
        fig = ledger.figures.get(c.get("figure") or "")
        verdict = (fig or {}).get("verdict") or "none"
        tip = f"{fmt_claim(c)} · {ledger.source_name(c) or 'unattributed'}"
        after = Markup("")
        if fig:
            n = ledger.number.get(fig["id"])
            tip += f" · figure {fig.get('label')} ({VERDICT_LABEL.get(verdict, verdict)})"
            after = Markup('<a class="fig-ref v-{v}" href="{h}" title="{t}">F{n}</a>').format(
                v=verdict, h=links.figure(fig["id"]), t=f"Figure F{n}: {fig.get('label')}", n=n)
        spans.append(Span(c["start"], c["end"], "claim",
                          {"class": f"claim v-{verdict}", "data-claim": c["id"], "title": tip},
                          {"id": f"claim-{c['id']}"}, after))
    for q in ledger.doc_items("quotes", doc_id):
        who = q.get("speaker") or "unknown speaker"
        spans.append(Span(q["start"], q["end"], "quote", {"class": "quote", "title": f"quote · {who}"}))
    for d in ledger.doc_items("dates", doc_id):
        spans.append(Span(d["start"], d["end"], "date",
                          {"class": "date", "title": f"date · {d.get('value') or 'unresolved'}"}))
    for x in doc.get("debris") or ():
        kind = str(x.get("kind") or "debris")
        spans.append(Span(x["start"], x["end"], "debris",
                          {"class": f"debris debris-{kind}", "data-kind": kind.replace("_", " "),
                           "title": f"not article text: {kind.replace('_', ' ')}"}))
    body = sorted(tuple(b) for b in doc.get("body") or ())
    if body:
        pos = 0
        for start, end in [*body, (len(doc["text"]), len(doc["text"]))]:
            if start > pos:
                spans.append(Span(pos, start, "offbody", {"class": "offbody", "title": "outside the article body"}))
            pos = max(pos, end)
    return spans


def document_html(ledger: Ledger, doc: Row, links: Links) -> Markup:
    return render_spans(doc.get("text") or "", document_spans(ledger, doc, links))
