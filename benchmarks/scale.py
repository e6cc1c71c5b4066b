"""Scale (issue 13): incremental add to a large store, PostgreSQL vs SQLite ingest, local vs Ray extraction.

    python benchmarks/scale.py                         # 100k documents / 1M claims (many minutes)
    python benchmarks/scale.py --docs 2000 --check     # a quick run; --check compares with a full rebuild
    python benchmarks/scale.py --pg postgresql://user@host/db    # or set CLAIMGRAPH_TEST_PG
    python benchmarks/scale.py --only incremental      # one part: incremental, ingest, extract

Parts, each in a fresh process so that its peak memory is its own (max RSS of the process and
of the worker processes it waited for):

- **incremental**: the synthetic corpus of ``reconcile_scale.generate`` (``--docs`` documents,
  10 claims each) goes into an SQLite store and is reconciled in full; then ``--add`` more
  documents of its stories are stored and reconciled incrementally. Prints both times.
- **ingest**: ``--ingest-docs`` synthetic articles (a JSONL file) through ``api.ingest`` (read,
  clean, near-duplicate signatures, store) into SQLite and into PostgreSQL, documents/s.
- **extract**: the demo corpus (examples/demo) replicated to ``--extract-docs`` documents, extracted
  with the local engine (2 processes) and with Ray in local mode (2 CPUs), documents/s after a
  warm-up batch (pool or Ray start, one spaCy pipeline per worker) and with it.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reconcile_scale import CLAIMS_PER_DOC, generate  # noqa: E402  (the synthetic corpus; not copied)

from claimgraph import api  # noqa: E402
from claimgraph.store.connect import open_store  # noqa: E402

DEMO = HERE.parent / "examples" / "demo"
VERSION = "synthetic"


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _batches(items: list[Any], n: int = 2000) -> Any:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def part_incremental(args: argparse.Namespace) -> dict[str, Any]:
    docs, exts = generate((args.docs + args.add) * CLAIMS_PER_DOC)
    # the documents to add: the last ones generated, spread over the stories like the rest
    base_docs, base_exts = docs[:-args.add], exts[:-args.add]
    new_docs, new_exts = docs[-args.add:], exts[-args.add:]
    tmp = Path(tempfile.mkdtemp(prefix="cg-scale-"))
    db = str(tmp / "store.db")
    out: dict[str, Any] = {"documents": len(base_docs), "claims": sum(len(e.claims) for e in base_exts)}
    kept = Path(args.keep) / f"base-{args.docs}.db" if args.keep else None
    try:
        if kept and kept.exists():  # built and reconciled by an earlier run: reuse a copy
            shutil.copy(kept, db)
            out["store"] = f"copied from {kept}"
        else:
            with open_store(db) as store:
                t = time.perf_counter()
                for chunk in _batches(base_docs):
                    store.add_documents(chunk)
                for chunk in _batches(base_exts):
                    store.save_extractions(chunk, VERSION)
                out["store_s"] = time.perf_counter() - t
                del docs, exts, base_docs, base_exts
                t = time.perf_counter()
                mode, _read = api.reconcile_mode(store)
                out["full_s"], out["full_mode"] = time.perf_counter() - t, mode
                _read = None
                store.query("PRAGMA wal_checkpoint(TRUNCATE)")
            if kept:
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(db, kept)
        with open_store(db) as store:
            store.add_documents(new_docs)
            store.save_extractions(new_exts, VERSION)
            t = time.perf_counter()
            mode, _read = api.reconcile_mode(store)
            out["add_s"], out["add_mode"], out["added"] = time.perf_counter() - t, mode, len(new_docs)
            out["added_claims"] = sum(len(e.claims) for e in new_exts)
            out["stories"], out["figures"] = store.count("stories"), store.count("figures")
        out["db_mib"] = sum(p.stat().st_size for p in tmp.iterdir()) / 2**20
        if args.check:
            out["check"] = _check(db, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _check(db: str, tmp: Path) -> str:
    """Incremental against a full rebuild of the same store: documents per story, claims per figure."""
    def parts(store: Any) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
        return ({frozenset(s.documents) for s in store.stories()}, {frozenset(f.claims) for f in store.figures()})

    copy = str(tmp / "full.db")
    with open_store(db) as store:
        store.query("PRAGMA wal_checkpoint(FULL)")
        inc = parts(store)
    shutil.copy(db, copy)
    with open_store(copy) as store:
        api.reconcile(store, full=True)
        full = parts(store)
    out = []
    for name, a, b in zip(("stories", "figures"), inc, full, strict=True):
        out.append(f"{name}: {len(a & b)} of {len(b)} identical" + ("" if a == b else f" ({len(a - b)} differ)"))
    return "; ".join(out)


def _articles(n: int, seed: int = 11) -> list[dict[str, Any]]:
    """Synthetic articles (own words) with a number or two each, for ingest."""
    rng = random.Random(seed)
    towns = ["Tallis", "Dunmore", "Port Elsworth", "Arden", "Carrow", "Linmouth", "Bexley Marsh", "Orrin"]
    events = ["a flood", "a warehouse fire", "a bridge closure", "a storm", "a water shortage", "a rail strike"]
    out = []
    for i in range(n):
        town, event = rng.choice(towns), rng.choice(events)
        paras = [f"Officials in {town} said {event} had affected {rng.randint(2, 900)} households by {rng.choice(['Monday', 'Tuesday', 'Friday'])}.",
                 f"The council estimated repairs at {rng.randint(1, 40)} million and said {rng.randint(2, 60)} crews were at work.",
                 f"Residents described {event} as the worst in {rng.randint(5, 50)} years, and schools stayed shut."]
        text = "\n\n".join(paras * rng.randint(2, 4))
        out.append({"id": f"art-{i}", "text": text, "title": f"{event.capitalize()} in {town}",
                    "published": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "outlet": rng.choice(["Courier", "Ledger", "Post"])})
    return out


def part_ingest(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="cg-ingest-"))
    out: dict[str, Any] = {"documents": args.ingest_docs}
    try:
        src = tmp / "articles.jsonl"
        src.write_text("".join(json.dumps(a) + "\n" for a in _articles(args.ingest_docs)))
        targets = [("sqlite", str(tmp / "ingest.db"))]
        if args.pg:
            targets.append(("postgresql", args.pg))
        else:
            out["postgresql"] = "skipped: no PostgreSQL (give --pg URL or set CLAIMGRAPH_TEST_PG)"
        for name, db in targets:
            with open_store(db) as store:
                if name == "postgresql":
                    store.query("SELECT 1")
                t = time.perf_counter()
                result = api.RunResult()
                api.ingest([str(src)], store, config=api.RunConfig(), result=result)
                secs = time.perf_counter() - t
                out[name] = f"{len(result.added) / secs:.0f} documents/s ({len(result.added)} in {secs:.1f} s)"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _demo_copies(folder: Path, n: int) -> None:
    """The demo corpus's articles, replicated to ``n`` files (each copy a new id)."""
    files = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".html"))
    for i in range(n):
        src = files[i % len(files)]
        shutil.copy(src, folder / f"{src.stem}-{i}{src.suffix}")


