"""Three invented corpora about unrelated events, analysed together: each is one story, and no
figure takes claims from two of them (stories and figures must not bleed across events)."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from claimgraph.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPORA = ("heldout", "heldout2", "heldout3")


def test_unrelated_corpora_stay_apart(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    corpus_of: dict[str, str] = {}
    manifest: dict[str, object] = {}
    for name in CORPORA:
        for path in (EXAMPLES / name).glob("*.txt"):
            shutil.copy(path, src / path.name)
            corpus_of[path.stem] = name
        manifest.update(json.loads((EXAMPLES / name / "manifest.json").read_text()))
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["analyze", str(src), "--manifest", str(tmp_path / "manifest.json"),
                                       "--db", str(tmp_path / "db.sqlite"), "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    export = json.loads(out.read_text())
    stories = [Counter(corpus_of[d] for d in s["documents"]) for s in export["stories"]]
    assert all(len(s) == 1 for s in stories), stories  # no story mixes two events
    assert len(stories) == len(CORPORA)  # each event is one story
    doc_of = {c["id"]: c["doc"] for c in export["claims"]}
    mixed = [f["label"] for f in export["figures"] if len({corpus_of[doc_of[c]] for c in f["claims"]}) > 1]
    assert not mixed


def test_analysis_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; no label, entity or figure may."""
    import os
    import subprocess
    import sys

    corpus = EXAMPLES / "heldout3"
    exports = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "claimgraph.cli", "analyze", str(corpus), "--manifest",
                               str(corpus / "manifest.json"), "--db", str(tmp_path / f"db{seed}.sqlite"), "--json",
                               str(out), "-q"], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        exports.append(json.loads(out.read_text()))
    for key in ("documents", "entities", "claims", "figures", "stories", "timeline"):
        assert exports[0][key] == exports[1][key], key
