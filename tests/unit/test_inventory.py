"""The simulated carrier offers the same believable numbers on every server."""

from __future__ import annotations

import phonenumbers
import pytest

from opencontact.domain.phone_numbers import CarrierNumber, PhoneNumberType
from opencontact.telephony import inventory

COUNTRIES = ("US", "CA", "GB", "DE", "FR", "JP", "AU")
KINDS = (PhoneNumberType.TOLL_FREE, PhoneNumberType.DID)


def test_the_contract_numbers_are_us_toll_free() -> None:
    assert inventory.lookup("+18005550199") == CarrierNumber(
        "+18005550199", "US", PhoneNumberType.TOLL_FREE
    )
    assert "+18005550199" in inventory.offered_numbers("US", PhoneNumberType.TOLL_FREE)


def test_the_carrier_covers_the_main_countries() -> None:
    assert set(COUNTRIES) <= set(inventory.countries())


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_few_hundred_valid_numbers(country: str, kind: PhoneNumberType) -> None:
    numbers = inventory.offered_numbers(country, kind)
    assert len(numbers) >= 200
    assert list(numbers) == sorted(set(numbers))
    for number in numbers:
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number_for_region(parsed, country), number
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number


@pytest.mark.parametrize("country", COUNTRIES)
def test_toll_free_numbers_are_toll_free_to_phonenumbers(country: str) -> None:
    for number in inventory.offered_numbers(country, PhoneNumberType.TOLL_FREE):
        kind = phonenumbers.number_type(phonenumbers.parse(number))
        assert kind == phonenumbers.PhoneNumberType.TOLL_FREE, number


def test_us_local_numbers_are_fictional_555_01_lines_in_real_area_codes() -> None:
    numbers = inventory.offered_numbers("US", PhoneNumberType.DID)
    assert "+12065550100" in numbers
    assert all(number[5:9] == "5550" and number[9] == "1" for number in numbers)
    assert all(inventory.lookup(number) is not None for number in numbers)


def test_no_number_is_offered_twice() -> None:
    every = [
        number
        for country in inventory.countries()
        for kind in PhoneNumberType
        for number in inventory.offered_numbers(country, kind)
    ]
    assert len(every) == len(set(every))


def test_unknown_numbers_and_kinds_are_simply_not_offered() -> None:
    assert inventory.lookup("+12025550123") is None
    assert inventory.lookup("not a number") is None
    assert inventory.offered_numbers("US", PhoneNumberType.UIFN) == ()
    assert inventory.offered_numbers("ZZ", PhoneNumberType.DID) == ()


def test_the_inventory_is_the_same_every_time() -> None:
    first = inventory.offered_numbers("GB", PhoneNumberType.DID)
    assert first == inventory.offered_numbers("GB", PhoneNumberType.DID)
    assert first[0] == "+441134960000"
