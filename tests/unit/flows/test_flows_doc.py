"""docs/flows.md must tell admins the truth about which actions OpenContact runs.

The page has a table of the actions the interpreter runs and a list of the Flow-language
actions it does not run; both are read back here and compared with the code, so adding a
handler (or a catalog entry) without updating the page fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from opencontact.flows.actions import HANDLERS
from opencontact.flows.catalog import ACTION_SPECS

DOC = Path(__file__).resolve().parents[3] / "docs" / "flows.md"
RUN_SECTION = "Actions OpenContact runs"
NOT_RUN_SECTION = "Actions OpenContact does not run"
_NAME = re.compile(r"`([A-Za-z]+)`")


def _section(title: str) -> list[str]:
    """The lines under the `## title` heading, up to the next `## ` heading."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"## {title}") + 1
    end = next(
        (i for i in range(start, len(lines)) if lines[i].startswith("## ")),
        len(lines),
    )
    return lines[start:end]


def _table_actions(lines: list[str]) -> list[str]:
    """The action named in the first column of every table row (headers have no backticks)."""
    names = []
    for line in lines:
        if not line.startswith("|"):
            continue
        first_cell = line.split("|")[1]
        found = _NAME.fullmatch(first_cell.strip())
        if found:
            names.append(found.group(1))
    return names


def _listed_actions(lines: list[str]) -> list[str]:
    """The action each bullet starts with."""
    names = []
    for line in lines:
        if line.startswith("- "):
            found = _NAME.match(line[2:])
            if found:
                names.append(found.group(1))
    return names


def test_every_action_the_interpreter_runs_is_in_the_supported_actions_table() -> None:
    documented = _table_actions(_section(RUN_SECTION))
    missing = sorted(set(HANDLERS) - set(documented))
    assert missing == [], f"docs/flows.md does not describe these actions it runs: {missing}"


def test_the_supported_actions_table_names_only_actions_the_interpreter_runs() -> None:
    documented = _table_actions(_section(RUN_SECTION))
    assert len(documented) == len(set(documented)), "an action is described twice"
    extra = sorted(set(documented) - set(HANDLERS))
    assert extra == [], f"docs/flows.md says these actions run, but they do not: {extra}"


def test_every_catalog_action_the_interpreter_does_not_run_is_in_the_not_run_list() -> None:
    not_run = set(ACTION_SPECS) - set(HANDLERS)
    listed = _listed_actions(_section(NOT_RUN_SECTION))
    missing = sorted(not_run - set(listed))
    assert missing == [], f"docs/flows.md does not list these actions as not run: {missing}"


def test_the_not_run_list_names_only_catalog_actions_the_interpreter_does_not_run() -> None:
    listed = _listed_actions(_section(NOT_RUN_SECTION))
    assert len(listed) == len(set(listed)), "an action is listed twice"
    wrong = sorted(name for name in listed if name in HANDLERS or name not in ACTION_SPECS)
    assert wrong == [], f"docs/flows.md lists these as not run, wrongly: {wrong}"
