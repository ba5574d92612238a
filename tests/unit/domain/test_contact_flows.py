"""Flows keep their content verbatim; only published content has to be a valid flow."""

from __future__ import annotations

import hashlib
import itertools
import json

import pytest

from opencontact.domain.base import Env, Put
from opencontact.domain.contact_flows import (
    ContactFlow,
    ContactFlowState,
    ContactFlowStatus,
    ContactFlowType,
    content_sha256,
    create_contact_flow,
    delete_contact_flow,
    describe_contact_flow,
    split_qualifier,
    update_contact_flow_content,
    update_contact_flow_metadata,
)
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    ContactFlowNotPublished,
    DuplicateResource,
    InvalidContactFlow,
    InvalidParameter,
    InvalidRequest,
    ResourceInUse,
    ResourceNotFound,
)
from opencontact.domain.phone_numbers import PhoneNumber, PhoneNumberType
from opencontact.flows.validation import validate_flow
from tests.support.domain import NOW, new_directory, run

_IDS = itertools.count(1)


def fixed_env() -> Env:
    """A fixed time and ids that never collide with the instance's own resources."""
    return Env(now=NOW, region="us-east-1", new_id=lambda: f"flow-{next(_IDS)}")


def flow_content(text: str = "Hello") -> str:
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "greet",
            "Actions": [
                {
                    "Identifier": "greet",
                    "Type": "MessageParticipant",
                    "Parameters": {"Text": text},
                    "Transitions": {"NextAction": "bye"},
                },
                {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}},
            ],
        },
        indent=3,
    )


BROKEN = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "start",
        "Actions": [
            {
                "Identifier": "start",
                "Type": "PlayTheBanjo",
                "Parameters": {},
                "Transitions": {"NextAction": "nowhere"},
            }
        ],
    }
)


def _create(
    directory: Directory,
    name: str = "Main menu",
    content: str | None = None,
    status: ContactFlowStatus = ContactFlowStatus.PUBLISHED,
) -> ContactFlow:
    return run(
        directory,
        create_contact_flow(
            directory,
            fixed_env(),
            name=name,
            flow_type=ContactFlowType.CONTACT_FLOW,
            content=flow_content() if content is None else content,
            status=status,
        ),
    )


def test_a_published_flow_keeps_its_content_exactly_as_given() -> None:
    directory = new_directory()
    content = flow_content("  spaced   out  ") + "\n\n"
    flow = _create(directory, content=content)
    view = describe_contact_flow(directory, flow.id)
    assert view.content == content
    assert view.status is ContactFlowStatus.PUBLISHED
    assert view.sha256 == hashlib.sha256(content.encode()).hexdigest()
    assert flow.version == 1
    assert flow.state is ContactFlowState.ACTIVE
    assert flow.arn.endswith(f"/contact-flow/{flow.id}")


def test_publishing_an_invalid_flow_lists_every_problem_and_creates_nothing() -> None:
    directory = new_directory()
    before = len(directory.all(ContactFlow))
    with pytest.raises(InvalidContactFlow) as refused:
        create_contact_flow(
            directory,
            fixed_env(),
            name="Broken",
            flow_type=ContactFlowType.CONTACT_FLOW,
            content=BROKEN,
        )
    assert refused.value.problems == validate_flow(BROKEN)
    assert len(refused.value.problems) >= 2
    assert len(directory.all(ContactFlow)) == before


def test_a_saved_flow_only_has_to_be_a_json_object() -> None:
    directory = new_directory()
    flow = _create(directory, content=BROKEN, status=ContactFlowStatus.SAVED)
    assert flow.status is ContactFlowStatus.SAVED
    for not_a_flow in ("{not json", "[1, 2]", "NaN"):
        with pytest.raises(InvalidContactFlow) as refused:
            create_contact_flow(
                directory,
                fixed_env(),
                name="Draft",
                flow_type=ContactFlowType.CONTACT_FLOW,
                content=not_a_flow,
                status=ContactFlowStatus.SAVED,
            )
        assert len(refused.value.problems) == 1
        assert "JSON" in refused.value.problems[0]


def test_empty_and_oversized_content_is_refused() -> None:
    directory = new_directory()
    for content in ("", "{" + " " * 256_000 + "}"):
        with pytest.raises(InvalidParameter, match="Content"):
            create_contact_flow(
                directory,
                fixed_env(),
                name="x",
                flow_type=ContactFlowType.CONTACT_FLOW,
                content=content,
                status=ContactFlowStatus.SAVED,
            )


def test_a_never_published_flow_is_only_readable_as_saved() -> None:
    directory = new_directory()
    flow = _create(directory, content=BROKEN, status=ContactFlowStatus.SAVED)
    with pytest.raises(ContactFlowNotPublished, match=r"\$SAVED"):
        describe_contact_flow(directory, flow.id)
    view = describe_contact_flow(directory, f"{flow.id}:$SAVED")
    assert view.content == BROKEN
    assert view.status is ContactFlowStatus.SAVED
    by_arn = describe_contact_flow(directory, f"{flow.arn}:$SAVED")
    assert by_arn.flow == flow


