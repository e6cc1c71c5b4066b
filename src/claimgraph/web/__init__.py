"""The web app and JSON API over a claimgraph store (FastAPI, server-rendered, no scripts)."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
