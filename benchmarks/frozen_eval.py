"""The frozen corpus: claims and figures against its gold, and tolls and stories against its incidents.

    python benchmarks/frozen_eval.py [--corpus examples/frozen] [--shared ../shared] [--out FILE] [--json]

``examples/frozen`` is invented US local crime and accident news, written blind and never tuned
on (see its README). This runs ``claimgraph analyze`` on its articles with their manifest (through
``corpus_eval.analyze``), scores the export with ``../shared/eval/score.py`` against
``expected.json``, and scores it per incident against ``incidents.json``.

Per kind (killed, injured) and as ``../shared/bench/gva/gva_bench.py`` defines them for real news,
over the incidents whose true count is 1 or more; a figure belongs to an incident when one of its
claims comes from that incident's documents:

- ``found``: some figure of that kind exists for the incident;
- ``best_contains``: the best-supported such figure (most claims, then most independent origins)
  holds the true count in its interval [low, high] (null = unbounded);
- ``best_exact``: ... and its interval is exactly [true, true];
- ``false_killed`` / ``false_injured``: over incidents with a true count of 0, a figure of that
  kind with a claim of 1 or more.

Besides: ``cross_incident_figures``, the share of figures with 2+ claims whose claims come from
documents of different incidents, and ``story_bcubed_*``, B-cubed precision, recall and F1 of the
export's stories against the incidents (a document in no story is a story of its own).

Nothing here is a gate: the corpus is for reporting, and a rule tuned to pass it would void it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from corpus_eval import HEADLINE, analyze

ROOT = Path(__file__).resolve().parents[1]
KILLED = {"killed", "dead", "died", "deaths", "death", "fatalities", "fatality"}
INJURED = {"wounded", "injured", "hurt", "injuries", "injury"}


def inside(x: float, low: float | None, high: float | None) -> bool:
    return (low is None or low <= x) and (high is None or x <= high)


def bcubed(clusters: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of a document -> cluster map against a document -> class map."""
    by_cluster: dict[str, set[str]] = {}
    by_class: dict[str, set[str]] = {}
    for doc in gold:
        by_cluster.setdefault(clusters.get(doc, f"alone:{doc}"), set()).add(doc)
        by_class.setdefault(gold[doc], set()).add(doc)
    p = r = 0.0
    for doc in gold:
        mine = by_cluster[clusters.get(doc, f"alone:{doc}")]
        theirs = by_class[gold[doc]]
        p += len(mine & theirs) / len(mine)
        r += len(mine & theirs) / len(theirs)
    p, r = p / len(gold), r / len(gold)
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def per_incident(export: dict[str, Any], incidents: dict[str, Any]) -> dict[str, Any]:
    doc_incident = incidents["documents"]
    claims = {c["id"]: c for c in export["claims"]}
    figs_of: dict[str, list[dict[str, Any]]] = {}
    incs_of: dict[str, set[str]] = {}
    for f in export["figures"]:
        incs = {doc_incident[claims[c]["doc"]] for c in f["claims"] if c in claims and claims[c]["doc"] in doc_incident}
        incs_of[f["id"]] = incs
        for inc in incs:
            figs_of.setdefault(inc, []).append(f)
    out: dict[str, Any] = {}
    rows: dict[str, dict[str, Any]] = {key: {} for key in incidents["incidents"]}
    for kind, measures in (("killed", KILLED), ("injured", INJURED)):
        hits = Counter()
        pos = [k for k, inc in incidents["incidents"].items() if inc[kind] >= 1]
        zero = [k for k, inc in incidents["incidents"].items() if inc[kind] == 0]
        for key, inc in incidents["incidents"].items():
            true = inc[kind]
            figs = [f for f in figs_of.get(key, []) if f["measure"] in measures]
            best = max(figs, key=lambda f: (len(f["claims"]), f.get("independent_origins") or 0), default=None)
            contains = bool(best) and inside(true, best["low"], best["high"])
            exact = bool(best) and best["low"] == true and best["high"] == true
            ge1 = any((claims[c].get("value") or 0) >= 1 for f in figs for c in f["claims"] if c in claims)
            if true >= 1:
                hits["found"] += bool(figs)
                hits["best_contains"] += contains
                hits["best_exact"] += exact
            else:
                hits["false"] += ge1
            rows[key][kind] = {"true": true, "best": best and [best["low"], best["high"]],
                               "held": contains if true >= 1 else not ge1}
        out[kind] = {"incidents": len(pos), "found": round(hits["found"] / len(pos), 3) if pos else None,
                     "best_contains": round(hits["best_contains"] / len(pos), 3) if pos else None,
                     "best_exact": round(hits["best_exact"] / len(pos), 3) if pos else None,
                     f"false_{kind}": round(hits["false"] / len(zero), 3) if zero else None,
                     "gold_zero_incidents": len(zero)}
    multi = [f for f in export["figures"] if len(f["claims"]) >= 2]
    mixed = sum(1 for f in multi if len(incs_of[f["id"]]) >= 2)
    story_of: dict[str, str] = {}
    for s in export.get("stories", []):
        for d in s["documents"]:
            story_of.setdefault(d, s["id"])
    p, r, f1 = bcubed(story_of, doc_incident)
    return dict(out, incidents=len(incidents["incidents"]),
                cross_incident_figures=round(mixed / len(multi), 3) if multi else 0.0,
                story_bcubed_precision=p, story_bcubed_recall=r, story_bcubed_f1=f1, per_incident=rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "examples" / "frozen"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", help="write the metrics as JSON here")
    ap.add_argument("--json", action="store_true", help="print the metrics object only")
    args = ap.parse_args()
    corpus, shared = Path(args.corpus).resolve(), Path(args.shared).resolve()
    incidents = json.loads((corpus / "incidents.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        # only the articles and the manifest: the gold files are no input
        articles = Path(tmp) / corpus.name
        articles.mkdir()
        for path in [*corpus.glob("*.txt"), corpus / "manifest.json"]:
            (articles / path.name).symlink_to(path)
        export_path, elapsed = analyze(articles, Path(tmp))
        scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(corpus / "expected.json"),
                                 str(export_path), "--corpus", str(corpus)], capture_output=True, text=True)
        if scored.returncode != 0:
            sys.stderr.write(scored.stderr)
            return 2
        metrics = json.loads(scored.stdout)
        metrics["seconds"] = round(elapsed, 2)
        metrics.update(per_incident(json.loads(export_path.read_text(encoding="utf-8")), incidents))
    if args.out:
        Path(args.out).write_text(json.dumps(metrics, indent=1) + "\n")
    if args.json:
        print(json.dumps(metrics, indent=1))
        return 0
    gold = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    print(f"\n{corpus.name}: {len(gold['documents'])} articles, {metrics['incidents']} incidents, "
          f"{len(gold['claims'])} gold claims ({sum(c.get('required', True) for c in gold['claims'])} required)")
    for key in (*HEADLINE, "killed", "injured", "cross_incident_figures", "story_bcubed_precision",
                "story_bcubed_recall", "story_bcubed_f1"):
        print(f"  {key:28} {json.dumps(metrics.get(key))}")
    print("\nper incident (true count: best-supported figure's interval):")
    for key, row in metrics["per_incident"].items():
        cells = [f"{w} {row[w]['true']}: {row[w]['best']}{'' if row[w]['held'] else ' MISS'}" for w in ("killed", "injured")]
        print(f"  {key:48} " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
