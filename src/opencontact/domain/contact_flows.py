"""Flows (contact flows): their type, status and content in the Amazon Connect Flow language.

Content is kept exactly as given, byte for byte, because flow developers diff what they read
back against what they wrote. A PUBLISHED flow must be valid (see opencontact.flows); a SAVED
one is a draft and only has to be a JSON object.

Published and saved content, as Amazon Connect's API reference describes the `$SAVED` alias:

- A flow created with Status SAVED has never been published. Describing it by its plain id or
  ARN raises ContactFlowNotPublished ("Contact flow not published" is what Connect answers,
  e.g. github.com/sethkor/connect-backup/issues/28); `<id>:$SAVED` returns its saved content
  with Status SAVED.
- UpdateContactFlowContent on the plain id publishes: the content is validated, becomes the
  published content and any draft is dropped. On `<id>:$SAVED` it saves a draft without
  validation; a published flow keeps running its published content meanwhile.
- `<id>:$SAVED` on a published flow returns the pending draft (Status SAVED) or, if there is
  none, the published content (Status PUBLISHED), which is then also the latest saved content.
- Numbered versions (`<id>:<version>`) belong to CreateContactFlowVersion, which OpenContact
  does not keep; asking for one is a ResourceNotFound.

Version counts content changes, saved or published, starting at 1.
"""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from opencontact.domain.base import Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    ContactFlowNotPublished,
    InvalidContactFlow,
    InvalidParameter,
    InvalidRequest,
    ResourceNotFound,
)
from opencontact.flows.validation import validate_flow

MAX_CONTENT_LENGTH = 256_000
SAVED_QUALIFIER = "$SAVED"


class ContactFlowType(enum.StrEnum):
    CONTACT_FLOW = "CONTACT_FLOW"
    CUSTOMER_QUEUE = "CUSTOMER_QUEUE"
    CUSTOMER_HOLD = "CUSTOMER_HOLD"
    CUSTOMER_WHISPER = "CUSTOMER_WHISPER"
    AGENT_HOLD = "AGENT_HOLD"
    AGENT_WHISPER = "AGENT_WHISPER"
    OUTBOUND_WHISPER = "OUTBOUND_WHISPER"
    AGENT_TRANSFER = "AGENT_TRANSFER"
    QUEUE_TRANSFER = "QUEUE_TRANSFER"
    CAMPAIGN = "CAMPAIGN"


class ContactFlowState(enum.StrEnum):
    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"


class ContactFlowStatus(enum.StrEnum):
    PUBLISHED = "PUBLISHED"
    SAVED = "SAVED"


