"""The job queue on both back ends: each queued job runs once, however many workers share the store."""
from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from claimgraph import api, jobs
from claimgraph.store.connect import open_store
from claimgraph.store.protocol import Job, Store


def pasted(n: int, k: int) -> dict[str, str]:
    return {"id": f"job{n}-doc{k}", "text": f"Crews cleared {n * 10 + k + 2} roads after the storm."}


def test_a_job_is_claimed_once_and_finished_with_what_it_did(db: str) -> None:
    with open_store(db) as store:
        first = store.enqueue({"pasted": [pasted(1, 1)]}, ["bad id: 'x/y'"])
        second = store.enqueue({"urls": ["https://news.example/a"]})
        assert first.state == "queued" and first.errors == ("bad id: 'x/y'",) and first.started_at is None
        assert store.claim_job("w1") == Job(**{**_fields(first), "state": "running", "worker": "w1",
                                               "started_at": store.job(first.id).started_at})  # type: ignore[union-attr]
        assert store.claim_job("w2").id == second.id  # type: ignore[union-attr]
        assert store.claim_job("w3") is None
        store.finish_job(first.id, documents=["job1-doc1"], added=["job1-doc1"], errors=["late"], warnings=["w"])
        done = store.job(first.id)
        assert done is not None and done.state == "done" and done.documents == ("job1-doc1",)
        assert done.errors == ("bad id: 'x/y'", "late") and done.warnings == ("w",) and done.finished_at
        store.finish_job(first.id, error="again")  # a finished job stays as it ended
        assert store.job(first.id) == done
        store.finish_job(second.id, error="RuntimeError: boom")
        assert store.job(second.id).state == "failed" and store.job(second.id).error == "RuntimeError: boom"  # type: ignore[union-attr]
        assert store.job("nope") is None


def _fields(job: Job) -> dict[str, Any]:
    return {f: getattr(job, f) for f in Job.__dataclass_fields__}


@pytest.fixture
def no_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "extract", lambda store, **kw: 0)


def test_two_workers_run_every_job_exactly_once(db: str, no_nlp: None, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    lock = threading.Lock()
    real = jobs.run_job

    def counted(store: Store, job: Job, config: api.RunConfig) -> jobs.Outcome:
        with lock:
            ran.append(job.id)
        time.sleep(0.02)  # long enough for the other worker to claim meanwhile
        return real(store, job, config)

    monkeypatch.setattr(jobs, "run_job", counted)
    with open_store(db) as store:
        ids = [store.enqueue({"pasted": [pasted(n, k) for k in range(2)]}).id for n in range(10)]
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            jobs.work(db, config=api.RunConfig(), once=True)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and sorted(ran) == sorted(ids)  # every job, none twice
    with open_store(db) as store:
        done = [store.job(i) for i in ids]
        assert [j.state for j in done if j] == ["done"] * 10
        assert len({j.worker for j in done if j}) == 2  # both workers took jobs
        assert sorted(d for j in done if j for d in j.documents) == sorted(f"job{n}-doc{k}" for n in range(10)
                                                                         for k in range(2))
        assert store.count("documents") == 20


def test_a_failed_job_keeps_what_it_stored(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(store: Store, **kw: Any) -> int:
        raise RuntimeError("the extractor crashed")

    monkeypatch.setattr(api, "extract", crash)
    with open_store(db) as store:
        job = store.enqueue({"pasted": [pasted(1, 1)]})
        bad_url = store.enqueue({"urls": ["http://127.0.0.1:9/private"]})
        assert jobs.work(db, config=api.RunConfig(), once=True, store=store) == 2
        failed = store.job(job.id)
        assert failed is not None and failed.state == "failed" and failed.error == "RuntimeError: the extractor crashed"
        assert [d.id for d in store.documents()] == ["job1-doc1"]  # ingested before the crash: kept
        nothing = store.job(bad_url.id)
        assert nothing is not None and nothing.state == "failed" and "private or loopback" in (nothing.error or "")


def test_the_worker_command_runs_the_queue_and_stops(db: str, no_nlp: None) -> None:
    from click.testing import CliRunner

    from claimgraph.cli import main

    with open_store(db) as store:
        queued = [store.enqueue({"pasted": [pasted(n, 0)]}) for n in range(3)]
    result = CliRunner().invoke(main, ["worker", "--db", db, "--once"])
    assert result.exit_code == 0 and "3 jobs run" in result.output
    with open_store(db) as store:
        assert [store.job(j.id).state for j in queued] == ["done"] * 3  # type: ignore[union-attr]


def test_a_job_whose_worker_died_goes_back_in_the_queue_and_fails_after_three_runs(db: str) -> None:
    import socket
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = f"{socket.gethostname()}:{gone.stdout.strip()}:1"  # a process of this machine that has ended
    with open_store(db) as store:
        job = store.enqueue({"pasted": [pasted(7, 1)]})
        alive = store.enqueue({"pasted": [pasted(7, 2)]})
        assert store.claim_job(dead).id == job.id  # type: ignore[union-attr]
        assert store.claim_job(jobs.worker_name()).id == alive.id  # type: ignore[union-attr]  # this thread: alive
        assert [j.id for j in store.running_jobs()] == [job.id, alive.id]
        assert jobs.recover(store) == [job.id]
        again = store.job(job.id)
        assert again is not None and again.state == "queued" and again.worker is None
        assert again.errors[-1].startswith(jobs.REQUEUED) and store.job(alive.id).state == "running"  # type: ignore[union-attr]
        for _ in range(jobs.MAX_RUNS - 1):  # it keeps killing its worker
            assert store.claim_job(dead).id == job.id  # type: ignore[union-attr]
            assert jobs.recover(store) == [job.id]
        last = store.job(job.id)
        assert last is not None and last.state == "failed" and "3 times" in (last.error or "")
        # a worker on another machine: only a job running past the stale time is taken back
        other = store.enqueue({"pasted": [pasted(7, 3)]})
        store.claim_job("elsewhere.example:123:4")
        assert jobs.recover(store) == []
        assert jobs.recover(store, stale_after=-1) == [other.id]
