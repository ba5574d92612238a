"""Contact records and flow logs for supervisors: where did a call go, and why.

A customer calls the demo number; its inbound flow (the Sample inbound flow) turns flow logging
on, greets and queues the caller. The admin reads the contact and each step of the flow, live
and after the call is over, through the API, the Python client and `opencontact agent
flow-logs`. An agent's security profile has no ContactSearch.View and is refused.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from click.testing import CliRunner

from opencontact.api.agent.schemas import ContactFlowLogs, FlowLogView, field_names
from opencontact.cli_agent import agent
from opencontact.client import AgentApiError, AgentClient
from tests.integration.test_agent_api import CUSTOMER, agent_api_center, served
from tests.integration.test_chat_api import start_chat

INBOUND_FLOW = "Sample inbound flow (first contact experience)"


async def test_a_supervisor_reads_where_a_call_went(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await api.login("admin")
        call = await api.customer_calls()
        [contact] = list(api.cc.state.live.contacts.values())
        assert contact.customer_endpoint is not None
        assert contact.customer_endpoint.address == CUSTOMER

        record = await admin.ok("GET", f"/contacts/{contact.id}")
        assert (record["contactState"], record["queue"]["name"]) == ("QUEUED", "BasicQueue")

        logs = await admin.ok("GET", f"/contacts/{contact.id}/flow-logs")
        assert set(logs) == field_names(ContactFlowLogs)
        steps = [(e["flowName"], e["actionId"], e["result"]) for e in logs["flowLogs"]]
        assert steps == [
            (INBOUND_FLOW, "Turn on flow logs", "Success"),
            (INBOUND_FLOW, "Say welcome", "Success"),
            (INBOUND_FLOW, "Set working queue to BasicQueue", "Success"),
            (INBOUND_FLOW, "Transfer to BasicQueue", "Success"),
            ("Default customer queue", "Play queue messages", "Waiting: FOREVER"),
        ]
        welcome = logs["flowLogs"][1]
        assert set(welcome) == field_names(FlowLogView)
        assert welcome["actionType"] == "MessageParticipant"
        assert welcome["parameters"]["Text"].startswith("Thank you for calling.")
        assert [e["at"] for e in logs["flowLogs"]] == sorted(e["at"] for e in logs["flowLogs"])

        api.cc.carrier.party_hangs_up(call)
        await api.cc.settle()
        assert contact.id not in api.cc.state.live.contacts  # read from the store now
        record = await admin.ok("GET", f"/contacts/{contact.id}")
        assert (record["contactState"], record["disconnectReason"]) == (
            "ENDED",
            "CUSTOMER_DISCONNECT",
        )
        assert (await admin.ok("GET", f"/contacts/{contact.id}/flow-logs")) == logs


async def test_agents_and_strangers_are_refused_and_unknown_contacts_are_not_found(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await api.login("admin")
        agent1 = await api.login("agent1")
        await api.customer_calls()
        [contact_id] = list(api.cc.state.live.contacts)

        for path in (f"/contacts/{contact_id}", f"/contacts/{contact_id}/flow-logs"):
            answer = await agent1.call("GET", path)
            assert answer.status_code == 403
            assert answer.json() == {
                "error": "AccessDenied",
                "message": "Your security profile does not allow reading contact records "
                "(ContactSearch.View).",
            }
            anonymous = await api.http.get(f"/api/v1{path}")
            assert anonymous.status_code == 401

        missing = await admin.call("GET", "/contacts/no-such-contact/flow-logs")
        assert missing.status_code == 404
        assert missing.json()["message"] == "No contact 'no-such-contact' in this instance."


async def test_the_client_and_the_terminal_print_a_contact_s_flow_logs(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api, served(api.app) as url:
        await api.customer_calls()
        [contact_id] = list(api.cc.state.live.contacts)

        def read() -> tuple[dict[str, object], dict[str, object]]:
            with AgentClient(url) as client:
                client.login("demo", "admin", api.password("admin"))
                return client.contact_record(contact_id), client.flow_logs(contact_id)

        record, logs = await asyncio.to_thread(read)
        assert record["contactId"] == contact_id
        assert logs["contactId"] == contact_id

        def refused() -> AgentApiError:
            with AgentClient(url) as client:
                client.login("demo", "agent1", api.password("agent1"))
                try:
                    client.flow_logs(contact_id)
                except AgentApiError as error:
                    return error
            raise AssertionError("an agent read flow logs")

        error = await asyncio.to_thread(refused)
        assert (error.status, error.code) == (403, "AccessDenied")

        env = {"OPENCONTACT_AGENT_SESSION": str(tmp_path / "session.json")}
        runner = CliRunner()
        login = ["login", "--url", url, "--instance", "demo", "--username", "admin"]
        result = await asyncio.to_thread(
            runner.invoke, agent, login, input=api.password("admin") + "\n", env=env
        )
        assert result.exit_code == 0, result.output
        result = await asyncio.to_thread(runner.invoke, agent, ["flow-logs", contact_id], env=env)
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert len(lines) == 5
        assert lines[1].endswith(f"{INBOUND_FLOW}  MessageParticipant -> Success")
        assert lines[3].endswith(
            f"{INBOUND_FLOW}  TransferContactToQueue -> Success: Transferred to queue BasicQueue."
        )


async def test_a_supervisor_reads_a_chats_transcript_from_its_record(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await api.login("admin")
        agent1 = await api.login("agent1")
        customer = await start_chat(api, initialMessage="Where is my parcel?")
        await customer.connect()
        await customer.ok("message", {"ContentType": "text/plain", "Content": "Order 4711."})
        await api.cc.settle()

        record = await admin.ok("GET", f"/contacts/{customer.contact_id}/transcript")
        assert record["contactId"] == customer.contact_id
        said = [
            (item["ParticipantRole"], item["Content"])
            for item in record["items"]
            if item["Type"] == "MESSAGE"
        ]
        assert ("CUSTOMER", "Where is my parcel?") in said
        assert ("CUSTOMER", "Order 4711.") in said
        assert any(role == "SYSTEM" for role, _ in said)  # the inbound flow's greeting
        # The same as the customer's own transcript.
        own = await customer.transcript()
        assert [i["Id"] for i in own["Transcript"]] == [i["Id"] for i in record["items"]]

        # An agent's profile has no ContactSearch.View; a call has no transcript.
        await agent1.refused(
            "GET", f"/contacts/{customer.contact_id}/transcript", None, 403, "AccessDenied"
        )
        await api.customer_calls()
        [call] = [c for c in api.cc.state.live.contacts.values() if c.channel.value == "VOICE"]
        await admin.refused(
            "GET", f"/contacts/{call.id}/transcript", None, 409, "InvalidRequest", "not a chat"
        )
        await admin.refused("GET", "/contacts/nope/transcript", None, 404, "ResourceNotFound")
