"""Connect API speed: DescribeUser and ListQueues through real HTTP with SigV4, against a bare
Starlette endpoint measured in the same run.

    .venv/bin/python -m bench.api [--seconds 10] [--connections 8]

The instance has 200 agents and 21 standard queues. DescribeUser reads one agent; ListQueues
lists the standard queues (QueueTypes=STANDARD). Both servers run as their own processes with
the same uvicorn settings, and the baseline answers each path with the very bytes OpenContact
answered; wrk (Debian package `wrk`) drives both with the same pre-signed requests. The figures
therefore compare the full OpenContact path (routing, signature verification, validation,
handler, serialisation) with the least a Starlette endpoint can do. Prints requests per second,
p50 and p99 latency, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from tests.support.process import ServerProcess, free_port


@dataclass(frozen=True)
class Figures:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def _signed_headers(url: str, key: str, secret: str) -> dict[str, str]:
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials(key, secret), "connect", "us-east-1").add_auth(request)
    return dict(request.headers.items())


def _milliseconds(text: str) -> float:
    found = re.match(r"([\d.]+)(us|ms|s)", text)
    if found is None:
        raise ValueError(f"wrk printed a latency this script cannot read: {text!r}")
    value, unit = found.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> Figures:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw errors from {url}:\n{output}")
    try:
        rps = float(_field(r"Requests/sec:\s+([\d.]+)", output))
        return Figures(
            rps,
            _milliseconds(_field(r"\s50%\s+(\S+)", output)),
            _milliseconds(_field(r"\s99%\s+(\S+)", output)),
        )
    except ValueError as error:
        raise RuntimeError(f"{error}\nwrk said:\n{output}") from None


def _field(pattern: str, output: str) -> str:
    found = re.search(pattern, output)
    if found is None:
        raise ValueError(f"no {pattern!r} in wrk's output")
    return found.group(1)


def _prepare(server: ServerProcess) -> tuple[str, str, str, str]:
    key, secret = server.api_keys()
    client: Any = server.connect_client()
    instance = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="bench",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    profiles = client.list_security_profiles(InstanceId=instance)["SecurityProfileSummaryList"]
    routing = client.list_routing_profiles(InstanceId=instance)["RoutingProfileSummaryList"]
    for n in range(200):
        created = client.create_user(
            InstanceId=instance,
            Username=f"agent{n}",
            Password="Bench1password",
            IdentityInfo={"FirstName": "Agent", "LastName": str(n)},
            PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[next(p["Id"] for p in profiles if p["Name"] == "Agent")],
            RoutingProfileId=routing[0]["Id"],
        )
    for n in range(20):
        hours = client.list_hours_of_operations(InstanceId=instance)
        client.create_queue(
            InstanceId=instance,
            Name=f"Queue {n}",
            HoursOfOperationId=hours["HoursOfOperationSummaryList"][0]["Id"],
        )
    return key, secret, instance, created["UserId"]


def _wait_for_port(port: int) -> None:
    """Until the baseline server accepts connections (it prints nothing when ready)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the baseline server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/api.py needs wrk: apt-get install wrk")

    with tempfile.TemporaryDirectory() as data_dir:
        server = ServerProcess(Path(data_dir))
        baseline_port = free_port()
        baseline: subprocess.Popen[bytes] | None = None
        try:
            server.wait_until_ready()
            key, secret, instance, user = _prepare(server)
            paths = {
                "DescribeUser": f"/users/{instance}/{user}",
                "ListQueues": f"/queues-summary/{instance}?queueTypes=STANDARD",
            }
            bodies = {}
            for path in paths.values():
                url = f"{server.base_url}{path}"
                answer = httpx.get(url, headers=_signed_headers(url, key, secret))
                answer.raise_for_status()
                bodies[path] = answer.text
            bodies_file = Path(data_dir) / "baseline-bodies.json"
            bodies_file.write_text(json.dumps(bodies))
            baseline = subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).with_name("baseline_app.py")),
                    str(baseline_port),
                    str(bodies_file),
                ]
            )
            _wait_for_port(baseline_port)
            print(
                f"{'operation':<14}{'server':<13}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
                f"   ({arguments.connections} connections, {arguments.seconds} s each, wrk)"
            )
            for name, path in paths.items():
                url = f"{server.base_url}{path}"
                headers = _signed_headers(url, key, secret)
                ours = run_wrk(url, headers, arguments.seconds, arguments.connections)
                base_url = f"http://127.0.0.1:{baseline_port}{path}"
                bare = run_wrk(base_url, headers, arguments.seconds, arguments.connections)
                for label, figures in (("OpenContact", ours), ("Starlette", bare)):
                    print(
                        f"{name:<14}{label:<13}{figures.requests_per_second:>9.0f}"
                        f"{figures.p50_ms:>9.2f}{figures.p99_ms:>9.2f}"
                    )
                ratio = ours.requests_per_second / bare.requests_per_second
                print(f"{name:<14}{'ratio':<13}{ratio:>9.2f}")
        finally:
            server.stop()
            if baseline is not None:
                baseline.terminate()
                baseline.wait()


if __name__ == "__main__":
    main()
