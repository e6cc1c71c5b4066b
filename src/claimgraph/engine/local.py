"""A local process pool for extraction: each worker loads the spaCy pipelines once."""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..model import Document, Extraction

_worker: Any = None
CHUNK = 8  # documents per task: small enough to balance, large enough to batch the parser


def _init(config: Any) -> None:
    global _worker
    from ..extract.pipeline import Extractor

    _worker = Extractor(config=config)


def _run(docs: Sequence[Document]) -> list[Extraction]:
    return list(_worker(docs))


class ExtractPool:
    """``with ExtractPool(config, 2) as pool: pool.map(docs)`` yields extractions in order."""

    def __init__(self, config: Any, processes: int) -> None:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.executor = ProcessPoolExecutor(processes, mp_context=ctx, initializer=_init, initargs=(config,))

    def map(self, docs: Sequence[Document]) -> Iterator[Extraction]:
        chunks = [docs[i:i + CHUNK] for i in range(0, len(docs), CHUNK)]
        for batch in self.executor.map(_run, chunks):
            yield from batch

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.executor.shutdown(cancel_futures=True)
