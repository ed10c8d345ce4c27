"""Live messages of writes: sent once after the commit, never for a rolled-back attempt, and
matched by the same filter rules as the events list."""

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import models
from db.enums import AuditAction, EventFormat, EventKind, EventLevel, OlympiadStage, Orientation, ParticipantCategory
from resolvers.access import Viewer, Role
from resolvers.context import RequestContext
from resolvers.ids import encode_global_id
from resolvers.live.broker import Broker, LiveMessage
from resolvers.live.events import event_filter_predicate, event_snapshot
from resolvers.live.outbox import stage
from resolvers.writes.engine import UserError, WriteFailed, WriteResult
from schema.events import EventFilter
from schema.writes.common import Audited, in_transaction
from tests.conftest import Client
from tests.factories import CHELYABINSK, Factory

ADMIN = Viewer(role=Role.REGIONAL_ADMIN)


def message(entity_id: int) -> LiveMessage:
    return LiveMessage("event", "UPDATED", entity_id, datetime.now(UTC).isoformat(), {})


@pytest.fixture
def sessions(factory: Factory) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(factory.engine, expire_on_commit=False)


async def test_in_transaction_sends_retried_write_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    broker = Broker()
    context = RequestContext(read_sessions=sessions, viewer=ADMIN, live=broker)
    attempts: list[int] = []

    async def operation(session: AsyncSession) -> WriteResult:
        attempts.append(len(attempts) + 1)
        stage(session, message(len(attempts)))
        if len(attempts) == 1:
            raise WriteFailed([UserError(None, "CONFLICT", "write.conflict")])
        return WriteResult(changed=True)

    async with broker.subscribe("event") as subscriber:
        result = await in_transaction(context, operation, Audited(AuditAction.UPDATE, "Event"))
        assert subscriber.queue.qsize() == 1
        sent = subscriber.queue.get_nowait()

    assert result.errors == []
    assert attempts == [1, 2]
    # The first attempt's message was rolled back with its session; the second one's was sent.
    assert sent.entity_id == 2


async def test_in_transaction_failed_write_sends_nothing(sessions: async_sessionmaker[AsyncSession]) -> None:
    broker = Broker()
    context = RequestContext(read_sessions=sessions, viewer=ADMIN, live=broker)

    async def conflicting(session: AsyncSession) -> WriteResult:
        stage(session, message(1))
        raise WriteFailed([UserError(None, "CONFLICT", "write.conflict")])

    async def invalid(session: AsyncSession) -> WriteResult:
        stage(session, message(2))
        return WriteResult(errors=[UserError(("title",), "INVALID", "write.required")])

    async with broker.subscribe("event") as subscriber:
        conflicted = await in_transaction(context, conflicting, Audited(AuditAction.UPDATE, "Event"))
        rejected = await in_transaction(context, invalid, Audited(AuditAction.UPDATE, "Event"))
        assert subscriber.queue.empty()

    assert conflicted.errors[0].code == "CONFLICT"
    assert rejected.errors[0].code == "INVALID"


async def test_in_transaction_publish_failure_keeps_write(sessions: async_sessionmaker[AsyncSession]) -> None:
    class BrokenBroker(Broker):
        async def publish(self, message: LiveMessage) -> None:
            raise ConnectionError("the broker is down")

    context = RequestContext(read_sessions=sessions, viewer=ADMIN, live=BrokenBroker())

    async def operation(session: AsyncSession) -> WriteResult:
        stage(session, message(1))
        return WriteResult(changed=True)

    result = await in_transaction(context, operation, Audited(AuditAction.UPDATE, "Event"))
    assert result.errors == []
    async with sessions() as session:
        audited = (await session.execute(select(models.AuditEvent.action))).scalars().all()
    assert audited == [AuditAction.UPDATE]


EVENTS_QUERY = "query Events($filter: EventFilter) { events(filter: $filter, first: 100) { nodes { id } } }"

