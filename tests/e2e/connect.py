"""The Amazon Connect API of the browser tests' demo server, through boto3 (what an admin's
script would use): set up what a test needs that the pages do not show."""

from __future__ import annotations

from typing import Any

import boto3

from tests.e2e.browser import DemoServer


def connect_client(demo_server: DemoServer) -> Any:
    """boto3's Connect client for the demo server, signed with its API keys."""
    runtime = demo_server.server.runtime
    assert runtime is not None
    return boto3.client(
        "connect",
        endpoint_url=demo_server.base_url,
        region_name="us-east-1",
        aws_access_key_id=runtime.credentials.access_key_id,
        aws_secret_access_key=runtime.credentials.secret_access_key,
    )


def demo_instance_id(demo_server: DemoServer) -> str:
    runtime = demo_server.server.runtime
    assert runtime is not None
    assert runtime.demo is not None
    return runtime.demo.instance.id
