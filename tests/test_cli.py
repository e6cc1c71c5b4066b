"""End to end through the CLI: the seed articles, the demo corpus against its hand-written gold, bad input."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMO = ROOT / "examples" / "demo"

pytestmark = pytest.mark.slow
# gold claims whose speaker the text gives by role first and names later: checked on their own
DESCRIBED_SPEAKERS = {
    ("mpa-20251013-kessel-collapse", "At least 40 people were killed"): (40, "Tomas Brenner"),
    ("mpa-20251015-aid-pledge", "will provide $300 million in aid"): (3e8, "Ilse Marten"),
}


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


def _lenient(name: str | None) -> str:
    """A name as the shared scorer compares it: case folded, a leading article dropped."""
    s = re.sub(r"^(the|an|a)\s+", "", (name or "").lower().strip())
    return re.sub(r"[^a-z0-9 ]+", " ", s).strip()


def _same_name(want: str | None, got: str | None) -> bool:
    a, b = _lenient(want), _lenient(got)
    return bool(a and b and (a in b or b in a))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo corpus analysed once: the export and the hand-written gold of examples/demo/expected.json."""
    tmp = tmp_path_factory.mktemp("demo")
    code, output = run("analyze", str(DEMO), "--manifest", str(DEMO / "manifest.json"), "--db", str(tmp / "d.db"),
                       "--json", str(tmp / "demo.json"), "-q")
    assert code == 0, output
    return {"export": json.loads((tmp / "demo.json").read_text()),
            "gold": json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))}


def _span(doc: dict[str, Any], quote: str) -> tuple[int, int]:
    start = doc["text"].find(quote)
    assert start >= 0, f"{doc['id']}: gold quote {quote!r} not in the text"
    return start, start + len(quote)


def _claims_at(export: dict[str, Any], doc_id: str, span: tuple[int, int], value: float) -> list[dict[str, Any]]:
    """The claims of ``doc_id`` over ``span`` with ``value`` (within 1%), as the shared scorer matches them."""
    return [c for c in export["claims"] if c["doc"] == doc_id and c["start"] < span[1] and span[0] < c["end"]
            and abs(c["value"] - value) <= 0.01 * abs(value)]


def _gold_figure_ids(demo: dict[str, Any], key: str) -> set[str]:
    export, docs = demo["export"], {d["id"]: d for d in demo["export"]["documents"]}
    ids = set()
    for g in demo["gold"]["figures"][key]["claims"]:
        found = _claims_at(export, g["doc"], _span(docs[g["doc"]], g["quote"]), g["value"])
        assert found, f"{key}: no claim for {g['quote']!r} in {g['doc']}"
        ids |= {c["figure"] for c in found}
    return ids


def test_demo_export_follows_the_schema(demo: dict[str, Any]) -> None:
    export = demo["export"]
    assert export["schema"] == "claimgraph/1"
    fields = {
        "documents": ("id", "text", "body", "title", "published", "authors", "outlet", "url", "duplicate_of"),
        "entities": ("id", "name", "type", "aliases", "mentions"),
        "claims": ("id", "doc", "start", "end", "text", "value", "low", "high", "unit", "qualifier", "change",
                   "counted", "measure", "source", "via", "time", "figure"),
        "figures": ("id", "label", "measure", "unit", "claims", "verdict", "low", "high", "independent_origins",
                    "origins"),
        "quotes": ("doc", "start", "end", "text", "speaker"),
        "dates": ("doc", "start", "end", "text", "value"),
        "stories": ("id", "label", "documents"),
    }
    for key, names in fields.items():
        assert export[key], f"no {key}"
        for item in export[key]:
            assert not set(names) - set(item), f"{key}: {item.get('id')} lacks {set(names) - set(item)}"
    assert {f["verdict"] for f in export["figures"]} <= {"agree", "consistent", "conflict", "superseded",
                                                         "single_source"}


def test_demo_documents_are_the_twelve_articles_with_their_outlets_and_dates(demo: dict[str, Any]) -> None:
    docs = {d["id"]: d for d in demo["export"]["documents"]}
    gold = demo["gold"]["documents"]
    assert len(docs) == 12 and set(docs) == set(gold)
    for doc_id, want in gold.items():
        d = docs[doc_id]
        assert _same_name(want["outlet"], d["outlet"]), (doc_id, d["outlet"], want["outlet"])
        assert (d["published"] or d["published_assumed"] or "")[:10] == want["published"], doc_id
    # the .txt and .html files keep their text: the file as decoded, unchanged
    for path in DEMO.glob("*.txt"):
        assert docs[path.stem]["text"] == path.read_text(encoding="utf-8")
    # the byline "October 13, 2025 4:35 PM" is the story's publication time, not a claim
    assert docs["courier-kessel-dam-breach"]["published"].startswith("2025-10-13T16:35")
    copy, original = demo["gold"]["syndicated"][0]
    assert docs[copy]["duplicate_of"] == original
    assert all(d["duplicate_of"] is None for d in docs.values() if d["id"] != copy)


