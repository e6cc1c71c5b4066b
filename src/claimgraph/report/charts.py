"""Server-rendered inline SVG: each source's claim on one axis, and the same claims over time.

Only SVG presentation attributes are used (no ``style=``), so the charts pass a strict
Content-Security-Policy. Every piece of text goes through ``escape``.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from .ledger import VERDICT_COLOUR, Ledger, Links, Row
from .numbers import day_label, fmt_claim, fmt_date, parse_day, with_unit

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim as drawn: a point, an interval, or a half-line (None = unbounded)."""

    claim: str
    label: str
    sub: str
    value: float | None
    low: float | None
    high: float | None
    colour: str
    href: str
    tip: str
    stated: str
    day: float | None


@dataclass(frozen=True, slots=True)
class Scale:
    lo: float
    hi: float
    log: bool
    a: float  # pixel of lo
    b: float  # pixel of hi

    def __call__(self, v: float) -> float:
        v = min(max(v, self.lo), self.hi)
        if self.log:
            t = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            t = (v - self.lo) / (self.hi - self.lo)
        return self.a + t * (self.b - self.a)

    def ticks(self) -> list[float]:
        if self.log:
            e0, e1 = math.ceil(math.log10(self.lo) - 1e-9), math.floor(math.log10(self.hi) + 1e-9)
            ticks = [10.0**e for e in range(e0, e1 + 1)]
            if len(ticks) < 3:
                ticks = sorted(m * 10.0**e for e in range(e0 - 1, e1 + 1) for m in (1, 2, 5)
                               if self.lo <= m * 10.0**e <= self.hi)
            return ticks
        raw = (self.hi - self.lo) / 5
        mag = 10 ** math.floor(math.log10(raw))
        step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
        first = math.ceil(self.lo / step) * step
        return [first + i * step for i in range(int((self.hi - first) / step + 1e-9) + 1)]


def make_scale(values: list[float], a: float, b: float) -> Scale:
    """Log scale when the positive values span more than two orders of magnitude."""
    pos = [v for v in values if v > 0]
    if len(pos) >= 2 and min(values) >= 0 and max(pos) / min(pos) > 100:
        return Scale(min(pos) / 1.8, max(pos) * 1.8, True, a, b)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 if hi > lo else (abs(lo) * 0.15 or 1.0)
    lo2, hi2 = lo - pad, hi + pad
    if lo >= 0 > lo2:
        lo2 = 0.0
    return Scale(lo2, hi2, False, a, b)


def marks(ledger: Ledger, fig: Row, links: Links) -> list[Mark]:
    colours = ledger.colours(fig)
    out = []
    for c in ledger.figure_claims(fig):
        origin = ledger.origin(c, fig)
        via = " via " + ", ".join(c.get("via") or []) if c.get("via") else ""
        source = ledger.source_name(c) or "unattributed"
        published = ledger.published(c)
        stated = fmt_claim(c)
        tip = f"{ledger.outlet(c['doc'])} ({fmt_date(published) or 'undated'}): {stated}; {source}{via}. Origin: {origin}"
        out.append(Mark(c["id"], ledger.outlet(c["doc"]), source, c.get("value"), c.get("low"), c.get("high"),
                        colours.get(origin, "#444"), links.claim(c), tip, stated, parse_day(published)))
    return out


def _values(ms: list[Mark], fig: Row) -> list[float]:
    vals = [v for m in ms for v in (m.value, m.low, m.high) if v is not None and math.isfinite(v)]
    vals += [v for v in (fig.get("low"), fig.get("high")) if v is not None and vals]
    return vals


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _arrow(x: float, y: float, direction: str, colour: str) -> str:
    """A small filled triangle pointing left/right/up/down from (x, y)."""
    d = {"right": (6, 0, 0, 5), "left": (-6, 0, 0, 5), "up": (0, -6, 5, 0), "down": (0, 6, 5, 0)}[direction]
    dx, dy, px, py = d
    return (f'<polygon points="{x + dx:.1f},{y + dy:.1f} {x - px:.1f},{y - py:.1f} {x + px:.1f},{y + py:.1f}" '
            f'fill="{colour}"/>')


def _span(lo: float | None, hi: float | None, s: Scale) -> tuple[float, float, bool, bool]:
    """Pixel ends of an interval and whether each end is open (drawn as an arrow)."""
    if s.log and lo is not None and lo <= 0:
        lo = None
    open_lo, open_hi = lo is None, hi is None
    return (s.a if lo is None else s(lo)), (s.b if hi is None else s(hi)), open_lo, open_hi


