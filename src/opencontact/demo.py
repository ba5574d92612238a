"""The demo instance (`opencontact serve --demo`): everything the seed walkthroughs need.

Alias `demo` in us-east-1 (CONNECT_MANAGED); users agent1 and agent2 (Agent, Basic Routing
Profile, softphone) and admin (Admin); a claimed number whose inbound flow puts callers in
BasicQueue; the quick connects `agent1 qc`, `agent2 qc`, `BasicQueue qc` and `Supervisor
mobile`, associated with BasicQueue.

It is built once, step by step through the same commands as the API. The instance carries the
tag `opencontact:demo=ready` once complete, so a start interrupted half-way finishes the job
next time, and a finished demo is never rebuilt over an admin's changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from opencontact.domain.base import Env, Outcome, Resource
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.directory import Directory
from opencontact.domain.instance import IdentityManagementType, Instance
from opencontact.domain.phone_numbers import PhoneNumber, associate_contact_flow, claim_phone_number
from opencontact.domain.provisioning import BASIC_QUEUE, InstanceSpec, create_instance
from opencontact.domain.queues import Queue, associate_queue_quick_connects
from opencontact.domain.quick_connects import (
    PhoneConfig,
    QueueConfig,
    QuickConnect,
    QuickConnectConfig,
    QuickConnectType,
    UserConfig,
    create_quick_connect,
)
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.tagging import tag_resource
from opencontact.domain.users import IdentityInfo, User, create_user, set_password_hash
from opencontact.engine.center import ContactCenter
from opencontact.passwords import hash_password_async, verify_password_async
from opencontact.telephony import inventory

T = TypeVar("T")
R = TypeVar("R", bound=Resource)

ALIAS = "demo"
REGION = "us-east-1"
PHONE_NUMBER = "+18005550199"
SUPERVISOR_MOBILE = "+15555550123"
INBOUND_FLOW = "Sample inbound flow (first contact experience)"
READY_TAG = "opencontact:demo"
USERS = (
    ("agent1", "Agent", "One", "Agent"),
    ("agent2", "Agent", "Two", "Agent"),
    ("admin", "Demo", "Admin", "Admin"),
)


@dataclass(frozen=True)
class DemoInstance:
    instance: Instance
    phone_number: str
    passwords: Mapping[str, str]


async def ensure_demo(center: ContactCenter, passwords: Mapping[str, str]) -> DemoInstance:
    """Create the demo instance if it does not exist yet (or finish it), and make the users'
    passwords those given (so OPENCONTACT_ADMIN_PASSWORD takes effect)."""
    directory = center.account.by_alias(ALIAS)
    if directory is None:
        spec = InstanceSpec(IdentityManagementType.CONNECT_MANAGED, True, True, alias=ALIAS)
        env = center.env(REGION)
        instance = await center.create_instance(lambda account: create_instance(account, env, spec))
        directory = center.directory(instance.id)
    builder = _Builder(center, directory)
    if directory.instance.tags.get(READY_TAG) != "ready":
        await builder.build(passwords)
    await builder.set_passwords(passwords)
    return DemoInstance(builder.directory.instance, PHONE_NUMBER, passwords)


class _Builder:
    def __init__(self, center: ContactCenter, directory: Directory) -> None:
        self.center = center
        self.directory = directory

    async def _run(self, command: Callable[[Directory, Env], Outcome[T]]) -> T:
        env = self.center.env(REGION)
        return await self.center.change(
            self.directory.instance.id, REGION, lambda d: command(d, env)
        )

    def _named(self, cls: type[R], name: str) -> R:
        found = self.directory.find_by_name(cls, name)
        if found is None:
            raise LookupError(f"the demo instance has no {cls.label} named {name}")
        return found

    async def build(self, passwords: Mapping[str, str]) -> None:
        routing = self._named(RoutingProfile, "Basic Routing Profile")
        for username, first, last, profile in USERS:
            if self.directory.find_by_name(User, username) is None:
                security = self._named(SecurityProfile, profile)
                await self._run(
                    partial(
                        create_user,
                        username=username,
                        security_profile_ids=[security.id],
                        routing_profile_id=routing.id,
                        password_hash=await hash_password_async(passwords[username]),
                        identity_info=IdentityInfo(first_name=first, last_name=last),
                    )
                )
        await self._claim_number()
        await self._quick_connects()
        instance_arn = self.directory.instance.arn
        await self._run(partial(tag_resource, arn=instance_arn, tags={READY_TAG: "ready"}))

    async def _claim_number(self) -> None:
        number = self.directory.find_by_name(PhoneNumber, PHONE_NUMBER)
        if number is None:
            number = await self._run(
                partial(
                    claim_phone_number,
                    account=self.center.account,
                    carrier=inventory.lookup,
                    phone_number=PHONE_NUMBER,
                    description="Demo line: the sample inbound flow puts callers in BasicQueue",
                )
            )
        flow = self._named(ContactFlow, INBOUND_FLOW)
        await self._run(
            partial(associate_contact_flow, reference=number.id, contact_flow_id=flow.id)
        )

    async def _quick_connects(self) -> None:
        queue = self._named(Queue, BASIC_QUEUE)
        agent_transfer = self._named(ContactFlow, "Default agent transfer")
        queue_transfer = self._named(ContactFlow, "Default queue transfer")
        configs = {
            "agent1 qc": QuickConnectConfig(
                QuickConnectType.USER,
                user=UserConfig(self._named(User, "agent1").id, agent_transfer.id),
            ),
            "agent2 qc": QuickConnectConfig(
                QuickConnectType.USER,
                user=UserConfig(self._named(User, "agent2").id, agent_transfer.id),
            ),
            "BasicQueue qc": QuickConnectConfig(
                QuickConnectType.QUEUE, queue=QueueConfig(queue.id, queue_transfer.id)
            ),
            "Supervisor mobile": QuickConnectConfig(
                QuickConnectType.PHONE_NUMBER, phone=PhoneConfig(SUPERVISOR_MOBILE)
            ),
        }
        ids = []
        for name, config in configs.items():
            existing = self.directory.find_by_name(QuickConnect, name)
            if existing is None:
                existing = await self._run(partial(create_quick_connect, name=name, config=config))
            ids.append(existing.id)
        await self._run(
            partial(associate_queue_quick_connects, queue_id=queue.id, quick_connect_ids=ids)
        )

    async def set_passwords(self, passwords: Mapping[str, str]) -> None:
        for username, _first, _last, _profile in USERS:
            user = self.directory.find_by_name(User, username)
            if user is None or user.password_hash is None:
                continue
            if not await verify_password_async(user.password_hash, passwords[username]):
                new_hash = await hash_password_async(passwords[username])
                await self._run(partial(set_password_hash, user_id=user.id, password_hash=new_hash))


def demo_admin_id(center: ContactCenter, demo: DemoInstance) -> str:
    """The demo instance's `admin` user (who wrote the sample knowledge articles)."""
    admin = center.directory(demo.instance.id).find_by_name(User, "admin")
    return admin.id if admin else ""
