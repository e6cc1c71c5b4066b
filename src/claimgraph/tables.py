"""The ledger as flat tables for spreadsheets, pandas and Datasette: CSV, and Parquet with pyarrow.

Four tables, one row per document, claim, figure and story, read from a ``claimgraph/1``
export. Each column is declared once in ``COLUMNS`` with its type and meaning; the README
documents the same columns (a test checks). Lists are joined with ``"; "``.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .labels import row_label, row_outlet
from .report.ledger import Ledger, story_label
from .report.numbers import fmt_interval

__all__ = ["COLUMNS", "SEP", "Column", "tables", "write_csv", "write_parquet"]

SEP = "; "
Kind = Literal["text", "int", "float", "bool"]
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    help: str


def _cols(*spec: tuple[str, Kind, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("id", "text", "document id (a file's stem)"),
        ("label", "text", "title, else a headline derived from the first sentence"),
        ("title", "text", "title as the source gives it"),
        ("outlet", "text", "outlet as the source gives it"),
        ("outlet_label", "text", "outlet, else the URL's domain"),
        ("url", "text", "URL"),
        ("published", "text", "publication date the source states (ISO 8601)"),
        ("published_assumed", "text", "date given from outside (manifest)"),
        ("authors", "text", "authors"),
        ("language", "text", "language code"),
        ("duplicate_of", "text", "id of the document this one copies"),
        ("story", "text", "story id"),
        ("claims", "int", "number of claims"),
    ),
    "claims": _cols(
        ("id", "text", "claim id"),
        ("doc", "text", "document id"),
        ("outlet", "text", "the document's outlet_label"),
        ("published", "text", "the document's date (stated, else assumed)"),
        ("figure", "text", "figure id"),
        ("text", "text", "the claim's words in the document"),
        ("quantity", "text", "the number's words"),
        ("value", "float", "point value in the unit"),
        ("low", "float", "interval low (empty: unbounded)"),
        ("high", "float", "interval high (empty: unbounded)"),
        ("unit", "text", "count, percent, USD, km, …"),
        ("per", "text", "rate denominator (year, day, …)"),
        ("qualifier", "text", "exact, approx, at_least, more_than, up_to, less_than, nearly"),
        ("change", "text", "up or down when the number is a change"),
        ("vague", "bool", "an order of magnitude ('thousands of')"),
        ("counted", "text", "what is counted"),
        ("measure", "text", "measure class (killed, displaced, paid, …)"),
        ("subject", "text", "entities the claim is about"),
        ("place", "text", "place"),
        ("source", "text", "who the claim is put on"),
        ("source_kind", "text", "person, government, military, intelligence, media, expert, organisation, unnamed"),
        ("via", "text", "intermediaries, nearest the source first"),
        ("origin", "text", "the root of the attribution chain, as the figure names it"),
        ("verb", "text", "reporting verb"),
        ("certainty", "text", "asserted or hedged"),
        ("time", "text", "the time the number is about (ISO 8601)"),
        ("start", "int", "character offset of the claim in the document text"),
        ("end", "int", "character offset of its end"),
    ),
    "figures": _cols(
        ("id", "text", "figure id"),
        ("label", "text", "what the figure measures"),
        ("measure", "text", "measure class"),
        ("unit", "text", "unit"),
        ("verdict", "text", "agree, consistent, conflict, superseded, single_source"),
        ("low", "float", "consensus interval low"),
        ("high", "float", "consensus interval high"),
        ("range", "text", "the consensus interval as read ('40 – 61')"),
        ("claims", "int", "number of claims"),
        ("documents", "int", "number of documents"),
        ("independent_origins", "int", "distinct roots of the attribution chains"),
        ("origins", "text", "the origins by name"),
        ("first_reported", "text", "date of the first report"),
        ("last_reported", "text", "date of the last report"),
    ),
    "stories": _cols(
        ("id", "text", "story id"),
        ("label", "text", "what the story is about"),
        ("documents", "int", "number of documents"),
        ("document_ids", "text", "its documents' ids"),
        ("outlets", "text", "its outlets"),
        ("figures", "int", "figures with a claim in the story"),
        ("conflicts", "int", "of them, conflicts"),
        ("first_published", "text", "earliest document date"),
        ("last_published", "text", "latest document date"),
    ),
}


def _join(items: Iterable[Any]) -> str:
    return SEP.join(str(x) for x in items if x not in (None, ""))


def _date(doc: Row) -> str | None:
    return doc.get("published") or doc.get("published_assumed")


def tables(export: dict[str, Any]) -> dict[str, list[Row]]:
    """The four tables of an export, each a list of rows keyed by ``COLUMNS``."""
    ledger = Ledger(export)
    docs = ledger.docs
    names = ledger.entity_names
    story_of: dict[str, str] = {}
    for s in export.get("stories") or ():
        for d in s.get("documents") or ():
            story_of.setdefault(d, str(s["id"]))
    per_doc = Counter(c["doc"] for c in ledger.claims.values())
    documents = [{
        "id": d["id"], "label": row_label(d), "title": d.get("title"), "outlet": d.get("outlet"),
        "outlet_label": row_outlet(d), "url": d.get("url"), "published": d.get("published"),
        "published_assumed": d.get("published_assumed"), "authors": _join(d.get("authors") or ()),
        "language": d.get("language"), "duplicate_of": d.get("duplicate_of"), "story": story_of.get(d["id"]),
        "claims": per_doc.get(d["id"], 0),
    } for d in docs.values()]
    claims = []
    for c in ledger.claims.values():
        fig = ledger.figures.get(c.get("figure") or "")
        src = c.get("source") or {}
        doc = docs.get(c["doc"]) or {}
        claims.append({
            "id": c["id"], "doc": c["doc"], "outlet": row_outlet(doc), "published": _date(doc),
            "figure": c.get("figure"), "text": c.get("text"), "quantity": (c.get("quantity") or {}).get("text"),
            "value": c.get("value"), "low": c.get("low"), "high": c.get("high"), "unit": c.get("unit"),
            "per": c.get("per"), "qualifier": c.get("qualifier"), "change": c.get("change"),
            "vague": bool(c.get("vague")), "counted": c.get("counted"), "measure": c.get("measure"),
            "subject": _join(names.get(s, s) for s in c.get("subject") or ()), "place": c.get("place"),
            "source": ledger.source_name(c), "source_kind": src.get("kind"), "via": _join(c.get("via") or ()),
            "origin": ledger.origin(c, fig), "verb": c.get("verb"), "certainty": c.get("certainty"),
            "time": (c.get("time") or {}).get("value"), "start": c.get("start"), "end": c.get("end"),
        })
    figures = []
    fig_docs: dict[str, set[str]] = defaultdict(set)
    for f in ledger.figures.values():
        members = ledger.figure_claims(f)
        fig_docs[f["id"]] = {c["doc"] for c in members}
        figures.append({
            "id": f["id"], "label": f.get("label"), "measure": f.get("measure"), "unit": f.get("unit"),
            "verdict": f.get("verdict"), "low": f.get("low"), "high": f.get("high"),
            "range": fmt_interval(f.get("low"), f.get("high"), f.get("unit")), "claims": len(f.get("claims") or ()),
            "documents": len(fig_docs[f["id"]]), "independent_origins": f.get("independent_origins") or 0,
            "origins": _join(f.get("origins") or ()), "first_reported": f.get("first_reported"),
            "last_reported": f.get("last_reported"),
        })
    stories = []
    for s in export.get("stories") or ():
        ids = [d for d in s.get("documents") or () if d in docs]
        idset = set(ids)
        figs = [f for f in ledger.figures.values() if fig_docs[f["id"]] & idset]
        dates = sorted(str(x) for x in (_date(docs[d]) for d in ids) if x)
        stories.append({
            "id": s["id"], "label": story_label(s, docs), "documents": len(ids), "document_ids": _join(ids),
            "outlets": _join(sorted({o for o in (row_outlet(docs[d]) for d in ids) if o}, key=str.lower)),
            "figures": len(figs), "conflicts": sum(1 for f in figs if f.get("verdict") == "conflict"),
            "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
        })
    return {"documents": documents, "claims": claims, "figures": figures, "stories": stories}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(export: dict[str, Any], folder: str | Path) -> list[Path]:
    """``documents.csv``, ``claims.csv``, ``figures.csv``, ``stories.csv`` (UTF-8, a header row)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(export).items():
        path = out / f"{name}.csv"
        cols = [c.name for c in COLUMNS[name]]
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([_cell(r.get(c)) for c in cols])
        written.append(path)
    return written


def write_parquet(export: dict[str, Any], folder: str | Path) -> list[Path]:
    """The same four tables as Parquet files, typed; needs pyarrow (``pip install 'claimgraph[parquet]'``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError("Parquet needs pyarrow: pip install 'claimgraph[parquet]'") from exc
    types = {"text": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(export).items():
        schema = pa.schema([(c.name, types[c.kind]) for c in COLUMNS[name]])
        data = {c.name: [_typed(r.get(c.name), c.kind) for r in rows] for c in COLUMNS[name]}
        path = out / f"{name}.parquet"
        pq.write_table(pa.table(data, schema=schema), path)
        written.append(path)
    return written


def _typed(value: Any, kind: Kind) -> Any:
    if value is None or value == "":
        return None
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    if kind == "bool":
        return bool(value)
    return str(value)
