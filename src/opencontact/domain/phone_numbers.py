"""Phone numbers claimed from the carrier for an instance, each pointing at an inbound flow."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from opencontact.domain.base import Resource


class PhoneNumberType(enum.StrEnum):
    TOLL_FREE = "TOLL_FREE"
    DID = "DID"
    UIFN = "UIFN"
    SHARED = "SHARED"
    THIRD_PARTY_TF = "THIRD_PARTY_TF"
    THIRD_PARTY_DID = "THIRD_PARTY_DID"
    SHORT_CODE = "SHORT_CODE"


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

    @property
    def unique_name(self) -> str:
        return self.phone_number

    def references(self) -> Iterable[tuple[str, str]]:
        if self.contact_flow_id:
            yield ("contact-flow", self.contact_flow_id)
