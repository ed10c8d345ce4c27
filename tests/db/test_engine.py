"""The connection pool replaces a pooled PostgreSQL connection that died while it sat idle."""

import pytest
from sqlalchemy import text

import db.engine
from db.engine import create_engine


async def test_idle_connection_that_died_is_replaced(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite connections are files, not server sessions that can be dropped")
    engine = create_engine(database_url)
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()

        # The server ends the session of the connection that is back in the pool, as a restart would.
        async with admin.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        monkeypatch.setattr(db.engine, "IDLE_SECONDS_BEFORE_PING", 0.0)

        async with engine.connect() as connection:
            new_pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert new_pid != pid
    finally:
        await engine.dispose()
        await admin.dispose()


async def test_recently_used_connection_is_not_pinged(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite connections are not pinged")
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        pings = []
        original = engine.dialect.do_ping
        engine.dialect.do_ping = lambda dbapi_connection: pings.append(1) or original(dbapi_connection)  # type: ignore[method-assign]

        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        assert pings == []
    finally:
        await engine.dispose()
