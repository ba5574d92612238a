"""Verifying AWS Signature Version 4 on incoming requests.

The verification follows the SigV4 specification step by step (canonical request, string to
sign, signing key, HMAC) on exactly the headers the client says it signed. It is written out
here instead of going through botocore's `SigV4Auth`, which builds a whole `AWSRequest` per call
and cost more than everything else a request does; `tests/unit/api/test_sigv4.py` checks, for
generated requests, that this computes the same signature as botocore's signer. Signing keys
are cached per (secret, date, region), as AWS itself does. There is no anonymous access.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote_plus

from opencontact.api.connect.errors import ConnectError

SERVICE = "connect"
MAX_CLOCK_SKEW = timedelta(minutes=15)
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"

_AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]{64})\s*$"
)
_AMZ_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")


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
    payload_hash = _payload_hash(request)
    canonical = canonical_request(request, signed_names, payload_hash)
    string_to_sign = "\n".join(
        (
            "AWS4-HMAC-SHA256",
            amz_date,
            f"{scope_date}/{region}/{SERVICE}/aws4_request",
            hashlib.sha256(canonical.encode()).hexdigest(),
        )
    )
    key = signing_key(secret, scope_date, region)
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parsed["signature"]):
        raise ConnectError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your secret access key and signing method.",
        )
    return Caller(access_key_id, region)


def canonical_request(request: SignedRequest, signed_names: list[str], payload_hash: str) -> str:
    headers = "".join(
        f"{name}:{' '.join(request.headers.get(name, '').split())}\n"
        for name in sorted(signed_names)
    )
    return "\n".join(
        (
            request.method.upper(),
            _canonical_path(request.raw_path),
            _canonical_query(request.raw_query),
            headers,
            ";".join(sorted(signed_names)),
            payload_hash,
        )
    )


@functools.lru_cache(maxsize=64)
def signing_key(secret: str, date: str, region: str) -> bytes:
    key = hmac.new(f"AWS4{secret}".encode(), date.encode(), hashlib.sha256).digest()
    for part in (region, SERVICE, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def _payload_hash(request: SignedRequest) -> str:
    """The body's SHA-256; a declared X-Amz-Content-SHA256 must be the body's own."""
    actual = hashlib.sha256(request.body).hexdigest()
    declared = request.headers.get("x-amz-content-sha256")
    if declared is None:
        return actual
    if declared != UNSIGNED_PAYLOAD and not hmac.compare_digest(declared, actual):
        raise ConnectError(
            "InvalidSignatureException",
            "X-Amz-Content-SHA256 does not match the body of the request.",
        )
    return declared


def _canonical_path(raw_path: str) -> str:
    """Non-S3 services encode the (already encoded) path once more, after removing dot
    segments and repeated slashes."""
    segments: list[str] = []
    for segment in raw_path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(segment)
    normalised = "/" + "/".join(segments)
    if raw_path.endswith("/") and normalised != "/":
        normalised += "/"
    return quote(normalised, safe="/~")


def _canonical_query(raw_query: str) -> str:
    if not raw_query:
        return ""
    pairs = []
    for pair in raw_query.split("&"):
        name, _, value = pair.partition("=")
        # '+' is a space in a query string (botocore's own AWSRequest encodes spaces so).
        pairs.append(
            (quote(unquote_plus(name), safe="-_.~"), quote(unquote_plus(value), safe="-_.~"))
        )
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def _parse_amz_date(value: str) -> datetime:
    match = _AMZ_DATE.match(value)
    if match is None:
        raise ConnectError(
            "IncompleteSignatureException",
            "The request needs an X-Amz-Date header in the form YYYYMMDDTHHMMSSZ.",
        )
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        raise ConnectError(
            "IncompleteSignatureException", f"X-Amz-Date '{value}' is not a valid time."
        ) from None
