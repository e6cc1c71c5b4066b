"""Real news: run ../shared/bench/gva/gva_bench.py on this checkout's claimgraph (and, with
--against, on another claimgraph executable in the same run, interleaved).

    python benchmarks/gva.py [--incidents 300] [--repeat 1] [--against OTHER/.venv/bin/claimgraph]

Needs the snapshot from the search tool's `fetch github:cltl/LongTailQATask` (see
../shared/bench/gva/README.md). Prints per run: seconds, words/s, story B-cubed F1, killed and
injured best_contains, leakage share, exit status; then the median and min-max of seconds per
executable. The GVA dev half is a development corpus: it has been studied and tuned on.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "gva" / "gva_bench.py"


def run(exe: str, incidents: int) -> dict[str, object]:
    out = subprocess.run([sys.executable, str(BENCH), exe, "--incidents", str(incidents)],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)["claimgraph"]
    return {"seconds": r["seconds"], "words_per_s": r["words_per_s"], "stories_f1": r["stories"]["bcubed"]["f1"],
            "killed": r["killed"]["best_contains"], "injured": r["injured"]["best_contains"],
            "leakage": r["leakage"]["share"], "exit": r["exit"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--incidents", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--against", help="another claimgraph executable, run interleaved")
    args = ap.parse_args()
    if not BENCH.exists():
        print(f"missing {BENCH}")
        return 2
    exes = {"this": shutil.which("claimgraph", path=str(Path(sys.executable).parent)) or "claimgraph"}
    if args.against:
        exes["other"] = str(Path(args.against).resolve())
    times: dict[str, list[float]] = {k: [] for k in exes}
    for i in range(args.repeat):
        for name, exe in exes.items():
            r = run(exe, args.incidents)
            times[name].append(float(r["seconds"]))  # type: ignore[arg-type]
            print(json.dumps({"run": i + 1, "exe": name, **r}))
    for name, ts in times.items():
        print(f"{name}: median {statistics.median(ts):.1f} s, min-max {min(ts):.1f}-{max(ts):.1f} s over {len(ts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
