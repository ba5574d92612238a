"""The agent API, mounted at `/api/v1`: logging in, an agent's desk and actions (REST) and their
live feed (WebSocket), as the CCP pages, the Python client and the CLI use it."""

from opencontact.api.agent.app import agent_api

__all__ = ["agent_api"]
