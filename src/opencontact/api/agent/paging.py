"""The page tokens of the workspace APIs that page by position (customer profiles, knowledge):
the position of the next page's first item, as digits."""

from __future__ import annotations

from opencontact.domain.errors import InvalidParameter


def token_offset(token: str | None, name: str) -> int:
    """Where the page `token` starts (0 without one); `name`: the token's parameter as the API
    spells it (NextToken, nextToken), for the message refusing a token the API did not give."""
    if token is None:
        return 0
    if not token.isdigit() or len(token) > 9:
        raise InvalidParameter(f"{name} is not one this API gave out.")
    return int(token)
