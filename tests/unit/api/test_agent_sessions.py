"""Session tokens of the agent API: signed with a private key kept in the data directory,
valid for twelve hours of the contact center's clock, and worthless once tampered with."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from opencontact.api.agent.sessions import (
    InvalidToken,
    Seal,
    SessionClaims,
    SessionKey,
    SessionTokens,
)
from opencontact.clock import VirtualClock

NOW = datetime(2026, 3, 2, 14, 0, 0, 500_000, tzinfo=UTC)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(NOW)


def _tokens(data_dir: Path, clock: VirtualClock) -> SessionTokens:
    return SessionTokens(SessionKey(data_dir / "session.key"), clock)


def test_a_token_carries_the_instance_the_user_and_twelve_hours(
    tmp_path: Path, clock: VirtualClock
) -> None:
    tokens = _tokens(tmp_path, clock)
    claims = tokens.issue("instance-1", "user-1", "hash-1")
    assert claims.expires_at == datetime(2026, 3, 3, 2, 0, tzinfo=UTC)
    assert tokens.decode(tokens.encode(claims)) == claims


def test_the_key_is_created_once_readable_by_its_owner_only(
    tmp_path: Path, clock: VirtualClock
) -> None:
    key_file = tmp_path / "data" / "session.key"
    first = SessionKey(key_file).get()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(first) == 32
    assert SessionKey(key_file).get() == first


def test_a_damaged_key_file_is_reported_with_what_to_do(tmp_path: Path) -> None:
    key_file = tmp_path / "session.key"
    key_file.write_text("not a key\n")
    with pytest.raises(RuntimeError, match="delete it to create a new one"):
        SessionKey(key_file).get()


def test_a_token_is_refused_once_it_expires(tmp_path: Path, clock: VirtualClock) -> None:
    tokens = _tokens(tmp_path, clock)
    token = tokens.encode(tokens.issue("i", "u", "h"))
    clock.advance(timedelta(hours=12).total_seconds() - 1)
    assert tokens.decode(token).user_id == "u"
    clock.advance(1)
    with pytest.raises(InvalidToken, match="expired"):
        tokens.decode(token)


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "e" + t[1:] if t[0] != "e" else "f" + t[1:],
        lambda t: t.replace(".", ""),
        lambda t: t + ".more",
        lambda t: "ü" + t,
        lambda t: "",
        lambda t: ".",
    ],
)
def test_a_tampered_token_is_refused(
    tmp_path: Path, clock: VirtualClock, damage: Callable[[str], str]
) -> None:
    tokens = _tokens(tmp_path, clock)
    token = tokens.encode(tokens.issue("i", "u", "h"))
    with pytest.raises(InvalidToken, match="not valid"):
        tokens.decode(damage(token))


def test_a_token_signed_with_another_key_is_refused(tmp_path: Path, clock: VirtualClock) -> None:
    ours = _tokens(tmp_path / "ours", clock)
    theirs = _tokens(tmp_path / "theirs", clock)
    with pytest.raises(InvalidToken):
        ours.decode(theirs.encode(theirs.issue("i", "u", "h")))


def test_a_well_signed_token_with_missing_claims_is_refused(
    tmp_path: Path, clock: VirtualClock
) -> None:
    tokens = _tokens(tmp_path, clock)
    forged = tokens.encode(SessionClaims("i", "u", NOW + timedelta(hours=1), "c"))
    body, signature = forged.split(".")
    # Re-sign a body that lacks the user, as only the key holder could: still refused.
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    del payload["u"]
    assert signature
    with pytest.raises(InvalidToken, match="not valid"):
        tokens.decode(Seal(SessionKey(tmp_path / "session.key")).seal(payload))


def test_the_credential_fingerprint_changes_with_the_password(
    tmp_path: Path, clock: VirtualClock
) -> None:
    tokens = _tokens(tmp_path, clock)
    assert tokens.fingerprint("hash-1") == tokens.fingerprint("hash-1")
    assert tokens.fingerprint("hash-1") != tokens.fingerprint("hash-2")
    assert "hash-1" not in tokens.encode(tokens.issue("i", "u", "hash-1"))
