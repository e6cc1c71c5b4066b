"""The relay graph as GraphML, for Gephi or networkx: who relays whose numbers.

Nodes are sources (the origins of claims), intermediaries (a wire, a newspaper cited on the
way) and outlets (who printed the document); one node per name, whatever roles it plays. A
directed edge ``a → b`` reads "a's numbers are relayed by b", weighted by the number of
claims that took that step. Chains come from ``Ledger.chain``, as in the report's chart.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from .report.ledger import Ledger

__all__ = ["relay_edges", "write_graphml"]

NS = "http://graphml.graphdrawing.org/xmlns"
ROLES = ("source", "intermediary", "outlet")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def relay_edges(export: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
    """(nodes by name with their roles and claim count, edges by (from, to) with claim and figure counts)."""
    ledger = Ledger(export)
    roles: dict[str, set[str]] = defaultdict(set)
    claims: Counter[str] = Counter()
    edge_claims: Counter[tuple[str, str]] = Counter()
    edge_figures: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in ledger.claims.values():
        fig = ledger.figures.get(c.get("figure") or "")
        path = ledger.chain(c, fig)
        named = [(path[0], "source"), *((p, "intermediary") for p in path[1:-1])]
        if len(path) > 1:
            named.append((path[-1], "outlet"))
        else:  # the outlet is its own source
            roles[path[0]].add("outlet")
        for name, role in named:
            roles[name].add(role)
            claims[name] += 1
        for a, b in zip(path, path[1:], strict=False):
            edge_claims[(a, b)] += 1
            if c.get("figure"):
                edge_figures[(a, b)].add(str(c["figure"]))
    nodes = {n: {"roles": [r for r in ROLES if r in rs], "claims": claims[n]} for n, rs in roles.items()}
    edges = {e: {"claims": n, "figures": len(edge_figures[e])} for e, n in edge_claims.items()}
    return nodes, edges


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def write_graphml(export: dict[str, Any], path: str | Path) -> None:
    """GraphML: node keys ``label``, ``role`` (source / intermediary / outlet, ``;``-joined) and
    ``claims``; edge keys ``label`` ("relayed by"), ``weight`` (claims) and ``figures``."""
    nodes, edges = relay_edges(export)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for key, target, name, kind in (("label", "node", "label", "string"), ("role", "node", "role", "string"),
                                    ("claims", "node", "claims", "int"), ("elabel", "edge", "label", "string"),
                                    ("weight", "edge", "weight", "double"), ("figures", "edge", "figures", "int")):
        ET.SubElement(root, f"{{{NS}}}key", id=key, attrib={"for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{NS}}}graph", id="relays", edgedefault="directed")
    ids = {name: f"n{i}" for i, name in enumerate(sorted(nodes, key=lambda n: (-nodes[n]["claims"], n)))}
    for name, nid in ids.items():
        node = ET.SubElement(graph, f"{{{NS}}}node", id=nid)
        for key, value in (("label", _clean(name)), ("role", ";".join(nodes[name]["roles"])),
                           ("claims", str(nodes[name]["claims"]))):
            ET.SubElement(node, f"{{{NS}}}data", key=key).text = value
    for i, ((a, b), attrs) in enumerate(sorted(edges.items(), key=lambda kv: (-kv[1]["claims"], kv[0]))):
        edge = ET.SubElement(graph, f"{{{NS}}}edge", id=f"e{i}", source=ids[a], target=ids[b])
        for key, value in (("elabel", "relayed by"), ("weight", f"{attrs['claims']:.1f}"),
                           ("figures", str(attrs["figures"]))):
            ET.SubElement(edge, f"{{{NS}}}data", key=key).text = value
    ET.indent(root)
    data = ET.tostring(root, encoding="unicode", xml_declaration=False)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + data + "\n"
    if str(path) == "-":
        print(text, end="")
        return
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
