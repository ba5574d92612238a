"""Signature verification accepts what botocore signs and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from hypothesis import given, settings
from hypothesis import strategies as st

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


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
)


@settings(max_examples=200, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
    segments=st.lists(_TEXT, min_size=1, max_size=4),
    query=st.dictionaries(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), _TEXT, max_size=3),
    body=st.binary(max_size=64),
    region=st.sampled_from(["us-east-1", "eu-west-2", "ap-northeast-1"]),
)
def test_verification_agrees_with_botocores_signer(
    method: str, segments: list[str], query: dict[str, str], body: bytes, region: str
) -> None:
    """Whatever botocore signs (any path, query or body), verify accepts with the same maths."""
    from urllib.parse import quote as encode

    path = "/" + "/".join(encode(s, safe="") for s in segments)
    url = f"http://127.0.0.1:8080{path}"
    request = AWSRequest(method=method, url=url, data=body, params=query)
    request.headers["Content-Type"] = "application/json"
    signer = SigV4Auth(Credentials(KEY, SECRET), "connect", region)
    timestamp = NOW.strftime("%Y%m%dT%H%M%SZ")
    request.context["timestamp"] = timestamp
    request.headers["X-Amz-Date"] = timestamp
    prepared = request.prepare()
    signature = signer.signature(
        signer.string_to_sign(request, signer.canonical_request(request)), request
    )
    signer._inject_signature_to_request(request, signature)
    raw_path, _, raw_query = prepared.url.split("127.0.0.1:8080", 1)[1].partition("?")
    headers = {k.lower(): v for k, v in request.headers.items()}
    headers["host"] = "127.0.0.1:8080"
    caller = verify(SignedRequest(method, raw_path, raw_query, headers, body), {KEY: SECRET}, NOW)
    assert caller.region == region
