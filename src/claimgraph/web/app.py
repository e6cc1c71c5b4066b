"""The FastAPI app: server-rendered pages and a JSON API over one SQLite store."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from .. import api
from ..jobs import Worker
from ..report.render import TEMPLATES as REPORT_TEMPLATES
from ..report.render import make_env
from ..store.connect import open_store
from ..store.protocol import Store
from .ingest import warm_up
from .security import (
    DEFAULT_MAX_UPLOAD,
    LOOPBACK_NAMES,
    HostGuard,
    LimitBody,
    host_name,
    is_loopback,
    with_headers,
)

HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: str
    host: str
    token: str | None
    max_upload: int
    config: api.RunConfig
    env: Environment
    worker: Worker | None  # runs the queued jobs in this process (None: other processes do)


class App(FastAPI):
    """FastAPI with the security headers added outermost, so even a 500 page carries them."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, with_headers(send) if scope["type"] == "http" else send)


def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_store(request: Request) -> Iterator[Store]:
    """A store per request: SQLite in WAL mode lets pages read while a write runs."""
    store = open_store(settings(request).db_path)
    try:
        yield store
    finally:
        store.close()


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    s = settings(request)
    html = s.env.get_template(name).render(request_path=request.url.path, token_required=s.token is not None,
                                           **context)
    return HTMLResponse(html, status_code=status)


_PLACES = {"query": "parameter", "path": "path", "body": "field", "header": "header", "cookie": "cookie"}


def problem_text(error: dict[str, Any]) -> str:
    """One validation error as a sentence: "parameter offset (given '-1'): Input should be ...".
    The value is cut short and escaped: it may be long, or hold a lone surrogate."""
    loc = [str(x) for x in error.get("loc", ())]
    place, name = (loc[0], ".".join(loc[1:])) if loc else ("request", "")
    what = f"{_PLACES.get(place, place)} {name}" if name else ("the body" if place == "body" else "the request")
    given = error.get("input")
    shown = f" (given {given[:60]!r})" if isinstance(given, str) and name else ""
    msg = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    if error.get("type") == "string_unicode":
        msg = "holds a lone surrogate (a broken character); send valid UTF-8 text"
    return f"{what}{shown}: {msg}"


def wants_json(path: str) -> bool:
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def create_app(db_path: str, *, host: str = "127.0.0.1", token: str | None = None,
               max_upload: int = DEFAULT_MAX_UPLOAD, config: api.RunConfig | None = None,
               names: Iterable[str] = (), warm: bool = False, worker: bool = True) -> FastAPI:
    """The web app over the store at ``db_path``.

    Beyond loopback the app refuses to start without a ``token``; with a token every write
    (POST) must carry it. Without a token, requests must name the server's host (loopback
    names, ``host``, or ``names``) in ``Host``. Request bodies over ``max_upload`` bytes get a 413.
    ``warm``: load the NLP model now, in the background, not at the first upload. ``worker``: run
    queued jobs (uploads) in a thread of this process; without it, ``claimgraph worker`` runs them.
    """
    if not is_loopback(host) and not token:
        raise ValueError(f"refusing to serve on {host} without a token: writes would be open to the network. "
                         "Pass --token (or set CLAIMGRAPH_TOKEN), or listen on 127.0.0.1.")
    open_store(db_path).close()  # create or migrate now: a bad path fails at start, not on the first request
    env = make_env(ChoiceLoader([FileSystemLoader(str(HERE / "templates")), FileSystemLoader(str(REPORT_TEMPLATES))]))
    app = App(title="claimgraph", version="1", docs_url=None, redoc_url=None,
              description="A cross-checked ledger of the figures in news articles. Lists take `limit` and "
                          "`offset` and return `total`. Writes need `Authorization: Bearer TOKEN` when the "
                          "server has a token.")
    run_config = config or api.RunConfig(timeout=15.0)
    app.state.warming = warm_up(run_config) if warm else None
    app.state.settings = Settings(db_path, host, token, max_upload, run_config, env,
                                  Worker(db_path, run_config, after=app.state.warming).start() if worker else None)

    def error_response(path: str, status: int, detail: Any, headers: dict[str, str] | None = None) -> Response:
        if wants_json(path):
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        html = env.get_template("error.html.j2").render(
            request_path=path, token_required=token is not None, status=status,
            detail=detail if isinstance(detail, str) else None,
            problems=detail if isinstance(detail, list) else [])
        return HTMLResponse(html, status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request.url.path, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # the client sent a bad parameter or body: 400, each problem naming the input it was given
        problems = [problem_text(e) for e in exc.errors()]
        if wants_json(request.url.path):
            return JSONResponse({"detail": "Bad request: " + "; ".join(problems), "problems": problems},
                                status_code=400)
        return error_response(request.url.path, 400, problems)

    async def reply_early(scope: Scope, send: Send, exc: HTTPException) -> None:
        async def nothing() -> Any:
            return {"type": "http.disconnect"}

        await error_response(scope.get("path", ""), exc.status_code, exc.detail)(scope, nothing, send)

    app.add_middleware(LimitBody, limit=max_upload, reply=reply_early)
    if token is None:
        served = LOOPBACK_NAMES | {host_name(host)} | {host_name(n) for n in names}
        app.add_middleware(HostGuard, names=frozenset(served), reply=reply_early)

    @app.get("/static/report.css", include_in_schema=False)
    def report_css() -> FileResponse:
        return FileResponse(REPORT_TEMPLATES / "report.css", media_type="text/css")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from .jsonapi import router as api_router
    from .pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    return app
