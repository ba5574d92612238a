"""The Python client and `opencontact agent ...` against a served OpenContact: an agent answers
a call from a script, and the terminal commands log in, show and set the status, dial and
watch — every refusal a readable sentence, never a traceback.

The client is synchronous, so it runs on a worker thread while the server (uvicorn) and the
engine keep the test's event loop.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from opencontact.cli_agent import agent
from opencontact.client import AgentApiError, AgentClient
from tests.integration.test_agent_api import AgentApiUnderTest, agent_api_center, served


@asynccontextmanager
async def live(tmp_path: Path) -> AsyncIterator[tuple[AgentApiUnderTest, str]]:
    async with agent_api_center(tmp_path) as api, served(api.app) as url:
        yield api, url


async def test_a_script_answers_a_call_with_the_client(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, url):
        with AgentClient(url) as client:
            session = await asyncio.to_thread(
                client.login, "demo", "agent1", api.password("agent1")
            )
            assert session["user"]["username"] == "agent1"
            assert client.token == session["token"]
            assert (await asyncio.to_thread(client.whoami))["user"]["username"] == "agent1"
            await asyncio.to_thread(client.set_status, "Available")
            await api.customer_calls()
            [offered] = (await asyncio.to_thread(client.agent))["contacts"]
            contact_id = offered["contactId"]
            await asyncio.to_thread(client.accept, contact_id)
            await api.cc.settle()
            assert (await asyncio.to_thread(client.hold, contact_id))["state"] == "On hold"
            assert (await asyncio.to_thread(client.resume, contact_id))["state"] == "On contact"
            names = [q["name"] for q in await asyncio.to_thread(client.quick_connects)]
            assert "agent2 qc" in names
            desk = await asyncio.to_thread(client.update_attributes, contact_id, {"vip": "yes"})
            assert desk["contacts"][0]["attributes"]["vip"] == "yes"
            assert (await asyncio.to_thread(client.contact, contact_id))["state"] == "CONNECTED"
            assert (await asyncio.to_thread(client.end, contact_id))["state"] == (
                "After contact work"
            )
            desk = await asyncio.to_thread(client.close_contact, contact_id)
            assert desk["state"] == "Available"


async def test_the_client_raises_the_server_s_refusals(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, url):
        with AgentClient(url) as client:
            with pytest.raises(AgentApiError) as wrong:
                await asyncio.to_thread(client.login, "demo", "agent1", "Wrong-passw0rd")
            assert (wrong.value.status, wrong.value.code) == (401, "Unauthorized")
            assert wrong.value.message == "The username or password is not right."
            with pytest.raises(AgentApiError) as anonymous:
                await asyncio.to_thread(client.agent)
            assert anonymous.value.status == 401
            await asyncio.to_thread(client.login, "demo", "agent1", api.password("agent1"))
            with pytest.raises(AgentApiError) as missing:
                await asyncio.to_thread(client.hold, "no-such-contact")
            assert (missing.value.status, missing.value.code) == (404, "ResourceNotFound")
            with pytest.raises(AgentApiError) as emergency:
                await asyncio.to_thread(client.call, "911")
            assert (emergency.value.status, emergency.value.code) == (403, "DestinationNotAllowed")
            with pytest.raises(AgentApiError) as both:
                await asyncio.to_thread(
                    client.transfer, "c", quick_connect_id="q", phone_number="+12065550100"
                )
            assert both.value.status == 400


async def test_the_client_says_when_the_server_cannot_be_reached() -> None:
    with (
        AgentClient("http://127.0.0.1:9", token="t") as client,
        pytest.raises(AgentApiError) as unreachable,
    ):
        await asyncio.to_thread(client.agent)
    assert unreachable.value.status == 0
    assert unreachable.value.code == "ConnectionFailed"
    assert "Could not reach OpenContact at http://127.0.0.1:9" in unreachable.value.message


# -- the CLI ------------------------------------------------------------------------------------


class Terminal:
    def __init__(self, url: str, session_file: Path) -> None:
        self.url = url
        self.env = {"OPENCONTACT_AGENT_SESSION": str(session_file)}
        self.runner = CliRunner()

    async def run(self, *args: str, input: str | None = None) -> Result:
        return await asyncio.to_thread(
            self.runner.invoke, agent, list(args), input=input, env=self.env
        )


async def test_an_agent_logs_in_sets_a_status_and_dials_from_the_terminal(
    tmp_path: Path,
) -> None:
    async with live(tmp_path) as (api, url):
        saved = tmp_path / "agent-session.json"
        terminal = Terminal(url, saved)
        result = await terminal.run(
            "login", "--url", url, "--instance", "demo", "--username", "agent1",
            input=api.password("agent1") + "\n",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert "Logged in to demo as agent1" in result.output
        assert api.password("agent1") not in result.output
        assert saved.stat().st_mode & 0o777 == 0o600
        assert json.loads(saved.read_text())["username"] == "agent1"

        result = await terminal.run("whoami")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("agent1 on demo")

        result = await terminal.run("status")
        assert result.exit_code == 0, result.output
        assert "State: Offline" in result.output
        assert "Statuses: Available, Offline" in result.output
        result = await terminal.run("status", "Available")
        assert result.output.strip() == "State: Available"

        result = await terminal.run("call", "+12065550100")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Calling +12065550100: contact ")


async def test_an_agent_takes_a_call_from_the_terminal(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, url):
        terminal = Terminal(url, tmp_path / "session.json")
        await terminal.run(
            "login", "--url", url, "--instance", "demo", "--username", "agent1",
            "--password", api.password("agent1"),
        )  # fmt: skip
        await terminal.run("status", "Available")
        call = await api.customer_calls()
        contact_id = api.cc.contact_of_call(call)

        result = await terminal.run("status")
        assert result.output.splitlines()[:2] == [
            "State: Incoming",
            f"  contact {contact_id} (VOICE INBOUND, +15555550100): OFFERED",
        ]
        for move, state in [
            ("accept", "On contact"),
            ("hold", "On hold"),
            ("resume", "On contact"),
            ("end", "After contact work"),
        ]:
            result = await terminal.run(move)
            assert result.exit_code == 0, result.output
            assert result.output.splitlines()[0] == f"State: {state}"
            await api.cc.settle()
        assert api.cc.carrier.call(call).state == "ended"
        result = await terminal.run("close", contact_id)
        assert result.output.strip() == "State: Available"

        result = await terminal.run("close")
        assert (result.exit_code, result.output.strip()) == (1, "Error: You have no contact.")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["status", "Lunchtime"], "Error: 'Lunchtime' is not an agent status of this instance."),
        (["call", "911"], "is an emergency number"),
        (["call", "+447700900123"], "not allowed"),
    ],
)
async def test_the_terminal_prints_refusals_as_sentences(
    tmp_path: Path, args: list[str], words: str
) -> None:
    async with live(tmp_path) as (api, url):
        terminal = Terminal(url, tmp_path / "session.json")
        await terminal.run(
            "login", "--url", url, "--instance", "demo", "--username", "agent1",
            "--password", api.password("agent1"),
        )  # fmt: skip
        result = await terminal.run(*args)
        assert result.exit_code == 1
        assert words in result.output
        assert "Traceback" not in result.output


async def test_the_terminal_asks_to_log_in_first_or_again(tmp_path: Path) -> None:
    async with live(tmp_path) as (_api, url):
        terminal = Terminal(url, tmp_path / "session.json")
        result = await terminal.run("status")
        assert result.exit_code == 1
        assert "Not logged in: run `opencontact agent login`" in result.output
        result = await terminal.run("whoami", "--url", url, "--token", "forged.token")
        assert result.exit_code == 1
        assert "The session token is not valid; log in again." in result.output
        assert "Run `opencontact agent login`." in result.output
        result = await terminal.run(
            "login", "--url", url, "--instance", "demo", "--username", "agent1",
            "--password", "Wrong-passw0rd",
        )  # fmt: skip
        assert result.exit_code == 1
        assert result.output.strip() == "Error: The username or password is not right."
        result = await terminal.run("whoami", "--url", "http://127.0.0.1:9", "--token", "t")
        assert result.exit_code == 1
        assert "Could not reach OpenContact" in result.output


async def test_watch_prints_the_snapshot_then_each_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with live(tmp_path) as (api, url):
        agent1 = await api.login("agent1")
        bus = api.cc.runtime.bus
        following = asyncio.Event()
        subscribe = bus.subscribe

        def spy(instance_id: str, subscriber: Any) -> Any:
            stop = subscribe(instance_id, subscriber)
            following.set()  # the snapshot is taken in this same step
            return stop

        monkeypatch.setattr(bus, "subscribe", spy)
        terminal = Terminal(url, tmp_path / "session.json")
        watching = asyncio.create_task(
            terminal.run("watch", "--url", url, "--token", agent1.token, "--max-events", "2")
        )
        await asyncio.wait_for(following.wait(), 10)
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        result = await asyncio.wait_for(watching, 10)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [
            "snapshot: agent1 is Offline",
            "agent: agent1 is Available",
        ]


async def test_watch_prints_json_lines_on_request(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, url):
        agent1 = await api.login("agent1")
        terminal = Terminal(url, tmp_path / "session.json")
        result = await terminal.run(
            "watch", "--url", url, "--token", agent1.token, "--json", "--max-events", "1"
        )
        assert result.exit_code == 0, result.output
        message = json.loads(result.output)
        assert message["type"] == "snapshot"
        assert message["agent"]["username"] == "agent1"
