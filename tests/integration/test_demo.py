"""`opencontact serve --demo`: the demo instance of the contracts, built once, with the
passwords the banner prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opencontact.app import start
from opencontact.config import Settings
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.users import User, user_permissions
from opencontact.passwords import verify_password
from tests.support.process import ServerProcess


async def test_the_demo_instance_is_ready_for_the_seed_walkthroughs(tmp_path: Path) -> None:
    runtime = await start(Settings(data_dir=tmp_path, demo=True))
    try:
        assert runtime.demo is not None
        directory = runtime.center.directory(runtime.demo.instance.id, "us-east-1")
        assert directory.instance.alias == "demo"
        assert directory.instance.identity_management_type.value == "CONNECT_MANAGED"

        users = {u.username: u for u in directory.all(User)}
        assert set(users) == {"agent1", "agent2", "admin"}
        agent = directory.find_by_name(SecurityProfile, "Agent")
        admin = directory.find_by_name(SecurityProfile, "Admin")
        assert agent is not None
        assert admin is not None
        for name in ("agent1", "agent2"):
            assert users[name].security_profile_ids == (agent.id,)
            assert users[name].phone_type.value == "SOFT_PHONE"
            assert "BasicAgentAccess" in user_permissions(directory, users[name])
        assert users["admin"].security_profile_ids == (admin.id,)
        for name, user in users.items():
            assert user.password_hash is not None
            assert verify_password(user.password_hash, runtime.demo.passwords[name])

        number = directory.find_by_name(PhoneNumber, runtime.demo.phone_number)
        assert number is not None
        inbound = directory.require(ContactFlow, number.contact_flow_id or "")
        assert inbound.name == "Sample inbound flow (first contact experience)"
        basic_queue = directory.find_by_name(Queue, "BasicQueue")
        assert basic_queue is not None
        assert basic_queue.arn in inbound.content

        quick_connects = {
            directory.require(QuickConnect, i).name: directory.require(QuickConnect, i)
            for i in basic_queue.quick_connect_ids
        }
        assert set(quick_connects) == {
            "agent1 qc",
            "agent2 qc",
            "BasicQueue qc",
            "Supervisor mobile",
        }
        assert quick_connects["agent1 qc"].user_id == users["agent1"].id
        assert quick_connects["agent2 qc"].user_id == users["agent2"].id
        flows = {f.id: f.name for f in directory.all(ContactFlow)}
        assert flows[quick_connects["agent2 qc"].contact_flow_id or ""] == "Default agent transfer"
        queue_qc = quick_connects["BasicQueue qc"]
        assert queue_qc.quick_connect_type is QuickConnectType.QUEUE
        assert flows[queue_qc.contact_flow_id or ""] == "Default queue transfer"
        assert quick_connects["Supervisor mobile"].phone_number == "+15555550123"
    finally:
        await runtime.close()


async def test_the_admin_password_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENCONTACT_ADMIN_PASSWORD", "Chosen1Secret")
    runtime = await start(Settings(data_dir=tmp_path, demo=True))
    await runtime.close()
    monkeypatch.setenv("OPENCONTACT_ADMIN_PASSWORD", "Changed2Secret")
    runtime = await start(Settings(data_dir=tmp_path, demo=True))
    try:
        assert runtime.demo is not None
        directory = runtime.center.directory(runtime.demo.instance.id)
        admin = directory.find_by_name(User, "admin")
        assert admin is not None
        assert admin.password_hash is not None
        assert verify_password(admin.password_hash, "Changed2Secret")
        assert runtime.demo.passwords["admin"] == "Changed2Secret"
        assert "Changed2Secret" not in (tmp_path / "demo-passwords.json").read_text()
    finally:
        await runtime.close()


def test_serve_demo_prints_what_a_newcomer_needs_and_builds_the_demo_once(tmp_path: Path) -> None:
    first = ServerProcess(tmp_path, None, "--demo")
    try:
        banner = "\n".join(first.wait_until_ready())
    finally:
        first.stop()
    assert f"http://127.0.0.1:{first.port}" in banner
    assert re.search(r"access key id\s+\S+", banner)
    assert re.search(r"secret access key\s+\S+", banner)
    assert "+18005550199" in banner
    passwords = dict(re.findall(r"user (\w+)\s+password (\S+)", banner))
    assert set(passwords) == {"agent1", "agent2", "admin"}
    instance_id = re.search(r"alias demo, id (\S+),", banner)
    assert instance_id is not None

    second = ServerProcess(tmp_path, None, "--demo")
    try:
        again = "\n".join(second.wait_until_ready())
    finally:
        second.stop()
    assert f"id {instance_id.group(1)}," in again
    assert dict(re.findall(r"user (\w+)\s+password (\S+)", again)) == passwords
