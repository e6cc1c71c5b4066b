"""No test shares text with an evaluation corpus.

A test that pastes a sentence from a held-out corpus turns that corpus into training data: a rule
fixed to pass the test passes the evaluation too, and the score stops saying anything about text
the project has not seen. This test fails when any file under ``tests/`` shares a run of
``RUN`` consecutive words with an article of ``examples/heldout*``, ``examples/frozen`` or
``../shared/corpus/seeds``. Lines that a corpus's gold marks as boilerplate (comment prompts,
copyright lines, share bars) are page furniture found all over the web, not held-out text, and are
left out. Write a new sentence with the same construction instead: other names, places, numbers
and words.
"""
from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
RUN = 8
WORD = re.compile(r"[a-z0-9]+(?:[.,:'\u2019][a-z0-9]+)*")


def corpus_folders() -> list[Path]:
    folders = sorted(p for p in (ROOT / "examples").glob("heldout*") if p.is_dir())
    folders += [p for p in (ROOT / "examples" / "frozen", ROOT.parent / "shared" / "corpus" / "seeds") if p.is_dir()]
    return folders


def boilerplate(folder: Path) -> set[str]:
    """The lines the folder's gold marks as boilerplate, stripped."""
    gold = folder / "expected.json"
    if not gold.exists() and folder.name == "seeds":
        gold = folder.parents[1] / "eval" / "seeds.gold.json"
    if not gold.exists():
        return set()
    docs = json.loads(gold.read_text(encoding="utf-8")).get("documents", {})
    return {line.strip() for meta in docs.values() for line in meta.get("boilerplate", [])}


def articles(folder: Path) -> Iterator[tuple[Path, str]]:
    furniture = boilerplate(folder)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".html", ".htm", ".jsonl", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            yield path, "\n".join(line for line in text.splitlines() if line.strip() not in furniture)


def runs(text: str) -> Iterator[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    for i in range(len(words) - RUN + 1):
        yield tuple(words[i:i + RUN])


def texts_of(path: Path) -> Iterator[str]:
    """A test file's text, and for Python each string literal with its escapes decoded."""
    text = path.read_text(encoding="utf-8", errors="replace")
    yield text
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value


def shared_runs() -> list[str]:
    seen: dict[tuple[str, ...], Path] = {}
    for folder in corpus_folders():
        for path, text in articles(folder):
            for run in runs(text):
                seen.setdefault(run, path)
    found = []
    for path in sorted(TESTS.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".db"):
            continue
        hits = {run: seen[run] for text in texts_of(path) for run in runs(text) if run in seen}
        for run, source in sorted(hits.items()):
            found.append(f"{path.relative_to(ROOT)}: {' '.join(run)!r} is in {source.relative_to(source.parents[1])}")
    return found


def test_the_check_finds_a_pasted_sentence(tmp_path: Path) -> None:
    corpus = "Crews pulled four people from the river below the old mill on Saturday night, police said."
    pasted = 'C("Crews pulled four people from the river below the old mill, police said.", A("four", "police"))'
    shared = set(runs(corpus))
    assert any(run in shared for run in runs(pasted))
    assert not any(run in shared for run in runs("Divers lifted two men from the canal near the dock, officers said."))


def test_no_test_shares_a_run_of_words_with_an_evaluation_corpus() -> None:
    assert corpus_folders(), "no evaluation corpus found under examples/"
    found = shared_runs()
    assert not found, f"{len(found)} runs of {RUN} words copied from evaluation corpora:\n" + "\n".join(found[:40])
