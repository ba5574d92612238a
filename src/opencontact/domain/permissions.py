"""Security-profile permission names (Amazon Connect's API names) and the default profiles.

The agent pages rely on a few of them: BasicAgentAccess opens the CCP, OutboundCallAccess lets an
agent dial out, and the agent application's panels need CustomerProfiles.View, Cases.View and
Wisdom.View.
"""

from __future__ import annotations

from collections.abc import Mapping


def _expand(spec: str) -> list[str]:
    """'Queues.{Create,Edit}' -> ['Queues.Create', 'Queues.Edit']; plain names pass through."""
    names: list[str] = []
    for item in spec.split(";"):
        item = item.strip()
        if not item:
            continue
        if "{" in item:
            stem, rest = item.split("{", 1)
            names.extend(stem + verb for verb in rest.rstrip("}").split(","))
        else:
            names.append(item)
    return names


_GROUPS: Mapping[str, str] = {
    "Routing": (
        "RoutingPolicies.{Create,Edit,View}; TransferDestinations.{Create,Delete,Edit,View};"
        "HoursOfOperation.{Create,Delete,Edit,View}; Queues.{Create,Edit,EnableAndDisable,View};"
        "TaskTemplates.{Create,Delete,Edit,View}; PredefinedAttributes.{View,Edit,Create,Delete}"
    ),
    "Channels and flows": (
        "Prompts.{Create,Delete,Edit,View}; ContactFlows.{Create,Delete,Edit,Publish,View};"
        "ContactFlowModules.{Create,Delete,Edit,Publish,View}; Bots.{Create,View,Edit,Delete};"
        "PhoneNumbers.{Claim,Edit,Release,View}; ChatTestMode; Views.{View,Edit,Create,Remove}"
    ),
    "Users and permissions": (
        "Users.{Create,Delete,Edit,EditPermission,View,EnableAndDisable};"
        "AgentGrouping.{Create,Edit,EnableAndDisable,View};"
        "SecurityProfiles.{Create,Delete,Edit,View};"
        "AgentStates.{Create,Edit,EnableAndDisable,View}"
    ),
    "Contact Control Panel (CCP)": (
        "BasicAgentAccess; OutboundCallAccess; RealtimeContactLens.View; VoiceId.Access;"
        "RestrictTaskCreation.Access; RestrictPhoneTypeSettings.Access; AudioDeviceSettings.Access;"
        "VideoContact.Access; SelfAssignContacts.Access"
    ),
    "Analytics and Optimization": (
        "AccessMetrics; AccessMetrics.RealTimeMetrics.Access;"
        "AccessMetrics.HistoricalMetrics.Access;"
        "AccessMetrics.AgentActivityAudit.Access; ContactSearch.View; MyContacts.View;"
        "ContactAttributes.View; AgentTimeCard.View; ManagerListenIn; ManagerBargeIn;"
        "MetricsReports.{View,Create,Share,Edit,Delete,Publish,Schedule};"
        "ReportSchedules.{Create,Delete,Edit,View}; Rules.{Create,Delete,Edit,View}"
    ),
    "Recordings and Transcripts": (
        "CallRecordings.Unredacted.Access; CallRecordings.Redacted.Access;"
        "ContactTranscripts.Unredacted.Access; ContactTranscripts.Redacted.Access;"
        "DeleteCallRecordings; RedactedData.View; ListenCallRecordings; DownloadCallRecordings"
    ),
    "Contact Actions": (
        "TransferContact.Enabled; StopContact.Enabled; UpdateContactSchedule.Enabled;"
        "Contacts.Tag.Edit"
    ),
    "Customer Profiles": "CustomerProfiles.{Create,Edit,View}",
    "Agent Applications": "Wisdom.View; CustomViews.Access",
    "Content Management": "ContentManagement.{Create,Edit,View,Delete}",
    "Cases": "Cases.{Create,View,Edit,Delete}; CaseFields.{Create,View,Edit}",
}

PERMISSION_GROUPS: Mapping[str, tuple[str, ...]] = {
    group: tuple(_expand(spec)) for group, spec in _GROUPS.items()
}
ALL_PERMISSIONS: frozenset[str] = frozenset(
    name for names in PERMISSION_GROUPS.values() for name in names
)

BASIC_AGENT_ACCESS = "BasicAgentAccess"
OUTBOUND_CALL_ACCESS = "OutboundCallAccess"

DEFAULT_PROFILES: Mapping[str, tuple[str, frozenset[str]]] = {
    "Admin": ("An administrator can perform all actions available.", ALL_PERMISSIONS),
    "Agent": (
        "An agent is a user of the system that is focused on customer care and/or sales.",
        frozenset({BASIC_AGENT_ACCESS, OUTBOUND_CALL_ACCESS}),
    ),
    "CallCenterManager": (
        "A call center manager manages the day-to-day aspects of the call center.",
        frozenset(
            _expand(
                "AccessMetrics; AgentGrouping.View; AgentStates.View; AgentTimeCard.View;"
                "ContactAttributes.View; ContactFlows.View; ContactSearch.View;"
                "DeleteCallRecordings; DownloadCallRecordings; HoursOfOperation.{Create,Edit,View};"
                "ListenCallRecordings; ManagerListenIn;"
                "MetricsReports.{Create,Delete,Edit,Publish,Schedule,View};"
                "PhoneNumbers.{Claim,Edit,View}; Prompts.View; Queues.{Edit,View};"
                "ReportSchedules.{Create,Delete,Edit,View}; RoutingPolicies.View;"
                "SecurityProfiles.View; TransferDestinations.View;"
                "Users.{Create,Edit,EnableAndDisable,View}"
            )
        ),
    ),
    "QualityAnalyst": (
        "A quality analyst works to improve the customer experience and keeps track of live "
        "service metrics.",
        frozenset(
            _expand("AccessMetrics; AgentTimeCard.View; ContactAttributes.View; ContactSearch.View")
        ),
    ),
}
