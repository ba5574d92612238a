"""The agent API's JSON shapes, for validating requests and documenting responses (OpenAPI).

Responses are built by engine.views (the same dicts the WebSocket sends), so the response models
here describe them rather than produce them; a test keeps the two in step. Field names are
camelCase on the wire.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from opencontact.domain.user_settings import PhoneType

Timestamp = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class _Request(_Wire):
    model_config = ConfigDict(extra="forbid")


# -- requests ----------------------------------------------------------------------------------


class LoginRequest(_Request):
    instance: str = Field(
        min_length=1, max_length=256, description="The instance's alias, id or ARN."
    )
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class StatusRequest(_Request):
    status: str = Field(
        min_length=1, max_length=256, description="An agent status's name, id or ARN."
    )


class PhoneSettingsRequest(_Request):
    phone_type: PhoneType
    desk_phone_number: str | None = Field(
        default=None,
        max_length=32,
        description="E.164 (+ country code and number); required for DESK_PHONE.",
    )


class CallRequest(_Request):
    phone_number: str = Field(
        min_length=1,
        max_length=32,
        description="E.164, or a national number of the instance region's home country.",
    )


class TransferRequest(_Request):
    quick_connect_id: str | None = Field(default=None, min_length=1, max_length=256)
    phone_number: str | None = Field(default=None, min_length=1, max_length=32)

    @model_validator(mode="after")
    def _one_destination(self) -> TransferRequest:
        if (self.quick_connect_id is None) == (self.phone_number is None):
            raise ValueError("Give either quickConnectId or phoneNumber to transfer to.")
        return self


class TaskReferenceRequest(_Request):
    name: str = Field(min_length=1, max_length=4096, description="What the agent sees it as.")
    value: str = Field(max_length=4096)
    type: Literal["URL", "STRING", "NUMBER", "DATE", "EMAIL"] = Field(
        default="URL", description="URL references are links; a DATE is epoch seconds."
    )


class TaskRequest(_Request):
    name: str = Field(min_length=1, max_length=512)
    description: str | None = Field(default=None, max_length=4096)
    quick_connect_id: str = Field(
        min_length=1, max_length=256, description="A USER or QUEUE quick connect: where it goes."
    )
    references: list[TaskReferenceRequest] = Field(
        default_factory=list,
        max_length=25,
        description="Links and values the agent who gets the task sees (names unique).",
    )


class AttributesRequest(_Request):
    attributes: dict[
        Annotated[str, Field(min_length=1, max_length=127)],
        Annotated[str, Field(max_length=32767)],
    ] = Field(min_length=1, description="Attributes to set; others keep their value.")


class ChatMessageRequest(_Request):
    content: str = Field(min_length=1, max_length=16_384, description="The message (1 to 16 KiB).")
    content_type: Literal["text/plain", "text/markdown"] = "text/plain"


class ChatEventRequest(_Request):
    type: Literal["typing", "read"] = Field(
        description="typing: the agent is typing; read: a read receipt for messageId."
    )
    message_id: str | None = Field(
        default=None, min_length=1, max_length=256, description="The Id of the message read."
    )


# -- responses ---------------------------------------------------------------------------------


class _View(_Wire):
    # engine.views is the source of truth: a field added there passes through untouched.
    model_config = ConfigDict(extra="allow")


class ErrorBody(_View):
    error: str = Field(description="InvalidParameter, Unauthorized, AccessDenied, ...")
    message: str = Field(description="What went wrong, for a person.")


class SessionUser(_View):
    id: str
    username: str
    instance_id: str
    instance_alias: str | None
    permissions: list[str] = Field(description="What the user's security profiles allow.")


class SessionCreated(_View):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'.")
    expires_at: Timestamp
    user: SessionUser


class WorkspacePanelView(_View):
    id: str = Field(description="customer-profile, cases or knowledge")
    name: str
    permission: str = Field(description="The security-profile permission the panel needs.")
    allowed: bool = Field(description="Whether this agent's security profile grants it.")
    available: bool = Field(description="Whether the panel's contents exist in this version.")
    message: str


class WorkspaceView(_View):
    panels: list[WorkspacePanelView]


class SignInOptions(_View):
    instance: str | None = Field(
        description="The alias of the one instance whose users sign in with a password, when "
        "the server has exactly one; null otherwise."
    )


class SessionInfo(_View):
    expires_at: Timestamp
    user: SessionUser


class StatusView(_View):
    id: str
    name: str
    type: Literal["ROUTABLE", "CUSTOM", "OFFLINE"]


class CustomerView(_View):
    phone_number: str | None
    display_name: str | None = Field(description="A chat customer's name; None for calls.")
    on_hold: bool
    connected: bool


class QueueRef(_View):
    id: str
    name: str | None = Field(description="None for an agent's own queue.")


class ThirdPartyView(_View):
    id: str = Field(description="The party id, for DELETE .../parties/{partyId}.")
    kind: Literal["AGENT", "QUEUE", "PHONE_NUMBER"]
    label: str
    state: Literal["CONNECTING", "CONNECTED", "ON_HOLD", "DISCONNECTED"]
    since: Timestamp
    failure: str | None


class TaskTemplateRef(_View):
    id: str
    name: str | None


class ContactView(_View):
    contact_id: str
    channel: Literal["VOICE", "CHAT", "TASK", "EMAIL"]
    initiation_method: str
    state: str = Field(
        description="The agent's side: OFFERED, CONNECTING, CONNECTED, ON_HOLD, PAUSED (a "
        "task), AFTER_CONTACT_WORK (or the contact's state when no agent is on it)."
    )
    contact_state: Literal[
        "IN_FLOW", "QUEUED", "OFFERED", "CONNECTED", "ENDED", "SCHEDULED", "PAUSED"
    ]
    customer: CustomerView
    queue: QueueRef | None
    third_parties: list[ThirdPartyView]
    offered_at: Timestamp | None
    offer_expires_at: Timestamp | None
    connected_at: Timestamp | None
    hold_started_at: Timestamp | None
    after_contact_work_started_at: Timestamp | None
    after_contact_work_ends_at: Timestamp | None = Field(
        description="When ACW ends by itself (None: until Close contact)."
    )
    initiated_at: Timestamp
    disconnected_at: Timestamp | None
    disconnect_reason: str | None
    name: str | None
    description: str | None
    references: dict[str, str]
    reference_types: dict[str, str] = Field(
        description="Each reference's type: URL, STRING, NUMBER, DATE or EMAIL."
    )
    paused_at: Timestamp | None = Field(description="Since when the task is paused.")
    scheduled_at: Timestamp | None = Field(description="When a scheduled task starts (started).")
    task_template: TaskTemplateRef | None = Field(description="The template the task came from.")
    attributes: dict[str, str]
    previous_contact_id: str | None
    related_contact_id: str | None


class FlowLogView(_View):
    at: Timestamp
    flow_id: str
    flow_name: str | None
    action_id: str = Field(description="The action's Identifier in the flow's content.")
    action_type: str = Field(description="The action's Type, e.g. TransferContactToQueue.")
    parameters: dict[str, Any] = Field(
        description="The action's parameters (empty for a failure logged while logging is off)."
    )
    result: str = Field(description="Where the action went: the branch taken, or Error.")
    detail: str | None = Field(description="Why an action failed, in words.")


class ContactFlowLogs(_View):
    contact_id: str
    flow_logs: list[FlowLogView] = Field(
        description="Oldest first, across every flow the contact ran."
    )


class ChatReceiptView(BaseModel):
    model_config = ConfigDict(extra="allow")

    RecipientParticipantId: str
    DeliveredTimestamp: Timestamp | None = None
    ReadTimestamp: Timestamp | None = None


class ChatMessageMetadataView(BaseModel):
    model_config = ConfigDict(extra="allow")

    MessageId: str
    Receipts: list[ChatReceiptView]


class ChatItemView(BaseModel):
    """A chat item as the Amazon Connect Participant Service shapes it (PascalCase)."""

    model_config = ConfigDict(extra="allow")

    Id: str
    Type: Literal[
        "MESSAGE",
        "EVENT",
        "PARTICIPANT_JOINED",
        "PARTICIPANT_LEFT",
        "CHAT_ENDED",
        "TYPING",
        "MESSAGE_DELIVERED",
        "MESSAGE_READ",
        "TRANSFER_SUCCEEDED",
        "TRANSFER_FAILED",
    ]
    ContentType: str
    Content: str | None = None
    ParticipantId: str | None = None
    DisplayName: str | None = Field(
        default=None, description="SYSTEM_MESSAGE for the flows' messages."
    )
    ParticipantRole: Literal["CUSTOMER", "AGENT", "SYSTEM"]
    AbsoluteTime: str = Field(description="yyyy-MM-ddThh:mm:ss.SSSZ")
    ContactId: str = Field(description="The segment (contact) the item was posted on.")
    MessageMetadata: ChatMessageMetadataView | None = Field(
        default=None, description="Delivered/read receipts of a message."
    )


class ChatTranscript(_View):
    items: list[ChatItemView] = Field(description="Oldest first, every segment of the chat.")


class QuickConnectView(_View):
    id: str
    name: str
    type: Literal["USER", "QUEUE", "PHONE_NUMBER"]
    description: str | None
    phone_number: str | None


class AgentSettings(_View):
    phone_type: PhoneType
    desk_phone_number: str | None
    auto_accept: bool
    after_contact_work_time_limit: int = Field(description="Seconds; 0 = until Close contact.")


class AgentView(_View):
    user_id: str
    username: str | None
    status: StatusView | None = Field(description="The status the agent chose.")
    status_since: Timestamp
    next_status: StatusView | None = Field(
        description="Chosen while on a contact; applies when the last contact is closed."
    )
    system_state: Literal["MISSED", "REJECTED", "ERROR"] | None
    state: str = Field(
        description="What the CCP shows, by precedence: Incoming, Connecting, On hold, "
        "On contact, After contact work, Missed, Rejected, Error, else the status's name."
    )
    contacts: list[ContactView]


class AgentDesk(AgentView):
    statuses: list[StatusView] = Field(description="The statuses the agent can choose.")
    quick_connects: list[QuickConnectView] = Field(description="Those usable now.")
    settings: AgentSettings


class CreatedContact(AgentDesk):
    contact_id: str = Field(description="The contact just created.")


class EventMessage(_View):
    """A message of the WebSocket (documented here; OpenAPI has no words for sockets)."""

    type: Literal["snapshot", "agent"]
    agent: AgentDesk
    at: Timestamp = Field(description="The contact center's clock when the message was made.")


def field_names(model: type[BaseModel]) -> set[str]:
    """The wire names of a model's fields."""
    return {info.alias or name for name, info in model.model_fields.items()}


_ERROR_WORDS = {
    400: "InvalidParameter: the input is malformed",
    401: "Unauthorized: log in (again)",
    403: "AccessDenied or DestinationNotAllowed",
    404: "ResourceNotFound: not one of this agent's contacts (or no such resource)",
    409: "InvalidRequest: not possible in the current state",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of an endpoint that can fail with these statuses (for OpenAPI)."""
    return {s: {"model": ErrorBody, "description": _ERROR_WORDS[s]} for s in statuses}
