"""The `opencontact` command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from opencontact import __version__
from opencontact.app import Runtime, start
from opencontact.cli_agent import agent
from opencontact.config import DEFAULT_DATA_DIR, Settings, lambda_urls_from_environment
from opencontact.server import Server, server_config

# soft_wrap: long lines (keys, URLs) must stay whole when the output is piped or logged.
console = Console(soft_wrap=True)


@click.group()
@click.version_option(__version__, prog_name="opencontact")
def main() -> None:
    """OpenContact: a self-hostable contact center that speaks Amazon Connect's API."""


main.add_command(agent)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--data-dir",
    default=str(DEFAULT_DATA_DIR),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the SQLite database and generated credentials are kept.",
)
@click.option(
    "--database-url",
    default=None,
    help="Use this database instead of SQLite, e.g. postgresql+psycopg://user@host/db.",
)
@click.option("--demo", is_flag=True, help="Create (once) the 'demo' instance for the tutorials.")
def serve(host: str, port: int, data_dir: Path, database_url: str | None, demo: bool) -> None:
    """Start OpenContact: the Amazon Connect API, the agent and admin APIs, the web pages (CCP,
    agent application, admin website, console, /phone, /chat) and the simulated carrier, with
    storage in SQLite or PostgreSQL.

    Environment variables (OPENCONTACT_ACCESS_KEY_ID, OPENCONTACT_LAMBDA_URLS, the chat rate
    limits, ...) are listed in the README under "Running it yourself".
    """
    # Settings read the environment too (Lambda URLs, chat rate limits): a bad value is a
    # usage error with the variable's name, not a traceback.
    try:
        settings = Settings(
            host=host,
            port=port,
            data_dir=data_dir,
            database_url=database_url,
            demo=demo,
            lambda_urls=lambda_urls_from_environment(),
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        import uvloop

        runner: Callable[[Coroutine[Any, Any, None]], None] = uvloop.run
    except ImportError:
        runner = asyncio.run
    try:
        runner(_serve(settings))
    except KeyboardInterrupt:
        # uvicorn has already shut down cleanly; it re-raises Ctrl+C for the caller.
        console.print("OpenContact stopped.")


async def _serve(settings: Settings) -> None:
    with console.status("Opening storage and loading instances..."):
        runtime = await start(settings)
    server = Server(
        server_config(runtime.asgi, settings.host, settings.port), lambda: _banner(runtime)
    )
    try:
        await server.serve()
    finally:
        await runtime.close()


def _banner(runtime: Runtime) -> None:
    settings, credentials = runtime.settings, runtime.credentials
    console.print(f"[bold green]OpenContact {__version__}[/] is running at {settings.base_url}")
    console.print(f"  Amazon Connect API   endpoint_url={settings.base_url}  (any region)")
    console.print(f"    access key id      {credentials.access_key_id}")
    console.print(f"    secret access key  {credentials.secret_access_key}")
    if runtime.demo is not None:
        demo = runtime.demo
        console.print(
            f"  Demo instance        alias {demo.instance.alias}, id {demo.instance.id}, "
            f"region {demo.instance.region}"
        )
        console.print(f"    phone number       {demo.phone_number} (rings BasicQueue)")
        for username, password in demo.passwords.items():
            console.print(f"    user {username:<14}password {password}")
    pages = (
        ("Agent CCP", "/ccp-v2", "agent application: /agent-app-v2"),
        ("Admin website", "/admin", "sign in as admin"),
        ("Console", "/console", "instances; sign in with the key pair"),
        ("Customer phone", "/phone", "call the phone number above"),
        ("Customer chat", "/chat", "start a chat; embed with /chat/widget.js"),
    )
    for name, path, words in pages:
        console.print(f"  {name:<21}{settings.base_url}{path}  ({words})")
    console.print(f"  Health               {settings.base_url}/healthz")
    console.print("Press Ctrl+C to stop.")