@dataclass(frozen=True, kw_only=True)
class ContactFlow(Resource):
    kind: ClassVar[str] = "contact-flow"
    label: ClassVar[str] = "flow"
    arn_segment: ClassVar[str] = "contact-flow"

    name: str
    description: str | None = None
    flow_type: ContactFlowType
    state: ContactFlowState = ContactFlowState.ACTIVE
    # PUBLISHED once the flow has ever been published; SAVED while it is only a draft.
    status: ContactFlowStatus = ContactFlowStatus.PUBLISHED
    # The published content, or the saved content of a flow that was never published.
    content: str
    version: int = 1
    # Created with the instance (Default agent transfer, ...): editable, never deletable.
    is_default: bool = False
    # A draft saved with `<id>:$SAVED` after the flow was published; None when there is none.
    saved_content: str | None = None

    @property
    def unique_name(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status is ContactFlowStatus.PUBLISHED


@dataclass(frozen=True)
class FlowView:
    """What DescribeContactFlow shows: one of the flow's contents and the status it has."""

    flow: ContactFlow
    content: str
    status: ContactFlowStatus

    @property
    def sha256(self) -> str:
        return content_sha256(self.content)


def content_sha256(content: str) -> str:
    """FlowContentSha256: the hex SHA-256 of the content as stored (UTF-8)."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def split_qualifier(reference: str) -> tuple[str, str | None]:
    """`<id or ARN>:<qualifier>` -> (id or ARN, qualifier). The qualifier follows the last
    colon after the last slash, so the colons inside an ARN are never taken for one."""
    head, _, last = reference.rpartition("/")
    if ":" not in last:
        return reference, None
    bare, _, qualifier = last.partition(":")
    return (f"{head}/{bare}" if head else bare), qualifier


def check_content(content: str, status: ContactFlowStatus) -> None:
    """Published content must be a valid flow; saved content only has to be a JSON object."""
    if not content:
        raise InvalidParameter("Content must not be empty; give the flow as Flow-language JSON.")
    if len(content) > MAX_CONTENT_LENGTH:
        raise InvalidParameter(
            f"Content is {len(content)} characters long; a flow may have at most "
            f"{MAX_CONTENT_LENGTH}."
        )
    if status is ContactFlowStatus.PUBLISHED:
        problems = validate_flow(content)
        if problems:
            raise InvalidContactFlow(problems)
        return
    problem = _json_object_problem(content)
    if problem is not None:
        raise InvalidContactFlow([problem])


def _json_object_problem(content: str) -> str | None:
    try:
        document = json.loads(content, parse_constant=_not_json)
    except json.JSONDecodeError as error:
        return (
            f"The saved flow is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        )
    except ValueError as error:
        return f"The saved flow is not valid JSON: {error}."
    if not isinstance(document, dict):
        return "A saved flow must be a JSON object (Version, StartAction, Actions, ...)."
    return None


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def create_contact_flow(
    directory: Directory,
    env: Env,
    *,
    name: str,
    flow_type: ContactFlowType,
    content: str,
    status: ContactFlowStatus = ContactFlowStatus.PUBLISHED,
    description: str | None = None,
    tags: Tags | None = None,
) -> Outcome[ContactFlow]:
    directory.check_name_free(ContactFlow, name)
    check_tags(tags or {})
    check_content(content, status)
    flow_id = env.new_id()
    flow = ContactFlow(
        id=flow_id,
        arn=directory.arn_for(ContactFlow, flow_id),
        name=name,
        description=description,
        flow_type=flow_type,
        status=status,
        content=content,
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(flow, [Put(flow)])


def describe_contact_flow(directory: Directory, reference: str) -> FlowView:
    """The content DescribeContactFlow returns for `<id>`, `<id>:$SAVED` or an ARN of them."""
    bare, qualifier = split_qualifier(reference)
    flow = directory.require(ContactFlow, bare)
    if qualifier is None:
        if not flow.is_published:
            raise ContactFlowNotPublished(
                f"Flow '{flow.name}' has not been published; describe "
                f"'{flow.id}:{SAVED_QUALIFIER}' to read its saved content."
            )
        return FlowView(flow, flow.content, ContactFlowStatus.PUBLISHED)
    if qualifier == SAVED_QUALIFIER:
        if flow.saved_content is not None:
            return FlowView(flow, flow.saved_content, ContactFlowStatus.SAVED)
        return FlowView(flow, flow.content, flow.status)
    if qualifier.isdigit():
        raise ResourceNotFound(
            f"Version {qualifier} of flow '{flow.name}' does not exist; OpenContact keeps no "
            f"numbered flow versions. Describe '{flow.id}' or '{flow.id}:{SAVED_QUALIFIER}'."
        )
    raise InvalidParameter(
        f"'{qualifier}' in ContactFlowId '{reference}' is not a flow qualifier; use "
        f"'{SAVED_QUALIFIER}'."
    )


def update_contact_flow_content(
    directory: Directory, env: Env, reference: str, *, content: str
) -> Outcome[ContactFlow]:
    """Publish new content (plain id), or save a draft (`<id>:$SAVED`)."""
    bare, qualifier = split_qualifier(reference)
    flow = directory.require(ContactFlow, bare)
    if qualifier not in (None, SAVED_QUALIFIER):
        raise InvalidParameter(
            f"'{qualifier}' in ContactFlowId '{reference}' is not a flow qualifier; give the "
            f"plain id to publish or '{flow.id}:{SAVED_QUALIFIER}' to save a draft."
        )
    if qualifier is None:
        check_content(content, ContactFlowStatus.PUBLISHED)
        updated = replace(
            flow, content=content, status=ContactFlowStatus.PUBLISHED, saved_content=None
        )
    else:
        check_content(content, ContactFlowStatus.SAVED)
        if flow.is_published:
            updated = replace(flow, saved_content=content)
        else:
            updated = replace(flow, content=content)
    updated = replace(
        updated,
        version=flow.version + 1,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def update_contact_flow_metadata(
    directory: Directory,
    env: Env,
    reference: str,
    *,
    name: str | None = None,
    description: str | None = None,
    state: ContactFlowState | None = None,
) -> Outcome[ContactFlow]:
    """Name, description and state (ACTIVE / ARCHIVED); the content is left alone."""
    flow = directory.require(ContactFlow, reference)
    if name is not None:
        directory.check_name_free(ContactFlow, name, except_id=flow.id)
    updated = replace(
        flow,
        name=flow.name if name is None else name,
        description=flow.description if description is None else description,
        state=flow.state if state is None else state,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def delete_contact_flow(directory: Directory, reference: str) -> Outcome[None]:
    flow = directory.require(ContactFlow, reference)
    if flow.is_default:
        raise InvalidRequest(
            f"'{flow.name}' is one of the default flows every instance has; the instance "
            "falls back to it when nothing else is set, so it cannot be deleted. Edit it "
            "instead."
        )
    directory.check_not_in_use(flow)
    return Outcome(None, [Remove(flow)])
