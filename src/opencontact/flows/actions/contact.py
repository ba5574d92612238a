"""Contact actions that change the contact: attributes, tags, working queue, event hooks,
recording, voice, routing priority, contact data and the callback number.

Each becomes one instruction for the engine; none waits. Connect applies a block's changes all
or nothing, so every value is resolved before anything is emitted.
"""

from __future__ import annotations

from collections.abc import Mapping

from opencontact.domain.contact_tags import contact_tags_problem
from opencontact.flows.actions.base import (
    Execution,
    Fail,
    Outcome,
    chosen_queue,
    failure,
    success,
    text_map,
)
from opencontact.flows.actions.participant import E164
from opencontact.flows.document import Action, read_int
from opencontact.flows.run import (
    RemoveContactTags,
    SetAttributes,
    SetCallbackNumber,
    SetContactData,
    SetContactTags,
    SetEventHook,
    SetRecording,
    SetRoutingBehavior,
    SetVoice,
)


def update_contact_attributes(ex: Execution, action: Action) -> Outcome:
    values = text_map(ex, action.parameter("Attributes"), "attribute")
    if isinstance(values, Fail):
        return values
    if values:
        ex.emit(SetAttributes(values))
    return success(action)


def tag_contact(ex: Execution, action: Action) -> Outcome:
    tags = text_map(ex, action.parameter("Tags"), "tag")
    if isinstance(tags, Fail):
        return tags
    problem = contact_tags_problem(ex.contact.tags, tags)
    if problem:
        return failure(problem)
    if tags:
        ex.emit(SetContactTags(tags))
    return success(action, f"Tags set: {', '.join(sorted(tags))}." if tags else None)


def untag_contact(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("TagKeys")
    if not isinstance(raw, list):
        return failure("TagKeys must be a list of tag keys.")
    keys: list[str] = []
    for entry in raw:
        key = ex.text(entry)
        if not key:
            return failure(f"The tag key {entry!r} names no value.")
        keys.append(key)
    ex.emit(RemoveContactTags(tuple(keys)))
    return success(action)


def update_contact_target_queue(ex: Execution, action: Action) -> Outcome:
    queue = chosen_queue(ex, action, default=False)
    if isinstance(queue, Fail):
        return queue
    ex.set_target_queue(queue)
    return success(action, f"Working queue: {queue.name}.")


def update_contact_event_hooks(ex: Execution, action: Action) -> Outcome:
    hooks = action.parameter("EventHooks")
    if not isinstance(hooks, Mapping) or not hooks:
        return failure("EventHooks must name at least one event and its flow.")
    found: list[SetEventHook] = []
    for hook, raw in hooks.items():
        reference = ex.text(raw)
        flow = ex.env.flow(reference) if reference else None
        if flow is None:
            return failure(f"There is no flow {reference or raw!r} for the {hook} event.")
        found.append(SetEventHook(str(hook), flow[0]))
    for instruction in found:
        ex.emit(instruction)
    return success(action)


def update_contact_recording_behavior(ex: Execution, action: Action) -> Outcome:
    behavior = action.parameter("RecordingBehavior")
    if not isinstance(behavior, Mapping):
        return success(action, "No recording behavior to change.")
    participants = behavior.get("RecordedParticipants", [])
    if not isinstance(participants, list) or not all(isinstance(p, str) for p in participants):
        return failure("RecordedParticipants must be a list of Agent and Customer.")
    ex.emit(SetRecording(tuple(participants)))
    return success(action)


def update_contact_text_to_speech_voice(ex: Execution, action: Action) -> Outcome:
    voice = ex.text(action.parameter("TextToSpeechVoice"))
    if not voice:
        return failure("TextToSpeechVoice names no voice.")
    ex.emit(SetVoice(voice))
    return success(action)


def update_contact_routing_behavior(ex: Execution, action: Action) -> Outcome:
    changes: dict[str, int] = {}
    for name, keyword in (
        ("QueuePriority", "queue_priority"),
        ("QueueTimeAdjustmentSeconds", "queue_time_adjustment_seconds"),
    ):
        raw = action.parameter(name)
        if raw is None:
            continue
        number = read_int(ex.value(raw))
        if number is None or (name == "QueuePriority" and number < 1):
            return failure(f"{name} {raw!r} is not a valid whole number.")
        changes[keyword] = number
    if not changes:
        return success(action, "Routing proficiencies are not supported by OpenContact yet.")
    ex.emit(SetRoutingBehavior(**changes))
    return success(action)


def update_contact_data(ex: Execution, action: Action) -> Outcome:
    texts: dict[str, str] = {}
    for name, keyword in (
        ("Name", "name"),
        ("Description", "description"),
        ("LanguageCode", "language_code"),
    ):
        raw = action.parameter(name)
        if raw is None:
            continue
        value = ex.text(raw)
        if value is None:
            return failure(f"{name} {raw!r} has no value to set.")
        texts[keyword] = value
    references = text_map(ex, action.parameter("References"), "reference")
    if isinstance(references, Fail):
        return references
    if not texts and not references:
        return success(action, "Nothing OpenContact keeps was changed.")
    ex.emit(SetContactData(references=references, **texts))
    return success(action)


def update_contact_callback_number(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("CallbackNumber")
    number = ex.text(raw)
    if not number or not E164.fullmatch(number):
        return Fail("InvalidCallbackNumber", f"{number or raw!r} is not an E.164 phone number.")
    ex.emit(SetCallbackNumber(number))
    return success(action)
