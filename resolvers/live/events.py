"""Live changes of events: the snapshot a write stages and the `eventChanged` stream.

Subscribers match a message against their `EventFilter` in Python, on the snapshot the write
took in its transaction, because a deleted event can no longer be selected from the database.
`event_filter_predicate` mirrors `resolvers.events.event_conditions` field by field, and a test
compares the two on the same events.
"""

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Municipality, event_audiences
from db.text import normalize_text
from resolvers.context import RequestContext
from resolvers.events import event_conditions
from resolvers.ids import decode_global_id
from resolvers.live.broker import LiveMessage
from resolvers.live.changes import ChangeAction, ChangeFeed
from resolvers.loaders import row_by_id

if TYPE_CHECKING:
    from schema.events import EventFilter

EVENT_TOPIC = "event"

EventPredicate = Callable[[dict[str, Any]], bool]


async def event_snapshot(session: AsyncSession, event: Event) -> dict[str, Any]:
    """Return the values of `event` that `EventFilter` compares, as JSON values."""
    audiences = (
        await session.execute(select(event_audiences.c.category).where(event_audiences.c.event_id == event.id))
    ).scalars()
    municipality = None
    if event.municipality_id is not None:
        municipality = (
            await session.execute(
                select(Municipality.code, Municipality.oktmo).where(Municipality.id == event.municipality_id)
            )
        ).one_or_none()
    return {
        "id": event.id,
        "external_id": event.external_id,
        "kind": _value(event.kind),
        "level": _value(event.level),
        "olympiad_stage": _value(event.olympiad_stage),
        "format": _value(event.format),
        "orientation": _value(event.orientation),
        "subject": event.subject,
        "audiences": sorted(_value(category) for category in audiences),
        "in_federal_list": bool(event.in_federal_list),
        "school_year": event.school_year,
        "starts_at": event.starts_at.isoformat(),
        "organizer_id": event.organizer_id,
        "innovation_site_id": event.innovation_site_id,
        "municipality_id": event.municipality_id,
        "municipality_codes": [code for code in (municipality or ()) if code is not None],
        "roadmap_item_id": event.roadmap_item_id,
        "search_key": event.search_key,
    }


EVENT_FEED = ChangeFeed(EVENT_TOPIC, event_snapshot)


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def event_filter_predicate(filter: "EventFilter | None") -> EventPredicate:
    """Return a test of event snapshots that matches what `event_conditions(filter)` selects.

    Raises the same BAD_USER_INPUT errors as the `events` list for an invalid filter.
    """
    event_conditions(filter)
    if filter is None:
        return lambda snapshot: True

    checks: list[EventPredicate] = []

    def any_of(key: str, values: list[Any] | None) -> None:
        if values is not None:
            allowed = {_value(value) for value in values}
            checks.append(lambda snapshot: snapshot[key] in allowed)

    def ids_any_of(key: str, ids: list[str] | None, type_name: str, field: str) -> None:
        if ids is not None:
            any_of(key, [decode_global_id(value, type_name, field) for value in ids])

    def at_least(key: str, bound: Any, convert: Callable[[Any], Any] = lambda value: value) -> None:
        if bound is not None:
            checks.append(lambda snapshot: convert(snapshot[key]) >= bound)

    def at_most(key: str, bound: Any, convert: Callable[[Any], Any] = lambda value: value) -> None:
        if bound is not None:
            checks.append(lambda snapshot: convert(snapshot[key]) <= bound)

    ids_any_of("id", filter.ids, "Event", "filter.ids")
    any_of("external_id", filter.external_ids)
    any_of("kind", filter.kinds)
    any_of("level", filter.levels)
    any_of("olympiad_stage", filter.olympiad_stages)
    any_of("format", filter.formats)
    any_of("orientation", filter.orientations)
    any_of("subject", filter.subjects)
    if filter.audiences is not None:
        wanted = {_value(category) for category in filter.audiences}
        checks.append(lambda snapshot: not wanted.isdisjoint(snapshot["audiences"]))
    if filter.in_federal_list is not None:
        checks.append(lambda snapshot: snapshot["in_federal_list"] is filter.in_federal_list)
    any_of("school_year", filter.school_years)
    at_least("school_year", filter.school_year_from)
    at_most("school_year", filter.school_year_to)
    at_least("starts_at", filter.starts_at_from, datetime.fromisoformat)
    at_most("starts_at", filter.starts_at_to, datetime.fromisoformat)
    ids_any_of("organizer_id", filter.organizer_ids, "Organization", "filter.organizerIds")
    ids_any_of("innovation_site_id", filter.innovation_site_ids, "InnovationSite", "filter.innovationSiteIds")
    ids_any_of("municipality_id", filter.municipality_ids, "Municipality", "filter.municipalityIds")
    if filter.municipality_codes is not None:
        codes = set(filter.municipality_codes)
        checks.append(lambda snapshot: not codes.isdisjoint(snapshot["municipality_codes"]))
    ids_any_of("roadmap_item_id", filter.roadmap_item_ids, "RoadmapItem", "filter.roadmapItemIds")
    if filter.search is not None and normalize_text(filter.search):
        key = normalize_text(filter.search)
        checks.append(lambda snapshot: key in snapshot["search_key"])

    return lambda snapshot: all(check(snapshot) for check in checks)


def event_changes(
    context: RequestContext, filter: "EventFilter | None"
) -> AsyncIterator[tuple[LiveMessage, Event | None]]:
    """Yield each committed change of an event that matches `filter`, with the event as it is now.

    The event is None for a deletion, and for a change whose event was deleted before it was read.
    Raises BAD_USER_INPUT for an invalid filter when called, before any message is awaited.
    """
    return _matching_changes(context, event_filter_predicate(filter))


async def _matching_changes(
    context: RequestContext, matches: EventPredicate
) -> AsyncIterator[tuple[LiveMessage, Event | None]]:
    assert context.live is not None, "subscriptions need the app's broker in the context"
    async with context.live.subscribe(EVENT_TOPIC) as messages:
        async for message in messages:
            if not matches(message.snapshot) and not (message.previous is not None and matches(message.previous)):
                continue
            # Each message reads the data as it is now, not as an earlier message cached it.
            context.clear_loaders()
            event = None
            if message.action != ChangeAction.DELETED.value:
                # Every subscriber of this message shares one read of the event.
                event = await message.share("event", lambda: row_by_id(context, Event).load(message.entity_id))
            yield message, event
