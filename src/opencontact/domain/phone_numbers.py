"""Phone numbers claimed from the carrier for an instance, each pointing at an inbound flow.

A number is offered by the carrier (its inventory says which numbers exist, of which country
and type) and can be claimed by at most one instance of the account at a time, whatever the
region. Claiming completes at once: OpenContact's carrier has no porting delay, so a claimed
number is always CLAIMED, never IN_PROGRESS. Released numbers go straight back to the carrier
(Amazon Connect holds them for a cool-down of up to 180 days; nobody testing flows wants that).

The number lives in its instance's directory, but its ARN has no instance in it
(`arn:aws:connect:<region>:<account>:phone-number/<id>`), so it keeps its ARN when it moves to
another instance.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from opencontact.domain.arns import phone_number_arn
from opencontact.domain.base import (
    Env,
    Outcome,
    PairOutcome,
    Put,
    Remove,
    Resource,
    Tags,
    check_tags,
)
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType
from opencontact.domain.dialing import check_e164
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, InvalidRequest

if TYPE_CHECKING:  # the account module imports this one
    from opencontact.domain.account import Account


class PhoneNumberType(enum.StrEnum):
    TOLL_FREE = "TOLL_FREE"
    DID = "DID"
    UIFN = "UIFN"
    SHARED = "SHARED"
    THIRD_PARTY_TF = "THIRD_PARTY_TF"
    THIRD_PARTY_DID = "THIRD_PARTY_DID"
    SHORT_CODE = "SHORT_CODE"


# How the legacy ListPhoneNumbers reports the types it predates (its documentation says it
# "incorrectly lists them as TOLL_FREE or DID").
LEGACY_TYPES: dict[PhoneNumberType, PhoneNumberType] = {
    PhoneNumberType.UIFN: PhoneNumberType.TOLL_FREE,
    PhoneNumberType.THIRD_PARTY_TF: PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED: PhoneNumberType.DID,
    PhoneNumberType.THIRD_PARTY_DID: PhoneNumberType.DID,
}


@dataclass(frozen=True)
class CarrierNumber:
    """A number the carrier can hand out: the E.164 number, its ISO country and its type."""

    phone_number: str
    country_code: str
    number_type: PhoneNumberType


# The carrier's answer to "do you have this number?" (None: not a number it offers).
CarrierLookup = Callable[[str], CarrierNumber | None]


@dataclass(frozen=True, kw_only=True)
class PhoneNumber(Resource):
    kind: ClassVar[str] = "phone-number"
    label: ClassVar[str] = "phone number"
    arn_segment: ClassVar[str] = "phone-number"

    phone_number: str
    country_code: str
    number_type: PhoneNumberType
    description: str | None = None
    contact_flow_id: str | None = None
    # The ClientToken of the ClaimPhoneNumber request, so that a retried claim is idempotent.
    client_token: str | None = None

    @property
    def unique_name(self) -> str:
        return self.phone_number

    def references(self) -> Iterable[tuple[str, str]]:
        if self.contact_flow_id:
            yield ("contact-flow", self.contact_flow_id)


class ClientTokenReused(InvalidRequest):
    """A ClientToken already used for a different claim (Connect's IdempotencyException)."""


def legacy_arn(directory: Directory, number: PhoneNumber) -> str:
    """The ARN the legacy ListPhoneNumbers shows, which names the instance (and which Connect
    does not accept for tagging)."""
    return directory.arn_for(PhoneNumber, number.id)


def check_prefix(prefix: str) -> str:
    """PhoneNumberPrefix: '+', the country code and any further leading digits."""
    if not prefix.startswith("+") or not prefix[1:].isdigit() or prefix[1] == "0":
        raise InvalidParameter(
            f"PhoneNumberPrefix '{prefix}' must be '+' followed by the country code and "
            "leading digits, e.g. +1206."
        )
    return prefix


def claim_phone_number(
    directory: Directory,
    env: Env,
    *,
    account: Account,
    carrier: CarrierLookup,
    phone_number: str,
    description: str | None = None,
    tags: Tags | None = None,
    client_token: str | None = None,
) -> Outcome[PhoneNumber]:
    """Take a number the carrier offers and nobody in the account holds."""
    if client_token:
        retried = _claimed_with_token(account, client_token)
        if retried is not None:
            owner, number = retried
            if number.phone_number != phone_number or owner.instance.id != directory.instance.id:
                raise ClientTokenReused(
                    f"ClientToken '{client_token}' was already used to claim "
                    f"{number.phone_number} for instance {owner.instance.id}; use a new token "
                    "for a different claim."
                )
            return Outcome(number)
    check_e164(phone_number)
    offered = carrier(phone_number)
    if offered is None:
        raise InvalidParameter(
            f"The carrier does not offer {phone_number}; use SearchAvailablePhoneNumbers to "
            "find numbers that can be claimed."
        )
    _check_unclaimed(account, phone_number)
    check_tags(tags or {})
    number_id = env.new_id()
    instance = directory.instance
    number = PhoneNumber(
        id=number_id,
        arn=phone_number_arn(instance.region, instance.account_id, number_id),
        phone_number=offered.phone_number,
        country_code=offered.country_code,
        number_type=offered.number_type,
        description=description,
        client_token=client_token,
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(number, [Put(number)])


def _claimed_with_token(account: Account, token: str) -> tuple[Directory, PhoneNumber] | None:
    for owner, number in account.phone_numbers():
        if number.client_token == token:
            return owner, number
    return None


def _check_unclaimed(account: Account, phone_number: str) -> None:
    owner = account.owner_of_number(phone_number)
    if owner is not None:
        raise InvalidParameter(
            f"{phone_number} is already claimed by instance {owner[0].instance.id}; release it "
            "there first, or move it with UpdatePhoneNumber."
        )


def release_phone_number(directory: Directory, reference: str) -> Outcome[PhoneNumber]:
    """Give the number back to the carrier. A number something else still uses (a queue's
    outbound caller ID) has to be freed first."""
    number = directory.require(PhoneNumber, reference)
    directory.check_not_in_use(number)
    return Outcome(number, [Remove(number)])


def update_phone_number_description(
    directory: Directory, env: Env, reference: str, *, description: str | None
) -> Outcome[PhoneNumber]:
    number = directory.require(PhoneNumber, reference)
    updated = replace(
        number,
        description=number.description if description is None else description,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def associate_contact_flow(
    directory: Directory, env: Env, reference: str, *, contact_flow_id: str
) -> Outcome[PhoneNumber]:
    """Make a flow the number's inbound flow: the flow a call to the number runs first."""
    number = directory.require(PhoneNumber, reference)
    flow = directory.require_reference(ContactFlow, contact_flow_id, "ContactFlowId")
    if flow.flow_type is not ContactFlowType.CONTACT_FLOW:
        raise InvalidParameter(
            f"Flow '{flow.name}' is a {flow.flow_type.value} flow; a phone number's inbound "
            f"flow must be of type {ContactFlowType.CONTACT_FLOW.value}."
        )
    updated = replace(
        number,
        contact_flow_id=flow.id,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def disassociate_contact_flow(
    directory: Directory, env: Env, reference: str
) -> Outcome[PhoneNumber]:
    """The number keeps ringing into the instance but runs no flow until one is associated."""
    number = directory.require(PhoneNumber, reference)
    if number.contact_flow_id is None:
        return Outcome(number)
    updated = replace(
        number, contact_flow_id=None, last_modified_time=env.now, last_modified_region=env.region
    )
    return Outcome(updated, [Put(updated)])


def move_phone_number(
    source: Directory, target: Directory, env: Env, *, account: Account, reference: str
) -> PairOutcome[PhoneNumber]:
    """UpdatePhoneNumber: the number leaves `source` (what still uses it there must let go
    first, as on release) and joins `target` with its id, ARN, description and tags, but not its
    inbound flow, which belonged to the instance it left (Connect: "It doesn't migrate the flow
    configuration of the phone number")."""
    number = source.require(PhoneNumber, reference)
    source.check_not_in_use(number)
    owner = account.owner_of_number(number.phone_number)
    if owner is not None and owner[0] is not source:
        _check_unclaimed(account, number.phone_number)
    arrived = replace(
        number, contact_flow_id=None, last_modified_time=env.now, last_modified_region=env.region
    )
    return PairOutcome(arrived, first=[Remove(number)], second=[Put(arrived)])
