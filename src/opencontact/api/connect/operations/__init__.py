"""Handlers of the Amazon Connect operations, one module per kind of resource.

A handler is registered with `@operation("Name")`; the name must exist in botocore's model, and
the registry is the single source of the list of supported operations (docs/connect-api.md is
generated from it).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.service_model import connect_model

Handler = Callable[[ConnectCall], Awaitable[dict[str, Any]]]

_HANDLERS: dict[str, Handler] = {}


def operation(name: str) -> Callable[[Handler], Handler]:
    if name not in connect_model().operation_names:
        raise ValueError(f"{name} is not an Amazon Connect operation")

    def register(handler: Handler) -> Handler:
        if name in _HANDLERS:
            raise ValueError(f"{name} is registered twice")
        _HANDLERS[name] = handler
        return handler

    return register


def handlers() -> Mapping[str, Handler]:
    """Every supported operation, by name (imports the handler modules on first use)."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return _HANDLERS
