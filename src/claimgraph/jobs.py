"""The job queue's worker: runs queued writes (ingest → extract → reconcile) one at a time.

The web app's Add page and ``POST /api/documents`` only queue a job in the store
(``Store.enqueue``) and answer at once. A worker, a thread of the web process or a
``claimgraph worker`` process, claims the oldest queued job (``Store.claim_job``: atomic, so two
workers on one store never run one job twice), runs it, and marks it done or failed with what
it did. Any number of web processes and workers can share one store: each write is one of the
store's transactions, so nothing is lost. A job that raises is marked failed with its error; what
it stored before the error stays stored.
"""
from __future__ import annotations

import base64
import json
import logging
import os
import re
import socket
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import api
from .errors import ClaimgraphError
from .store.connect import open_store
from .store.protocol import Job, Store

log = logging.getLogger(__name__)
POLL = 2.0  # seconds between looks at an empty queue (a job queued in this process wakes the worker at once)


@dataclass(slots=True)
class Outcome:
    """What running a job did: ids read, ids new or changed, problems (per input)."""

    documents: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def file_input(name: str, content: bytes) -> dict[str, str]:
    """An uploaded file as a job input (its bytes in base64, as JSON holds text)."""
    return {"name": name, "content": base64.b64encode(content).decode("ascii")}


def run_job(store: Store, job: Job, config: api.RunConfig) -> Outcome:
    """Ingest the job's inputs, extract its documents and reconcile the store (``api`` functions,
    as ``analyze`` runs them). Problems with one input are reported and the others still go in."""
    out = Outcome()
    with tempfile.TemporaryDirectory(prefix="claimgraph-job-") as tmp:
        inputs: list[str] = []
        rows = job.inputs.get("pasted") or []
        if rows:
            path = Path(tmp, "pasted.jsonl")
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
            inputs.append(str(path))
        for i, f in enumerate(job.inputs.get("files") or []):
            folder = Path(tmp, f"upload-{i}")
            folder.mkdir()
            target = folder / Path(str(f["name"])).name  # named safely when queued; no folders here either
            target.write_bytes(base64.b64decode(f["content"]))
            inputs.append(str(target))
        inputs += [str(u) for u in job.inputs.get("urls") or []]
        result = api.RunResult()
        if inputs:
            try:
                api.ingest(inputs, store, config=config, result=result)
                if result.documents:
                    api.extract(store, config=config, result=result, doc_ids=result.documents)
                    api.reconcile(store)
            except ClaimgraphError as exc:
                result.errors.append(exc)
    out.documents, out.added = list(result.documents), list(result.added)
    out.errors = [_plain(str(e), tmp) for e in result.errors]
    out.warnings = [_plain(str(w), tmp) for w in result.warnings]
    return out


def execute(store: Store, job: Job, config: api.RunConfig,
            run: Callable[[Store, Job, api.RunConfig], Outcome] | None = None) -> None:
    """Run a claimed job and record how it ended. It fails when it raised, or when it read nothing
    and had problems; a job that read documents is done, with the problems of its other inputs."""
    try:
        out = (run or run_job)(store, job, config)
    except Exception as exc:  # recorded on the job; the worker goes on to the next
        log.exception("job %s failed", job.id)
        store.finish_job(job.id, error=f"{exc.__class__.__name__}: {exc}")
        return
    failed = not out.documents and bool(out.errors or job.errors)
    error = ("; ".join([*job.errors, *out.errors]) or None) if failed else None
    store.finish_job(job.id, error=error, documents=out.documents, added=out.added, errors=out.errors,
                     warnings=out.warnings)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def work(db: str, *, config: api.RunConfig, once: bool = False, poll: float = POLL,
         stop: threading.Event | None = None, wake: threading.Event | None = None,
         store: Store | None = None) -> int:
    """Claim and run jobs from the store at ``db`` until ``stop`` is set (or, with ``once``, until
    the queue is empty); return how many ran. ``wake`` cuts a wait short (a job was queued)."""
    stop = stop or threading.Event()
    wake = wake or threading.Event()
    name = worker_name()
    ran = 0
    own = store is None
    current = store or open_store(db)
    try:
        while not stop.is_set():
            try:
                job = current.claim_job(name)
            except Exception:  # the database is away for a moment: try again later
                if once:
                    raise
                log.exception("claiming a job from %s failed", db)
                job = None
            if job is None:
                if once:
                    break
                wake.wait(poll)
                wake.clear()
                continue
            execute(current, job, config)
            ran += 1
    finally:
        if own:
            current.close()
    return ran


class Worker:
    """A worker thread in the web process: started with the app, woken when the app queues a job."""

    def __init__(self, db: str, config: api.RunConfig, *, poll: float = POLL,
                 after: threading.Thread | None = None) -> None:
        self.db, self.config, self.poll, self.after = db, config, poll, after
        self.stop, self.wake = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="claimgraph-worker")

    def start(self) -> Worker:
        self.thread.start()
        return self

    def notify(self) -> None:
        self.wake.set()

    def close(self, timeout: float | None = None) -> None:
        self.stop.set()
        self.wake.set()
        self.thread.join(timeout)

    def _run(self) -> None:
        if self.after is not None:  # the model's warm-up: a first job would load it a second time
            self.after.join()
        while not self.stop.is_set():
            try:
                work(self.db, config=self.config, poll=self.poll, stop=self.stop, wake=self.wake)
            except Exception:  # the store could not be opened: wait and try again
                log.exception("the worker on %s stopped; restarting", self.db)
                self.stop.wait(self.poll)


def job_json(job: Job) -> dict[str, Any]:
    """A job for the JSON API (its inputs left out: they may be megabytes)."""
    return {"id": job.id, "state": job.state, "created_at": job.created_at, "started_at": job.started_at,
            "finished_at": job.finished_at, "error": job.error, "documents": list(job.documents),
            "added": list(job.added), "errors": list(job.errors), "warnings": list(job.warnings)}


def _plain(message: str, tmp: str) -> str:
    """An error message that names the upload or "pasted text", not the temporary folder."""
    message = message.replace(str(Path(tmp, "pasted.jsonl")), "pasted text")
    return re.sub(re.escape(tmp) + r"[/\\]upload-\d+[/\\]", "", message)
