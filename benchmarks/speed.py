"""Speed: ingest throughput (documents/s) and end-to-end words/s against plain spaCy.

    python benchmarks/speed.py [--docs N] [--processes 2]

Builds a corpus by repeating the demo articles (each copy gets a distinct id
and a small edit so dedup does not short-cut it), then measures in one run:
  1. ingest alone (read, clean, checksum, store, dedup): documents/s
  2. claimgraph extraction end to end (NLP + claims + quotes + dates): words/s
  3. plain `en_core_web_sm` `nlp.pipe` with all components on the same body text: words/s
and prints the ratio 2 / 3.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from claimgraph.api import RunConfig, RunResult, extract, ingest
from claimgraph.extract.nlp import DEFAULT_MODEL, load_nlp
from claimgraph.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(n: int, out: Path) -> Path:
    from claimgraph.ingest.sources import ReadOptions, read_inputs

    items = [i for i in read_inputs([str(ROOT / "examples/demo")], lambda e: None, options=ReadOptions())]
    texts = [i for i in items if i.format == "text"]
    lines = []
    for k in range(n):
        item = texts[k % len(texts)]
        lines.append(json.dumps({"id": f"{item.id}-{k}", "text": item.content.replace("\n\n", f"\n\nRef {k}.\n\n", 1)}))
    path = out / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--out")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(args.docs, Path(tmp))
        store = Store(Path(tmp) / "speed.db")
        result = RunResult()
        t0 = time.perf_counter()
        docs = ingest([str(corpus)], store, config=RunConfig(), result=result)
        t_ingest = time.perf_counter() - t0
        bodies = ["\n".join(d.text[s:e] for s, e in d.body) for d in docs]
        words = sum(len(b.split()) for b in bodies)
        load_nlp(DEFAULT_MODEL)  # model loading is not part of either timing
        from claimgraph.extract.pipeline import build_pipelines

        build_pipelines(DEFAULT_MODEL)
        t0 = time.perf_counter()
        extract(store, config=RunConfig(n_process=args.processes))
        t_ours = time.perf_counter() - t0
        nlp = load_nlp(DEFAULT_MODEL)
        t0 = time.perf_counter()
        for _ in nlp.pipe(bodies, batch_size=32):
            pass
        t_plain = time.perf_counter() - t0
    res = {
        "documents": len(docs), "words": words,
        "ingest_docs_per_s": round(len(docs) / t_ingest, 1),
        "claimgraph_words_per_s": round(words / t_ours),
        "plain_spacy_words_per_s": round(words / t_plain),
        "ratio": round(t_plain / t_ours, 2),
        "processes": args.processes,
    }
    for k, v in res.items():
        print(f"{k:26} {v}")
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
