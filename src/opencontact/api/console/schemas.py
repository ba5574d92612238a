"""The console API's request and answer bodies (for validation and the OpenAPI document)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class SignInRequest(_Wire):
    model_config = ConfigDict(extra="forbid")

    access_key_id: str = Field(min_length=1, max_length=128)
    secret_access_key: str = Field(min_length=1, max_length=256)
    region: str = Field(
        default="us-east-1", min_length=1, max_length=32, description="An AWS region name."
    )


class ConsoleSessionCreated(_Wire):
    token: str
    expires_at: str
    region: str


class ConsoleSessionInfo(_Wire):
    access_key_id: str
    account_id: str
    region: str
    expires_at: str


class ErrorBody(BaseModel):
    error: str = Field(description="Unauthorized, InvalidParameter, or a Connect error name.")
    message: str = Field(description="What went wrong, for a person.")
