"""kill -9 at random points: the store stays whole, a re-run equals an uninterrupted run, an
existing export is never truncated, and pool workers do not outlive their parent."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")


def python(code: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


INGEST = """
    import sys
    from claimgraph import api
    from claimgraph.store.sqlite import Store
    with Store(sys.argv[1]) as store:
        for path in sys.argv[2:]:  # one input at a time: many commits to land between
            api.ingest([path], store, config=api.RunConfig(), result=api.RunResult())
    print("done", flush=True)
"""


def rows(db: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    out = list(con.execute("SELECT id, checksum, duplicate_of, data FROM documents ORDER BY id"))
    assert con.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0] == len(out)
    con.close()
    return out


def test_kill_during_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    files = []
    for i in range(16):
        f = tmp_path / "in" / f"a{i:02d}.txt"
        f.parent.mkdir(exist_ok=True)
        f.write_text(f"Rescuers said {i + 3} people were pulled from the river at Velden on day {i}.\n")
        files.append(str(f))
    clean = tmp_path / "clean.db"
    assert python(INGEST, str(clean), *files).wait(60) == 0
    want = rows(clean)
    rng = random.Random(3)
    for attempt in range(1):
        db = tmp_path / f"killed{attempt}.db"
        proc = python(INGEST, str(db), *files)
        time.sleep(rng.uniform(0.9, 1.4))  # imports take most of a second: kill among the commits
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        if db.exists():
            rows(db)  # whole after the kill
        assert python(INGEST, str(db), *files).wait(60) == 0
        assert rows(db) == want


WRITER = """
    import sys
    from claimgraph.api import write_json
    big = {"schema": "claimgraph/1", "documents": [{"id": str(i), "text": "x" * 2000} for i in range(3000)]}
    print("start", flush=True)
    for n in range(1000):
        big["n"] = n
        write_json(big, sys.argv[1])
"""


def test_kill_while_writing_an_export_leaves_the_old_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    out.write_text(json.dumps({"schema": "claimgraph/1", "n": -1}))
    for delay in (0.05, 0.2, 0.45):
        proc = python(WRITER, str(out))
        assert proc.stdout is not None and proc.stdout.readline() == b"start\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        data = json.loads(out.read_text())  # whole JSON, never truncated
        assert data["schema"] == "claimgraph/1"
    assert not [p for p in tmp_path.iterdir() if p.name != "export.json" and not p.name.startswith(".export")]


POOL = """
    import time
    from claimgraph.engine import local
    from claimgraph.extract import pipeline

    class Slow:
        def __init__(self, *, config=None): pass
        def __call__(self, docs):
            time.sleep(60)
            return iter(())

    pipeline.Extractor = Slow  # no model: the test is about the processes
    local.WATCH_SECONDS = 0.1
    pool = local.ExtractPool(None, 2)
    futures = [pool.executor.submit(local._run, []) for _ in range(2)]
    time.sleep(0.5)
    print(" ".join(str(p) for p in pool.executor._processes), flush=True)
    time.sleep(60)
"""


def test_pool_workers_die_with_their_parent() -> None:
    proc = python(POOL)
    assert proc.stdout is not None
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its (new) parent to reap it is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True
