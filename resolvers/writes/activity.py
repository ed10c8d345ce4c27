"""Write rules of participants, events and participation results."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db import enums
from db.models import Event, Organization, Participant, Participation, event_audiences, participant_disabilities
from db.models.participations import snapshot_of
from db.timezone import REGION_ZONE, school_year_of, utc_now
from resolvers.access import Scope
from resolvers.writes.catalogue import organization_municipality, scope_of_ids
from resolvers.writes.engine import Association, DeleteGuard, EntitySpec, State, UserError
from resolvers.writes.rules import Choice, Choices, Code, Day, Flag, Integer, Moment, Number, Reference, Text


async def participant_scope(session: AsyncSession, state: State) -> Scope:
    # A participant of an organisation belongs to the organisation's municipality; one without an
    # organisation belongs to the municipality where they live.
    organization_id = state.get("organization_id")
    municipality_id = await organization_municipality(session, organization_id) or state.get("municipality_id")
    return scope_of_ids(organization_id, municipality_id)


async def complete_participant(session: AsyncSession, state: State) -> None:
    if state.get("birth_date") is not None and state.get("birth_year") is None:
        state["birth_year"] = state["birth_date"].year


def check_participant(state: State) -> Iterable[UserError]:
    birth_date = state.get("birth_date")
    if birth_date is not None:
        if birth_date > utc_now().astimezone(REGION_ZONE).date():
            yield UserError(("birth_date",), "INVALID", "write.birth_date_in_future", {"value": birth_date.isoformat()})
        if state.get("birth_year") is not None and state["birth_year"] != birth_date.year:
            yield UserError(
                ("birth_year",), "INVALID", "write.birth_year_mismatch",
                {"birth_year": state["birth_year"], "value": birth_date.isoformat()},
            )
    if state["disability_categories"] and not state["has_disability_status"]:
        yield UserError(("disability_categories",), "INVALID", "write.categories_without_status")


PARTICIPANT = EntitySpec(
    model=Participant,
    type_name="Participant",
    rules={
        "external_id": Code(),
        "category": Choice(required=True, enum=enums.ParticipantCategory),
        "municipality_id": Reference(required=True, type_name="Municipality"),
        "organization_id": Reference(type_name="Organization"),
        "grade": Integer(minimum=0, maximum=11),
        "birth_year": Integer(minimum=1900, maximum=2100),
        "sex": Choice(enum=enums.Sex),
        "last_name": Text(required=True, max_length=100),
        "first_name": Text(required=True, max_length=100),
        "middle_name": Text(max_length=100),
        "birth_date": Day(),
        "has_disability_status": Flag(required=True),
        "is_disabled_child": Flag(required=True),
        "disability_categories": Choices(enum=enums.DisabilityCategory),
    },
    scope_of=participant_scope,
    associations={
        "disability_categories": Association(participant_disabilities, "participant_id", "category"),
    },
    unique=(("external_id",),),
    check=check_participant,
    complete=complete_participant,
    defaults={"category": enums.ParticipantCategory.STUDENT, "has_disability_status": False, "is_disabled_child": False},
)


# Event columns that participations copy, by the participation column that contains the copy.
EVENT_SNAPSHOT = {
    "school_year": "school_year",
    "event_kind": "kind",
    "event_level": "level",
    "event_olympiad_stage": "olympiad_stage",
    "event_orientation": "orientation",
    "event_in_federal_list": "in_federal_list",
}


async def event_scope(session: AsyncSession, state: State) -> Scope:
    # An event belongs to its organiser, to the organiser's municipality and to its own municipality.
    organizer_id = state.get("organizer_id")
    municipality_ids = {state.get("municipality_id")}
    if organizer_id is not None:
        municipality_ids.add(
            await session.scalar(select(Organization.municipality_id).where(Organization.id == organizer_id))
        )
    return Scope(
        organization_ids=frozenset({organizer_id} - {None}),
        municipality_ids=frozenset(municipality_ids - {None}),
    )


async def complete_event(session: AsyncSession, state: State) -> None:
    # The school year is that of the start in the region's local time.
    if state.get("starts_at") is not None:
        state["school_year"] = school_year_of(state["starts_at"])
    if state.get("ends_at") is None:
        state["ends_at"] = state.get("starts_at")


def check_event(state: State) -> Iterable[UserError]:
    if not 2000 <= state["school_year"] <= 2100:
        yield UserError(("starts_at",), "INVALID", "write.school_year_out_of_range", {"value": state["school_year"]})
    if state["ends_at"] < state["starts_at"]:
        yield UserError(("ends_at",), "INVALID", "write.ends_before_start")
    if state.get("olympiad_stage") is not None and state["kind"] is not enums.EventKind.OLYMPIAD:
        yield UserError(("olympiad_stage",), "INVALID", "write.stage_without_olympiad")


async def copy_event_to_participations(session: AsyncSession, event: Any, changed: set[str]) -> None:
    """Keep the event columns that participations copy in step with a corrected event."""
    copied = {target: getattr(event, source) for target, source in EVENT_SNAPSHOT.items() if source in changed}
    if copied:
        await session.execute(update(Participation).where(Participation.event_id == event.id).values(**copied))


EVENT = EntitySpec(
    model=Event,
    type_name="Event",
    rules={
        "external_id": Code(),
        "title": Text(required=True, max_length=1000),
        "kind": Choice(required=True, enum=enums.EventKind),
        "level": Choice(required=True, enum=enums.EventLevel),
        "olympiad_stage": Choice(enum=enums.OlympiadStage),
        "format": Choice(required=True, enum=enums.EventFormat),
        "starts_at": Moment(required=True),
        "ends_at": Moment(),
        "orientation": Choice(enum=enums.Orientation),
        "subject": Text(max_length=100),
        "audiences": Choices(enum=enums.ParticipantCategory),
        "in_federal_list": Flag(required=True),
        "organizer_id": Reference(type_name="Organization"),
        "innovation_site_id": Reference(type_name="InnovationSite"),
        "municipality_id": Reference(type_name="Municipality"),
        "roadmap_item_id": Reference(type_name="RoadmapItem"),
        "community_id": Reference(type_name="ProfessionalCommunity"),
    },
    scope_of=event_scope,
    associations={"audiences": Association(event_audiences, "event_id", "category")},
    unique=(("external_id",),),
    search_source=("title",),
    check=check_event,
    complete=complete_event,
    after_update=copy_event_to_participations,
    delete_guards=(DeleteGuard(Participation.event_id, "write.event_has_participations"),),
    defaults={"format": enums.EventFormat.OFFLINE, "in_federal_list": False},
)


async def participation_scope(session: AsyncSession, state: State) -> Scope:
    event = (
        await session.execute(select(Event.organizer_id, Event.municipality_id).where(Event.id == state["event_id"]))
    ).one()
    participant = (
        await session.execute(
            select(Participant.organization_id, Participant.municipality_id).where(
                Participant.id == state["participant_id"]
            )
        )
    ).one()
    return Scope(
        organization_ids=frozenset({event.organizer_id, participant.organization_id} - {None}),
        municipality_ids=frozenset({event.municipality_id, participant.municipality_id} - {None}),
    )


async def complete_participation(session: AsyncSession, state: State) -> None:
    # The copies are taken once, when the result is recorded: the participant's school and grade
    # stay as they were at the time of the event.
    if "event_kind" in state:
        return
    event = (await session.execute(select(Event.__table__).where(Event.id == state["event_id"]))).mappings().one()
    participant = (
        await session.execute(select(Participant.__table__).where(Participant.id == state["participant_id"]))
    ).mappings().one()
    state.update(snapshot_of(event, participant))


def check_participation(state: State) -> Iterable[UserError]:
    if state.get("mentor_id") is not None and state["mentor_id"] == state["participant_id"]:
        yield UserError(("mentor_id",), "INVALID", "write.mentor_is_participant")


PARTICIPATION = EntitySpec(
    model=Participation,
    type_name="Participation",
    rules={
        "event_id": Reference(required=True, type_name="Event"),
        "participant_id": Reference(required=True, type_name="Participant"),
        "result": Choice(required=True, enum=enums.ParticipationResult),
        "score": Number(minimum=0, maximum=1_000_000),
        "mentor_id": Reference(type_name="Participant"),
    },
    scope_of=participation_scope,
    unique=(("event_id", "participant_id"),),
    immutable=("event_id", "participant_id"),
    check=check_participation,
    complete=complete_participation,
)
