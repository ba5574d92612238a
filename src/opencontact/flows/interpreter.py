"""The flow interpreter: runs an Amazon Connect flow on a contact as far as it can go alone.

``advance`` executes actions one after another until the flow ends or must wait for the
engine (digits, a timer, a Lambda result, a third party), and returns the new run with the
instructions to carry out, in order. The engine later calls ``advance`` again with the signal
the run waits for. It is pure: everything it knows comes from the document, the run and the
environment (time included, through ``env.now()``), and nothing it is given can make it raise:
a broken flow ends with FlowEnding.ERROR and a log entry that says why.

Branching follows the Flow language: a result picks the first Condition that holds; an error
takes its own error branch, else the NoMatchingError branch, else ends the flow in error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType

from opencontact.flows.actions import HANDLERS, RESUMERS
from opencontact.flows.actions.base import (
    Execution,
    Fail,
    Finish,
    Outcome,
    Proceed,
    Wait,
    failure,
)
from opencontact.flows.catalog import action_spec
from opencontact.flows.document import NO_MATCHING_ERROR, Action, FlowDocument
from opencontact.flows.run import (
    Advance,
    AwaitKind,
    DigitsEntered,
    FlowEnding,
    FlowEnvironment,
    FlowLogEntry,
    FlowPurpose,
    FlowRun,
    LambdaFailed,
    LambdaReturned,
    MessageReceived,
    RecordsAnswered,
    Signal,
    ThirdPartyConnected,
    ThirdPartyDisconnected,
    ThirdPartyFailed,
    TimedOut,
    TimerElapsed,
)

__all__ = ["MAX_ACTIONS_PER_ADVANCE", "advance", "start"]

# A flow that runs this many actions without waiting is looping (a Loop of Compares, a
# TransferToFlow to itself): stop it rather than hold the instance's single writer.
MAX_ACTIONS_PER_ADVANCE = 1000

# Which signals answer which kind of wait; any other signal is ignored.
_FITTING_SIGNALS: Mapping[AwaitKind, tuple[type, ...]] = MappingProxyType(
    {
        AwaitKind.INPUT: (DigitsEntered, MessageReceived, TimedOut),
        AwaitKind.TIMER: (TimerElapsed, MessageReceived),
        AwaitKind.LAMBDA: (LambdaReturned, LambdaFailed, TimedOut),
        AwaitKind.THIRD_PARTY: (
            ThirdPartyConnected,
            ThirdPartyFailed,
            ThirdPartyDisconnected,
            TimedOut,
        ),
        AwaitKind.FOREVER: (),
        AwaitKind.RECORDS: (RecordsAnswered, TimedOut),
    }
)


def start(
    flow_id: str, document: FlowDocument, purpose: FlowPurpose, env: FlowEnvironment
) -> Advance:
    """A new run of ``document`` at its StartAction, advanced as far as it goes."""
    logging = env.contact().flow_logging
    run = FlowRun(
        flow_id, document.start_action, purpose, logging_enabled=logging, started_at=env.now()
    )
    return advance(document, run, env)


def advance(
    document: FlowDocument, run: FlowRun, env: FlowEnvironment, signal: Signal | None = None
) -> Advance:
    """Continue ``run`` (whose flow is ``document``); with ``signal``, resume the action it
    waits at. A signal the run does not wait for leaves it unchanged."""
    if run.awaiting is not None:
        return _resume(document, run, env, signal) if signal is not None else Advance(run)
    if signal is not None:
        return Advance(run)
    if run.action_id is None:
        return Advance(None, ending=FlowEnding.ENDED)
    return _Driver(Execution(env, document, run, env.contact())).drive()


def _resume(document: FlowDocument, run: FlowRun, env: FlowEnvironment, signal: Signal) -> Advance:
    assert run.awaiting is not None
    if not isinstance(signal, _FITTING_SIGNALS[run.awaiting.kind]):
        return Advance(run)
    action = document.actions.get(run.action_id) if run.action_id is not None else None
    resumer = RESUMERS.get(action.type) if action is not None else None
    if action is None or resumer is None:
        return Advance(run)
    execution = Execution(env, document, replace(run, awaiting=None), env.contact())
    driver = _Driver(execution)
    outcome = driver.attempt(lambda: resumer(execution, action, signal))
    if outcome is None:
        return Advance(run)
    return driver.drive(action, outcome)


class _Driver:
    """Applies outcomes to the run, one action after another, and keeps the flow log."""

    def __init__(self, execution: Execution) -> None:
        self.ex = execution
        self.logs: list[FlowLogEntry] = []
        self.was_logging = execution.run.logging_enabled

    def drive(self, action: Action | None = None, outcome: Outcome | None = None) -> Advance:
        executed = 0
        while True:
            if action is None or outcome is None:
                action_id = self.ex.run.action_id or ""
                action = self.ex.document.actions.get(action_id)
                if action is None:
                    return self._missing(action_id)
                if executed >= MAX_ACTIONS_PER_ADVANCE:
                    detail = (
                        f"Stopped after {MAX_ACTIONS_PER_ADVANCE} actions without waiting for "
                        "anything: the flow loops without end."
                    )
                    return self._end(action, FlowEnding.ERROR, "Error", detail)
                executed += 1
                outcome = self._execute(action)
            done = self._apply(action, outcome)
            if done is not None:
                return done
            action = outcome = None

    def attempt(self, step: Callable[[], Outcome | None]) -> Outcome | None:
        """Run a handler; a bug in one becomes that action's error, never an exception."""
        try:
            return step()
        except Exception as error:
            return failure(
                f"OpenContact could not run this action ({type(error).__name__}: {error})."
            )

    def _execute(self, action: Action) -> Outcome:
        self.was_logging = self.ex.run.logging_enabled
        handler = HANDLERS.get(action.type)
        if handler is None:
            known = action_spec(action.type) is not None
            why = (
                "is not supported by OpenContact yet" if known else "is not a Flow-language action"
            )
            return failure(f"{action.type} {why}.")
        outcome = self.attempt(lambda: handler(self.ex, action))
        return outcome if outcome is not None else failure("The action decided nothing.")

    def _apply(self, action: Action, outcome: Outcome) -> Advance | None:
        ex = self.ex
        if isinstance(outcome, Proceed):
            self._log(action, outcome.result, outcome.detail)
            return self._go_to(action, outcome.target)
        if isinstance(outcome, Fail):
            target = action.transitions.error_target(outcome.error)
            if target is None:
                names = {outcome.error, NO_MATCHING_ERROR}
                detail = f"{outcome.detail} There is no {' or '.join(sorted(names))} branch."
                return self._end(action, FlowEnding.ERROR, outcome.error, detail)
            own = any(b.error_type == outcome.error for b in action.transitions.errors)
            self._log(action, outcome.error if own else NO_MATCHING_ERROR, outcome.detail)
            return self._go_to(action, target)
        if isinstance(outcome, Wait):
            ex.update(awaiting=outcome.awaiting)
            self._log(action, f"Waiting: {outcome.awaiting.kind.value}", outcome.detail)
            return Advance(ex.run, tuple(ex.instructions), logs=tuple(self.logs))
        if isinstance(outcome, Finish):
            return self._end(action, outcome.ending, outcome.result, outcome.detail)
        self._log(action, "Success", outcome.detail)
        ex.document = outcome.document
        ex.update(flow_id=outcome.flow_id)
        return self._go_to(action, outcome.action_id)

    def _go_to(self, action: Action, target: str | None) -> Advance | None:
        if target is None:
            return Advance(None, tuple(self.ex.instructions), FlowEnding.ENDED, tuple(self.logs))
        if target not in self.ex.document.actions:
            detail = f"It leads to action '{target}', which this flow does not have."
            return self._end(action, FlowEnding.ERROR, "Error", detail)
        self.ex.update(action_id=target)
        return None

    def _end(self, action: Action, ending: FlowEnding, result: str, detail: str | None) -> Advance:
        # Why a flow failed is always logged (without parameters while logging is off).
        self._log(action, result, detail, always=ending is FlowEnding.ERROR)
        return Advance(None, tuple(self.ex.instructions), ending, tuple(self.logs))

    def _missing(self, action_id: str) -> Advance:
        entry = FlowLogEntry(
            at=self.ex.env.now(),
            flow_id=self.ex.run.flow_id,
            action_id=action_id,
            action_type="",
            parameters={},
            result="Error",
            detail=f"The flow has no action '{action_id}' to run.",
        )
        self.logs.append(entry)
        return Advance(None, tuple(self.ex.instructions), FlowEnding.ERROR, tuple(self.logs))

    def _log(
        self, action: Action, result: str, detail: str | None, *, always: bool = False
    ) -> None:
        logging = self.was_logging or self.ex.run.logging_enabled
        if not (logging or always):
            return
        self.logs.append(
            FlowLogEntry(
                at=self.ex.env.now(),
                flow_id=self.ex.run.flow_id,
                action_id=action.identifier,
                action_type=action.type,
                parameters=dict(action.parameters) if logging else {},
                result=result,
                detail=detail,
            )
        )
