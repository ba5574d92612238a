"""What the flow interpreter and the engine exchange. Pure data.

The interpreter (`interpreter.advance`) runs a flow on a contact as far as it can without the
outside world. It reads everything it needs through a `FlowEnvironment` (the contact's data, the
instance's queues, agents, hours, metrics and other flows, the time), and hands back:

- the new `FlowRun` (where the flow stands), or None once the flow is over,
- `instructions` for the engine, in order (set attributes, play a message, enqueue, ...),
- what the run now `awaits` from the engine (digits, a timer, a Lambda result, ...), if anything,
- how the flow ended (`FlowEnding`), when it did,
- flow-log entries.

The engine carries out the instructions (after making the state change durable) and later calls
`advance` again with the `Signal` the run was waiting for.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from opencontact.flows.document import FlowDocument

# -- the state of a running flow ------------------------------------------------------------------


class FlowPurpose(enum.StrEnum):
    """Why a flow runs on a contact; decides what `$.Agent` means and which actions are allowed."""

    INBOUND = "INBOUND"  # a contact flow: from a phone number, StartOutboundVoiceContact, a task
    CUSTOMER_QUEUE = "CUSTOMER_QUEUE"
    CUSTOMER_HOLD = "CUSTOMER_HOLD"
    AGENT_HOLD = "AGENT_HOLD"
    CUSTOMER_WHISPER = "CUSTOMER_WHISPER"
    AGENT_WHISPER = "AGENT_WHISPER"
    OUTBOUND_WHISPER = "OUTBOUND_WHISPER"
    AGENT_TRANSFER = "AGENT_TRANSFER"
    QUEUE_TRANSFER = "QUEUE_TRANSFER"
    DISCONNECT = "DISCONNECT"  # the CustomerRemaining / disconnect hook flow


class AwaitKind(enum.StrEnum):
    INPUT = "INPUT"  # customer digits, or a chat customer's message (GetParticipantInput)
    TIMER = "TIMER"  # Wait, or the interrupt period of MessageParticipantIteratively
    LAMBDA = "LAMBDA"  # InvokeLambdaFunction
    THIRD_PARTY = "THIRD_PARTY"  # TransferParticipantToThirdParty
    FOREVER = "FOREVER"  # e.g. an endless hold-music loop: only an outside event ends it
    RECORDS = "RECORDS"  # a customer profile or case read or written in the store


@dataclass(frozen=True)
class Awaiting:
    kind: AwaitKind
    # Seconds until the engine must send TimedOut (INPUT, LAMBDA, THIRD_PARTY) or
    # TimerElapsed (TIMER); None = no time limit.
    seconds: float | None = None
    # For INPUT: how the digits are gathered.
    max_digits: int | None = None
    terminator: str | None = None


@dataclass(frozen=True)
class FlowFrame:
    """A flow that called a module (InvokeFlowModule) and where to go back to."""

    flow_id: str
    return_action_id: str | None
    # The caller's $.FlowAttributes, given back when the module returns (a module has its own).
    flow_attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FlowRun:
    flow_id: str
    action_id: str | None
    purpose: FlowPurpose
    flow_attributes: Mapping[str, str] = field(default_factory=dict)
    loop_counts: Mapping[str, int] = field(default_factory=dict)
    stored_input: str | None = None
    external: Mapping[str, Any] = field(default_factory=dict)
    awaiting: Awaiting | None = None
    calling_frames: tuple[FlowFrame, ...] = ()
    logging_enabled: bool = False
    started_at: datetime | None = None
    # $.Metrics: the queue metrics the last GetMetricData loaded ({"Queue": {"Size": 3, ...},
    # "Agents": {"Online": {"Count": 2}, ...}}); empty until one runs.
    metrics: Mapping[str, Any] = field(default_factory=dict)
    # $.Customer and $.Case: what the Customer profiles and Cases actions kept (text values).
    customer: Mapping[str, str] = field(default_factory=dict)
    case: Mapping[str, str] = field(default_factory=dict)


# -- what the interpreter reads -------------------------------------------------------------------


@dataclass(frozen=True)
class EndpointData:
    type: str  # TELEPHONE_NUMBER, VOIP, CONTACT_FLOW, ...
    address: str


@dataclass(frozen=True)
class QueueMetrics:
    """A queue's real-time figures now (CheckMetricData, GetMetricData, `$.Metrics`)."""

    contacts_in_queue: int = 0
    oldest_contact_age_seconds: float = 0.0
    agents_online: int = 0
    agents_available: int = 0
    agents_staffed: int = 0
    agents_after_contact_work: int = 0
    agents_busy: int = 0
    agents_missed: int = 0
    agents_non_productive: int = 0


@dataclass(frozen=True)
class QueueData:
    id: str
    arn: str
    name: str
    queue_type: str  # STANDARD / AGENT
    outbound_caller_id_name: str | None = None
    outbound_caller_id_number: str | None = None
    at_capacity: bool = False
    # None when the queue has no hours (agent queues): CheckHoursOfOperation errors then.
    open_now: bool | None = None


