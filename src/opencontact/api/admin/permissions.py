"""Which security-profile permission each Amazon Connect operation needs on the admin website.

Every operation the admin website offers is listed in `OPERATION_PERMISSIONS`; an operation that
is not listed is refused (403), never allowed by default. Operations on the account rather than
on one instance are the console's (`CONSOLE_ONLY`, and any operation whose input has no
InstanceId): the admin website answers 404 for them.

The permission names are Amazon Connect's (domain.permissions), chosen as the admin website
asks for them: `<Resource>.View` to read, `.Create`, `.Edit`, `.Delete`, `.EnableAndDisable`,
`.Publish`, `.Claim`... Where Connect has no Delete permission for a resource (queues, routing
profiles), deleting needs Edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from opencontact.domain.permissions import PERMISSION_GROUPS

CCP_GROUP = "Contact Control Panel (CCP)"
CCP_PERMISSIONS: frozenset[str] = frozenset(PERMISSION_GROUPS[CCP_GROUP])

REAL_TIME_METRICS = "RealTimeMetrics.Access"

# Connect has kept older names beside newer ones for the same right: holding any of them is
# holding the permission.
EQUIVALENTS: Mapping[str, frozenset[str]] = {
    REAL_TIME_METRICS: frozenset(
        {REAL_TIME_METRICS, "AccessMetrics.RealTimeMetrics.Access", "AccessMetrics"}
    ),
}

# Account-level operations (and UpdatePhoneNumber, which moves a number to another instance of
# the account, and the instance's own settings): the console's, not an instance's admin's.
CONSOLE_ONLY: frozenset[str] = frozenset(
    {
        "CreateInstance",
        "DeleteInstance",
        "ListInstances",
        "DescribeInstance",
        "DescribeInstanceAttribute",
        "ListInstanceAttributes",
        "UpdateInstanceAttribute",
        "UpdatePhoneNumber",
    }
)


def _each(permission: str, *operations: str) -> dict[str, str]:
    return dict.fromkeys(operations, permission)


OPERATION_PERMISSIONS: Mapping[str, str] = {
    # Users
    **_each("Users.View", "DescribeUser", "ListUsers", "SearchUsers"),
    **_each("Users.Create", "CreateUser"),
    **_each(
        "Users.Edit",
        "UpdateUserIdentityInfo",
        "UpdateUserPhoneConfig",
        "UpdateUserRoutingProfile",
        "UpdateUserConfig",
        # A supervisor changing an agent's status or clearing a missed contact.
        "PutUserStatus",
        "DismissUserContact",
    ),
    **_each("Users.EditPermission", "UpdateUserSecurityProfiles"),
    **_each("Users.Delete", "DeleteUser"),
    # Agent statuses
    **_each("AgentStates.View", "DescribeAgentStatus", "ListAgentStatuses"),
    **_each("AgentStates.Create", "CreateAgentStatus"),
    **_each("AgentStates.Edit", "UpdateAgentStatus"),
    # Security profiles
    **_each(
        "SecurityProfiles.View",
        "DescribeSecurityProfile",
        "ListSecurityProfiles",
        "ListSecurityProfilePermissions",
    ),
    **_each("SecurityProfiles.Create", "CreateSecurityProfile"),
    **_each("SecurityProfiles.Edit", "UpdateSecurityProfile"),
    **_each("SecurityProfiles.Delete", "DeleteSecurityProfile"),
    # Queues
    **_each("Queues.View", "DescribeQueue", "ListQueues", "ListQueueQuickConnects"),
    **_each("Queues.Create", "CreateQueue"),
    **_each(
        "Queues.Edit",
        "UpdateQueueName",
        "UpdateQueueHoursOfOperation",
        "UpdateQueueMaxContacts",
        "UpdateQueueOutboundCallerConfig",
        "AssociateQueueQuickConnects",
        "DisassociateQueueQuickConnects",
        "DeleteQueue",
    ),
    **_each("Queues.EnableAndDisable", "UpdateQueueStatus"),
    # Quick connects ("transfer destinations" in Connect's permission names)
    **_each(
        "TransferDestinations.View",
        "DescribeQuickConnect",
        "ListQuickConnects",
        "SearchQuickConnects",
    ),
    **_each("TransferDestinations.Create", "CreateQuickConnect"),
    **_each("TransferDestinations.Edit", "UpdateQuickConnectName", "UpdateQuickConnectConfig"),
    **_each("TransferDestinations.Delete", "DeleteQuickConnect"),
    # Routing profiles ("routing policies")
    **_each(
        "RoutingPolicies.View",
        "DescribeRoutingProfile",
        "ListRoutingProfiles",
        "ListRoutingProfileQueues",
    ),
    **_each("RoutingPolicies.Create", "CreateRoutingProfile"),
    **_each(
        "RoutingPolicies.Edit",
        "UpdateRoutingProfileName",
        "UpdateRoutingProfileConcurrency",
        "UpdateRoutingProfileDefaultOutboundQueue",
        "UpdateRoutingProfileQueues",
        "UpdateRoutingProfileAgentAvailabilityTimer",
        "AssociateRoutingProfileQueues",
        "DisassociateRoutingProfileQueues",
        "DeleteRoutingProfile",
    ),
    # Hours of operation
    **_each("HoursOfOperation.View", "DescribeHoursOfOperation", "ListHoursOfOperations"),
    **_each("HoursOfOperation.Create", "CreateHoursOfOperation"),
    **_each("HoursOfOperation.Edit", "UpdateHoursOfOperation"),
    **_each("HoursOfOperation.Delete", "DeleteHoursOfOperation"),
    # Flows
    **_each("ContactFlows.View", "DescribeContactFlow", "ListContactFlows"),
    **_each("ContactFlows.Create", "CreateContactFlow"),
    **_each("ContactFlows.Edit", "UpdateContactFlowName", "UpdateContactFlowMetadata"),
    # New content goes live at once: that is publishing.
    **_each("ContactFlows.Publish", "UpdateContactFlowContent"),
    **_each("ContactFlows.Delete", "DeleteContactFlow"),
    # Starting a contact that runs a flow of the caller's choosing: testing flows.
    **_each("ContactFlows.Edit", "StartOutboundVoiceContact", "StartTaskContact"),
    **_each("ContactFlows.Edit", "StartChatContact"),
    # Phone numbers
    **_each("PhoneNumbers.View", "ListPhoneNumbers", "ListPhoneNumbersV2", "ListFlowAssociations"),
    **_each("PhoneNumbers.Claim", "ClaimPhoneNumber", "SearchAvailablePhoneNumbers"),
    **_each(
        "PhoneNumbers.Edit",
        "AssociatePhoneNumberContactFlow",
        "DisassociatePhoneNumberContactFlow",
    ),
    # Contacts and real-time metrics
    **_each("ContactSearch.View", "DescribeContact", "SearchContacts"),
    **_each("ContactAttributes.View", "GetContactAttributes"),
    # Connect's one Contact Actions permission for editing a contact's data.
    **_each("Contacts.Tag.Edit", "TagContact", "UntagContact", "UpdateContactAttributes"),
    **_each("StopContact.Enabled", "StopContact"),
    # Connect has no permission of its own for pausing: it goes with ending a contact.
    **_each("StopContact.Enabled", "PauseContact", "ResumeContact"),
    **_each("TransferContact.Enabled", "TransferContact"),
    # Task templates
    **_each("TaskTemplates.View", "GetTaskTemplate", "ListTaskTemplates"),
    **_each("TaskTemplates.Create", "CreateTaskTemplate"),
    **_each("TaskTemplates.Edit", "UpdateTaskTemplate"),
    **_each("TaskTemplates.Delete", "DeleteTaskTemplate"),
    **_each(REAL_TIME_METRICS, "GetCurrentMetricData", "GetCurrentUserData"),
}


def required_permission(operation: str) -> str | None:
    """The permission the operation needs, or None if the admin website does not offer it."""
    return OPERATION_PERMISSIONS.get(operation)


def holds(permissions: Iterable[str], permission: str) -> bool:
    """Whether `permissions` grant `permission` (under any of its names)."""
    held = frozenset(permissions)
    return bool(held & EQUIVALENTS.get(permission, frozenset({permission})))


def opens_admin_website(permissions: Iterable[str]) -> bool:
    """Any permission beyond the Contact Control Panel's opens the admin website."""
    return any(p not in CCP_PERMISSIONS for p in permissions)
