"""Write docs/connect-api.md from the operation registry, so the list of supported operations
cannot drift from the code: `python -m opencontact.api.connect.docs > docs/connect-api.md`."""

from __future__ import annotations

import re
import sys
from collections import defaultdict

from opencontact.api.connect.operations import handlers
from opencontact.api.connect.service_model import connect_model, operation_model

_TAG = re.compile(r"<[^>]+>")


def _summary(documentation: str) -> str:
    text = " ".join(_TAG.sub("", documentation).split())
    sentence = text.split(". ")[0].rstrip(".")
    return sentence + "." if sentence else ""


def render() -> str:
    registry = handlers()
    groups: dict[str, list[str]] = defaultdict(list)
    for name, handler in registry.items():
        groups[handler.__module__.rsplit(".", 1)[-1]].append(name)
    total = len(connect_model().operation_names)
    lines = [
        "# Amazon Connect API operations supported by OpenContact",
        "",
        "Generated from the operation registry by `make docs`; do not edit by hand.",
        "",
        "Point boto3 or the AWS CLI at the server (`endpoint_url=http://127.0.0.1:8080`, any",
        "region, the access key printed at start-up). Requests are validated against botocore's",
        "model of Amazon Connect; errors carry Amazon Connect's error names.",
        "",
        f"{len(registry)} of the {total} operations in botocore's model are supported.",
        "",
    ]
    for group in sorted(groups):
        lines += [f"## {group.replace('_', ' ').capitalize()}", ""]
        lines += ["| Operation | HTTP | What it does |", "|---|---|---|"]
        for name in sorted(groups[group]):
            model = operation_model(name)
            http = f"`{model.http['method']} {model.http['requestUri']}`"
            lines.append(f"| {name} | {http} | {_summary(model.documentation)} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render())
