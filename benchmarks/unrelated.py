"""False conflicts on unrelated pages: ``claimgraph analyze`` over N pages of the Zyte benchmark.

The pages of ``article-extraction-benchmark`` are about unrelated things (games, elections,
recipes, cars), so two of their numbers should almost never make a conflict: a conflict is
the product's strongest statement. This prints conflicts per 100 documents and lists each
conflict with its claims, so that the classes of false conflict can be read off.

The pages are read in place and written, decompressed, to a temporary folder (never into
the repository), with a manifest giving each page its URL. The first N pages in name order
are used, so runs compare.

Usage::

    python benchmarks/unrelated.py [-n 60] [--shared ../shared] [--json OUT] [--fail-above RATE]
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = "bench/article-extraction-benchmark"


def prepare(shared: Path, n: int, folder: Path) -> int:
    """Write the first ``n`` pages as ``<id>.html`` with a ``manifest.json`` of their URLs."""
    bench = shared / BENCH
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((bench / "html").glob("*.html.gz"))[:n]
    manifest: dict[str, dict[str, str]] = {}
    for page in pages:
        key = page.name.removesuffix(".html.gz")
        stem = key[:16]
        (folder / f"{stem}.html").write_bytes(gzip.decompress(page.read_bytes()))
        url = (truth.get(key) or {}).get("url")
        if url:
            manifest[stem] = {"url": url}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return len(pages)


def analyze(folder: Path, out: Path) -> float:
    """The whole command line, as a user runs it; returns seconds."""
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "claimgraph.cli", "analyze", str(folder), "--manifest",
           str(folder / "manifest.json"), "--db", str(out.with_suffix(".db")), "--json", str(out), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1) or not out.exists():  # 1: some page failed, the others are exported
        sys.exit(f"claimgraph analyze failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - start


def conflicts(export: dict[str, Any]) -> list[dict[str, Any]]:
    """Each conflicting figure with its claims: value, unit, qualifier, counted, source, document."""
    claims = {c["id"]: c for c in export["claims"]}
    docs = {d["id"]: d for d in export["documents"]}
    out = []
    for f in export["figures"]:
        if f["verdict"] != "conflict":
            continue
        rows = []
        for cid in f["claims"]:
            c = claims.get(cid)
            if c is None:
                continue
            d = docs.get(c["doc"]) or {}
            rows.append({"doc": c["doc"], "outlet": d.get("outlet_label") or d.get("outlet"),
                         "quantity": (c.get("quantity") or {}).get("text"), "value": c["value"], "low": c["low"],
                         "high": c["high"], "unit": c["unit"], "qualifier": c["qualifier"], "counted": c["counted"],
                         "measure": c["measure"], "source": (c.get("source") or {}).get("name")})
        out.append({"id": f["id"], "label": f["label"], "measure": f["measure"], "unit": f["unit"],
                    "origins": f["origins"], "independent_origins": f["independent_origins"],
                    "documents": len({r["doc"] for r in rows}), "claims": rows})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=60, help="pages to analyse (default 60)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path, help="write the result (rate and conflict list) here")
    ap.add_argument("--fail-above", type=float, help="exit 1 when conflicts per 100 documents exceed this")
    args = ap.parse_args()
    if not (args.shared / BENCH).is_dir():
        sys.exit(f"no benchmark at {args.shared / BENCH}")
    with tempfile.TemporaryDirectory(prefix="claimgraph-unrelated-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        n = prepare(args.shared, args.n, folder)
        out = Path(tmp) / "export.json"
        seconds = analyze(folder, out)
        export = json.loads(out.read_text(encoding="utf-8"))
    found = conflicts(export)
    docs = len(export["documents"])
    rate = 100 * len(found) / docs if docs else 0.0
    single = sum(1 for c in found if c["independent_origins"] <= 1)
    one_doc = sum(1 for c in found if c["documents"] <= 1)
    print(f"{n} pages, {docs} documents, {len(export['claims'])} claims, {len(export['figures'])} figures, "
          f"{seconds:.0f} s")
    print(f"conflicts: {len(found)} = {rate:.1f} per 100 documents "
          f"({single} with a single origin, {one_doc} within one document)")
    units = Counter(f["unit"] for f in export["figures"])
    print("figures by unit: " + ", ".join(f"{u} {n}" for u, n in units.most_common()))
    for c in found:
        print(f"\n{c['id']} {c['label']!r} measure={c['measure']} unit={c['unit']} "
              f"origins={c['independent_origins']} {c['origins']}")
        for r in c["claims"]:
            print(f"  {r['quantity']!r}: {r['value']} [{r['low']}, {r['high']}] {r['unit']} {r['qualifier']} "
                  f"counted={r['counted']!r} source={r['source']!r} outlet={r['outlet']!r} doc={r['doc']}")
    if args.json:
        args.json.write_text(json.dumps({"pages": n, "documents": docs, "figures": len(export["figures"]),
                                         "conflicts_per_100": round(rate, 2), "conflicts": found},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    if args.fail_above is not None and rate > args.fail_above:
        sys.exit(1)


if __name__ == "__main__":
    main()
