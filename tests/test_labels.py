"""Names a reader recognises: derived headlines, outlets from URLs, origins, the summary sentence."""
from __future__ import annotations

import copy
from typing import Any

from claimgraph.labels import UNTITLED, document_label, headline, outlet_label, shorten, site_of
from claimgraph.model import Attribution, Claim, Debris, Document, Entity, Extraction, Quantity, TextSpan
from claimgraph.reconcile import reconcile
from claimgraph.report.ledger import Ledger, story_label
from claimgraph.report.sentence import conflict_phrase, lead_sentence

# headlines and outlets -------------------------------------------------------------------------


def test_a_document_without_a_title_is_named_by_its_first_body_sentence() -> None:
    text = ("Share this page\nFerry crews on the Ostmar line walked out on Friday. Talks resume next week.")
    body_start = text.index("Ferry")
    doc = Document("7f3a_c001", text, body=((body_start, len(text)),), debris=(Debris(0, body_start - 1, "share"),))
    assert document_label(doc) == "Ferry crews on the Ostmar line walked out on Friday"
    titled = Document("7f3a_c002", text, title="  Ferry strike  ")
    assert document_label(titled) == "Ferry strike"


def test_a_long_first_sentence_is_cut_at_a_word() -> None:
    words = "The regional assembly of the northern lakes voted late on Thursday to extend the fishing ban " \
            "on all three lakes until the spring survey is complete."
    got = headline(words)
    assert got.endswith("…") and len(got) <= 80
    assert words.startswith(got[:-1])
    assert got[-2] != " " and words[len(got) - 1] == " "  # cut between two words


def test_empty_text_is_untitled_never_its_id() -> None:
    assert document_label(Document("9c0ffee", "   \n ")) == UNTITLED
    assert shorten("  a   b  ") == "a b"


def test_outlet_from_the_url_domain() -> None:
    assert site_of("https://www.harbour-gazette.example/news/2025/ferry") == "harbour-gazette.example"
    assert site_of("http://m.lakeside.example/a") == "lakeside.example"
    assert site_of("https://news.lakeside.example/a") == "news.lakeside.example"
    for bad in (None, "", "javascript:alert(1)", "file:///tmp/a.txt", "https://localhost/x", "not a url"):
        assert site_of(bad) is None, bad
    doc = Document("x", "Text.", url="https://www.harbour-gazette.example/a")
    assert outlet_label(doc) == "harbour-gazette.example"
    assert outlet_label(Document("x", "Text.", outlet="Harbour Gazette", url="https://other.example/a")) \
        == "Harbour Gazette"


# origins ----------------------------------------------------------------------------------------


def _claim(cid: str, doc_id: str, value: float) -> Claim:
    q = Quantity(0, 5, value, value, value, text=str(value))
    return Claim(cid, doc_id, 0, 10, q, counted="ferries", measure="cancelled", attribution=Attribution(None))


def _ext(doc_id: str, claims: list[Claim]) -> Extraction:
    return Extraction(doc_id, (), (Entity(f"{doc_id}:e1", "Ostmar", "GPE", (), (TextSpan(doc_id, 0, 6),)),),
                      tuple(claims))


def test_an_unattributed_number_is_put_on_its_outlet_never_on_a_document_id() -> None:
    docs = [
        Document("0a1b2c3d_one", "Ostmar ferries: 40 sailings were cancelled on Friday. More later.",
                 body=((0, 66),), url="https://www.harbour-gazette.example/ferries"),
        Document("4e5f6a7b_two", "Ostmar ferries halted. 40 sailings were cancelled, crews said.", body=((0, 62),)),
    ]
    result = reconcile(docs, [_ext("0a1b2c3d_one", [_claim("c1", "0a1b2c3d_one", 40)]),
                              _ext("4e5f6a7b_two", [_claim("c2", "4e5f6a7b_two", 40)])])
    fig = next(f for f in result.figures if "c1" in f.claims)
    assert "c2" in fig.claims and fig.independent_origins == 2
    assert "harbour-gazette.example" in fig.origins
    other = next(o for o in fig.origins if o != "harbour-gazette.example")
    assert other == "unattributed (“Ostmar ferries halted”)"
    for origin in fig.origins:
        assert "0a1b2c3d" not in origin and "4e5f6a7b" not in origin


# the ledger: outlets counted, stories labelled ------------------------------------------------


def test_outlets_are_counted_per_site_and_a_copy_counts_with_its_original() -> None:
    ledger = Ledger({"documents": [
        {"id": "a", "outlet": "Harbour Gazette"},
        {"id": "b", "outlet": "harbour gazette"},  # the same outlet, cased differently
        {"id": "c", "url": "https://www.lakeside.example/x"},
        {"id": "d"}, {"id": "e"},  # nothing known: each its own unnamed site
        {"id": "f", "duplicate_of": "d"},  # a copy of d
        {"id": "g", "duplicate_of": "c"},  # a copy of c takes c's site
    ]})
    assert ledger.outlet_count() == (4, 2)
    assert ledger.outlet("c") == "lakeside.example"
    assert ledger.outlet("d") == UNTITLED  # no text in this export: still no id


def test_a_story_labelled_by_its_id_takes_its_first_documents_label() -> None:
    docs = {"d1": {"id": "d1", "title": None, "text": "Crews walked out. Talks resume.", "body": [[0, 31]]}}
    assert story_label({"id": "s4", "label": "s4", "documents": ["d1"]}, docs) == "Crews walked out"
    assert story_label({"id": "s4", "label": "Ostmar / ferries", "documents": ["d1"]}, docs) == "Ostmar / ferries"


# the sentence to paste --------------------------------------------------------------------------


def test_the_sentence_names_each_conflict_and_who_stands_behind_each_value(synthetic_export: dict[str, Any]) -> None:
    ledger = Ledger(synthetic_export)
    # conftest: 7 figures; 6 outlets; displaced (3 claims) and repair (2 claims) conflict
    assert lead_sentence(ledger) == (
        "7 figures from 6 outlets; 2 conflicts: people displaced, 3,000 (council insider) vs about 12,000 "
        "(Relief Council) vs more than 15,000 (International Relief Federation); "
        "repair, €4 million (operator) vs €2 billion (Engineers).")


def test_several_origins_behind_one_value_are_counted(synthetic_export: dict[str, Any]) -> None:
    export = copy.deepcopy(synthetic_export)
    fig = next(f for f in export["figures"] if f["id"] == "displaced")
    for c in export["claims"]:
        if c["figure"] == "displaced" and c["value"] == 12000:  # the Relief Council now says "more than 15,000"
            c.update(value=15000, low=15000, high=None, qualifier="more_than")
    ledger = Ledger(export)
    assert conflict_phrase(ledger, fig) == "people displaced, 3,000 (council insider) vs more than 15,000 (2 origins)"


def test_without_conflicts_the_sentence_names_the_best_corroborated_figure(synthetic_export: dict[str, Any]) -> None:
    export = copy.deepcopy(synthetic_export)
    export["figures"] = [f for f in export["figures"] if f["verdict"] != "conflict"]
    sentence = lead_sentence(Ledger(export))
    # dead: 2 origins, 3 claims, 61 after the revision
    assert sentence == "5 figures from 6 outlets; no conflict between sources; best corroborated: people dead, 61 " \
                       "(2 origins)."
    assert lead_sentence(Ledger({"documents": export["documents"]})) == "No figures yet from 6 outlets."
    assert lead_sentence(Ledger({})) == "No documents yet."
