"""Participant actions: what the customer hears and presses, hanging up, and dialling out.

Prompts are handed to the engine as :class:`Play` instructions; anything that needs the
customer (digits) or the telephone network (a third party answering) makes the run wait.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import phonenumbers

from opencontact.flows.actions.base import (
    Execution,
    Fail,
    Finish,
    Outcome,
    Wait,
    failure,
    seconds,
    success,
)
from opencontact.flows.actions.conditions import choose
from opencontact.flows.document import Action, read_bool, read_int
from opencontact.flows.run import (
    Awaiting,
    AwaitKind,
    DigitsEntered,
    Disconnect,
    FlowEnding,
    Message,
    MessageReceived,
    Play,
    Signal,
    StopPlaying,
    ThirdPartyConnected,
    ThirdPartyDisconnected,
    ThirdPartyFailed,
    TimedOut,
    TimerElapsed,
    TransferToThirdParty,
)

E164 = re.compile(r"\+[1-9]\d{1,14}")
DEFAULT_INPUT_SECONDS = 5.0  # the Get customer input block's default
DEFAULT_THIRD_PARTY_SECONDS = 30.0  # the Transfer to phone number block's default
INPUT_TIME_LIMIT_EXCEEDED = "InputTimeLimitExceeded"


def message(ex: Execution, spec: Mapping[str, Any]) -> Message | Fail | None:
    """The one message ``spec`` defines (Text, SSML, PromptId or Media); None when it says
    nothing. Text and SSML are templates; a whole path to nothing is an error."""
    for name in ("Text", "SSML", "PromptId"):
        if name not in spec:
            continue
        value = ex.text(spec[name])
        if value is None:
            return failure(f"The {name} {spec[name]!r} has nothing to play.")
        if not value.strip():
            return None
        if name == "Text":
            return Message(text=value)
        if name == "SSML":
            return Message(ssml=value)
        return Message(prompt_id=value)
    media = spec.get("Media")
    if isinstance(media, Mapping):
        uri = ex.text(media.get("Uri"))
        if not uri:
            return failure("The Media has no Uri to play.")
        return Message(media_uri=uri)
    return None


def message_participant(ex: Execution, action: Action) -> Outcome:
    played = message(ex, action.parameters)
    if isinstance(played, Fail):
        return played
    if played is not None:
        ex.emit(Play((played,)))
    return success(action)


def message_participant_iteratively(ex: Execution, action: Action) -> Outcome:
    if ex.contact.channel != "VOICE":
        return failure(f"Messages loop only on voice contacts, not {ex.contact.channel}.")
    raw = action.parameter("Messages")
    if not isinstance(raw, list):
        return failure("Messages must be a list of messages.")
    messages: list[Message] = []
    for spec in raw:
        if not isinstance(spec, Mapping):
            return failure("Each entry of Messages must be an object.")
        played = message(ex, spec)
        if isinstance(played, Fail):
            return played
        if played is not None:
            messages.append(played)
    if not messages:
        return failure("Messages has nothing to play.")
    ex.emit(Play(tuple(messages), loop=True))
    interrupt = seconds(ex, action, "InterruptFrequencySeconds", default=None)
    if interrupt:
        return Wait(Awaiting(AwaitKind.TIMER, interrupt), f"Interrupting after {interrupt:g} s.")
    return Wait(Awaiting(AwaitKind.FOREVER), "Playing until the contact leaves this flow.")


def resume_message_participant_iteratively(
    ex: Execution, action: Action, signal: Signal
) -> Outcome | None:
    if not isinstance(signal, TimerElapsed):
        return None
    if read_bool(action.parameter("ContinueMessagingDuringInterrupt")) is not True:
        ex.emit(StopPlaying())
    return choose(action, "MessagesInterrupted")


def disconnect_participant(ex: Execution, action: Action) -> Outcome:
    ex.emit(Disconnect())
    return Finish(FlowEnding.DISCONNECTED, "Disconnected")


# -- Get customer input -----------------------------------------------------------------------


def _stores_input(action: Action) -> bool:
    return read_bool(action.parameter("StoreInput")) is True


def _validation(action: Action) -> Mapping[str, Any]:
    validation = action.parameter("InputValidation")
    return validation if isinstance(validation, Mapping) else {}


def _terminator(action: Action) -> str:
    dtmf = action.parameter("DTMFConfiguration")
    sequence = dtmf.get("InputTerminationSequence") if isinstance(dtmf, Mapping) else None
    return sequence if isinstance(sequence, str) and sequence else "#"


def _maximum_length(action: Action) -> int | None:
    custom = _validation(action).get("CustomValidation")
    if isinstance(custom, Mapping):
        return read_int(custom.get("MaximumLength"))
    return None


def get_participant_input(ex: Execution, action: Action) -> Outcome:
    prompt = message(ex, action.parameters)
    if isinstance(prompt, Fail):
        return prompt
    limit = seconds(
        ex,
        action,
        "InputTimeLimitSeconds",
        "InputTimeoutSeconds",
        default=DEFAULT_INPUT_SECONDS,
    )
    if not limit:
        return failure("InputTimeLimitSeconds must be a number of seconds above zero.")
    if prompt is not None:
        ex.emit(Play((prompt,)))
    if ex.contact.channel == "CHAT":
        # On a chat the input is the customer's next message, whatever its length.
        return Wait(Awaiting(AwaitKind.INPUT, limit), "Waiting for the customer's reply.")
    if _stores_input(action):
        awaiting = Awaiting(AwaitKind.INPUT, limit, _maximum_length(action), _terminator(action))
        return Wait(awaiting, "Waiting for the customer to enter a number.")
    return Wait(Awaiting(AwaitKind.INPUT, limit, max_digits=1), "Waiting for a menu choice.")


def resume_get_participant_input(ex: Execution, action: Action, signal: Signal) -> Outcome | None:
    if isinstance(signal, TimedOut):
        return Fail(INPUT_TIME_LIMIT_EXCEEDED, "The customer entered nothing in time.")
    if isinstance(signal, MessageReceived):
        return _typed_input(ex, action, signal.text)
    if not isinstance(signal, DigitsEntered):
        return None
    digits = signal.digits
    if not _stores_input(action):
        return choose(action, digits)
    terminator = _terminator(action)
    if digits.endswith(terminator):
        digits = digits[: -len(terminator)]
    maximum = _maximum_length(action)
    if maximum is not None and maximum > 0:
        digits = digits[:maximum]
    stored = _validated(action, digits)
    if isinstance(stored, Fail):
        return stored
    ex.update(stored_input=stored)
    return success(action, f"Stored {len(stored)} characters.")


def _typed_input(ex: Execution, action: Action, text: str) -> Outcome:
    """A chat customer's reply: matched against the conditions (a menu), or stored as
    $.StoredCustomerInput (validated as a phone number when the block asks for one)."""
    typed = text.strip()
    if not _stores_input(action):
        return choose(action, typed)
    maximum = _maximum_length(action)
    if maximum is not None and maximum > 0:
        typed = typed[:maximum]
    stored = _validated(action, typed)
    if isinstance(stored, Fail):
        return stored
    ex.update(stored_input=stored)
    return success(action, f"Stored {len(stored)} characters.")


def _validated(action: Action, digits: str) -> str | Fail:
    """The input as stored: phone numbers are checked and stored in E.164."""
    phone = _validation(action).get("PhoneNumberValidation")
    if not isinstance(phone, Mapping):
        return digits
    if phone.get("NumberFormat") == "Local":
        country = phone.get("CountryCode")
        try:
            number = phonenumbers.parse(digits, str(country or ""))
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            return Fail("InvalidPhoneNumber", f"{digits!r} is not a phone number in {country}.")
        formatted: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return formatted
    candidate = digits if digits.startswith("+") else f"+{digits}"
    if not E164.fullmatch(candidate):
        return Fail("InvalidPhoneNumber", f"{digits!r} is not an E.164 phone number.")
    return candidate


# -- Transfer to phone number ------------------------------------------------------------------


def _continues(action: Action) -> bool:
    # "If not defined or True, the flow continues running after the third party call finishes."
    return read_bool(action.parameter("ContinueFlowExecution")) is not False


def transfer_participant_to_third_party(ex: Execution, action: Action) -> Outcome:
    if ex.contact.channel != "VOICE":
        channel = ex.contact.channel
        return failure(f"Only voice contacts can be transferred to a phone number, not {channel}.")
    raw = action.parameter("ThirdPartyPhoneNumber")
    number = ex.text(raw)
    if not number or not E164.fullmatch(number):
        return Fail("CallFailed", f"{number or raw!r} is not an E.164 phone number.")
    limit = seconds(ex, action, "ThirdPartyConnectionTimeLimitSeconds", default=None)
    limit = limit or DEFAULT_THIRD_PARTY_SECONDS
    caller_id = action.parameter("CallerId")
    caller_number = caller_id.get("Number") if isinstance(caller_id, Mapping) else None
    ex.emit(
        TransferToThirdParty(
            phone_number=number,
            timeout_seconds=limit,
            resume_flow_after_disconnect=_continues(action),
            dtmf_digits=ex.text(action.parameter("ThirdPartyDTMFDigits")) or None,
            caller_id_number=ex.text(caller_number) or None,
        )
    )
    return Wait(Awaiting(AwaitKind.THIRD_PARTY, limit), f"Calling {number}.")


def resume_transfer_participant_to_third_party(
    ex: Execution, action: Action, signal: Signal
) -> Outcome | None:
    if isinstance(signal, ThirdPartyConnected):
        if not _continues(action):
            return Finish(FlowEnding.TRANSFERRED, "Success", "The third party answered.")
        return Wait(
            Awaiting(AwaitKind.THIRD_PARTY),
            "The third party answered; the flow resumes when they hang up.",
        )
    if isinstance(signal, ThirdPartyDisconnected):
        return success(action, "The third party hung up.") if _continues(action) else None
    if isinstance(signal, ThirdPartyFailed):
        return Fail("CallFailed", f"The call to the third party failed: {signal.reason}.")
    if isinstance(signal, TimedOut):
        return Fail("ConnectionTimeLimitExceeded", "The third party did not answer in time.")
    return None
