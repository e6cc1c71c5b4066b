"""The README documents every command, and its first lines are the two set-up commands."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from claimgraph.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"claimgraph {name}" in README, f"`claimgraph {name}` is not in the README"


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_readme_starts_with_install_and_test_commands() -> None:
    blocks = README.split("```")
    assert "pip install" in blocks[1] and "claimgraph analyze examples/demo" in blocks[1]
    assert "pytest" in blocks[3]
    ci = (Path(__file__).resolve().parents[1] / ".ci/run").read_text()
    assert "python -m pytest -q" in ci and "python -m pytest -q" in blocks[3]
