"""Customer profiles: who a customer is (names, phone numbers, email addresses, an address, an
account number, free attributes), one set per instance, modelled on Amazon Connect Customer
Profiles' `Profile` shape (FirstName, PhoneNumber, MobilePhoneNumber, EmailAddress, Address...).

What a person types is checked and normalised here, with sentences they can act on: phone
numbers become E.164 (national numbers are read in the instance's home country), email
addresses keep their spelling but are matched regardless of case. A profile is found by its
search keys (`_phone`, `_email`, `_account`, `_fullName`, `_profileId`), and a contact by its
customer's keys (the caller's number; a chat's `email` / `phone` attributes).

Pure: no I/O; the store keeps profiles and their keys, the agent API speaks the wire shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any

import phonenumbers

from opencontact.domain.contacts import Contact
from opencontact.domain.dialing import check_e164
from opencontact.domain.errors import InvalidParameter, InvalidRequest

MAX_TEXT = 255
MAX_LONG_TEXT = 1000
MAX_ATTRIBUTES = 100

PHONE_FIELDS = ("phone_number", "mobile_phone_number", "home_phone_number", "business_phone_number")
EMAIL_FIELDS = ("email_address", "personal_email_address", "business_email_address")
NAME_FIELDS = ("first_name", "middle_name", "last_name", "business_name")
TEXT_FIELDS = (*NAME_FIELDS, "account_number", "additional_information")
DETAIL_FIELDS = (*TEXT_FIELDS, *PHONE_FIELDS, *EMAIL_FIELDS)

# How each field is called on the wire (Amazon's member names), for messages.
WIRE_NAMES = {
    "first_name": "FirstName",
    "middle_name": "MiddleName",
    "last_name": "LastName",
    "business_name": "BusinessName",
    "account_number": "AccountNumber",
    "additional_information": "AdditionalInformation",
    "phone_number": "PhoneNumber",
    "mobile_phone_number": "MobilePhoneNumber",
    "home_phone_number": "HomePhoneNumber",
    "business_phone_number": "BusinessPhoneNumber",
    "email_address": "EmailAddress",
    "personal_email_address": "PersonalEmailAddress",
    "business_email_address": "BusinessEmailAddress",
    "address1": "Address1",
    "address2": "Address2",
    "address3": "Address3",
    "address4": "Address4",
    "city": "City",
    "county": "County",
    "state": "State",
    "province": "Province",
    "country": "Country",
    "postal_code": "PostalCode",
}

# The search keys SearchProfiles knows (Amazon's predefined keys that mean something here).
PHONE_KEY = "_phone"
EMAIL_KEY = "_email"
ACCOUNT_KEY = "_account"
FULL_NAME_KEY = "_fullName"
PROFILE_ID_KEY = "_profileId"
SEARCH_KEYS = (PHONE_KEY, EMAIL_KEY, FULL_NAME_KEY, ACCOUNT_KEY, PROFILE_ID_KEY)

# A chat's contact attributes that say who the customer is (names compared regardless of case).
EMAIL_ATTRIBUTES = ("email", "emailaddress", "customeremail", "customeremailaddress")
PHONE_ATTRIBUTES = ("phone", "phonenumber", "customerphone", "customerphonenumber")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PUNCTUATION = re.compile(r"[\s().\-/]")
_E164_FORM = re.compile(r"^\+[1-9]\d{1,14}$")
_PROFILE_ID = re.compile(r"^[a-f0-9]{32}$")


@dataclass(frozen=True)
class Address:
    address1: str | None = None
    address2: str | None = None
    address3: str | None = None
    address4: str | None = None
    city: str | None = None
    county: str | None = None
    state: str | None = None
    province: str | None = None
    country: str | None = None
    postal_code: str | None = None

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


ADDRESS_FIELDS = tuple(f.name for f in fields(Address))


@dataclass(frozen=True)
class ProfileDetails:
    """What people say about a customer: checked and normalised (see `checked_details`)."""

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
    address: Address = field(default_factory=Address)
    attributes: Mapping[str, str] = field(default_factory=dict)

    @property
    def full_name(self) -> str | None:
        """First, middle and last name; the business name for a profile without them."""
        parts = [self.first_name, self.middle_name, self.last_name]
        name = " ".join(p for p in parts if p)
        return name or self.business_name

    @property
    def phone_numbers(self) -> list[str]:
        return _distinct(getattr(self, name) for name in PHONE_FIELDS)

    @property
    def email_addresses(self) -> list[str]:
        return _distinct(getattr(self, name) for name in EMAIL_FIELDS)


@dataclass(frozen=True)
class CustomerProfile:
    """A stored profile. `version` counts its changes (1 when created): an update may name the
    version it was made from and is refused if the profile changed since."""

    id: str
    details: ProfileDetails
    created_at: datetime
    updated_at: datetime
    version: int = 1


@dataclass(frozen=True)
class ProfileChanges:
    """An UpdateProfile: only the named fields change; an empty string clears a field, and an
    attribute given an empty value is removed (as in Amazon's UpdateProfile)."""

    values: Mapping[str, str] = field(default_factory=dict)
    address: Mapping[str, str] | None = None
    attributes: Mapping[str, str] | None = None

    @property
    def is_empty(self) -> bool:
        return not self.values and self.address is None and self.attributes is None


def new_details(
    values: Mapping[str, str | None],
    address: Mapping[str, str | None] | None,
    attributes: Mapping[str, str] | None,
    home_country: str,
) -> ProfileDetails:
    """A CreateProfile's details, checked (InvalidParameter otherwise)."""
    _known(values, DETAIL_FIELDS)
    _known(address or {}, ADDRESS_FIELDS)
    details = ProfileDetails(
        **{name: _blank_to_none(value) for name, value in values.items()},
        address=Address(**{name: _blank_to_none(v) for name, v in (address or {}).items()}),
        attributes=dict(attributes or {}),
    )
    return checked_details(details, home_country)


def changed_details(
    current: ProfileDetails, changes: ProfileChanges, home_country: str
) -> ProfileDetails:
    """The details after an UpdateProfile, checked."""
    _known(changes.values, DETAIL_FIELDS)
    _known(changes.address or {}, ADDRESS_FIELDS)
    values: dict[str, Any] = {name: _blank_to_none(v) for name, v in changes.values.items()}
    details = replace(current, **values)
    if changes.address is not None:
        address = {name: _blank_to_none(value) for name, value in changes.address.items()}
        details = replace(details, address=replace(current.address, **address))
    if changes.attributes is not None:
        merged = dict(current.attributes)
        for key, value in changes.attributes.items():
            if value == "":
                merged.pop(key, None)
            else:
                merged[key] = value
        details = replace(details, attributes=merged)
    return checked_details(details, home_country)


def checked_details(details: ProfileDetails, home_country: str) -> ProfileDetails:
    problems: list[str] = []
    values: dict[str, str | None] = {}
    for name in TEXT_FIELDS:
        text = _trimmed(getattr(details, name))
        limit = MAX_LONG_TEXT if name == "additional_information" else MAX_TEXT
        if text is not None and len(text) > limit:
            problems.append(f"{WIRE_NAMES[name]} is longer than {limit} characters.")
        values[name] = text
    for name in PHONE_FIELDS:
        text = _trimmed(getattr(details, name))
        try:
            values[name] = None if text is None else normalise_phone(text, home_country, name)
        except InvalidParameter as bad:
            problems.append(bad.message)
    for name in EMAIL_FIELDS:
        text = _trimmed(getattr(details, name))
        try:
            values[name] = None if text is None else check_email(text, WIRE_NAMES[name])
        except InvalidParameter as bad:
            problems.append(bad.message)
    address: dict[str, str | None] = {}
    for name in ADDRESS_FIELDS:
        text = _trimmed(getattr(details.address, name))
        if text is not None and len(text) > MAX_TEXT:
            problems.append(f"Address.{WIRE_NAMES[name]} is longer than {MAX_TEXT} characters.")
        address[name] = text
    attributes = _checked_attributes(details.attributes, problems)
    if problems:
        raise InvalidParameter(" ".join(problems))
    checked = ProfileDetails(**values, address=Address(**address), attributes=attributes)
    if not (checked.full_name or checked.phone_numbers or checked.email_addresses) and not (
        checked.account_number
    ):
        raise InvalidParameter(
            "A profile needs at least a name, a phone number, an email address or an account "
            "number."
        )
    return checked


def _checked_attributes(attributes: Mapping[str, str], problems: list[str]) -> dict[str, str]:
    checked: dict[str, str] = {}
    if len(attributes) > MAX_ATTRIBUTES:
        problems.append(f"A profile has at most {MAX_ATTRIBUTES} attributes.")
    for key, value in attributes.items():
        name = key.strip()
        if not name or len(name) > MAX_TEXT:
            problems.append(f"Attribute names are 1 to {MAX_TEXT} characters ('{key[:40]}').")
        elif not isinstance(value, str) or len(value) > MAX_TEXT:
            problems.append(f"Attribute '{name}' must be text of at most {MAX_TEXT} characters.")
        elif value.strip():
            checked[name] = value.strip()
    return checked


def normalise_phone(text: str, home_country: str, name: str = "phone_number") -> str:
    """A phone number as E.164: `+` and digits, or a national number of the instance's home
    country; spaces, dashes, dots, slashes and brackets are ignored."""
    wire = WIRE_NAMES.get(name, name)
    digits = _PUNCTUATION.sub("", text)
    if not re.fullmatch(r"\+?\d{2,16}", digits):
        raise InvalidParameter(
            f"{wire} '{text}' is not a phone number (use E.164, e.g. +12065550100)."
        )
    try:
        parsed = phonenumbers.parse(digits, home_country)
    except phonenumbers.NumberParseException:
        raise InvalidParameter(f"{wire} '{text}' is not a phone number.") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidParameter(
            f"{wire} '{text}' is not a phone number: it has the wrong length for its country."
        )
    number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return check_e164(number, wire)


def check_email(text: str, wire: str = "EmailAddress") -> str:
    address = text.strip()
    if len(address) > MAX_TEXT or not _EMAIL.match(address):
        raise InvalidParameter(f"{wire} '{text[:80]}' is not an email address (name@example.com).")
    return address


def email_key(address: str) -> str:
    """Email addresses are matched regardless of case."""
    return address.strip().casefold()


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def search_keys(profile_id: str, details: ProfileDetails) -> list[tuple[str, str]]:
    """The (key name, value) pairs a profile is found by."""
    keys = [(PROFILE_ID_KEY, profile_id)]
    keys += [(PHONE_KEY, number) for number in details.phone_numbers]
    keys += [(EMAIL_KEY, address) for address in _distinct(map(email_key, details.email_addresses))]
    if details.account_number:
        keys.append((ACCOUNT_KEY, details.account_number))
    if details.full_name:
        keys.append((FULL_NAME_KEY, name_key(details.full_name)))
    return keys


@dataclass(frozen=True)
class SearchKey:
    """A SearchProfiles key and its values, normalised the way the profile's keys are.
    `_fullName` matches names that contain the value (the panel's search box); the others
    match exactly."""

    name: str
    values: tuple[str, ...]

    @property
    def is_partial(self) -> bool:
        return self.name == FULL_NAME_KEY


def search_key(key_name: str, values: Iterable[str], home_country: str) -> SearchKey:
    if key_name not in SEARCH_KEYS:
        raise InvalidParameter(
            f"KeyName '{key_name}' is not a search key here; use one of {', '.join(SEARCH_KEYS)}."
        )
    texts = [value.strip() for value in values]
    if not texts or any(not text for text in texts) or len(texts) > 10:
        raise InvalidParameter("Values needs 1 to 10 values, none of them empty.")
    normalised: list[str]
    if key_name == PHONE_KEY:
        normalised = [normalise_phone(text, home_country, "Values") for text in texts]
    elif key_name == EMAIL_KEY:
        normalised = [email_key(text) for text in texts]
    elif key_name == FULL_NAME_KEY:
        normalised = [name_key(text) for text in texts]
    elif key_name == PROFILE_ID_KEY:
        normalised = [text.lower() for text in texts]
    else:
        normalised = texts
    return SearchKey(key_name, tuple(_distinct(normalised)))


def check_profile_id(profile_id: str) -> str:
    """Profile ids are 32 lowercase hexadecimal digits (a UUID without its dashes)."""
    if not _PROFILE_ID.match(profile_id):
        raise InvalidParameter(
            f"ProfileId '{profile_id[:80]}' is not a profile id (32 hexadecimal digits)."
        )
    return profile_id


def create_profile(profile_id: str, details: ProfileDetails, now: datetime) -> CustomerProfile:
    return CustomerProfile(check_profile_id(profile_id), details, now, now, 1)


def update_profile(
    profile: CustomerProfile,
    details: ProfileDetails,
    now: datetime,
    expected_version: int | None = None,
) -> CustomerProfile:
    """The profile with new details. Without `expected_version` the last write wins (field by
    field: an update names only what it changes); with it, a profile changed since that
    version is refused."""
    if expected_version is not None and expected_version != profile.version:
        raise InvalidRequest(
            "This profile was changed by someone else since you opened it (version "
            f"{expected_version}, now {profile.version}); reload it and make your change again."
        )
    return replace(profile, details=details, updated_at=now, version=profile.version + 1)


@dataclass(frozen=True)
class ContactCustomer:
    """Who a contact's customer is, as far as finding their profile goes."""

    phone_number: str | None = None
    email_address: str | None = None
    display_name: str | None = None

    def lookup_keys(self) -> list[SearchKey]:
        keys = []
        if self.phone_number:
            keys.append(SearchKey(PHONE_KEY, (self.phone_number,)))
        if self.email_address:
            keys.append(SearchKey(EMAIL_KEY, (email_key(self.email_address),)))
        return keys

    def suggested_details(self) -> dict[str, str]:
        """What a new profile for this customer would start from (snake_case field names)."""
        suggested: dict[str, str] = {}
        if self.display_name:
            first, _, last = self.display_name.strip().partition(" ")
            suggested["first_name"] = first
            if last.strip():
                suggested["last_name"] = last.strip()
        if self.phone_number:
            suggested["phone_number"] = self.phone_number
        if self.email_address:
            suggested["email_address"] = self.email_address
        return suggested


def contact_customer(contact: Contact) -> ContactCustomer:
    """A call's customer is their phone number (the caller, or the number called); a chat's
    display name is not a key, but `email` / `phone` contact attributes are."""
    attributes = {key.casefold(): value for key, value in contact.attributes.items()}
    phone: str | None = None
    endpoint = contact.customer_endpoint
    if endpoint is not None and endpoint.type == "TELEPHONE_NUMBER":
        # Already checked when the call was placed or answered (and this runs at every write
        # of a contact: a pattern, not a parse).
        phone = endpoint.address if _E164_FORM.match(endpoint.address) else None
    if phone is None:
        phone = next(
            (p for p in (_phone_or_none(attributes.get(n)) for n in PHONE_ATTRIBUTES) if p), None
        )
    email = next(
        (a for a in (_email_or_none(attributes.get(n)) for n in EMAIL_ATTRIBUTES) if a), None
    )
    return ContactCustomer(phone, email, contact.customer_display_name)


def _phone_or_none(text: str | None) -> str | None:
    if not text:
        return None
    try:
        # Contact attributes come from flows and widgets: only E.164 is taken as a key.
        return check_e164(_PUNCTUATION.sub("", text))
    except InvalidParameter:
        return None


def _email_or_none(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return check_email(text)
    except InvalidParameter:
        return None


def _known(values: Mapping[str, object], names: tuple[str, ...]) -> None:
    unknown = [name for name in values if name not in names]
    if unknown:
        raise InvalidParameter(f"Unknown profile fields: {', '.join(sorted(unknown))}.")


def _blank_to_none(value: str | None) -> str | None:
    return value if value is None or value.strip() else None


def _trimmed(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text or None


def _distinct(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
