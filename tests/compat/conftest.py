"""boto3 against a live server: every response is checked against botocore's output shapes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from opencontact.testing import LiveServer
from tests.support.conformance import ConformanceChecker


def make_client(server: LiveServer, region: str = "us-east-1", **overrides: Any) -> Any:
    assert server.runtime is not None
    credentials = server.runtime.credentials
    options: dict[str, Any] = {
        "endpoint_url": server.base_url,
        "region_name": region,
        "aws_access_key_id": credentials.access_key_id,
        "aws_secret_access_key": credentials.secret_access_key,
        # Bad input must be refused by the server, so boto3 must not refuse it first.
        "config": Config(parameter_validation=False, retries={"max_attempts": 1}),
    }
    options.update(overrides)
    return boto3.client("connect", **options)


@pytest.fixture
def conformance() -> Iterator[ConformanceChecker]:
    checker = ConformanceChecker()
    yield checker
    assert checker.violations == [], "\n".join(checker.violations)


@pytest.fixture
def connect(live_server: LiveServer, conformance: ConformanceChecker) -> Any:
    """A boto3 Connect client for us-east-1 whose every response is checked for conformance."""
    client = make_client(live_server)
    conformance.watch(client)
    return client


@pytest.fixture
def instance_id(connect: Any) -> str:
    """A new CONNECT_MANAGED instance with everything a new instance gets."""
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=f"test-{uuid.uuid4().hex[:12]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    instance: str = created["Id"]
    return instance
