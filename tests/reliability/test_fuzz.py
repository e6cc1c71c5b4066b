"""The fuzz corpus through ingest (no NLP): every good input stored, every bad one named, no crash."""
from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from corpus import build

from claimgraph import api
from claimgraph.errors import InputWarning
from claimgraph.ingest.documents import MAX_SPAN_CHARS
from claimgraph.model import Document, Extraction
from claimgraph.store.sqlite import Store


def test_fuzz_corpus_loses_no_good_input(tmp_path: Path) -> None:
    corpus = build(tmp_path / "in")
    result = api.RunResult()
    started = time.monotonic()
    with Store(tmp_path / "x.db") as store:
        api.ingest(corpus.inputs, store, config=api.RunConfig(), result=result)
        stored = {d.id for d in store.documents()}
    assert time.monotonic() - started < 30  # no input hangs the run
    assert corpus.good <= stored, corpus.good - stored
    errors = [str(e) for e in result.errors]
    for name, expected in corpus.bad.items():
        assert any(name in e and expected in e for e in errors), (name, expected, errors)
    warned = {w.input for w in result.warnings}
    assert corpus.warned <= warned and all(w in corpus.warned or "/random-" in str(w) for w in warned)
    assert all(isinstance(w, InputWarning) for w in result.warnings)


def test_a_long_document_is_cut_into_spans_the_nlp_can_read(tmp_path: Path) -> None:
    corpus = build(tmp_path / "in", random_files=0, big=False)
    with Store(tmp_path / "x.db") as store:
        api.ingest([p for p in corpus.inputs if p.endswith("long.txt")], store, config=api.RunConfig(),
                   result=api.RunResult())
        doc = store.documents()[0]
    assert len(doc.text) > 2 * MAX_SPAN_CHARS
    assert all(e - s <= MAX_SPAN_CHARS for s, e in doc.body)
    assert " ".join(doc.text[s:e] for s, e in doc.body).split() == doc.text.split()  # nothing lost, nothing doubled
    assert all(doc.text[:e].rstrip().endswith(".") for s, e in doc.body)  # cut at sentence ends


class FlakyExtractor:
    """Stands in for the NLP: a batch holding a document with "BOOM" fails, like spaCy's E088."""

    calls: list[list[str]] = []

    def __init__(self, *, config: object = None) -> None:
        pass

    def __call__(self, docs: Sequence[Document]) -> Iterator[Extraction]:
        FlakyExtractor.calls.append([d.id for d in docs])
        if any("BOOM" in d.text for d in docs):
            raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000.")
        return iter([Extraction(d.id) for d in docs])


@pytest.fixture
def flaky(monkeypatch: pytest.MonkeyPatch) -> type[FlakyExtractor]:
    from claimgraph.extract import pipeline

    FlakyExtractor.calls = []
    monkeypatch.setattr(pipeline, "Extractor", FlakyExtractor)
    return FlakyExtractor


def test_a_failed_extraction_is_recorded_and_never_wedges_the_store(tmp_path: Path, flaky: type[FlakyExtractor]) -> None:
    for name, text in (("a", "12 boats sank."), ("bad", "BOOM 3 cars."), ("c", "40 huts burned.")):
        (tmp_path / f"{name}.txt").write_text(text)
    config = api.RunConfig(n_process=1)
    with Store(tmp_path / "x.db") as store:
        first = api.analyze([str(tmp_path)], store, config=config)
        assert first.export is not None and sorted(d["id"] for d in first.export["documents"]) == ["a", "bad", "c"]
        assert [e.input for e in first.errors] == ["bad"] and "E088" in str(first.errors[0])
        assert flaky.calls == [["a", "bad", "c"], ["a"], ["bad"], ["c"]]  # the batch, then one at a time
        (tmp_path / "d.txt").write_text("7 more people died.")
        flaky.calls = []
        second = api.analyze([str(tmp_path)], store, config=config)  # a later run, other inputs too
        assert flaky.calls == [["d"]] and second.errors == []
        assert len(api.export(store)["documents"]) == 4
