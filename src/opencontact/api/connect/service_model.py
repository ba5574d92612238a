"""botocore's model of Amazon Connect, loaded once."""

from __future__ import annotations

import functools

import botocore.session
from botocore.model import OperationModel, ServiceModel


@functools.cache
def connect_model() -> ServiceModel:
    model: ServiceModel = botocore.session.get_session().get_service_model("connect")
    return model


def operation_model(name: str) -> OperationModel:
    operation: OperationModel = connect_model().operation_model(name)
    return operation
