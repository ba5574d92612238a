"""Security-profile permission names (Amazon Connect's API names) and the default profiles.

The agent pages rely on a few of them: BasicAgentAccess opens the CCP, OutboundCallAccess lets an
agent dial out, and the agent application's panels need CustomerProfiles.View, Cases.View and
Wisdom.View (Wisdom.Edit: managing the knowledge base's articles).
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
    "Amazon Q": (
        "QConnectAIAgents.{View,Edit,Create,Delete}; QConnectAIPrompts.{View,Edit,Create,Delete};"
        "QConnectGuardrails.{View,Edit,Create,Delete}"
    ),
    "Routing": (
        "RoutingPolicies.{Create,Edit,View}; TransferDestinations.{Create,Delete,Edit,View};"
        "HoursOfOperation.{Create,Delete,Edit,View}; Queues.{Create,Edit,EnableAndDisable,View};"
        "TaskTemplates.{Create,Delete,Edit,View}; PredefinedAttributes.{View,Edit,Create,Delete};"
        "DataTables.{Create,Delete,Edit,View,ManageValues,EditExpressionValues}"
    ),
    "Channels and flows": (
        "Prompts.{Create,Delete,Edit,View}; ContactFlows.{Create,Delete,Edit,Publish,View};"
        "ContactFlowModules.{Create,Delete,Edit,Publish,View}; Bots.{Create,View,Edit,Delete};"
        "PhoneNumbers.{Claim,Edit,Release,View}; ChatTestMode;"
        "EmailAddresses.{View,Edit,Create,Remove}; Views.{View,Edit,Create,Remove};"
        "AnalyticsConnectors.{Edit,View}"
    ),
    "Users and permissions": (
        "Users.{Create,Delete,Edit,EditPermission,View,EnableAndDisable};"
        "AgentGrouping.{Create,Edit,EnableAndDisable,View};"
        "SecurityProfiles.{Create,Delete,Edit,View};"
        "AgentStates.{Create,Edit,EnableAndDisable,View};"
        "Workspaces.{Create,Delete,Edit,View,Assign,EditVisibility}"
    ),
    "Contact Control Panel (CCP)": (
        "BasicAgentAccess; OutboundCallAccess; RealtimeContactLens.View; VoiceId.Access;"
        "RestrictTaskCreation.Access; RestrictPhoneTypeSettings.Access; AudioDeviceSettings.Access;"
        "VideoContact.Access; OutboundEmail.Create; SelfAssignContacts.Access;"
        "RequireEndContactConfirmation.Enabled"
    ),
    "Analytics and Optimization": (
        "AccessMetrics; AccessMetrics.RealTimeMetrics.Access;"
        "AccessMetrics.HistoricalMetrics.Access; AccessMetrics.AgentActivityAudit.Access;"
        "AccessMetrics.Dashboards.Access; AccessMetrics.DashboardsWithMyData.View;"
        "RealTimeMetrics.Access; HistoricalMetrics.Access; AgentActivityAudit.Access;"
        "CustomMetrics.{Create,View,Edit,Delete,Publish}; ContactSearch.View; MyContacts.View;"
        "ContactSearchSampleContacts.View; ContactSearchWithCharacteristics.{Access,View};"
        "ContactSearchWithKeywords.{Access,View}; ConfigureContactAttributes.View;"
        "RestrictContactAccessByHierarchy.View; ContactAttributes.View; GraphTrends.View;"
        "InformationExtraction.Definitions.{Create,View,Edit,Delete};"
        "InformationExtraction.Results.View; ContactLensPostContactSummary.View;"
        "ContactLensCustomVocabulary.{Edit,View}; ThemeDetection.{Create,View,Delete};"
        "Rules.{Create,Delete,Edit,View}; RulesGenerativeAI.{Create,View,Edit,Delete};"
        "AgentTimeCard.View; ManagerListenIn; ManagerBargeIn;"
        "MetricsReports.{View,Create,Share,Edit,Delete,Publish,Schedule};"
        "ReportSchedules.{Create,Delete,Edit,View}; ReportsAdmin.{View,Delete};"
        "Evaluation.{Create,View,Edit,Delete}; MyReceivedEvaluations.View;"
        "EvaluationForms.{Create,View,Edit,Delete}; EvaluationAssistant.Access;"
        "EvaluationCalibrationSessions.{Create,Delete,Edit,View};"
        "MyCoachingSessions.{View,Create,Delete,Edit}; CoachingSessions.{Create,Delete,Edit,View};"
        "EvaluationReviews.{Create,View}; EvaluationReviewRequest.{View,Create,Delete};"
        "VoiceIdAttributesAndSearch.View; Forecasting.{View,Edit,Publish};"
        "Capacity.{View,Edit,Publish}; ForecastScheduleInterval.{Edit,View}"
    ),
    "Recordings and Transcripts": (
        "CallRecordings.Unredacted.Access; CallRecordings.Redacted.Access;"
        "ContactTranscripts.Unredacted.Access; ContactTranscripts.Redacted.Access;"
        "CallRecordings.Unredacted.DownloadButton; CallRecordings.Redacted.DownloadButton;"
        "ContactTranscripts.Unredacted.DownloadButton; DeleteCallRecordings;"
        "ScreenRecording.Access; ScreenRecording.Redacted.Access;"
        "ScreenRecording.Redacted.Download;"
        "AutomatedVoiceInteraction.Recordings.Unredacted.Access;"
        "AutomatedVoiceInteraction.Recordings.Unredacted.DownloadButton;"
        "AutomatedVoiceInteraction.Transcripts.Unredacted.Access"
    ),
    "Legacy": "RedactedData.View; ListenCallRecordings; DownloadCallRecordings",
    "Contact Actions": (
        "ManualAssignAnyContact.Enable; ManualAssignMyContacts.Enable; TransferContact.Enabled;"
        "StopContact.Enabled; UpdateContactSchedule.Enabled; Contacts.Tag.Edit"
    ),
    "Historical changes": "HistoricalChanges.View",
    "Customer Profiles": (
        "CustomerProfiles.{Create,Edit,View};"
        "CustomerProfiles.CalculatedAttributes.{Create,Edit,Delete,View};"
        "CustomerProfiles.Segments.{View,Create,Delete,Export};"
        "CustomerProfiles.ProfileExplorer.{View,Create,Edit,Delete}"
    ),
    "Scheduling": (
        "Scheduling.{View,Edit,Publish}; TimeOff.{Approve,Edit,View}; TimeOffBalance.{Edit,View};"
        "TeamCalendar.{View,Edit}"
    ),
    "Agent Applications": (
        "StaffCalendar.{View,Edit}; CustomViews.Access; Wisdom.{View,Edit};"
        "Analytics.PerformanceMetrics.Access"
    ),
    "Content Management": (
        "ContentManagement.{Create,Edit,View,Delete};"
        "ContentManagement.MessageTemplates.{View,Edit,Create,Delete}"
    ),
    "Cases": (
        "CaseHistory.View; Cases.{Create,View,Edit,Delete}; CaseFields.{Create,View,Edit};"
        "CaseTemplates.{Create,View,Edit}; MyCases.Delete; CaseComments.{Edit,Delete};"
        "MyCaseComments.{Edit,Delete}; CaseCustomRelatedItems.{Edit,Delete};"
        "MyCaseCustomRelatedItems.{Edit,Delete}; CaseContacts.Delete; MyCaseContacts.Delete;"
        "CaseFiles.Delete"
    ),
    "Outbound Campaigns": "Campaigns.{Create,Delete,Edit,Manage,View}",
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
