"""Carrying out flows' Customer profiles and Cases blocks in the store.

Profiles and cases are records outside the engine's state (store/customer_profiles.py,
store/cases.py; one transaction per change), so a flow cannot read them inside the writer's
pure step. The flow emits a ProfileRequest or CaseRequest, the writer turns it into a
`ReachRecords` effect, and once the batch is durable the runtime hands it here; the answer
goes back to the flow as `RecordsAnswered` (a stale one is ignored by the flow's step).

The answer names the branch the block takes, as Connect's: Success, NoneFoundError /
MultipleFoundError (profiles), NoneFound / MultipleFound / ContactNotLinked (cases), or
NoMatchingError with the reason (a value that is not valid, a record that does not exist).
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Mapping
from datetime import datetime

from opencontact.clock import Clock
from opencontact.domain import cases as case_rules
from opencontact.domain import customer_profiles as profile_rules
from opencontact.domain.cases import KEEP, Case, CaseSearch, CaseUpdate
from opencontact.domain.customer_profiles import (
    ADDRESS_FIELDS,
    DETAIL_FIELDS,
    WIRE_NAMES,
    CustomerProfile,
    ProfileChanges,
)
from opencontact.domain.dialing import dial_plan
from opencontact.domain.errors import DomainError, InvalidParameter, InvalidRequest
from opencontact.engine.effects import ReachRecords
from opencontact.flows.document import NO_MATCHING_ERROR
from opencontact.flows.run import CaseRequest, ProfileRequest, RecordsAnswered
from opencontact.store.cases import CaseStore, ReferenceTaken, not_found
from opencontact.store.customer_profiles import CustomerProfileStore

log = logging.getLogger(__name__)

SUCCESS = "Success"
# Who a case created or changed by a flow is by (cases record a user id; a flow is none).
FLOW_AUTHOR = "contact-flow"
# How many profiles or cases one search looks at (enough to tell one from several).
SEARCH_LIMIT = 100
_REFERENCE_ATTEMPTS = 8

_FIELD_OF_WIRE = {wire: name for name, wire in WIRE_NAMES.items()}
_ATTRIBUTE = "Attributes."
_CASE_FIELDS = ("title", "status", "summary", "customer_id")


class WorkspaceCalls:
    """The profile and case stores, as flows' blocks reach them."""

    def __init__(self, profiles: CustomerProfileStore, cases: CaseStore, clock: Clock) -> None:
        self._profiles = profiles
        self._cases = cases
        self._clock = clock

    async def answer(self, call: ReachRecords) -> RecordsAnswered:
        try:
            if isinstance(call.request, ProfileRequest):
                return await self._profile(call, call.request)
            if isinstance(call.request, CaseRequest):
                return await self._case(call, call.request)
            return _error(f"Unknown request {call.request!r}.")
        except DomainError as error:
            return _error(str(error))
        except Exception as error:  # a store failure: the block takes its error branch
            log.exception("contact %s: %r failed", call.contact_id, call.request)
            return _error(f"The store could not be reached: {error}")

    # -- customer profiles -----------------------------------------------------------------------

    async def _profile(self, call: ReachRecords, request: ProfileRequest) -> RecordsAnswered:
        home_country = dial_plan(call.region).home_country
        now = self._clock.now()
        if request.operation == "GET":
            found = await self._find_profiles(call.instance_id, request, home_country)
            if not found:
                return RecordsAnswered("NoneFoundError", detail="No customer profile matches.")
            if len(found) > 1:
                return RecordsAnswered(
                    "MultipleFoundError", detail=f"{len(found)} customer profiles match."
                )
            profile = found[0]
            detail = f"Found customer profile {profile.id}."
        elif request.operation == "CREATE":
            values, address, attributes = _profile_fields(request.fields)
            details = profile_rules.new_details(values, address, attributes, home_country)
            profile = profile_rules.create_profile(uuid.uuid4().hex, details, now)
            await self._profiles.create(call.instance_id, profile)
            detail = f"Created customer profile {profile.id}."
        else:
            profile_id = _profile_id(request.profile_id or "")
            values, address, attributes = _profile_fields(request.fields)
            changes = ProfileChanges(
                {name: value or "" for name, value in values.items()},
                {name: value or "" for name, value in address.items()} if address else None,
                attributes or None,
            )

            def change(current: CustomerProfile) -> CustomerProfile:
                details = profile_rules.changed_details(current.details, changes, home_country)
                return profile_rules.update_profile(current, details, now)

            profile = await self._profiles.update(call.instance_id, profile_id, change)
            detail = f"Updated customer profile {profile.id}."
        return RecordsAnswered(
            SUCCESS, profile_record(profile, _profile_arn(call, profile.id)), detail
        )

    async def _find_profiles(
        self, instance_id: str, request: ProfileRequest, home_country: str
    ) -> list[CustomerProfile]:
        keys = [
            profile_rules.search_key(name, [value], home_country) for name, value in request.search
        ]
        if not request.match_all:
            return await self._profiles.search(instance_id, keys, limit=SEARCH_LIMIT)
        found: dict[str, CustomerProfile] | None = None
        for key in keys:
            matches = await self._profiles.search(instance_id, [key], limit=SEARCH_LIMIT)
            by_id = {profile.id: profile for profile in matches}
            found = by_id if found is None else {i: p for i, p in found.items() if i in by_id}
        return list((found or {}).values())

    # -- cases -------------------------------------------------------------------------------------

    async def _case(self, call: ReachRecords, request: CaseRequest) -> RecordsAnswered:
        now = self._clock.now()
        if request.operation == "CREATE":
            return await self._create_case(call, request, now)
        if request.operation == "GET":
            found = await self._find_cases(call.instance_id, request)
            if not found:
                return RecordsAnswered("NoneFound", detail="No case matches.")
            if len(found) > 1 and not request.last_updated:
                return RecordsAnswered("MultipleFound", detail=f"{len(found)} cases match.")
            case = max(found, key=lambda c: (c.updated_at, c.created_at))
            detail = f"Found case {case.reference_number}."
        else:
            case_id = request.case_id or ""
            update = _case_update(request.fields)
            if update.empty:
                found_case = await self._cases.get(call.instance_id, case_id)
                if found_case is None:
                    raise not_found(case_id)
                case = found_case
            else:
                case = await self._cases.change(
                    call.instance_id,
                    case_id,
                    lambda c: case_rules.update_case(c, update, by=FLOW_AUTHOR, at=now),
                )
            detail = f"Updated case {case.reference_number}."
        record = case_record(case)
        if request.link_contact and not await self._link(call, case, now):
            return RecordsAnswered(
                "ContactNotLinked", record, f"{detail} The contact could not be linked to it."
            )
        return RecordsAnswered(SUCCESS, record, detail)

    async def _create_case(
        self, call: ReachRecords, request: CaseRequest, now: datetime
    ) -> RecordsAnswered:
        fields = request.fields
        case_id = str(uuid.uuid4())
        links = (
            [
                case_rules.linked_contact(
                    item_id=str(uuid.uuid4()),
                    case_id=case_id,
                    contact_id=call.contact_id,
                    channel=call.channel,
                    by=FLOW_AUTHOR,
                    at=now,
                )
            ]
            if request.link_contact
            else []
        )
        for _attempt in range(_REFERENCE_ATTEMPTS):
            case = case_rules.open_case(
                case_id=case_id,
                reference=case_rules.reference_number(
                    secrets.randbelow(10**case_rules.REFERENCE_DIGITS)
                ),
                title=fields.get("title", ""),
                status=fields.get("status") or case_rules.CaseStatus.OPEN,
                summary=fields.get("summary", ""),
                customer_id=_customer_id(fields.get("customer_id")),
                by=FLOW_AUTHOR,
                at=now,
            )
            try:
                await self._cases.create(call.instance_id, case, links)
            except ReferenceTaken:
                continue
            return RecordsAnswered(
                SUCCESS, case_record(case), f"Created case {case.reference_number}."
            )
        return _error("No free case reference number after several draws.")

    async def _find_cases(self, instance_id: str, request: CaseRequest) -> list[Case]:
        wanted = {
            name: _customer_id(value) if name == "customer_id" else value
            for name, value in request.fields.items()
        }
        customer_id = _customer_id(request.customer_id)
        if customer_id is not None:
            wanted["customer_id"] = customer_id
        if request.case_id:
            case = await self._cases.get(instance_id, request.case_id)
            candidates = [case] if case is not None else []
        else:
            search = CaseSearch(
                text=wanted.get("title") or wanted.get("reference_number"),
                customer_id=wanted.get("customer_id"),
                limit=SEARCH_LIMIT,
            )
            candidates = list((await self._cases.search(instance_id, search)).items)
        return [
            case
            for case in candidates
            if all(case_record(case).get(name, "") == value for name, value in wanted.items())
        ]

    async def _link(self, call: ReachRecords, case: Case, now: datetime) -> bool:
        """Link the contact to the case; True when it is linked (already or now)."""
        item = case_rules.linked_contact(
            item_id=str(uuid.uuid4()),
            case_id=case.id,
            contact_id=call.contact_id,
            channel=call.channel,
            by=FLOW_AUTHOR,
            at=now,
        )
        try:
            await self._cases.add_related_item(call.instance_id, item)
        except InvalidRequest:
            return True  # the contact is linked to this case already
        except DomainError:
            return False
        return True


