"""The composition root: storage, the contact center and the HTTP application, wired together.

`start` builds a running `Runtime` on the current event loop; the CLI serves its `asgi` app with
uvicorn, and the tests do the same on a free port.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from opencontact.api.connect.app import ConnectApi
from opencontact.clock import Clock, SystemClock
from opencontact.config import ApiCredentials, Settings, api_credentials, demo_passwords
from opencontact.demo import USERS, DemoInstance, ensure_demo
from opencontact.engine.center import ContactCenter
from opencontact.store.database import normalise, sqlite_url
from opencontact.store.sql import SqlStore


@dataclass
class Runtime:
    settings: Settings
    credentials: ApiCredentials
    center: ContactCenter
    store: SqlStore
    asgi: Starlette
    demo: DemoInstance | None = None

    async def close(self) -> None:
        await self.center.close()
        await self.store.close()


async def start(settings: Settings, clock: Clock | None = None) -> Runtime:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    url = normalise(settings.database_url or sqlite_url(settings.data_dir))
    store = await SqlStore.open(url)
    center = await ContactCenter.load(store, clock or SystemClock(), settings.account_id)
    credentials = api_credentials(settings.data_dir)
    demo = None
    if settings.demo:
        usernames = [username for username, *_ in USERS]
        demo = await ensure_demo(center, demo_passwords(settings.data_dir, usernames))
    connect = ConnectApi(center, {credentials.access_key_id: credentials.secret_access_key})
    asgi = Starlette(
        routes=[
            Route("/healthz", _healthz),
            Mount("/", app=connect),
        ]
    )
    return Runtime(settings, credentials, center, store, asgi, demo)


async def _healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})
