"""Migrations create the whole schema, revert cleanly and match the models."""

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from db.demo import load_demo, scaled_size
from db.engine import create_engine
from db.migrations import downgrade, upgrade
from db.models import Base, Participation


def run(coroutine):  # type: ignore[no-untyped-def]
    return asyncio.run(coroutine)


async def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


async def schema_differences(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:

            def compare(sync_connection):  # type: ignore[no-untyped-def]
                context = MigrationContext.configure(sync_connection, opts={"compare_type": True})
                return compare_metadata(context, Base.metadata)

            return await connection.run_sync(compare)
    finally:
        await engine.dispose()


def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    differences = run(schema_differences(database_url))

    assert differences == []


def test_downgrade_to_base_and_upgrade_again(database_url: str) -> None:
    downgrade(database_url, "base")
    assert run(table_names(database_url)) <= {"alembic_version"}

    upgrade(database_url)
    assert set(Base.metadata.tables) <= run(table_names(database_url))


def test_sqlite_enforces_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'keys.db'}"
    upgrade(url)

    async def insert_orphan() -> str:
        engine = create_engine(url)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    text(
                        "INSERT INTO organizations (name, kind, municipality_id, search_key) "
                        "VALUES ('Сирота', 'SCHOOL', 999, 'сирота')"
                    )
                )
        except Exception as error:  # noqa: BLE001 - the driver's IntegrityError is what we expect
            return type(error).__name__
        finally:
            await engine.dispose()
        return "inserted"

    assert run(insert_orphan()) == "IntegrityError"


def test_snapshot_columns_are_backfilled_by_migration(database_url: str) -> None:
    columns = [
        Participation.id,
        Participation.event_kind,
        Participation.event_level,
        Participation.event_olympiad_stage,
        Participation.event_orientation,
        Participation.event_in_federal_list,
        Participation.participant_category,
        Participation.participant_sex,
        Participation.participant_grade,
        Participation.participant_has_disability_status,
    ]

    async def load_and_read() -> list[tuple[object, ...]]:
        engine = create_engine(database_url)
        try:
            await load_demo(engine, scaled_size(0.02))
            return await read(engine)
        finally:
            await engine.dispose()

    async def reread() -> list[tuple[object, ...]]:
        engine = create_engine(database_url)
        try:
            return await read(engine)
        finally:
            await engine.dispose()

    async def read(engine) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
        async with engine.connect() as connection:
            return [tuple(row) for row in (await connection.execute(select(*columns).order_by(Participation.id))).all()]

    written = run(load_and_read())
    downgrade(database_url, "0003")
    upgrade(database_url)

    assert run(reread()) == written
    assert len(written) > 100


def test_api_key_tables_revert_cleanly(database_url: str) -> None:
    key_tables = {"api_keys", "api_key_organizations", "api_key_municipalities"}

    downgrade(database_url, "0004")
    assert not key_tables & run(table_names(database_url))

    upgrade(database_url)
    assert key_tables <= run(table_names(database_url))
    assert run(schema_differences(database_url)) == []
