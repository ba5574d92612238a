"""`PUT /users/{UserId}/password`: an administrator sets a new password for a user of an
instance that keeps its own passwords (CONNECT_MANAGED). Amazon Connect's API has no operation
for this — its admin website resets passwords itself — so the admin API offers it directly.

The password is checked against the same policy as CreateUser's, hashed off the writer, and the
user's existing sessions stop working (their tokens are bound to the password hash)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from opencontact.api.admin.context import Context, SignedIn
from opencontact.api.agent.schemas import error_responses
from opencontact.domain.users import User, check_password_for, set_password_hash
from opencontact.passwords import hash_password_async

router = APIRouter(tags=["Users"])

PERMISSION = "Users.Edit"


class PasswordRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(
        description="The new password (8 to 64 characters, with a lower-case "
        "letter, an upper-case letter and a digit, no spaces)."
    )


@router.put(
    "/users/{user_id}/password",
    status_code=204,
    summary="Set a user's password",
    description="Only for instances with CONNECT_MANAGED identity management. Needs "
    "Users.Edit. The user's current sessions end (their tokens stop working). 400 "
    "InvalidParameterException when the password breaks the policy (the message says how); "
    "400 InvalidRequestException for instances whose users have no password here; 404 for an "
    "unknown user.",
    responses=error_responses(400, 401, 403, 404),
)
async def set_password(
    user_id: str, body: PasswordRequest, caller: SignedIn, context: Context
) -> Response:
    caller.require(PERMISSION)
    caller.require_admin()
    directory = caller.directory
    instance = directory.instance
    user = directory.require(User, user_id)
    check_password_for(instance, body.password)
    password_hash = await hash_password_async(body.password)
    env = context.center.env(instance.region)
    await context.center.change(
        instance.id,
        instance.region,
        lambda d: set_password_hash(d, env, user.id, password_hash),
    )
    return Response(status_code=204)
