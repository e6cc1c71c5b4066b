"""Speed as a user sees it: the whole `claimgraph analyze` process against plain spaCy.

    python benchmarks/speed.py [--corpus gva demo] [--incidents 300] [--copies 400]
                               [--processes 1 2] [--repeat 3] [--against OTHER/.venv/bin/claimgraph]

For each corpus and process count, two commands run as subprocesses, interleaved (A B A B ...):
  A. `claimgraph analyze CORPUS --json OUT --db FRESH.db -q --processes P`: model load, ingest,
     extraction, reconcile and the JSON export, on a fresh store each time;
  B. plain spaCy: load the same model and run `nlp.pipe` with all its default components over
     the same texts, `n_process=P`.
Each prints wall seconds and CPU seconds (its own and its workers'), and words/s; B also reports
its `nlp.pipe` time alone (model load excluded). The ratio is claimgraph words/s over spaCy
words/s (median of each), given both against B's whole process and against its pipe alone.
With --against, an older claimgraph build runs in the same interleaving (before/after).
With --growth N..., analyze runs once per GVA dev sample size instead and reports per-document
CPU time, the peak RSS of its largest process, and the size of the HTML report and JSON export.

Corpora: `gva`, the GVA dev incidents of ../shared/bench/gva (read from the fetched mirror, the
texts written only to a temporary folder that is deleted); `demo`, the demo articles repeated
(each copy with a distinct id and a small edit, so dedup does not short-cut them).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "bench" / "gva" / "gva_bench.py"
SPACY = """
import json, sys, time
t0 = time.perf_counter()
import spacy
from claimgraph.extract.nlp import DEFAULT_MODEL, model_path
nlp = spacy.load(model_path(DEFAULT_MODEL))
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
t1 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])):
    pass
