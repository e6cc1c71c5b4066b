"""Local currencies: a word a text gives with its dollar (euro, pound) value, "1.5 billion lusars
($84 million)", is a currency the lexicon lacks; the finder then reads it like any other."""
from __future__ import annotations

import re

from ..lexicon import data_file, words
from .quantity_text import norm
from .units import Units

__all__ = ["currencies_in"]

# "1.5 billion lusars ($84 million)", "250,000 lusars, about $14,000": a word given with its
# dollar (euro, pound) value is the text's local currency
_CONVERSION = re.compile(
    r"(?P<n>\d[\d,.]*)(?:\s+(?P<s>thousand|million|billion|trillion|bn|mn))?\s+(?P<w>[A-Za-z]{3,14})\s*"
    r"(?:\(\s*|,\s*(?:or\s+)?)(?:about|around|roughly|some|nearly|almost|"
    r"approximately|just over|just under)?\s*(?:US\s?)?[$€£]\s?(?P<d>\d[\d,.]*)(?:\s*(?P<ds>thousand|million|billion|"
    r"trillion|bn|mn|m|k))?(?!\s*(?:each|apiece|per|a head|a piece|a month|a year|a day))")
# the multipliers of data/units.json, looked up in lower case
_SCALE = {**{w.lower(): float(v) for w, v in data_file("units.json")["scales"]["abbrev"].items()},
          **{w: float(v) for w, v in data_file("units.json")["scales"]["words"].items()}}


def _amount(digits: str, scale: str | None) -> float | None:
    try:
        return float(digits.replace(",", "").rstrip(".")) * _SCALE.get((scale or "").lower(), 1.0)
    except ValueError:
        return None


# words that a dollar value in brackets may follow without being money ("12 people ($5 each)")
_NOT_MONEY = words("not_money_nouns")


def currencies_in(text: str, units: Units) -> tuple[tuple[str, str], ...]:
    """Currencies ``text`` names that ``units`` does not know, as (code, singular word) pairs;
    the code is the word's first three letters (an ``X`` code where that is taken)."""
    out: dict[str, str] = {}
    for m in _CONVERSION.finditer(text):
        local, dollars = _amount(m["n"], m["s"]), _amount(m["d"], m["ds"])
        # a currency's dollar value is a plausible exchange rate away ("300 paintings ($2 billion)"
        # and "40 aircraft, $4 billion" are not amounts of money)
        if not local or not dollars or not 2.5 <= local / dollars <= 100_000:
            continue  # most currencies the lexicon lacks are worth well under a dollar
        word = m["w"].lower()
        if word in units.unit_word or word + "s" in units.unit_word or word in ("percent", "per"):
            continue  # "2 million litres ($3 million)", "5 percent ($2 a gallon)": units, not money
        if len(re.findall(rf"\d[\d,.]*(?:\s+(?:thousand|million|billion|trillion|bn|mn))?\s+{re.escape(word)}\b",
                          text, re.IGNORECASE)) < 2:
            continue  # a currency recurs with its amounts; "12 million eggs ($4 million)" once is a sale
        word = word[:-1] if word.endswith("s") and len(word) > 4 else word
        if norm(word) in units.cur_word or norm(word + "s") in units.cur_word or word in out.values() \
                or word in _NOT_MONEY or word + "s" in _NOT_MONEY or m["w"].lower() in _NOT_MONEY:
            continue
        code = word[:3].upper()
        if code in units.cur_codes or code in out:
            code = "X" + word[:2].upper()
        out[code] = word
    return tuple(sorted(out.items()))
