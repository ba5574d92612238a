"""The least HTTP client bench/chat.py needs to send messages: HTTP/1.1 on one kept-alive
connection per participant (as a browser tab keeps one), one request at a time.

httpx's connection pool costs the load process milliseconds a request once hundreds are in
flight, which is more than the servers being measured take; this costs next to nothing, so the
latencies are the servers'.
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson


class HttpError(Exception):
    """The request got no answer: the connection failed or closed."""


class Connection:
    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self._host = host
        self._port = port
        self._headers = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self._lock = asyncio.Lock()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: Any) -> tuple[int, Any]:
        """POST `body` as JSON; answers the status and the decoded JSON answer (None if
        empty)."""
        payload = orjson.dumps(body)
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n{self._headers}"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        async with self._lock:
            try:
                return await self._exchange(head.encode() + payload)
            except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                self._drop()
                raise HttpError(f"{type(error).__name__}: {error}") from error

    async def _exchange(self, request: bytes) -> tuple[int, Any]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        writer.write(request)
        status = int((await reader.readuntil(b"\r\n")).split(b" ", 2)[1])
        length, chunked, closing = 0, False, False
        while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                chunked = "chunked" in value
            elif name == "connection":
                closing = value == "close"
        body = await (self._chunks(reader) if chunked else reader.readexactly(length))
        if closing:
            self._drop()
        return status, orjson.loads(body) if body else None

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        body = b""
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += await reader.readexactly(size)
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return body

    def _drop(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

    def close(self) -> None:
        self._drop()
