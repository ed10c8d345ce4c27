"""Educational organisations: the root list and filters."""

from typing import TYPE_CHECKING

from db.models import Organization
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.filters import Conditions, any_of, ids_any_of, search
from resolvers.geography import municipality_scope

if TYPE_CHECKING:
    from schema.organizations import OrganizationFilter

ORGANIZATIONS = ConnectionSpec(
    name="organizations",
    model=Organization,
    order_fields={
        "NAME": OrderField(Organization.search_key, str),
        "ID": OrderField(Organization.id, int),
    },
    default_order=(("NAME", False),),
)


def organization_conditions(filter: "OrganizationFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    ids_any_of(conditions, Organization.id, filter.ids, "Organization", "filter.ids")
    any_of(conditions, Organization.external_id, filter.external_ids, "filter.externalIds")
    any_of(conditions, Organization.inn, filter.inns, "filter.inns")
    any_of(conditions, Organization.kind, filter.kinds, "filter.kinds")
    municipality_scope(
        conditions, Organization.municipality_id, filter.municipality_ids, filter.municipality_codes
    )
    search(conditions, Organization.search_key, filter.search)
    return conditions
