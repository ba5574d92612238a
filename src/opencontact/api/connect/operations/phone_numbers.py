"""Phone numbers: search the carrier's inventory, claim, describe, list, move and release
numbers, and point them at their inbound flow.

A number is addressed by its id or its ARN (`...:phone-number/<id>`) and exists only in the
region of the instance that claimed it. Claims and releases run as commands on that
instance's writer; that a number is held by one instance at most is checked against the whole
account inside the command (and by a unique index in the store).

TargetArn must name an instance: traffic distribution groups are not supported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, tags_out
from opencontact.domain.arns import parse_arn
from opencontact.domain.base import Env, Outcome
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.directory import Directory
from opencontact.domain.errors import DomainError, InvalidParameter, ResourceNotFound
from opencontact.domain.phone_numbers import (
    LEGACY_TYPES,
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
from opencontact.telephony import inventory

log = logging.getLogger(__name__)

T = TypeVar("T")


# -- finding instances and numbers ------------------------------------------------------------


def _target(call: ConnectCall) -> Directory:
    """The instance named by TargetArn and/or InstanceId, in the caller's region."""
    target_arn: str | None = call.get("TargetArn")
    instance_id: str | None = call.get("InstanceId")
    if target_arn:
        by_arn = _instance_by_arn(call, target_arn)
        if instance_id and call.center.directory(instance_id, call.region) is not by_arn:
            raise InvalidParameter(
                f"TargetArn '{target_arn}' and InstanceId '{instance_id}' name different "
                "instances; give one of them."
            )
        return by_arn
    if instance_id:
        return call.center.directory(instance_id, call.region)
    raise InvalidParameter("Give InstanceId or TargetArn: the instance the number is for.")


def _instance_by_arn(call: ConnectCall, arn: str) -> Directory:
    if ":traffic-distribution-group/" in arn:
        raise InvalidParameter(
            f"TargetArn '{arn}' names a traffic distribution group; OpenContact claims numbers "
            "for instances only, so give an instance ARN."
        )
    parsed = parse_arn(arn)
    if parsed.instance_id is None or parsed.segment is not None:
        raise InvalidParameter(f"TargetArn '{arn}' is not the ARN of an instance.")
    directory = (
        call.center.account.directories.get(parsed.instance_id)
        if parsed.region == call.region and parsed.account_id == call.center.account.account_id
        else None
    )
    if directory is None or directory.instance.arn != arn:
        raise ResourceNotFound(f"TargetArn '{arn}' names no instance in region {call.region}.")
    return directory


def _locate(call: ConnectCall, reference: str) -> tuple[Directory, PhoneNumber]:
    """The claimed number named by id or ARN, and the instance holding it, in the caller's
    region. The legacy `instance/.../phone-number/<id>` ARNs are not accepted, as in Connect."""
    found = call.center.account.find_phone_number(reference)
    if (
        found is None
        or found[0].instance.region != call.region
        or (reference.startswith("arn:") and found[1].arn != reference)
    ):
        raise ResourceNotFound(
            f"Phone number '{reference}' is not claimed by any instance in region {call.region}."
        )
    return found


async def _change_on(
    call: ConnectCall, directory: Directory, command: Callable[[Directory, Env], Outcome[T]]
) -> T:
    """Run a command on the writer of the instance holding `directory`."""
    env = call.env()
    return await call.center.change(
        directory.instance.id, call.region, lambda current: command(current, env)
    )


def _instances_in_region(call: ConnectCall) -> list[Directory]:
    return [d for d in call.center.account.directories.values() if d.instance.region == call.region]


def _filtered(
    numbers: Iterable[tuple[Directory, PhoneNumber]],
    countries: list[str] | None,
    types: list[str] | None,
    prefix: str | None,
) -> list[tuple[Directory, PhoneNumber]]:
    if prefix:
        check_prefix(prefix)
    kept = [
        (directory, number)
        for directory, number in numbers
        if (not countries or number.country_code in countries)
        and (not types or number.number_type in types)
        and (not prefix or number.phone_number.startswith(prefix))
    ]
    kept.sort(key=lambda pair: (pair[1].phone_number, pair[1].id))
    return kept


# -- the carrier's inventory ------------------------------------------------------------------


