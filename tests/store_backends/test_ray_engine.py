"""The Ray engine end to end: ``analyze --engine ray`` on a local Ray (2 CPUs) gives the export the
local engine gives, on the demo corpus."""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.model import Document, Extraction

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"

pytestmark = pytest.mark.slow  # loads the spaCy model (in two Ray actors and here)


def analyze(tmp_path: Path, name: str, *engine: str) -> dict[str, object]:
    out = tmp_path / f"{name}.json"
    result = CliRunner().invoke(main, ["analyze", str(DEMO), "--manifest", str(DEMO / "manifest.json"), "--db",
                                       str(tmp_path / f"{name}.db"), "--json", str(out), "--processes", "2", "-q",
                                       *engine], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def test_ray_engine_export_equals_the_local_engines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.engine import ray as engine

    batches: list[int] = []
    real_map = engine.RayPool.map

    def spy(pool: engine.RayPool, docs: Sequence[Document]) -> Iterator[Extraction]:
        batches.append(len(docs))
        return real_map(pool, docs)

    monkeypatch.setattr(engine.RayPool, "map", spy)
    ray = analyze(tmp_path, "ray", "--engine", "ray")
    assert sum(batches) == len(ray["documents"])  # type: ignore[arg-type]  (every document went through Ray)
    local = analyze(tmp_path, "local")
    assert len(ray["claims"]) > 20 and ray == local  # type: ignore[arg-type]


def test_an_unreachable_cluster_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ray

    def refuse(**kw: object) -> None:  # what ray.init raises after its 30 s wait for a ray:// address
        raise ConnectionError("ray client connection timeout")

    monkeypatch.setattr(ray, "init", refuse)
    result = CliRunner().invoke(main, ["analyze", str(DEMO / "blaze-dam-of-death.txt"), "--db",
                                       str(tmp_path / "x.db"), "--engine", "ray", "--address", "ray://10.0.0.9:10001"])
    assert result.exit_code == 1 and "--address ray://10.0.0.9:10001: cannot start or reach the Ray cluster" \
        in result.output, result.output


def test_address_needs_the_ray_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(DEMO), "--db", str(tmp_path / "x.db"), "--address", "auto"])
    assert result.exit_code == 2 and "--address is for --engine ray" in result.output
