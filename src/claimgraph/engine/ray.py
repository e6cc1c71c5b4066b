"""Extraction on a Ray cluster: one actor per worker holds the spaCy pipelines, and document
batches go to whichever actor is free; results come back in order, to be written through the store.

``RayPool`` has the interface of ``engine.local.ExtractPool``. Actors, not Ray Data's
``map_batches``: documents are Python objects rather than table rows, and an ``ActorPool`` is
what ``map_batches`` with an actor pool runs underneath, without its executor's start-up.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import ClaimgraphError
from ..model import Document, Extraction

CHUNK = 8  # documents per task, as in engine.local
OBJECT_STORE_BYTES = 256 * 1_048_576  # a local cluster's shared memory: batches of text, not arrays


class _Worker:
    """The actor: loads the pipelines once, then extracts batch after batch."""

    def __init__(self, config: Any) -> None:
        from ..extract.pipeline import Extractor

        self.extractor = Extractor(config=config)

    def extract(self, docs: Sequence[Document]) -> list[Extraction]:
        return list(self.extractor(docs))


def _check_model(name: str) -> None:
    """Raise ``ModelError`` here, in the driver, when the spaCy pipeline ``name`` cannot load."""
    from pathlib import Path

    from ..extract.nlp import load_nlp, model_path

    where = model_path(name)
    if not (isinstance(where, Path) and (where / "config.cfg").exists()):
        load_nlp(name)


class RayPool:
    """``with RayPool(config, 2) as pool: pool.map(docs)`` yields extractions in order.

    ``address`` None starts a local Ray with ``processes`` CPUs (and stops it on exit);
    ``"auto"`` or ``"ray://host:10001"`` joins a running cluster, with one actor per CPU there.
    """

    def __init__(self, config: Any, processes: int = 2, *, address: str | None = None) -> None:
        try:
            import ray as ray_module
            from ray.util import ActorPool
        except ImportError as exc:
            raise ClaimgraphError("Ray is not installed: pip install 'claimgraph[ray]'", input="--engine ray") from exc
        _check_model(config.model)  # a missing model is the run's error, not each document's
        ray: Any = ray_module  # untyped in places
        self.ray = ray
        self.started = not ray.is_initialized()
        if self.started:
            try:
                if address is None:
                    ray.init(num_cpus=processes, object_store_memory=OBJECT_STORE_BYTES, include_dashboard=False,
                             log_to_driver=False, configure_logging=False)
                else:
                    ray.init(address=address, log_to_driver=False, configure_logging=False)
            except Exception as exc:  # ConnectionError, a bad address, a version mismatch …
                raise ClaimgraphError(f"cannot start or reach the Ray cluster ({exc.__class__.__name__}: {exc})",
                                      input=f"--address {address or '(local)'}") from exc
        if address is not None:
            processes = max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1, max_restarts=1)(_Worker)
        self.actors = [actor.remote(config) for _ in range(processes)]
        self.pool = ActorPool(self.actors)

    def map(self, docs: Sequence[Document]) -> Iterator[Extraction]:
        chunks = [list(docs[i:i + CHUNK]) for i in range(0, len(docs), CHUNK)]
        for batch in self.pool.map(lambda a, chunk: a.extract.remote(chunk), chunks):
            yield from batch

    def __enter__(self) -> RayPool:
        return self

    def __exit__(self, *exc: object) -> None:
        for a in self.actors:
            self.ray.kill(a)
        if self.started:
            self.ray.shutdown()
