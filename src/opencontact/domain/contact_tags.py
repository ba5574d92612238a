"""User-defined tags on a contact (the flow's Contact tags block, TagContact on the API).

A contact has at most 6 of them; keys are 1-128 characters of Amazon Connect's tag-key pattern
and never start with the reserved prefix `aws:`; values are at most 256 characters. Setting
tags is all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MAX_CONTACT_TAGS = 6
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256
# Amazon Connect's documented pattern for tag keys, as it stands (its `+-=` is a range).
_KEY = re.compile(r"^(?!aws:)[a-zA-Z+-=._:/]+$")


def contact_tags_problem(current: Mapping[str, str], added: Mapping[str, str]) -> str | None:
    """Why `added` cannot be set on a contact tagged `current` (None when it can)."""
    for key, value in added.items():
        if key.lower().startswith("aws:"):
            return f"Tag key '{key}' uses the reserved prefix 'aws:'."
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            return f"Tag key '{key[:40]}' must be 1 to {MAX_KEY_LENGTH} characters long."
        if not _KEY.match(key):
            return (
                f"Tag key '{key}' may hold only letters, digits and the characters "
                "+ , - . / : ; < = _ (Amazon Connect's tag key pattern)."
            )
        if len(value) > MAX_VALUE_LENGTH:
            return f"The value of tag '{key}' is longer than {MAX_VALUE_LENGTH} characters."
    count = len({**current, **added})
    if count > MAX_CONTACT_TAGS:
        return f"A contact can have at most {MAX_CONTACT_TAGS} tags; this would make {count}."
    return None
