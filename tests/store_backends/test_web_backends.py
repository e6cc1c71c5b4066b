"""The web app over either back end: pages and the JSON API read the store, and an added article is
queued, run by the app's worker and stored (no NLP: extraction and reconciliation are stubbed)."""
from __future__ import annotations

import time
import warnings
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's notice about httpx
    from fastapi.testclient import TestClient

from claimgraph import api
from claimgraph.store.connect import open_store
from claimgraph.web import create_app

LOCAL = "http://127.0.0.1:8000"


def test_the_web_app_reads_and_queues_writes_on_either_back_end(db: str, corpus: dict[str, Any],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "extract", lambda store, **kw: 0)
    monkeypatch.setattr(api, "reconcile", lambda store, **kw: None)
    c = corpus
    with open_store(db) as store:
        store.add_documents(c["documents"])
        store.save_extractions(c["extractions"], "v1")
        store.save_reconciled(c["entities"], c["entity_of"], c["figures"], c["claim_figure"], c["stories"],
                              c["timeline"])
    with TestClient(create_app(db), base_url=LOCAL) as client:
        assert client.get("/").status_code == 200
        figures = client.get("/api/figures").json()
        assert {f["id"] for f in figures["items"]} == {f.id for f in c["figures"]}
        posted = client.post("/api/documents", json={"id": "harbour-note", "text": "Crews cleared 40 roads after the storm."})
        assert posted.status_code == 202
        job = posted.json()["id"]
        deadline = time.monotonic() + 20
        while client.get(f"/api/jobs/{job}").json()["state"] not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get(f"/api/jobs/{job}").json()["state"] == "done"
    with open_store(db) as store:
        assert store.document("harbour-note") is not None
