"""`opencontact serve` reads part of its settings from the environment; a value it cannot use
stops it with the variable's name and what it expects (exit status 2), before anything
starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from opencontact.cli import main


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("OPENCONTACT_CHAT_STARTS_PER_CLIENT", "lots", "OPENCONTACT_CHAT_STARTS_PER_CLIENT"),
        ("OPENCONTACT_LAMBDA_URLS", "{not json", "OPENCONTACT_LAMBDA_URLS"),
    ],
)
def test_a_bad_environment_value_is_a_usage_error(
    tmp_path: Path, variable: str, value: str, words: str
) -> None:
    data_dir = tmp_path / "data"
    result = CliRunner().invoke(main, ["serve", "--data-dir", str(data_dir)], env={variable: value})
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    assert not data_dir.exists()  # nothing started, nothing written