@operation("SearchAvailablePhoneNumbers")
async def search_available(call: ConnectCall) -> dict[str, Any]:
    try:
        _target(call)
    except ResourceNotFound as error:  # the operation models no ResourceNotFoundException
        raise InvalidParameter(error.message) from None
    country: str = call.params["PhoneNumberCountryCode"]
    number_type = PhoneNumberType(call.params["PhoneNumberType"])
    prefix: str = call.get("PhoneNumberPrefix") or ""
    if prefix:
        check_prefix(prefix)
    claimed = {number.phone_number for _, number in call.center.account.phone_numbers()}
    available = [
        number
        for number in inventory.offered_numbers(country, number_type)
        if number.startswith(prefix) and number not in claimed
    ]
    chunk, token = page(
        available,
        call.get("NextToken"),
        call.get("MaxResults"),
        10,
        f"SearchAvailablePhoneNumbers/{country}/{number_type.value}/{prefix}",
    )
    listed = [
        {
            "PhoneNumber": number,
            "PhoneNumberCountryCode": country,
            "PhoneNumberType": number_type.value,
        }
        for number in chunk
    ]
    return {"AvailableNumbersList": listed, "NextToken": token}


@operation("ClaimPhoneNumber")
async def claim(call: ConnectCall) -> dict[str, Any]:
    target = _target(call)
    account = call.center.account
    wanted: str = call.params["PhoneNumber"]
    command = partial(
        claim_phone_number,
        account=account,
        carrier=inventory.lookup,
        phone_number=wanted,
        description=call.get("PhoneNumberDescription"),
        tags=call.get("Tags"),
        client_token=call.get("ClientToken"),
    )
    try:
        number = await _change_on(call, target, command)
    except ClientTokenReused as error:
        raise ConnectError("IdempotencyException", error.message) from None
    except DomainError:
        raise
    except Exception as error:
        # Two instances' writers claimed the number at the same moment and the store's
        # unique index refused the second; say so rather than report an internal error.
        owner = account.owner_of_number(wanted)
        if owner is not None:
            raise InvalidParameter(
                f"{wanted} is already claimed by instance {owner[0].instance.id}."
            ) from error
        raise
    return {"PhoneNumberId": number.id, "PhoneNumberArn": number.arn}


# -- claimed numbers --------------------------------------------------------------------------


def _summary(directory: Directory, number: PhoneNumber) -> dict[str, Any]:
    return compact(
        {
            "PhoneNumberId": number.id,
            "PhoneNumberArn": number.arn,
            "PhoneNumber": number.phone_number,
            "PhoneNumberCountryCode": number.country_code,
            "PhoneNumberType": number.number_type.value,
            "PhoneNumberDescription": number.description,
            "TargetArn": directory.instance.arn,
            "InstanceId": directory.instance.id,
        }
    )


@operation("DescribePhoneNumber")
async def describe(call: ConnectCall) -> dict[str, Any]:
    directory, number = _locate(call, call.params["PhoneNumberId"])
    summary = {
        **_summary(directory, number),
        "Tags": tags_out(number.tags),
        "PhoneNumberStatus": {"Status": "CLAIMED"},
    }
    return {"ClaimedPhoneNumberSummary": compact(summary)}


@operation("ListPhoneNumbersV2")
async def list_v2(call: ConnectCall) -> dict[str, Any]:
    targeted = bool(call.get("TargetArn") or call.get("InstanceId"))
    directories = [_target(call)] if targeted else _instances_in_region(call)
    countries = call.get("PhoneNumberCountryCodes")
    types = call.get("PhoneNumberTypes")
    prefix = call.get("PhoneNumberPrefix")
    numbers = _filtered(
        ((d, n) for d in directories for n in d.all(PhoneNumber)), countries, types, prefix
    )
    scope = "ListPhoneNumbersV2/" + "/".join(
        [
            directories[0].instance.id if targeted else "*",
            ",".join(countries or []),
            ",".join(types or []),
            prefix or "",
        ]
    )
    chunk, token = page(numbers, call.get("NextToken"), call.get("MaxResults"), 100, scope)
    return {
        "ListPhoneNumbersSummaryList": [_summary(d, n) for d, n in chunk],
        "NextToken": token,
    }


