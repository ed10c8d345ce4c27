"""Events: the root list, filters and relations."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from db.models import Event, Participation, event_audiences
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import SCHOOL_YEARS, Conditions, any_of, equals, has_any, ids_any_of, in_range, search
from resolvers.geography import municipality_scope
from resolvers.loaders import count_by_owner, values_by_owner

if TYPE_CHECKING:
    from schema.events import EventFilter

EVENTS = ConnectionSpec(
    name="events",
    model=Event,
    order_fields={
        "STARTS_AT": OrderField(Event.starts_at, datetime),
        "TITLE": OrderField(Event.search_key, str),
        "SCHOOL_YEAR": OrderField(Event.school_year, int),
        "ID": OrderField(Event.id, int),
    },
    default_order=(("STARTS_AT", True),),
)


def event_conditions(filter: "EventFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    ids_any_of(conditions, Event.id, filter.ids, "Event", "filter.ids")
    any_of(conditions, Event.external_id, filter.external_ids, "filter.externalIds")
    any_of(conditions, Event.kind, filter.kinds, "filter.kinds")
    any_of(conditions, Event.level, filter.levels, "filter.levels")
    any_of(conditions, Event.olympiad_stage, filter.olympiad_stages, "filter.olympiadStages")
    any_of(conditions, Event.format, filter.formats, "filter.formats")
    any_of(conditions, Event.orientation, filter.orientations, "filter.orientations")
    any_of(conditions, Event.subject, filter.subjects, "filter.subjects")
    has_any(conditions, Event.id, event_audiences, "event_id", "category", filter.audiences, "filter.audiences")
    equals(conditions, Event.in_federal_list, filter.in_federal_list)
    any_of(conditions, Event.school_year, filter.school_years, "filter.schoolYears", SCHOOL_YEARS)
    in_range(
        conditions, Event.school_year, filter.school_year_from, filter.school_year_to, "filter.schoolYear", SCHOOL_YEARS
    )
    in_range(conditions, Event.starts_at, filter.starts_at_from, filter.starts_at_to, "filter.startsAt")
    ids_any_of(conditions, Event.organizer_id, filter.organizer_ids, "Organization", "filter.organizerIds")
    ids_any_of(
        conditions, Event.innovation_site_id, filter.innovation_site_ids, "InnovationSite", "filter.innovationSiteIds"
    )
    municipality_scope(conditions, Event.municipality_id, filter.municipality_ids, filter.municipality_codes)
    ids_any_of(conditions, Event.roadmap_item_id, filter.roadmap_item_ids, "RoadmapItem", "filter.roadmapItemIds")
    ids_any_of(
        conditions, Event.community_id, filter.community_ids, "ProfessionalCommunity", "filter.communityIds"
    )
    search(conditions, Event.search_key, filter.search)
    return conditions


async def event_audiences_of(context: RequestContext, event_id: int) -> list[Any]:
    return await values_by_owner(context, event_audiences, "event_id", "category").load(event_id)


async def participants_count(context: RequestContext, event_id: int) -> int:
    loader = count_by_owner(
        context, "event_participants", Participation.event_id, distinct_column=Participation.participant_id
    )
    return await loader.load(event_id)