def part_extract(args: argparse.Namespace) -> dict[str, Any]:
    """The NLP alone (``api._Runner``, as ``api.extract`` uses it), 2 processes / 2 CPUs: a first
    batch of 8 documents warms up (pool or Ray start, a spaCy pipeline per worker), then the rest
    are timed; the total includes the warm-up."""
    from claimgraph.api import _Runner
    from claimgraph.extract.pipeline import ExtractConfig

    tmp = Path(tempfile.mkdtemp(prefix="cg-extract-"))
    out: dict[str, Any] = {"documents": args.extract_docs, "processes": 2}
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        _demo_copies(corpus, args.extract_docs)
        with open_store(str(tmp / "extract.db")) as store:
            api.ingest([str(corpus)], store, config=api.RunConfig(), result=api.RunResult())
            docs = store.documents()
        for engine in ["local"] if args.no_ray else ["local", "ray"]:
            t0 = time.perf_counter()
            with _Runner(ExtractConfig(), 2, engine=engine) as runner:
                runner.extract(docs[:8])
                t1 = time.perf_counter()
                done = len(runner.extract(docs[8:]))
                t2 = time.perf_counter()
            out[engine] = (f"{done / (t2 - t1):.1f} documents/s after warm-up ({done} in {t2 - t1:.1f} s); "
                           f"{len(docs) / (t2 - t0):.1f} documents/s with the warm-up ({t1 - t0:.1f} s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


PARTS = {"incremental": part_incremental, "ingest": part_ingest, "extract": part_extract}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the store (10 claims each)")
    ap.add_argument("--add", type=int, default=10, help="documents added incrementally")
    ap.add_argument("--ingest-docs", type=int, default=2000)
    ap.add_argument("--extract-docs", type=int, default=60)
    ap.add_argument("--pg", default=os.environ.get("CLAIMGRAPH_TEST_PG"), help="PostgreSQL URL for the ingest part")
    ap.add_argument("--only", choices=sorted(PARTS), action="append", help="run only this part (repeatable)")
    ap.add_argument("--keep", help="keep the built, reconciled store in this folder and reuse it on later runs")
    ap.add_argument("--check", action="store_true", help="compare the incremental result with a full rebuild")
    ap.add_argument("--no-ray", action="store_true", help="extract with the local engine only")
    ap.add_argument("--part", choices=sorted(PARTS), help=argparse.SUPPRESS)  # one part, in this process
    args = ap.parse_args()
    if args.part:
        result = PARTS[args.part](args)
        result["peak_mib"] = round(peak_mib())
        print(json.dumps(result))
        return
    print(f"claimgraph scale: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores", flush=True)
    for name in args.only or ["incremental", "ingest", "extract"]:
        cmd = [sys.executable, __file__, "--part", name, *sys.argv[1:]]
        cmd = [c for i, c in enumerate(cmd) if not (c == "--only" or (i and cmd[i - 1] == "--only"))]
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            print(f"{name}: failed\n{proc.stderr[-3000:]}", flush=True)
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{name} ({time.perf_counter() - t:.0f} s):", flush=True)
        for k, v in result.items():
            print(f"  {k}: {round(v, 2) if isinstance(v, float) else v}", flush=True)


if __name__ == "__main__":
    main()
