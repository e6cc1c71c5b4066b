"""Readers, decoding, manifest, documents and dedup: no NLP, no network."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError, InputError, ManifestError
from claimgraph.ingest.decode import decode_bytes
from claimgraph.ingest.dedup import find_duplicates
from claimgraph.ingest.documents import build_document, checksum, load_manifest
from claimgraph.ingest.sources import RawItem, ReadOptions, read_inputs, url_stem

ARTICLE = (
    "Flood waters recede in river town\n\nWORLD NEWS\n\n"
    "Officials said on Tuesday that about 3,000 people had left their homes after the river rose by two metres "
    "overnight, flooding the lower town.\n\n"
    "The regional governor said at least 12 people had died and another 40 were injured. Rescue crews were still "
    "searching for survivors on Wednesday morning.\n\nLeave a Reply\n"
)


def read_all(*inputs: str, options: ReadOptions | None = None) -> tuple[list[RawItem], list[ClaimgraphError]]:
    errors: list[ClaimgraphError] = []
    items = list(read_inputs(list(inputs), errors.append, options=options or ReadOptions()))
    return items, errors


def test_decode_utf8_and_legacy_encoding() -> None:
    assert decode_bytes("Kyiv – “quoted”".encode(), name="a") == "Kyiv – “quoted”"
    latin = "Café owners in Zürich said 40 percent of sales were lost.".encode("cp1252")
    assert "Zürich" in decode_bytes(latin, name="b")
    assert decode_bytes(b"a\r\nb\r\n", name="c") == "a\nb\n"


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"   \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary")])
def test_decode_refuses_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode_bytes(data, name="in.txt")
    assert "in.txt" in str(info.value)


def test_folder_walk_reads_each_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<html><body><article><p>x</p></article></body></html>")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "wire-1", "text": ARTICLE, "outlet": "Wire"}) + "\n")
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / "notes.md").write_text("ignored")
    items, errors = read_all(str(tmp_path))
    assert not errors
    assert [(i.id, i.format) for i in items] == [("a", "text"), ("wire-1", "text"), ("b", "html")]
    assert items[1].meta == {"outlet": "Wire"}


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items, errors = read_all(str(tmp_path / "nope.txt"), str(tmp_path / "empty"))
    assert not items
    assert "no such file" in str(errors[0]) and "nope.txt" in str(errors[0])
    assert "holds no" in str(errors[1])


def test_malformed_jsonl_line_is_named_and_others_go_in(tmp_path: Path) -> None:
    good = json.dumps({"text": ARTICLE})
    (tmp_path / "feed.jsonl").write_text(f"{good}\n{{not json\n{json.dumps({'title': 'no text'})}\n{good}\n")
    items, errors = read_all(str(tmp_path / "feed.jsonl"))
    assert [i.id for i in items] == ["feed-1", "feed-4"]
    assert "line 2" in str(errors[0]) and "feed.jsonl" in str(errors[0])
    assert "feed.jsonl:3" in str(errors[1])


def test_rss_feed_entries(tmp_path: Path) -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>River Times</title>
    <item><title>Town flooded</title><link>https://example.org/news/town-flooded</link>
    <pubDate>Tue, 03 Dec 2024 10:00:00 GMT</pubDate><description>About 3,000 people left their homes.</description></item>
    <item><title>Empty</title><link>https://example.org/news/empty</link></item>
    </channel></rss>"""
    (tmp_path / "river.xml").write_text(rss)
    items, errors = read_all(str(tmp_path / "river.xml"))
    assert len(items) == 1 and items[0].meta["outlet"] == "River Times"
    assert items[0].meta["published"].startswith("2024-12-03")
    assert items[0].id == "river-town-flooded"
    assert "no content" in str(errors[0])


def test_private_url_refused_without_flag() -> None:
    items, errors = read_all("http://127.0.0.1:9/article")
    assert not items
    assert "private or loopback" in str(errors[0]) and "--allow-private" in str(errors[0])