# -- records as flows see them ---------------------------------------------------------------------


def profile_record(profile: CustomerProfile, arn: str) -> dict[str, str]:
    """A profile as flat text fields with Amazon's names ($.Customer.<name>)."""
    details = profile.details
    record = {"ProfileId": profile.id, "ProfileARN": arn}
    for name in DETAIL_FIELDS:
        value = getattr(details, name)
        if value:
            record[WIRE_NAMES[name]] = value
    for name in ADDRESS_FIELDS:
        value = getattr(details.address, name)
        if value:
            record[WIRE_NAMES[name]] = value
    if details.full_name:
        record["FullName"] = details.full_name
    for key, value in details.attributes.items():
        record[f"{_ATTRIBUTE}{key}"] = value
    return record


def case_record(case: Case) -> dict[str, str]:
    """A case as flat text fields with Amazon Connect Cases' system field ids ($.Case.<id>)."""
    record = {
        "case_id": case.id,
        "reference_number": case.reference_number,
        "title": case.title,
        "status": case.status.value,
        "summary": case.summary,
        "created_datetime": case.created_at.isoformat(),
        "last_updated_datetime": case.updated_at.isoformat(),
    }
    if case.customer_id:
        record["customer_id"] = case.customer_id
    if case.assignee_id:
        record["assigned_user"] = case.assignee_id
    if case.closed_at is not None:
        record["last_closed_datetime"] = case.closed_at.isoformat()
    return record


