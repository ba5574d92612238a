"""Tags on any taggable entity of an instance, addressed by ARN."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from opencontact.domain.base import MAX_TAGS, Entity, Env, Outcome, Put, Resource, Tags, check_tags
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, ResourceNotFound


def find_by_arn(directory: Directory, arn: str) -> Entity:
    if arn == directory.instance.arn:
        return directory.instance
    for resource in directory:
        if resource.arn == arn:
            return resource
    raise ResourceNotFound(f"No resource with ARN '{arn}' exists.")


def tag_resource(directory: Directory, env: Env, arn: str, tags: Tags) -> Outcome[None]:
    entity = find_by_arn(directory, arn)
    check_tags(tags)
    merged = {**entity.tags, **tags}
    if len(merged) > MAX_TAGS:
        raise InvalidParameter(
            f"A resource can have at most {MAX_TAGS} tags; this would make {len(merged)}."
        )
    return Outcome(None, [Put(_retagged(entity, merged, env))])


def untag_resource(directory: Directory, env: Env, arn: str, keys: Sequence[str]) -> Outcome[None]:
    entity = find_by_arn(directory, arn)
    remaining = {key: value for key, value in entity.tags.items() if key not in keys}
    return Outcome(None, [Put(_retagged(entity, remaining, env))])


def _retagged(entity: Entity, tags: dict[str, str], env: Env) -> Entity:
    if isinstance(entity, Resource):
        return replace(
            entity, tags=tags, last_modified_time=env.now, last_modified_region=env.region
        )
    return replace(entity, tags=tags)
