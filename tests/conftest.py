"""Fixtures shared by every kind of test: storage back-ends and a live server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from opencontact.config import Settings
from opencontact.testing import LiveServer

POSTGRES_ADMIN_URL = os.environ.get(
    "OPENCONTACT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)


def _postgres_available() -> str | None:
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        return str(error).strip()


def _require_postgres() -> None:
    problem = _postgres_available()
    if problem is None:
        return
    if os.environ.get("OPENCONTACT_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required but unreachable at {POSTGRES_ADMIN_URL}: {problem}")
    pytest.skip(f"PostgreSQL unreachable at {POSTGRES_ADMIN_URL}: {problem}")


@contextmanager
def new_postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped afterwards)."""
    _require_postgres()
    name = f"opencontact_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """One PostgreSQL database shared by the tests of this session."""
    with new_postgres_database() as url:
        yield url


@pytest.fixture
def own_postgres_database() -> Iterator[str]:
    """A PostgreSQL database for this test alone (a server that starts from empty)."""
    with new_postgres_database() as url:
        yield url


def database_url_for(
    backend: str, request: pytest.FixtureRequest, *, own: bool = False
) -> str | None:
    """The database URL for a backend; None for SQLite (a file in the data dir)."""
    if backend == "postgresql":
        fixture = "own_postgres_database" if own else "postgres_database"
        url: str = request.getfixturevalue(fixture)
        return url
    return None


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A running OpenContact, once on SQLite and once on PostgreSQL."""
    data_dir: Path = tmp_path_factory.mktemp(f"server-{request.param}")
    settings = Settings(data_dir=data_dir, database_url=database_url_for(request.param, request))
    with LiveServer(settings) as server:
        yield server
