"""A local process pool for extraction: each worker loads the spaCy pipelines once.

Workers die with their parent: each watches its parent process and exits when it is gone
(a ``kill -9`` of ``claimgraph analyze`` leaves no worker behind).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..model import Document, Extraction

_worker: Any = None
CHUNK = 8  # documents per task: small enough to balance, large enough to batch the parser


WATCH_SECONDS = 0.5  # how often a worker checks that its parent is alive


def _init(config: Any, parent: int) -> None:
    global _worker
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="claimgraph-parent-watch").start()
    from ..extract.pipeline import Extractor

    _worker = Extractor(config=config)


def _watch_parent(parent: int) -> None:
    """Exit as soon as the parent is gone (this process is then re-parented)."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _run(docs: Sequence[Document]) -> list[Extraction]:
    return list(_worker(docs))


class ExtractPool:
    """``with ExtractPool(config, 2) as pool: pool.map(docs)`` yields extractions in order."""

    def __init__(self, config: Any, processes: int) -> None:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.executor = ProcessPoolExecutor(processes, mp_context=ctx, initializer=_init,
                                            initargs=(config, os.getpid()))

    def start(self) -> None:
        """Start the workers (each loads the model) without waiting for them."""
        self.executor.submit(_run, [])

    def map(self, docs: Sequence[Document]) -> Iterator[Extraction]:
        chunks = [docs[i:i + CHUNK] for i in range(0, len(docs), CHUNK)]
        for batch in self.executor.map(_run, chunks):
            yield from batch

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.executor.shutdown(cancel_futures=True)
