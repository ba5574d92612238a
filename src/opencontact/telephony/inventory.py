"""The numbers the simulated carrier offers: what SearchAvailablePhoneNumbers finds and
ClaimPhoneNumber may take.

The inventory is fixed and generated, the same on every server, so a script or a tutorial can
name a number (the contracts use +18005550199) and find it again anywhere. It is made of blocks
of numbers that look real to every phone library but should reach nobody: North America's
555-01xx fictional lines in real area codes, Ofcom's drama ranges in the UK, ARCEP's fiction
ranges in France, ACMA's fictitious numbers in Australia. Where we know of no reserved range
(German and Japanese numbers, French toll-free) the blocks are merely unlikely lines. Only
numbers that phonenumbers accepts as valid for their country are kept, so every offered number
passes the same checks a real one would.

Which instance holds a number is not the inventory's business: the account knows that, and
search filters claimed numbers out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import phonenumbers

from opencontact.domain.phone_numbers import CarrierNumber, PhoneNumberType

TOLL_FREE = PhoneNumberType.TOLL_FREE
DID = PhoneNumberType.DID


@dataclass(frozen=True)
class NumberBlock:
    """`count` consecutive numbers: `prefix` then a line number `width` digits wide, starting
    at `first`."""

    country_code: str
    number_type: PhoneNumberType
    prefix: str
    width: int
    first: int
    count: int

    def numbers(self) -> list[str]:
        return [
            f"{self.prefix}{line:0{self.width}d}"
            for line in range(self.first, self.first + self.count)
        ]


def _nanp(country: str, kind: PhoneNumberType, *area_codes: str) -> list[NumberBlock]:
    """555-0100 to 555-0199 in each area code: the North American lines kept for fiction."""
    return [NumberBlock(country, kind, f"+1{area}555", 4, 100, 100) for area in area_codes]


BLOCKS: tuple[NumberBlock, ...] = (
    # United States: toll-free codes, then Seattle, New York, Chicago, San Francisco.
    *_nanp("US", TOLL_FREE, "800", "888", "877", "866"),
    *_nanp("US", DID, "206", "212", "312", "415"),
    # Canada: North America shares its toll-free codes; these three are Canada's here.
    *_nanp("CA", TOLL_FREE, "855", "844", "833"),
    *_nanp("CA", DID, "416", "604", "514", "613"),
    # United Kingdom: Ofcom's drama numbers (London, Birmingham, Manchester, Leeds; freephone).
    NumberBlock("GB", DID, "+4420794600", 2, 0, 100),
    NumberBlock("GB", DID, "+44121496", 4, 0, 100),
    NumberBlock("GB", DID, "+44161496", 4, 0, 100),
    NumberBlock("GB", DID, "+44113496", 4, 0, 100),
    NumberBlock("GB", TOLL_FREE, "+44808157", 4, 0, 300),
    # Germany: Berlin, Frankfurt, Munich, Hamburg; 0800 freephone.
    NumberBlock("DE", DID, "+493055500", 3, 100, 100),
    NumberBlock("DE", DID, "+496955500", 3, 100, 100),
    NumberBlock("DE", DID, "+498955500", 3, 100, 100),
    NumberBlock("DE", DID, "+494055500", 3, 100, 100),
    NumberBlock("DE", TOLL_FREE, "+49800555", 4, 100, 300),
    # France: ARCEP's numbers for fiction in each geographic zone; 0800 numéro vert.
    NumberBlock("FR", DID, "+3319900", 4, 100, 100),
    NumberBlock("FR", DID, "+3326191", 4, 100, 100),
    NumberBlock("FR", DID, "+3335301", 4, 100, 100),
    NumberBlock("FR", DID, "+3346571", 4, 100, 100),
    NumberBlock("FR", DID, "+3353649", 4, 100, 100),
    NumberBlock("FR", TOLL_FREE, "+3380055", 4, 100, 300),
    # Japan: Tokyo and Osaka; 0120 free dial.
    NumberBlock("JP", DID, "+8135550", 4, 100, 100),
    NumberBlock("JP", DID, "+8165550", 4, 100, 100),
    NumberBlock("JP", TOLL_FREE, "+81120555", 3, 100, 300),
    # Australia: ACMA's fictitious numbers (Sydney, Melbourne, Brisbane, Adelaide; 1800).
    NumberBlock("AU", DID, "+6125550", 4, 100, 100),
    NumberBlock("AU", DID, "+6137010", 4, 100, 100),
    NumberBlock("AU", DID, "+6175550", 4, 100, 100),
    NumberBlock("AU", DID, "+6187010", 4, 100, 100),
    NumberBlock("AU", TOLL_FREE, "+611800160", 3, 401, 299),
)


def _is_valid_for(number: str, country: str) -> bool:
    return bool(phonenumbers.is_valid_number_for_region(phonenumbers.parse(number), country))


@cache
def _catalogue() -> Mapping[str, CarrierNumber]:
    numbers: dict[str, CarrierNumber] = {}
    for block in BLOCKS:
        for number in block.numbers():
            if _is_valid_for(number, block.country_code):
                numbers[number] = CarrierNumber(number, block.country_code, block.number_type)
    return numbers


@cache
def _by_kind() -> Mapping[tuple[str, PhoneNumberType], tuple[str, ...]]:
    kinds: dict[tuple[str, PhoneNumberType], list[str]] = {}
    for offered in _catalogue().values():
        kinds.setdefault((offered.country_code, offered.number_type), []).append(
            offered.phone_number
        )
    return {kind: tuple(sorted(numbers)) for kind, numbers in kinds.items()}


def lookup(phone_number: str) -> CarrierNumber | None:
    """The carrier's record of a number, or None if it does not offer it."""
    return _catalogue().get(phone_number)


def offered_numbers(country_code: str, number_type: PhoneNumberType) -> tuple[str, ...]:
    """Every number of a country and type, claimed or not, in ascending order."""
    return _by_kind().get((country_code, PhoneNumberType(number_type)), ())


def countries() -> tuple[str, ...]:
    """The ISO codes of the countries the carrier has numbers in."""
    return tuple(sorted({country for country, _kind in _by_kind()}))
