"""The chat customer's tokens: signed under the data dir's key (so a restart keeps them), one
kind never passing for the other, a connection token expiring, anything altered refused, and
each server accepting only the tokens signed with its own key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from opencontact.api.agent.sessions import Seal, SessionKey
from opencontact.api.participant.tokens import (
    KEY_FILE,
    InvalidParticipantToken,
    ParticipantClaims,
    ParticipantTokens,
)

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
CLAIMS = ParticipantClaims("instance-1", "contact-1", "customer-1")


@pytest.fixture
def tokens() -> ParticipantTokens:
    return ParticipantTokens.in_memory()


def test_a_participant_token_names_the_chat_and_the_customer(tokens: ParticipantTokens) -> None:
    token = tokens.participant_token("instance-1", "contact-1", "customer-1")
    assert tokens.read_participant_token(token) == CLAIMS


def test_a_connection_token_lasts_until_it_expires(tokens: ParticipantTokens) -> None:
    token = tokens.connection_token(CLAIMS, NOW + timedelta(hours=1))
    assert tokens.read_connection_token(token, NOW).participant == CLAIMS
    with pytest.raises(InvalidParticipantToken, match="expired"):
        tokens.read_connection_token(token, NOW + timedelta(hours=1))


def test_one_kind_of_token_does_not_pass_for_the_other(tokens: ParticipantTokens) -> None:
    participant = tokens.participant_token(*vars(CLAIMS).values())
    connection = tokens.connection_token(CLAIMS, NOW + timedelta(hours=1))
    with pytest.raises(InvalidParticipantToken, match="connection token is not valid"):
        tokens.read_connection_token(participant, NOW)
    with pytest.raises(InvalidParticipantToken, match="participant token is not valid"):
        tokens.read_participant_token(connection)


@pytest.mark.parametrize("damage", ["", "x", "a.b", "{}.", "é.é"])
def test_anything_else_is_refused(tokens: ParticipantTokens, damage: str) -> None:
    with pytest.raises(InvalidParticipantToken):
        tokens.read_participant_token(damage)
    with pytest.raises(InvalidParticipantToken):
        tokens.read_connection_token(damage, NOW)


def test_an_altered_token_is_refused(tokens: ParticipantTokens) -> None:
    token = tokens.participant_token("instance-1", "contact-1", "customer-1")
    body, _, signature = token.partition(".")
    forged = tokens.participant_token("instance-1", "contact-2", "customer-1").partition(".")[0]
    with pytest.raises(InvalidParticipantToken):
        tokens.read_participant_token(f"{forged}.{signature}")
    with pytest.raises(InvalidParticipantToken):
        tokens.read_participant_token(f"{body}.{signature[:-1]}A" if signature[-1] != "A" else body)


def test_two_servers_in_one_process_each_accept_only_their_own_tokens(tmp_path: Path) -> None:
    first = ParticipantTokens.in_data_dir(tmp_path / "first")
    second = ParticipantTokens.in_data_dir(tmp_path / "second")
    theirs = first.participant_token("instance-1", "contact-1", "customer-1")
    connection = first.connection_token(CLAIMS, NOW + timedelta(hours=1))
    assert first.read_participant_token(theirs) == CLAIMS
    with pytest.raises(InvalidParticipantToken, match="participant token is not valid"):
        second.read_participant_token(theirs)
    with pytest.raises(InvalidParticipantToken, match="connection token is not valid"):
        second.read_connection_token(connection, NOW)
    # Nor do two in-memory ones (unit tests) share a key.
    memory = ParticipantTokens.in_memory()
    with pytest.raises(InvalidParticipantToken):
        ParticipantTokens.in_memory().read_participant_token(
            memory.participant_token("instance-1", "contact-1", "customer-1")
        )


def test_tokens_signed_under_the_data_dir_key_outlive_the_process(tmp_path: Path) -> None:
    token = ParticipantTokens.in_data_dir(tmp_path).participant_token(
        "instance-1", "contact-1", "customer-1"
    )
    connection = ParticipantTokens.in_data_dir(tmp_path).connection_token(
        CLAIMS, NOW + timedelta(hours=1)
    )
    assert (tmp_path / KEY_FILE).exists()
    # What a new process does: a fresh reader on the same key file.
    fresh = ParticipantTokens.in_data_dir(tmp_path)
    assert fresh.read_participant_token(token) == CLAIMS
    assert fresh.read_connection_token(connection, NOW).participant == CLAIMS


def test_the_token_format_is_the_documented_one(tmp_path: Path) -> None:
    """Tokens issued before this version (same key file, same claims) are still read."""
    key = SessionKey(tmp_path / KEY_FILE)
    seal = Seal(key)
    expires = int((NOW + timedelta(hours=1)).timestamp())
    participant = seal.seal({"t": "p", "i": "instance-1", "c": "contact-1", "p": "customer-1"})
    connection = seal.seal(
        {"t": "c", "i": "instance-1", "c": "contact-1", "p": "customer-1", "e": expires}
    )
    tokens = ParticipantTokens(SessionKey(tmp_path / KEY_FILE))
    assert tokens.read_participant_token(participant) == CLAIMS
    assert tokens.read_connection_token(connection, NOW).expires_at == NOW + timedelta(hours=1)
    assert tokens.participant_token("instance-1", "contact-1", "customer-1") == participant
