"""The JSON API under /api: the ``claimgraph/1`` shapes, paginated (``limit``, ``offset``, ``total``)."""
from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..export import figure_json
from ..jobs import job_json
from ..store.protocol import Store
from . import data
from .app import get_store, settings
from .ingest import Pasted, queue
from .security import MAX_OFFSET, check_write, is_encodable

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1–500).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
T = TypeVar("T")
VerdictName = Literal["agree", "consistent", "conflict", "superseded", "single_source"]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class FigureOut(Open):
    id: str
    label: str | None
    measure: str | None
    unit: str | None
    claims: list[str]
    verdict: str
    low: int | float | None
    high: int | float | None
    independent_origins: int
    origins: list[str]
    first_reported: str | None = None
    last_reported: str | None = None


class ClaimOut(Open):
    id: str
    doc: str
    start: int
    end: int
    text: str
    value: int | float | None
    low: int | float | None
    high: int | float | None
    unit: str | None
    qualifier: str | None
    measure: str | None
    counted: str | None = None
    source: dict[str, Any] | None = None
    via: list[str] = []
    figure: str | None = None


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None
    claims: int


class StoryOut(BaseModel):
    id: str
    label: str
    documents: list[str]


class EntityOut(Open):
    id: str
    name: str
    type: str
    aliases: list[str]


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class FigureDetail(BaseModel):
    figure: FigureOut
    claims: list[ClaimOut]
    documents: list[dict[str, Any]] = Field(description="The claims' documents, without their text.")
    entities: list[dict[str, Any]]


class DocumentDetail(BaseModel):
    document: dict[str, Any]
    claims: list[ClaimOut]
    quotes: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    entities: list[dict[str, Any]]


class NewDocument(BaseModel):
    """One article: exactly one of ``text``, ``html`` or ``url``; metadata is optional."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    html: str | None = None
    url: str | None = Field(None, pattern=r"^https?://", max_length=2000)
    id: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$")
    title: str | None = Field(None, max_length=500)
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?")
    outlet: str | None = Field(None, max_length=200)

    @field_validator("*")
    @classmethod
    def encodable(cls, value: str | None) -> str | None:
        if value is not None and not is_encodable(value):
            raise ValueError("holds a lone surrogate (a broken character); send valid UTF-8 text")
        return value

    @model_validator(mode="after")
    def one_body(self) -> NewDocument:
        given = [k for k in ("text", "html", "url") if (getattr(self, k) or "").strip()]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class JobOut(BaseModel):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    created_at: str
    started_at: str | None
    finished_at: str | None
    error: str | None = Field(description="Why a failed job failed.")
    documents: list[str] = Field(description="Ids of the documents read.")
    added: list[str] = Field(description="Ids that were new or changed in the store.")
    errors: list[str] = Field(description="Problems with some inputs (the others went in).")
    warnings: list[str] = Field(description="Inputs that went in but need a look (mixed encodings).")


class Refused(BaseModel):
    errors: list[str]


@router.get("/figures", response_model=Page[FigureOut])
def list_figures(store: StoreDep, verdict: VerdictName | None = None, entity: str | None = None,
                 measure: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Figures, conflicts first; filter by verdict, entity (name or alias) and measure."""
    found, total = data.figures(store, verdict=verdict, entity=entity, measure=measure, limit=limit, offset=offset)
    return data.page([figure_json(f) for f in found], total, limit, offset)


@router.get("/figures/{fig_id:path}", response_model=FigureDetail)
def get_figure(store: StoreDep, fig_id: str) -> dict[str, Any]:
    """One figure with its claims and their documents."""
    export = data.figure_export(store, fig_id)
    if export is None:
        raise HTTPException(404, f"No figure {fig_id!r}.")
    return {"figure": export["figures"][0], "claims": export["claims"], "documents": export["documents"],
            "entities": export["entities"]}


@router.get("/claims", response_model=Page[ClaimOut])
def list_claims(store: StoreDep, entity: str | None = None, measure: str | None = None, limit: Limit = 50,
                offset: Offset = 0) -> dict[str, Any]:
    """Claims, by document; filter by entity (subject or source, by name or alias) and measure."""
    found, total = data.claims(store, entity=entity, measure=measure, limit=limit, offset=offset)
    return data.page(data.claims_export(store, found)["claims"], total, limit, offset)


@router.get("/documents", response_model=Page[DocumentSummary])
def list_documents(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Documents by publication date, without their text."""
    rows, total = data.documents(store, limit, offset)
    return data.page(rows, total, limit, offset)


@router.get("/stories", response_model=Page[StoryOut])
def list_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stories (documents about the same events) by id, each with its document ids."""
    found, total = store.story_page(limit, offset)
    return data.page([{"id": s.id, "label": s.label, "documents": list(s.documents)} for s in found], total, limit,
                     offset)


@router.get("/entities", response_model=Page[EntityOut])
def list_entities(store: StoreDep, name: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Entities by id; ``name``: those whose name holds it or whose alias is it (case aside)."""
    found, total = store.entity_page(name=name, limit=limit, offset=offset)
    return data.page(data.entity_rows(found), total, limit, offset)


@router.get("/documents/{doc_id:path}", response_model=DocumentDetail)
def get_document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """One document: text, body spans, debris, and its claims, quotes and dates (offsets into the text)."""
    export = data.document_export(store, doc_id)
    if export is None:
        raise HTTPException(404, f"No document {doc_id!r}.")
    return {"document": export["documents"][0], "claims": export["claims"], "quotes": export["quotes"],
            "dates": export["dates"], "entities": export["entities"]}


@router.post("/documents", response_model=JobOut, status_code=202,
             responses={400: {"description": "a bad field (named in the message)"},
                        401: {"description": "token missing"}, 403: {"description": "wrong token"},
                        413: {"description": "body too large"},
                        422: {"model": Refused, "description": "nothing could be queued"}})
def post_document(request: Request, store: StoreDep, body: NewDocument) -> Any:
    """Queue one article (text, HTML or a URL to fetch). The answer is the queued job, at once; a
    worker reads, extracts and reconciles it. Follow ``Location`` (``/api/jobs/{id}``) until its
    state is ``done`` (or ``failed``, with ``error``)."""
    check_write(request, settings(request).token)
    pasted = [] if body.url else [Pasted(body.text, body.html, body.id, body.title, body.published, body.outlet)]
    queued = queue(store, pasted=pasted, urls=[body.url] if body.url else [])
    if queued.job is None:
        return JSONResponse({"errors": queued.errors}, status_code=422)
    if (worker := settings(request).worker) is not None:
        worker.notify()
    return JSONResponse(job_json(queued.job), status_code=202, headers={"Location": f"/api/jobs/{queued.job.id}"})


@router.get("/jobs/{job_id}", response_model=JobOut)
def get_job(store: StoreDep, job_id: str) -> dict[str, Any]:
    """A queued write: its state (queued, running, done, failed) and, once run, what it did."""
    job = store.job(job_id)
    if job is None:
        raise HTTPException(404, f"No job {job_id!r}.")
    return job_json(job)
