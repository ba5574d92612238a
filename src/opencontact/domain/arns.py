"""Amazon Resource Names as Amazon Connect writes them.

arn:aws:connect:<region>:<account>:instance/<instance-id>
arn:aws:connect:<region>:<account>:instance/<instance-id>/<segment>/<resource-id>
arn:aws:connect:<region>:<account>:phone-number/<phone-number-id>
"""

from __future__ import annotations

from dataclasses import dataclass

from opencontact.domain.errors import InvalidParameter


def instance_arn(region: str, account_id: str, instance_id: str) -> str:
    return f"arn:aws:connect:{region}:{account_id}:instance/{instance_id}"


def resource_arn(instance_arn_: str, segment: str, resource_id: str) -> str:
    return f"{instance_arn_}/{segment}/{resource_id}"


def phone_number_arn(region: str, account_id: str, phone_number_id: str) -> str:
    return f"arn:aws:connect:{region}:{account_id}:phone-number/{phone_number_id}"


@dataclass(frozen=True)
class ParsedArn:
    region: str
    account_id: str
    instance_id: str | None
    segment: str | None
    resource_id: str | None


def parse_arn(arn: str) -> ParsedArn:
    """Split a Connect ARN; anything that is not one raises InvalidParameter."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "connect":
        raise InvalidParameter(f"'{arn}' is not an Amazon Connect ARN.")
    region, account_id, path = parts[3], parts[4], parts[5]
    pieces = path.split("/")
    if pieces[0] == "phone-number" and len(pieces) == 2:
        return ParsedArn(region, account_id, None, "phone-number", pieces[1])
    if pieces[0] != "instance" or len(pieces) < 2 or not pieces[1]:
        raise InvalidParameter(f"'{arn}' is not an Amazon Connect ARN.")
    if len(pieces) == 2:
        return ParsedArn(region, account_id, pieces[1], None, None)
    segment, resource_id = "/".join(pieces[2:-1]), pieces[-1]
    if not segment or not resource_id:
        raise InvalidParameter(f"'{arn}' is not an Amazon Connect ARN.")
    return ParsedArn(region, account_id, pieces[1], segment, resource_id)
