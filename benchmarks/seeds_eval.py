"""Quality gate on the development set: analyze the seed articles and score them.

    python benchmarks/seeds_eval.py [--shared ../shared] [--out FILE] [--no-gate]

Runs `claimgraph analyze` on ../shared/corpus/seeds with its manifest into a
fresh database, scores the export with ../shared/eval/score.py, prints the
metrics next to the floors the issues pin, and exits 1 below a floor.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOORS = {
    "boilerplate_line_accuracy": 0.97,
    "metadata_accuracy": 0.90,
    "claim_recall": 0.95,
    "claim_precision": 0.90,
    "qualifier_accuracy": 0.95,
    "attribution_accuracy": 0.85,
    "quote_recall": 0.85,
    "date_accuracy": 0.90,
    "figure_pair_f1": 0.90,
    "verdict_accuracy": 0.85,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--out", help="write the metrics as JSON here")
    ap.add_argument("--no-gate", action="store_true", help="report only; never fail")
    args = ap.parse_args()
    shared = Path(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "seeds.json"
        t0 = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "claimgraph.cli", "analyze", str(shared / "corpus/seeds"), "--manifest",
             str(shared / "corpus/seeds/manifest.json"), "--db", str(Path(tmp) / "seeds.db"), "--json", str(export),
             "-q"], capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 2
        scored = subprocess.run([sys.executable, str(shared / "eval/score.py"), str(shared / "eval/seeds.gold.json"),
                                 str(export)], capture_output=True, text=True, check=True)
    metrics = json.loads(scored.stdout)
    metrics["seconds"] = round(elapsed, 2)
    failed = []
    print(f"{'metric':32} {'value':>8} {'floor':>7}")
    for key, value in metrics.items():
        floor = FLOORS.get(key)
        mark = ""
        if floor is not None and isinstance(value, (int, float)) and value < floor:
            failed.append(key)
            mark = "  BELOW FLOOR"
        print(f"{key:32} {json.dumps(value):>8} {'' if floor is None else floor:>7}{mark}")
    if metrics.get("must_not_merge_violations", 0):
        failed.append("must_not_merge_violations")
    if not metrics.get("origins_ok"):
        failed.append("origins_ok")
    if args.out:
        Path(args.out).write_text(json.dumps(metrics, indent=1) + "\n")
    if failed and not args.no_gate:
        print(f"gate failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
