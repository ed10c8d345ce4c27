"""Innovation sites and their products: lists, filters and relations."""

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from db.models import InnovationProduct, InnovationSite, Organization, innovation_site_focus, innovation_site_partners
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import Conditions, any_of, has_any, ids_any_of, search
from resolvers.geography import municipality_scope
from resolvers.loaders import load_rows, values_by_owner

if TYPE_CHECKING:
    from schema.innovation import InnovationProductFilter, InnovationSiteFilter

INNOVATION_SITES = ConnectionSpec(
    name="innovationSites",
    model=InnovationSite,
    order_fields={
        "TITLE": OrderField(InnovationSite.search_key, str),
        "START_DATE": OrderField(InnovationSite.start_date, date),
        "ID": OrderField(InnovationSite.id, int),
    },
    default_order=(("TITLE", False),),
)

INNOVATION_PRODUCTS = ConnectionSpec(
    name="products",
    model=InnovationProduct,
    order_fields={
        "TITLE": OrderField(InnovationProduct.search_key, str),
        "ID": OrderField(InnovationProduct.id, int),
    },
    default_order=(("TITLE", False),),
)


def innovation_site_conditions(filter: "InnovationSiteFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    ids_any_of(conditions, InnovationSite.id, filter.ids, "InnovationSite", "filter.ids")
    any_of(conditions, InnovationSite.external_id, filter.external_ids, "filter.externalIds")
    any_of(conditions, InnovationSite.kind, filter.kinds, "filter.kinds")
    any_of(conditions, InnovationSite.status, filter.statuses, "filter.statuses")
    has_any(conditions, InnovationSite.id, innovation_site_focus, "site_id", "focus", filter.focus, "filter.focus")
    ids_any_of(
        conditions, InnovationSite.organization_id, filter.organization_ids, "Organization", "filter.organizationIds"
    )
    if filter.municipality_ids is not None or filter.municipality_codes is not None:
        in_municipality: Conditions = []
        municipality_scope(
            in_municipality, Organization.municipality_id, filter.municipality_ids, filter.municipality_codes
        )
        hosts = select(Organization.id).where(*in_municipality)
        conditions.append(InnovationSite.organization_id.in_(hosts))
    if filter.active_on is not None:
        conditions.append(InnovationSite.start_date <= filter.active_on)
        conditions.append(or_(InnovationSite.end_date.is_(None), InnovationSite.end_date >= filter.active_on))
    search(conditions, InnovationSite.search_key, filter.search)
    return conditions


def innovation_product_conditions(filter: "InnovationProductFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    any_of(conditions, InnovationProduct.kind, filter.kinds, "filter.kinds")
    search(conditions, InnovationProduct.search_key, filter.search)
    return conditions


async def site_focus_of(context: RequestContext, site_id: int) -> list[Any]:
    return await values_by_owner(context, innovation_site_focus, "site_id", "focus").load(site_id)


async def site_partners_of(context: RequestContext, site_id: int) -> list[Organization]:
    ids = await values_by_owner(context, innovation_site_partners, "site_id", "organization_id").load(site_id)
    return await load_rows(context, Organization, ids)