@dataclass(frozen=True)
class AgentData:
    id: str
    arn: str
    username: str
    first_name: str | None = None
    last_name: str | None = None
    queue_id: str | None = None  # the agent's own queue


@dataclass(frozen=True)
class ContactData:
    """The contact as `$.` paths see it."""

    contact_id: str
    initial_contact_id: str
    previous_contact_id: str | None
    channel: str
    initiation_method: str
    instance_arn: str
    attributes: Mapping[str, str]
    customer_endpoint: EndpointData | None
    system_endpoint: EndpointData | None
    queue: QueueData | None  # the working (target) queue, once set
    agent: AgentData | None  # the agent on the contact; in a transfer-to-agent flow, the target
    name: str | None = None
    description: str | None = None
    references: Mapping[str, str] = field(default_factory=dict)
    language_code: str = "en-US"
    text_to_speech_voice: str = "Joanna"
    tags: Mapping[str, str] = field(default_factory=dict)
    # Flow logging as the contact's flows left it (Set logging behavior; off until then).
    flow_logging: bool = False


class FlowEnvironment(Protocol):
    def now(self) -> datetime: ...

    def contact(self) -> ContactData: ...

    def flow(self, reference: str) -> tuple[str, FlowDocument] | None:
        """A published flow or module by id or ARN: its id and parsed document."""
        ...

    def queue(self, reference: str) -> QueueData | None:
        """A queue by id or ARN (without its metrics)."""
        ...

    def queue_metrics(self, queue: QueueData) -> QueueMetrics:
        """The queue's real-time figures now (worked out only when a flow asks: they cost)."""
        ...

    def agent(self, reference: str) -> AgentData | None:
        """A user by id, ARN or username."""
        ...

    def hours_open(self, hours_reference: str) -> bool | None:
        """Whether hours of operation (id or ARN) are open now; None if there are none such."""
        ...

    def random_percent(self) -> float:
        """A number in [0, 100) for DistributeByPercentage (seeded in tests)."""
        ...


# -- what the engine sends back ------------------------------------------------------------------


@dataclass(frozen=True)
class DigitsEntered:
    digits: str


@dataclass(frozen=True)
class MessageReceived:
    """The customer of a chat sent a message (the input GetParticipantInput waits for on a
    chat, and what ends a Wait for CustomerReturned)."""

    text: str


@dataclass(frozen=True)
class TimedOut:
    """The awaited input, Lambda or third party did not come in time."""


@dataclass(frozen=True)
class TimerElapsed:
    pass


@dataclass(frozen=True)
class LambdaReturned:
    result: Mapping[str, Any]


@dataclass(frozen=True)
class LambdaFailed:
    reason: str


@dataclass(frozen=True)
class ThirdPartyConnected:
    pass


@dataclass(frozen=True)
class ThirdPartyFailed:
    reason: str  # busy, no-answer, rejected, not-allowed


@dataclass(frozen=True)
class ThirdPartyDisconnected:
    """The third party of a transfer that resumes the flow (resume_flow_after_disconnect) hung
    up while the customer stayed: the flow continues at the transfer's Success branch."""


@dataclass(frozen=True)
class RecordsAnswered:
    """The store's answer to a ProfileRequest or CaseRequest: `outcome` is "Success" or the
    error branch to take (NoneFoundError, MultipleFound, ContactNotLinked, NoMatchingError, ...);
    `record` is the profile or case found, created or changed, as flat text fields
    (Amazon's names: FirstName, City, ... or case_id, title, ...), empty when there is none."""

    outcome: str
    record: Mapping[str, str] = field(default_factory=dict)
    detail: str | None = None


Signal = (
    DigitsEntered
    | MessageReceived
    | TimedOut
    | TimerElapsed
    | LambdaReturned
    | LambdaFailed
    | ThirdPartyConnected
    | ThirdPartyFailed
    | ThirdPartyDisconnected
    | RecordsAnswered
)


# -- what the interpreter asks the engine to do ---------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One thing to say or show: text, SSML, or a stored prompt (id or ARN)."""

    text: str | None = None
    ssml: str | None = None
    prompt_id: str | None = None
    media_uri: str | None = None  # "Media": an audio file outside Connect (S3 URI)


@dataclass(frozen=True)
class Play:
    """Say these messages to the contact's participant(s) in order; `loop` repeats them until
    the contact leaves this flow (hold music, queue messages)."""

    messages: tuple[Message, ...]
    loop: bool = False


@dataclass(frozen=True)
class StopPlaying:
    pass


@dataclass(frozen=True)
class SetAttributes:
    values: Mapping[str, str]


@dataclass(frozen=True)
class SetTargetQueue:
    queue_id: str


@dataclass(frozen=True)
class SetEventHook:
    # CustomerQueue, CustomerHold, CustomerWhisper, AgentHold, AgentWhisper, CustomerRemaining, ...
    hook: str
    flow_id: str