def test_demo_offsets_point_into_the_text(demo: dict[str, Any]) -> None:
    export = demo["export"]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    for d in export["documents"]:
        assert all(0 <= s < e <= len(d["text"]) for s, e in d["body"]), d["id"]
    for kind in ("claims", "quotes", "dates"):
        for item in export[kind]:
            assert 0 <= item["start"] < item["end"] <= len(texts[item["doc"]]), (kind, item)
            assert texts[item["doc"]][item["start"]:item["end"]] == item["text"], (kind, item)
    for ent in export["entities"]:
        for m in ent["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(texts[m["doc"]])
    figures = {f["id"]: f for f in export["figures"]}
    for c in export["claims"]:
        assert c["id"] in figures[c["figure"]]["claims"]


def test_demo_claims_come_from_the_body_never_from_debris(demo: dict[str, Any]) -> None:
    export = demo["export"]
    docs = {d["id"]: d for d in export["documents"]}
    for c in export["claims"]:
        assert any(s <= c["start"] and c["end"] <= e for s, e in docs[c["doc"]]["body"]), c["text"]
    texts = " ".join(c["text"] for c in export["claims"])
    for debris in ("0800", "555", "min read", "well over 100", "now 61", "Route 9"):
        assert debris not in texts, debris
    # the numbers the gold says are no claims (dates, times, ages, roads, phone numbers, comments) give
    # none; a vague "dozens" may be kept when it is marked vague
    for n in demo["gold"]["not_claims"]:
        start = docs[n["doc"]]["text"].find(n["quote"])
        if start < 0 or n["why"] in ("vague amount, not a figure", "duration"):
            continue  # an HTML page's comment or footer that never reached the text; durations: see below
        end = start + len(n["quote"])
        hits = [c["text"] for c in export["claims"] if c["doc"] == n["doc"] and c["start"] < end and start < c["end"]
                and not c["vague"]]
        assert not hits, (n, hits)


@pytest.mark.xfail(strict=True, reason="'repairs within six months' is extracted as a claim of 6 months")
def test_demo_a_duration_is_no_claim(demo: dict[str, Any]) -> None:
    docs = {d["id"]: d for d in demo["export"]["documents"]}
    for n in demo["gold"]["not_claims"]:
        if n["why"] == "duration":
            start, end = _span(docs[n["doc"]], n["quote"])
            assert not [c for c in demo["export"]["claims"] if c["doc"] == n["doc"] and c["start"] < end
                        and start < c["end"]], n


def test_demo_every_gold_claim_is_found_with_its_value_and_qualifier(demo: dict[str, Any]) -> None:
    export, docs = demo["export"], {d["id"]: d for d in demo["export"]["documents"]}
    for key, fig in demo["gold"]["figures"].items():
        for g in fig["claims"]:
            found = _claims_at(export, g["doc"], _span(docs[g["doc"]], g["quote"]), g["value"])
            assert found, f"{key}: no claim for {g['quote']!r} in {g['doc']}"
            c = found[0]
            if "between" not in g["quote"]:  # a stated range: the gold gives its midpoint as "exact"
                assert c["qualifier"] == g["qualifier"], (key, g["quote"], c["qualifier"])
            assert c["unit"] == {"count": "count"}.get(g["unit"], g["unit"]), (key, c["unit"])
            if g["source"] and (g["doc"], g["quote"]) not in DESCRIBED_SPEAKERS:
                assert _same_name(g["source"], (c["source"] or {}).get("name")), (key, g["quote"], c["source"])


@pytest.mark.xfail(strict=True, reason="a speaker given by role ('the head of the province's civil protection "
                   "service said', 'the bank's president') is not tied to the person the story names next")
def test_demo_a_described_speaker_is_the_person_named_next(demo: dict[str, Any]) -> None:
    docs = {d["id"]: d for d in demo["export"]["documents"]}
    for (doc_id, quote), (value, name) in DESCRIBED_SPEAKERS.items():
        (c,) = _claims_at(demo["export"], doc_id, _span(docs[doc_id], quote), value)
        assert _same_name(name, (c["source"] or {}).get("name")), (quote, c["source"])


@pytest.mark.parametrize("key", ["dead", "dead_vosberg_1959", "injured", "casualties", "displaced",
                                 "homes_destroyed", "damage", "aid", "farmland_flooded", "rainfall"])
def test_demo_figure_holds_its_claims_with_the_gold_verdict(demo: dict[str, Any], key: str) -> None:
    ids = _gold_figure_ids(demo, key)
    assert len(ids) == 1, f"{key}: its claims are split over {len(ids)} figures"
    fig = next(f for f in demo["export"]["figures"] if f["id"] in ids)
    want = demo["gold"]["figures"][key]["verdict"]
    if key == "casualties":  # the headline "200 CASUALTIES" repeats the body's 200: one origin either way
        assert fig["verdict"] in (want, "agree") and fig["independent_origins"] == 1
    else:
        assert fig["verdict"] == want, (key, fig["verdict"])
    if key == "dead":
        assert (fig["low"], fig["high"]) == (61, 61)  # the latest report: 61


def test_demo_relayed_aid_has_one_origin_and_tolls_have_two(demo: dict[str, Any]) -> None:
    figures = {f["id"]: f for f in demo["export"]["figures"]}
    for key in ("aid", "dead", "injured", "homes_destroyed", "damage"):
        (fid,) = _gold_figure_ids(demo, key)
        want = demo["gold"]["figures"][key]["independent_origins"]
        assert figures[fid]["independent_origins"] == want, (key, figures[fid]["origins"])


@pytest.mark.xfail(strict=True, reason="Marta Okonjo speaks for the Velden Relief Council, but her 12,000 is "
                   "counted as an origin of its own (4 origins, not 3)")
def test_demo_displaced_has_three_origins(demo: dict[str, Any]) -> None:
    (fid,) = _gold_figure_ids(demo, "displaced")
    fig = next(f for f in demo["export"]["figures"] if f["id"] == fid)
    assert fig["independent_origins"] == demo["gold"]["figures"]["displaced"]["independent_origins"]


def test_demo_different_measures_never_share_a_figure(demo: dict[str, Any]) -> None:
    for a, b in demo["gold"]["must_not_merge"]:
        assert not _gold_figure_ids(demo, a) & _gold_figure_ids(demo, b), (a, b)


def test_demo_quotes_and_dates(demo: dict[str, Any]) -> None:
    export = demo["export"]
    docs = {d["id"]: d for d in export["documents"]}
    for q in demo["gold"]["quotes"]:
        if q["speaker"] == "Karel Voss":
            continue  # in single quotation marks: see the test below
        got = [p["speaker"] for p in export["quotes"] if p["doc"] == q["doc"] and q["quote"] in p["text"]]
        assert got and _same_name(q["speaker"], got[0]), (q, got)
    for d in demo["gold"]["dates"]:
        start, end = _span(docs[d["doc"]], d["quote"])
        if d["doc"] == "courier-kessel-dam-breach" and d["text"] == "October 13, 2025":
            continue  # the byline date: the document's published time, checked above
        got = [p["value"] for p in export["dates"] if p["doc"] == d["doc"] and p["start"] < end and start < p["end"]]
        assert d["value"] in got, (d, got)


@pytest.mark.xfail(strict=True, reason="a quotation in single curly quotes (\u2018...\u2019) is not found")
def test_demo_a_quote_in_single_quotation_marks(demo: dict[str, Any]) -> None:
    q = next(q for q in demo["gold"]["quotes"] if q["speaker"] == "Karel Voss")
    got = [p["speaker"] for p in demo["export"]["quotes"] if p["doc"] == q["doc"] and q["quote"] in p["text"]]
    assert got and _same_name(q["speaker"], got[0])


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


def test_reading_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (["figures"], ["stories"], ["export"], ["report", "--html", str(tmp_path / "r.html")], ["serve"]):
        result = CliRunner().invoke(main, [*args, "--db", str(missing)])
        assert result.exit_code == 1, (args, result.output)
        assert "no store at" in result.output and f"claimgraph analyze FILES… --db {missing}" in result.output
        assert not missing.exists(), args
    assert not (tmp_path / "r.html").exists()


def test_analyze_says_where_it_created_a_new_store(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Volunteers counted 14 herons on the marsh on Sunday.\n", encoding="utf-8")
    db = tmp_path / "new.db"
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "note.txt"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert f"Created a new store: {db.resolve()}" in result.output
    again = CliRunner().invoke(main, ["analyze", str(tmp_path / "note.txt"), "--db", str(db), "-q"])
    assert again.exit_code == 0 and "Created" not in again.output
