"""Engines and session factories for SQLite and PostgreSQL."""

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

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
    return create_async_engine(url, echo=echo, pool_pre_ping=True, **pool_options)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
