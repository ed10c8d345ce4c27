"""A synthetic demo region of Chelyabinsk oblast, generated from a fixed seed.

Only the 43 municipalities are real. Organisations, programmes, people, events, results,
innovation sites and the roadmap are invented, people's names are random combinations of common
names, and `inn` stays NULL. Every generated `external_id` starts with `demo-`.

The child population (`municipality_populations`) is not statistics either. The region has
roughly 520,000 children aged 5–18 (an estimate), and the description of the regional talent
programme puts the students at about 440,000 in 2025/26, about 150,000 of them in Chelyabinsk.
The demo has far fewer students (54,000 at the default size), so its population is scaled to
them: a municipality's count for a school year is its distinct enrolled students divided by a
coverage drawn from 0.70–0.90. Coverage computed from the demo therefore lands near 80 %, and
that ratio is the only meaningful use of the table. Municipalities differ in size by rough
inhabitant counts, which gives Chelyabinsk about a third of the organisations and students.
"""

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from db.demo.generate import generate_region
from db.demo.load import DemoError, filled_tables, insert_tables, validate_empty_database
from db.demo.size import DEFAULT_SIZE, DemoSize, scaled_size

DEFAULT_SEED = 20240901

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_SIZE",
    "DemoError",
    "DemoSize",
    "database_has_data",
    "load_demo",
    "scaled_size",
]


async def load_demo(
    engine: AsyncEngine,
    size: DemoSize = DEFAULT_SIZE,
    *,
    seed: int = DEFAULT_SEED,
    progress: bool = False,
) -> dict[str, int]:
    """Fill an empty, migrated database with the demo region and return the row count per table.

    The same size and seed give the same rows, ids included, on the same Python version: Python
    only promises a stable sequence from `random()`, not from `choices()` or `sample()`. All rows
    go in one transaction, so a failure leaves the database empty. `progress` shows a tqdm bar per table
    on stderr. Raises DemoError if a table is missing or already has rows.
    """
    async with engine.begin() as connection:
        await validate_empty_database(connection)
        tables = await asyncio.to_thread(generate_region, size, seed)
        return await insert_tables(connection, tables, progress=progress)


async def database_has_data(engine: AsyncEngine) -> bool:
    """Return whether any table of a migrated database has rows."""
    async with engine.connect() as connection:
        return bool(await filled_tables(connection))
