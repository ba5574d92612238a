"""A small Python client for OpenContact's agent API: act as one agent from a script or a test.

    client = AgentClient("http://127.0.0.1:8080")
    client.login("demo", "agent1", password)
    client.set_status("Available")
    for contact in client.agent()["contacts"]:
        client.accept(contact["contactId"])

Every method answers with the JSON the server sent (most often the agent's desk: their state,
contacts, statuses, quick connects and settings) and raises `AgentApiError` when the server
refuses. `events()` follows the agent's WebSocket.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

API = "/api/v1"
_CLOSE_STATUS = {4401: (401, "Unauthorized"), 4403: (403, "AccessDenied")}

Json = dict[str, Any]


class AgentApiError(Exception):
    """The server refused (`status` is the HTTP status, `code` its error code), or could not
    be reached (`status` 0)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{message} ({status} {code})" if status else message)
        self.status = status
        self.code = code
        self.message = message


def _root(base_url: str) -> str:
    root = base_url.rstrip("/")
    return root.removesuffix(API)


class AgentClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = _root(base_url)
        self.token = token
        self._http = httpx.Client(
            base_url=self.base_url + API, timeout=timeout, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AgentClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- the session -----------------------------------------------------------------------------

    def login(self, instance: str, username: str, password: str) -> Json:
        """Log in; the client keeps the token for the calls that follow."""
        body = {"instance": instance, "username": username, "password": password}
        session = self._request("POST", "/sessions", body, authenticated=False)
        self.token = str(session["token"])
        return session

    def whoami(self) -> Json:
        return self._request("GET", "/sessions/current")

    # -- the agent -------------------------------------------------------------------------------

    def agent(self) -> Json:
        return self._request("GET", "/agent")

    def set_status(self, status: str) -> Json:
        return self._request("PUT", "/agent/status", {"status": status})

    def dismiss(self) -> Json:
        return self._request("POST", "/agent/dismiss")

    def set_phone(self, phone_type: str, desk_phone_number: str | None = None) -> Json:
        body = {"phoneType": phone_type, "deskPhoneNumber": desk_phone_number}
        return self._request("PUT", "/agent/settings/phone", body)

    def quick_connects(self) -> list[Json]:
        answer = self._send("GET", "/agent/quick-connects")
        if not isinstance(answer, list):
            raise AgentApiError(200, "UnexpectedAnswer", "Expected a list of quick connects.")
        return answer

    def call(self, phone_number: str) -> Json:
        """Dial from the number pad; `contactId` in the answer is the new call's."""
        return self._request("POST", "/agent/calls", {"phoneNumber": phone_number})

    # -- the agent's contacts --------------------------------------------------------------------

    def contact(self, contact_id: str) -> Json:
        return self._request("GET", self._contact(contact_id))

    def contact_record(self, contact_id: str) -> Json:
        """Any contact of the instance, live or over (needs ContactSearch.View)."""
        return self._request("GET", f"/contacts/{quote(contact_id, safe='')}")

    def flow_logs(self, contact_id: str) -> Json:
        """What each action of the contact's flows did (needs ContactSearch.View)."""
        return self._request("GET", f"/contacts/{quote(contact_id, safe='')}/flow-logs")

    def accept(self, contact_id: str) -> Json:
        return self._act(contact_id, "accept")

    def reject(self, contact_id: str) -> Json:
        return self._act(contact_id, "reject")

    def hold(self, contact_id: str) -> Json:
        return self._act(contact_id, "hold")

    def resume(self, contact_id: str) -> Json:
        """Off hold, or a paused task resumed."""
        return self._act(contact_id, "resume")

    def pause(self, contact_id: str) -> Json:
        """Pause a task (it stays the agent's; their slot is free meanwhile)."""
        return self._act(contact_id, "pause")

    def end(self, contact_id: str) -> Json:
        return self._act(contact_id, "end")

    def close_contact(self, contact_id: str) -> Json:
        return self._act(contact_id, "close")

    def join(self, contact_id: str) -> Json:
        return self._act(contact_id, "join")

    def hold_all(self, contact_id: str) -> Json:
        return self._act(contact_id, "hold-all")

    def swap(self, contact_id: str) -> Json:
        return self._act(contact_id, "swap")

    def leave(self, contact_id: str) -> Json:
        return self._act(contact_id, "leave")

    def transfer(
        self,
        contact_id: str,
        *,
        quick_connect_id: str | None = None,
        phone_number: str | None = None,
    ) -> Json:
        body = {"quickConnectId": quick_connect_id, "phoneNumber": phone_number}
        given = {key: value for key, value in body.items() if value is not None}
        return self._request("POST", self._contact(contact_id, "transfer"), given)

    def end_party(self, contact_id: str, party_id: str) -> Json:
        path = self._contact(contact_id, f"parties/{quote(party_id, safe='')}")
        return self._request("DELETE", path)

    def create_task(
        self,
        contact_id: str,
        *,
        name: str,
        quick_connect_id: str,
        description: str | None = None,
    ) -> Json:
        """Create task (from after contact work); `contactId` in the answer is the task's."""
        body = {"name": name, "quickConnectId": quick_connect_id, "description": description}
        return self._request("POST", self._contact(contact_id, "tasks"), body)

    def update_attributes(self, contact_id: str, attributes: Mapping[str, str]) -> Json:
        body = {"attributes": dict(attributes)}
        return self._request("PATCH", self._contact(contact_id, "attributes"), body)

    # -- chats -----------------------------------------------------------------------------------

    def send_chat_message(
        self, contact_id: str, content: str, content_type: str = "text/plain"
    ) -> Json:
        """A message in one of the agent's chats; answers the transcript item it became."""
        body = {"content": content, "contentType": content_type}
        return self._request("POST", self._contact(contact_id, "messages"), body)

    def send_chat_event(self, contact_id: str, kind: str, message_id: str | None = None) -> None:
        """`kind` "typing", or "read" with the `message_id` read."""
        body = {"type": kind, "messageId": message_id}
        given = {key: value for key, value in body.items() if value is not None}
        self._send("POST", self._contact(contact_id, "chat-events"), given)

    def chat_transcript(self, contact_id: str) -> list[Json]:
        """Every item of the chat kept so far, oldest first (all its segments)."""
        items = self._request("GET", self._contact(contact_id, "transcript"))["items"]
        return list(items)

    # -- live events -----------------------------------------------------------------------------

    async def events(self) -> AsyncGenerator[Json, None]:
        """The agent's WebSocket messages as they come: a snapshot first, then an update after
        each change. Ends when the server closes normally; AgentApiError when it refuses."""
        url = "ws" + self.base_url.removeprefix("http") + API + "/agent/events"
        try:
            async with connect(url, open_timeout=10, max_size=None) as socket:
                await socket.send(json.dumps({"type": "auth", "token": self._token()}))
                async for message in socket:
                    yield json.loads(message)
        except ConnectionClosed as closed:
            received = closed.rcvd
            code = received.code if received else 1006
            status, error = _CLOSE_STATUS.get(code, (code, "Disconnected"))
            reason = received.reason if received and received.reason else "The connection dropped."
            raise AgentApiError(status, error, reason) from None
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as failed:
            raise AgentApiError(0, "ConnectionFailed", f"Could not reach {url}: {failed}") from None

    # -- plumbing --------------------------------------------------------------------------------

    def _token(self) -> str:
        if not self.token:
            raise AgentApiError(401, "Unauthorized", "Not logged in: call login() first.")
        return self.token

    def _contact(self, contact_id: str, action: str | None = None) -> str:
        path = f"/agent/contacts/{quote(contact_id, safe='')}"
        return f"{path}/{action}" if action else path

    def _act(self, contact_id: str, action: str) -> Json:
        return self._request("POST", self._contact(contact_id, action))

    def _request(
        self, method: str, path: str, body: Any = None, *, authenticated: bool = True
    ) -> Json:
        answer = self._send(method, path, body, authenticated=authenticated)
        if not isinstance(answer, dict):
            raise AgentApiError(200, "UnexpectedAnswer", f"Expected a JSON object from {path}.")
        return answer

    def _send(self, method: str, path: str, body: Any = None, *, authenticated: bool = True) -> Any:
        headers = {"Authorization": f"Bearer {self._token()}"} if authenticated else {}
        try:
            response = self._http.request(method, path, json=body, headers=headers)
        except httpx.HTTPError as failed:
            raise AgentApiError(
                0, "ConnectionFailed", f"Could not reach OpenContact at {self.base_url}: {failed}"
            ) from None
        if response.status_code == 204:
            return None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.is_success and answer is not None:
            return answer
        if isinstance(answer, dict) and "error" in answer:
            raise AgentApiError(
                response.status_code, str(answer["error"]), str(answer.get("message", ""))
            )
        text = response.text.strip()[:200] or response.reason_phrase
        raise AgentApiError(response.status_code, "HttpError", text)
