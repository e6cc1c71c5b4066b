"""Name words shared by extraction and reconciliation."""
from __future__ import annotations

from .lexicon import words

# last words of a company's name that its short form drops ("Belcastro Lines" -> Belcastro,
# "Orsava Electronics" -> Orsava), and that let "the company" stand for it: data/lexicon.json
CORPORATE_SUFFIXES = words("company_forms") | words("company_trades")
