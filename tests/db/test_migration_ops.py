"""Adding an enum value is a migration step that works on SQLite and PostgreSQL alike."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.exc import DBAPIError, IntegrityError

from db.base import UTCDateTime
from db.engine import create_engine
from db.enums import EventKind
from db.migration_ops import set_enum_values

INSERT_EVENT = (
    "INSERT INTO events (title, kind, level, format, starts_at, ends_at, school_year, in_federal_list, search_key) "
    "VALUES ('Хакатон', :kind, 'REGIONAL', 'OFFLINE', :starts, :ends, 2024, false, 'хакатон')"
)


async def insert_event(url: str, kind: str, *, hours: int = 4) -> None:
    starts = datetime(2024, 10, 1, 5, 0, tzinfo=UTC)
    statement = sa.text(INSERT_EVENT).bindparams(
        sa.bindparam("starts", type_=UTCDateTime()), sa.bindparam("ends", type_=UTCDateTime())
    )
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(statement, {"kind": kind, "starts": starts, "ends": starts + timedelta(hours=hours)})
    finally:
        await engine.dispose()


async def add_event_kind(url: str, new_kind: str) -> list[str]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:

            def migrate(sync_connection: sa.Connection) -> list[str]:
                operations = Operations(MigrationContext.configure(sync_connection))
                values = [kind.value for kind in EventKind] + [new_kind]
                set_enum_values(operations, "events", "kind", "event_kind", values)
                return [check["name"] for check in sa.inspect(sync_connection).get_check_constraints("events")]

            return await connection.run_sync(migrate)
    finally:
        await engine.dispose()


def test_new_enum_value_is_accepted_after_migration(database_url: str) -> None:
    # Before: the CHECK constraint rejects the value, and PostgreSQL also finds it too long.
    with pytest.raises(DBAPIError):
        asyncio.run(insert_event(database_url, "STUDENT_HACKATHON_OF_THE_REGION"))

    constraints = asyncio.run(add_event_kind(database_url, "STUDENT_HACKATHON_OF_THE_REGION"))
    asyncio.run(insert_event(database_url, "STUDENT_HACKATHON_OF_THE_REGION"))

    assert "ck_events_event_kind" in constraints
    assert "ck_events_time_range" in constraints


def test_other_values_stay_rejected_after_migration(database_url: str) -> None:
    asyncio.run(add_event_kind(database_url, "HACKATHON"))

    with pytest.raises(IntegrityError):
        asyncio.run(insert_event(database_url, "BOGUS"))
    with pytest.raises(IntegrityError):
        asyncio.run(insert_event(database_url, "HACKATHON", hours=-24))
