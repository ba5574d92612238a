"""Customer profiles (`/api/v1/customer-profiles`), modelled on Amazon Connect Customer
Profiles: SearchProfiles, CreateProfile, GetProfile, UpdateProfile, DeleteProfile and
ListProfileObjects (the profile's contact history, object type `CTR`), with Amazon's field names
(ProfileId, FirstName, PhoneNumber, Address.City, Attributes ...). One more for the agent
application's panel: the profiles of the customer of one of the agent's contacts, and what a new
profile for them would start from.

Every operation checks the caller's security profile now: reading needs CustomerProfiles.View,
creating CustomerProfiles.Create, changing and deleting CustomerProfiles.Edit. Each change is
one database transaction committed before the answer; an error means nothing changed.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_pascal
from starlette.responses import Response

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import ApiContext, Context, Session
from opencontact.api.agent.desk import own_contact
from opencontact.api.agent.json import Json
from opencontact.api.agent.paging import token_offset
from opencontact.api.agent.schemas import error_responses
from opencontact.domain import customer_profiles as domain
from opencontact.domain.contacts import Contact
from opencontact.domain.customer_profiles import (
    ADDRESS_FIELDS,
    DETAIL_FIELDS,
    WIRE_NAMES,
    CustomerProfile,
    ProfileChanges,
)
from opencontact.domain.dialing import dial_plan
from opencontact.domain.errors import DomainError, InvalidParameter, ResourceNotFound
from opencontact.domain.queues import Queue
from opencontact.domain.users import User
from opencontact.engine.state import InstanceState

router = APIRouter(prefix="/customer-profiles", tags=["Customer profiles"])

VIEW = "CustomerProfiles.View"
CREATE = "CustomerProfiles.Create"
EDIT = "CustomerProfiles.Edit"

CONTACT_RECORD = "CTR"
DEFAULT_PAGE = 20
MAX_PAGE = 100


# -- shapes (Amazon's member names: PascalCase) --------------------------------------------------


class _Pascal(BaseModel):
    model_config = ConfigDict(alias_generator=to_pascal, populate_by_name=True)


class _PascalRequest(_Pascal):
    model_config = ConfigDict(extra="forbid")


_Text = Annotated[str | None, Field(max_length=2000)]


class ProfileAddress(_PascalRequest):
    address1: _Text = None
    address2: _Text = None
    address3: _Text = None
    address4: _Text = None
    city: _Text = None
    county: _Text = None
    state: _Text = None
    province: _Text = None
    country: _Text = None
    postal_code: _Text = None


class ProfileFields(_PascalRequest):
    first_name: _Text = None
    middle_name: _Text = None
    last_name: _Text = None
    business_name: _Text = None
    account_number: _Text = None
    additional_information: _Text = None
    phone_number: str | None = Field(
        default=None,
        max_length=2000,
        description="E.164, or a national number of the instance region's home country; "
        "likewise MobilePhoneNumber, HomePhoneNumber and BusinessPhoneNumber.",
    )
    mobile_phone_number: _Text = None
    home_phone_number: _Text = None
    business_phone_number: _Text = None
    email_address: _Text = None
    personal_email_address: _Text = None
    business_email_address: _Text = None
    address: ProfileAddress | None = None
    attributes: dict[str, str] | None = Field(
        default=None, description="Free attributes: name -> text (at most 100)."
    )


class CreateProfileRequest(ProfileFields):
    pass


class UpdateProfileRequest(ProfileFields):
    expected_version: int | None = Field(
        default=None,
        ge=1,
        description="The Version the change was made from: refused (409) if the profile has "
        "changed since. Without it the last write wins, field by field.",
    )


class SearchProfilesRequest(_PascalRequest):
    key_name: str = Field(
        min_length=1, max_length=64, description="_phone, _email, _fullName, _account, _profileId"
    )
    values: list[str] = Field(min_length=1, max_length=10)


class ProfileView(_Pascal):
    profile_id: str
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    business_name: str | None = None
    account_number: str | None = None
    additional_information: str | None = None
    phone_number: str | None = None
    mobile_phone_number: str | None = None
    home_phone_number: str | None = None
    business_phone_number: str | None = None
    email_address: str | None = None
    personal_email_address: str | None = None
    business_email_address: str | None = None
    address: ProfileAddress | None = None
    attributes: dict[str, str]
    full_name: str | None = Field(default=None, description="OpenContact: the name shown.")
    version: int = Field(description="OpenContact: counts the profile's changes (1 at first).")
    created_at: str
    last_updated_at: str


class ProfileAnswer(_Pascal):
    profile_id: str
    profile: ProfileView


class SearchProfilesAnswer(_Pascal):
    items: list[ProfileView]
    next_token: str | None = None


class DeleteProfileAnswer(_Pascal):
    message: str


class ProfileObject(_Pascal):
    object_type_name: str
    profile_object_unique_key: str = Field(description="The contact id.")
    object: str = Field(
        description="The contact record as a JSON string: ContactId, Channel, "
        "InitiationMethod, InitiationTimestamp, DisconnectTimestamp, DisconnectReason, "
        "Queue {Id, Name}, Agent {Id, Username, Name}, CustomerEndpoint {Type, Address}."
    )


class ProfileObjectsAnswer(_Pascal):
    items: list[ProfileObject]
    next_token: str | None = None


class SearchedKey(_Pascal):
    key_name: str
    values: list[str]


class ContactProfilesAnswer(_Pascal):
    contact_id: str
    searched_by: list[SearchedKey]
    items: list[ProfileView]
    suggested_profile: dict[str, str] = Field(
        description="A new profile for this customer would start from these fields."
    )


# -- helpers -------------------------------------------------------------------------------------


def _state(context: ApiContext, session: AgentSession) -> InstanceState:
    return context.desk.center.state(session.instance_id)


def _home_country(context: ApiContext, session: AgentSession) -> str:
    return dial_plan(_state(context, session).instance.region).home_country


def _time(value: Any) -> str:
    return str(value.isoformat())


def profile_view(profile: CustomerProfile) -> dict[str, Any]:
    details = profile.details
    view: dict[str, Any] = {"ProfileId": profile.id}
    for name in DETAIL_FIELDS:
        value = getattr(details, name)
        if value is not None:
            view[WIRE_NAMES[name]] = value
    if not details.address.is_empty:
        view["Address"] = {
            WIRE_NAMES[name]: getattr(details.address, name)
            for name in ADDRESS_FIELDS
            if getattr(details.address, name) is not None
        }
    view["Attributes"] = dict(details.attributes)
    if details.full_name:
        view["FullName"] = details.full_name
    view["Version"] = profile.version
    view["CreatedAt"] = _time(profile.created_at)
    view["LastUpdatedAt"] = _time(profile.updated_at)
    return view


def _answer(profile: CustomerProfile, status: int = 200) -> Response:
    return Json({"ProfileId": profile.id, "Profile": profile_view(profile)}, status_code=status)


def _page(items: list[Any], limit: int, offset: int) -> tuple[list[Any], str | None]:
    """`items` holds up to limit + 1 rows: one more means there is a next page."""
    if len(items) > limit:
        return items[:limit], str(offset + limit)
    return items, None


def _values(fields: ProfileFields) -> dict[str, str]:
    given = fields.model_dump(exclude_unset=True, exclude={"address", "attributes"})
    given.pop("expected_version", None)
    return {name: value for name, value in given.items() if value is not None}


def _address(fields: ProfileFields) -> dict[str, str] | None:
    if fields.address is None:
        return None
    given = fields.address.model_dump(exclude_unset=True)
    return {name: value for name, value in given.items() if value is not None}


def contact_record(state: InstanceState, contact: Contact) -> dict[str, Any]:
    """A contact as a profile object of type CTR (Amazon's contact-record field names)."""
    queue = state.directory.get(Queue, contact.queue_id or "")
    leg = contact.agent
    user = state.directory.get(User, leg.user_id) if leg else None
    name = None
    if user is not None:
        parts = [user.identity_info.first_name, user.identity_info.last_name]
        name = " ".join(p for p in parts if p) or None
    endpoint = contact.customer_endpoint
    return {
        "ContactId": contact.id,
        "Channel": contact.channel.value,
        "InitiationMethod": contact.initiation_method.value,
        "InitiationTimestamp": _time(contact.initiated_at),
        "DisconnectTimestamp": _time(contact.disconnected_at) if contact.disconnected_at else None,
        "DisconnectReason": contact.disconnect_reason.value if contact.disconnect_reason else None,
        "Queue": {"Id": queue.id, "Name": None if queue.is_agent_queue else queue.name}
        if queue
        else None,
        "Agent": {"Id": user.id, "Username": user.username, "Name": name}
        if user is not None
        else ({"Id": leg.user_id, "Username": None, "Name": None} if leg else None),
        "CustomerEndpoint": {"Type": endpoint.type, "Address": endpoint.address}
        if endpoint
        else None,
    }


# -- operations ----------------------------------------------------------------------------------


@router.post(
    "/search",
    response_model=SearchProfilesAnswer,
    summary="SearchProfiles",
    description="Profiles found by one search key: `_phone` (E.164, or a national number), "
    "`_email` (any case), `_fullName` (names containing the value, any case), `_account`, "
    "`_profileId`. Several Values are alternatives. Most recently changed first; "
    "`MaxResults` (1-100, default 20) and `NextToken` in the query string.",
    responses=error_responses(400, 401, 403),
)
async def search_profiles(
    request: SearchProfilesRequest,
    session: Session,
    context: Context,
    max_results: Annotated[int, Query(alias="MaxResults", ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    next_token: Annotated[str | None, Query(alias="NextToken", max_length=16)] = None,
) -> Response:
    context.auth.require(session, VIEW, "viewing customer profiles")
    key = domain.search_key(request.key_name, request.values, _home_country(context, session))
    offset = token_offset(next_token, "NextToken")
    found = await context.profiles.search(
        session.instance_id, [key], limit=max_results + 1, offset=offset
    )
    items, token = _page(found, max_results, offset)
    return Json({"Items": [profile_view(p) for p in items], "NextToken": token})


@router.post(
    "",
    status_code=201,
    response_model=ProfileAnswer,
    summary="CreateProfile",
    description="A new profile: at least a name, a phone number, an email address or an "
    "account number. Phone numbers are stored in E.164.",
    responses=error_responses(400, 401, 403),
)
async def create_profile(
    request: CreateProfileRequest, session: Session, context: Context
) -> Response:
    context.auth.require(session, CREATE, "creating customer profiles")
    details = domain.new_details(
        _values(request), _address(request), request.attributes, _home_country(context, session)
    )
    now = context.desk.center.clock.now()
    profile = domain.create_profile(uuid.uuid4().hex, details, now)
    await context.profiles.create(session.instance_id, profile)
    return _answer(profile, 201)


@router.get(
    "/for-contact/{contact_id}",
    response_model=ContactProfilesAnswer,
    summary="The profiles of a contact's customer",
    description="For one of the agent's contacts (offered, connected or in after-contact "
    "work): the profiles found by the customer's phone number (a call) or the chat's `email` / "
    "`phone` contact attributes, and the fields a new profile would start from.",
    responses=error_responses(401, 403, 404),
)
async def profiles_for_contact(contact_id: str, session: Session, context: Context) -> Response:
    context.auth.require(session, VIEW, "viewing customer profiles")
    contact = await _agents_contact(context, session, contact_id)
    customer = domain.contact_customer(contact)
    keys = customer.lookup_keys()
    found = await context.profiles.search(session.instance_id, keys, limit=MAX_PAGE)
    suggested = {WIRE_NAMES[n]: v for n, v in customer.suggested_details().items()}
    return Json(
        {
            "ContactId": contact.id,
            "SearchedBy": [{"KeyName": k.name, "Values": list(k.values)} for k in keys],
            "Items": [profile_view(p) for p in found],
            "SuggestedProfile": suggested,
        }
    )


@router.get(
    "/{profile_id}",
    response_model=ProfileView,
    summary="GetProfile",
    description="One profile by its ProfileId.",
    responses=error_responses(400, 401, 403, 404),
)
async def get_profile(profile_id: str, session: Session, context: Context) -> Response:
    context.auth.require(session, VIEW, "viewing customer profiles")
    profile = await context.profiles.get(session.instance_id, domain.check_profile_id(profile_id))
    return Json(profile_view(profile))


@router.put(
    "/{profile_id}",
    response_model=ProfileAnswer,
    summary="UpdateProfile",
    description="Changes only the fields given; an empty string clears a field (also in "
    "Address), and an attribute given an empty value is removed. With ExpectedVersion, a "
    "profile changed since that version is refused with 409.",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def update_profile(
    profile_id: str, request: UpdateProfileRequest, session: Session, context: Context
) -> Response:
    context.auth.require(session, EDIT, "editing customer profiles")
    domain.check_profile_id(profile_id)
    changes = ProfileChanges(_values(request), _address(request), request.attributes)
    if changes.is_empty:
        raise InvalidParameter("Name at least one field to change.")
    home_country = _home_country(context, session)
    now = context.desk.center.clock.now()

    def change(profile: CustomerProfile) -> CustomerProfile:
        details = domain.changed_details(profile.details, changes, home_country)
        return domain.update_profile(profile, details, now, request.expected_version)

    profile = await context.profiles.update(session.instance_id, profile_id, change)
    return _answer(profile)


@router.delete(
    "/{profile_id}",
    response_model=DeleteProfileAnswer,
    summary="DeleteProfile",
    description="The profile and its search keys go; contact records stay.",
    responses=error_responses(400, 401, 403, 404),
)
async def delete_profile(profile_id: str, session: Session, context: Context) -> Response:
    context.auth.require(session, EDIT, "deleting customer profiles")
    await context.profiles.delete(session.instance_id, domain.check_profile_id(profile_id))
    return Json({"Message": f"Profile {profile_id} deleted."})


@router.get(
    "/{profile_id}/objects",
    response_model=ProfileObjectsAnswer,
    summary="ListProfileObjects",
    description="The profile's contact history (ObjectTypeName `CTR`, the only type here): "
    "the contact records of its phone numbers and email addresses, newest first.",
    responses=error_responses(400, 401, 403, 404),
)
async def list_profile_objects(
    profile_id: str,
    session: Session,
    context: Context,
    object_type_name: Annotated[str, Query(alias="ObjectTypeName", max_length=255)] = (
        CONTACT_RECORD
    ),
    max_results: Annotated[int, Query(alias="MaxResults", ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    next_token: Annotated[str | None, Query(alias="NextToken", max_length=16)] = None,
) -> Response:
    context.auth.require(session, VIEW, "viewing customer profiles")
    if object_type_name != CONTACT_RECORD:
        raise InvalidParameter(
            f"ObjectTypeName '{object_type_name}' is not an object type here; use CTR."
        )
    profile = await context.profiles.get(session.instance_id, domain.check_profile_id(profile_id))
    offset = token_offset(next_token, "NextToken")
    details = profile.details
    found = await context.profiles.contact_history(
        session.instance_id,
        details.phone_numbers,
        [domain.email_key(a) for a in details.email_addresses],
        limit=max_results + 1,
        offset=offset,
    )
    contacts, token = _page(found, max_results, offset)
    state = _state(context, session)
    items = [
        {
            "ObjectTypeName": CONTACT_RECORD,
            "ProfileObjectUniqueKey": contact.id,
            "Object": json.dumps(contact_record(state, contact)),
        }
        for contact in contacts
    ]
    return Json({"Items": items, "NextToken": token})


async def _agents_contact(context: ApiContext, session: AgentSession, contact_id: str) -> Contact:
    """One of the agent's contacts on the desk now, or a stored contact the agent had."""
    try:
        return own_contact(_state(context, session), session.user_id, contact_id)
    except DomainError:
        pass
    record = await context.desk.center.store.contact(session.instance_id, contact_id)
    if record is not None and record.agent is not None and record.agent.user_id == session.user_id:
        return record
    raise ResourceNotFound(f"Contact '{contact_id}' is not one of your contacts.")
