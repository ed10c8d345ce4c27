"""Migrations create the whole schema, revert cleanly and match the models."""

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from db.engine import create_engine
from db.migrations import downgrade, upgrade
from db.models import Base


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
