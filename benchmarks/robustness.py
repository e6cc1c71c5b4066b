"""Robustness: bad inputs, kill -9, concurrent runs and a loopback load test, with the real NLP.

    python benchmarks/robustness.py [--tries 50] [--kills 5] [--docs 1000] [--seconds 20] [--big]
                                    [--only fuzz,concurrent,kill,load]

1. fuzz: the corpus of ``tests/reliability/corpus.py`` (plus, with ``--big``, a 5 MB text)
   through ``claimgraph analyze``: every bad input must be named in an error, every good
   document must be in the export.
2. concurrent: ``--tries`` times, two ``analyze`` runs started together on a new database, and
   as many on an existing one: both must succeed and store each document once.
3. kill: ``--kills`` times, ``analyze`` killed with SIGKILL at a random point; the database must
   pass ``integrity_check`` and a re-run must export what an uninterrupted run exports.
4. load: ``claimgraph serve`` on 127.0.0.1 over a store of ``--docs`` documents; 20 clients for
   ``--seconds`` on ``/figures``, ``/api/figures`` and ``/search``: requests/s, p50, p99; then
   5 uploads one after another: p50 and max.

Prints tried / handled / lost per part; lost must be 0 (the exit status is 1 otherwise).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
from corpus import build  # noqa: E402

CLI = [sys.executable, "-m", "claimgraph.cli"]
TEXT = "At least {n} people were killed when the dam at {place} failed on Monday, officials said. About {m} fled.\n"
PLACES = ["Velden", "Lastow", "Kessel", "Orsava", "Marden", "Tiel", "Brask", "Ulmen"]


class Tally:
    def __init__(self, name: str) -> None:
        self.name, self.tried, self.handled, self.lost = name, 0, 0, 0
        self.notes: list[str] = []

    def line(self) -> str:
        return f"{self.name:<11} tried {self.tried:>5}   handled {self.handled:>5}   lost {self.lost}"


def cli(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, **kw)


def fuzz(tmp: Path, big: bool) -> Tally:
    t = Tally("fuzz")
    corpus = build(tmp / "fuzz")
    if big:
        para = "The council said 12 bridges were closed and 40 roads were flooded across the region. "
        (tmp / "fuzz" / "five-mb.txt").write_text((para * 1200 + "\n") * 50)
        corpus.inputs.append(str(tmp / "fuzz" / "five-mb.txt"))
        corpus.good.add("five-mb")
    out = tmp / "fuzz.json"
    started = time.monotonic()
    run = cli("analyze", *corpus.inputs, "--db", str(tmp / "fuzz.db"), "--json", str(out), "-q", timeout=3600)
    t.notes.append(f"analyze took {time.monotonic() - started:.1f} s, exit {run.returncode}")
    stored = {d["id"] for d in json.loads(out.read_text())["documents"]} if out.exists() else set()
    for name, expected in corpus.bad.items():
        t.tried += 1
        ok = any(name in line and expected in line for line in run.stderr.splitlines())
        t.handled += ok
        if not ok:
            t.notes.append(f"not reported: {name} ({expected})")
    for doc_id in sorted(corpus.good):
        t.tried += 1
        if doc_id in stored:
            t.handled += 1
        else:
            t.lost += 1
            t.notes.append(f"lost: {doc_id}")
    crashed = "Traceback" in run.stderr
    t.lost += crashed
    if crashed:
        t.notes.append(run.stderr[-2000:])
    return t


def corpus_dir(tmp: Path, n: int, name: str = "docs") -> Path:
    folder = tmp / name
    folder.mkdir(exist_ok=True)
    rng = random.Random(n)
    for i in range(n):
        text = TEXT.format(n=rng.randint(2, 900), place=rng.choice(PLACES), m=rng.randint(1000, 9000))
        (folder / f"doc{i:04d}.txt").write_text(f"Report {i}\n\n{text}")
    return folder


def concurrent(tmp: Path, tries: int) -> Tally:
    t = Tally("concurrent")
    folder = corpus_dir(tmp, 6, "conc")
    ids = sorted(p.stem for p in folder.iterdir())
    for attempt in range(tries):
        for old in (False, True):
            db = tmp / f"conc-{attempt}-{int(old)}.db"
            if old:
                cli("ingest", str(folder / "doc0000.txt"), "--db", str(db), "-q")
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            procs = [subprocess.Popen([*CLI, "analyze", str(folder), "--db", str(db), "--json", str(tmp / f"c{k}.json"),
                                       "-q", "--processes", "1"], stderr=subprocess.PIPE, text=True, env=env)
                     for k in range(2)]
            codes = [(p.wait(600), p.stderr.read() if p.stderr else "") for p in procs]
            t.tried += 2
            con = sqlite3.connect(db)
            counts = con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents").fetchone()
            whole = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            con.close()
            for k, (code, err) in enumerate(codes):
                exported = sorted(d["id"] for d in json.loads((tmp / f"c{k}.json").read_text())["documents"]) \
                    if code == 0 else []
                if code == 0 and exported == ids and counts == (len(ids), len(ids)) and whole:
                    t.handled += 1
                else:
                    t.lost += 1
                    t.notes.append(f"try {attempt} ({'old' if old else 'new'} db): exit {code}, {counts}, {err[-300:]}")
    return t


def export_of(db: Path, out: Path) -> dict[str, Any]:
    cli("export", "--db", str(db), "--json", str(out), "--no-reconcile")
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def kill(tmp: Path, kills: int) -> Tally:
    t = Tally("kill -9")
    folder = corpus_dir(tmp, 60, "kill")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    clean = tmp / "kill-clean.db"
    subprocess.run([*CLI, "analyze", str(folder), "--db", str(clean), "-q"], env=env, capture_output=True)
    want = export_of(clean, tmp / "kill-clean.json")
    rng = random.Random(7)
    for attempt in range(kills):
        db = tmp / f"kill-{attempt}.db"
        proc = subprocess.Popen([*CLI, "analyze", str(folder), "--db", str(db), "-q"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 12.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        t.tried += 1
        whole = not db.exists() or sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        subprocess.run([*CLI, "analyze", str(folder), "--db", str(db), "-q"], env=env, capture_output=True)
        got = export_of(db, tmp / f"kill-{attempt}.json")
        same = all(got[k] == want[k] for k in ("documents", "claims", "figures", "stories"))
        if whole and same:
            t.handled += 1
        else:
            t.lost += 1
            t.notes.append(f"kill {attempt}: integrity {'ok' if whole else 'BROKEN'}, re-run equal: {same}")
    return t


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hammer(base: str, path: str, seconds: float, clients: int = 20) -> tuple[list[float], int, float]:
    """(latencies, failed requests, wall time) of ``clients`` threads getting ``path`` for ``seconds``."""
    import httpx

    times: list[float] = []
    failed = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.monotonic() < stop:
                t0 = time.monotonic()
                try:
                    ok = c.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    times.append(time.monotonic() - t0)
                    failed[0] += not ok

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times, failed[0], time.monotonic() - t0


def load(tmp: Path, docs: int, seconds: float) -> Tally:
    import httpx

    t = Tally("load")
    db = tmp / "load.db"
    started = time.monotonic()
    cli("analyze", str(corpus_dir(tmp, docs, "load")), "--db", str(db), "-q", timeout=7200)
    t.notes.append(f"store of {docs} documents built in {time.monotonic() - started:.0f} s")
    port = free_port()
    server = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/api/documents?limit=1", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        for path in ("/figures", "/api/figures", "/search?q=dam+failed"):
            times, errors, took = hammer(base, path, seconds)
            times.sort()
            t.tried += len(times)
            t.handled += len(times) - errors
            t.lost += errors
            t.notes.append(f"{path:<22} {len(times) / took:7.1f} req/s   p50 {statistics.median(times) * 1000:7.0f} ms   "
                           f"p99 {times[int(len(times) * 0.99) - 1] * 1000:7.0f} ms   (20 clients, {took:.0f} s)")
        uploads = []
        for i in range(5):
            body = {"text": TEXT.format(n=100 + i, place="Upload", m=5000 + i), "id": f"upload-{i}"}
            t0 = time.monotonic()
            r = httpx.post(base + "/api/documents", json=body, timeout=120)
            state = r.json().get("state") if r.status_code == 202 else "refused"
            while state in ("queued", "running") and time.monotonic() - t0 < 120:  # the queued job, until run
                time.sleep(0.05)
                state = httpx.get(base + f"/api/jobs/{r.json()['id']}", timeout=10).json()["state"]
            uploads.append(time.monotonic() - t0)
            t.tried += 1
            ok = state == "done"
            t.handled += ok
            t.lost += not ok
        t.notes.append(f"upload to a {docs}-document store: p50 {statistics.median(uploads):.2f} s, "
                       f"max {max(uploads):.2f} s (queued, until its job is done; the first loads the model)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tries", type=int, default=50)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--big", action="store_true", help="add a 5 MB text to the fuzz corpus (minutes of NLP)")
    ap.add_argument("--only", default="fuzz,concurrent,kill,load")
    args = ap.parse_args()
    parts = args.only.split(",")
    tallies = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-robust-") as d:
        tmp = Path(d)
        runs = {"fuzz": lambda: fuzz(tmp, args.big), "concurrent": lambda: concurrent(tmp, args.tries),
                "kill": lambda: kill(tmp, args.kills), "load": lambda: load(tmp, args.docs, args.seconds)}
        for part in parts:
            tally = runs[part]()
            tallies.append(tally)
            print(tally.line(), flush=True)
            for note in tally.notes:
                print("    " + note, flush=True)
    total = Tally("total")
    for tally in tallies:
        total.tried, total.handled, total.lost = total.tried + tally.tried, total.handled + tally.handled, \
            total.lost + tally.lost
    print(total.line())
    return 1 if total.lost else 0


if __name__ == "__main__":
    sys.exit(main())
