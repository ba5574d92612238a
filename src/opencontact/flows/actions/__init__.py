"""The Flow-language actions OpenContact runs, one module per family as the reference groups
them, and the table the interpreter dispatches on.

``HANDLERS`` runs an action; ``RESUMERS`` continues an action the run waits at, with the
engine's signal. A type in neither is answered by the interpreter with its error branch.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from opencontact.flows.actions import (
    contact,
    flow_control,
    flow_transfers,
    interactions,
    participant,
    queueing,
    workspace,
)
from opencontact.flows.actions.base import Handler, Resumer

HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {
        # participant actions
        "MessageParticipant": participant.message_participant,
        "MessageParticipantIteratively": participant.message_participant_iteratively,
        "GetParticipantInput": participant.get_participant_input,
        "DisconnectParticipant": participant.disconnect_participant,
        "TransferParticipantToThirdParty": participant.transfer_participant_to_third_party,
        # contact actions
        "UpdateContactAttributes": contact.update_contact_attributes,
        "TagContact": contact.tag_contact,
        "UnTagContact": contact.untag_contact,
        "UpdateContactTargetQueue": contact.update_contact_target_queue,
        "UpdateContactEventHooks": contact.update_contact_event_hooks,
        "UpdateContactRecordingBehavior": contact.update_contact_recording_behavior,
        "UpdateContactTextToSpeechVoice": contact.update_contact_text_to_speech_voice,
        "UpdateContactRoutingBehavior": contact.update_contact_routing_behavior,
        "UpdateContactData": contact.update_contact_data,
        "UpdateContactCallbackNumber": contact.update_contact_callback_number,
        "TransferContactToQueue": queueing.transfer_contact_to_queue,
        "TransferContactToAgent": queueing.transfer_contact_to_agent,
        "DequeueContactAndTransferToQueue": queueing.dequeue_contact_and_transfer_to_queue,
        "InvokeFlowModule": flow_transfers.invoke_flow_module,
        "EndFlowModuleExecution": flow_transfers.end_flow_module_execution,
        # flow control actions
        "Compare": flow_control.compare,
        "DistributeByPercentage": flow_control.distribute_by_percentage,
        "Loop": flow_control.loop,
        "Wait": flow_control.wait,
        "EndFlowExecution": flow_control.end_flow_execution,
        "UpdateFlowAttributes": flow_control.update_flow_attributes,
        "UpdateFlowLoggingBehavior": flow_control.update_flow_logging_behavior,
        "CheckHoursOfOperation": flow_control.check_hours_of_operation,
        "CheckMetricData": flow_control.check_metric_data,
        "GetMetricData": flow_control.get_metric_data,
        "TransferToFlow": flow_transfers.transfer_to_flow,
        # interactions
        "InvokeLambdaFunction": interactions.invoke_lambda_function,
        "CreateTask": interactions.create_task,
        "CreateCallbackContact": interactions.create_callback_contact,
        # customer profiles and cases (records in the store)
        "GetCustomerProfile": workspace.get_customer_profile,
        "CreateCustomerProfile": workspace.create_customer_profile,
        "UpdateCustomerProfile": workspace.update_customer_profile,
        "GetCase": workspace.get_case,
        "CreateCase": workspace.create_case,
        "UpdateCase": workspace.update_case,
    }
)

RESUMERS: Mapping[str, Resumer] = MappingProxyType(
    {
        "MessageParticipantIteratively": participant.resume_message_participant_iteratively,
        "GetParticipantInput": participant.resume_get_participant_input,
        "TransferParticipantToThirdParty": participant.resume_transfer_participant_to_third_party,
        "Wait": flow_control.resume_wait,
        "InvokeLambdaFunction": interactions.resume_invoke_lambda_function,
        "GetCustomerProfile": workspace.resume_profile_action,
        "CreateCustomerProfile": workspace.resume_profile_action,
        "UpdateCustomerProfile": workspace.resume_profile_action,
        "GetCase": workspace.resume_case_action,
        "CreateCase": workspace.resume_case_action,
        "UpdateCase": workspace.resume_case_action,
    }
)