@operation("ListPhoneNumbers")
async def list_legacy(call: ConnectCall) -> dict[str, Any]:
    """The per-instance listing that predates ListPhoneNumbersV2: instance-scoped ARNs, and
    the newer number types folded into TOLL_FREE or DID, as Connect documents."""
    directory = call.directory()
    types = call.get("PhoneNumberTypes")
    numbers = _filtered(
        ((directory, n) for n in directory.all(PhoneNumber)),
        call.get("PhoneNumberCountryCodes"),
        None,
        None,
    )
    if types:
        numbers = [
            (d, n) for d, n in numbers if LEGACY_TYPES.get(n.number_type, n.number_type) in types
        ]
    chunk, token = page(
        numbers, call.get("NextToken"), call.get("MaxResults"), 100, "ListPhoneNumbers"
    )
    summaries = [
        {
            "Id": n.id,
            "Arn": legacy_arn(d, n),
            "PhoneNumber": n.phone_number,
            "PhoneNumberType": LEGACY_TYPES.get(n.number_type, n.number_type).value,
            "PhoneNumberCountryCode": n.country_code,
        }
        for d, n in chunk
    ]
    return {"PhoneNumberSummaryList": summaries, "NextToken": token}


@operation("UpdatePhoneNumberMetadata")
async def update_metadata(call: ConnectCall) -> dict[str, Any]:
    directory, number = _locate(call, call.params["PhoneNumberId"])
    await _change_on(
        call,
        directory,
        partial(
            update_phone_number_description,
            reference=number.id,
            description=call.get("PhoneNumberDescription"),
        ),
    )
    return {}


@operation("ReleasePhoneNumber")
async def release(call: ConnectCall) -> dict[str, Any]:
    directory, number = _locate(call, call.params["PhoneNumberId"])
    await _change_on(
        call, directory, lambda current, _env: release_phone_number(current, number.id)
    )
    return {}


@operation("UpdatePhoneNumber")
async def move(call: ConnectCall) -> dict[str, Any]:
    """Move a number to another instance of the region, in one step: it never belongs to both
    or to neither, even if the server stops half-way."""
    source, number = _locate(call, call.params["PhoneNumberId"])
    target = _target(call)
    if target.instance.id == source.instance.id:
        return {"PhoneNumberId": number.id, "PhoneNumberArn": number.arn}
    env = call.env()
    account = call.center.account
    arrived = await call.center.change_two(
        source.instance.id,
        target.instance.id,
        call.region,
        lambda leaving, joining: move_phone_number(
            leaving, joining, env, account=account, reference=number.id
        ),
    )
    return {"PhoneNumberId": arrived.id, "PhoneNumberArn": arrived.arn}


# -- the inbound flow -------------------------------------------------------------------------


@operation("AssociatePhoneNumberContactFlow")
async def associate_flow(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            associate_contact_flow,
            reference=call.params["PhoneNumberId"],
            contact_flow_id=call.params["ContactFlowId"],
        )
    )
    return {}


@operation("DisassociatePhoneNumberContactFlow")
async def disassociate_flow(call: ConnectCall) -> dict[str, Any]:
    await call.change(partial(disassociate_contact_flow, reference=call.params["PhoneNumberId"]))
    return {}


@operation("ListFlowAssociations")
async def list_flow_associations(call: ConnectCall) -> dict[str, Any]:
    """Which flow each of the instance's voice numbers goes to. Numbers without a flow are not
    listed; the other resource types (email addresses, WhatsApp numbers, analytics connectors)
    do not exist here, so asking for them lists nothing."""
    directory = call.directory()
    resource_type = call.get("ResourceType") or "VOICE_PHONE_NUMBER"
    numbers = (
        [n for n in directory.all(PhoneNumber) if n.contact_flow_id]
        if resource_type == "VOICE_PHONE_NUMBER"
        else []
    )
    numbers.sort(key=lambda n: n.phone_number)
    scope = f"ListFlowAssociations/{directory.instance.id}/{resource_type}"
    chunk, token = page(numbers, call.get("NextToken"), call.get("MaxResults"), 1000, scope)
    summaries = []
    for number in chunk:
        flow = directory.get(ContactFlow, number.contact_flow_id or "")
        summaries.append(
            {
                "ResourceId": number.arn,
                "FlowId": flow.arn if flow else number.contact_flow_id,
                "ResourceType": "VOICE_PHONE_NUMBER",
            }
        )
    return {"FlowAssociationSummaryList": summaries, "NextToken": token}
