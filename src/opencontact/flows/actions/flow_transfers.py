"""Moving between flows: TransferToFlow, and calling and returning from flow modules.

Flows are loaded through the environment by id or ARN. A module gets its own
$.FlowAttributes; the caller's are kept in its FlowFrame and given back on return. Flow
attributes do not survive TransferToFlow ("not carried over to the subsequent flows").
"""

from __future__ import annotations

from opencontact.flows.actions.base import Enter, Execution, Finish, Outcome, failure
from opencontact.flows.document import Action
from opencontact.flows.run import FlowEnding, FlowFrame

# Connect does not let modules nest deeply; a flow that calls modules without end is broken.
MAX_MODULE_DEPTH = 10


def transfer_to_flow(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("ContactFlowId")
    reference = ex.text(raw)
    flow = ex.env.flow(reference) if reference else None
    if flow is None:
        return failure(f"There is no published flow {reference or raw!r}.")
    flow_id, document = flow
    ex.update(flow_attributes={})
    return Enter(flow_id, document, document.start_action, f"Transferred to flow {flow_id}.")


def invoke_flow_module(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("FlowModuleId")
    reference = ex.text(raw)
    module = ex.env.flow(reference) if reference else None
    if module is None:
        return failure(f"There is no published flow module {reference or raw!r}.")
    if len(ex.run.calling_frames) >= MAX_MODULE_DEPTH:
        return failure(f"Modules are nested more than {MAX_MODULE_DEPTH} deep.")
    module_id, document = module
    frame = FlowFrame(ex.run.flow_id, action.transitions.next_action, ex.run.flow_attributes)
    ex.update(calling_frames=(*ex.run.calling_frames, frame), flow_attributes={})
    return Enter(module_id, document, document.start_action, f"Running module {module_id}.")


def end_flow_module_execution(ex: Execution, action: Action) -> Outcome:
    if not ex.run.calling_frames:
        return Finish(FlowEnding.ENDED, "Ended", "The module was not called by a flow.")
    frame = ex.run.calling_frames[-1]
    caller = ex.env.flow(frame.flow_id)
    if caller is None:
        return Finish(FlowEnding.ERROR, "Error", f"The calling flow {frame.flow_id} is gone.")
    ex.update(calling_frames=ex.run.calling_frames[:-1], flow_attributes=frame.flow_attributes)
    return Enter(caller[0], caller[1], frame.return_action_id, f"Back in flow {caller[0]}.")
