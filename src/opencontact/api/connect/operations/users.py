"""Users: Create/Describe/List/Search/DeleteUser and the UpdateUser* operations.

Passwords are checked and hashed here, before the command runs (hashing is slow and must stay
off the instance's writer); no response ever carries a password or its hash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, per_version, tags_out
from opencontact.domain.base import Channel
from opencontact.domain.errors import AccessDenied, InvalidParameter
from opencontact.domain.user_settings import (
    AfterContactWorkSetting,
    AutoAcceptSetting,
    ChannelSettings,
    PersistentConnectionSetting,
    PhoneConfig,
    PhoneNumberSetting,
    PhoneType,
    VoiceEnhancementMode,
    VoiceEnhancementSetting,
)
from opencontact.domain.users import (
    IdentityInfo,
    User,
    check_password_for,
    create_user,
    delete_user,
    update_user_config,
    update_user_identity_info,
    update_user_phone_config,
    update_user_routing_profile,
    update_user_security_profiles,
)
from opencontact.passwords import hash_password_async

# -- wire to domain -----------------------------------------------------------------------------


def identity_in(raw: Mapping[str, Any] | None) -> IdentityInfo | None:
    if raw is None:
        return None
    return IdentityInfo(
        first_name=raw.get("FirstName"),
        last_name=raw.get("LastName"),
        email=raw.get("Email"),
        secondary_email=raw.get("SecondaryEmail"),
        mobile=raw.get("Mobile"),
    )


def phone_config_in(raw: Mapping[str, Any] | None) -> PhoneConfig | None:
    if raw is None:
        return None
    phone_type = raw.get("PhoneType")
    return PhoneConfig(
        phone_type=PhoneType(phone_type) if phone_type else None,
        auto_accept=raw.get("AutoAccept"),
        after_contact_work_time_limit=raw.get("AfterContactWorkTimeLimit"),
        desk_phone_number=raw.get("DeskPhoneNumber"),
        persistent_connection=raw.get("PersistentConnection"),
    )


def _time_limit(raw: Mapping[str, Any] | None) -> int | None:
    return None if raw is None else raw.get("AfterContactWorkTimeLimit", 0)


def channel_settings_in(params: Mapping[str, Any]) -> ChannelSettings:
    return ChannelSettings(
        auto_accept=[
            AutoAcceptSetting(
                Channel(item["Channel"]),
                item["AutoAccept"],
                item.get("AgentFirstCallbackAutoAccept"),
            )
            for item in params.get("AutoAcceptConfigs") or ()
        ],
        after_contact_work=[
            AfterContactWorkSetting(
                Channel(item["Channel"]),
                _time_limit(item["AfterContactWorkConfig"]) or 0,
                _time_limit(item.get("AgentFirstCallbackAfterContactWorkConfig")),
            )
            for item in params.get("AfterContactWorkConfigs") or ()
        ],
        phone_numbers=[
            PhoneNumberSetting(
                Channel(item["Channel"]), PhoneType(item["PhoneType"]), item.get("PhoneNumber")
            )
            for item in params.get("PhoneNumberConfigs") or ()
        ],
        persistent_connection=[
            PersistentConnectionSetting(Channel(item["Channel"]), item["PersistentConnection"])
            for item in params.get("PersistentConnectionConfigs") or ()
        ],
        voice_enhancement=[
            VoiceEnhancementSetting(
                Channel(item["Channel"]), VoiceEnhancementMode(item["VoiceEnhancementMode"])
            )
            for item in params.get("VoiceEnhancementConfigs") or ()
        ],
    )


# -- domain to wire -----------------------------------------------------------------------------


def phone_config_out(user: User, time_scale: int = 1) -> dict[str, Any]:
    """The voice settings in the older shape."""
    voice = user.channel_config(Channel.VOICE)
    return compact(
        {
            "PhoneType": user.phone_type.value,
            "AutoAccept": voice.auto_accept,
            "AfterContactWorkTimeLimit": voice.after_contact_work_time_limit * time_scale,
            "DeskPhoneNumber": user.desk_phone_number,
            "PersistentConnection": user.persistent_connection,
        }
    )


def channel_configs_out(user: User) -> dict[str, Any]:
    """The same settings as per-channel lists, every channel listed."""
    auto_accept = []
    after_contact_work = []
    for channel in Channel:
        config = user.channel_config(channel)
        auto_accept.append(
            compact(
                {
                    "Channel": channel.value,
                    "AutoAccept": config.auto_accept,
                    "AgentFirstCallbackAutoAccept": config.agent_first_callback_auto_accept,
                }
            )
        )
        callback_limit = config.agent_first_callback_after_contact_work_time_limit
        after_contact_work.append(
            compact(
                {
                    "Channel": channel.value,
                    "AfterContactWorkConfig": {
                        "AfterContactWorkTimeLimit": config.after_contact_work_time_limit
                    },
                    "AgentFirstCallbackAfterContactWorkConfig": None
                    if callback_limit is None
                    else {"AfterContactWorkTimeLimit": callback_limit},
                }
            )
        )
    voice = Channel.VOICE.value
    enhancement = user.voice_enhancement_mode
    return compact(
        {
            "AutoAcceptConfigs": auto_accept,
            "AfterContactWorkConfigs": after_contact_work,
            "PhoneNumberConfigs": [
                compact(
                    {
                        "Channel": voice,
                        "PhoneType": user.phone_type.value,
                        "PhoneNumber": user.desk_phone_number,
                    }
                )
            ],
            "PersistentConnectionConfigs": [
                {"Channel": voice, "PersistentConnection": user.persistent_connection}
            ],
            "VoiceEnhancementConfigs": None
            if enhancement is None
            else [{"Channel": voice, "VoiceEnhancementMode": enhancement.value}],
        }
    )


def identity_out(info: IdentityInfo) -> dict[str, Any]:
    return compact(
        {
            "FirstName": info.first_name,
            "LastName": info.last_name,
            "Email": info.email,
            "SecondaryEmail": info.secondary_email,
            "Mobile": info.mobile,
        }
    )


@per_version
def user_out(user: User) -> dict[str, Any]:
    return compact(
        {
            "Id": user.id,
            "Arn": user.arn,
            "Username": user.username,
            "IdentityInfo": identity_out(user.identity_info),
            "PhoneConfig": phone_config_out(user),
            "DirectoryUserId": user.directory_user_id,
            "SecurityProfileIds": list(user.security_profile_ids),
            "RoutingProfileId": user.routing_profile_id,
            "HierarchyGroupId": user.hierarchy_group_id,
            "Tags": tags_out(user.tags),
            **channel_configs_out(user),
            "LastModifiedTime": user.last_modified_time,
            "LastModifiedRegion": user.last_modified_region,
        }
    )


def search_summary_out(user: User) -> dict[str, Any]:
    """SearchUsers' shape: first and last name only, and (as Connect documents) the
    PhoneConfig after-contact-work limit in milliseconds."""
    info = user.identity_info
    return compact(
        {
            "Arn": user.arn,
            "DirectoryUserId": user.directory_user_id,
            "HierarchyGroupId": user.hierarchy_group_id,
            "Id": user.id,
            "IdentityInfo": compact({"FirstName": info.first_name, "LastName": info.last_name}),
            "PhoneConfig": phone_config_out(user, time_scale=1000),
            "RoutingProfileId": user.routing_profile_id,
            "SecurityProfileIds": list(user.security_profile_ids),
            "Tags": tags_out(user.tags),
            "Username": user.username,
            **channel_configs_out(user),
        }
    )


# -- SearchUsers --------------------------------------------------------------------------------

Predicate = Callable[[User], bool]

# The fields Connect documents for a StringCondition, by their lower-cased FieldName.
_SEARCH_FIELDS: dict[str, Callable[[User], list[str]]] = {
    "username": lambda u: [u.username],
    "firstname": lambda u: [u.identity_info.first_name or ""],
    "lastname": lambda u: [u.identity_info.last_name or ""],
    "routingprofileid": lambda u: [u.routing_profile_id],
    "securityprofileid": lambda u: list(u.security_profile_ids),
    "resourceid": lambda u: [u.id],
}
_NAME_FIELDS = {"username", "firstname", "lastname"}


def _everything(predicates: Sequence[Predicate]) -> Predicate:
    return lambda user: all(p(user) for p in predicates)


def _anything(predicates: Sequence[Predicate]) -> Predicate:
    return lambda user: any(p(user) for p in predicates)


def _string_condition(condition: Mapping[str, Any]) -> Predicate:
    """Names compare without regard to case; identifiers exactly."""
    name, value = condition.get("FieldName"), condition.get("Value")
    if not name or value is None:
        raise InvalidParameter("A StringCondition needs both FieldName and Value.")
    field = _SEARCH_FIELDS.get(name.lower())
    if field is None:
        raise InvalidParameter(
            f"Users cannot be searched by FieldName '{name}'; use Username, FirstName, "
            "LastName, RoutingProfileId, SecurityProfileId or resourceId."
        )
    fold = name.lower() in _NAME_FIELDS
    wanted = value.casefold() if fold else value
    compare: Callable[[str], bool] = {
        "EXACT": lambda c: c == wanted,
        "STARTS_WITH": lambda c: c.startswith(wanted),
        "CONTAINS": lambda c: wanted in c,
    }[condition.get("ComparisonType", "EXACT")]
    return lambda user: any(compare(c.casefold() if fold else c) for c in field(user))


def _hierarchy_condition(condition: Mapping[str, Any]) -> Predicate:
    # Without agent hierarchies a group has no children, so both match types are exact.
    group = condition.get("Value")
    return lambda user: user.hierarchy_group_id == group


def _criteria(criteria: Mapping[str, Any]) -> Predicate:
    parts: list[Predicate] = []
    if criteria.get("OrConditions"):
        parts.append(_anything([_criteria(c) for c in criteria["OrConditions"]]))
    if criteria.get("AndConditions"):
        parts.append(_everything([_criteria(c) for c in criteria["AndConditions"]]))
    if "StringCondition" in criteria:
        parts.append(_string_condition(criteria["StringCondition"]))
    if "HierarchyGroupCondition" in criteria:
        parts.append(_hierarchy_condition(criteria["HierarchyGroupCondition"]))
    if "ListCondition" in criteria:
        # Proficiencies are the only list Connect searches, and no user has any here.
        parts.append(lambda _user: False)
    return _everything(parts)


def _tag(condition: Mapping[str, Any]) -> Predicate:
    key, value = condition.get("TagKey"), condition.get("TagValue")
    if key is None:
        raise InvalidParameter("A TagCondition needs a TagKey.")
    return lambda user: key in user.tags and (value is None or user.tags[key] == value)


def _tag_filter(tag_filter: Mapping[str, Any]) -> Predicate:
    parts: list[Predicate] = []
    if tag_filter.get("OrConditions"):
        groups = [_everything([_tag(c) for c in group]) for group in tag_filter["OrConditions"]]
        parts.append(_anything(groups))
    if tag_filter.get("AndConditions"):
        parts.append(_everything([_tag(c) for c in tag_filter["AndConditions"]]))
    if "TagCondition" in tag_filter:
        parts.append(_tag(tag_filter["TagCondition"]))
    return _everything(parts)


def _attribute_condition(condition: Mapping[str, Any]) -> Predicate:
    parts = [_tag(c) for c in condition.get("TagConditions") or ()]
    if "HierarchyGroupCondition" in condition:
        parts.append(_hierarchy_condition(condition["HierarchyGroupCondition"]))
    return _everything(parts)


def _attribute_filter(attribute_filter: Mapping[str, Any]) -> Predicate:
    parts: list[Predicate] = []
    if attribute_filter.get("OrConditions"):
        parts.append(_anything([_attribute_condition(c) for c in attribute_filter["OrConditions"]]))
    if "AndCondition" in attribute_filter:
        parts.append(_attribute_condition(attribute_filter["AndCondition"]))
    if "TagCondition" in attribute_filter:
        parts.append(_tag(attribute_filter["TagCondition"]))
    if "HierarchyGroupCondition" in attribute_filter:
        parts.append(_hierarchy_condition(attribute_filter["HierarchyGroupCondition"]))
    return _everything(parts)


def search_users(
    users: Sequence[User],
    criteria: Mapping[str, Any] | None,
    search_filter: Mapping[str, Any] | None,
) -> list[User]:
    """The users matching both the criteria and the filter (either may be absent)."""
    parts = [_criteria(criteria or {})]
    search_filter = search_filter or {}
    if "TagFilter" in search_filter and "UserAttributeFilter" in search_filter:
        # Connect documents this combination as refused with AccessDeniedException.
        raise AccessDenied(
            "Give either TagFilter or UserAttributeFilter in SearchFilter, not both."
        )
    if "TagFilter" in search_filter:
        parts.append(_tag_filter(search_filter["TagFilter"]))
    if "UserAttributeFilter" in search_filter:
        parts.append(_attribute_filter(search_filter["UserAttributeFilter"]))
    matches = _everything(parts)
    return [user for user in users if matches(user)]


# -- handlers -----------------------------------------------------------------------------------


@operation("CreateUser")
async def create(call: ConnectCall) -> dict[str, Any]:
    password: str | None = call.get("Password")
    check_password_for(call.directory().instance, password)
    password_hash = await hash_password_async(password) if password is not None else None
    user = await call.change(
        partial(
            create_user,
            username=call.params["Username"],
            security_profile_ids=call.params["SecurityProfileIds"],
            routing_profile_id=call.params["RoutingProfileId"],
            password_hash=password_hash,
            identity_info=identity_in(call.get("IdentityInfo")),
            phone_config=phone_config_in(call.get("PhoneConfig")),
            channel_settings=channel_settings_in(call.params),
            directory_user_id=call.get("DirectoryUserId"),
            hierarchy_group_id=call.get("HierarchyGroupId"),
            tags=call.get("Tags"),
        )
    )
    return {"UserId": user.id, "UserArn": user.arn}


@operation("DescribeUser")
async def describe(call: ConnectCall) -> dict[str, Any]:
    user = call.directory().require(User, call.params["UserId"])
    return {"User": user_out(user)}


@operation("ListUsers")
async def list_users(call: ConnectCall) -> dict[str, Any]:
    chunk, token = page(
        call.directory().all(User),
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        "ListUsers",
    )
    summaries = [
        {
            "Id": u.id,
            "Arn": u.arn,
            "Username": u.username,
            "LastModifiedTime": u.last_modified_time,
            "LastModifiedRegion": u.last_modified_region,
        }
        for u in chunk
    ]
    return {"UserSummaryList": summaries, "NextToken": token}


@operation("SearchUsers")
async def search(call: ConnectCall) -> dict[str, Any]:
    found = search_users(
        call.directory().all(User), call.get("SearchCriteria"), call.get("SearchFilter")
    )
    chunk, token = page(found, call.get("NextToken"), call.get("MaxResults"), 100, "SearchUsers")
    return {
        "Users": [search_summary_out(u) for u in chunk],
        "NextToken": token,
        "ApproximateTotalCount": len(found),
    }


@operation("DeleteUser")
async def delete(call: ConnectCall) -> dict[str, Any]:
    user_id = call.params["UserId"]
    await call.change(lambda directory, _env: delete_user(directory, user_id))
    return {}


@operation("UpdateUserIdentityInfo")
async def update_identity_info(call: ConnectCall) -> dict[str, Any]:
    info = identity_in(call.params["IdentityInfo"]) or IdentityInfo()
    await call.change(
        partial(update_user_identity_info, user_id=call.params["UserId"], identity_info=info)
    )
    return {}


@operation("UpdateUserPhoneConfig")
async def update_phone_config(call: ConnectCall) -> dict[str, Any]:
    phone = phone_config_in(call.params["PhoneConfig"]) or PhoneConfig()
    await call.change(
        partial(update_user_phone_config, user_id=call.params["UserId"], phone_config=phone)
    )
    return {}


@operation("UpdateUserConfig")
async def update_config(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_user_config,
            user_id=call.params["UserId"],
            settings=channel_settings_in(call.params),
        )
    )
    return {}


@operation("UpdateUserSecurityProfiles")
async def update_security_profiles(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_user_security_profiles,
            user_id=call.params["UserId"],
            security_profile_ids=call.params["SecurityProfileIds"],
        )
    )
    return {}


@operation("UpdateUserRoutingProfile")
async def update_routing_profile(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_user_routing_profile,
            user_id=call.params["UserId"],
            routing_profile_id=call.params["RoutingProfileId"],
        )
    )
    return {}
