"""Numbers, units and dates as people read them on a chart or in a table."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

PREFIX = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹", "KRW": "₩", "UAH": "₴",
          "RUB": "₽", "ILS": "₪", "TRY": "₺", "NGN": "₦", "PHP": "₱", "VND": "₫", "THB": "฿"}
SUFFIX = {"percent": "%", "percentage_point": " pp", "basis_point": " bp", "ratio": "×", "count": ""}
QUALIFIER = {"exact": "", "approx": "about ", "at_least": "at least ", "more_than": "more than ",
             "up_to": "up to ", "less_than": "less than ", "nearly": "nearly "}
_SCALES = ((1e12, "T", " trillion"), (1e9, "B", " billion"), (1e6, "M", " million"), (1e3, "k", ""))


def short_num(x: float, *, long: bool = False) -> str:
    """1200 → 1.2k, 1.2e9 → 1.2B (or "1.2 billion" with ``long``); integers below 10,000 stay whole."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    ax = abs(x)
    for scale, short, word in _SCALES:
        if ax >= scale and not (long and scale == 1e3) and not (scale == 1e3 and ax < 1e4 and float(x).is_integer()):
            body = f"{x / scale:.3g}"
            return body + (word if long else short)
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:.3g}"


def with_unit(x: float | None, unit: str | None, *, long: bool = True) -> str:
    if x is None:
        return "…"
    unit = unit or "count"
    num = short_num(x, long=long)
    if unit in PREFIX:
        return PREFIX[unit] + num
    if unit in SUFFIX:
        return num + SUFFIX[unit]
    if len(unit) == 3 and unit.isupper():
        return f"{unit} {num}"
    return f"{num} {unit}"


def fmt_interval(low: float | None, high: float | None, unit: str | None) -> str:
    """A consensus interval: "42", "40 – 61", "≥ 12,000", "≤ €1.2 billion"."""
    if low is None and high is None:
        return "—"
    if low is not None and high is not None:
        if abs(high - low) <= 1e-9 * max(abs(low), 1.0):
            return with_unit(low, unit)
        return f"{with_unit(low, unit)} – {with_unit(high, unit)}"
    if low is not None:
        return f"≥ {with_unit(low, unit)}"
    return f"≤ {with_unit(high, unit)}"


def fmt_claim(c: dict[str, Any]) -> str:
    """A claim's number as stated: "at least 40", "between 800 and 1,000", "up to €1.2 billion"."""
    unit, q = c.get("unit"), c.get("qualifier") or "exact"
    low, high, value = c.get("low"), c.get("high"), c.get("value")
    if low is not None and high is not None and high != low and q == "exact":
        return f"{with_unit(low, unit)} – {with_unit(high, unit)}"
    if value is None:
        value = low if low is not None else high
    text = QUALIFIER.get(q, f"{q} ") + with_unit(value, unit)
    if c.get("change"):
        text += " (rise)" if c["change"] == "up" else " (fall)"
    return text


def parse_day(value: str | None) -> float | None:
    """ISO date at any precision → days since 1970 (mid-month / mid-year for coarse dates)."""
    if not value:
        return None
    s = str(value).strip()
    try:
        if len(s) >= 10:
            d = dt.datetime.fromisoformat(s[:19] if "T" in s[:19] else s[:10])  # local time of the text
            return (d - dt.datetime(1970, 1, 1)).total_seconds() / 86400
        if len(s) == 7:
            return float((dt.date(int(s[:4]), int(s[5:7]), 15) - dt.date(1970, 1, 1)).days)
        if len(s) == 4:
            return float((dt.date(int(s), 7, 1) - dt.date(1970, 1, 1)).days)
    except ValueError:
        return None
    return None


def day_label(days: float, *, with_year: bool = False) -> str:
    d = dt.date(1970, 1, 1) + dt.timedelta(days=math.floor(days))
    return f"{d.day} {d:%b %Y}" if with_year else f"{d.day} {d:%b}"


def fmt_date(value: str | None) -> str:
    """"2025-10-15" → "15 Oct 2025"; coarser or odd values are shown as given."""
    if not value:
        return ""
    s = str(value)
    try:
        if len(s) >= 10:
            d = dt.date.fromisoformat(s[:10])
            rest = s[11:16] if len(s) >= 16 and s[10] in "T " else ""
            return f"{d.day} {d:%b %Y}" + (f", {rest}" if rest and rest != "00:00" else "")
        if len(s) == 7:
            return f"{dt.date(int(s[:4]), int(s[5:7]), 1):%b %Y}"
    except ValueError:
        return s
    return s