FILTER_CASES: list[dict[str, Any]] = [
    {},
    {"kinds": ["OLYMPIAD"]},
    {"kinds": []},
    {"levels": ["MUNICIPAL", "SCHOOL"]},
    {"olympiadStages": ["REGIONAL"]},
    {"formats": ["ONLINE"]},
    {"orientations": ["TECHNICAL"]},
    {"subjects": ["математика"]},
    {"audiences": ["TEACHER"]},
    {"audiences": ["STUDENT", "PARENT"]},
    {"inFederalList": True},
    {"inFederalList": False},
    {"schoolYears": [2024]},
    {"schoolYearFrom": 2025},
    {"schoolYearTo": 2024},
    {"startsAtFrom": "2024-10-05T09:00:00+05:00"},
    {"startsAtTo": "2024-10-05T09:00:00+05:00"},
    {"municipalityCodes": [CHELYABINSK]},
    {"municipalityCodes": ["75701000"]},
    {"search": "ОЛИМПИАДА"},
    {"search": "ёлка"},
    {"search": "   "},
    {"kinds": ["OLYMPIAD"], "inFederalList": True, "audiences": ["STUDENT"]},
]


ENUM_FIELDS = {
    "kinds": EventKind,
    "levels": EventLevel,
    "olympiadStages": OlympiadStage,
    "formats": EventFormat,
    "orientations": Orientation,
    "audiences": ParticipantCategory,
}


def event_filter(values: dict[str, Any]) -> EventFilter:
    """Build the `EventFilter` that GraphQL would pass for the variable `values`."""
    arguments: dict[str, Any] = {}
    for name, value in values.items():
        if name in ENUM_FIELDS:
            value = [ENUM_FIELDS[name][item] for item in value]
        elif name.startswith("startsAt"):
            value = datetime.fromisoformat(value)
        arguments[re.sub(r"[A-Z]", lambda letter: "_" + letter.group().lower(), name)] = value
    return EventFilter(**arguments)


async def test_event_filter_predicate_matches_events_list(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    site = await factory.innovation_site(school)
    chelyabinsk = factory.municipality_ids[CHELYABINSK]
    ids = [
        await factory.event(
            "Олимпиада по математике",
            kind=EventKind.OLYMPIAD,
            olympiad_stage=OlympiadStage.REGIONAL,
            subject="математика",
            in_federal_list=True,
            organizer_id=school,
            municipality_id=chelyabinsk,
        ),
        await factory.event(
            "Ёлка для отличников",
            level=EventLevel.MUNICIPAL,
            format=EventFormat.ONLINE,
            municipality_id=chelyabinsk,
            innovation_site_id=site,
        ),
        await factory.event(
            "Семинар педагогов",
            kind=EventKind.METHODICAL_SESSION,
            orientation=Orientation.TECHNICAL,
            starts_at=datetime(2025, 9, 10, 5, 0, tzinfo=UTC),
            level=EventLevel.SCHOOL,
        ),
        await factory.event("Конкурс чтецов"),
    ]
    await factory._link(
        models.event_audiences,
        [
            {"event_id": ids[0], "category": ParticipantCategory.STUDENT},
            {"event_id": ids[1], "category": ParticipantCategory.PARENT},
            {"event_id": ids[2], "category": ParticipantCategory.TEACHER},
        ],
    )
    async with AsyncSession(factory.engine) as session:
        events = (await session.execute(select(models.Event).order_by(models.Event.id))).scalars().all()
        snapshots = [await event_snapshot(session, event) for event in events]

    cases = [
        *FILTER_CASES,
        {"ids": [encode_global_id("Event", ids[1]), encode_global_id("Event", ids[3])]},
        {"organizerIds": [encode_global_id("Organization", school)]},
        {"innovationSiteIds": [encode_global_id("InnovationSite", site)]},
        {"municipalityIds": [encode_global_id("Municipality", chelyabinsk)]},
    ]
    selective = 0
    for case in cases:
        listed = await client.data(EVENTS_QUERY, {"filter": case})
        expected = sorted(node["id"] for node in listed["events"]["nodes"])
        predicate = event_filter_predicate(event_filter(case))
        matched = sorted(encode_global_id("Event", snapshot["id"]) for snapshot in snapshots if predicate(snapshot))
        assert matched == expected, case
        selective += 0 < len(expected) < len(ids)
    # Most cases select some events and not others, so a predicate that ignores a field fails.
    assert selective >= 20
