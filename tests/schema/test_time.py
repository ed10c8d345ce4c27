"""DateTime values carry offsets in and out and are shown in the region's zone."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from tests.conftest import Client
from tests.factories import Factory

EVENTS = "query E($from: DateTime) { events(filter: {startsAtFrom: $from}, orderBy: [{field: STARTS_AT}]) { nodes { title startsAt schoolYear } } }"


async def test_datetimes_are_shown_in_region_zone(client: Client, factory: Factory) -> None:
    await factory.event("Открытие учебного года", starts_at=datetime(2024, 8, 31, 20, 30, tzinfo=UTC))

    data = await client.data(EVENTS)

    node = data["events"]["nodes"][0]
    assert node["startsAt"] == "2024-09-01T01:30:00+05:00"
    assert node["schoolYear"] == 2024


async def test_datetime_filter_honours_offset(client: Client, factory: Factory) -> None:
    await factory.event("Поздно вечером", starts_at=datetime(2024, 8, 31, 18, 59, tzinfo=UTC))
    await factory.event("Ночью", starts_at=datetime(2024, 8, 31, 20, 30, tzinfo=UTC))

    local = await client.data(EVENTS, {"from": "2024-09-01T00:00:00+05:00"})
    utc = await client.data(EVENTS, {"from": "2024-08-31T19:00:00Z"})

    assert [node["title"] for node in local["events"]["nodes"]] == ["Ночью"]
    assert utc == local


async def test_datetime_without_offset_is_rejected(client: Client) -> None:
    body = await client.query(EVENTS, {"from": "2024-09-01T00:00:00"})

    assert "data" not in body
    assert "без смещения" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_malformed_datetime_is_rejected(client: Client) -> None:
    body = await client.query(EVENTS, {"from": "вчера"}, headers={"Accept-Language": "en"})

    assert "not ISO 8601" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_server_time_zone_does_not_shift_moments(client: Client, factory: Factory) -> None:
    if factory.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server time zone")
    async with factory.engine.connect() as connection:
        database = await connection.scalar(text("SELECT current_database()"))
        await connection.execute(text(f"ALTER DATABASE \"{database}\" SET TimeZone TO 'America/New_York'"))
        await connection.commit()
    await factory.engine.dispose()
    async with factory.engine.connect() as connection:
        assert await connection.scalar(text("SELECT current_setting('TimeZone')")) == "America/New_York"

    await factory.event("Ночью", starts_at=datetime(2024, 8, 31, 20, 30, tzinfo=UTC))
    await factory.event("Поздно вечером", starts_at=datetime(2024, 8, 31, 18, 59, tzinfo=UTC))

    data = await client.data(EVENTS, {"from": "2024-09-01T00:00:00+05:00"})

    assert data["events"]["nodes"] == [
        {"title": "Ночью", "startsAt": "2024-09-01T01:30:00+05:00", "schoolYear": 2024}
    ]
