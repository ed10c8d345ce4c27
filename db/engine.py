"""Engines and session factories for SQLite and PostgreSQL."""

import logging
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # SQLite leaves foreign keys off unless every connection turns them on.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def create_engine(
    url: str, *, echo: bool = False, statement_timeout_ms: int | None = None, **pool_options: Any
) -> AsyncEngine:
    """Create an async engine for `url`, with foreign keys enforced on SQLite too.

    On PostgreSQL, `statement_timeout_ms` becomes the `statement_timeout` of every connection, so the
    server cancels a statement that runs longer; None keeps the server's setting and 0 turns it off.
    SQLite has no such setting and ignores it.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_async_engine(url, echo=echo)
        event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
        return engine

    if statement_timeout_ms is not None:
        # asyncpg sends server_settings in the startup packet, before any statement runs.
        connect_args = dict(pool_options.get("connect_args", {}))
        server_settings = dict(connect_args.get("server_settings", {}))
        server_settings["statement_timeout"] = str(statement_timeout_ms)
        pool_options["connect_args"] = connect_args | {"server_settings": server_settings}
    engine = create_async_engine(url, echo=echo, **pool_options)
    _ping_idle_connections(engine)
    return engine


# A connection used this recently is taken as alive. PostgreSQL restarts and dropped idle
# connections show up on connections that sat in the pool, and those are checked first.
IDLE_SECONDS_BEFORE_PING = 10.0


def _ping_idle_connections(engine: AsyncEngine) -> None:
    """Check a pooled connection with a ping before use, but only after it sat idle.

    SQLAlchemy's `pool_pre_ping` pings on every checkout, which with asyncpg costs three round
    trips (BEGIN, an empty query, ROLLBACK) before each short read. A failed ping makes the pool
    discard the connection and take another, as `pool_pre_ping` would.
    """
    dialect = engine.dialect

    @event.listens_for(engine.sync_engine, "checkin")
    def remember_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        checked_in_at = record.info.get("checked_in_at")
        if checked_in_at is None or time.monotonic() - checked_in_at < IDLE_SECONDS_BEFORE_PING:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            logger.warning("a pooled PostgreSQL connection failed its ping and is replaced: %s", error)
            raise DisconnectionError("the pooled connection failed its ping") from error


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
