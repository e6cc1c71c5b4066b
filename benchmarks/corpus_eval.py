"""Score any corpus that carries hand-written expectations in the shared gold format.

    python benchmarks/corpus_eval.py CORPUS_DIR [--shared ../shared] [--out FILE] [--json] [--detail]

CORPUS_DIR holds the articles (``*.txt``), a ``manifest.json`` (document id -> published, ...)
and an ``expected.json`` in the format of ``../shared/eval/seeds.gold.json``. Runs
``claimgraph analyze CORPUS_DIR --manifest CORPUS_DIR/manifest.json`` into a fresh database,
scores the export with ``../shared/eval/score.py`` and prints the metrics (``--json``: the
metrics object only). With ``--detail`` it also lists the gold claims that were missed and,
per gold figure, the predicted figures its claims landed in.

An ``expected.json`` in the demo's format (``examples/demo``: claims listed under each
figure, documents of any format) is converted on the fly: every document's exported text is
written to a scratch corpus as ``<id>.txt`` (the scorer reads ``*.txt``), gold claims whose
quote is not in that text are dropped (and counted), and claims in titles are left out of
the export, since that format lists body claims only. Boilerplate and metadata metrics are
then meaningless; claims, figures, verdicts and origins are not.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADLINE = ("claim_recall", "claim_precision", "claim_f1", "qualifier_accuracy", "attribution_accuracy",
            "figure_pair_precision", "figure_pair_recall", "figure_pair_f1", "must_not_merge_violations",
            "verdict_accuracy", "origins_ok")


def analyze(corpus: Path, tmp: Path) -> tuple[Path, float]:
    export = tmp / "export.json"
    cmd = [sys.executable, "-m", "claimgraph.cli", "analyze", str(corpus), "--db", str(tmp / "corpus.db"),
           "--json", str(export), "-q"]
    manifest = corpus / "manifest.json"
    if manifest.exists():
        cmd[4:4] = ["--manifest", str(manifest)]
    t0 = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        raise SystemExit(2)
    return export, elapsed


def detail(gold: dict, pred: dict, corpus: Path, score_mod: object) -> None:
    """Missed gold claims and, per gold figure, where its matched claims went."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    pclaims = [c for c in pred.get("claims", []) if c.get("doc") in texts]
    figs = {f["id"]: f for f in pred.get("figures", [])}
    used: set[int] = set()
    landed: dict[str, list[tuple[str, str]]] = {}
    print("\nmissed required claims:")
    for g in gold["claims"]:
        gs = score_mod.span_of(texts[g["doc"]], g["quote"])  # type: ignore[attr-defined]
        gval = g["value"] if g["unit"] == "ratio" else score_mod.as_ratio(g["value"], g["unit"])  # type: ignore[attr-defined]
        hit = None
        for pi, c in enumerate(pclaims):
            if pi in used or c["doc"] != g["doc"] or not score_mod.overlaps(score_mod.pred_span(c, texts), gs):  # type: ignore[attr-defined]
                continue
            pval = c.get("value")
            if g["unit"] == "ratio":  # as the scorer does: percent compared as a fraction
                pval = score_mod.as_ratio(pval, c.get("unit"))  # type: ignore[attr-defined]
                if pval is not None and pval > 1.0 and g["value"] <= 1.0 and (c.get("unit") or "") not in (
                        "ratio", "times", "x"):
                    pval = pval / 100.0
            if g["value"] is None or score_mod.close(gval, pval):  # type: ignore[attr-defined]
                hit = pi
                break
        if hit is None:
            if g.get("required", True):
                print(f"  {g['doc']}: {g['quote']!r} ({g['figure']})")
            continue
        used.add(hit)
        if g.get("required", True):
            landed.setdefault(g["figure"], []).append((pclaims[hit].get("figure") or "-", g["doc"]))
    print("\nunmatched predicted claims:")
    for pi, c in enumerate(pclaims):
        if pi not in used:
            print(f"  {c['doc']}: {c.get('text')!r} value={c.get('value')} counted={c.get('counted')!r}")
    print("\ngold figure -> predicted figures (verdict, origins):")
    for key, want in gold.get("figures", {}).items():
        got = landed.get(key, [])
        ids = sorted({f for f, _ in got})
        parts = [f"{i}:{figs[i]['verdict']}/{figs[i].get('independent_origins')} '{figs[i].get('label')}'"
                 if i in figs else i for i in ids]
        print(f"  {key} [{want['verdict']}]: " + "; ".join(parts))


