"""Live messages across workers: two app instances on one PostgreSQL database, as two uvicorn
workers would run, each with its own broker and LISTEN connection."""

import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest
from sqlalchemy import text

from api.app import create_app
from api.settings import Settings
from db.engine import create_engine
from resolvers.live.postgres import PostgresBroker
from tests.api.live_ws import graphql, live_client, serve, wait_for
from tests.factories import Factory
from tests.keys import bearer

EVENT_CHANGED = "subscription { eventChanged { action eventId event { title } } }"

CREATE_EVENT = """
mutation Create($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { message } } }
"""

EVENT_INPUT = {
    "title": "Турнир юных математиков",
    "kind": "CONTEST",
    "level": "REGIONAL",
    "startsAt": "2025-02-01T10:00:00+05:00",
}


@pytest.fixture
async def workers(database_url: str, factory: Factory) -> AsyncIterator[list[tuple[str, object]]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; on SQLite one process serves subscriptions")
    async with AsyncExitStack() as stack:
        servers = []
        for _ in range(2):
            app = create_app(Settings(database_url=database_url))
            address = await stack.enter_async_context(serve(app))
            servers.append((address, app))
        yield servers


def broker_of(app: object) -> PostgresBroker:
    broker = app.state.live  # type: ignore[attr-defined]
    assert isinstance(broker, PostgresBroker)
    return broker


async def test_live_message_reaches_other_worker(workers: list[tuple[str, object]], factory: Factory) -> None:
    (first, first_app), (second, second_app) = workers
    admin = await bearer(factory, "REGIONAL_ADMIN")
    async with live_client(first) as on_first, live_client(second) as on_second:
        await on_first.init()
        await on_second.init()
        await on_first.subscribe("a", EVENT_CHANGED)
        await on_second.subscribe("b", EVENT_CHANGED)
        await wait_for(lambda: broker_of(first_app).subscriber_count() == 1)
        await wait_for(lambda: broker_of(second_app).subscriber_count() == 1)

        started = time.perf_counter()
        body = await graphql(second, CREATE_EVENT, {"input": EVENT_INPUT}, admin)
        received_first = await on_first.next_payload("a", timeout=1.0)
        elapsed = time.perf_counter() - started
        received_second = await on_second.next_payload("b", timeout=1.0)

        event_id = body["data"]["createEvent"]["event"]["id"]
        assert received_first["data"]["eventChanged"]["eventId"] == event_id
        assert received_second["data"]["eventChanged"]["eventId"] == event_id
        assert elapsed < 1.0
        # Each worker delivers the notification once, its own included.
        await on_first.expect_silence()
        await on_second.expect_silence()


async def test_live_listener_reconnects(workers: list[tuple[str, object]], factory: Factory, database_url: str) -> None:
    (first, first_app), (second, _second_app) = workers
    broker = broker_of(first_app)
    broker.retry_seconds = 0.1
    lost_pid = broker.listener_pid()
    assert lost_pid is not None

    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            terminated = await connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": lost_pid})
    finally:
        await engine.dispose()
    assert terminated is True
    await wait_for(lambda: broker.listener_pid() not in (None, lost_pid))

    admin = await bearer(factory, "REGIONAL_ADMIN")
    async with live_client(first) as client:
        await client.init()
        await client.subscribe("a", EVENT_CHANGED)
        await wait_for(lambda: broker.subscriber_count() == 1)
        await graphql(second, CREATE_EVENT, {"input": EVENT_INPUT}, admin)
        payload = await client.next_payload("a", timeout=1.0)
    assert payload["data"]["eventChanged"]["action"] == "CREATED"
