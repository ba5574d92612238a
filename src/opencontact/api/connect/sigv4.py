"""Verifying AWS Signature Version 4 on incoming requests.

The canonical request, string to sign and signing key are computed with botocore's own SigV4
implementation, from exactly the headers the client says it signed, so whatever boto3 or the
AWS CLI sends verifies byte for byte. There is no anonymous access.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from opencontact.api.connect.errors import ConnectError

SERVICE = "connect"
MAX_CLOCK_SKEW = timedelta(minutes=15)

_AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]{64})\s*$"
)


@dataclass(frozen=True)
class SignedRequest:
    method: str
    raw_path: str
    raw_query: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes


@dataclass(frozen=True)
class Caller:
    access_key_id: str
    region: str


def verify(request: SignedRequest, secrets: Mapping[str, str], now: datetime) -> Caller:
    """The caller's access key and region, or a ConnectError saying what is wrong."""
    authorization = request.headers.get("authorization")
    if not authorization:
        raise ConnectError(
            "MissingAuthenticationTokenException",
            "Missing Authentication Token: sign the request with AWS Signature Version 4 "
            "using the access key OpenContact printed at start-up.",
        )
    parsed = _AUTHORIZATION.match(authorization)
    if parsed is None:
        raise ConnectError(
            "IncompleteSignatureException",
            "The Authorization header is not an AWS4-HMAC-SHA256 signature "
            "(Credential=..., SignedHeaders=..., Signature=...).",
        )
    scope = parsed["credential"].split("/")
    if len(scope) != 5 or scope[3] != SERVICE or scope[4] != "aws4_request":
        raise ConnectError(
            "IncompleteSignatureException",
            f"The credential scope '{parsed['credential']}' is not "
            f"<key>/<date>/<region>/{SERVICE}/aws4_request.",
        )
    access_key_id, scope_date, region = scope[0], scope[1], scope[2]
    secret = secrets.get(access_key_id)
    if secret is None:
        raise ConnectError(
            "UnrecognizedClientException",
            "The security token included in the request is invalid: unknown access key "
            f"'{access_key_id}'.",
        )
    amz_date = request.headers.get("x-amz-date", "")
    signed_at = _parse_amz_date(amz_date)
    if not amz_date.startswith(scope_date):
        raise ConnectError(
            "InvalidSignatureException",
            f"The date in the credential scope ({scope_date}) does not match X-Amz-Date.",
        )
    if abs(now - signed_at) > MAX_CLOCK_SKEW:
        raise ConnectError(
            "InvalidSignatureException",
            f"Signature expired: {amz_date} is more than 15 minutes away from the server's "
            f"time ({now.strftime('%Y%m%dT%H%M%SZ')}).",
        )
    signed_names = parsed["signed"].split(";")
    if "host" not in signed_names:
        raise ConnectError("InvalidSignatureException", "The Host header must be signed.")
    declared_hash = request.headers.get("x-amz-content-sha256")
    if (
        declared_hash
        and declared_hash != "UNSIGNED-PAYLOAD"
        and not hmac.compare_digest(declared_hash, hashlib.sha256(request.body).hexdigest())
    ):
        raise ConnectError(
            "InvalidSignatureException",
            "X-Amz-Content-SHA256 does not match the body of the request.",
        )
    expected = _signature(request, signed_names, access_key_id, secret, region, amz_date)
    if not hmac.compare_digest(expected, parsed["signature"]):
        raise ConnectError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your secret access key and signing method.",
        )
    return Caller(access_key_id, region)


def _parse_amz_date(value: str) -> datetime:
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise ConnectError(
            "IncompleteSignatureException",
            "The request needs an X-Amz-Date header in the form YYYYMMDDTHHMMSSZ.",
        ) from None


def _signature(
    request: SignedRequest,
    signed_names: list[str],
    access_key_id: str,
    secret: str,
    region: str,
    amz_date: str,
) -> str:
    host = request.headers.get("host", "")
    url = f"http://{host}{request.raw_path}"
    if request.raw_query:
        url += f"?{request.raw_query}"
    headers = {name: request.headers.get(name, "") for name in signed_names}
    aws_request = AWSRequest(method=request.method, url=url, headers=headers, data=request.body)
    aws_request.context["timestamp"] = amz_date
    signer = SigV4Auth(Credentials(access_key_id, secret), SERVICE, region)
    canonical = signer.canonical_request(aws_request)
    string_to_sign = signer.string_to_sign(aws_request, canonical)
    signature: str = signer.signature(string_to_sign, aws_request)
    return signature