def interval_chart(ledger: Ledger, fig: Row, links: Links) -> Markup:
    """One row per claim: its interval or point on a shared axis, coloured by origin."""
    ms = marks(ledger, fig, links)
    vals = _values(ms, fig)
    if not vals:
        return Markup("")
    width, label_w, row, top, axis = 760, 240, 36, 14, 34
    s = make_scale(vals, label_w + 16, width - 24)
    height = top + row * len(ms) + axis
    unit = fig.get("unit")
    colour = VERDICT_COLOUR.get(fig.get("verdict") or "", "#666")
    title = f"{fig.get('label')}: each source's claim" + (" (log scale)" if s.log else "")
    p: list[str] = [
        f'<svg class="chart interval" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    plot_bottom = top + row * len(ms)
    for i in range(len(ms)):
        if i % 2:
            p.append(f'<rect x="0" y="{top + i * row}" width="{width}" height="{row}" fill="#f6f7f9"/>')
    if fig.get("low") is not None or fig.get("high") is not None:
        x0, x1, _, _ = _span(fig.get("low"), fig.get("high"), s)
        p.append(f'<rect class="consensus" x="{x0:.1f}" y="{top - 6}" width="{max(x1 - x0, 3):.1f}" '
                 f'height="{plot_bottom - top + 6}" fill="{colour}" fill-opacity="0.10" stroke="{colour}" '
                 f'stroke-opacity="0.35" stroke-dasharray="3 3"><title>consensus interval</title></rect>')
    for t in s.ticks():
        x = s(t)
        p.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{plot_bottom}" stroke="#d9dce1" '
                 f'stroke-width="1"/>')
        p.append(f'<text x="{x:.1f}" y="{plot_bottom + 16}" text-anchor="middle" fill="#555">'
                 f"{escape(with_unit(t, unit, long=False))}</text>")
    p.append(f'<line x1="{s.a}" y1="{plot_bottom}" x2="{s.b}" y2="{plot_bottom}" stroke="#888"/>')
    if s.log:
        p.append(f'<text x="{width - 24}" y="{plot_bottom + 30}" text-anchor="end" fill="#777" font-size="11">'
                 "log scale</text>")
    for i, m in enumerate(ms):
        y = top + i * row + row / 2 + 3
        p.append(f'<a href="{escape(m.href)}" class="mark" data-claim="{escape(m.claim)}"><title>{escape(m.tip)}'
                 "</title>")
        p.append(f'<rect x="0" y="{y - row / 2}" width="{width}" height="{row}" fill="#fff" fill-opacity="0"/>')
        p.append(f'<text x="8" y="{y - 2}" fill="#222" font-weight="600">{escape(_clip(m.label, 34))}</text>'
                 f'<text x="8" y="{y + 12}" fill="#666" font-size="11">{escape(_clip(m.sub, 40))}</text>')
        p.append(_row_mark(m, s, y))
        p.append("</a>")
    p.append("</svg>")
    return Markup("".join(p))


def _row_mark(m: Mark, s: Scale, y: float) -> str:
    out = []
    lo = m.low if m.low is not None or m.high is not None else m.value
    hi = m.high if m.low is not None or m.high is not None else m.value
    x0, x1, open_lo, open_hi = _span(lo, hi, s)
    if x1 - x0 > 1 or open_lo or open_hi:
        out.append(f'<line x1="{x0:.1f}" y1="{y}" x2="{x1:.1f}" y2="{y}" stroke="{m.colour}" stroke-width="3" '
                   'stroke-linecap="butt"/>')
        for x, is_open, way in ((x0, open_lo, "left"), (x1, open_hi, "right")):
            if is_open:
                out.append(_arrow(x, y, way, m.colour))
            else:
                out.append(f'<line x1="{x:.1f}" y1="{y - 6}" x2="{x:.1f}" y2="{y + 6}" stroke="{m.colour}" '
                           'stroke-width="2"/>')
    point = m.value if m.value is not None and not (s.log and m.value <= 0) else None
    px = s(point) if point is not None else (x0 + x1) / 2
    if point is not None:
        out.append(f'<circle cx="{px:.1f}" cy="{y}" r="5.5" fill="{m.colour}" stroke="#fff" stroke-width="1.5"/>')
    anchor = "end" if px > s.b - 90 else "start"
    tx = px - 9 if anchor == "end" else px + 9
    out.append(f'<text x="{tx:.1f}" y="{y - 6}" text-anchor="{anchor}" fill="#333" font-size="11">'
               f"{escape(m.stated)}</text>")
    return "".join(out)


