"""Running `opencontact serve` as a real process, as a user would, for crash tests."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import boto3
from botocore.config import Config

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

    def api_keys(self) -> tuple[str, str]:
        """The access key id and secret the server printed when it started."""
        text = "\n".join(self.output)
        key = re.search(r"access key id\s+(\S+)", text)
        secret = re.search(r"secret access key\s+(\S+)", text)
        if key is None or secret is None:
            raise RuntimeError("the server printed no API keys:\n" + text)
        return key.group(1), secret.group(1)

    def connect_client(self, config: Config | None = None) -> Any:
        """boto3's Connect client, pointed at this server with its printed keys."""
        key, secret = self.api_keys()
        return boto3.client(
            "connect",
            endpoint_url=self.base_url,
            region_name="us-east-1",
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            config=config,
        )

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
