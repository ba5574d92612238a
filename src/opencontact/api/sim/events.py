"""The simulated carrier's live feeds (WebSockets), so that a phone on screen follows its calls
without polling:

    /sim/calls/{callId}/events   {"type": "snapshot", "call": <GET /sim/calls/{callId}>}  first,
                                 {"type": "call", "call": ...}  after each change of that call
                                 (its state, a prompt heard, its contact)
    /sim/numbers/{e164}/events   {"type": "snapshot", "calls": [...]}  first,
                                 {"type": "calls", "calls": [...]}  whenever the calls ringing at
                                 or connected to that outside number change

Close codes: 4404 no such call, 4400 not a phone number (the reason says which); the feeds need
no sign-in, like the rest of `/sim`. Messages the client sends are read and ignored.

The carrier's watcher only notes that something changed; the feed renders the call when it
next gets to send. So the contact a leg was just given (the engine registers it right after the
carrier creates the leg) is already in the message, changes made in one step of the event loop
go out as one message, and a slow client never queues more than one pending update. A message
that would repeat the previous one is not sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from opencontact.telephony.sim_calls import (
    CallSnapshot,
    InvalidInput,
    LegKind,
    UnknownCall,
    canonical_number,
)
from opencontact.telephony.simulated import SimulatedCarrier

NOT_A_NUMBER, NO_SUCH_CALL = 4400, 4404
CLOSE_REASON_BYTES = 123  # the most a WebSocket close frame can carry

CallView = Callable[[CallSnapshot], dict[str, Any]]
"""A call as `GET /sim/calls/{callId}` renders it."""


class SimFeeds:
    def __init__(self, carrier: SimulatedCarrier, view: CallView) -> None:
        self._carrier = carrier
        self._view = view

    async def call_events(self, websocket: WebSocket) -> None:
        await websocket.accept()
        call_id = websocket.path_params["call_id"]
        try:
            self._carrier.call(call_id)
        except UnknownCall:
            await _close(websocket, NO_SUCH_CALL, _no_call(call_id))
            return

        def render() -> dict[str, Any]:
            return {"call": self._view(self._carrier.call(call_id))}

        await self._follow(websocket, "call", render, lambda call: call.call_id == call_id)

    async def number_events(self, websocket: WebSocket) -> None:
        await websocket.accept()
        typed = websocket.path_params["number"]
        try:
            number = canonical_number(typed)
        except InvalidInput:
            reason = f"'{typed}' is not a phone number in E.164 form, like +15555550100."
            await _close(websocket, NOT_A_NUMBER, reason)
            return

        def render() -> dict[str, Any]:
            return {"calls": [self._view(call) for call in self._carrier.calls_at(number)]}

        def at_number(call: CallSnapshot) -> bool:
            # The same test as `calls_at`, minus the state: a call that just ended must still
            # trigger an update, to leave the list.
            return call.kind is LegKind.OUTBOUND and call.to_number == number

        await self._follow(websocket, "calls", render, at_number)

    async def _follow(
        self,
        websocket: WebSocket,
        kind: str,
        render: Callable[[], dict[str, Any]],
        concerns: Callable[[CallSnapshot], bool],
    ) -> None:
        changed = asyncio.Event()

        def note(call: CallSnapshot) -> None:
            if concerns(call):
                changed.set()

        # Watching starts in the same step of the event loop as the snapshot is rendered, so no
        # change can fall between them.
        stop_watching = self._carrier.watch(note)
        listening = asyncio.create_task(_until_gone(websocket))
        try:
            last = render()
            await websocket.send_text(json.dumps({"type": "snapshot", **last}))
            while True:
                waiting = asyncio.create_task(changed.wait())
                done, _ = await asyncio.wait(
                    {listening, waiting}, return_when=asyncio.FIRST_COMPLETED
                )
                if listening in done:
                    waiting.cancel()
                    return
                changed.clear()
                current = render()
                if current != last:
                    last = current
                    await websocket.send_text(json.dumps({"type": kind, **current}))
        except UnknownCall:  # forgotten (an hour after it ended) while followed
            await _close(
                websocket, NO_SUCH_CALL, _no_call(websocket.path_params.get("call_id", ""))
            )
        except (WebSocketDisconnect, RuntimeError):  # the client went away mid-send
            pass
        finally:
            stop_watching()
            listening.cancel()


async def _until_gone(websocket: WebSocket) -> None:
    """Reads (and ignores) what the client sends, until it disconnects."""
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while (await websocket.receive())["type"] != "websocket.disconnect":
            pass


def _no_call(call_id: str) -> str:
    return f"There is no call '{call_id}'; calls are forgotten an hour after they end."


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    if websocket.client_state is WebSocketState.CONNECTED:
        trimmed = reason.encode()[:CLOSE_REASON_BYTES].decode(errors="ignore")
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            await websocket.close(code, trimmed)
