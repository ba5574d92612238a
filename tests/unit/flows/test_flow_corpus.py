"""Real flows exported from Amazon Connect (see shared/flows-corpus) read and validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.flows.document import parse_flow
from opencontact.flows.validation import validate_flow
from tests.support.corpus import FLOW_LANGUAGE_EXPORTS, LEGACY_EXPORTS, needs_corpus

EXPORTS = FLOW_LANGUAGE_EXPORTS


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


@needs_corpus
@pytest.mark.parametrize("export", LEGACY_EXPORTS, ids=lambda path: path.name)
def test_a_legacy_export_is_refused_with_a_reason(export: Path) -> None:
    problems = validate_flow(export.read_text(encoding="utf-8"))
    assert len(problems) == 1
    assert "legacy export format" in problems[0]
