"""The roadmap and its indicators: the root list, filters and relations."""

from datetime import date
from typing import TYPE_CHECKING

from db.models import Indicator, IndicatorTarget, RoadmapItem
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import Conditions, any_of, in_range, search
from resolvers.loaders import rows_by_owner

if TYPE_CHECKING:
    from schema.roadmap import RoadmapItemFilter

ROADMAP_ITEMS = ConnectionSpec(
    name="roadmapItems",
    model=RoadmapItem,
    order_fields={
        "NUMBER": OrderField(RoadmapItem.number_key, str),
        "DUE_DATE": OrderField(RoadmapItem.due_date, date, null_value=date(9999, 12, 31)),
        "ID": OrderField(RoadmapItem.id, int),
    },
    default_order=(("NUMBER", False),),
)


def roadmap_item_conditions(filter: "RoadmapItemFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    any_of(conditions, RoadmapItem.status, filter.statuses, "filter.statuses")
    any_of(conditions, RoadmapItem.section, filter.sections, "filter.sections")
    in_range(conditions, RoadmapItem.due_date, filter.due_date_from, filter.due_date_to, "filter.dueDate")
    search(conditions, RoadmapItem.search_key, filter.search)
    return conditions


async def indicators_of(context: RequestContext, roadmap_item_id: int) -> list[Indicator]:
    return await rows_by_owner(context, Indicator.roadmap_item_id).load(roadmap_item_id)


async def targets_of(context: RequestContext, indicator_id: int) -> list[IndicatorTarget]:
    targets = await rows_by_owner(context, IndicatorTarget.indicator_id).load(indicator_id)
    return sorted(targets, key=lambda target: target.school_year)