def test_unreachable_url_is_an_error_not_a_crash() -> None:
    items, errors = read_all("http://127.0.0.1:9/x", options=ReadOptions(allow_private=True, timeout=2))
    assert not items and "unreachable" in str(errors[0])


def test_url_stem() -> None:
    assert url_stem("https://example.org/world/2024/12/flood-toll-rises.html?x=1") == "flood-toll-rises"
    assert url_stem("https://example.org/") == "example.org"


def manifest_problems(path: Path, data: object) -> tuple[dict[str, object], list[str]]:
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    manifest, errors = load_manifest(str(path))
    assert all(isinstance(e, ManifestError) for e in errors)
    return manifest, [str(e) for e in errors]


def test_manifest_errors(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    assert manifest_problems(bad, "{ nope") == ({}, [f"[E120] {bad}: invalid JSON at line 1, column 3: "
                                                     "Expecting property name enclosed in double quotes"])
    assert "JSON object" in manifest_problems(bad, ["a"])[1][0]
    manifest, errors = manifest_problems(bad, {"a": {"published": "yesterday"}, "b": {"publisher": "x"},
                                               "c": {"outlet": "Kept"}})
    assert manifest == {"c": {"outlet": "Kept"}}
    assert "entry 'a' field `published` 'yesterday' is not a valid ISO date" in errors[0]
    assert "entry 'b' has unknown keys ['publisher']" in errors[1]
    assert "no such manifest" in load_manifest(str(tmp_path / "missing.json"))[1][0].args[0]


@pytest.mark.parametrize("meta,problem", [
    ({"authors": 7}, "field `authors` must be a list of strings, not a number"),
    ({"authors": ["A", 2]}, "field `authors` must be a list of strings; item 2 is a number"),
    ({"published": 20240101}, "field `published` must be a string, not a number"),
    ({"published": "2024-13-45"}, "field `published` '2024-13-45' is not a valid ISO date"),
    ({"title": ["a", "b"]}, "field `title` must be a string, not a list"),
    ({"outlet": {"name": "x"}}, "field `outlet` must be a string, not an object"),
    ({"url": True}, "field `url` must be a string, not true/false"),
])
def test_manifest_type_errors_name_the_field_and_never_coerce(tmp_path: Path, meta: dict[str, object],
                                                             problem: str) -> None:
    manifest, errors = manifest_problems(tmp_path / "m.json", {"doc": meta, "other": {"title": "Fine"}})
    assert manifest == {"other": {"title": "Fine"}}
    assert len(errors) == 1 and f"entry 'doc' {problem}" in errors[0]


def test_build_document_keeps_text_and_applies_manifest() -> None:
    item = RawItem("river", ARTICLE, "text", "river.txt")
    doc = build_document(item, {"river": {"published": "2024-12-03", "outlet": "River Times"}})
    assert doc.text == ARTICLE
    assert doc.published is None and doc.assumed_published == "2024-12-03" and doc.date == "2024-12-03"
    assert doc.outlet == "River Times"
    assert doc.title == "Flood waters recede in river town"
    body = "".join(ARTICLE[s:e] for s, e in doc.body)
    assert doc.title_span and doc.title_span in doc.body
    assert "3,000 people" in body and "Leave a Reply" not in body and "WORLD NEWS" not in body
    kinds = {ARTICLE[d.start:d.end]: d.kind for d in doc.debris}
    assert "Leave a Reply" in kinds and "WORLD NEWS" in kinds


def test_checksum_ignores_whitespace() -> None:
    assert checksum("a  b\nc") == checksum("a b c") != checksum("a b d")


def test_dedup_links_exact_and_near_copies() -> None:
    base = ARTICLE + "Crews from three provinces joined the search, and the army sent boats to the worst-hit streets.\n"
    near = base.replace("Leave a Reply", "Share this story").replace("three provinces", "three regions")
    docs = [
        build_document(RawItem("orig", base, "text", "o"), {"orig": {"published": "2024-12-03"}}),
        build_document(RawItem("copy", base, "text", "c"), {"copy": {"published": "2024-12-04"}}),
        build_document(RawItem("near", near, "text", "n"), {"near": {"published": "2024-12-05"}}),
        build_document(RawItem("other", "A different story about 12 ministers and a budget vote in parliament "
                                        "that passed late on Friday.", "text", "x")),
    ]
    assert find_duplicates(docs) == {"copy": "orig", "near": "orig"}


def test_caption_with_leading_credit_is_debris() -> None:
    text = ("Storm cuts power to thousands\n\n"
            "Crews worked through the night to restore power after the storm brought down lines across the "
            "county, the utility said on Sunday.\n"
            "(Photo by Jan Ode/County Herald) Linemen repair a pole on Route 4 near the river crossing\n"
            "About 12,000 homes were still without electricity on Monday morning, the company said.\n")
    doc = build_document(RawItem("storm", text, "text", "storm.txt"))
    kinds = {text[d.start:d.end][:10]: d.kind for d in doc.debris}
    assert kinds.get("(Photo by ") == "caption"


def test_an_ambiguous_slash_date_takes_the_reading_nearer_the_manifest() -> None:
    """"01/10/2025" is January 10 or October 1; a manifest assuming October 2 picks October 1."""
    text = ("Harbour News\nPort fees rise by a tenth from next month\nBy Ana Ruiz\n01/10/2025\n"
            "Port fees will rise by 10% from November, the harbour board said on Wednesday.\n")
    near = build_document(RawItem("a", text, "text", "a.txt"), {"a": {"published": "2025-10-02"}})
    assert near.published == "2025-10-01"
    alone = build_document(RawItem("b", text, "text", "b.txt"))
    assert alone.published == "2025-01-10"  # no manifest: month first, as the parser reads it


def test_a_json_object_that_is_no_article_is_skipped_in_a_folder_and_refused_by_name(tmp_path: Path) -> None:
    from claimgraph.errors import InputWarning

    (tmp_path / "story.txt").write_text("Floods cut the road to Oska on Monday, officials said.", encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({"incidents": [{"id": "a", "killed": 2}]}, indent=1))
    (tmp_path / "pretty.json").write_text(json.dumps({"title": "Oska", "text": "Rain fell for a week."}, indent=1))
    items, errors = read_all(str(tmp_path))
    assert sorted(i.id for i in items) == ["pretty", "story"]
    assert [type(e) for e in errors] == [InputWarning] and "gold.json" in str(errors[0])
    items, errors = read_all(str(tmp_path / "gold.json"))
    assert not items and [type(e) for e in errors] == [InputError]


def test_the_worker_pool_starts_while_ingest_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # its workers load the model while the rest is read; extract then runs on that pool
    from claimgraph import api
    from claimgraph.store.sqlite import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(api.POOL_MIN_DOCS + 5):
        (folder / f"d{k}.txt").write_text(f"Story {k}\n\nThe council of Brask met {k + 2} times this year.\n")
    seen: list[object] = []
    monkeypatch.setattr(api._Runner, "start", lambda self: seen.append(("start", self.processes)))
    monkeypatch.setattr(api, "extract", lambda store, **kw: seen.append(("extract", kw["pool"] is not None)) or 0)
    monkeypatch.setattr(api, "reconcile", lambda store, **kw: ([], []))
    monkeypatch.setattr(api, "export", lambda store, ids, read=None: {})
    with Store(str(tmp_path / "s.db")) as store:
        result = api.analyze([str(folder)], store, config=api.RunConfig(n_process=2))
    assert len(result.documents) == api.POOL_MIN_DOCS + 5
    assert seen == [("start", 2), ("extract", True)]
