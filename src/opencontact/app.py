"""The composition root: storage, the contact center and the HTTP application, wired together.

`start` builds a running `Runtime` on the current event loop; the CLI serves its `asgi` app with
uvicorn, and the tests do the same on a free port.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from opencontact.api.admin import admin_api
from opencontact.api.agent import agent_api
from opencontact.api.connect.app import ConnectApi
from opencontact.api.console import console_api
from opencontact.api.participant.app import participant_api
from opencontact.api.participant.rate_limits import ChatThrottle
from opencontact.api.participant.start import chat_start_api
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.api.sim import sim_api
from opencontact.clock import Clock, SystemClock
from opencontact.config import ApiCredentials, Settings, api_credentials, demo_passwords
from opencontact.demo import USERS, DemoInstance, demo_admin_id, ensure_demo
from opencontact.engine.bus import EventBus
from opencontact.engine.center import ContactCenter
from opencontact.engine.runtime import EngineRuntime
from opencontact.engine.workspace_calls import WorkspaceCalls
from opencontact.knowledge_samples import add_sample_articles
from opencontact.store.cases import CaseStore
from opencontact.store.customer_profiles import CustomerProfileStore
from opencontact.store.database import normalise, sqlite_url
from opencontact.store.sql import SqlStore
from opencontact.telephony.simulated import SimulatedCarrier
from opencontact.web.pages import page_routes


@dataclass
class Runtime:
    settings: Settings
    credentials: ApiCredentials
    center: ContactCenter
    store: SqlStore
    asgi: ASGIApp
    engine: EngineRuntime
    carrier: SimulatedCarrier
    bus: EventBus
    demo: DemoInstance | None = None

    async def close(self) -> None:
        await self.engine.close()
        await self.center.close()
        await self.store.close()


async def start(
    settings: Settings,
    clock: Clock | None = None,
    *,
    lambda_transport: httpx.AsyncBaseTransport | None = None,
) -> Runtime:
    """A running OpenContact on this event loop. `lambda_transport` replaces the network for
    flows' Lambda calls (tests answer them in-process)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    url = normalise(settings.database_url or sqlite_url(settings.data_dir))
    store = await SqlStore.open(url)
    clock = clock or SystemClock()
    center = await ContactCenter.load(store, clock, settings.account_id)
    credentials = api_credentials(settings.data_dir)
    carrier = SimulatedCarrier(clock)
    bus = EventBus()
    records = WorkspaceCalls(CustomerProfileStore(store.database), CaseStore(store.database), clock)
    engine = EngineRuntime(
        center, carrier, clock, bus, settings.lambda_urls, lambda_transport, records
    )
    await engine.start()
    demo = None
    if settings.demo:
        usernames = [username for username, *_ in USERS]
        demo = await ensure_demo(center, demo_passwords(settings.data_dir, usernames))
        await add_sample_articles(
            store.database, demo.instance.id, demo_admin_id(center, demo), clock.now()
        )
    # One key for chat customers' tokens, shared by whoever issues or reads them.
    participant_tokens = ParticipantTokens.in_data_dir(settings.data_dir)
    chat_throttle = ChatThrottle(settings.chat_rate_limits)
    access_keys = {credentials.access_key_id: credentials.secret_access_key}
    connect = ConnectApi(center, access_keys, participant_tokens)
    web = Starlette(
        routes=[
            Route("/healthz", _healthz),
            Mount("/sim", app=sim_api(carrier, engine.legs.contact_of)),
            Mount(
                "/api/v1/console",
                app=console_api(center, credentials, settings, participant_tokens),
            ),
            Mount("/api/v1/admin", app=admin_api(center, bus, settings, participant_tokens)),
            Mount("/api/v1/chat", app=chat_start_api(center, participant_tokens, chat_throttle)),
            Mount(
                "/participant",
                app=participant_api(center, bus, participant_tokens, chat_throttle),
            ),
            Mount("/api/v1", app=agent_api(center, bus, settings, store.database)),
            *page_routes(),
        ]
    )
    return Runtime(
        settings, credentials, center, store, Dispatcher(connect, web), engine, carrier, bus, demo
    )


async def _healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


class Dispatcher:
    """The server's one ASGI app: Amazon Connect API requests go to the Connect API (it claims
    them by path or by AWS signature), everything else to the web application. The participant
    service (/participant) is the web application's even when boto3 signs its requests."""

    def __init__(self, connect: ConnectApi, web: ASGIApp) -> None:
        self._connect = connect
        self._web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_participant(scope) and self._connect.claims(scope):
            await self._connect(scope, receive, send)
        else:
            await self._web(scope, receive, send)


def _is_participant(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    return path == "/participant" or path.startswith("/participant/")
