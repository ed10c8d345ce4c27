"""Participants: the root list, filters and their non-personal relations."""

from typing import TYPE_CHECKING, Any

from db.models import Participant, participant_disabilities
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import BIRTH_YEARS, GRADES, Conditions, any_of, ids_any_of, in_range
from resolvers.geography import municipality_scope
from resolvers.loaders import values_by_owner

if TYPE_CHECKING:
    from schema.participants import ParticipantFilter

PARTICIPANTS = ConnectionSpec(
    name="participants",
    model=Participant,
    order_fields={
        "BIRTH_YEAR": OrderField(Participant.birth_year, int, null_value=0),
        "GRADE": OrderField(Participant.grade, int, null_value=-1),
        "ID": OrderField(Participant.id, int),
    },
    default_order=(("ID", False),),
)


def participant_conditions(filter: "ParticipantFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    ids_any_of(conditions, Participant.id, filter.ids, "Participant", "filter.ids")
    any_of(conditions, Participant.external_id, filter.external_ids, "filter.externalIds")
    any_of(conditions, Participant.category, filter.categories, "filter.categories")
    municipality_scope(
        conditions, Participant.municipality_id, filter.municipality_ids, filter.municipality_codes
    )
    ids_any_of(
        conditions, Participant.organization_id, filter.organization_ids, "Organization", "filter.organizationIds"
    )
    any_of(conditions, Participant.grade, filter.grades, "filter.grades", GRADES)
    in_range(
        conditions, Participant.birth_year, filter.birth_year_from, filter.birth_year_to, "filter.birthYear", BIRTH_YEARS
    )
    any_of(conditions, Participant.sex, filter.sexes, "filter.sexes")
    return conditions


async def disability_categories_of(context: RequestContext, participant_id: int) -> list[Any]:
    loader = values_by_owner(context, participant_disabilities, "participant_id", "category")
    return await loader.load(participant_id)
