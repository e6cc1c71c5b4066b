"""Quality and speed of HTML main-text extraction: ``extract_html`` against trafilatura defaults.

Two public benchmarks, kept outside the project (see ``shared/bench/README.md``):

- ``article-extraction-benchmark`` (Zyte): 181 pages with their full gold article body.
  Scored on lowercased ``\\w+`` tokens as multisets: per page precision and recall, averaged
  over pages, F1 from the two means (the benchmark's own aggregation). The benchmark's own
  metric, on 4-token shingles, is printed alongside: the published scores use it
  (readability 0.922, newspaper3k 0.912, dragnet 0.907).
- ``boilerplate-trafilatura``: 61 news pages, each with snippets the body must contain
  (``with``) and snippets it must not (``without``). Scored as the share of checks passed.

Usage::

    python benchmarks/html_extraction.py [--shared ../shared] [--out result.json] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import trafilatura

try:
    from claimgraph.errors import InputError
    from claimgraph.ingest.html import extract_html
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from claimgraph.errors import InputError
    from claimgraph.ingest.html import extract_html

Extractor = Callable[[str], str]
_TOKEN = re.compile(r"\w+")
PUBLISHED_ZYTE_F1 = {"readability": 0.922, "newspaper3k": 0.912, "dragnet": 0.907}


def ours(html: str) -> str:
    try:
        return extract_html(html).text
    except InputError:
        return ""


def trafilatura_default(html: str) -> str:
    return trafilatura.extract(html) or ""


EXTRACTORS: dict[str, Extractor] = {"claimgraph": ours, "trafilatura-default": trafilatura_default}


# --- data -------------------------------------------------------------------------------------


def load_zyte(root: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(sha256, html, gold body) for each page of the Zyte benchmark."""
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(gold)[:limit]:
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
            pages.append((key, f.read(), gold[key].get("articleBody") or ""))
    return pages


