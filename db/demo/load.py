"""Bulk insertion of the demo rows into an empty, migrated database."""

import sys
from collections.abc import Sequence

from sqlalchemy import Table, func, insert, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from tqdm import tqdm

from db.demo.sampling import Row
from db.models import Base

# Rows per executemany call. Without RETURNING, SQLAlchemy 2.1 passes the rows to the driver's
# executemany, which binds one row at a time, so SQLite's limit of 32,766 bound parameters per
# statement does not constrain the chunk size.
CHUNK_ROWS = 5000

ACCESS_TABLES = frozenset({"api_keys", "api_key_organizations", "api_key_municipalities"})


class DemoError(Exception):
    """Error for a database that cannot take the demo region because it is not migrated or not empty."""


async def validate_empty_database(connection: AsyncConnection) -> None:
    """Raise DemoError unless every table of the models exists and has no rows."""
    existing = set(
        await connection.run_sync(lambda sync_connection: inspect(sync_connection).get_table_names())
    )
    missing = [table.name for table in Base.metadata.sorted_tables if table.name not in existing]
    if missing:
        raise DemoError(
            f"the database is not migrated: {len(missing)} tables are missing ({abbreviate_names(missing)}); "
            "run `talents db upgrade` before loading the demo region"
        )

    filled = await filled_tables(connection)
    if filled:
        raise DemoError(
            f"the database is not empty: {len(filled)} tables have rows ({abbreviate_names(filled)}); "
            "load the demo region into an empty, migrated database"
        )


async def filled_tables(connection: AsyncConnection) -> list[str]:
    """Return the names of the model tables that have at least one row, API keys aside.

    API keys are access control, not region data, so a database whose only rows are keys still
    takes the demo region.
    """
    filled = []
    for table in Base.metadata.sorted_tables:
        if table.name in ACCESS_TABLES:
            continue
        has_rows = await connection.scalar(select(select(table).limit(1).exists()))
        if has_rows:
            filled.append(table.name)
    return filled


def abbreviate_names(names: list[str], shown: int = 4) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


async def insert_tables(
    connection: AsyncConnection, tables: dict[str, list[Row]], *, progress: bool
) -> dict[str, int]:
    """Insert the rows table by table in foreign-key order and return the row count per table."""
    counts = {}
    for table in Base.metadata.sorted_tables:
        rows = tables.get(table.name, [])
        await insert_in_chunks(connection, table, rows, progress=progress)
        counts[table.name] = len(rows)

    if connection.dialect.name == "postgresql":
        await reset_id_sequences(connection)
    return counts


async def insert_in_chunks(
    connection: AsyncConnection, table: Table, rows: Sequence[Row], *, progress: bool
) -> None:
    with tqdm(total=len(rows), desc=table.name, unit="rows", file=sys.stderr, disable=not progress) as bar:
        for start in range(0, len(rows), CHUNK_ROWS):
            chunk = rows[start : start + CHUNK_ROWS]
            await connection.execute(insert(table), chunk)
            bar.update(len(chunk))


async def reset_id_sequences(connection: AsyncConnection) -> None:
    """Move each `id` sequence past the explicit ids, so that later inserts do not collide."""
    quote = connection.dialect.identifier_preparer.quote
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        max_id = await connection.scalar(select(func.max(table.c.id)))
        if max_id is None:
            continue
        await connection.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :max_id)"),
            {"table": quote(table.name), "max_id": max_id},
        )