def _profile_arn(call: ReachRecords, profile_id: str) -> str:
    """A profile's ARN; the instance stands for Amazon's Customer Profiles domain."""
    return (
        f"arn:aws:profile:{call.region}:{call.account_id}:domains/{call.instance_id}"
        f"/profiles/{profile_id}"
    )


def _profile_id(reference: str) -> str:
    """A profile id, or the id inside a profile ARN."""
    return profile_rules.check_profile_id(reference.rsplit("/profiles/", 1)[-1].strip().lower())


def _customer_id(value: str | None) -> str | None:
    """A case's customer: flows pass $.Customer.ProfileARN, the cases keep the profile id."""
    if value is None:
        return None
    return value.rsplit("/profiles/", 1)[-1].strip() or None


def _profile_fields(
    fields: Mapping[str, str],
) -> tuple[dict[str, str | None], dict[str, str | None], dict[str, str]]:
    values: dict[str, str | None] = {}
    address: dict[str, str | None] = {}
    attributes: dict[str, str] = {}
    unknown: list[str] = []
    for wire, value in fields.items():
        if wire.startswith(_ATTRIBUTE) and len(wire) > len(_ATTRIBUTE):
            attributes[wire[len(_ATTRIBUTE) :]] = value
            continue
        name = _FIELD_OF_WIRE.get(wire)
        if name in DETAIL_FIELDS:
            values[name] = value
        elif name in ADDRESS_FIELDS:
            address[name] = value
        else:
            unknown.append(wire)
    if unknown:
        raise InvalidParameter(f"Not a profile field here: {', '.join(sorted(unknown))}.")
    return values, address, attributes


def _case_update(fields: Mapping[str, str]) -> CaseUpdate:
    unknown = sorted(set(fields) - set(_CASE_FIELDS))
    if unknown:
        raise InvalidParameter(
            f"Cases have no field {', '.join(unknown)} to change; use {', '.join(_CASE_FIELDS)}."
        )
    customer = fields.get("customer_id")
    return CaseUpdate(
        title=fields.get("title", KEEP),
        status=fields.get("status", KEEP),
        summary=fields.get("summary", KEEP),
        customer_id=_customer_id(customer) if customer is not None else KEEP,
    )


def _error(detail: str) -> RecordsAnswered:
    return RecordsAnswered(NO_MATCHING_ERROR, detail=detail)
