"""The admin website's flow designer names every block the server's Flow-language catalog knows
(web/static/js/admin/flow-blocks.js BLOCK_NAMES), and nothing else: a palette that drifted from
the catalog would offer blocks the server refuses or hide ones it runs."""

from __future__ import annotations

import re
from pathlib import Path

import opencontact
from opencontact.flows.catalog import ACTION_SPECS

FLOW_BLOCKS = Path(opencontact.__file__).parent / "web/static/js/admin/flow-blocks.js"


def _designer_types() -> set[str]:
    source = FLOW_BLOCKS.read_text(encoding="utf-8")
    block = re.search(r"const BLOCK_NAMES = \{(?P<body>.*?)\n\};", source, re.DOTALL)
    assert block is not None, "flow-blocks.js has no BLOCK_NAMES table"
    return set(re.findall(r"^\s+(\w+): \"", block.group("body"), re.MULTILINE))


def test_the_designer_names_exactly_the_catalogs_action_types() -> None:
    designer = _designer_types()
    catalog = set(ACTION_SPECS)
    assert designer - catalog == set(), "the designer offers blocks the catalog does not know"
    assert catalog - designer == set(), "the designer has no name for these catalog actions"
