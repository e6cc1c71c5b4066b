"""Name words shared by extraction and reconciliation."""
from __future__ import annotations

# last words of a company's name that its short form drops ("Belcastro Lines" -> Belcastro,
# "Orsava Electronics" -> Orsava), and that let "the company" stand for it
CORPORATE_SUFFIXES = frozenset({
    "lines", "line", "group", "holdings", "inc", "incorporated", "corp", "corporation", "company", "co", "ltd",
    "limited", "plc", "llc", "gmbh", "ag", "sa", "nv", "airlines", "airways", "airline", "motors", "industries",
    "shipping", "enterprises", "electronics", "telecom", "telecoms", "pharmaceuticals", "pharma", "foods", "steel",
    "mining", "petroleum", "chemicals", "textiles", "energy", "resources", "technologies", "systems", "software",
    "logistics", "construction", "automotive",
})
