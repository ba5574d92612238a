"""Run a real OpenContact server inside your own test process.

    with LiveServer(Settings(data_dir=tmp_path)) as server:
        client = boto3.client("connect", endpoint_url=server.base_url, ...)

The server runs on its own thread and event loop, on a free port of 127.0.0.1, with the same
storage and HTTP stack as `opencontact serve`. Used by OpenContact's own tests and benchmarks,
and meant for projects that test their Amazon Connect code against OpenContact.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import replace
from types import TracebackType

from opencontact.app import Runtime, start
from opencontact.clock import Clock
from opencontact.config import Settings
from opencontact.server import Server, server_config


class LiveServer:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        # IPPROTO_TCP explicitly: asyncio only turns Nagle off (TCP_NODELAY) on sockets that say
        # they are TCP, and without it every keep-alive response waits for a delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port: int = self._socket.getsockname()[1]
        self.settings = replace(settings, host="127.0.0.1", port=self.port)
        self._clock = clock
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._server: Server | None = None
        self._thread = threading.Thread(target=self._run, name="opencontact", daemon=True)
        self.runtime: Runtime | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> LiveServer:
        self._socket.listen(256)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("OpenContact did not start")
        if self._error is not None:
            raise RuntimeError("OpenContact failed to start") from self._error
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        try:
            self.runtime = await start(self.settings, self._clock)
        except BaseException as error:
            self._error = error
            self._ready.set()
            return
        self._server = Server(server_config(self.runtime.asgi), self._ready.set)
        try:
            await self._server.serve(sockets=[self._socket])
        finally:
            await self.runtime.close()
