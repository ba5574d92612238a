"""Every action type of the Flow language, with what publishing needs to know about it.

Each :class:`ActionSpec` is written from the Flow-language reference ("Actions in the Amazon
Connect Flow language") and checked against real console exports. It records only what makes
a flow unpublishable: required parameters, parameters that must be numbers, booleans or one of
a few words, documented ranges, the error types its Errors may name, the conditions it supports
and whether it ends the flow. Parameters not listed are allowed: Connect adds new ones over time.

Two spellings exist for some parameters (console exports use ``InputTimeLimitSeconds`` and
``TimeLimitSeconds``, the reference also shows ``InputTimeoutSeconds`` and ``TimeoutSeconds``);
a rule's ``aliases`` accepts both.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


class ActionCategory(enum.StrEnum):
    CONTACT = "contact action"
    FLOW_CONTROL = "flow control action"
    INTERACTION = "interaction"
    PARTICIPANT = "participant action"


class ValueKind(enum.StrEnum):
    INTEGER = "a whole number"
    NUMBER = "a number"
    BOOLEAN = "true or false"
    TEXT = "text"
    OBJECT = "an object"
    LIST = "a list"


@dataclass(frozen=True)
class ParameterRule:
    name: str
    kind: ValueKind
    aliases: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ConditionRule:
    """Which Conditions an action's result supports.

    ``operators`` and ``operands`` empty mean "any"; ``required_operands`` are the outcomes the
    reference says must each have a Condition (a Loop must say where ContinueLooping and
    DoneLooping go).
    """

    supported: bool = True
    operators: frozenset[str] = frozenset()
    operands: frozenset[str] = frozenset()
    required_operands: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ActionSpec:
    type: str
    category: ActionCategory
    required: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one parameter of each group
    exclusive: tuple[tuple[str, ...], ...] = ()  # at most one parameter of each group
    rules: tuple[ParameterRule, ...] = ()
    error_types: frozenset[str] = frozenset()  # besides the COMMON_ERROR_TYPES
    conditions: ConditionRule = ConditionRule()
    terminal: bool = False  # ends the flow: no NextAction expected

    @property
    def allowed_error_types(self) -> frozenset[str]:
        return self.error_types | COMMON_ERROR_TYPES

    def rule(self, name: str) -> ParameterRule | None:
        return next((rule for rule in self.rules if name in rule.spellings), None)

    def spellings(self, name: str) -> tuple[str, ...]:
        rule = self.rule(name)
        return (name,) if rule is None else rule.spellings


# "Each individual Action supports specific Errors ... and the following commonly supported
# errors: NoMatchingError, NoMatchingCondition."
COMMON_ERROR_TYPES = frozenset({"NoMatchingError", "NoMatchingCondition"})

CONDITION_OPERATORS = frozenset(
    {
        "Equals",
        "TextStartsWith",
        "TextEndsWith",
        "TextContains",
        "NumberGreaterThan",
        "NumberGreaterOrEqualTo",
        "NumberLessThan",
        "NumberLessOrEqualTo",
    }
)

NO_CONDITIONS = ConditionRule(supported=False)
ANY_CONDITION = ConditionRule()
EQUALS_ONLY = ConditionRule(operators=frozenset({"Equals"}))

PROMPT = ("Text", "SSML", "PromptId", "Media")
QUEUE_OR_AGENT = ("QueueId", "AgentId")
ONE_PROMPT = (PROMPT,)
ONE_QUEUE = (QUEUE_OR_AGENT,)

_C = ActionCategory.CONTACT
_F = ActionCategory.FLOW_CONTROL
_I = ActionCategory.INTERACTION
_P = ActionCategory.PARTICIPANT


def _int(
    name: str, low: float | None = None, high: float | None = None, *aliases: str
) -> ParameterRule:
    return ParameterRule(name, ValueKind.INTEGER, aliases, low, high)


def _bool(name: str) -> ParameterRule:
    return ParameterRule(name, ValueKind.BOOLEAN)


def _text(*names: str) -> tuple[ParameterRule, ...]:
    return tuple(ParameterRule(name, ValueKind.TEXT) for name in names)


def _object(*names: str) -> tuple[ParameterRule, ...]:
    return tuple(ParameterRule(name, ValueKind.OBJECT) for name in names)


def _list(*names: str) -> tuple[ParameterRule, ...]:
    return tuple(ParameterRule(name, ValueKind.LIST) for name in names)


def _choice(name: str, *choices: str) -> ParameterRule:
    return ParameterRule(name, ValueKind.TEXT, choices=choices)


def _outcomes(*operands: str, required: tuple[str, ...] = ()) -> ConditionRule:
    return ConditionRule(
        operators=frozenset({"Equals"}),
        operands=frozenset(operands),
        required_operands=frozenset(required),
    )


def _errors(*names: str) -> frozenset[str]:
    return frozenset(names)


_PROMPT_TEXT = _text("Text", "SSML", "PromptId")
_QUEUE_TEXT = _text("QueueId", "AgentId")
_PROFILE_ERRORS = _errors("NoneFoundError", "MultipleFoundError")
_CASE_ERRORS = _errors("ContactNotLinked")
_ROUTING = (("QueuePriority", "QueueTimeAdjustmentSeconds", "RoutingProficiencies"),)
_LEX = ("LexV2Bot", "LexBot")

# One row per action type, grouped as the reference groups them. Kept as a hand-aligned table
# so that each action's whole contract reads on a few lines.
# fmt: off
_SPECS: tuple[ActionSpec, ...] = (
    # Contact actions
    ActionSpec("CompleteOutboundCall", _C, rules=_object("CallerId"), conditions=NO_CONDITIONS),
    ActionSpec("CreateCase", _C, required=("CaseTemplateId",),
               rules=(_bool("LinkContactToCase"), *_object("CaseRequestFields")),
               error_types=_CASE_ERRORS, conditions=NO_CONDITIONS),
    ActionSpec("CreateTask", _C, one_of=(("ContactFlowId", "TaskTemplateId"),),
               exclusive=(("DelaySeconds", "ScheduledTime"),),
               rules=(_int("DelaySeconds", 1, 518_400), *_object("Attributes", "References")),
               conditions=NO_CONDITIONS),
    ActionSpec("CreateWisdomSession", _C),
    ActionSpec("DequeueContactAndTransferToQueue", _C, one_of=ONE_QUEUE, exclusive=ONE_QUEUE,
               rules=_QUEUE_TEXT, error_types=_errors("QueueAtCapacity"),
               conditions=NO_CONDITIONS),
    ActionSpec("EndFlowModuleExecution", _C, conditions=NO_CONDITIONS, terminal=True),
    ActionSpec("GetCase", _C,
               rules=(_bool("LinkContactToCase"), _bool("GetLastUpdatedCase"),
                      *_object("CaseRequestFields")),
               error_types=_CASE_ERRORS | _errors("MultipleFound", "NoneFound"),
               conditions=NO_CONDITIONS),
    ActionSpec("InvokeFlowModule", _C, required=("FlowModuleId",), rules=_text("FlowModuleId"),
               conditions=NO_CONDITIONS),
    ActionSpec("ResumeContact", _C),
    ActionSpec("StartOutboundChatContact", _C),
    ActionSpec("TagContact", _C, required=("Tags",), rules=_object("Tags"),
               conditions=NO_CONDITIONS),
    # Ends the flow and rings the agent; the console still draws an Error branch for chat.
    ActionSpec("TransferContactToAgent", _C, conditions=NO_CONDITIONS, terminal=True),
    ActionSpec("TransferContactToQueue", _C, error_types=_errors("QueueAtCapacity"),
               conditions=NO_CONDITIONS),
    ActionSpec("UnTagContact", _C, required=("TagKeys",), rules=_list("TagKeys"),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateCase", _C, required=("CaseId",),
               rules=(_bool("LinkContactToCase"), *_object("CaseRequestFields")),
               error_types=_CASE_ERRORS, conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactAttributes", _C, required=("Attributes",),
               rules=_object("Attributes"), conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactCallbackNumber", _C, required=("CallbackNumber",),
               rules=_text("CallbackNumber"),
               error_types=_errors("InvalidCallbackNumber", "CallbackNumberNotDialable"),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactData", _C, conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactEventHooks", _C, required=("EventHooks",),
               rules=_object("EventHooks"), conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactMediaProcessing", _C),
    ActionSpec("UpdateContactMediaStreamingBehavior", _C, required=("MediaStreamingState",),
               rules=(_choice("MediaStreamingState", "Enabled", "Disabled"),
                      *_list("Participants")),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactRecordingAndAnalyticsBehavior", _C, conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactRecordingBehavior", _C,
               rules=_object("RecordingBehavior", "AnalyticsBehavior"),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactRoutingBehavior", _C, one_of=_ROUTING, exclusive=_ROUTING,
               rules=(_int("QueuePriority", 1), _int("QueueTimeAdjustmentSeconds")),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactTargetQueue", _C, one_of=ONE_QUEUE, exclusive=ONE_QUEUE,
               rules=_QUEUE_TEXT, conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactTextToSpeechVoice", _C, required=("TextToSpeechVoice",),
               rules=_text("TextToSpeechVoice"), conditions=NO_CONDITIONS),
    ActionSpec("UpdatePreviousContactParticipantState", _C,
               required=("PreviousContactParticipantState",),
               rules=(_choice("PreviousContactParticipantState",
                              "AgentOnHold", "CustomerOnHold", "OffHold"),),
               conditions=NO_CONDITIONS),
    # Flow control actions
    ActionSpec("CheckHoursOfOperation", _F, rules=_text("HoursOfOperationId"),
               conditions=_outcomes("True", "False", required=("True", "False"))),
    ActionSpec("CheckMetricData", _F, required=("MetricType",), exclusive=ONE_QUEUE,
               rules=(*_text("MetricType"), *_QUEUE_TEXT)),
    ActionSpec("CheckOutboundCallStatus", _F,
               conditions=_outcomes("CallAnswered", "VoicemailBeep", "VoicemailNoBeep",
                                    "NotDetected")),
    ActionSpec("CheckVoiceId", _F, required=("CheckVoiceIdOption",),
               rules=(_choice("CheckVoiceIdOption",
                              "enrollmentStatus", "voiceAuthentication", "fraudDetection"),)),
    ActionSpec("Compare", _F, required=("ComparisonValue",), rules=_text("ComparisonValue")),
    ActionSpec("DistributeByPercentage", _F),
    ActionSpec("EndFlowExecution", _F, conditions=NO_CONDITIONS, terminal=True),
    ActionSpec("GetMetricData", _F, exclusive=ONE_QUEUE, rules=_QUEUE_TEXT,
               conditions=NO_CONDITIONS),
    ActionSpec("Loop", _F, required=("LoopCount",), rules=(_int("LoopCount", 0, 100),),
               conditions=_outcomes("ContinueLooping", "DoneLooping",
                                    required=("ContinueLooping", "DoneLooping"))),
    ActionSpec("StartVoiceIdStream", _F, conditions=NO_CONDITIONS),
    ActionSpec("TransferToFlow", _F, required=("ContactFlowId",), rules=_text("ContactFlowId"),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateFlowAttributes", _F, required=("FlowAttributes",),
               rules=_object("FlowAttributes"), conditions=NO_CONDITIONS),
    ActionSpec("UpdateFlowLoggingBehavior", _F, required=("FlowLoggingBehavior",),
               rules=(_choice("FlowLoggingBehavior", "Enabled", "Disabled"),),
               conditions=NO_CONDITIONS),
    # The reference says UpdateRoutingCriteria; console exports say UpdateContactRoutingCriteria.
    ActionSpec("UpdateRoutingCriteria", _F, required=("RoutingCriteria",),
               rules=_object("RoutingCriteria"), conditions=NO_CONDITIONS),
    ActionSpec("UpdateContactRoutingCriteria", _F, required=("RoutingCriteria",),
               rules=_object("RoutingCriteria"), conditions=NO_CONDITIONS),
    ActionSpec("Wait", _F, required=("TimeoutSeconds",),
               rules=(_int("TimeoutSeconds", 1, 604_800, "TimeLimitSeconds"), *_list("Events")),
               error_types=_errors("ParticipantNotFound"),
               conditions=_outcomes("WaitCompleted", "CustomerReturned",
                                    "BotParticipantDisconnected", required=("WaitCompleted",))),
    # Interactions
    ActionSpec("AssociateContactToCustomerProfile", _I, conditions=NO_CONDITIONS),
    ActionSpec("CreateCallbackContact", _I,
               required=("InitialCallDelaySeconds", "MaximumConnectionAttempts"),
               exclusive=ONE_QUEUE,
               rules=(_int("InitialCallDelaySeconds", 1, 259_200),
                      _int("MaximumConnectionAttempts", 1),
                      _int("RetryDelaySeconds", 1, 259_200), *_QUEUE_TEXT),
               conditions=NO_CONDITIONS),
    ActionSpec("CreateCustomerProfile", _I, rules=_object("ProfileRequestData"),
               conditions=NO_CONDITIONS),
    ActionSpec("GetCalculatedAttributesForCustomerProfile", _I, required=("ProfileRequestData",),
               rules=_object("ProfileRequestData"), error_types=_PROFILE_ERRORS,
               conditions=NO_CONDITIONS),
    ActionSpec("GetCustomerProfile", _I, required=("ProfileRequestData",),
               rules=_object("ProfileRequestData"), error_types=_PROFILE_ERRORS,
               conditions=NO_CONDITIONS),
    ActionSpec("GetCustomerProfileObject", _I, rules=_object("ProfileRequestData"),
               error_types=_PROFILE_ERRORS, conditions=NO_CONDITIONS),
    # The reference caps synchronous calls at 8 seconds; the console allows asynchronous calls
    # up to 60, so 60 is the bound that no real export breaks.
    ActionSpec("InvokeLambdaFunction", _I, required=("LambdaFunctionARN",),
               rules=(*_text("LambdaFunctionARN"), _int("InvocationTimeLimitSeconds", 1, 60),
                      _choice("InvocationType", "SYNCHRONOUS", "ASYNCHRONOUS"),
                      *_object("LambdaInvocationAttributes", "ResponseValidation")),
               conditions=NO_CONDITIONS),
    ActionSpec("UpdateCustomerProfile", _I, rules=_object("ProfileRequestData"),
               conditions=NO_CONDITIONS),
    # Participant actions
    ActionSpec("ConnectParticipantWithLexBot", _P, one_of=(_LEX,),
               exclusive=(("Text", "SSML", "PromptId"), _LEX),
               rules=(*_PROMPT_TEXT, *_object(*_LEX, "LexSessionAttributes")),
               error_types=_errors("InputTimeLimitExceeded"), conditions=EQUALS_ONLY),
    ActionSpec("DisconnectParticipant", _P, conditions=NO_CONDITIONS, terminal=True),
    ActionSpec("GetParticipantInput", _P, exclusive=ONE_PROMPT,
               rules=(*_PROMPT_TEXT, _int("InputTimeLimitSeconds", 1, None, "InputTimeoutSeconds"),
                      _bool("StoreInput"),
                      *_object("InputValidation", "InputEncryption", "DTMFConfiguration")),
               error_types=_errors("InputTimeLimitExceeded", "InvalidPhoneNumber"),
               conditions=EQUALS_ONLY),
    ActionSpec("MessageParticipant", _P, one_of=ONE_PROMPT, exclusive=ONE_PROMPT,
               rules=_PROMPT_TEXT, conditions=NO_CONDITIONS),
    ActionSpec("MessageParticipantIteratively", _P, required=("Messages",),
               rules=(*_list("Messages"), _int("InterruptFrequencySeconds", 1),
                      _bool("ContinueMessagingDuringInterrupt")),
               conditions=_outcomes("MessagesInterrupted")),
    ActionSpec("ShowView", _P, required=("ViewResource",),
               rules=(*_object("ViewResource", "ViewData"), _int("InvocationTimeLimitSeconds", 1)),
               error_types=_errors("TimeLimitExceeded")),
    ActionSpec("TransferParticipantToThirdParty", _P, required=("ThirdPartyPhoneNumber",),
               rules=(*_text("ThirdPartyPhoneNumber", "ThirdPartyDTMFDigits"),
                      _int("ThirdPartyConnectionTimeLimitSeconds", 0, 600),
                      _bool("ContinueFlowExecution"), *_object("CallerId")),
               error_types=_errors("CallFailed", "ConnectionTimeLimitExceeded"),
               conditions=NO_CONDITIONS),
)
# fmt: on

ACTION_SPECS: Mapping[str, ActionSpec] = MappingProxyType({spec.type: spec for spec in _SPECS})


def action_spec(action_type: str) -> ActionSpec | None:
    """The spec of a Flow-language action type; None when the language has no such type."""
    return ACTION_SPECS.get(action_type)
