"""The demo region: deterministic, consistent with the constraints and shaped like the region."""

import asyncio
import hashlib
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db import models
from db.demo import DemoError, load_demo, scaled_size
from db.engine import create_engine
from db.timezone import school_year_of

SMALL = scaled_size(0.05)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def table_digest(engine: AsyncEngine, model: type) -> str:
    async with engine.connect() as connection:
        rows = (await connection.execute(select(model).order_by(model.id))).all()
    return hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()


async def test_demo_counts_match_tables(engine: AsyncEngine) -> None:
    counts = await load_demo(engine, SMALL)

    async with engine.connect() as connection:
        for model in [models.Municipality, models.Organization, models.Program, models.Participation]:
            stored = await connection.scalar(select(func.count()).select_from(model))
            assert stored == counts[model.__tablename__], model.__tablename__
    assert counts["municipalities"] == 43
    assert counts["organizations"] == SMALL.organizations
    assert counts["programs"] == SMALL.programs


async def test_demo_is_deterministic(engine: AsyncEngine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from db.migrations import upgrade

    other_url = f"sqlite+aiosqlite:///{tmp_path / 'other.db'}"
    await asyncio.to_thread(upgrade, other_url)
    other = create_engine(other_url)
    try:
        await load_demo(engine, SMALL, seed=7)
        await load_demo(other, SMALL, seed=7)

        for model in [models.Program, models.Participant, models.Event, models.Participation]:
            assert await table_digest(engine, model) == await table_digest(other, model), model.__tablename__
    finally:
        await other.dispose()


async def test_demo_refuses_non_empty_database(engine: AsyncEngine) -> None:
    await load_demo(engine, SMALL)

    with pytest.raises(DemoError, match="rows"):
        await load_demo(engine, SMALL)


async def test_demo_records_are_marked_synthetic(engine: AsyncEngine) -> None:
    await load_demo(engine, SMALL)

    async with engine.connect() as connection:
        for model in [models.Organization, models.Program, models.Participant, models.Event]:
            unmarked = await connection.scalar(
                select(func.count()).select_from(model).where(~model.external_id.startswith("demo-"))
            )
            assert unmarked == 0, model.__tablename__


async def test_demo_event_school_years_use_local_time(engine: AsyncEngine) -> None:
    await load_demo(engine, SMALL)

    async with engine.connect() as connection:
        events = (await connection.execute(select(models.Event.starts_at, models.Event.school_year))).all()
    assert events
    assert all(school_year_of(starts_at) == school_year for starts_at, school_year in events)


async def test_demo_shape_resembles_region(engine: AsyncEngine) -> None:
    await load_demo(engine, scaled_size(0.2))

    async with engine.connect() as connection:
        students = await connection.scalar(
            select(func.count()).select_from(models.Participant).where(models.Participant.category == "STUDENT")
        )
        in_chelyabinsk = await connection.scalar(
            select(func.count())
            .select_from(models.Participant)
            .join(models.Municipality, models.Municipality.id == models.Participant.municipality_id)
            .where(models.Participant.category == "STUDENT", models.Municipality.code == "MO15")
        )
        participations = await connection.scalar(select(func.count()).select_from(models.Participation))
        wins = await connection.scalar(
            select(func.count()).select_from(models.Participation).where(models.Participation.result == "WINNER")
        )
        with_disability = await connection.scalar(
            select(func.count())
            .select_from(models.Participant)
            .where(models.Participant.category == "STUDENT", models.Participant.has_disability_status.is_(True))
        )
        adults = await connection.scalar(
            select(func.count()).select_from(models.Participant).where(models.Participant.category != "STUDENT")
        )

    assert 0.25 < in_chelyabinsk / students < 0.42
    assert 0.01 < wins / participations < 0.08
    assert 0.03 < with_disability / students < 0.08
    assert adults > 0
