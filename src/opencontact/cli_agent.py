"""`opencontact agent ...`: be an agent from the terminal — log in, see who you are, set your
status, accept, hold, end and close contacts, dial a number, watch your events as they happen,
read a contact's flow logs.

The session token is kept in ~/.opencontact-agent.json (readable by you only; the environment
variable OPENCONTACT_AGENT_SESSION names another file), or given with --token. Every refusal
is printed as the server's sentence, never as a traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from opencontact.client import AgentApiError, AgentClient

DEFAULT_URL = "http://127.0.0.1:8080"
SESSION_FILE_VARIABLE = "OPENCONTACT_AGENT_SESSION"

F = TypeVar("F", bound=Callable[..., Any])


def session_file() -> Path:
    return Path(os.environ.get(SESSION_FILE_VARIABLE) or Path.home() / ".opencontact-agent.json")


def _saved() -> dict[str, str]:
    path = session_file()
    try:
        saved = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}


def _save(session: dict[str, str]) -> None:
    path = session_file()
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(json.dumps(session, indent=2) + "\n")
    temporary.chmod(0o600)
    temporary.replace(path)


def _readable_errors(command: F) -> F:
    """AgentApiError -> a one-line ClickException (exit status 1), with a hint for 401."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AgentApiError as refused:
            message = refused.message
            if refused.status == 401 and "username or password" not in message:
                message += " Run `opencontact agent login`."
            raise click.ClickException(message) from None

    return cast(F, run)


@dataclass(frozen=True)
class Connection:
    """Where and as whom a command talks to OpenContact: --url, --token, or --instance,
    --username and --password to log in on the spot; else the saved session."""

    url: str | None
    token: str | None
    instance: str | None
    username: str | None
    password: str | None

    def client(self) -> AgentClient:
        saved = _saved()
        url = self.url or saved.get("url") or DEFAULT_URL
        if self.token:
            return AgentClient(url, self.token)
        if self.username:
            client, _session = _log_in(url, self.instance, self.username, self.password)
            return client
        if saved.get("token") and (self.url is None or self.url.rstrip("/") == saved.get("url")):
            return AgentClient(saved["url"], saved["token"])
        raise click.ClickException(
            "Not logged in: run `opencontact agent login` (or pass --token or --username)."
        )


