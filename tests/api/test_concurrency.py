"""A live server under 50 concurrent requests: no errors and no pool time-outs."""

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from sqlalchemy.ext.asyncio import AsyncSession

from api.keys_admin import create_key
from db.demo import load_demo, scaled_size
from db.enums import ApiKeyRole
from db.engine import create_engine
from tests.api.test_cli import free_port

CONCURRENT_REQUESTS = 50

# Several root fields with nested relations, so each request runs many DataLoader batches.
DOCUMENT = """
query Mixed($search: String) {
  municipalities(first: 10) { nodes { name organizations(first: 3) { totalCount nodes { name } } } }
  programs(first: 20, filter: {search: $search}) {
    totalCount
    nodes { title levels enrolledCount organization { name municipality { code } } }
  }
  events(first: 10) { nodes { title participantsCount participations(first: 5) { nodes { result participant { grade } } } } }
  participations(first: 30) { nodes { result event { title } organization { shortName } } }
}
"""


@pytest.fixture
def live_server(database_url: str) -> Iterator[tuple[str, str]]:
    async def load() -> str:
        engine = create_engine(database_url)
        try:
            await load_demo(engine, scaled_size(0.02))
            # Participations are listed only to roles with a key.
            async with AsyncSession(engine, expire_on_commit=False) as session:
                created = await create_key(session, "concurrency", ApiKeyRole.REGIONAL_ADMIN, [], [], False, None)
            return created.key
        finally:
            await engine.dispose()

    key = asyncio.run(load())
    port = free_port()
    environment = {
        **os.environ,
        "TALENTS_DATABASE_URL": database_url,
        "TALENTS_POOL_SIZE": "5",
        "TALENTS_POOL_MAX_OVERFLOW": "5",
        "TALENTS_POOL_TIMEOUT_SECONDS": "5",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url)
        yield url, key
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
        assert "TimeoutError" not in log
        assert "QueuePool limit" not in log


def wait_until_ready(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the server at {url} did not become ready")


async def test_fifty_concurrent_requests_succeed(live_server: tuple[str, str]) -> None:
    url, key = live_server
    searches = ["робот", "шахматы", None, "юный", "вокал"]
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=headers) as client:
        responses = await asyncio.gather(
            *(
                client.post("/graphql", json={"query": DOCUMENT, "variables": {"search": searches[number % 5]}})
                for number in range(CONCURRENT_REQUESTS)
            )
        )

    assert [response.status_code for response in responses] == [200] * CONCURRENT_REQUESTS
    bodies = [response.json() for response in responses]
    assert [body.get("errors") for body in bodies] == [None] * CONCURRENT_REQUESTS
    assert all(body["data"]["programs"]["nodes"] is not None for body in bodies)
    assert all(len(body["data"]["participations"]["nodes"]) == 30 for body in bodies)
