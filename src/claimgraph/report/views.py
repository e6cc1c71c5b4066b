"""View data for templates: figures, documents and timelines, with every link already resolved."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..labels import row_label, row_outlet
from .charts import interval_chart, time_chart
from .graph import relay_graph, relay_tree
from .highlight import document_html
from .ledger import VERDICT_ORDER, Ledger, Links, Row, Section
from .numbers import fmt_claim, fmt_date, fmt_interval, parse_day
from .sentence import lead_sentence


def figure_row(ledger: Ledger, fig: Row, links: Links) -> dict[str, Any]:
    """One line of a figures table."""
    claims = ledger.figure_claims(fig)
    days = [d for d in (parse_day(ledger.published(c)) for c in claims) if d is not None]
    return {
        "id": fig["id"], "n": ledger.number.get(fig["id"]), "label": fig.get("label") or fig["id"],
        "href": links.figure(fig["id"]), "verdict": fig.get("verdict") or "single_source",
        "range": fmt_interval(fig.get("low"), fig.get("high"), fig.get("unit")),
        "measure": fig.get("measure"), "unit": fig.get("unit"),
        "claims": len(fig.get("claims") or ()), "origins": fig.get("independent_origins") or 0,
        "first": fmt_date((fig.get("first_reported") or "")[:10]) or (_day(min(days)) if days else ""),
        "last": fmt_date((fig.get("last_reported") or "")[:10]) or (_day(max(days)) if days else ""),
    }


def _day(d: float) -> str:
    from .numbers import day_label

    return day_label(d, with_year=True)


def figure_view(ledger: Ledger, fig: Row, links: Links) -> dict[str, Any]:
    """Everything one figure card shows: facts, both charts, the claims and the relay tree."""
    colours = ledger.colours(fig)
    rows = []
    for c in ledger.figure_claims(fig):
        origin = ledger.origin(c, fig)
        src = c.get("source") or {}
        rows.append({
            "id": c["id"], "href": links.claim(c), "doc": c["doc"], "doc_href": links.document(c["doc"]),
            "outlet": ledger.outlet(c["doc"]), "published": fmt_date(ledger.published(c)),
            "source": ledger.source_name(c), "source_kind": src.get("kind"), "via": list(c.get("via") or ()),
            "stated": fmt_claim(c), "text": c.get("text") or "", "origin": origin,
            "colour": colours.get(origin, "#444"), "time": (c.get("time") or {}).get("value"),
            "counted": c.get("counted"),
        })
    return {
        **figure_row(ledger, fig, links), "fig": fig, "rows": rows,
        "chart": interval_chart(ledger, fig, links), "time_chart": time_chart(ledger, fig, links),
        "tree": relay_tree(ledger, fig, links), "colours": colours,
        "origin_names": [str(o) for o in fig.get("origins") or ()],
    }


def document_view(ledger: Ledger, doc: Row, links: Links) -> dict[str, Any]:
    claims = ledger.doc_items("claims", doc["id"])
    dup = doc.get("duplicate_of")
    return {
        "doc": doc, "id": doc["id"], "href": links.document(doc["id"]), "title": row_label(doc),
        "derived_title": not doc.get("title"), "outlet": row_outlet(doc), "published": fmt_date(doc.get("published") or doc.get("published_assumed")), "url": doc.get("url"),
        "authors": list(doc.get("authors") or ()),
        "duplicate_of": dup, "duplicate_href": links.document(dup) if dup else None,
        "duplicate_label": (ledger.label(dup) if dup in ledger.docs else "another document") if dup else None,
        "html": document_html(ledger, doc, links), "claims": len(claims),
        "linked": sum(1 for c in claims if c.get("figure") in ledger.figures),
        "quotes": len(ledger.doc_items("quotes", doc["id"])), "dates": len(ledger.doc_items("dates", doc["id"])),
        "debris": len(doc.get("debris") or ()),
    }


def timeline_rows(ledger: Ledger, events: list[Row], links: Links) -> list[dict[str, Any]]:
    """Entries grouped by day; event time (when it happened) apart from report time (when it was said)."""
    days: dict[str, dict[str, Any]] = {}
    for t in events:
        when = str(t.get("when") or "")
        key = when[:10]
        row = days.setdefault(key, {"when": key, "label": fmt_date(key) or "undated", "day": parse_day(key),
                                    "event": [], "report": []})
        href = None
        if t.get("claim") in ledger.claims:
            href = links.claim(ledger.claims[t["claim"]])
        elif t.get("figure") in ledger.figures:
            href = links.figure(t["figure"])
        elif t.get("doc") in ledger.docs:
            href = links.document(t["doc"])
        fig = ledger.figures.get(t.get("figure") or "")
        row["report" if t.get("kind") == "report" else "event"].append({
            "label": t.get("label") or "", "href": href, "outlet": ledger.outlet(t["doc"]) if t.get("doc") else None,
            "verdict": (fig or {}).get("verdict"), "figure": ledger.number.get(t.get("figure") or ""),
        })
    return sorted(days.values(), key=lambda r: (r["day"] is None, r["day"] or 0, r["when"]))


def summary(ledger: Ledger) -> dict[str, Any]:
    verdicts: dict[str, int] = defaultdict(int)
    for f in ledger.figures.values():
        verdicts[f.get("verdict") or "single_source"] += 1
    days = [d for d in (parse_day(x.get("published") or x.get("published_assumed")) for x in ledger.docs.values()) if d is not None]
    outlets, unnamed = ledger.outlet_count()
    return {
        "documents": len(ledger.docs), "claims": len(ledger.claims), "figures": len(ledger.figures),
        "conflicts": verdicts.get("conflict", 0), "stories": len(ledger.export.get("stories") or ()),
        "outlets": outlets, "unnamed_outlets": unnamed, "sentence": lead_sentence(ledger, outlets=outlets),
        "verdicts": sorted(verdicts.items(), key=lambda kv: VERDICT_ORDER.get(kv[0], 9)),
        "first": _day(min(days)) if days else "", "last": _day(max(days)) if days else "",
    }


def section_views(ledger: Ledger, links: Links) -> list[dict[str, Any]]:
    return [section_view(ledger, sec, links) for sec in ledger.sections()]


def section_view(ledger: Ledger, sec: Section, links: Links) -> dict[str, Any]:
    """One story: its figure cards, documents, timeline and relay graph."""
    claims = [c for d in sec.documents for c in ledger.doc_items("claims", d["id"])]
    days = [d for d in (parse_day(x.get("published") or x.get("published_assumed")) for x in sec.documents)
            if d is not None]
    return {
        "id": sec.id, "label": sec.label,
        "figures": [figure_view(ledger, f, links) for f in sec.figures],
        "documents": [document_view(ledger, d, links) for d in sec.documents],
        "timeline": timeline_rows(ledger, sec.timeline, links),
        "relay": relay_graph(ledger, claims), "claims": len(claims),
        "conflicts": sum(1 for f in sec.figures if f.get("verdict") == "conflict"),
        "outlets": sorted({o for o in map(row_outlet, sec.documents) if o}, key=str.lower),
        "first": _day(min(days)) if days else "", "last": _day(max(days)) if days else "",
    }


def section_summary(view: dict[str, Any]) -> dict[str, Any]:
    """The masthead numbers of one story's page."""
    verdicts: dict[str, int] = defaultdict(int)
    for f in view["figures"]:
        verdicts[f["verdict"]] += 1
    return {
        "documents": len(view["documents"]), "claims": view["claims"], "figures": len(view["figures"]),
        "conflicts": view["conflicts"], "stories": 0, "outlets": len(view["outlets"]), "unnamed_outlets": 0,
        "sentence": "", "verdicts": sorted(verdicts.items(), key=lambda kv: VERDICT_ORDER.get(kv[0], 9)),
        "first": view["first"], "last": view["last"],
    }


def story_row(ledger: Ledger, sec: Section, href: str) -> dict[str, Any]:
    """One line of the main page's list of stories."""
    days = [d for d in (parse_day(x.get("published") or x.get("published_assumed")) for x in sec.documents)
            if d is not None]
    return {"label": sec.label, "href": href, "documents": len(sec.documents), "figures": len(sec.figures),
            "conflicts": sum(1 for f in sec.figures if f.get("verdict") == "conflict"),
            "first": _day(min(days)) if days else "", "last": _day(max(days)) if days else ""}
