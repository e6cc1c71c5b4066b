"""Server-rendered pages: stories, figures, one figure, documents, one document, search, add."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from ..export import figure_json
from ..labels import UNTITLED, document_label, outlet_label
from ..report.ledger import VERDICT_ORDER, WEB_LINKS, Ledger
from ..report.numbers import fmt_date
from ..report.sentence import lead_sentence
from ..report.views import document_view, figure_row, figure_view
from ..store.protocol import Store
from ..store.sqlite import search_problem
from . import data
from .app import get_store, render, settings
from .ingest import Pasted, queue
from .security import MAX_OFFSET, check_write

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"
HOME_CONFLICTS = 6  # conflicts listed on the home page (the sentence spells out MAX_CONFLICTS of them)


def pager(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    """Where this page sits in the list, and links to the pages either side (other filters kept)."""
    url = request.url
    return {
        "total": total, "first": offset + 1 if total else 0, "last": min(offset + limit, total),
        "prev": str(url.include_query_params(offset=max(offset - limit, 0))) if offset > 0 else None,
        "next": str(url.include_query_params(offset=offset + limit)) if offset + limit < total else None,
    }


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable; anything else (javascript:, data:) stays text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


@router.get("/", response_class=HTMLResponse)
def stories(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    conflicts, _ = data.figures(store, verdict="conflict", limit=HOME_CONFLICTS)
    ledger = Ledger({"figures": [figure_json(f) for f in conflicts]})
    summary = data.summary(store)
    sentence = lead_sentence(data.lead_ledger(store, conflicts), figures=summary["figures"],
                             outlets=summary["outlets"], conflicts=summary["conflicts"])
    rows, total = data.stories(store, limit, offset)
    return render(request, "stories.html.j2", summary=summary, stories=rows, sentence=sentence,
                  conflicts=[figure_row(ledger, f, WEB_LINKS) for f in ledger.ordered],
                  pager=pager(request, total, limit, offset) if total > limit or offset else None)


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, store: StoreDep, verdict: str | None = None, entity: str | None = None,
            measure: str | None = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    if verdict and verdict not in VERDICT_ORDER:
        raise HTTPException(400, f"Unknown verdict {verdict!r}: use one of {', '.join(VERDICT_ORDER)}.")
    shown, total = data.figures(store, verdict=verdict, entity=entity, measure=measure, limit=limit, offset=offset)
    ledger = Ledger({"figures": [figure_json(f) for f in shown]})
    rows = [figure_row(ledger, f, WEB_LINKS) for f in ledger.ordered]
    return render(request, "figures.html.j2", rows=rows, pager=pager(request, total, limit, offset),
                  verdict=verdict or "", entity=entity or "", measure=measure or "", measures=data.measures(store))


@router.get("/figures/{fig_id:path}", response_class=HTMLResponse)
def figure(request: Request, store: StoreDep, fig_id: str) -> HTMLResponse:
    export = data.figure_export(store, fig_id)
    if export is None:
        raise HTTPException(404, f"No figure {fig_id!r}.")
    ledger = Ledger(export)
    return render(request, "figure.html.j2", f=figure_view(ledger, export["figures"][0], WEB_LINKS))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    rows, total = data.documents(store, limit, offset)
    for r in rows:
        r["published"] = fmt_date(r["published"])
    return render(request, "documents.html.j2", rows=rows, pager=pager(request, total, limit, offset))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    export = data.document_export(store, doc_id)
    if export is None:
        raise HTTPException(404, f"No document {doc_id!r}.")
    ledger = Ledger(export)
    doc = export["documents"][0]
    view = document_view(ledger, doc, WEB_LINKS)
    original = store.document(view["duplicate_of"]) if view["duplicate_of"] else None
    if original is not None:
        view["duplicate_label"] = document_label(original)
    figs = [figure_row(ledger, f, WEB_LINKS) for f in ledger.ordered]
    return render(request, "document.html.j2", d=view, link=safe_url(doc.get("url")), figures=figs,
                  quotes=export["quotes"], dates=export["dates"])


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: str = "", limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    total = 0
    problem = search_problem(q)
    if problem:
        raise HTTPException(400, problem)
    if q.strip():
        total = store.search_count(q)
        found = store.search(q, limit, offset, marks=(HIT_OPEN, HIT_CLOSE))
        meta = {d.id: d for d in store.documents([doc_id for doc_id, _ in found])}
        for doc_id, snippet in found:
            d = meta.get(doc_id)
            hits.append({"id": doc_id, "title": document_label(d) if d else UNTITLED,
                         "outlet": outlet_label(d) if d else None,
                         "published": fmt_date(d.published) if d else "", "snippet": highlight(snippet)})
    return render(request, "search.html.j2", q=q, hits=hits, pager=pager(request, total, limit, offset))


def highlight(snippet: str) -> Markup:
    """Escape a search snippet, then turn its match markers into <mark>."""
    text = str(escape(snippet))
    return Markup(text.replace(HIT_OPEN, '<mark class="hit">').replace(HIT_CLOSE, "</mark>"))


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return render(request, "add.html.j2", form={}, outcome=None)


@router.post("/add", response_class=HTMLResponse)
def add_submit(
    request: Request, store: StoreDep,
    text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "", doc_id: Annotated[str, Form()] = "",
    fmt: Annotated[str, Form()] = "text", token: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    """Queue the inputs as a job and show the job's page (303: a reload does not post again);
    inputs that cannot be queued at all keep the form, with what was wrong."""
    check_write(request, settings(request).token, token or None)
    pasted = []
    if text.strip():
        body = {"html": text} if fmt == "html" else {"text": text}
        pasted.append(Pasted(**body, id=doc_id.strip() or None, title=title.strip() or None,
                             published=published.strip() or None, outlet=outlet.strip() or None))
    uploads = [(f.filename or "upload.txt", f.file.read()) for f in files or () if f.filename]
    queued = queue(store, pasted=pasted, files=uploads, urls=[url] if url.strip() else [])
    if queued.job is not None:
        if (worker := settings(request).worker) is not None:
            worker.notify()
        return RedirectResponse(f"/jobs/{queued.job.id}", status_code=303)
    form = {"text": text, "url": url, "title": title, "outlet": outlet, "published": published, "doc_id": doc_id,
            "fmt": fmt}
    status = 400 if not (text.strip() or uploads or url.strip()) else 422
    return render(request, "add.html.j2", status=status, form=form, outcome={"errors": queued.errors})


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, store: StoreDep, job_id: str) -> HTMLResponse:
    job = store.job(job_id)
    if job is None:
        raise HTTPException(404, f"No job {job_id!r}.")
    return render(request, "job.html.j2", job=job, pending=job.state in ("queued", "running"),
                  worker=settings(request).worker is not None)