print(json.dumps({"load": t1 - t0, "pipe": time.perf_counter() - t1}))
"""


def gva_rows(incidents: int) -> list[dict[str, str]]:
    spec = importlib.util.spec_from_file_location("gva_bench", GVA)
    assert spec and spec.loader, f"missing {GVA}"
    gva = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gva)
    gold = gva.load_gold()
    chosen, usable, _ = gva.select(gold, gva.list_articles(), incidents, 2018, 200, "dev")
    return list(gva.corpus_rows(chosen, usable))


def demo_rows(copies: int) -> list[dict[str, str]]:
    from claimgraph.ingest.sources import ReadOptions, read_inputs

    items = [i for i in read_inputs([str(ROOT / "examples/demo")], lambda e: None, options=ReadOptions())
             if i.format == "text"]
    return [{"id": f"{items[k % len(items)].id}-{k}",
             "text": items[k % len(items)].content.replace("\n\n", f"\n\nRef {k}.\n\n", 1)} for k in range(copies)]


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a subprocess (its children included), and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode:
        raise RuntimeError(f"{cmd[0]} failed: {out.stderr[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def stats(xs: list[float]) -> str:
    return f"{statistics.median(xs):.1f} s (min-max {min(xs):.1f}-{max(xs):.1f})"


def bench(name: str, rows: list[dict[str, str]], processes: int, repeat: int, tmp: Path,
          against: str | None = None) -> dict[str, object]:
    corpus = tmp / f"{name}.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    words = sum(len(r["text"].split()) for r in rows)
    exe = shutil.which("claimgraph", path=str(Path(sys.executable).parent)) or "claimgraph"
    ours: dict[str, list[float]] = {"wall": [], "cpu": []}
    other: dict[str, list[float]] = {"wall": [], "cpu": []}
    plain: dict[str, list[float]] = {"wall": [], "cpu": [], "pipe": []}
    for i in range(repeat):
        for program, times in ((exe, ours), (against, other)):
            if program is None:
                continue
            db = tmp / f"run{i}.db"
            wall, cpu, _ = timed([program, "analyze", str(corpus), "--json", str(tmp / "out.json"), "--db", str(db),
                                  "-q", "--processes", str(processes)])
            db.unlink(missing_ok=True)
            times["wall"].append(wall)
            times["cpu"].append(cpu)
        wall, cpu, out = timed([sys.executable, "-c", SPACY, str(corpus), str(processes)])
        plain["wall"].append(wall)
        plain["cpu"].append(cpu)
        plain["pipe"].append(json.loads(out)["pipe"])
    med = {k: statistics.median(v) for k, v in ours.items()}
    pmed = {k: statistics.median(v) for k, v in plain.items()}
    res = {
        "corpus": name, "documents": len(rows), "words": words, "processes": processes, "runs": repeat,
        "claimgraph": f"wall {stats(ours['wall'])}, cpu {stats(ours['cpu'])}, {words / med['wall']:.0f} words/s",
        "spacy": f"wall {stats(plain['wall'])}, cpu {stats(plain['cpu'])}, {words / pmed['wall']:.0f} words/s; "
                 f"pipe alone {stats(plain['pipe'])}, {words / pmed['pipe']:.0f} words/s",
        "ratio_vs_spacy_process": round(pmed["wall"] / med["wall"], 2),
        "ratio_vs_spacy_pipe": round(pmed["pipe"] / med["wall"], 2),
        "cpu_ratio": round(pmed["cpu"] / med["cpu"], 2),
    }
    if against:
        omed = statistics.median(other["wall"])
        res["against"] = f"wall {stats(other['wall'])}, cpu {stats(other['cpu'])}, {words / omed:.0f} words/s"
        res["ratio_vs_against"] = round(omed / med["wall"], 2)
    print(json.dumps(res), flush=True)
    return res


PEAK = """
import json, resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"exit": out.returncode, "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "stderr": out.stderr[-400:]}))
"""


def growth(sizes: list[int], processes: int, tmp: Path) -> None:
    """`analyze --json --html` on growing GVA dev samples: per-document time and memory, report size."""
    exe = shutil.which("claimgraph", path=str(Path(sys.executable).parent)) or "claimgraph"
    for n in sizes:
        rows = gva_rows(n)
        corpus = tmp / f"gva{n}.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        html = tmp / f"report{n}.html"
        wall, cpu, out = timed([sys.executable, "-c", PEAK, exe, "analyze", str(corpus), "--json", str(tmp / "o.json"),
                                "--html", str(html), "--db", str(tmp / f"g{n}.db"), "-q", "--processes", str(processes)])
        peak = json.loads(out)
        folder = tmp / f"report{n}_stories"
        pages = sum(f.stat().st_size for f in folder.iterdir()) if folder.exists() else 0
        print(json.dumps({"incidents": n, "documents": len(rows), "words": sum(len(r["text"].split()) for r in rows),
                          "processes": processes, "exit": peak["exit"], "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                          "ms_per_doc_cpu": round(1000 * cpu / len(rows)), "peak_mib": round(peak["peak_kib"] / 1024),
                          "html_main_mib": round(html.stat().st_size / 2**20, 2) if html.exists() else None,
                          "html_story_pages_mib": round(pages / 2**20, 1),
                          "json_mib": round((tmp / "o.json").stat().st_size / 2**20, 1)}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", nargs="+", choices=["gva", "demo"], default=["gva", "demo"])
    ap.add_argument("--incidents", type=int, default=300)
    ap.add_argument("--copies", type=int, default=400)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", help="another claimgraph executable (an older build), run interleaved too")
    ap.add_argument("--growth", type=int, nargs="+", metavar="INCIDENTS",
                    help="instead: analyze (with --html) GVA dev samples of these sizes, one run each, at the first "
                         "--processes; per-document CPU time, peak RSS of the largest process, report and JSON size")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-speed-") as name:
        tmp = Path(name)
        if args.growth:
            growth(args.growth, args.processes[0], tmp)
            return
        for corpus in args.corpus:
            rows = gva_rows(args.incidents) if corpus == "gva" else demo_rows(args.copies)
            for p in args.processes:
                bench(corpus, rows, p, args.repeat, tmp, args.against)


if __name__ == "__main__":
    main()