def test_updating_the_plain_id_publishes_and_the_saved_alias_keeps_a_draft() -> None:
    directory = new_directory()
    flow = _create(directory, content=flow_content("one"))
    env = fixed_env()
    drafted = run(
        directory,
        update_contact_flow_content(directory, env, f"{flow.id}:$SAVED", content=BROKEN),
    )
    assert drafted.version == 2
    assert describe_contact_flow(directory, flow.id).content == flow_content("one")
    draft = describe_contact_flow(directory, f"{flow.id}:$SAVED")
    assert (draft.content, draft.status) == (BROKEN, ContactFlowStatus.SAVED)

    published = run(
        directory, update_contact_flow_content(directory, env, flow.id, content=flow_content("two"))
    )
    assert published.version == 3
    assert published.saved_content is None
    for reference in (flow.id, f"{flow.id}:$SAVED"):
        view = describe_contact_flow(directory, reference)
        assert (view.content, view.status) == (flow_content("two"), ContactFlowStatus.PUBLISHED)


def test_a_saved_flow_is_published_by_updating_its_plain_id() -> None:
    directory = new_directory()
    flow = _create(directory, content="{}", status=ContactFlowStatus.SAVED)
    with pytest.raises(InvalidContactFlow):
        update_contact_flow_content(directory, fixed_env(), flow.id, content=BROKEN)
    published = run(
        directory,
        update_contact_flow_content(directory, fixed_env(), flow.id, content=flow_content()),
    )
    assert published.status is ContactFlowStatus.PUBLISHED
    assert describe_contact_flow(directory, flow.id).content == flow_content()


def test_a_bad_update_of_a_published_flow_changes_nothing() -> None:
    directory = new_directory()
    flow = _create(directory)
    with pytest.raises(InvalidContactFlow):
        update_contact_flow_content(directory, fixed_env(), flow.id, content=BROKEN)
    assert directory.require(ContactFlow, flow.id) == flow


def test_qualifiers_other_than_saved_are_refused() -> None:
    directory = new_directory()
    flow = _create(directory)
    with pytest.raises(ResourceNotFound, match="Version 1"):
        describe_contact_flow(directory, f"{flow.id}:1")
    with pytest.raises(InvalidParameter, match="LATEST"):
        describe_contact_flow(directory, f"{flow.id}:$LATEST")
    with pytest.raises(InvalidParameter):
        update_contact_flow_content(directory, fixed_env(), f"{flow.id}:2", content="{}")


def test_qualifiers_are_split_off_ids_and_arns() -> None:
    arn = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-1"
    assert split_qualifier("f-1") == ("f-1", None)
    assert split_qualifier("f-1:$SAVED") == ("f-1", "$SAVED")
    assert split_qualifier(arn) == (arn, None)
    assert split_qualifier(f"{arn}:$SAVED") == (arn, "$SAVED")


def test_names_are_unique_in_an_instance() -> None:
    directory = new_directory()
    flow = _create(directory)
    with pytest.raises(DuplicateResource, match="Main menu"):
        _create(directory)
    other = _create(directory, name="Other")
    with pytest.raises(DuplicateResource, match="Main menu"):
        update_contact_flow_metadata(directory, fixed_env(), other.id, name="Main menu")
    renamed = run(
        directory,
        update_contact_flow_metadata(directory, fixed_env(), flow.id, name="Main menu"),
    )
    assert renamed.name == "Main menu"


def test_metadata_updates_change_only_what_is_given() -> None:
    directory = new_directory()
    flow = _create(directory)
    updated = run(
        directory,
        update_contact_flow_metadata(
            directory, fixed_env(), flow.arn, state=ContactFlowState.ARCHIVED, description="Old"
        ),
    )
    assert updated.name == "Main menu"
    assert updated.state is ContactFlowState.ARCHIVED
    assert updated.description == "Old"
    assert updated.content == flow.content
    assert updated.version == flow.version
    assert updated.last_modified_time == NOW


def test_default_flows_cannot_be_deleted() -> None:
    directory = new_directory()
    default = directory.find_by_name(ContactFlow, "Default agent whisper")
    assert default is not None
    with pytest.raises(InvalidRequest, match="default"):
        delete_contact_flow(directory, default.id)


def test_a_flow_a_phone_number_rings_into_cannot_be_deleted() -> None:
    directory = new_directory()
    flow = _create(directory)
    number = PhoneNumber(
        id="pn-1",
        arn="arn:aws:connect:us-east-1:123456789012:phone-number/pn-1",
        phone_number="+18005550199",
        country_code="US",
        number_type=PhoneNumberType.TOLL_FREE,
        contact_flow_id=flow.id,
        last_modified_time=NOW,
        last_modified_region="us-east-1",
    )
    directory.apply([Put(number)])
    with pytest.raises(ResourceInUse, match=r"\+18005550199") as refused:
        delete_contact_flow(directory, flow.id)
    assert refused.value.resource_type == "phone-number"
    assert refused.value.resource_id == "pn-1"


def test_a_deleted_flow_is_gone() -> None:
    directory = new_directory()
    flow = _create(directory)
    run(directory, delete_contact_flow(directory, flow.arn))
    with pytest.raises(ResourceNotFound, match=flow.id):
        describe_contact_flow(directory, flow.id)


def test_the_content_hash_is_sha256_hex() -> None:
    assert content_sha256("{}") == hashlib.sha256(b"{}").hexdigest()
    assert len(content_sha256("é")) == 64
