"""Participations and their results: the root list and filters."""

from typing import TYPE_CHECKING

from sqlalchemy import select

from db.models import Event, Participation
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.filters import SCHOOL_YEARS, Conditions, any_of, ids_any_of, in_range
from resolvers.geography import municipality_scope

if TYPE_CHECKING:
    from schema.participations import ParticipationFilter

PARTICIPATIONS = ConnectionSpec(
    name="participations",
    model=Participation,
    order_fields={
        "SCHOOL_YEAR": OrderField(Participation.school_year, int),
        "SCORE": OrderField(Participation.score, float, null_value=-1.0),
        "ID": OrderField(Participation.id, int),
    },
    default_order=(("ID", False),),
)


def participation_conditions(filter: "ParticipationFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    ids_any_of(conditions, Participation.id, filter.ids, "Participation", "filter.ids")
    ids_any_of(conditions, Participation.participant_id, filter.participant_ids, "Participant", "filter.participantIds")
    ids_any_of(conditions, Participation.event_id, filter.event_ids, "Event", "filter.eventIds")
    ids_any_of(conditions, Participation.mentor_id, filter.mentor_ids, "Participant", "filter.mentorIds")
    any_of(conditions, Participation.result, filter.results, "filter.results")
    any_of(conditions, Participation.school_year, filter.school_years, "filter.schoolYears", SCHOOL_YEARS)
    in_range(
        conditions,
        Participation.school_year,
        filter.school_year_from,
        filter.school_year_to,
        "filter.schoolYear",
        SCHOOL_YEARS,
    )
    municipality_scope(
        conditions, Participation.municipality_id, filter.municipality_ids, filter.municipality_codes
    )
    ids_any_of(
        conditions, Participation.organization_id, filter.organization_ids, "Organization", "filter.organizationIds"
    )
    _event_attributes(conditions, filter)
    return conditions


def _event_attributes(conditions: Conditions, filter: "ParticipationFilter") -> None:
    """Add filters on the event's kind, level and olympiad stage through one subquery."""
    on_event: Conditions = []
    any_of(on_event, Event.kind, filter.event_kinds, "filter.eventKinds")
    any_of(on_event, Event.level, filter.event_levels, "filter.eventLevels")
    any_of(on_event, Event.olympiad_stage, filter.olympiad_stages, "filter.olympiadStages")
    if on_event:
        conditions.append(Participation.event_id.in_(select(Event.id).where(*on_event)))
