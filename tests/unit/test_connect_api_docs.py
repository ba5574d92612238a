"""docs/connect-api.md is generated from the operation registry and must be current."""

from __future__ import annotations

from pathlib import Path

from botocore import xform_name

from opencontact.api.connect.docs import render
from opencontact.api.connect.operations import handlers

DOC = Path(__file__).resolve().parents[2] / "docs" / "connect-api.md"


def test_the_operations_page_lists_exactly_the_supported_operations() -> None:
    assert DOC.read_text() == render(), "docs/connect-api.md is stale: run `make docs`"


def test_every_supported_operation_is_exercised_by_a_compat_test() -> None:
    compat = Path(__file__).resolve().parents[1] / "compat"
    source = "\n".join(path.read_text() for path in compat.glob("test_*.py"))
    missing = [
        name
        for name in handlers()
        if f".{xform_name(name)}(" not in source and f'"{xform_name(name)}"' not in source
    ]
    assert missing == [], f"operations no compat test calls: {missing}"
