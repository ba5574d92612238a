"""Kill -9 the server while admins are making changes: after a restart every change the API
acknowledged is there (SQLite file and PostgreSQL)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tests.conftest import BACKENDS, database_url_for
from tests.support.process import ServerProcess

WRITERS = 3
KILLS = 3


def _client(server: ServerProcess) -> Any:
    return server.connect_client(
        Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30)
    )


def _keep_creating(
    client: Any,
    instance_id: str,
    prefix: str,
    acknowledged: list[str],
    progress: threading.Condition,
) -> None:
    """Create agent statuses until the server goes away; remember each acknowledged one."""
    number = 0
    while True:
        name = f"{prefix}-{number}"
        try:
            client.create_agent_status(InstanceId=instance_id, Name=name, State="ENABLED")
        except (BotoCoreError, ClientError):
            return
        with progress:
            acknowledged.append(name)
            progress.notify_all()
        number += 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_acknowledged_change_survives_kill_9(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    database_url = database_url_for(backend, request, own=True)
    acknowledged: dict[str, list[str]] = {}
    instances: list[str] = []
    for round_number in range(KILLS + 1):
        server = ServerProcess(tmp_path, database_url)
        try:
            server.wait_until_ready()
            client = _client(server)
            for instance_id, names in zip(instances, acknowledged.values(), strict=True):
                statuses = client.get_paginator("list_agent_statuses").paginate(
                    InstanceId=instance_id
                )
                present = {s["Name"] for p in statuses for s in p["AgentStatusSummaryList"]}
                missing = [name for name in names if name not in present]
                assert missing == [], f"lost after kill -9 round {round_number}: {missing}"
            if round_number == KILLS:
                break
            if not instances:
                for n in range(WRITERS):
                    created = client.create_instance(
                        IdentityManagementType="CONNECT_MANAGED",
                        InstanceAlias=f"crash-{n}",
                        InboundCallsEnabled=True,
                        OutboundCallsEnabled=True,
                    )
                    instances.append(created["Id"])
                    acknowledged[created["Id"]] = []
            progress = threading.Condition()
            writers = []
            for n, instance_id in enumerate(instances):
                names = acknowledged[instance_id]
                writer = threading.Thread(
                    target=_keep_creating,
                    args=(client, instance_id, f"r{round_number}w{n}", names, progress),
                )
                writer.start()
                writers.append(writer)
            # Kill once every writer has had at least a few changes acknowledged.
            target = [len(acknowledged[i]) + 5 for i in instances]
            with progress:
                reached = progress.wait_for(
                    lambda target=target: all(  # type: ignore[misc]
                        len(acknowledged[i]) >= t for i, t in zip(instances, target, strict=True)
                    ),
                    timeout=120,
                )
            assert reached, "the writers stopped getting acknowledgements before the kill"
            server.kill()
            for writer in writers:
                writer.join(timeout=60)
        finally:
            server.stop()
    assert all(len(names) >= KILLS * 5 for names in acknowledged.values())
