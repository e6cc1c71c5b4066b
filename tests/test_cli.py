"""End to end through the CLI: the seed articles, the demo corpus (golden), bad input."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMO = ROOT / "examples" / "demo"
GOLDEN = ROOT / "tests" / "golden" / "demo.json"

pytestmark = pytest.mark.slow


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/corpus/seeds not present")
def test_analyze_seeds_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "seeds.json"
    code, output = run("analyze", str(SEEDS), "--manifest", str(SEEDS / "manifest.json"), "--db",
                       str(tmp_path / "s.db"), "--json", str(out), "--html", str(tmp_path / "r.html"))
    assert code == 0, output
    data = json.loads(out.read_text())
    assert data["schema"] == "claimgraph/1"
    for key in ("documents", "entities", "claims", "figures", "quotes", "dates", "stories", "timeline"):
        assert key in data
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert sorted(d["id"] for d in data["documents"]) == stems
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for d in data["documents"]:
        assert d["text"] == texts[d["id"]]
    for c in data["claims"]:
        assert texts[c["doc"]][c["start"]:c["end"]] == c["text"]
        assert c["figure"] in {f["id"] for f in data["figures"]}
    # the $5.5 billion relayed by three outlets from the WSJ has one origin
    revenue = [f for f in data["figures"] if f["unit"] == "USD" and f["low"] in (0, None) and f["high"] == 5.5e9]
    assert revenue and revenue[0]["independent_origins"] == 1 and len(revenue[0]["claims"]) == 3
    assert (tmp_path / "r.html").read_text().lower().startswith("<!doctype html>")
    # figures by entity: a relay named by its initials finds the revenue figure
    code, output = run("figures", "--db", str(tmp_path / "s.db"), "--entity", "WSJ", "--json")
    assert code == 0 and revenue[0]["id"] in output
    code, output = run("figures", "--db", str(tmp_path / "s.db"), "--verdict", "consistent", "--json")
    assert [json.loads(line)["label"] for line in output.splitlines()] == ["North Korean soldiers deployed"]
    # re-running changes nothing
    code, output = run("analyze", str(SEEDS), "--manifest", str(SEEDS / "manifest.json"), "--db",
                       str(tmp_path / "s.db"), "--json", str(tmp_path / "again.json"))
    assert code == 0 and "(0 new)" in output
    assert json.loads((tmp_path / "again.json").read_text()) == data


def _project(export: dict) -> dict:
    """The parts of an export a golden file pins: claims and figures, no offsets of debris."""
    figs = {f["id"]: f for f in export["figures"]}
    claims = []
    for c in export["claims"]:
        f = figs.get(c["figure"], {})
        claims.append({
            "doc": c["doc"], "text": c["text"], "value": c["value"], "low": c["low"], "high": c["high"],
            "unit": c["unit"], "qualifier": c["qualifier"], "change": c["change"], "measure": c["measure"],
            "counted": c["counted"], "source": (c["source"] or {}).get("name"), "via": c["via"],
            "figure_verdict": f.get("verdict"), "figure_origins": f.get("independent_origins"),
        })
    return {
        "documents": [{k: d[k] for k in ("id", "title", "published", "published_assumed", "outlet", "authors",
                                         "duplicate_of")} for d in export["documents"]],
        "claims": claims,
        "quotes": [{"doc": q["doc"], "text": q["text"], "speaker": q["speaker"]} for q in export["quotes"]],
        "dates": [{"doc": d["doc"], "text": d["text"], "value": d["value"]} for d in export["dates"]],
    }


def test_demo_corpus_golden(tmp_path: Path) -> None:
    """Refresh with CLAIMGRAPH_UPDATE_GOLDEN=1 and review the diff before committing."""
    out = tmp_path / "demo.json"
    code, output = run("analyze", str(DEMO), "--manifest", str(DEMO / "manifest.json"), "--db",
                       str(tmp_path / "d.db"), "--json", str(out), "-q")
    assert code == 0, output
    got = _project(json.loads(out.read_text()))
    if os.environ.get("CLAIMGRAPH_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    want = json.loads(GOLDEN.read_text())
    assert got["documents"] == want["documents"]
    assert got["claims"] == want["claims"]
    assert got["quotes"] == want["quotes"]
    assert got["dates"] == want["dates"]


def test_bad_inputs_are_named_and_good_ones_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Officials said at least 12 people died and about 3,000 fled the flooded town on Monday.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "lines.jsonl").write_text('{"id": "j1", "text": "Rescuers saved 40 people."}\n{oops\n')
    out = tmp_path / "out.json"
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["analyze", str(good), str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"),
                                       str(tmp_path / "lines.jsonl"), str(tmp_path / "missing.txt"),
                                       "--db", str(db), "--json", str(out)])
    assert result.exit_code == 1
    err = result.output
    assert "empty.txt" in err and "blob.txt" in err and "lines.jsonl: line 2" in err and "missing.txt" in err
    data = json.loads(out.read_text())
    assert sorted(d["id"] for d in data["documents"]) == ["good", "j1"]
    assert Store(db).count("documents") == 2


def test_malformed_manifest_is_reported_and_the_inputs_still_stored(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("{bad")
    (tmp_path / "a.txt").write_text("About 3,000 people fled.\n")
    db = tmp_path / "x.db"
    code, output = run("ingest", str(tmp_path / "a.txt"), "--manifest", str(tmp_path / "m.json"), "--db", str(db))
    assert code == 1 and "m.json: invalid JSON" in output
    assert [d.id for d in Store(db).documents()] == ["a"]


def test_a_manifest_type_error_names_the_manifest_entry_not_the_input(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps({"good": {"authors": 7}}))
    (tmp_path / "good.txt").write_text("About 3,000 people fled.\n")
    db = tmp_path / "x.db"
    code, output = run("ingest", str(tmp_path / "good.txt"), "--manifest", str(tmp_path / "m.json"), "--db", str(db))
    assert code == 1 and "m.json: entry 'good' field `authors` must be a list of strings, not a number" in output
    assert "error: [E100] " not in output  # the input itself is fine
    assert Store(db).document("good") is not None


def test_stdin_and_figures_listing(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(main, ["analyze", "-", "--db", db, "--json", str(tmp_path / "o.json"), "-q"],
                                input="Officials said about 3,000 people fled the town.\n")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o.json").read_text())["documents"][0]["id"] == "stdin"
    code, output = run("figures", "--db", db, "--json")
    assert code == 0 and '"verdict": "single_source"' in output


def test_a_failing_document_is_reported_and_the_rest_extracted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.extract import pipeline

    real = pipeline._DocExtraction.run

    def flaky(self: pipeline._DocExtraction, plan: list) -> object:
        if self.doc.id == "bad":
            raise ValueError("boom")
        return real(self, plan)

    monkeypatch.setattr(pipeline._DocExtraction, "run", flaky)
    (tmp_path / "bad.txt").write_text("About 3,000 people fled the town, officials said.\n")
    (tmp_path / "good.txt").write_text("At least 12 people died in the flood, the mayor said.\n")
    out = tmp_path / "o.json"
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--db", str(tmp_path / "x.db"), "--json", str(out)])
    assert result.exit_code == 1 and "bad: extraction failed (ValueError: boom)" in result.output
    data = json.loads(out.read_text())
    assert [c["doc"] for c in data["claims"]] == ["good"]