def time_chart(ledger: Ledger, fig: Row, links: Links) -> Markup:
    """Claims by report date (the document's publication), when two or more are dated."""
    ms = [m for m in marks(ledger, fig, links) if m.day is not None]
    vals = _values(ms, fig)
    if len(ms) < 2 or not vals:
        return Markup("")
    width, height, left, right, top, bottom = 760, 190, 70, 24, 14, 30
    s = make_scale(vals, height - bottom, top)
    days = sorted({math.floor(m.day) for m in ms if m.day is not None})
    d0, d1 = days[0] - 0.6, days[-1] + 1.6
    if d1 - d0 < 3:
        d0, d1 = d0 - 1, d1 + 1

    def x(day: float) -> float:
        return left + (day - d0) / (d1 - d0) * (width - left - right)

    unit = fig.get("unit")
    title = f"{fig.get('label')}: claims by report date"
    p = [f'<svg class="chart time" viewBox="0 0 {width} {height}" width="100%" role="img" '
         f'aria-label="{escape(title)}" font-family="{FONT}" font-size="11">',
         f"<title>{escape(title)}</title>"]
    for t in s.ticks():
        p.append(f'<line x1="{left}" y1="{s(t):.1f}" x2="{width - right}" y2="{s(t):.1f}" stroke="#e3e5e8"/>')
        p.append(f'<text x="{left - 6}" y="{s(t) + 4:.1f}" text-anchor="end" fill="#555">'
                 f"{escape(with_unit(t, unit, long=False))}</text>")
    step = max(1, math.ceil(len(days) / 8))
    with_year = days[0] // 365 != days[-1] // 365
    for d in days[::step]:
        p.append(f'<line x1="{x(d + 0.5):.1f}" y1="{top}" x2="{x(d + 0.5):.1f}" y2="{height - bottom}" '
                 'stroke="#f0f1f3"/>')
        p.append(f'<text x="{x(d + 0.5):.1f}" y="{height - bottom + 16}" text-anchor="middle" fill="#555">'
                 f"{escape(day_label(d, with_year=with_year))}</text>")
    p.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#888"/>')
    p.append(f'<text x="{width - right}" y="{height - 2}" text-anchor="end" fill="#777">report date'
             f'{" · log scale" if s.log else ""}</text>')
    groups: dict[int, list[Mark]] = defaultdict(list)
    for m in ms:
        groups[math.floor(m.day or 0)].append(m)
    for day, group in groups.items():
        for k, m in enumerate(group):
            cx = x(day + 0.5) + (k - (len(group) - 1) / 2) * 9
            p.append(f'<a href="{escape(m.href)}" class="mark" data-claim="{escape(m.claim)}">'
                     f"<title>{escape(m.tip)}</title>")
            p.append(_col_mark(m, s, cx))
            p.append("</a>")
    p.append("</svg>")
    return Markup("".join(p))


def _col_mark(m: Mark, s: Scale, cx: float) -> str:
    out = []
    bounded = m.low is not None or m.high is not None
    lo, hi = (m.low, m.high) if bounded else (m.value, m.value)
    y0, y1, open_lo, open_hi = _span(lo, hi, s)  # y0 at the low end (bottom), y1 at the top
    if abs(y0 - y1) > 1 or open_lo or open_hi:
        out.append(f'<line x1="{cx:.1f}" y1="{y0:.1f}" x2="{cx:.1f}" y2="{y1:.1f}" stroke="{m.colour}" '
                   'stroke-width="2.5"/>')
        if open_lo:
            out.append(_arrow(cx, y0, "down", m.colour))
        if open_hi:
            out.append(_arrow(cx, y1, "up", m.colour))
    if m.value is not None and not (s.log and m.value <= 0):
        out.append(f'<circle cx="{cx:.1f}" cy="{s(m.value):.1f}" r="5" fill="{m.colour}" stroke="#fff" '
                   'stroke-width="1.5"/>')
    return "".join(out)
