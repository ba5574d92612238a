"""Customer profile rules: what people type becomes E.164 numbers and matchable emails, updates
change only what they name, and a contact's customer is found by its number or its chat
attributes (never by a display name)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from opencontact.domain.base import Channel
from opencontact.domain.contacts import Contact, ContactState, Endpoint, InitiationMethod
from opencontact.domain.customer_profiles import (
    ContactCustomer,
    ProfileChanges,
    changed_details,
    contact_customer,
    create_profile,
    new_details,
    search_key,
    search_keys,
    update_profile,
)
from opencontact.domain.errors import InvalidParameter, InvalidRequest

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def _contact(channel: Channel, **fields: object) -> Contact:
    return Contact(
        id="c-1",
        arn="arn:c-1",
        channel=channel,
        initiation_method=InitiationMethod.API,
        initial_contact_id="c-1",
        state=ContactState.CONNECTED,
        initiated_at=NOW,
        last_updated_at=NOW,
        **fields,  # type: ignore[arg-type]
    )


def test_details_are_normalised_and_found_by_their_keys() -> None:
    details = new_details(
        {
            "first_name": " Ana ",
            "last_name": "Lopez",
            "phone_number": "(206) 555-0100",
            "home_phone_number": "+1.206.555.0100",
            "email_address": "Ana@Example.com",
            "account_number": "AC-1",
        },
        {"city": "Seattle", "country": ""},
        {"tier": "gold", "empty": "  "},
        "US",
    )
    assert details.first_name == "Ana"
    assert details.phone_numbers == ["+12065550100"]
    assert details.address.city == "Seattle"
    assert details.address.country is None
    assert details.attributes == {"tier": "gold"}
    assert search_keys("p1", details) == [
        ("_profileId", "p1"),
        ("_phone", "+12065550100"),
        ("_email", "ana@example.com"),
        ("_account", "AC-1"),
        ("_fullName", "ana lopez"),
    ]


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(InvalidParameter) as refused:
        new_details({"phone_number": "12", "email_address": "x@y"}, None, None, "US")
    assert "PhoneNumber '12' is not a phone number" in refused.value.message
    assert "EmailAddress 'x@y' is not an email address" in refused.value.message


def test_an_update_changes_only_what_it_names_and_checks_the_version() -> None:
    details = new_details(
        {"first_name": "Ana", "middle_name": "M"}, {"city": "Seattle"}, {"a": "1", "b": "2"}, "US"
    )
    profile = create_profile("0" * 32, details, NOW)
    changed = changed_details(
        details,
        ProfileChanges({"middle_name": ""}, {"postal_code": "98101"}, {"a": "", "c": "3"}),
        "US",
    )
    assert changed.first_name == "Ana"
    assert changed.middle_name is None
    assert (changed.address.city, changed.address.postal_code) == ("Seattle", "98101")
    assert changed.attributes == {"b": "2", "c": "3"}
    updated = update_profile(profile, changed, NOW, expected_version=1)
    assert updated.version == 2
    with pytest.raises(InvalidRequest):
        update_profile(updated, changed, NOW, expected_version=1)


def test_search_values_are_read_like_the_profile_s() -> None:
    assert search_key("_phone", ["206 555 0100"], "US").values == ("+12065550100",)
    assert search_key("_email", ["A@B.co", "a@b.CO"], "US").values == ("a@b.co",)
    with pytest.raises(InvalidParameter, match="not a search key"):
        search_key("_zendeskUserId", ["1"], "US")


def test_a_call_s_customer_is_its_number() -> None:
    call = _contact(Channel.VOICE, customer_endpoint=Endpoint("TELEPHONE_NUMBER", "+15555550100"))
    customer = contact_customer(call)
    assert customer == ContactCustomer("+15555550100", None, None)
    assert customer.suggested_details() == {"phone_number": "+15555550100"}


def test_a_chat_is_matched_by_its_attributes_not_its_display_name() -> None:
    chat = _contact(
        Channel.CHAT,
        customer_display_name="Ana Lopez",
        attributes={"Email": "ana@example.com", "phone": "not a number"},
    )
    customer = contact_customer(chat)
    assert (customer.phone_number, customer.email_address) == (None, "ana@example.com")
    assert [key.name for key in customer.lookup_keys()] == ["_email"]
    assert customer.suggested_details() == {
        "first_name": "Ana",
        "last_name": "Lopez",
        "email_address": "ana@example.com",
    }
    anonymous = contact_customer(_contact(Channel.CHAT, customer_display_name="Ana"))
    assert anonymous.lookup_keys() == []