def load_boilerplate(root: Path, limit: int | None) -> list[tuple[str, str, list[str], list[str]]]:
    """(id, html, must-contain snippets, must-not-contain snippets) for each page."""
    pages = []
    lines = (root / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    for line in [line for line in lines if line.strip()][:limit]:
        gold = json.loads(line)
        html = (root / "html" / f"{gold['id']}.html").read_text(encoding="utf-8", errors="replace")
        pages.append((gold["id"], html, list(gold["with"]), list(gold["without"])))
    return pages


# --- scores -----------------------------------------------------------------------------------


def _grams(text: str, n: int, lower: bool) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower() if lower else text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def precision_recall(gold: str, pred: str, *, n: int = 1, lower: bool = True) -> tuple[float, float]:
    """Multiset overlap of n-grams of word tokens; an empty side scores as the benchmark does."""
    want, got = _grams(gold, n, lower), _grams(pred, n, lower)
    tp = sum((want & got).values())
    fp, fn = sum(got.values()) - tp, sum(want.values()) - tp
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _timed(extractor: Extractor, pages: Iterable[str]) -> tuple[list[str], float]:
    start = time.perf_counter()
    texts = [extractor(html) for html in pages]
    return texts, time.perf_counter() - start


def run_zyte(pages: list[tuple[str, str, str]], extractor: Extractor) -> dict[str, Any]:
    texts, seconds = _timed(extractor, (html for _, html, _ in pages))
    tokens = [precision_recall(gold, text) for (_, _, gold), text in zip(pages, texts, strict=True)]
    shingles = [
        precision_recall(gold, text, n=4, lower=False)
        for (_, _, gold), text in zip(pages, texts, strict=True)
    ]
    p, r = _mean(x[0] for x in tokens), _mean(x[1] for x in tokens)
    sp, sr = _mean(x[0] for x in shingles), _mean(x[1] for x in shingles)
    return {
        "pages": len(pages),
        "precision": p,
        "recall": r,
        "f1": _f1(p, r),
        "f1_page_mean": _mean(_f1(*x) for x in tokens),
        "shingle4_precision": sp,
        "shingle4_recall": sr,
        "shingle4_f1": _f1(sp, sr),
        "empty": sum(not text for text in texts),
        "seconds": seconds,
        "pages_per_s": len(pages) / seconds if seconds else 0.0,
    }


def run_boilerplate(
    pages: list[tuple[str, str, list[str], list[str]]], extractor: Extractor
) -> dict[str, Any]:
    texts, seconds = _timed(extractor, (html for _, html, _, _ in pages))
    kept = missed = clean = leaked = 0
    failures: dict[str, dict[str, list[str]]] = {}
    for (page, _, with_, without), text in zip(pages, texts, strict=True):
        miss = [s for s in with_ if s not in text]
        leak = [s for s in without if s in text]
        kept, missed = kept + len(with_) - len(miss), missed + len(miss)
        clean, leaked = clean + len(without) - len(leak), leaked + len(leak)
        if miss or leak:
            failures[page] = {"missing": miss, "leaked": leak}
    checks = kept + missed + clean + leaked
    return {
        "pages": len(pages),
        "accuracy": (kept + clean) / checks if checks else 0.0,
        "with": kept / (kept + missed) if kept + missed else 0.0,
        "without": clean / (clean + leaked) if clean + leaked else 0.0,
        "checks": checks,
        "empty": sum(not text for text in texts),
        "seconds": seconds,
        "pages_per_s": len(pages) / seconds if seconds else 0.0,
        "failures": failures,
    }


# --- report -----------------------------------------------------------------------------------


def print_table(results: dict[str, dict[str, Any]]) -> None:
    zyte, boiler = results.get("zyte", {}), results.get("boilerplate", {})
    if zyte:
        n = next(iter(zyte.values()))["pages"]
        print(f"\narticle-extraction-benchmark ({n} pages): body tokens, mean over pages")
        print(f"{'extractor':<22}{'P':>7}{'R':>7}{'F1':>7}{'F1 sh4':>8}{'empty':>7}{'pages/s':>9}")
        for name, m in zyte.items():
            print(
                f"{name:<22}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
                f"{m['shingle4_f1']:>8.3f}{m['empty']:>7}{m['pages_per_s']:>9.1f}"
            )
        published = ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED_ZYTE_F1.items())
        print(f"published (F1 sh4): {published}")
    if boiler:
        first = next(iter(boiler.values()))
        print(f"\nboilerplate-trafilatura ({first['pages']} pages, {first['checks']} snippet checks)")
        print(f"{'extractor':<22}{'acc':>7}{'with':>7}{'without':>9}{'empty':>7}{'pages/s':>9}")
        for name, m in boiler.items():
            print(
                f"{name:<22}{m['accuracy']:>7.3f}{m['with']:>7.3f}{m['without']:>9.3f}"
                f"{m['empty']:>7}{m['pages_per_s']:>9.1f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared",
        help="folder holding bench/ (default: ../shared beside the checkout)",
    )
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--limit", type=int, help="only the first N pages of each benchmark")
    parser.add_argument("--failures", action="store_true", help="list boilerplate checks that failed")
    args = parser.parse_args(argv)

    bench = args.shared / "bench"
    zyte_root, boiler_root = bench / "article-extraction-benchmark", bench / "boilerplate-trafilatura"
    if not zyte_root.is_dir() and not boiler_root.is_dir():
        parser.error(f"no benchmarks under {bench}")
    warnings.filterwarnings("ignore")  # trafilatura deprecation chatter

    results: dict[str, dict[str, Any]] = {}
    if zyte_root.is_dir():
        pages = load_zyte(zyte_root, args.limit)
        results["zyte"] = {name: run_zyte(pages, fn) for name, fn in EXTRACTORS.items()}
    if boiler_root.is_dir():
        boiler_pages = load_boilerplate(boiler_root, args.limit)
        results["boilerplate"] = {name: run_boilerplate(boiler_pages, fn) for name, fn in EXTRACTORS.items()}

    print_table(results)
    if args.failures and "boilerplate" in results:
        for name, m in results["boilerplate"].items():
            print(f"\n{name} failures:")
            for page, fail in m["failures"].items():
                print(f"  {page}: {fail}")
    if args.out:
        meta = {"trafilatura": trafilatura.__version__, "limit": args.limit}
        args.out.write_text(
            json.dumps({"meta": meta, **results}, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