def _connection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The connection options, handed to the command as one `connection` argument."""

    @wraps(command)
    def run(
        *args: Any,
        url: str | None,
        token: str | None,
        instance: str | None,
        username: str | None,
        password: str | None,
        **kwargs: Any,
    ) -> Any:
        connection = Connection(url, token, instance, username, password)
        return command(*args, connection=connection, **kwargs)

    options = [
        click.option(
            "--url",
            envvar="OPENCONTACT_URL",
            help=f"OpenContact's address [default: the saved session's, else {DEFAULT_URL}].",
        ),
        click.option("--token", envvar="OPENCONTACT_AGENT_TOKEN", help="A session token to use."),
        click.option("--instance", help="The instance's alias or id (to log in)."),
        click.option("--username", help="Log in as this user (the password is asked for)."),
        click.option("--password", help="The password (asked for, hidden, when left out)."),
    ]
    decorated: Callable[..., Any] = run
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def _log_in(
    url: str, instance: str | None, username: str | None, password: str | None
) -> tuple[AgentClient, dict[str, Any]]:
    instance = instance or click.prompt("Instance (alias or id)", default="demo")
    username = username or click.prompt("Username")
    password = password or click.prompt("Password", hide_input=True)
    client = AgentClient(url)
    session = client.login(instance, username, password)
    user = session["user"]
    _save(
        {
            "url": client.base_url,
            "token": session["token"],
            "expiresAt": session["expiresAt"],
            "instance": user["instanceAlias"] or user["instanceId"],
            "username": user["username"],
        }
    )
    return client, session


@click.group()
def agent() -> None:
    """Be an agent from the terminal: log in, set your status, take and dial calls, watch.

    Supervisors can also read a contact's flow logs.
    """


@agent.command()
@_connection_options
@_readable_errors
def login(connection: Connection) -> None:
    """Log in with a username and password; the session is saved for the other commands."""
    client, session = _log_in(
        connection.url or DEFAULT_URL, connection.instance, connection.username, connection.password
    )
    client.close()
    user = session["user"]
    where = user["instanceAlias"] or user["instanceId"]
    click.echo(f"Logged in to {where} as {user['username']} until {session['expiresAt']}.")
    click.echo(f"Session saved in {session_file()}.")


@agent.command()
def logout() -> None:
    """Forget the saved session."""
    session_file().unlink(missing_ok=True)
    click.echo("Logged out.")


@agent.command()
@_connection_options
@_readable_errors
def whoami(connection: Connection) -> None:
    """Who the session is for, on which instance, and until when."""
    with connection.client() as client:
        session = client.whoami()
    user = session["user"]
    where = user["instanceAlias"] or user["instanceId"]
    click.echo(f"{user['username']} on {where} (user {user['id']})")
    click.echo(f"Session valid until {session['expiresAt']}.")
    if "BasicAgentAccess" not in user["permissions"]:
        click.echo("Your security profile does not allow the Contact Control Panel.")


@agent.command()
@click.argument("status", required=False)
@_connection_options
@_readable_errors
def status(status: str | None, connection: Connection) -> None:
    """Show your state and the statuses you can choose, or set STATUS (its name or id)."""
    with connection.client() as client:
        desk = client.set_status(status) if status else client.agent()
    _print_desk(desk)
    if not status:
        names = ", ".join(s["name"] for s in desk["statuses"])
        click.echo(f"Statuses: {names}")


def _print_desk(desk: dict[str, Any]) -> None:
    click.echo(f"State: {desk['state']}")
    if desk.get("nextStatus"):
        click.echo(f"Next status: {desk['nextStatus']['name']} (once your contacts are closed)")
    for line in contact_lines(desk):
        click.echo(line)


# command -> (client method, help)
_CONTACT_MOVES = {
    "accept": ("accept", "Accept the contact offered to you."),
    "reject": ("reject", "Reject the contact offered to you; it goes back to its queue."),
    "hold": ("hold", "Put the customer on hold."),
    "resume": ("resume", "Take the customer off hold."),
    "end": ("end", "End the call; you go to after contact work."),
    "close": ("close_contact", "Close the contact: leave after contact work."),
}


def _contact_move(name: str, method: str, summary: str) -> None:
    @agent.command(name, help=f"{summary} CONTACT_ID may be left out when you have one contact.")
    @click.argument("contact_id", required=False)
    @_connection_options
    @_readable_errors
    def move(contact_id: str | None, connection: Connection) -> None:
        with connection.client() as client:
            chosen = contact_id or _only_contact(client.agent())
            desk = getattr(client, method)(chosen)
        _print_desk(desk)


def _only_contact(desk: dict[str, Any]) -> str:
    contacts = [str(c["contactId"]) for c in desk["contacts"]]
    if not contacts:
        raise click.ClickException("You have no contact.")
    if len(contacts) > 1:
        raise click.ClickException(
            f"You have {len(contacts)} contacts; say which: {', '.join(contacts)}."
        )
    return contacts[0]


for _name, (_method, _summary) in _CONTACT_MOVES.items():
    _contact_move(_name, _method, _summary)


@agent.command()
@click.argument("number")
@_connection_options
@_readable_errors
def call(number: str, connection: Connection) -> None:
    """Dial NUMBER from the number pad (E.164, or a national number of the region)."""
    with connection.client() as client:
        desk = client.call(number)
    click.echo(f"Calling {number}: contact {desk['contactId']}. State: {desk['state']}")


@agent.command("flow-logs")
@click.argument("contact_id")
@_connection_options
@click.option("--json", "as_json", is_flag=True, help="Print the logs as JSON.")
@_readable_errors
def flow_logs(contact_id: str, connection: Connection, as_json: bool) -> None:
    """Print what each flow action did on CONTACT_ID (needs ContactSearch.View)."""
    with connection.client() as client:
        logs = client.flow_logs(contact_id)
    if as_json:
        click.echo(json.dumps(logs, indent=2))
        return
    entries = logs["flowLogs"]
    if not entries:
        click.echo(f"No flow logs for contact {contact_id} (was flow logging on?).")
    for entry in entries:
        click.echo(flow_log_line(entry))


def flow_log_line(entry: dict[str, Any]) -> str:
    flow = entry.get("flowName") or entry["flowId"]
    line = f"{entry['at']}  {flow}  {entry['actionType'] or '?'} -> {entry['result']}"
    return f"{line}: {entry['detail']}" if entry.get("detail") else line


@agent.command()
@_connection_options
@click.option("--json", "as_json", is_flag=True, help="Print each message as one JSON line.")
@click.option("--max-events", type=int, default=None, help="Stop after this many messages.")
@_readable_errors
def watch(connection: Connection, as_json: bool, max_events: int | None) -> None:
    """Print your events as they come (a snapshot, then every change), until Ctrl+C."""
    with connection.client() as client:
        try:
            asyncio.run(_watch(client, as_json, max_events))
        except KeyboardInterrupt:
            click.echo("Stopped.")


async def _watch(client: AgentClient, as_json: bool, max_events: int | None) -> None:
    seen = 0
    async for message in client.events():
        click.echo(json.dumps(message) if as_json else describe(message))
        seen += 1
        if max_events is not None and seen >= max_events:
            return
    click.echo("The server closed the connection.")


def describe(message: dict[str, Any]) -> str:
    """One event for a person: the agent's state, then a line per contact."""
    desk = message.get("agent")
    if not isinstance(desk, dict):
        return f"{message.get('type')}: {message.get('message', '')}".rstrip(": ")
    lines = [f"{message['type']}: {desk.get('username')} is {desk.get('state')}"]
    return "\n".join([*lines, *contact_lines(desk)])


def contact_lines(desk: dict[str, Any]) -> list[str]:
    lines = []
    for contact in desk.get("contacts", []):
        customer = (contact.get("customer") or {}).get("phoneNumber") or "no customer number"
        lines.append(
            f"  contact {contact['contactId']} ({contact['channel']} "
            f"{contact['initiationMethod']}, {customer}): {contact['state']}"
        )
        for party in contact.get("thirdParties", []):
            lines.append(f"    {party['kind']} {party['label']}: {party['state']}")
    return lines
