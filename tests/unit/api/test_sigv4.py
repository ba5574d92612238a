"""Signature verification accepts what botocore signs and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from opencontact.api.connect.errors import ConnectError
from opencontact.api.connect.sigv4 import SignedRequest, verify

KEY, SECRET = "AKOCTEST", "s3cret/key+value"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _sign(method: str, url: str, body: bytes = b"", region: str = "eu-west-2") -> SignedRequest:
    request = AWSRequest(method=method, url=url, data=body, headers={"Content-Type": "x"})
    signer = SigV4Auth(Credentials(KEY, SECRET), "connect", region)
    timestamp = NOW.strftime("%Y%m%dT%H%M%SZ")
    request.context["timestamp"] = timestamp
    request.headers["X-Amz-Date"] = timestamp
    signature = signer.signature(
        signer.string_to_sign(request, signer.canonical_request(request)), request
    )
    signer._inject_signature_to_request(request, signature)
    path, _, query = url.split("//", 1)[1].partition("/")[2].partition("?")
    headers = {k.lower(): v for k, v in request.headers.items()}
    headers["host"] = "127.0.0.1:8080"
    return SignedRequest(method, "/" + path, query, headers, body)


def test_a_botocore_signature_verifies_and_gives_the_region() -> None:
    request = _sign("GET", "http://127.0.0.1:8080/queues-summary/i-1?maxResults=5&queueTypes=AGENT")
    caller = verify(request, {KEY: SECRET}, NOW)
    assert caller.region == "eu-west-2"
    assert caller.access_key_id == KEY


def test_encoded_arns_in_the_path_verify() -> None:
    request = _sign(
        "GET", "http://127.0.0.1:8080/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fx"
    )
    assert verify(request, {KEY: SECRET}, NOW).region == "eu-west-2"


def test_changing_anything_signed_breaks_the_signature() -> None:
    request = _sign("POST", "http://127.0.0.1:8080/instance", b'{"a":1}')
    forged = SignedRequest(request.method, "/instance/other", "", request.headers, request.body)
    with pytest.raises(ConnectError) as refused:
        verify(forged, {KEY: SECRET}, NOW)
    assert refused.value.code == "InvalidSignatureException"


def test_requests_outside_the_clock_window_are_refused() -> None:
    request = _sign("GET", "http://127.0.0.1:8080/instance")
    with pytest.raises(ConnectError, match="expired"):
        verify(request, {KEY: SECRET}, NOW + timedelta(minutes=16))
    verify(request, {KEY: SECRET}, NOW + timedelta(minutes=14))


def test_unknown_keys_and_missing_headers_are_refused() -> None:
    request = _sign("GET", "http://127.0.0.1:8080/instance")
    with pytest.raises(ConnectError) as unknown:
        verify(request, {"OTHER": SECRET}, NOW)
    assert unknown.value.code == "UnrecognizedClientException"
    unsigned = SignedRequest("GET", "/instance", "", {"host": "h"}, b"")
    with pytest.raises(ConnectError) as missing:
        verify(unsigned, {KEY: SECRET}, NOW)
    assert missing.value.code == "MissingAuthenticationTokenException"
    assert missing.value.status == 403
