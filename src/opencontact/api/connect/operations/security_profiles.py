"""Security profiles: Create/Describe/List/Update/DeleteSecurityProfile and
ListSecurityProfilePermissions."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, summary, tags_out
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.security_profiles import (
    SecurityProfile,
    create_security_profile,
    delete_security_profile,
    update_security_profile,
)

# Every profile here can be edited and deleted by the instance's admins.
PROFILE_TYPE = "CUSTOMER_MANAGED"

# Members of Create/UpdateSecurityProfile about features OpenContact does not have yet; a
# request that uses them is refused rather than half-applied.
_UNSUPPORTED = {
    "Applications": "third-party applications",
    "AllowedFlowModules": "flow modules as AI agent tools",
    "AllowedAIAgents": "AI agents",
    "GranularAccessControlConfiguration": "data table access control",
}


def _refuse_unsupported(call: ConnectCall) -> None:
    for member, feature in _UNSUPPORTED.items():
        if call.get(member):
            raise InvalidRequest(
                f"{member} is not supported: OpenContact has no {feature} yet. Leave it out."
            )


def security_profile_out(profile: SecurityProfile, instance_id: str) -> dict[str, Any]:
    return compact(
        {
            "Id": profile.id,
            "OrganizationResourceId": instance_id,
            "Arn": profile.arn,
            "SecurityProfileName": profile.name,
            "Description": profile.description,
            "Tags": tags_out(profile.tags),
            "AllowedAccessControlTags": dict(profile.allowed_access_control_tags) or None,
            "TagRestrictedResources": list(profile.tag_restricted_resources) or None,
            "HierarchyRestrictedResources": list(profile.hierarchy_restricted_resources) or None,
            "AllowedAccessControlHierarchyGroupId": (
                profile.allowed_access_control_hierarchy_group_id
            ),
            "LastModifiedTime": profile.last_modified_time,
            "LastModifiedRegion": profile.last_modified_region,
            "Type": PROFILE_TYPE,
        }
    )


@operation("CreateSecurityProfile")
async def create(call: ConnectCall) -> dict[str, Any]:
    _refuse_unsupported(call)
    profile = await call.change(
        partial(
            create_security_profile,
            name=call.params["SecurityProfileName"],
            description=call.get("Description"),
            permissions=call.get("Permissions") or (),
            tags=call.get("Tags"),
            allowed_access_control_tags=call.get("AllowedAccessControlTags"),
            tag_restricted_resources=call.get("TagRestrictedResources"),
            hierarchy_restricted_resources=call.get("HierarchyRestrictedResources"),
            allowed_access_control_hierarchy_group_id=call.get(
                "AllowedAccessControlHierarchyGroupId"
            ),
        )
    )
    return {"SecurityProfileId": profile.id, "SecurityProfileArn": profile.arn}


@operation("DescribeSecurityProfile")
async def describe(call: ConnectCall) -> dict[str, Any]:
    directory = call.directory()
    profile = directory.require(SecurityProfile, call.params["SecurityProfileId"])
    return {"SecurityProfile": security_profile_out(profile, directory.instance.id)}


@operation("ListSecurityProfiles")
async def list_profiles(call: ConnectCall) -> dict[str, Any]:
    chunk, token = page(
        call.directory().all(SecurityProfile),
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        "ListSecurityProfiles",
    )
    summaries = [summary(p, p.name, Type=PROFILE_TYPE) for p in chunk]
    return {"SecurityProfileSummaryList": summaries, "NextToken": token}


@operation("UpdateSecurityProfile")
async def update(call: ConnectCall) -> dict[str, Any]:
    _refuse_unsupported(call)
    await call.change(
        partial(
            update_security_profile,
            profile_id=call.params["SecurityProfileId"],
            description=call.get("Description"),
            permissions=call.get("Permissions"),
            allowed_access_control_tags=call.get("AllowedAccessControlTags"),
            tag_restricted_resources=call.get("TagRestrictedResources"),
            hierarchy_restricted_resources=call.get("HierarchyRestrictedResources"),
            allowed_access_control_hierarchy_group_id=call.get(
                "AllowedAccessControlHierarchyGroupId"
            ),
        )
    )
    return {}


@operation("DeleteSecurityProfile")
async def delete(call: ConnectCall) -> dict[str, Any]:
    profile_id = call.params["SecurityProfileId"]
    await call.change(lambda directory, _env: delete_security_profile(directory, profile_id))
    return {}


@operation("ListSecurityProfilePermissions")
async def list_permissions(call: ConnectCall) -> dict[str, Any]:
    profile = call.directory().require(SecurityProfile, call.params["SecurityProfileId"])
    chunk, token = page(
        profile.sorted_permissions,
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        f"ListSecurityProfilePermissions:{profile.id}",
    )
    return {
        "Permissions": list(chunk),
        "NextToken": token,
        "LastModifiedTime": profile.last_modified_time,
        "LastModifiedRegion": profile.last_modified_region,
    }
