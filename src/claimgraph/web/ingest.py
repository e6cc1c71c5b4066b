"""Adding documents from the web: pasted text or HTML, uploaded files, or a URL.

Each becomes an input that ``api.ingest`` reads as it would from the command line (pasted
text is written as a one-line JSONL file in a temporary folder), then ``api.extract`` runs on
the documents of the request only, and the store is reconciled: by the web app in a background
``Reconciler`` (a burst of uploads costs at most two reconciliations, and the response does not
wait for one), else at once. One writer at a time; the spaCy pipeline is loaded once per
process and reused (``extract.pipeline.build_pipeline`` is cached).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import api
from ..errors import ClaimgraphError, InputError
from ..store.connect import open_store
from ..store.protocol import Store
from .security import is_encodable

WRITE_LOCK = threading.Lock()
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$")


@dataclass(slots=True)
class Pasted:
    """One article given inline: ``text`` or ``html``, with optional metadata."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None

    def row(self) -> dict[str, Any]:
        body = self.text if self.text and self.text.strip() else None
        key, content = ("text", body) if body else ("html", self.html or "")
        doc_id = self.id or "web-" + hashlib.sha256(content.encode()).hexdigest()[:12]
        meta = {"title": self.title, "published": self.published, "outlet": self.outlet, "url": self.url}
        return {"id": doc_id, key: content, **{k: v for k, v in meta.items() if v}}


@dataclass(slots=True)
class Outcome:
    documents: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.documents) and not self.errors


def safe_name(name: str) -> str:
    """An uploaded file's name without folders or odd characters (its stem becomes the document id)."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-")
    return base[:120] or "upload.txt"


class Reconciler:
    """Reconciles the store at ``db_path`` in a background thread when asked. Requests made while
    a run is going are folded into one more run after it."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.last_error: str | None = None
        self._cond = threading.Condition()
        self._wanted = False
        self._busy = False
        self._thread: threading.Thread | None = None

    def request(self, store: Store | None = None) -> None:
        with self._cond:
            self._wanted = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, daemon=True, name="claimgraph-reconcile")
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no reconciliation is asked for or running; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._wanted and not self._busy, timeout)

    def _loop(self) -> None:
        while True:
            with self._cond:
                if not self._wanted:
                    self._thread = None
                    self._cond.notify_all()
                    return
                self._wanted, self._busy = False, True
            try:
                with open_store(self.db_path) as store:
                    api.reconcile(store)
                self.last_error = None
            except Exception as exc:  # kept for the log; the next upload tries again
                self.last_error = f"{exc.__class__.__name__}: {exc}"
                logging.getLogger(__name__).exception("reconciling %s failed", self.db_path)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()


def warm_up(config: api.RunConfig) -> threading.Thread:
    """Load the NLP model in a background thread, holding the write lock, so that the first
    upload waits for no more than what is left of the load."""
    def load() -> None:
        from ..extract.pipeline import ExtractConfig, Extractor

        with WRITE_LOCK:
            try:
                Extractor(config=ExtractConfig(model=config.model, measures=config.measures))
            except Exception:  # a missing model is reported by the upload that needs it
                logging.getLogger(__name__).exception("loading the model failed")

    thread = threading.Thread(target=load, daemon=True, name="claimgraph-warm-up")
    thread.start()
    return thread


def add(store: Store, *, pasted: Iterable[Pasted] = (), files: Iterable[tuple[str, bytes]] = (),
        urls: Iterable[str] = (), config: api.RunConfig | None = None,
        reconcile: Callable[[Store], None] | None = None) -> Outcome:
    """Ingest, extract and reconcile (``reconcile``, by default ``api.reconcile`` at once); every
    failure is reported, and the good inputs still go in."""
    config = config or api.RunConfig()
    out = Outcome()
    with tempfile.TemporaryDirectory(prefix="claimgraph-web-") as tmp:
        inputs: list[str] = []
        rows = [p.row() for p in pasted]
        for r in rows:
            if not SAFE_ID.match(r["id"]):
                out.errors.append(str(InputError("an id may use letters, digits and . _ : - (up to 120)",
                                                 input=r["id"])))
            elif not is_encodable(json.dumps(r, ensure_ascii=False)):
                out.errors.append(str(InputError("holds a lone surrogate (a broken character)", input=r["id"])))
        rows = [r for r in rows if SAFE_ID.match(r["id"]) and is_encodable(json.dumps(r, ensure_ascii=False))]
        if rows:
            path = Path(tmp, "pasted.jsonl")
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
            inputs.append(str(path))
        for i, (name, data) in enumerate(files):
            folder = Path(tmp, f"upload-{i}")
            folder.mkdir()
            target = folder / safe_name(name)
            target.write_bytes(data)
            inputs.append(str(target))
        for url in urls:
            if not re.match(r"^https?://", url.strip(), re.I):
                out.errors.append(str(InputError("only http:// and https:// URLs can be added", input=url)))
            else:
                inputs.append(url.strip())
        if not inputs:
            if not out.errors:
                out.errors.append("Nothing to add: paste some text, choose a file, or give a URL.")
            return out
        with WRITE_LOCK:
            result = api.RunResult()
            try:
                api.ingest(inputs, store, config=config, result=result)
                if result.documents:
                    api.extract(store, config=config, result=result, doc_ids=result.documents)
                    (reconcile or api.reconcile)(store)
            except ClaimgraphError as exc:
                result.errors.append(exc)
    out.documents, out.added = list(result.documents), list(result.added)
    out.errors += [_plain(str(e), tmp) for e in result.errors]
    out.warnings = [_plain(str(w), tmp) for w in result.warnings]
    return out


def _plain(message: str, tmp: str) -> str:
    """An error message that names the upload or "pasted text", not the temporary folder."""
    message = message.replace(str(Path(tmp, "pasted.jsonl")), "pasted text")
    return re.sub(re.escape(tmp) + r"[/\\]upload-\d+[/\\]", "", message)
