"""Claiming numbers from the carrier, pointing them at a flow, moving and releasing them."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from opencontact.domain.account import Account
from opencontact.domain.base import Env, Put
from opencontact.domain.contact_flows import (
    ContactFlow,
    ContactFlowType,
    create_contact_flow,
    delete_contact_flow,
)
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, ResourceInUse, ResourceNotFound
from opencontact.domain.instance import IdentityManagementType
from opencontact.domain.phone_numbers import (
    ClientTokenReused,
    PhoneNumber,
    PhoneNumberType,
    associate_contact_flow,
    check_prefix,
    claim_phone_number,
    disassociate_contact_flow,
    legacy_arn,
    move_phone_number,
    release_phone_number,
    update_phone_number_description,
)
from opencontact.domain.provisioning import InstanceSpec, create_instance
from opencontact.domain.queues import OutboundCallerConfig, Queue
from opencontact.telephony import inventory
from tests.support.domain import NOW, run

_IDS = itertools.count(1)


def env(region: str = "us-east-1") -> Env:
    return Env(now=NOW, region=region, new_id=lambda: f"id-{next(_IDS):05d}")


def account_with(*aliases: str, region: str = "us-east-1") -> tuple[Account, list[Directory]]:
    account = Account("123456789012")
    directories = []
    for alias in aliases:
        outcome = create_instance(
            account,
            env(region),
            InstanceSpec(
                identity_management_type=IdentityManagementType.CONNECT_MANAGED,
                inbound_calls_enabled=True,
                outbound_calls_enabled=True,
                alias=alias,
            ),
        )
        account.apply(outcome.changes)
        directories.append(account.directory(outcome.value.id))
    return account, directories


def claim(
    account: Account,
    directory: Directory,
    number: str = "+18005550199",
    *,
    description: str | None = None,
    client_token: str | None = None,
) -> PhoneNumber:
    return run(
        directory,
        claim_phone_number(
            directory,
            env(directory.instance.region),
            account=account,
            carrier=inventory.lookup,
            phone_number=number,
            description=description,
            client_token=client_token,
        ),
    )


def test_a_claimed_number_takes_its_country_and_type_from_the_carrier() -> None:
    account, (directory,) = account_with("one")
    number = claim(account, directory, description="Main line", client_token="t-1")
    assert number.phone_number == "+18005550199"
    assert number.country_code == "US"
    assert number.number_type is PhoneNumberType.TOLL_FREE
    assert number.description == "Main line"
    assert number.arn == f"arn:aws:connect:us-east-1:123456789012:phone-number/{number.id}"
    assert legacy_arn(directory, number) == f"{directory.instance.arn}/phone-number/{number.id}"
    assert account.owner_of_number("+18005550199") == (directory, number)


def test_numbers_the_carrier_does_not_offer_cannot_be_claimed() -> None:
    account, (directory,) = account_with("one")
    with pytest.raises(InvalidParameter, match=r"\+12025550123"):
        claim(account, directory, "+12025550123")
    with pytest.raises(InvalidParameter, match=r"E\.164"):
        claim(account, directory, "18005550199")
    assert not directory.all(PhoneNumber)


def test_a_number_is_held_by_one_instance_of_the_account_at_most() -> None:
    account, (first, second) = account_with("one", "two")
    claim(account, first)
    with pytest.raises(InvalidParameter, match=first.instance.id):
        claim(account, second)
    with pytest.raises(InvalidParameter, match="already claimed"):
        claim(account, first)
    assert not second.all(PhoneNumber)


def test_a_retried_claim_with_the_same_token_returns_the_same_number() -> None:
    account, (directory, other) = account_with("one", "two")
    number = claim(account, directory, client_token="token-1")
    again = claim_phone_number(
        directory,
        env(),
        account=account,
        carrier=inventory.lookup,
        phone_number="+18005550199",
        client_token="token-1",
    )
    assert again.value == number
    assert again.changes == ()
    with pytest.raises(ClientTokenReused, match="token-1"):
        claim(account, directory, "+18005550198", client_token="token-1")
    with pytest.raises(ClientTokenReused):
        claim(account, other, "+18005550199", client_token="token-1")


def test_tags_are_checked_on_claim() -> None:
    account, (directory,) = account_with("one")
    with pytest.raises(InvalidParameter, match="aws:"):
        run(
            directory,
            claim_phone_number(
                directory,
                env(),
                account=account,
                carrier=inventory.lookup,
                phone_number="+18005550199",
                tags={"aws:owner": "me"},
            ),
        )


def test_a_released_number_goes_back_to_the_carrier() -> None:
    account, (first, second) = account_with("one", "two")
    number = claim(account, first)
    run(first, release_phone_number(first, number.arn))
    assert account.owner_of_number("+18005550199") is None
    claim(account, second)
    with pytest.raises(ResourceNotFound, match=number.id):
        release_phone_number(first, number.id)


def _flow(directory: Directory, name: str, flow_type: ContactFlowType) -> ContactFlow:
    content = (
        '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a",'
        '"Type":"DisconnectParticipant","Parameters":{}}]}'
    )
    return run(
        directory,
        create_contact_flow(directory, env(), name=name, flow_type=flow_type, content=content),
    )


def test_the_inbound_flow_must_be_a_contact_flow_of_the_same_instance() -> None:
    account, (directory, other) = account_with("one", "two")
    number = claim(account, directory)
    inbound = _flow(directory, "Inbound", ContactFlowType.CONTACT_FLOW)
    queue_flow = _flow(directory, "Queue music", ContactFlowType.CUSTOMER_QUEUE)
    elsewhere = _flow(other, "Elsewhere", ContactFlowType.CONTACT_FLOW)

    with pytest.raises(InvalidParameter, match="CUSTOMER_QUEUE"):
        associate_contact_flow(directory, env(), number.id, contact_flow_id=queue_flow.id)
    with pytest.raises(ResourceNotFound, match=elsewhere.id):
        associate_contact_flow(directory, env(), number.id, contact_flow_id=elsewhere.id)
    with pytest.raises(ResourceNotFound, match=number.id):
        associate_contact_flow(other, env(), number.id, contact_flow_id=elsewhere.id)

    linked = run(
        directory,
        associate_contact_flow(directory, env(), number.arn, contact_flow_id=inbound.arn),
    )
    assert linked.contact_flow_id == inbound.id
    with pytest.raises(ResourceInUse):
        delete_contact_flow(directory, inbound.id)
    unlinked = run(directory, disassociate_contact_flow(directory, env(), number.id))
    assert unlinked.contact_flow_id is None
    run(directory, delete_contact_flow(directory, inbound.id))


def test_disassociating_a_number_without_a_flow_changes_nothing() -> None:
    account, (directory,) = account_with("one")
    number = claim(account, directory)
    outcome = disassociate_contact_flow(directory, env(), number.id)
    assert outcome.changes == ()


def test_a_moved_number_keeps_its_identity_but_not_its_flow() -> None:
    account, (source, target) = account_with("one", "two")
    number = claim(account, source, description="Sales")
    inbound = _flow(source, "Inbound", ContactFlowType.CONTACT_FLOW)
    number = run(
        source, associate_contact_flow(source, env(), number.id, contact_flow_id=inbound.id)
    )
    moved = move_phone_number(source, target, env(), account=account, reference=number.id)
    source.apply(moved.first)
    target.apply(moved.second)
    arrived = moved.value
    assert (arrived.id, arrived.arn, arrived.description) == (number.id, number.arn, "Sales")
    assert arrived.contact_flow_id is None
    assert account.owner_of_number(number.phone_number) == (target, arrived)
    assert not source.all(PhoneNumber)
    run(source, delete_contact_flow(source, inbound.id))


def test_a_number_still_used_where_it_is_cannot_move() -> None:
    account, (source, target) = account_with("one", "two")
    number = claim(account, source)
    queue = source.find_by_name(Queue, "BasicQueue")
    assert queue is not None
    source.apply(
        [Put(replace(queue, outbound_caller_config=OutboundCallerConfig("Sales", number.id)))]
    )
    with pytest.raises(ResourceInUse, match="BasicQueue"):
        move_phone_number(source, target, env(), account=account, reference=number.id)
    assert source.all(PhoneNumber) == (number,)


def test_the_description_can_be_changed() -> None:
    account, (directory,) = account_with("one")
    number = claim(account, directory, description="Old")
    updated = run(
        directory,
        update_phone_number_description(directory, env(), number.id, description="New"),
    )
    assert updated.description == "New"


@pytest.mark.parametrize("prefix", ["1206", "+", "+0", "+1 206", "+12a"])
def test_a_prefix_is_a_plus_and_digits(prefix: str) -> None:
    with pytest.raises(InvalidParameter, match="PhoneNumberPrefix"):
        check_prefix(prefix)


def test_good_prefixes_pass() -> None:
    assert check_prefix("+1") == "+1"
    assert check_prefix("+44207946") == "+44207946"