@dataclass(frozen=True)
class SetRoutingBehavior:
    queue_priority: int | None = None
    queue_time_adjustment_seconds: int | None = None


@dataclass(frozen=True)
class SetRecording:
    participants: tuple[str, ...]


@dataclass(frozen=True)
class SetVoice:
    voice: str
    language_code: str | None = None


@dataclass(frozen=True)
class SetContactData:
    name: str | None = None
    description: str | None = None
    references: Mapping[str, str] = field(default_factory=dict)
    language_code: str | None = None


@dataclass(frozen=True)
class SetCallbackNumber:
    number: str


@dataclass(frozen=True)
class SetFlowLogging:
    """UpdateFlowLoggingBehavior: the contact's flows log their actions (or stop) from here on,
    in this flow and the next ones, and in the contact's later segments."""

    enabled: bool


@dataclass(frozen=True)
class SetContactTags:
    """TagContact: these user-defined tags are set (others kept)."""

    tags: Mapping[str, str]


@dataclass(frozen=True)
class RemoveContactTags:
    """UnTagContact: the tags with these keys are removed."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class InvokeLambda:
    function_arn: str
    parameters: Mapping[str, Any]
    timeout_seconds: float
    # Connect's "response validation": STRING_MAP (default) or JSON.
    response_type: str = "STRING_MAP"


@dataclass(frozen=True)
class ProfileRequest:
    """GetCustomerProfile / CreateCustomerProfile / UpdateCustomerProfile, for the engine to
    carry out in the store. `search`: (search key, value) pairs (`_phone`, `_email`, ...);
    `match_all`: every pair must hold (AND), else any one (OR). `fields`: the profile fields
    to set, by Amazon's names (FirstName, PhoneNumber, Address1, City, Attributes.<name>...)."""

    operation: str  # GET, CREATE, UPDATE
    search: tuple[tuple[str, str], ...] = ()
    match_all: bool = True
    profile_id: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseRequest:
    """GetCase / CreateCase / UpdateCase, for the engine to carry out in the store. `fields`:
    case fields by Amazon's system field ids (title, status, summary, customer_id, case_id,
    reference_number); for GET they are what the case must have."""

    operation: str  # GET, CREATE, UPDATE
    fields: Mapping[str, str] = field(default_factory=dict)
    case_id: str | None = None
    customer_id: str | None = None
    link_contact: bool = False
    last_updated: bool = False


@dataclass(frozen=True)
class Enqueue:
    """TransferContactToQueue / DequeueContactAndTransferToQueue: the contact goes to this queue
    (the flow ends here)."""

    queue_id: str


@dataclass(frozen=True)
class TransferToThirdParty:
    phone_number: str
    timeout_seconds: float
    resume_flow_after_disconnect: bool = False
    dtmf_digits: str | None = None  # sent to the third party once it answers
    caller_id_number: str | None = None  # presented to the third party instead of the default


@dataclass(frozen=True)
class CreateTask:
    name: str
    description: str | None
    flow_id: str | None
    references: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[str, str] = field(default_factory=dict)
    delay_seconds: float | None = None


@dataclass(frozen=True)
class CreateCallback:
    queue_id: str | None
    initial_call_delay_seconds: float = 0.0
    maximum_attempts: int = 1
    retry_delay_seconds: float = 0.0


@dataclass(frozen=True)
class Disconnect:
    pass


Instruction = (
    Play
    | StopPlaying
    | SetAttributes
    | SetTargetQueue
    | SetEventHook
    | SetRoutingBehavior
    | SetRecording
    | SetVoice
    | SetContactData
    | SetCallbackNumber
    | SetContactTags
    | RemoveContactTags
    | SetFlowLogging
    | InvokeLambda
    | ProfileRequest
    | CaseRequest
    | Enqueue
    | TransferToThirdParty
    | CreateTask
    | CreateCallback
    | Disconnect
)


class FlowEnding(enum.StrEnum):
    DISCONNECTED = "DISCONNECTED"  # DisconnectParticipant
    ENDED = "ENDED"  # EndFlowExecution, or a flow that ran out of actions
    ENQUEUED = "ENQUEUED"  # handed to a queue (Enqueue instruction)
    ERROR = "ERROR"  # an error with no branch to take: the contact is disconnected
    # TransferParticipantToThirdParty without ContinueFlowExecution: the customer now talks to
    # the third party; the flow is over but the call goes on.
    TRANSFERRED = "TRANSFERRED"


@dataclass(frozen=True)
class FlowLogEntry:
    at: datetime
    flow_id: str
    action_id: str
    action_type: str
    parameters: Mapping[str, Any]
    result: str  # the branch taken: "Success", "NoMatchingError", "Condition: Equals 1", ...
    detail: str | None = None


@dataclass(frozen=True)
class Advance:
    run: FlowRun | None
    instructions: tuple[Instruction, ...] = ()
    ending: FlowEnding | None = None
    logs: tuple[FlowLogEntry, ...] = ()
