"""Which numbers an instance may call: E.164 parsing, the region's country allow list, excluded
number ranges and emergency numbers (phonenumbers knows every country's short codes).

Amazon Connect only lets an instance call certain countries, depending on the region it lives
in, and never emergency services. The same rules apply to number-pad dialling, phone-number
transfers, StartOutboundVoiceContact and agents' desk phones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo

from opencontact.domain.errors import DestinationNotAllowed, InvalidParameter

_UK_EXCLUDED = ("+447", "+44111", "+44118", "+44119", "+448", "+44826", "+449")
_JAPAN_EXCLUDED = ("+8170", "+8180", "+8190")
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")


@dataclass(frozen=True)
class DialPlan:
    home_country: str
    countries: tuple[str, ...]
    excluded_prefixes: tuple[str, ...] = ()
    time_zone: str = "UTC"


_NORTH_AMERICA = ("US", "CA", "MX", "PR", "GB")

DIAL_PLANS: Mapping[str, DialPlan] = {
    "us-east-1": DialPlan("US", _NORTH_AMERICA, _UK_EXCLUDED, "America/New_York"),
    "us-west-2": DialPlan("US", _NORTH_AMERICA, _UK_EXCLUDED, "America/Los_Angeles"),
    "ca-central-1": DialPlan("CA", _NORTH_AMERICA, _UK_EXCLUDED, "America/Toronto"),
    "eu-west-2": DialPlan("GB", ("GB", "IT", "FR", "IE", "US"), _UK_EXCLUDED, "Europe/London"),
    "eu-central-1": DialPlan("DE", ("GB", "IT", "FR", "IE", "US"), _UK_EXCLUDED, "Europe/Berlin"),
    "ap-southeast-2": DialPlan("AU", ("AU", "NZ", "PH", "US"), (), "Australia/Sydney"),
    "ap-northeast-1": DialPlan("JP", ("JP", "VN", "US"), _JAPAN_EXCLUDED, "Asia/Tokyo"),
    "ap-southeast-1": DialPlan(
        "SG", ("SG", "AU", "HK", "US", "GB"), _UK_EXCLUDED, "Asia/Singapore"
    ),
    "ap-northeast-2": DialPlan("KR", ("KR", "GB", "US"), _UK_EXCLUDED, "Asia/Seoul"),
    "af-south-1": DialPlan("ZA", ("ZA", "GB", "US"), _UK_EXCLUDED, "Africa/Johannesburg"),
}


def dial_plan(region: str) -> DialPlan:
    """The region's plan; regions without one of their own use us-east-1's."""
    return DIAL_PLANS.get(region, DIAL_PLANS["us-east-1"])


def check_e164(number: str, field: str = "PhoneNumber") -> str:
    """A number in E.164 form (+ and up to 15 digits) that could exist."""
    if not _E164.match(number):
        raise InvalidParameter(
            f"{field} '{number}' is not an E.164 phone number (a + followed by the country "
            "code and number, e.g. +12065550100)."
        )
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        raise InvalidParameter(f"{field} '{number}' is not a phone number.") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidParameter(f"{field} '{number}' has the wrong length for its country.")
    return number


def country_of(number: str) -> str | None:
    """ISO country of an E.164 number: exact when the number is valid, else the main country
    of its calling code (+1 -> US, +44 -> GB)."""
    parsed = phonenumbers.parse(number, None)
    exact: str | None = phonenumbers.region_code_for_number(parsed)
    if exact:
        return exact
    main: str = phonenumbers.region_code_for_country_code(parsed.country_code or 0)
    return None if main == phonenumbers.UNKNOWN_REGION else main


def _is_emergency(digits: str, plan: DialPlan, number_country: str | None) -> bool:
    countries = {plan.home_country, *plan.countries}
    if number_country:
        countries.add(number_country)
    return any(shortnumberinfo.connects_to_emergency_number(digits, c) for c in countries)


def normalise_dialled(text: str, plan: DialPlan) -> str:
    """What an agent typed on the number pad, as E.164 (national numbers are taken to be in the
    instance's home country). Emergency numbers are refused here, before any parsing."""
    digits = re.sub(r"[\s().-]", "", text)
    if not digits or not re.fullmatch(r"\+?\d+", digits):
        raise InvalidParameter(f"'{text}' is not a phone number.")
    if _is_emergency(digits.lstrip("+"), plan, None):
        raise DestinationNotAllowed(
            f"{text} is an emergency number; OpenContact does not place emergency calls."
        )
    try:
        parsed = phonenumbers.parse(digits, plan.home_country)
    except phonenumbers.NumberParseException:
        raise InvalidParameter(f"'{text}' is not a phone number.") from None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def check_dialable(number: str, plan: DialPlan, field: str = "PhoneNumber") -> str:
    """Refuse numbers this instance may not call; returns the number (E.164)."""
    if not _E164.match(number):
        check_e164(number, field)
    parsed = phonenumbers.parse(number, None)
    country = country_of(number)
    national = str(parsed.national_number)
    if _is_emergency(national, plan, country) or _is_emergency(number[1:], plan, country):
        raise DestinationNotAllowed(
            f"{number} is an emergency number; OpenContact does not place emergency calls."
        )
    check_e164(number, field)
    if country not in plan.countries:
        allowed = ", ".join(plan.countries)
        raise DestinationNotAllowed(
            f"Calls to {number} ({country or 'unknown country'}) are not allowed from this "
            f"instance's region; it may call: {allowed}."
        )
    for prefix in plan.excluded_prefixes:
        if number.startswith(prefix):
            raise DestinationNotAllowed(
                f"Calls to {number} are not allowed: numbers starting {prefix} are excluded in "
                "this instance's region."
            )
    return number
