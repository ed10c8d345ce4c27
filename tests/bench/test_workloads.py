"""The benchmark's SQL floor returns what our server returns, and its proxy counts statements."""

from typing import Any

import asyncpg
import httpx
import orjson
import pytest
from sqlalchemy.engine import make_url

from api.app import create_app
from api.settings import Settings
from bench.pgproxy import CountingProxy
from bench.region import create_bench_key
from bench.workloads import W4_PROGRAM_SQL, build_workloads
from db.demo import load_demo, scaled_size
from db.engine import create_engine


def asyncpg_dsn(database_url: str, port: int | None = None) -> str:
    url = make_url(database_url).set(drivername="postgresql")
    if port is not None:
        url = url.set(host="127.0.0.1", port=port)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("the floor's SQL is written for PostgreSQL")
    return database_url


async def our_answers(database_url: str, key: str, workloads: dict[str, Any]) -> dict[str, Any]:
    app = create_app(Settings(database_url=database_url))
    answers = {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            for name, workload in workloads.items():
                headers = {"Authorization": f"Bearer {key}"} if workload.ours.authorized else {}
                payload = {"query": workload.ours.document, "variables": workload.ours.variables}
                body = (await http.post("/graphql", json=payload, headers=headers)).json()
                assert "errors" not in body, (name, body["errors"])
                answers[name] = body["data"]
    return answers


async def test_floor_matches_our_server(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        await load_demo(engine, scaled_size(0.05), seed=7)
    finally:
        await engine.dispose()
    key = await create_bench_key(postgres_url)
    connection = await asyncpg.connect(asyncpg_dsn(postgres_url))
    try:
        workloads = build_workloads(await connection.fetchval(W4_PROGRAM_SQL))
        # Our server goes first: its W3 request fills the summary table the floor reads.
        ours = await our_answers(postgres_url, key, workloads)
        for name, workload in workloads.items():
            floor = await connection.fetchval(workload.floor_sql, *workload.floor_parameters(workload.ours.variables))
            assert orjson.loads(floor)["data"] == ours[name], name
    finally:
        await connection.close()

    assert len(ours["W1"]["programs"]["nodes"]) == 50
    assert ours["W1"]["programs"]["pageInfo"]["hasNextPage"] is True
    assert len(ours["W2"]["participations"]["nodes"]) == 100
    assert ours["W3"]["monitoring"]["participation"]["rows"]
    assert ours["W4"]["node"]["enrolledCount"] > 0


async def test_proxy_counts_statements_by_kind(postgres_url: str) -> None:
    proxy = CountingProxy()
    proxy.start()
    try:
        connection = await asyncpg.connect(asyncpg_dsn(postgres_url, proxy.port))
        try:
            async with connection.transaction():
                await connection.fetchval("SELECT 1")
                await connection.fetchval("SELECT $1::int + 1", 1)
            await connection.fetchval("SELECT 2")
        finally:
            await connection.close()
    finally:
        proxy.stop()

    assert proxy.counts.data == 3
    assert proxy.counts.control == 2
    assert proxy.counts.texts["SELECT 1"] == 1
