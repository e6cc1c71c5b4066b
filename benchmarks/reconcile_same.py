"""Check that two builds of reconcile give the same result on a synthetic corpus.

    python benchmarks/reconcile_same.py OLD_SRC [N ...]    # default N: 20000 claims

``OLD_SRC`` is the ``src`` folder of another build (say ``git archive main src | tar -x -C /tmp/old``).
Each build reconciles the corpus of ``reconcile_scale.generate(N)`` in its own process and writes
every part of the result (entities, entity_of, stories, story_of, figures, claim_figure, origins,
timeline) as one line of text per item; the script compares them part by part and exits 1 on a
difference.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEW_SRC = HERE.parent / "src"


def dump(n: int, out: str) -> None:
    sys.path.insert(0, str(HERE))
    from reconcile_scale import generate

    from claimgraph.reconcile import reconcile

    docs, exts = generate(n)
    r = reconcile(docs, exts)
    parts = {
        "entities": [repr(e) for e in r.entities],
        "entity_of": [f"{k}\t{v}" for k, v in sorted(r.entity_of.items())],
        "stories": [repr(s) for s in r.stories],
        "story_of": [f"{k}\t{v}" for k, v in sorted(r.story_of.items())],
        "figures": [repr(f) for f in r.figures],
        "claim_figure": [f"{k}\t{v}" for k, v in sorted(r.claim_figure.items())],
        "origins": [f"{k}\t{v!r}" for k, v in sorted(r.origins.items())],
        "timeline": [repr(t) for t in r.timeline],
    }
    with open(out, "w") as f:
        for name, lines in parts.items():
            for line in lines:
                f.write(f"{name}\t{line}\n")


def _run(src: Path, n: int, out: str) -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, __file__, "--dump", str(n), out], env=env, check=True)
    parts: dict[str, list[str]] = {}
    for line in Path(out).read_text().splitlines():
        name, _, rest = line.partition("\t")
        parts.setdefault(name, []).append(rest)
    return parts


def main(old_src: Path, sizes: list[int]) -> int:
    failed = 0
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            old = _run(old_src, n, f"{tmp}/old.txt")
            new = _run(NEW_SRC, n, f"{tmp}/new.txt")
        for name in sorted(set(old) | set(new)):
            a, b = old.get(name, []), new.get(name, [])
            digest = hashlib.sha256("\n".join(b).encode()).hexdigest()[:12]
            same = a == b
            failed += not same
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            note = "identical" if same else f"DIFFERENT (first at item {first})"
            print(f"{n:>8} {name:<13} {len(a):>8} old {len(b):>8} new  sha256 {digest}  {note}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--dump":
        dump(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(main(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]] or [20_000]))
