"""Tests for claimgraph.ingest.clean: line classification and metadata of scraped articles.

Fixtures under fixtures/clean/ are invented articles in several site styles. Each line is
written as ``kind | text`` (``kind`` may list alternatives: ``caption/credit``); the test
rebuilds the plain text from them and checks every line and the ``@`` metadata.
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from claimgraph.ingest.clean import Cleaned, clean_text, find_date

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
SEEDS = Path(__file__).resolve().parents[2] / "shared"


@dataclasses.dataclass
class Fixture:
    text: str
    expected: list[tuple[str, str]]  # (allowed kinds "a/b", line text), non-empty lines only
    meta: dict[str, str]


def load_fixture(path: Path) -> Fixture:
    head, _, body = path.read_text(encoding="utf-8").partition("---\n")
    meta = dict(line[1:].split(" ", 1) for line in head.splitlines() if line.startswith("@"))
    lines: list[str] = []
    expected: list[tuple[str, str]] = []
    for raw in body.splitlines():
        if not raw.strip():
            lines.append("")
            continue
        m = re.match(r"^([\w/]+)\s*\| ?(.*)$", raw)
        assert m, f"{path.name}: bad fixture line {raw!r}"
        lines.append(m[2])
        expected.append((m[1], m[2].strip()))
    return Fixture("\n".join(lines), expected, meta)


def labels(text: str, cleaned: Cleaned) -> list[tuple[str, str]]:
    """(label, line) for every non-empty line: body, title, or the debris kind."""
    by_span: dict[tuple[int, int], str] = {span: "body" for span in cleaned.body}
    by_span.update({(d.start, d.end): d.kind for d in cleaned.debris})
    if cleaned.title_span:
        by_span[cleaned.title_span] = "title"
    out = []
    for (start, end), label in sorted(by_span.items()):
        out.append((label, text[start:end]))
    return out


FIXTURE_PATHS = sorted(FIXTURES.glob("*.txt"))


def test_there_are_enough_fixtures() -> None:
    assert len(FIXTURE_PATHS) >= 12


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=lambda p: p.stem)
def test_fixture_lines(path: Path) -> None:
    fx = load_fixture(path)
    got = labels(fx.text, clean_text(fx.text))
    assert [line for _, line in got] == [line for _, line in fx.expected]
    wrong = [(want, have, line[:60]) for (have, line), (want, _) in zip(got, fx.expected, strict=True)
             if have not in want.split("/")]
    assert not wrong


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=lambda p: p.stem)
def test_fixture_metadata(path: Path) -> None:
    fx = load_fixture(path)
    cleaned = clean_text(fx.text)
    want = {k: (None if v == "-" else v) for k, v in fx.meta.items()}
    assert cleaned.title == want["title"]
    assert cleaned.published == want["published"]
    names = [n.lower() for n in cleaned.authors]
    for name in (want["authors"] or "").split(";"):
        if name.strip():
            assert name.strip().lower() in names, (name, cleaned.authors)
    if not want["authors"]:
        assert cleaned.authors == ()
    assert (cleaned.outlet or "").lower() == (want["outlet"] or "").lower()


# ---- invariants ------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=lambda p: p.stem)
def test_every_nonempty_line_is_classified_once(path: Path) -> None:
    text = load_fixture(path).text
    cleaned = clean_text(text)
    spans = list(cleaned.body) + [(d.start, d.end) for d in cleaned.debris]
    if cleaned.title_span:
        spans.append(cleaned.title_span)
    assert len(spans) == len(set(spans)) == sum(1 for line in text.split("\n") if line.strip())
    for start, end in spans:
        piece = text[start:end]
        assert piece and "\n" not in piece and piece == piece.strip()


def test_result_is_frozen() -> None:
    cleaned = clean_text("Hello world.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cleaned.title = "x"  # type: ignore[misc]


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n  \n"):
        cleaned = clean_text(text)
        assert cleaned.body == () and cleaned.debris == () and cleaned.title is None


def test_crlf_lines_keep_offsets_into_the_text() -> None:
    text = "Market closes higher on bank results\r\n\r\nShares rose 2 percent on Friday as two big lenders beat forecasts.\r\n"
    cleaned = clean_text(text)
    assert cleaned.title == "Market closes higher on bank results"
    assert [text[s:e] for s, e in cleaned.body] == ["Shares rose 2 percent on Friday as two big lenders beat forecasts."]


# ---- titles ----------------------------------------------------------------------------


def test_single_sentence_is_body_not_title() -> None:
    cleaned = clean_text("Officials reported 40 new cases on Monday")
    assert cleaned.title is None and len(cleaned.body) == 1


def test_text_starting_with_a_paragraph_has_no_title() -> None:
    text = ("The ministry said on Friday that exports rose by 12 percent in the third quarter, driven by "
            "steel and machinery.\nImports fell slightly over the same period, it said.")
    cleaned = clean_text(text)
    assert cleaned.title is None and len(cleaned.body) == 2


def test_question_headline_is_a_title() -> None:
    text = "Can the city afford a second tram line?\n\nThe council will vote next week on a plan costing $800 million."
    assert clean_text(text).title == "Can the city afford a second tram line?"


def test_section_label_is_not_the_title() -> None:
    text = "BUSINESS\nCarmaker recalls 80,000 vehicles over brake fault\nThe recall covers models built in 2022 and 2023."
    cleaned = clean_text(text)
    assert cleaned.title == "Carmaker recalls 80,000 vehicles over brake fault"
    assert [d.kind for d in cleaned.debris] == ["section_label"]


# ---- body that looks like furniture ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Readers left more than 2,000 comments on the post within an hour, the newspaper said.",
        "Customers who subscribe before June will pay the old price, the company said.",
        "“We will not leave,” she said.",
        "“Never again.”",
        "By Wednesday, the army had pulled back from two villages.",
        "Related talks are expected to resume in Geneva next month.",
        "The photo, taken by a resident, shows smoke above the plant.",
        "Customers can cancel anytime under the new rules.",
        "We use cookies to personalise ads, the company told regulators.",
        "Hackers could get full access to the accounts, researchers warned.",
        "Media contacts were not allowed inside the court.",
        "Read more than 300 pages of the report and you find the same figure.",
        "Thanks for reading the fine print, one lawyer joked.",
        "Recommended by the panel: a 2 percent rise.",
        "With assistance from the navy, 300 people were evacuated.",
        "By sharing this article, readers helped raise $4,000 for the shelter.",
        "Contact her at the office.",
        "Arsenal 2-1 Chelsea",
    ],
)
def test_body_lines_that_mention_furniture_words_stay_body(line: str) -> None:
    text = f"Talks stall over border crossings\n\nNegotiators met for six hours on Tuesday without agreement.\n{line}\nA further round is planned."
    cleaned = clean_text(text)
    assert any(text[s:e] == line for s, e in cleaned.body), cleaned.debris


def test_verse_after_a_closing_colon_stays_body() -> None:
    text = ("Poet reads at library centenary\n"
            "About 150 people came to hear her, and she closed the afternoon with four new lines:\n"
            "Paper and lamplight,\nthe long hush of the stacks,\na hundred years of borrowing\nand nothing given back.\n"
            "Share this:\nFacebook")
    cleaned = clean_text(text)
    assert [text[s:e] for s, e in cleaned.body][-1] == "and nothing given back."
    assert [d.kind for d in cleaned.debris] == ["share_tags", "share_tags"]


def test_cookie_notice_is_furniture_and_not_the_title() -> None:
    text = ("We value your privacy\n"
            "We and our partners use cookies and similar technologies to store and access information on your device, "
            "to personalise content and ads, to provide social media features and to analyse our traffic. You can change "
            "your choices at any time by clicking Cookie settings at the bottom of the page.\n"
            "Accept all\nFerry operator orders two hybrid vessels\n"
            "A ferry operator has ordered two hybrid-electric ships in a deal worth about 210 million euros, it said.")
    cleaned = clean_text(text)
    assert cleaned.title == "Ferry operator orders two hybrid vessels"
    assert [d.kind for d in cleaned.debris] == ["copyright", "copyright", "copyright"]


def test_press_release_about_and_contact_blocks_are_furniture() -> None:
    text = ("Utility opens new plant\n"
            "EASTBROOK — The Eastbrook Water Authority today opened a plant that raises capacity by 30 percent, it said.\n"
            "The project came in $3 million under budget, the authority said in its statement.\n"
            "About Eastbrook Water Authority\n"
            "Eastbrook Water Authority serves 200,000 customers in three counties.\n"
            "Media contact:\nJenna Ruiz\n(503) 555-0187\nmedia@eastbrook.example")
    cleaned = clean_text(text)
    assert len(cleaned.body) == 2 and cleaned.authors == ()
    assert {d.kind for d in cleaned.debris} == {"byline"}


def test_wire_dateline_is_body_and_names_the_agency() -> None:
    text = ("Ukraine says power restored in capital\n"
            "KYIV, Dec 3 (Reuters) - Power was restored to most of the capital on Tuesday after overnight strikes, "
            "the energy ministry said.\nRepairs continue in two districts.")
    cleaned = clean_text(text)
    assert text[cleaned.body[0][0]:].startswith("KYIV, Dec 3 (Reuters)")
    assert cleaned.outlet == "Reuters"


@pytest.mark.parametrize(
    ("dateline", "agency"),
    [("Shimla, July 9 (IANS) Heavy rain lashed the state for a third day", "IANS"),
     ("(Bloomberg) -- Copper rose for a second day on stimulus bets", "Bloomberg")],
)
def test_wire_dateline_without_a_dash_names_the_agency(dateline: str, agency: str) -> None:
    text = f"Rain and copper\n{dateline}, officials and traders said on Tuesday.\nMore is expected."
    assert clean_text(text).outlet == agency


# ---- bylines and dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors", "published", "outlet"),
    [
        ("By Jane Doe and The Daily Ledger news desk March 4, 2025 9:12 PM", ("Jane Doe", "The Daily Ledger news desk"),
         "2025-03-04T21:12", "The Daily Ledger"),
        ("By JOHN ROE", ("John Roe",), None, None),
        ("Authors: Ana Lima, Piotr Nowak", ("Ana Lima", "Piotr Nowak"), None, None),
        ("By Ana Lima, Senior Correspondent | Published 3 March 2023", ("Ana Lima",), "2023-03-03", None),
        ("By Ana Lima in Warsaw and Piotr Nowak in Lviv", ("Ana Lima", "Piotr Nowak"), None, None),
        ("By Metro Courier staff", ("Metro Courier staff",), None, "Metro Courier"),
        ("By MATT SELLERS Associated Press", ("Matt Sellers", "Associated Press"), None, "Associated Press"),
        ("By Kerry Marsh Senior Reporter", ("Kerry Marsh",), None, None),
        ("Interview by Nora Feld", ("Nora Feld",), None, None),
        ("Priya Sethi | Transportation Reporter", ("Priya Sethi",), None, None),
        ("Le Monde with AFP", (), None, "Le Monde"),
        ("IANS | Updated: Jul 09, 2024 | 18:41 IST", (), "2024-07-09T18:41", None),
        ("Published on December 15, 2024, at 2:05 pm (Paris)", (), "2024-12-15T14:05", None),
    ],
)
def test_byline_metadata(byline: str, authors: tuple[str, ...], published: str | None, outlet: str | None) -> None:
    text = f"Bridge reopens after six months of repairs\n{byline}\nThe bridge carries about 40,000 vehicles a day, the city said."
    cleaned = clean_text(text)
    assert cleaned.authors == authors
    assert cleaned.published == published
    assert cleaned.outlet == outlet
    assert [d.kind for d in cleaned.debris] == ["byline"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 23, 2024", "2024-12-23"),
        ("Dec. 3, 2024 at 4:05 p.m. EST", "2024-12-03T16:05"),
        ("Published 23 December 2024, 09:12", "2024-12-23T09:12"),
        ("2024-12-23T16:54:00Z", "2024-12-23T16:54"),
        ("23/12/2024", "2024-12-23"),
        ("Updated: 3rd of March, 2024", "2024-03-03"),
        ("IANS | Jul 09, 2024 | 18:41 IST", "2024-07-09T18:41"),
        ("Jul 09, 2024 | Updated 18:41 IST", "2024-07-09"),
        ("no date here", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    found = find_date(text)
    assert (found[0] if found else None) == iso


# ---- the seed articles (read from shared/, never copied) ----------------------------------------


@pytest.mark.skipif(not (SEEDS / "eval" / "seeds.gold.json").exists(), reason="shared seeds not present")
def test_seed_articles_meet_the_floor() -> None:
    gold = json.loads((SEEDS / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))["documents"]
    right = total = 0
    for doc_id, meta in gold.items():
        text = (SEEDS / "corpus" / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
        cleaned = clean_text(text)
        kept = list(cleaned.body) + ([cleaned.title_span] if cleaned.title_span else [])
        pos = 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip() or any(line.startswith(c) for c in meta.get("caption", [])):
                continue
            inside = any(s < end and start < e for s, e in kept)
            total += 1
            right += (not inside) if line.strip() in meta["boilerplate"] else inside
        assert cleaned.title == meta["title"]
        for name in meta["authors"]:
            assert name in cleaned.authors
        assert cleaned.outlet == meta["outlet"]
    assert right / total >= 0.97


@pytest.mark.parametrize(("line", "names"), [
    ("Petra Holcomb and Aldo Ferrante | Staff", ["Petra Holcomb", "Aldo Ferrante"]),
    ("Nils Hedegaard, Bloomberg News", ["Nils Hedegaard"]),
    ("Maria Lopez, Reuters", ["Maria Lopez"]),
    ("Wind Power, Solar Energy", None),
    ("Bloomberg News", None),
])
def test_bare_bylines_with_a_desk_or_an_outlet(line: str, names: list[str] | None) -> None:
    from claimgraph.ingest.byline import bare_names

    found = bare_names(line)
    assert (found[0] if found else None) == names



@pytest.mark.parametrize("line", [
    "The Morwen Queen is owned by Caldry Marine Holdings, a company registered in Cyprus.",
    "The airport is operated by a state-owned company.",
    "Anyone who has got information about the sinking is asked to call the coast guard hotline.",
])
def test_reporting_that_mentions_owners_or_appeals_is_body(line: str) -> None:
    text = "Ferry owner faces questions\nBy Ana Ruiz\n" + line + "\nThe inquiry opens on Monday, officials said.\n"
    cleaned = clean_text(text)
    start = text.index(line)
    assert any(a <= start < b for a, b in cleaned.body), line


def test_a_headline_with_a_dash_and_numbers_is_no_masthead() -> None:
    text = ("Senate Passes Budget — Vote Was 52 to 48\nDemocrats hold firm as two Republicans cross the aisle\n"
            "By Ana Ruiz\nThe Senate passed the budget by 52 votes to 48 on Friday, ending a month of talks.\n")
    cleaned = clean_text(text)
    assert cleaned.outlet is None
    assert cleaned.title == "Senate Passes Budget — Vote Was 52 to 48"



@pytest.mark.parametrize("first", ["Tech News", "Morning Briefing", "Hurricane Milton — live coverage",
                                   "Premier League | Championship | Europe", "Jane Smith | Political editor"])
def test_a_section_kicker_or_a_byline_is_no_masthead(first: str) -> None:
    text = (first + "\nMine toll rises to 38 as rescuers widen search\nBy Ana Ruiz\n"
            "The toll rose to 38 on Friday, the agency said, with 11 miners still unaccounted for after the collapse.\n")
    assert clean_text(text).outlet is None


def test_contact_lines_and_embed_notices_are_debris() -> None:
    story = ("Police said a man was shot twice on Fenwick Road late Saturday and taken to a hospital in "
             "stable condition. Officers are still looking for the gunman.")
    text = "\n\n".join([
        story,
        "Reach reporter Jo Ander at jander@dailyledger.example or 555-201-3344. Follow Jo on X at @joander.",
        "When you tweet with a location, X stores that location. You can switch location on or off "
        "before each post and always have the option to delete your location history.",
    ])
    body = [text[a:b] for a, b in clean_text(text).body]
    assert body == [story]
