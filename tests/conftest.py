"""Fixtures: a migrated database per test on SQLite (and PostgreSQL when configured), the real
app served in-process through httpx, factories and a statement counter.

Set TALENTS_TEST_POSTGRES_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test) to run
every database test on PostgreSQL too; each test then gets a fresh database cloned from a
migrated template.
"""

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from api.app import create_app
from api.planner import VERIFY_OPTION
from api.settings import Settings
from db.engine import create_engine
from db.migrations import upgrade
from tests.factories import Factory

POSTGRES_URL = os.environ.get("TALENTS_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


async def _admin_execute(statements: list[str]) -> None:
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


def _postgres_database_url(name: str) -> str:
    assert POSTGRES_URL is not None
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    name = f"talents_template_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin_execute([f'CREATE DATABASE "{name}"']))
    upgrade(_postgres_database_url(name))
    yield name
    asyncio.run(_admin_execute([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return the URL of a freshly migrated, empty database for this test."""
    if request.param == "sqlite":
        path = tmp_path / "talents.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite+aiosqlite:///{path}"
        return

    template = request.getfixturevalue("postgres_template")
    name = f"talents_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute([f'CREATE DATABASE "{name}" TEMPLATE "{template}"']))
    yield _postgres_database_url(name)
    asyncio.run(_admin_execute([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']))


@pytest.fixture
async def factory(database_url: str) -> AsyncIterator[Factory]:
    engine = create_engine(database_url)
    try:
        seeded = Factory(engine)
        await seeded.municipalities()
        yield seeded
    finally:
        await engine.dispose()


class StatementCounter:
    """Counts SQL statements that the app's engine sends to answer requests.

    Statements that only check a planned answer against normal resolution are left out, so a
    count is the same with and without that check.
    """

    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, _parameters: Any, context: Any, *_args: Any) -> None:
        if context is not None and context.execution_options.get(VERIFY_OPTION):
            return
        self.count += 1
        self.statements.append(statement)


class Client:
    """The real app in-process: `query` posts a GraphQL document and returns the JSON body."""

    def __init__(self, http: httpx.AsyncClient, counter: StatementCounter) -> None:
        self.http = http
        self.counter = counter
        # Headers of every request that passes none of its own, e.g. an Authorization header.
        self.headers: dict[str, str] = {}

    async def query(
        self, document: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql",
            json={"query": document, "variables": variables or {}},
            headers=self.headers if headers is None else headers,
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run `document` and return its data, failing the test on any error."""
        body = await self.query(document, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def count_statements(self, document: str, variables: dict[str, Any] | None = None) -> int:
        before = self.counter.count
        await self.data(document, variables)
        return self.counter.count - before


@pytest.fixture
async def client(request: pytest.FixtureRequest, database_url: str, factory: Factory) -> AsyncIterator[Client]:
    """The app on this test's database; `@pytest.mark.settings(name=value)` overrides settings.

    Markers on the module and on the test combine; the one closer to the test wins a conflict.
    """
    # Every planned answer is checked against normal resolution, unless a test says otherwise.
    # TALENTS_TEST_PLANNER_VERIFY=0 runs the tests as production runs: planned answers, and
    # repeated operations answered without Strawberry's pipeline.
    overrides: dict[str, Any] = {"planner_verify": os.environ.get("TALENTS_TEST_PLANNER_VERIFY", "1") != "0"}
    for marker in reversed(list(request.node.iter_markers("settings"))):
        overrides.update(marker.kwargs)
    app = create_app(Settings(database_url=database_url, **overrides))
    counter = StatementCounter()
    async with app.router.lifespan_context(app):
        event.listen(app.state.engine.sync_engine, "before_cursor_execute", counter)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield Client(http, counter)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print how many tests passed and failed on each database, so CI output shows both ran."""
    lines = []
    for backend in BACKENDS:
        marker = f"[{backend}"
        passed = sum(1 for report in terminalreporter.stats.get("passed", []) if marker in report.nodeid)
        failed = sum(1 for report in terminalreporter.stats.get("failed", []) if marker in report.nodeid)
        lines.append(f"{backend}: {passed} passed, {failed} failed")
    terminalreporter.write_line("databases — " + "; ".join(lines))
