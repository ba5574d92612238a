"""Real flows exported from Amazon Connect (see shared/flows-corpus) read and validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.flows.document import parse_flow
from opencontact.flows.validation import validate_flow


def find_corpus() -> Path | None:
    """shared/flows-corpus sits next to the repository; walk up until it is found."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "flows-corpus"
        if candidate.is_dir():
            return candidate
    return None


CORPUS = find_corpus()
EXPORTS = sorted((CORPUS / "flow-language").glob("*.json")) if CORPUS else []

needs_corpus = pytest.mark.skipif(
    CORPUS is None, reason="shared/flows-corpus is not next to this checkout"
)


@needs_corpus
def test_the_corpus_has_flow_language_exports() -> None:
    assert len(EXPORTS) >= 40


@needs_corpus
@pytest.mark.parametrize("export", EXPORTS, ids=lambda path: path.name)
def test_a_real_export_parses(export: Path) -> None:
    document = parse_flow(export.read_text(encoding="utf-8"))

    assert document.start_action in document.actions


@needs_corpus
@pytest.mark.parametrize("export", EXPORTS, ids=lambda path: path.name)
def test_a_real_export_is_publishable(export: Path) -> None:
    assert validate_flow(export.read_text(encoding="utf-8")) == []
