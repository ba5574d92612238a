"""Running `opencontact serve` as a real process, as a user would, for crash tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO

READY_LINE = "Press Ctrl+C to stop"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    def __init__(self, data_dir: Path, database_url: str | None = None, *args: str) -> None:
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "opencontact",
            "serve",
            "--port",
            str(self.port),
            "--data-dir",
            str(data_dir),
            *args,
        ]
        if database_url:
            command += ["--database-url", database_url]
        environment = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
        )
        self.output: list[str] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_ready(self) -> list[str]:
        """Read the server's output until it says it is running (or it exits)."""
        stream: IO[str] | None = self.process.stdout
        assert stream is not None
        for line in stream:
            self.output.append(line.rstrip("\n"))
            if READY_LINE in line:
                break
        else:
            raise RuntimeError("server exited before it was ready:\n" + "\n".join(self.output))
        return self.output

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a power cut or an OOM kill."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
