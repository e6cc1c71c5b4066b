"""Attribution on single news sentences: who each number is put on, and through which outlet.

    python benchmarks/attribution_eval.py [--data FILE] [--shared ../shared] [--fails] [--json]

``benchmarks/data/attribution_sentences.jsonl`` holds short news texts written blind (before
any rule was tuned on them), one line per number: ``text``, ``number`` (its exact substring),
the expected ``source`` (null when the writer states the number) and ``via`` (the relaying
outlet), and a ``note`` naming the construction. Each text is extracted as the body of one
document; the claim whose number overlaps ``number`` is compared with the expectation, names
by the shared scorer's ``same_name`` (case-insensitive, articles dropped, containment, fuzzy).

Reports source accuracy (the shared scorer's attribution metric), via accuracy, both
together, and how many numbers were not extracted at all; ``--fails`` lists every miss.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from claimgraph.extract.pipeline import Extractor
from claimgraph.model import Claim, Document

HERE = Path(__file__).resolve().parent


def _same_name(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score", shared / "eval/score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.same_name


def _claim_at(claims: list[Claim], start: int, end: int) -> Claim | None:
    hits = [c for c in claims if c.quantity.start < end and start < c.quantity.end]
    if not hits:
        return None
    return min(hits, key=lambda c: abs(c.quantity.start - start))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(HERE / "data/attribution_sentences.jsonl"))
    ap.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    ap.add_argument("--fails", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON only")
    args = ap.parse_args()
    same_name = _same_name(Path(args.shared))
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = list(dict.fromkeys(r["text"] for r in rows))
    docs = [Document(f"t{i}", t, body=((0, len(t)),)) for i, t in enumerate(texts)]
    extracted = {d.id: list(e.claims) for d, e in zip(docs, Extractor()(docs), strict=True)}
    doc_of = {t: f"t{i}" for i, t in enumerate(texts)}
    counts: Counter[str] = Counter()
    by_note: Counter[str] = Counter()
    fails: list[str] = []
    for r in rows:
        start = r["text"].index(r["number"])
        claim = _claim_at(extracted[doc_of[r["text"]]], start, start + len(r["number"]))
        counts["lines"] += 1
        if claim is None:
            counts["missed"] += 1
            fails.append(f"{r['id']} MISSED {r['number']!r} [{r['note']}]\n    {r['text']}")
            continue
        att = claim.attribution
        got_source = att.source.name if att.source else None
        got_via = att.via[0] if att.via else None
        src_ok = bool(same_name(r["source"], got_source, []))
        via_ok = bool(same_name(r["via"], got_via, []))
        counts["found"] += 1
        counts["source_ok"] += src_ok
        counts["via_ok"] += via_ok
        counts["both_ok"] += src_ok and via_ok
        if not (src_ok and via_ok):
            by_note[r["note"].split(";")[0]] += 1
            fails.append(f"{r['id']} {r['number']!r}: source {got_source!r} (want {r['source']!r}), via {got_via!r} "
                         f"(want {r['via']!r}) [{r['note']}]\n    {r['text']}")
    found = max(counts["found"], 1)
    metrics = {
        "lines": counts["lines"],
        "extracted": round(counts["found"] / counts["lines"], 3),
        "source_accuracy": round(counts["source_ok"] / found, 3),
        "via_accuracy": round(counts["via_ok"] / found, 3),
        "both_accuracy": round(counts["both_ok"] / found, 3),
    }
    if args.json:
        print(json.dumps(metrics))
        return 0
    for k, v in metrics.items():
        print(f"{k:18} {v}")
    if args.fails:
        print("\n".join(fails))
    return 0


if __name__ == "__main__":
    sys.exit(main())
