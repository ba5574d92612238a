"""The catalog of Flow-language action types."""

from __future__ import annotations

import pytest

from opencontact.flows.catalog import ACTION_SPECS, COMMON_ERROR_TYPES, ValueKind, action_spec

ACTION_TYPES_IN_REAL_EXPORTS = [
    "CheckHoursOfOperation",
    "CheckMetricData",
    "CheckVoiceId",
    "Compare",
    "ConnectParticipantWithLexBot",
    "CreateCallbackContact",
    "CreateCase",
    "CreateCustomerProfile",
    "CreateTask",
    "DisconnectParticipant",
    "EndFlowExecution",
    "EndFlowModuleExecution",
    "GetCase",
    "GetCustomerProfile",
    "GetMetricData",
    "GetParticipantInput",
    "InvokeFlowModule",
    "InvokeLambdaFunction",
    "Loop",
    "MessageParticipant",
    "MessageParticipantIteratively",
    "ShowView",
    "StartVoiceIdStream",
    "TagContact",
    "TransferContactToQueue",
    "TransferParticipantToThirdParty",
    "TransferToFlow",
    "UpdateContactAttributes",
    "UpdateContactCallbackNumber",
    "UpdateContactData",
    "UpdateContactEventHooks",
    "UpdateContactMediaStreamingBehavior",
    "UpdateContactRecordingBehavior",
    "UpdateContactRoutingBehavior",
    "UpdateContactRoutingCriteria",
    "UpdateContactTargetQueue",
    "UpdateContactTextToSpeechVoice",
    "UpdateFlowAttributes",
    "UpdateFlowLoggingBehavior",
    "Wait",
]
DOCUMENTED_ONLY = [
    "CompleteOutboundCall",
    "DequeueContactAndTransferToQueue",
    "TransferContactToAgent",
    "DistributeByPercentage",
    "CheckOutboundCallStatus",
    "UpdatePreviousContactParticipantState",
    "UnTagContact",
    "UpdateCase",
    "UpdateCustomerProfile",
    "UpdateRoutingCriteria",
]


@pytest.mark.parametrize("action_type", ACTION_TYPES_IN_REAL_EXPORTS + DOCUMENTED_ONLY)
def test_every_action_type_in_use_is_known(action_type: str) -> None:
    spec = action_spec(action_type)

    assert spec is not None
    assert spec.type == action_type


def test_a_type_outside_the_language_is_unknown() -> None:
    assert action_spec("PlayPrompt") is None


def test_only_disconnecting_and_ending_actions_are_terminal() -> None:
    terminal = sorted(spec.type for spec in ACTION_SPECS.values() if spec.terminal)

    assert terminal == [
        "DisconnectParticipant",
        "EndFlowExecution",
        "EndFlowModuleExecution",
        "TransferContactToAgent",
    ]


def test_every_action_accepts_the_common_errors() -> None:
    assert all(spec.allowed_error_types >= COMMON_ERROR_TYPES for spec in ACTION_SPECS.values())


def test_transfer_to_queue_can_find_the_queue_full() -> None:
    spec = action_spec("TransferContactToQueue")

    assert spec is not None
    assert "QueueAtCapacity" in spec.allowed_error_types


def test_console_and_documented_spellings_name_the_same_parameter() -> None:
    wait = action_spec("Wait")
    menu = action_spec("GetParticipantInput")

    assert wait is not None
    assert menu is not None
    assert wait.spellings("TimeoutSeconds") == ("TimeoutSeconds", "TimeLimitSeconds")
    assert menu.spellings("InputTimeLimitSeconds") == (
        "InputTimeLimitSeconds",
        "InputTimeoutSeconds",
    )


def test_loop_count_is_a_whole_number_from_0_to_100() -> None:
    loop = action_spec("Loop")

    assert loop is not None
    rule = loop.rule("LoopCount")
    assert rule is not None
    assert (rule.kind, rule.minimum, rule.maximum) == (ValueKind.INTEGER, 0, 100)
    assert loop.conditions.required_operands == {"ContinueLooping", "DoneLooping"}
