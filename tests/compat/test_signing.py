"""There is no anonymous access: every Connect request must be signed with a known key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from opencontact.testing import LiveServer
from tests.compat.conftest import make_client


def test_an_unsigned_request_is_refused(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.base_url}/instance")
    assert response.status_code == 403
    assert response.headers["x-amzn-errortype"] == "MissingAuthenticationTokenException"
    assert "Missing Authentication Token" in response.json()["Message"]


def test_an_unknown_access_key_is_refused(live_server: LiveServer) -> None:
    client = make_client(
        live_server, aws_access_key_id="AKIAUNKNOWN", aws_secret_access_key="whatever"
    )
    with pytest.raises(ClientError) as refused:
        client.list_instances()
    assert refused.value.response["Error"]["Code"] == "UnrecognizedClientException"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_a_wrong_secret_is_refused(live_server: LiveServer) -> None:
    assert live_server.runtime is not None
    client = make_client(
        live_server,
        aws_access_key_id=live_server.runtime.credentials.access_key_id,
        aws_secret_access_key="not-the-secret",
    )
    with pytest.raises(ClientError) as refused:
        client.list_instances()
    assert refused.value.response["Error"]["Code"] == "InvalidSignatureException"


def _signed(
    server: LiveServer, method: str, path: str, body: bytes = b"", at: datetime | None = None
) -> AWSRequest:
    assert server.runtime is not None
    credentials = server.runtime.credentials
    request = AWSRequest(method=method, url=f"{server.base_url}{path}", data=body)
    signer = SigV4Auth(
        Credentials(credentials.access_key_id, credentials.secret_access_key),
        "connect",
        "us-east-1",
    )
    if at is None:
        signer.add_auth(request)
        return request
    request.context["timestamp"] = at.strftime("%Y%m%dT%H%M%SZ")
    request.headers["X-Amz-Date"] = request.context["timestamp"]
    signature = signer.signature(
        signer.string_to_sign(request, signer.canonical_request(request)), request
    )
    signer._inject_signature_to_request(request, signature)
    return request


def test_a_signed_raw_request_is_accepted(live_server: LiveServer) -> None:
    request = _signed(live_server, "GET", "/instance")
    response = httpx.get(request.url, headers=dict(request.headers))
    assert response.status_code == 200
    assert "InstanceSummaryList" in response.json()


def test_a_tampered_body_is_refused(live_server: LiveServer) -> None:
    body = b'{"IdentityManagementType":"CONNECT_MANAGED","InboundCallsEnabled":true}'
    request = _signed(live_server, "PUT", "/instance", body)
    tampered = body.replace(b"true", b"false")
    response = httpx.put(request.url, headers=dict(request.headers), content=tampered)
    assert response.status_code == 403
    assert response.headers["x-amzn-errortype"] == "InvalidSignatureException"


def test_an_old_signature_is_refused(live_server: LiveServer) -> None:
    request = _signed(live_server, "GET", "/instance", at=datetime.now(UTC) - timedelta(hours=1))
    response = httpx.get(request.url, headers=dict(request.headers))
    assert response.status_code == 403
    assert response.headers["x-amzn-errortype"] == "InvalidSignatureException"
    assert "expired" in response.json()["Message"]


def test_a_garbled_authorization_header_is_refused(live_server: LiveServer) -> None:
    response = httpx.get(
        f"{live_server.base_url}/instance", headers={"Authorization": "Bearer something"}
    )
    assert response.status_code == 400
    assert response.headers["x-amzn-errortype"] == "IncompleteSignatureException"


def test_an_unknown_path_says_no_operation_answers_it(live_server: LiveServer) -> None:
    request = _signed(live_server, "GET", "/no-such-operation")
    response = httpx.get(request.url, headers=dict(request.headers))
    assert response.status_code == 404
    assert response.headers["x-amzn-errortype"] == "UnknownOperationException"


def test_any_region_works_with_the_same_keys(live_server: LiveServer, connect: Any) -> None:
    for region in ("us-west-2", "ap-northeast-1", "eu-central-1"):
        listed = make_client(live_server, region=region).list_instances()
        assert "InstanceSummaryList" in listed


def test_the_health_check_needs_no_signature(live_server: LiveServer) -> None:
    response = httpx.get(f"{live_server.base_url}/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
