"""The static HTML report: one self-contained file (inline CSS, inline SVG charts, no scripts)."""
from __future__ import annotations

from .render import render_report, write_report

__all__ = ["render_report", "write_report"]
