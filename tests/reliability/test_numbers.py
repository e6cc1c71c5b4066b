"""Odd and huge numbers: read right, or kept and flagged, never losing the other claims.

Every sentence here was written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.extract.numbers import MAX_MAGNITUDE, in_range, parse_numeral
from claimgraph.extract.quantities import find_quantities
from claimgraph.model import Document

HUGE_ZEROS = "1" + "0" * 1000
HUGE_NINES = "9" * 400
HUGE_DIGITS = "7" * 5000  # past Python's int() digit limit


@pytest.mark.parametrize(("raw", "value", "sig"), [
    ("½", 0.5, 1), ("¾", 0.75, 1), ("⅔", 2 / 3, 1), ("3¼", 3.25, 3), ("12½", 12.5, 4),
    ("10^6", 1e6, 1), ("2^10", 1024, 1), ("10^-3", 0.001, 1), ("10^1000", float("inf"), 1),
])
def test_parse_numeral_reads_fractions_and_powers(raw: str, value: float, sig: int) -> None:
    assert parse_numeral(raw) == pytest.approx((value, sig))


@pytest.mark.parametrize("raw", [HUGE_ZEROS, HUGE_NINES, HUGE_DIGITS, "10^99999999999"])
def test_a_huge_numeral_parses_without_error_and_is_out_of_range(raw: str) -> None:
    value, sig = parse_numeral(raw)
    assert not in_range(value) and sig >= 1


def test_range_edge() -> None:
    assert in_range(MAX_MAGNITUDE) and in_range(-MAX_MAGNITUDE) and not in_range(MAX_MAGNITUDE * 10)
    assert not in_range(float("nan"))


def found(text: str) -> list[tuple[str, float | None, str, bool]]:
    return [(q.text, q.value, q.unit, q.out_of_range) for q in find_quantities(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The province has 3¼ million voters.", [("3¼ million", 3.25e6, "count", False)]),
    ("Roughly 2½ million tonnes of grain rotted.", [("Roughly 2½ million tonnes", 2.5e6, "tonne", False)]),
    ("Lab staff counted 10^6 cells in the sample.", [("10^6", 1e6, "count", False)]),
    ("Only ½ of the 80 pumps still work.", [("½", 0.5, "ratio", False), ("80", 80, "count", False)]),
    ("Guards gave out ¾ of the blankets.", [("¾", 0.75, "ratio", False)]),
])
def test_fractions_and_powers_in_text(text: str, expected: list[tuple[str, float, str, bool]]) -> None:
    assert found(text) == expected


def test_a_comma_list_of_numbers_is_not_a_count() -> None:
    assert found("Seats 1,2,3,4,5 were left empty in row 9.") == [("9", 9, "count", False)]
    assert found("Tickets 4,7,12 won prizes, and 2,500 people came.") == [("2,500", 2500, "count", False)]


@pytest.mark.parametrize("huge", [f"10^{1000}", "$" + ",".join(["999"] * 140), "€" + "8" * 120 + " trillion"])
def test_a_huge_number_is_kept_flagged_beside_its_neighbours(huge: str) -> None:
    text = f"Firefighters saved 31 homes, the losses were put at {huge} and 6 barns burned."
    qs = find_quantities(text)
    assert [q.value for q in qs if not q.out_of_range] == [31, 6]
    flagged = [q for q in qs if q.out_of_range]
    assert len(flagged) == 1
    assert (flagged[0].value, flagged[0].low, flagged[0].high) == (None, None, None)
    assert text[flagged[0].start:flagged[0].end].startswith(huge[:20])


def test_a_range_to_a_huge_number_keeps_the_huge_end_flagged() -> None:
    qs = find_quantities("Estimates ran from 20 to 10^500 grains.")
    assert any(q.out_of_range and q.text == "10^500" for q in qs)
    assert all(q.high is None or in_range(q.high) for q in qs)


@pytest.mark.slow
def test_a_huge_number_loses_no_claim_of_its_document(tmp_path: Path) -> None:
    from claimgraph.export import claim_json
    from claimgraph.extract.pipeline import Extractor

    body = (f"Medics said 23 people were hurt in the crash. A prankster's sign claimed {HUGE_ZEROS} fans. "
            f"A third asked for ${HUGE_NINES}. Another sign read 10^1000. Police said 4 drivers were arrested, "
            f"and 5 lorries with {HUGE_DIGITS} parts were towed.")
    doc = Document(id="huge", text=body, body=((0, len(body)),))
    ext = next(iter(Extractor()([doc])))
    assert ext.errors == ()
    kept = {c.quantity.value for c in ext.claims if not c.quantity.out_of_range}
    assert {23, 4, 5} <= kept
    # a long run of bare digits reads as an identifier (number_roles.json); a power stays a claim
    flagged = [c for c in ext.claims if c.quantity.out_of_range]
    assert [c.quantity.text for c in flagged] == ["10^1000"] and flagged[0].quantity.value is None
    row = claim_json(flagged[0], body, None, {})
    assert row["out_of_range"] is True and row["value"] is None
    json.loads(json.dumps(row, allow_nan=False))  # valid JSON: no Infinity
