"""A broker that reaches every worker through PostgreSQL's LISTEN/NOTIFY.

Each worker keeps one dedicated asyncpg connection that listens on `CHANNEL`. A publish sends
`pg_notify` through the app's engine, and PostgreSQL delivers the notification once to every
listening connection, the publisher's own included. So each worker delivers it to its local
subscribers once, and `publish` does not deliver locally itself. Notifications are not stored:
a worker whose listening connection is down misses the messages of that time, and reconnects
every `retry_seconds`.
"""

import asyncio
import logging
from contextlib import suppress
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from resolvers.live.broker import DEFAULT_CAPACITY, Broker, LiveMessage

logger = logging.getLogger(__name__)

CHANNEL = "talents_live"
# PostgreSQL rejects a payload of 8000 bytes or more in its default configuration.
MAX_PAYLOAD_BYTES = 7999
# How long `start` waits for the first LISTEN before the app starts without it.
START_TIMEOUT_SECONDS = 10.0


class PostgresBroker(Broker):
    def __init__(self, engine: AsyncEngine, capacity: int = DEFAULT_CAPACITY, retry_seconds: float = 1.0) -> None:
        super().__init__(capacity)
        self.engine = engine
        self.retry_seconds = retry_seconds
        # asyncpg takes the plain `postgresql://` form of the app's URL.
        self.dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._connection: Any = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen_forever(), name="live-listen")
        try:
            await asyncio.wait_for(self.listening.wait(), START_TIMEOUT_SECONDS)
        except TimeoutError:
            logger.error(
                "live updates: no LISTEN connection after %.0f s; subscriptions get no messages until it connects",
                START_TIMEOUT_SECONDS,
            )

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def publish(self, message: LiveMessage) -> None:
        payload = message.to_json().decode()
        size = len(payload.encode())
        if size > MAX_PAYLOAD_BYTES:
            raise ValueError(
                f"the {message.topic} message is {size} bytes, more than NOTIFY takes ({MAX_PAYLOAD_BYTES})"
            )
        async with self.engine.begin() as connection:
            await connection.execute(
                text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
            )

    async def _listen_forever(self) -> None:
        while True:
            try:
                await self._listen_once()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                logger.warning(
                    "live updates: LISTEN connection failed (%s); retrying in %.1f s", error, self.retry_seconds
                )
            await asyncio.sleep(self.retry_seconds)

    async def _listen_once(self) -> None:
        """Listen on one connection until PostgreSQL or the network closes it."""
        connection = await asyncpg.connect(self.dsn)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _connection: lost.set())
        try:
            await connection.add_listener(CHANNEL, self._on_notification)
            self._connection = connection
            self.listening.set()
            logger.info("live updates: listening on PostgreSQL channel %s", CHANNEL)
            await lost.wait()
            logger.warning("live updates: the LISTEN connection was closed")
        finally:
            self.listening.clear()
            self._connection = None
            # Closing would wait for the server; a lost or cancelled connection is dropped at once.
            connection.terminate()

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            message = LiveMessage.from_json(payload)
        except (ValueError, TypeError):
            logger.warning("live updates: ignored a malformed notification of %d characters", len(payload))
            return
        self.deliver(message)

    def listener_pid(self) -> int | None:
        """Return the server process id of the listening connection, or None while disconnected."""
        return self._connection.get_server_pid() if self._connection is not None else None
