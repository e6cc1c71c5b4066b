"""The package API: every CLI command is a thin call into one of these functions."""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ClaimgraphError, InputError, InputWarning, ModelError
from .extract.nlp import DEFAULT_MODEL
from .model import Document, Extraction
from .store.protocol import Store

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
    engine: str = "local"  # "ray": the NLP on a Ray cluster (engine/ray.py)
    address: str | None = None  # with engine "ray": None starts a local Ray; "auto" or "ray://host:10001" joins one
    full_reconcile: bool = False  # rebuild every story and figure, not only those new documents touch


@dataclass(slots=True)
class RunResult:
    documents: list[str] = field(default_factory=list)  # ids read in this run, in order
    added: list[str] = field(default_factory=list)  # ids new or changed in the store
    errors: list[ClaimgraphError] = field(default_factory=list)
    warnings: list[ClaimgraphError] = field(default_factory=list)  # inputs that went in but need a look
    export: dict[str, Any] | None = None

    def report(self, problem: ClaimgraphError) -> None:
        """Record an error, or a warning (``InputWarning``), in its list."""
        (self.warnings if isinstance(problem, InputWarning) else self.errors).append(problem)

    @property
    def ok(self) -> bool:
        return not self.errors


def _noop(stage: str, done: int, total: int) -> None:
    return None


def ingest(inputs: Sequence[str], store: Store, *, config: RunConfig, result: RunResult,
           progress: Progress = _noop) -> list[Document]:
    """Read, clean and store the inputs; link duplicates. Returns this run's documents."""
    from .ingest.dedup import update_duplicates
    from .ingest.documents import build_document, load_manifest
    from .ingest.sources import ReadOptions, read_inputs

    manifest: dict[str, dict[str, Any]] = {}
    skip: set[str] = set()
    if config.manifest:
        manifest, problems = load_manifest(config.manifest)  # a bad manifest is reported; the inputs still go in
        result.errors.extend(problems)
        skip.add(str(Path(config.manifest).resolve()))
    options = ReadOptions(fetch=config.fetch, allow_private=config.allow_private, timeout=config.timeout,
                          skip=frozenset(skip))
    docs: list[Document] = []
    raws: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    for item in read_inputs(inputs, result.report, options=options):
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
    update_duplicates(store, result.added)  # against the stored signatures: no whole-store pass
    return store.documents(result.documents)


def extract(store: Store, *, config: RunConfig, progress: Progress = _noop, batch: int = 200,
            result: RunResult | None = None, doc_ids: Iterable[str] | None = None,
            pool: _Runner | None = None) -> int:
    """Extract every stored document (of ``doc_ids``, if given) that has no current extraction;
    one transaction per batch.

    With ``n_process`` > 1 and enough documents, a pool of worker processes (each
    holding its own pipelines) does the NLP; ``pool``, a runner whose workers were started
    earlier (see :func:`analyze`), is used when given, and left to its owner to close. A document
    whose extraction fails (or kills its worker) is saved with its error, so later runs skip it
    until the extractor version changes; the other documents of its batch are extracted one by one.
    """
    from .extract.pipeline import ExtractConfig, extractor_version

    version = f"{extractor_version(config.measures)}:{config.model}"
    pending = store.missing_extractions(version)
    if doc_ids is not None:
        wanted = set(doc_ids)
        pending = [d for d in pending if d in wanted]
    if not pending:
        return 0
    if pool is not None and pool.pool is not None:
        runner, owned = pool, False
    else:
        xconfig = ExtractConfig(model=config.model, measures=config.measures)
        local = config.engine == "local" and len(pending) < POOL_MIN_DOCS
        runner = _Runner(xconfig, 1 if local else config.n_process, engine=config.engine, address=config.address)
        owned = True
    done = 0
    with runner if owned else contextlib.nullcontext(runner):
        for i in range(0, len(pending), batch):
            docs = store.documents(pending[i:i + batch])
            results = runner.extract(docs)
            for ex in results:
                if ex.errors and result is not None:
                    result.errors.extend(ClaimgraphError(e, input=ex.doc) for e in ex.errors)
                done += 1
                progress("extract", done, len(pending))
            store.save_extractions(results, version, checksums={d.id: d.checksum for d in docs})
    return done


MAX_ERROR_CHARS = 300


def _check_model(name: str) -> None:
    from .extract.nlp import load_nlp, model_path

    where = model_path(name)
    if not (isinstance(where, Path) and (where / "config.cfg").exists()):
        load_nlp(name)  # raises ModelError


