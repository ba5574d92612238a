"""Where the real Amazon Connect flows of shared/flows-corpus are.

The corpus sits beside the repository (../shared/flows-corpus) on every engineer's machine and
in CI; OPENCONTACT_FLOWS_CORPUS points elsewhere. Tests that need it are skipped when it is
missing, except in CI, where OPENCONTACT_REQUIRE_CORPUS=1 makes a missing corpus an error.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _find() -> Path | None:
    configured = os.environ.get("OPENCONTACT_FLOWS_CORPUS")
    if configured:
        return Path(configured)
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "flows-corpus"
        if candidate.is_dir():
            return candidate
    return None


CORPUS = _find()
if CORPUS is None and os.environ.get("OPENCONTACT_REQUIRE_CORPUS") == "1":
    raise RuntimeError("shared/flows-corpus is required (OPENCONTACT_REQUIRE_CORPUS=1) but absent")

FLOW_LANGUAGE_EXPORTS: list[Path] = (
    sorted((CORPUS / "flow-language").glob("*.json")) if CORPUS else []
)
LEGACY_EXPORTS: list[Path] = sorted((CORPUS / "legacy").glob("*.json")) if CORPUS else []

needs_corpus = pytest.mark.skipif(
    CORPUS is None, reason="shared/flows-corpus is not beside this checkout"
)
