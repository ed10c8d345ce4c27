"""Write rules of innovation sites, their products and the regional roadmap."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db import enums
from db.models import (
    Event,
    InnovationProduct,
    InnovationSite,
    Organization,
    RoadmapItem,
    innovation_site_focus,
    innovation_site_partners,
    roadmap_number_key,
)
from resolvers.access import Scope
from resolvers.writes.catalogue import scope_of_ids
from resolvers.writes.engine import Association, DeleteGuard, EntitySpec, State, UserError
from resolvers.writes.rules import Choice, Choices, Code, Day, Invalid, Link, Moment, Reference, References, Text


async def organization_scope_of(session: AsyncSession, organization_id: int) -> Scope:
    municipality_id = await session.scalar(
        select(Organization.municipality_id).where(Organization.id == organization_id)
    )
    return scope_of_ids(organization_id, municipality_id)


async def innovation_site_scope(session: AsyncSession, state: State) -> Scope:
    return await organization_scope_of(session, state["organization_id"])


def check_innovation_site(state: State) -> Iterable[UserError]:
    if state.get("end_date") is not None and state["end_date"] < state["start_date"]:
        yield UserError(("end_date",), "INVALID", "write.ends_before_start")
    if state["organization_id"] in state["partner_ids"]:
        yield UserError(("partner_ids",), "INVALID", "write.partner_is_owner")


INNOVATION_SITE = EntitySpec(
    model=InnovationSite,
    type_name="InnovationSite",
    rules={
        "external_id": Code(),
        "title": Text(required=True, max_length=1000),
        "kind": Choice(required=True, enum=enums.InnovationSiteKind),
        "status": Choice(required=True, enum=enums.InnovationSiteStatus),
        "focus": Choices(enum=enums.TalentFocus),
        "organization_id": Reference(required=True, type_name="Organization"),
        "partner_ids": References(type_name="Organization"),
        "start_date": Day(required=True),
        "end_date": Day(),
        "order_number": Text(max_length=64),
        "order_date": Day(),
        "supervisor": Text(max_length=300),
        "description": Text(max_length=20_000, multiline=True),
    },
    scope_of=innovation_site_scope,
    associations={
        "focus": Association(innovation_site_focus, "site_id", "focus"),
        "partner_ids": Association(innovation_site_partners, "site_id", "organization_id"),
    },
    unique=(("external_id",),),
    search_source=("title",),
    check=check_innovation_site,
    delete_guards=(
        DeleteGuard(InnovationProduct.site_id, "write.site_has_products"),
        DeleteGuard(Event.innovation_site_id, "write.site_has_events"),
    ),
    defaults={"status": enums.InnovationSiteStatus.APPLIED},
    # The status is granted by an order of the regional ministry.
    regional_fields=("status", "order_number", "order_date"),
)


async def innovation_product_scope(session: AsyncSession, state: State) -> Scope:
    organization_id = await session.scalar(
        select(InnovationSite.organization_id).where(InnovationSite.id == state["site_id"])
    )
    return await organization_scope_of(session, organization_id)


INNOVATION_PRODUCT = EntitySpec(
    model=InnovationProduct,
    type_name="InnovationProduct",
    rules={
        "site_id": Reference(required=True, type_name="InnovationSite"),
        "title": Text(required=True, max_length=1000),
        "kind": Choice(required=True, enum=enums.InnovationProductKind),
        "url": Link(),
        "published_at": Moment(),
    },
    scope_of=innovation_product_scope,
    search_source=("title",),
)


class RoadmapNumber(Text):
    """An item number such as «1.2» or «3.10.1»."""

    def clean(self, value: object) -> str | None:
        text = super().clean(value)
        if text is None:
            return None
        parts = text.split(".")
        if not all(part.isascii() and part.isdigit() and len(part) <= 4 for part in parts):
            raise Invalid("write.roadmap_number", value=text)
        return text


async def regional_scope(session: AsyncSession, state: State) -> Scope:
    return Scope(regional=True)


async def complete_roadmap_item(session: AsyncSession, state: State) -> None:
    state["number_key"] = roadmap_number_key(state["number"])


ROADMAP_ITEM = EntitySpec(
    model=RoadmapItem,
    type_name="RoadmapItem",
    rules={
        "number": RoadmapNumber(required=True, max_length=20),
        "title": Text(required=True, max_length=1000),
        "section": Text(max_length=300),
        "responsible": Text(max_length=500),
        "due_date": Day(),
        "status": Choice(required=True, enum=enums.RoadmapItemStatus),
        "description": Text(max_length=20_000, multiline=True),
    },
    scope_of=regional_scope,
    unique=(("number",),),
    search_source=("title",),
    complete=complete_roadmap_item,
    defaults={"status": enums.RoadmapItemStatus.PLANNED},
)
