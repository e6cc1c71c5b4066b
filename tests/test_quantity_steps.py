"""The quantity finder's steps on their own; sentences written for this project."""
from __future__ import annotations

import claimgraph.extract.quantities as quantities
from claimgraph.extract.qualifiers import Qualifiers
from claimgraph.extract.quantities import QuantityFinder
from claimgraph.extract.quantity_text import Candidate, toks_before


def test_public_names_stay_in_quantities() -> None:
    for name in ("Lexicon", "QuantityFinder", "find_quantities", "local_currencies"):
        assert name in quantities.__all__ and hasattr(quantities, name)


def test_qualifier_choice() -> None:
    assert Qualifiers.choose([], None) == "exact"
    assert Qualifiers.choose(["approx"], None) == "approx"
    assert Qualifiers.choose(["approx"], "at_least") == "at_least"  # "some 40 or more"
    assert Qualifiers.choose(["approx", "more_than"], None) == "more_than"  # "more than an estimated 40"


def test_leading_qualifiers() -> None:
    finder = QuantityFinder()
    seg = "more than an estimated 40 boats"
    toks, glued = toks_before(seg, 0, seg.index("40"))
    found, start, rest = finder.quals.leading(toks, glued, seg.index("40"), "count")
    assert found == ["approx", "more_than"] and start == 0 and rest == []


def test_not_quantities_at_numeral() -> None:
    finder = QuantityFinder()
    seg = "The ferry left at 4:15 pm."
    s = seg.index("4")
    assert finder.nq.at_numeral(seg, s, s + 1, "4", " ", "t", ":", "1") == len(seg)  # the whole clock time


def test_spans_give_candidates() -> None:
    finder = QuantityFinder()
    seg = "Output tripled last year."
    m = finder.spans.re_anchor.search(seg)
    assert m is not None
    cand = finder.spans.read(seg, m, 0)
    assert isinstance(cand, Candidate)
    assert (cand.num.value, cand.unit, cand.no_right, cand.change) == (3.0, "ratio", True, "up")


def test_units_read_after_a_number() -> None:
    finder = QuantityFinder()
    seg = "12 km a day"
    u = finder.units.unit_after(seg, 2, None)
    assert u is not None and u[0] == "km"
    assert finder.units.per(seg, u[3]) == ("day", len(seg))
