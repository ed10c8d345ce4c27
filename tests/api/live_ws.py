"""A live uvicorn server in the test's event loop and a graphql-transport-ws client over `websockets`.

The server runs the real app on 127.0.0.1, so subscriptions travel over a real WebSocket, and the
test's mutations reach the same process through real HTTP.
"""

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect

from tests.api.live_server import free_port
from tests.factories import Factory

PROTOCOL = "graphql-transport-ws"
# How long a test waits for a message that must arrive.
RECEIVE_SECONDS = 5.0


@asynccontextmanager
async def serve(app: Starlette) -> AsyncIterator[str]:
    """Serve `app` with uvicorn on a free loopback port and yield its `host:port`."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="on", log_level="warning", ws="websockets-sansio"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("uvicorn stopped before it started")
            await asyncio.sleep(0.01)
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class LiveClient:
    """One graphql-transport-ws connection: JSON messages in and out, with timeouts."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send(json.dumps(message))

    async def receive(self, timeout: float = RECEIVE_SECONDS) -> dict[str, Any]:
        text = await asyncio.wait_for(self.socket.recv(), timeout)
        assert isinstance(text, str), "graphql-transport-ws messages are text frames"
        return json.loads(text)

    async def init(self, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        await self.send({"type": "connection_init", "payload": payload or {}})
        acknowledgement = await self.receive()
        assert acknowledgement["type"] == "connection_ack", acknowledgement
        return acknowledgement

    async def subscribe(self, operation_id: str, query: str, variables: dict[str, Any] | None = None) -> None:
        await self.send(
            {"id": operation_id, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
        )

    async def next_payload(self, operation_id: str, timeout: float = RECEIVE_SECONDS) -> dict[str, Any]:
        """Return the payload of the next `next` message of `operation_id`; fail on any other message."""
        message = await self.receive(timeout)
        assert message.get("id") == operation_id, message
        assert message["type"] == "next", message
        return message["payload"]

    async def expect_silence(self, seconds: float = 0.5) -> None:
        """Fail if any message arrives within `seconds`."""
        try:
            message = await asyncio.wait_for(self.socket.recv(), seconds)
        except TimeoutError:
            return
        raise AssertionError(f"expected no message, got {message!r}")

    async def ready(self) -> None:
        """Return once the server has processed every message sent so far, because it sends pongs in order."""
        await self.send({"type": "ping"})
        assert (await self.receive())["type"] == "pong"


@asynccontextmanager
async def live_client(
    address: str, headers: dict[str, str] | None = None, *, subprotocols: list[str] | None = None
) -> AsyncIterator[LiveClient]:
    async with connect(
        f"ws://{address}/graphql",
        subprotocols=subprotocols or [PROTOCOL],  # type: ignore[list-item]
        additional_headers=headers or {},
        open_timeout=5,
    ) as socket:
        yield LiveClient(socket)


async def graphql(
    address: str, document: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """POST `document` to the live server and return the JSON body."""
    async with httpx.AsyncClient(base_url=f"http://{address}", trust_env=False) as http:
        response = await http.post(
            "/graphql", json={"query": document, "variables": variables or {}}, headers=headers or {}
        )
    assert response.status_code == 200, response.text
    return response.json()


@dataclass
class Live:
    """The app served on a loopback port, with a regional admin's key for mutations."""

    address: str
    app: Starlette
    admin: dict[str, str]
    factory: Factory

    async def mutate(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        """Run a mutation as the regional admin and return its payload, failing on GraphQL errors."""
        body = await graphql(self.address, document, variables, self.admin)
        assert "errors" not in body, body["errors"]
        (payload,) = body["data"].values()
        return payload

    def subscribers(self) -> int:
        return self.app.state.live.subscriber_count()


async def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Return once `condition()` is true; fail the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)
