"""Picking up after a restart (or a crash): the live state came back from the store, but calls'
media, timers and pending Lambda answers did not.

- A voice contact whose call was up loses its media with the server: it is ended
  (TELECOM_PROBLEM, "the server restarted") — its agent, if any, goes to after-contact work.
- A contact offered to an agent goes back to its queue (the offer is made again).
- A flow waiting for a timer or a Lambda answer is told it timed out; one waiting for digits
  or a chat's reply, or a chat's Wait, keeps waiting (with its time limit started again).
- After-contact work with a time limit gets the rest of its time (at least a second).
- Routing runs.
- A scheduled task's timer is started again for the rest of its wait (at once if its time has
  passed while the server was down).
- A chat's duration timer is started again for the time the chat has left; a chat whose time
  ran out while the server was down ends now (EXPIRED).
Tasks and chats in a queue or with an agent (or paused) simply continue.
"""

from __future__ import annotations

from dataclasses import replace

from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import AgentLegState, Contact, ContactState, DisconnectReason
from opencontact.domain.users import User
from opencontact.engine import chat_duration, contact_work, flow_runner, tasks
from opencontact.engine import effects as fx
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work
from opencontact.flows import run as flows
from opencontact.flows.run import AwaitKind

RESTARTED = "the server restarted and the call's audio was lost"


def recover(state: InstanceState, env: Env) -> Outcome[int]:
    work = Work(state, env)
    recovered = 0
    for contact in list(state.live.contacts.values()):
        recovered += 1
        if contact.state is ContactState.ENDED:
            _resume_after_contact_work(work, contact)
            continue
        if contact.channel is Channel.VOICE and (contact.customer_leg or contact.agent):
            contact_work.end_contact(
                work,
                contact,
                DisconnectReason.TELECOM_PROBLEM,
                detail=RESTARTED,
                hang_up_customer=False,
            )
            continue
        if contact.state is ContactState.SCHEDULED:
            tasks.arm_schedule(work, contact)
            continue
        if chat_duration.arm(work, contact).state is ContactState.ENDED:
            continue
        if contact.state is ContactState.OFFERED and contact.agent is not None:
            user_id = contact.agent.user_id
            requeued = work.put(replace(contact, state=ContactState.QUEUED, agent=None))
            work.put_agent(work.agent(user_id).releasing(requeued.id, env.now))
            continue
        _resume_flow(work, contact)
    work.reroute()
    return work.outcome(recovered)


def _resume_flow(work: Work, contact: Contact) -> None:
    run = contact.flow
    if run is None or run.awaiting is None:
        return
    if run.awaiting.kind is AwaitKind.TIMER and contact.channel is Channel.CHAT:
        # A chat's Wait (for the customer to come back) waits again, for its whole time.
        if run.awaiting.seconds is not None:
            work.effect(
                fx.StartTimer(
                    f"{contact.id}:flow",
                    run.awaiting.seconds,
                    contact_work.flow_signal(contact.id, flows.TimerElapsed(), contact.flow_step),
                )
            )
    elif run.awaiting.kind in (
        AwaitKind.TIMER,
        AwaitKind.LAMBDA,
        AwaitKind.THIRD_PARTY,
        AwaitKind.RECORDS,
    ):
        signal: flows.Signal = (
            flows.TimerElapsed() if run.awaiting.kind is AwaitKind.TIMER else flows.TimedOut()
        )
        flow_runner.resume_flow(work, contact, signal)
    elif run.awaiting.kind is AwaitKind.INPUT and run.awaiting.seconds is not None:
        work.effect(
            fx.StartTimer(
                f"{contact.id}:flow",
                run.awaiting.seconds,
                contact_work.flow_signal(contact.id, flows.TimedOut(), contact.flow_step),
            )
        )


def _resume_after_contact_work(work: Work, contact: Contact) -> None:
    leg = contact.agent
    if leg is None or leg.state is not AgentLegState.AFTER_CONTACT_WORK:
        return
    user = work.state.directory.get(User, leg.user_id)
    limit = user.channel_config(contact.channel).after_contact_work_time_limit if user else 0
    if limit <= 0 or leg.acw_started_at is None:
        return
    left = max(limit - (work.now - leg.acw_started_at).total_seconds(), 1.0)
    work.effect(fx.StartTimer(f"{contact.id}:acw", left, contact_work.acw_timed_out(contact.id)))
