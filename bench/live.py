"""Measure how fast a committed change reaches many subscriptions (`eventChanged`).

Usage:
    .venv/bin/python -m bench.live                                   # SQLite, one worker
    .venv/bin/python -m bench.live --postgres postgresql+asyncpg://postgres@127.0.0.1:5432/postgres --workers 2

The script migrates a fresh database: an SQLite file in a temporary folder, or a new PostgreSQL
database that it creates next to the one named and drops at the end. It starts `talents serve` on
127.0.0.1 and opens `--connections` WebSocket connections with `--subscriptions` subscriptions each.
Then it creates `--events` events one after another through `POST /graphql`. For each event it
records the time from sending the mutation to each subscription's message, and prints the
median and maximum over all messages, and over each event's slowest message. The clients run in
this process, so on a small machine they compete with the server for the CPU.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession
from websockets.asyncio.client import ClientConnection, connect

from api.keys_admin import create_key
from db.engine import create_engine
from db.enums import ApiKeyRole
from db.migrations import upgrade

SUBSCRIPTION = "subscription { eventChanged { action eventId event { title } } }"
CREATE_EVENT = """
mutation Create($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { message } } }
"""
STARTUP_SECONDS = 60
RECEIVE_SECONDS = 30


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def admin_key(database_url: str) -> str:
    engine = create_engine(database_url)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session:
            created = await create_key(
                session,
                name="live benchmark",
                role=ApiKeyRole.REGIONAL_ADMIN,
                organization_values=[],
                municipality_values=[],
                health_data=False,
                expires_at=None,
            )
        return created.key
    finally:
        await engine.dispose()


def start_server(
    database_url: str, port: int, workers: int, arguments: argparse.Namespace, log: Path
) -> subprocess.Popen[bytes]:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("TALENTS_")} | {
        "TALENTS_DATABASE_URL": database_url,
        "TALENTS_LOG_LEVEL": "WARNING",
        "TALENTS_LIVE_MAX_SUBSCRIPTIONS": str(arguments.subscriptions),
        "TALENTS_LIVE_MAX_CONNECTIONS": str(arguments.connections + 10),
    }
    command = [
        sys.executable,
        "-m",
        "api.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    return subprocess.Popen(command, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT)


async def wait_ready(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    async with httpx.AsyncClient(trust_env=False) as http:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode}")
            try:
                if (await http.get(f"{base_url}/ready", timeout=2)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the server did not become ready")


async def open_connection(address: str, subscriptions: int) -> ClientConnection:
    socket = await connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"], open_timeout=30)  # type: ignore[list-item]
    await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    for number in range(subscriptions):
        await socket.send(json.dumps({"id": str(number), "type": "subscribe", "payload": {"query": SUBSCRIPTION}}))
    # The server sends the pong after it has handled every earlier message, so the subscriptions are running.
    await socket.send(json.dumps({"type": "ping"}))
    assert json.loads(await socket.recv())["type"] == "pong"
    return socket


async def receive(socket: ClientConnection, count: int, started: float) -> list[float]:
    """Return the seconds from `started` to each of the next `count` messages."""
    latencies = []
    for _ in range(count):
        message = json.loads(await asyncio.wait_for(socket.recv(), RECEIVE_SECONDS))
        assert message["type"] == "next", message
        latencies.append(time.perf_counter() - started)
    return latencies


async def measure(address: str, key: str, arguments: argparse.Namespace) -> dict[str, object]:
    sockets = [await open_connection(address, arguments.subscriptions) for _ in range(arguments.connections)]
    # Subscriptions register a moment after the pong; give every worker time to settle.
    await asyncio.sleep(0.5)
    all_latencies: list[float] = []
    slowest: list[float] = []
    async with httpx.AsyncClient(base_url=f"http://{address}", trust_env=False, timeout=30) as http:
        for number in range(arguments.events):
            variables = {
                "input": {
                    "title": f"Мероприятие {number}",
                    "kind": "CONTEST",
                    "level": "REGIONAL",
                    "startsAt": "2027-01-15T10:00:00+05:00",
                }
            }
            started = time.perf_counter()
            waiting = [asyncio.create_task(receive(socket, arguments.subscriptions, started)) for socket in sockets]
            response = await http.post(
                "/graphql",
                json={"query": CREATE_EVENT, "variables": variables},
                headers={"Authorization": f"Bearer {key}"},
            )
            assert response.json()["data"]["createEvent"]["userErrors"] == [], response.text
            latencies = [value for received in await asyncio.gather(*waiting) for value in received]
            all_latencies += latencies
            slowest.append(max(latencies))
    for socket in sockets:
        await socket.close()
    milliseconds = lambda values: round(1000 * values, 1)  # noqa: E731
    return {
        "subscriptions": arguments.connections * arguments.subscriptions,
        "events": arguments.events,
        "message_median_ms": milliseconds(statistics.median(all_latencies)),
        "message_max_ms": milliseconds(max(all_latencies)),
        "event_slowest_median_ms": milliseconds(statistics.median(slowest)),
        "event_slowest_max_ms": milliseconds(max(slowest)),
    }


async def run(arguments: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        database_url, drop = await prepare_database(arguments, Path(folder))
        try:
            await asyncio.to_thread(upgrade, database_url)
            key = await admin_key(database_url)
            port = free_port()
            server = start_server(database_url, port, arguments.workers, arguments, Path(folder) / "server.log")
            try:
                await wait_ready(f"http://127.0.0.1:{port}", server)
                result = await measure(f"127.0.0.1:{port}", key, arguments)
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            await drop()
    backend = "postgresql" if arguments.postgres else "sqlite"
    return {"database": backend, "workers": arguments.workers, **result}


async def prepare_database(arguments: argparse.Namespace, folder: Path) -> tuple[str, object]:
    """Return the URL of a new empty database and a coroutine function that removes it."""
    if not arguments.postgres:

        async def nothing() -> None:
            return None

        return f"sqlite+aiosqlite:///{folder / 'live.db'}", nothing

    name = f"talents_live_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(arguments.postgres, isolation_level="AUTOCOMMIT")

    async def execute(statement: str) -> None:
        async with admin.connect() as connection:
            await connection.execute(text(statement))

    await execute(f'CREATE DATABASE "{name}"')

    async def drop() -> None:
        await execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()

    return make_url(arguments.postgres).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=50, help="WebSocket connections (default 50)")
    parser.add_argument("--subscriptions", type=int, default=20, help="subscriptions per connection (default 20)")
    parser.add_argument("--events", type=int, default=20, help="events created one after another (default 20)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes; more than 1 needs --postgres")
    parser.add_argument(
        "--postgres", help="URL of an existing PostgreSQL database; the benchmark creates its own beside it"
    )
    arguments = parser.parse_args()
    if arguments.workers > 1 and not arguments.postgres:
        parser.error("several workers share messages through PostgreSQL only; pass --postgres")
    print(json.dumps(asyncio.run(run(arguments)), ensure_ascii=False))


if __name__ == "__main__":
    main()
