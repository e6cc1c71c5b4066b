"""The package API: every CLI command is a thin call into one of these functions."""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ClaimgraphError, InputError
from .extract.nlp import DEFAULT_MODEL
from .model import Document
from .store.sqlite import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)
POOL_MIN_DOCS = 40  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True, slots=True)
class RunConfig:
    manifest: str | None = None
    fetch: bool = False
    allow_private: bool = False
    model: str = DEFAULT_MODEL
    measures: str | None = None
    n_process: int = min(2, os.cpu_count() or 1)
    timeout: float = 20.0


@dataclass(slots=True)
class RunResult:
    documents: list[str] = field(default_factory=list)  # ids read in this run, in order
    added: list[str] = field(default_factory=list)  # ids new or changed in the store
    errors: list[ClaimgraphError] = field(default_factory=list)
    export: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _noop(stage: str, done: int, total: int) -> None:
    return None


def ingest(inputs: Sequence[str], store: Store, *, config: RunConfig, result: RunResult,
           progress: Progress = _noop) -> list[Document]:
    """Read, clean and store the inputs; link duplicates. Returns this run's documents."""
    from .ingest.dedup import find_duplicates
    from .ingest.documents import build_document, load_manifest
    from .ingest.sources import ReadOptions, read_inputs

    manifest: dict[str, dict[str, Any]] = {}
    skip: set[str] = set()
    if config.manifest:
        manifest = load_manifest(config.manifest)  # raises ManifestError: nothing read yet, nothing lost
        skip.add(str(Path(config.manifest).resolve()))
    options = ReadOptions(fetch=config.fetch, allow_private=config.allow_private, timeout=config.timeout,
                          skip=frozenset(skip))
    docs: list[Document] = []
    raws: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    for item in read_inputs(inputs, result.errors.append, options=options):
        n = seen.get(item.id, 0)
        seen[item.id] = n + 1
        if n:  # two inputs with one stem: keep both, the later with a suffix
            item = replace(item, id=f"{item.id}-{n + 1}")
        try:
            doc = build_document(item, manifest)
        except ClaimgraphError as exc:
            result.errors.append(exc)
            continue
        except Exception as exc:  # a reader bug must not lose the rest of the run
            result.errors.append(InputError(f"could not be processed ({exc.__class__.__name__}: {exc})",
                                            input=item.source))
            continue
        docs.append(doc)
        if item.format == "html":
            raws.append((doc.id, "html", item.content))
        progress("read", len(docs), 0)
    result.documents = [d.id for d in docs]
    result.added = store.add_documents(docs, raws)
    all_docs = store.documents()
    store.set_duplicates(find_duplicates(all_docs))
    return store.documents(result.documents)


def extract(store: Store, *, config: RunConfig, progress: Progress = _noop, batch: int = 200,
            result: RunResult | None = None) -> int:
    """Extract every stored document that has no current extraction; one transaction per batch.

    With ``n_process`` > 1 and enough documents, a pool of worker processes (each
    holding its own pipelines) does the NLP.
    """
    from contextlib import nullcontext

    from .engine.local import ExtractPool
    from .extract.pipeline import ExtractConfig, Extractor, extractor_version

    version = f"{extractor_version(config.measures)}:{config.model}"
    pending = store.missing_extractions(version)
    if not pending:
        return 0
    xconfig = ExtractConfig(model=config.model, measures=config.measures)
    parallel = config.n_process > 1 and len(pending) >= POOL_MIN_DOCS
    run: Callable[[Sequence[Document]], Iterable[Any]]
    pool = ExtractPool(xconfig, config.n_process) if parallel else nullcontext()
    done = 0
    with pool:
        run = pool.map if parallel else Extractor(config=xconfig)  # type: ignore[union-attr]
        for i in range(0, len(pending), batch):
            docs = store.documents(pending[i:i + batch])
            results = []
            for ex in run(docs):
                results.append(ex)
                if ex.errors and result is not None:
                    result.errors.extend(ClaimgraphError(e, input=ex.doc) for e in ex.errors)
                done += 1
                progress("extract", done, len(pending))
            store.save_extractions(results, version)
    return done


def reconcile(store: Store) -> None:
    """Figures, verdicts, origins, stories and timeline over the whole store."""
    from .reconcile import reconcile as run

    rec = run(store.documents(), store.extractions())
    store.save_reconciled(rec.entities, dict(rec.entity_of), rec.figures, dict(rec.claim_figure), rec.stories,
                          rec.timeline)


def export(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """The ``claimgraph/1`` export of the store (or of some documents of it)."""
    from .export import build_export

    docs = store.documents(doc_ids)
    ids = [d.id for d in docs]
    return build_export(docs, store.extractions(ids), entities=store.entities(), entity_of=store.entity_of(),
                        figures=store.figures(), claim_figure=store.claim_figure(), stories=store.stories(),
                        timeline=store.timeline())


def analyze(inputs: Sequence[str], store: Store, *, config: RunConfig, progress: Progress = _noop) -> RunResult:
    """Ingest → extract → reconcile → export of this run's documents."""
    result = RunResult()
    try:
        ingest(inputs, store, config=config, result=result, progress=progress)
    except ClaimgraphError as exc:
        result.errors.append(exc)
        return result
    extract(store, config=config, progress=progress, result=result)
    reconcile(store)
    result.export = export(store, result.documents)
    return result


def write_json(data: dict[str, Any], path: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if path == "-":
        print(text)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text + "\n", encoding="utf-8")