class _Runner:
    """The NLP over a batch: in this process or a worker pool. When a batch fails, its documents
    are retried one at a time; one that fails alone (or kills its worker) gets an error extraction."""

    def __init__(self, config: Any, processes: int, *, engine: str = "local", address: str | None = None) -> None:
        self.config, self.processes, self.engine, self.address = config, processes, engine, address
        self.pool: Any = None
        self.local: Any = None

    def _run(self, docs: Sequence[Document]) -> list[Extraction]:
        if self.engine == "ray":
            return list(self.pool.map(docs))
        if self.processes > 1:
            from concurrent.futures.process import BrokenProcessPool

            from .engine.local import ExtractPool

            if self.pool is None:
                _check_model(self.config.model)  # a missing model is the run's error, not each document's
                self.pool = ExtractPool(self.config, self.processes)
            try:
                return list(self.pool.map(docs))
            except BrokenProcessPool:  # a worker died: the next try gets a fresh pool
                self.pool.__exit__(None, None, None)
                self.pool = None
                raise
        if self.local is None:
            from .extract.pipeline import Extractor

            self.local = Extractor(config=self.config)
        return list(self.local(docs))

    def extract(self, docs: Sequence[Document]) -> list[Extraction]:
        if self.engine == "ray" and self.pool is None:  # a missing model or cluster is the run's error
            from .engine.ray import RayPool

            self.pool = RayPool(self.config, self.processes, address=self.address)
        try:
            return self._run(docs)
        except ModelError:
            raise
        except Exception:
            pass
        out = []
        for doc in docs:
            try:
                out.extend(self._run([doc]))
            except ModelError:
                raise
            except Exception as exc:
                reason = str(exc) or "the worker process died (out of memory?)"
                out.append(Extraction(doc.id, errors=(
                    f"extraction failed ({exc.__class__.__name__}: {reason[:MAX_ERROR_CHARS]}); "
                    "it is not retried until the extractor changes",)))
        return out

    def start(self) -> None:
        """Start the local worker pool now, so that its workers load the model while this process
        goes on (no-op for one process or the Ray engine, or when it is running)."""
        if self.engine != "local" or self.processes < 2 or self.pool is not None:
            return
        from .engine.local import ExtractPool

        _check_model(self.config.model)
        self.pool = ExtractPool(self.config, self.processes)
        self.pool.start()

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.__exit__(*exc)
            self.pool = None


Corpus = tuple[list[Document], list[Extraction]]  # what reconcile read: documents and their extractions


def reconcile(store: Store, *, full: bool = False) -> Corpus | None:
    """Figures, verdicts, origins, stories and timeline. Incremental when the store holds the
    state of an earlier run: only the stories new documents join are rebuilt, and entity, story
    and figure ids persist across runs (``claimgraph.incremental``). ``full``: rebuild everything
    (ids still persist). Returns the documents and extractions read by a full run (all of them),
    so that an export right after need not read them again; None after an incremental run."""
    return reconcile_mode(store, full=full)[1]


def reconcile_mode(store: Store, *, full: bool = False) -> tuple[str, Corpus | None]:
    """``reconcile``, also saying how it ran: "full", "incremental" or "none" (nothing new)."""
    from .incremental import reconcile_store

    with store.transaction():  # one writer at a time: the figures are made of what was read
        return reconcile_store(store, full=full)


def export(store: Store, doc_ids: Iterable[str] | None = None, *, read: Corpus | None = None) -> dict[str, Any]:
    """The ``claimgraph/1`` export of the store (or of some documents of it); ``read``: the
    documents and extractions already read from the store (all of them), not read again."""
    from .export import build_export

    if read is None:
        docs = store.documents(doc_ids)
        extractions = store.extractions([d.id for d in docs])
    else:
        wanted = None if doc_ids is None else set(doc_ids)
        docs = [d for d in read[0] if wanted is None or d.id in wanted]
        if doc_ids is not None:  # in the order asked for, as store.documents gives them
            order = {d: i for i, d in enumerate(dict.fromkeys(doc_ids))}
            docs.sort(key=lambda d: order[d.id])
        by_doc = {e.doc: e for e in read[1]}
        extractions = [by_doc[d.id] for d in docs if d.id in by_doc]
    return build_export(docs, extractions, entities=store.entities(), entity_of=store.entity_of(),
                        figures=store.figures(), claim_figure=store.claim_figure(), stories=store.stories(),
                        timeline=store.timeline())


def analyze(inputs: Sequence[str], store: Store, *, config: RunConfig, progress: Progress = _noop) -> RunResult:
    """Ingest → extract → reconcile → export of this run's documents.

    With worker processes, the pool starts once ingest has read ``POOL_MIN_DOCS`` documents:
    its workers load the model while the rest is read, cleaned and linked."""
    from .extract.pipeline import ExtractConfig

    result = RunResult()
    early = _Runner(ExtractConfig(model=config.model, measures=config.measures), config.n_process,
                    engine=config.engine, address=config.address)

    def reading(stage: str, done: int, total: int) -> None:
        progress(stage, done, total)
        if stage == "read" and done == POOL_MIN_DOCS:
            try:
                early.start()
            except ModelError:
                pass  # extract reports it

    with early:
        try:
            ingest(inputs, store, config=config, result=result, progress=reading)
        except ClaimgraphError as exc:
            result.errors.append(exc)
            return result
        extract(store, config=config, progress=progress, result=result, pool=early)
    read = reconcile(store, full=config.full_reconcile)
    result.export = export(store, result.documents, read=read)
    return result


def write_json(data: dict[str, Any], path: str) -> None:
    """Write the export to ``path`` atomically (``-`` for stdout), a piece at a time."""
    from .export import json_chunks
    from .output import write_text_atomic

    if path == "-":
        sys.stdout.writelines(json_chunks(data))
    else:
        write_text_atomic(path, json_chunks(data))
