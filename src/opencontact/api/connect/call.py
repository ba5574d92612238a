"""What a Connect operation handler receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.domain.base import Env, Outcome
from opencontact.domain.directory import Directory
from opencontact.engine.center import ContactCenter

T = TypeVar("T")


@dataclass(frozen=True)
class ConnectCall:
    """One validated request: its parameters, the caller's region, and the contact center."""

    operation: str
    params: dict[str, Any]
    region: str
    center: ContactCenter
    # Where this server is reached, as the caller reached it (for InstanceAccessUrl).
    base_url: str = "http://127.0.0.1:8080"
    # What signs chat customers' tokens (StartChatContact); the server's, from app.py.
    participant_tokens: ParticipantTokens | None = None

    def env(self) -> Env:
        return self.center.env(self.region)

    def directory(self, key: str = "InstanceId") -> Directory:
        """The instance named by parameter `key`, in the caller's region."""
        return self.center.directory(self.params[key], self.region)

    async def change(
        self, command: Callable[[Directory, Env], Outcome[T]], key: str = "InstanceId"
    ) -> T:
        """Run a domain command on the instance named by parameter `key`."""
        env = self.env()
        return await self.center.change(
            self.params[key], self.region, lambda directory: command(directory, env)
        )

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)
