"""Adding documents from the web: pasted text or HTML, uploaded files, or a URL.

The request only checks what it was given and queues a job in the store (``queue``); a worker
(``claimgraph.jobs``: a thread of the web process, or ``claimgraph worker``) runs it later:
ingest, extract, reconcile. The response does not wait for the language model or the reconcile,
and several web processes and workers can share one store without losing a write.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import api
from ..errors import InputError
from ..jobs import file_input
from ..store.protocol import Job, Store
from .security import is_encodable

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
class Queued:
    """What a request queued: the job (None when nothing could be), and the problems found at once."""

    job: Job | None = None
    errors: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """An uploaded file's name without folders or odd characters (its stem becomes the document id)."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-")
    return base[:120] or "upload.txt"


def warm_up(config: api.RunConfig) -> threading.Thread:
    """Load the NLP model in a background thread, so that the first job waits for no more than what
    is left of the load."""
    def load() -> None:
        from ..extract.pipeline import ExtractConfig, Extractor

        try:
            Extractor(config=ExtractConfig(model=config.model, measures=config.measures))
        except Exception:  # a missing model is reported by the job that needs it
            logging.getLogger(__name__).exception("loading the model failed")

    thread = threading.Thread(target=load, daemon=True, name="claimgraph-warm-up")
    thread.start()
    return thread


def queue(store: Store, *, pasted: Iterable[Pasted] = (), files: Iterable[tuple[str, bytes]] = (),
          urls: Iterable[str] = ()) -> Queued:
    """Check the inputs and queue one job for those that pass; every problem is reported, and the
    good inputs still go in."""
    out = Queued()
    rows = []
    for r in (p.row() for p in pasted):
        if not SAFE_ID.match(r["id"]):
            out.errors.append(str(InputError("an id may use letters, digits and . _ : - (up to 120)", input=r["id"])))
        elif not is_encodable(json.dumps(r, ensure_ascii=False)):
            out.errors.append(str(InputError("holds a lone surrogate (a broken character)", input=r["id"])))
        else:
            rows.append(r)
    good_urls = []
    for url in urls:
        if not re.match(r"^https?://", url.strip(), re.I):
            out.errors.append(str(InputError("only http:// and https:// URLs can be added", input=url)))
        else:
            good_urls.append(url.strip())
    uploads = [file_input(safe_name(name), data) for name, data in files]
    if not (rows or uploads or good_urls):
        if not out.errors:
            out.errors.append("Nothing to add: paste some text, choose a file, or give a URL.")
        return out
    out.job = store.enqueue({"pasted": rows, "files": uploads, "urls": good_urls}, out.errors)
    return out