def from_demo_format(expected: dict, export: dict, scratch: Path) -> tuple[dict, dict, int]:
    """(gold, export without title claims, gold claims dropped) for a demo-style expected.json;
    writes the documents' texts to ``scratch``."""
    texts = {d["id"]: d.get("text") or "" for d in export.get("documents", [])}
    for doc_id, text in texts.items():
        (scratch / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    claims, dropped = [], 0
    for key, fig in expected.get("figures", {}).items():
        for c in fig.get("claims", []):
            if c["quote"] not in texts.get(c["doc"], ""):
                dropped += 1
                continue
            value, unit = c["value"], c["unit"]
            if unit == "percent" and value is not None:  # the shared format compares shares as ratios
                value, unit = value / 100.0, "ratio"
            claims.append({"doc": c["doc"], "quote": c["quote"], "value": value, "unit": unit,
                           "qualifier": c["qualifier"], "source": c.get("source"), "via": c.get("via"),
                           "counted": fig.get("counted"), "figure": key, "required": True})
    figures = {key: {k: v for k, v in fig.items() if k in ("verdict", "independent_origins")}
               for key, fig in expected.get("figures", {}).items()}
    documents = {doc_id: {"title": None, "published": (meta.get("published") or None), "authors": [],
                          "outlet": meta.get("outlet"), "boilerplate": [], "caption": []}
                 for doc_id, meta in expected.get("documents", {}).items() if doc_id in texts}
    gold = {"version": 1, "documents": documents, "claims": claims, "figures": figures,
            "must_not_merge": expected.get("must_not_merge", []), "quotes": [], "aliases": [], "entities": [],
            "dates": []}
    body_only = dict(export, claims=[c for c in export.get("claims", []) if not c.get("in_title")])
    return gold, body_only, dropped


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="directory with *.txt, manifest.json and expected.json")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--expected", help="gold file (default CORPUS_DIR/expected.json)")
    ap.add_argument("--out", help="write the metrics as JSON here")
    ap.add_argument("--json", action="store_true", help="print the metrics object only")
    ap.add_argument("--detail", action="store_true", help="list missed claims and figure placements")
    args = ap.parse_args()
    corpus = Path(args.corpus).resolve()
    shared = Path(args.shared).resolve()
    expected = Path(args.expected) if args.expected else corpus / "expected.json"
    scorer = shared / "eval" / "score.py"
    gold = json.loads(expected.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        export, elapsed = analyze(corpus, Path(tmp))
        texts_dir, dropped = corpus, None
        if not isinstance(gold.get("claims"), list):  # the demo's format: convert
            texts_dir = Path(tmp) / "texts"
            texts_dir.mkdir()
            gold, pred, dropped = from_demo_format(gold, json.loads(export.read_text(encoding="utf-8")), texts_dir)
            expected = Path(tmp) / "gold.json"
            expected.write_text(json.dumps(gold), encoding="utf-8")
            export.write_text(json.dumps(pred), encoding="utf-8")
        scored = subprocess.run([sys.executable, str(scorer), str(expected), str(export), "--corpus", str(texts_dir)],
                                capture_output=True, text=True)
        if scored.returncode != 0:
            sys.stderr.write(scored.stderr)
            return 2
        metrics = json.loads(scored.stdout)
        metrics["seconds"] = round(elapsed, 2)
        if dropped is not None:
            metrics["gold_claims_not_in_text"] = dropped
        if args.detail:
            import importlib.util

            spec = importlib.util.spec_from_file_location("shared_score", scorer)
            assert spec and spec.loader
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            detail(gold, json.loads(export.read_text(encoding="utf-8")), texts_dir, mod)
    if args.out:
        Path(args.out).write_text(json.dumps(metrics, indent=1) + "\n")
    if args.json:
        print(json.dumps(metrics, indent=1))
        return 0
    print(f"\n{corpus.name}: {len(gold['claims'])} gold claims")
    for key in HEADLINE:
        print(f"  {key:28} {json.dumps(metrics.get(key))}")
    for key, value in metrics.items():
        if key not in HEADLINE:
            print(f"  {key:28} {json.dumps(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
