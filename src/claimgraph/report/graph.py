"""Who relays whom: document outlet → intermediaries (wire, newspaper) → original source."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .charts import FONT
from .ledger import Ledger, Links, Row
from .numbers import fmt_claim, fmt_date


@dataclass(slots=True)
class Node:
    """A relay tree: the origin at the root, intermediaries below, the claims (reports) as leaves."""

    name: str
    colour: str = "#444"
    children: dict[str, Node] = field(default_factory=dict)
    claims: list[Row] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return len(self.claims) + sum(c.reports for c in self.children.values())


def relay_tree(ledger: Ledger, fig: Row, links: Links) -> list[Node]:
    """One tree per origin of a figure; a path [origin, via…] ends in the reports printed through it."""
    colours = ledger.colours(fig)
    roots: dict[str, Node] = {}
    for c in ledger.figure_claims(fig):
        path = ledger.chain(c, fig)
        origin = path[0]
        node = roots.setdefault(origin, Node(origin, colours.get(origin, "#444")))
        for name in path[1:-1]:  # the last name is the outlet, shown on the leaf
            node = node.children.setdefault(name, Node(name, node.colour))
        node.claims.append({"href": links.claim(c), "outlet": ledger.outlet(c["doc"]),
                            "published": fmt_date(ledger.published(c)), "stated": fmt_claim(c)})
    return sorted(roots.values(), key=lambda n: -n.reports)


def relay_graph(ledger: Ledger, claims: Sequence[Row]) -> Markup:
    """Three columns (published by · relayed via · original source) joined by edges, one per path."""
    colours = ledger.colour_map(claims)
    edges: Counter[tuple[int, str, int, str, str]] = Counter()
    cols: list[Counter[str]] = [Counter(), Counter(), Counter()]
    for c in claims:
        path = ledger.chain(c, ledger.figures.get(c.get("figure") or ""))
        origin, outlet, middle = path[0], path[-1], path[1:-1]
        if len(path) == 1:  # the outlet is its own source
            outlet = origin
        colour = colours.get(origin, "#444")
        nodes = [(0, outlet), *((1, m) for m in reversed(middle)), (2, origin)]
        for col, name in nodes:
            cols[col][name] += 1
        for (ca, a), (cb, b) in zip(nodes, nodes[1:], strict=False):
            edges[(ca, a, cb, b, colour)] += 1
    if not claims:
        return Markup("")
    order = _order(cols, edges)
    width, box_w, box_h, gap, top = 760, 214, 24, 8, 30
    xs = (0, (width - box_w) / 2, width - box_w)
    tallest = max(len(o) for o in order)
    pos = {(col, n): (xs[col], top + (i + (tallest - len(order[col])) / 2) * (box_h + gap))
           for col in range(3) for i, n in enumerate(order[col])}  # shorter columns centred
    height = top + tallest * (box_h + gap) + 4
    p = [f'<svg class="chart relay" viewBox="0 0 {width} {height}" width="100%" role="img" '
         f'aria-label="Who relays whom" font-family="{FONT}" font-size="12">', "<title>Who relays whom</title>"]
    for col, head in enumerate(("published by", "relayed via", "original source")):
        anchor, hx = (("start", 2), ("middle", width / 2), ("end", width - 2))[col]
        p.append(f'<text x="{hx}" y="14" text-anchor="{anchor}" fill="#777" font-size="11" '
                 f'letter-spacing="0.06em">{head.upper()}</text>')
    for (ca, a, cb, b, colour), n in sorted(edges.items(), key=lambda kv: -kv[1]):
        xa, ya = pos[(ca, a)]
        xb, yb = pos[(cb, b)]
        x0, y0 = xa + box_w, ya + box_h / 2
        x1, y1 = xb, yb + box_h / 2
        if ca == cb:  # a chain of two intermediaries: loop round the right side
            x0, x1 = xa + box_w, xb + box_w
            mid = x0 + 30
            d = f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        else:
            mid = (x0 + x1) / 2
            d = f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        w = 1.5 + 1.6 * math.log2(n)
        p.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-opacity="0.6" stroke-width="{w:.1f}">'
                 f"<title>{escape(a)} → {escape(b)}: {n} claim{'s' if n != 1 else ''}</title></path>")
    for (col, name), (x, y) in pos.items():
        colour = colours.get(name, "#9aa1ab") if col == 2 else "#9aa1ab"
        fill = "#fff" if col != 2 else "#f7f8fa"
        p.append(f'<g class="node col{col}"><title>{escape(name)}: {cols[col][name]} claim'
                 f'{"s" if cols[col][name] != 1 else ""}</title>'
                 f'<rect x="{x:.1f}" y="{y:.1f}" width="{box_w}" height="{box_h}" rx="5" fill="{fill}" '
                 f'stroke="{colour}" stroke-width="{2 if col == 2 else 1}"/>'
                 f'<text x="{x + 8:.1f}" y="{y + 16:.1f}" fill="#222">{escape(_clip(name, 27))}</text>'
                 f'<text x="{x + box_w - 7:.1f}" y="{y + 16:.1f}" text-anchor="end" fill="#888" font-size="11">'
                 f"{cols[col][name]}</text></g>")
    p.append("</svg>")
    return Markup("".join(p))


def _order(cols: list[Counter[str]], edges: Counter[tuple[int, str, int, str, str]]) -> list[list[str]]:
    """Origins by weight; the other columns by the mean rank of what they link to (fewer crossings)."""
    origins = [n for n, _ in cols[2].most_common()]
    rank = {(2, n): float(i) for i, n in enumerate(origins)}
    links: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    for ca, a, cb, b, _ in edges:
        links[(ca, a)].append((cb, b))
    out: list[list[str]] = [[], [], origins]
    for col in (1, 0):
        def key(n: str, col: int = col) -> tuple[float, str]:
            targets = [rank[t] for t in links[(col, n)] if t in rank]
            return (sum(targets) / len(targets) if targets else 1e9, n)

        out[col] = sorted(cols[col], key=key)
        for i, n in enumerate(out[col]):
            rank[(col, n)] = i * max(len(origins), 1) / max(len(out[col]), 1)
    return out


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
