"""Settings of a running server, from the command line and the environment."""

from __future__ import annotations

import json
import os
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path(".opencontact")
DEFAULT_ACCOUNT_ID = "123456789012"


@dataclass(frozen=True)
class ApiCredentials:
    access_key_id: str
    secret_access_key: str
    generated: bool = False


@dataclass(frozen=True)
class ChatRateLimits:
    """How much chat customers may do (0: no limit); see docs/chat.md#rate-limits."""

    # POST /api/v1/chat/start, per client address and per instance, a minute.
    starts_per_client_per_minute: int = 10
    starts_per_instance_per_minute: int = 600
    # SendMessage and SendEvent (each) per chat participant, a second.
    participant_sends_per_second: int = 10


def chat_rate_limits_from_environment() -> ChatRateLimits:
    """OPENCONTACT_CHAT_STARTS_PER_CLIENT, OPENCONTACT_CHAT_STARTS_PER_INSTANCE and
    OPENCONTACT_PARTICIPANT_SENDS_PER_SECOND, each a whole number (0: no limit); the defaults
    for those not set."""
    default = ChatRateLimits()
    return ChatRateLimits(
        _limit("OPENCONTACT_CHAT_STARTS_PER_CLIENT", default.starts_per_client_per_minute),
        _limit("OPENCONTACT_CHAT_STARTS_PER_INSTANCE", default.starts_per_instance_per_minute),
        _limit("OPENCONTACT_PARTICIPANT_SENDS_PER_SECOND", default.participant_sends_per_second),
    )


def _limit(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ValueError(f"{name} must be a whole number, 0 for no limit; not {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str | None = None
    demo: bool = False
    account_id: str = DEFAULT_ACCOUNT_ID
    # Flows' InvokeLambdaFunction: function ARN -> URL that receives Connect's Lambda event.
    lambda_urls: Mapping[str, str] = field(default_factory=dict)
    chat_rate_limits: ChatRateLimits = field(default_factory=chat_rate_limits_from_environment)

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"


def generate_password(length: int = 16) -> str:
    """A password that meets Amazon Connect's policy (upper, lower and digit, 8-64 chars)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
            and any(c.isdigit() for c in candidate)
        ):
            return candidate


def _write_private(path: Path, content: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(content, indent=2) + "\n")
    temporary.chmod(0o600)
    temporary.replace(path)


def api_credentials(data_dir: Path) -> ApiCredentials:
    """The key pair the Connect API accepts: from the environment, else kept in the data dir
    (generated on first start)."""
    key_id = os.environ.get("OPENCONTACT_ACCESS_KEY_ID")
    secret = os.environ.get("OPENCONTACT_SECRET_ACCESS_KEY")
    if key_id and secret:
        return ApiCredentials(key_id, secret)
    path = data_dir / "credentials.json"
    if path.exists():
        stored = json.loads(path.read_text())
        return ApiCredentials(stored["access_key_id"], stored["secret_access_key"], True)
    alphabet = string.ascii_uppercase + string.digits
    created = ApiCredentials(
        "AKOC" + "".join(secrets.choice(alphabet) for _ in range(16)),
        "".join(secrets.choice(string.ascii_letters + string.digits + "/+") for _ in range(40)),
        True,
    )
    _write_private(
        path,
        {"access_key_id": created.access_key_id, "secret_access_key": created.secret_access_key},
    )
    return created


def demo_passwords(data_dir: Path, usernames: list[str]) -> dict[str, str]:
    """Passwords for the demo users, kept in the data dir so they can be printed at every
    start; OPENCONTACT_ADMIN_PASSWORD sets the admin's."""
    path = data_dir / "demo-passwords.json"
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    changed = False
    for username in usernames:
        if username not in stored:
            stored[username] = generate_password()
            changed = True
    if changed:
        _write_private(path, stored)
    admin = os.environ.get("OPENCONTACT_ADMIN_PASSWORD")
    # A password given in the environment is used, never written to disk.
    return {**stored, "admin": admin} if admin else stored


def lambda_urls_from_environment() -> dict[str, str]:
    """OPENCONTACT_LAMBDA_URLS: a JSON object mapping Lambda function ARNs to the URLs that
    stand in for them."""
    raw = os.environ.get("OPENCONTACT_LAMBDA_URLS")
    if not raw:
        return {}
    try:
        mapping = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"OPENCONTACT_LAMBDA_URLS must be a JSON object of ARN to URL strings; it is not "
            f"JSON ({error.msg} at character {error.pos + 1})"
        ) from None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ValueError("OPENCONTACT_LAMBDA_URLS must be a JSON object of ARN to URL strings")
    return mapping
