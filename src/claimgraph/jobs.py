"""The job queue's worker: runs queued writes (ingest → extract → reconcile) one at a time.

The web app's Add page and ``POST /api/documents`` only queue a job in the store
(``Store.enqueue``) and answer at once. A worker, a thread of the web process or a
``claimgraph worker`` process, claims the oldest queued job (``Store.claim_job``: atomic, so two
workers on one store never run one job twice), runs it, and marks it done or failed with what
it did. Any number of web processes and workers can share one store: each write is one of the
store's transactions, so nothing is lost. A job that raises is marked failed with its error; what
it stored before the error stays stored. A job whose worker died (killed, out of memory) goes back
in the queue (``recover``), at most ``MAX_RUNS`` times.
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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import api
from .errors import ClaimgraphError
from .store.connect import open_store
from .store.protocol import Job, Store

log = logging.getLogger(__name__)
RECOVER_EVERY = 60.0  # seconds between looks for running jobs whose worker stopped
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


STALE_AFTER = 6 * 3600.0  # a job running this long on another machine is taken to have lost its worker
MAX_RUNS = 3  # a job whose worker stopped this many times (out of memory?) fails instead of running again
REQUEUED = "requeued: "


def recover(store: Store, *, stale_after: float = STALE_AFTER) -> list[str]:
    """Put back in the queue the running jobs whose worker stopped: a process of this machine that
    is gone (or a thread of this process that is), or, on another machine, a job running longer
    than ``stale_after`` seconds. A job that has lost its worker ``MAX_RUNS`` times fails. Returns
    the ids requeued or failed."""
    out = []
    for job in store.running_jobs():
        if not _worker_gone(job.worker or "", job.started_at, stale_after):
            continue
        runs = 1 + sum(e.startswith(REQUEUED) for e in job.errors)
        if runs >= MAX_RUNS:
            store.finish_job(job.id, error=f"its worker stopped while running it {runs} times (out of memory?); "
                                            "not run again")
        elif not store.requeue_job(job.id, f"{REQUEUED}its worker ({job.worker}) stopped while running it"):
            continue
        log.warning("job %s lost its worker %s", job.id, job.worker)
        out.append(job.id)
    return out


def _worker_gone(worker: str, started_at: str | None, stale_after: float) -> bool:
    host, _, rest = worker.partition(":")
    pid_text, _, thread = rest.partition(":")
    if host == socket.gethostname() and pid_text.isdigit():
        pid = int(pid_text)
        if pid == os.getpid():
            return thread not in {str(t.ident) for t in threading.enumerate()}
        try:
            os.kill(pid, 0)  # no signal: only asks whether the process exists
        except ProcessLookupError:
            return True
        except PermissionError:  # another user's process: alive
            return False
        return False
    if started_at is None:
        return False
    started = datetime.fromisoformat(started_at)
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return (datetime.now(UTC) - started).total_seconds() > stale_after


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
    checked = 0.0
    try:
        while not stop.is_set():
            try:
                if time.monotonic() - checked > RECOVER_EVERY:  # jobs whose worker died, back in the queue
                    checked = time.monotonic()
                    recover(current)
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
