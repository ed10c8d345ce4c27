"""SQLite and PostgreSQL return the same results for the same demo region."""

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.app import create_app
from api.keys_admin import create_key
from api.settings import Settings
from db.demo import load_demo, scaled_size
from db.engine import create_engine
from db.enums import ApiKeyRole
from tests.conftest import POSTGRES_URL, _admin_execute, _postgres_database_url

pytestmark = pytest.mark.skipif(POSTGRES_URL is None, reason="TALENTS_TEST_POSTGRES_URL is not set")

QUERIES = [
    """{ programs(filter: {orientations: [TECHNICAL], municipalityCodes: ["MO15"]}, first: 10) {
          totalCount nodes { title levels ageFrom ageTo enrolledCount organization { shortName } }
          pageInfo { hasNextPage endCursor } } }""",
    """{ innovationSites(first: 5) { nodes { title
          events(first: 5, orderBy: [{field: STARTS_AT, direction: DESC}]) {
            nodes { title kind startsAt participantsCount } } } } }""",
    """{ organizations(filter: {kinds: [SCHOOL]}, first: 3, orderBy: [{field: NAME}]) { nodes { id name
          participations(filter: {results: [WINNER, PRIZE_WINNER]}, first: 10) {
            totalCount nodes { result schoolYearLabel event { title level subject } } } } } }""",
    """{ programs(filter: {search: "ЁЛ"}, orderBy: [{field: TITLE}, {field: HOURS, direction: DESC}], last: 15) {
          nodes { id title hours } } }""",
    """{ municipalities(first: 43) { totalCount nodes { code name childPopulation(schoolYear: 2023) } } }""",
    """{ events(filter: {schoolYears: [2023], kinds: [OLYMPIAD]}, orderBy: [{field: TITLE}], first: 20) {
          totalCount nodes { title startsAt endsAt olympiadStage subject audiences } } }""",
    """{ participations(orderBy: [{field: SCORE, direction: DESC}], first: 25) {
          nodes { score result participant { category grade birthYear } } } }""",
]


async def answers(database_url: str, key: str) -> list[dict[str, Any]]:
    app = create_app(Settings(database_url=database_url))
    results = []
    headers = {"Authorization": f"Bearer {key}"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as http:
            for document in QUERIES:
                response = await http.post("/graphql", json={"query": document})
                results.append(response.json())
    return results


async def load(database_url: str) -> str:
    """Load the demo region and return a regional admin's key, which lists participations."""
    engine = create_engine(database_url)
    try:
        await load_demo(engine, scaled_size(0.05), seed=11)
        async with AsyncSession(engine, expire_on_commit=False) as session:
            created = await create_key(session, "backends", ApiKeyRole.REGIONAL_ADMIN, [], [], False, None)
        return created.key
    finally:
        await engine.dispose()


@pytest.fixture
def both_databases(sqlite_template: Path, postgres_template: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    sqlite_path = tmp_path / "agree.db"
    shutil.copyfile(sqlite_template, sqlite_path)
    name = f"talents_agree_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute([f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"']))
    yield f"sqlite+aiosqlite:///{sqlite_path}", _postgres_database_url(name)
    asyncio.run(_admin_execute([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']))


async def test_backends_give_identical_answers(both_databases: tuple[str, str]) -> None:
    sqlite_url, postgres_url = both_databases
    sqlite_key = await load(sqlite_url)
    postgres_key = await load(postgres_url)

    on_sqlite = await answers(sqlite_url, sqlite_key)
    on_postgres = await answers(postgres_url, postgres_key)

    for document, sqlite_answer, postgres_answer in zip(QUERIES, on_sqlite, on_postgres, strict=True):
        assert "errors" not in sqlite_answer, sqlite_answer
        assert sqlite_answer == postgres_answer, document
