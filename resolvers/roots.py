"""The root lists: each list's rows and the conditions its filter adds, for the root fields and
for the query planner alike."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from resolvers.access import Viewer
from resolvers.connections import ConnectionSpec, Page
from resolvers.context import RequestContext
from resolvers.events import EVENTS, event_conditions
from resolvers.filters import Conditions
from resolvers.geography import MUNICIPALITIES, municipality_conditions
from resolvers.innovation import INNOVATION_SITES, innovation_site_conditions
from resolvers.lists import OrderInput, root_connection
from resolvers.organizations import ORGANIZATIONS, organization_conditions
from resolvers.participants import PARTICIPANTS, participant_conditions
from resolvers.participations import PARTICIPATIONS, participation_conditions
from resolvers.programs import PROGRAMS, program_conditions
from resolvers.roadmap import ROADMAP_ITEMS, roadmap_item_conditions


@dataclass(frozen=True)
class RootList:
    """A root connection field: its rows and the conditions of its filter for a viewer."""

    spec: ConnectionSpec
    conditions: Callable[[Viewer, Any], Conditions]


# By GraphQL field name.
ROOT_LISTS: dict[str, RootList] = {
    "municipalities": RootList(MUNICIPALITIES, lambda viewer, filter: municipality_conditions(filter)),
    "organizations": RootList(ORGANIZATIONS, lambda viewer, filter: organization_conditions(filter)),
    "programs": RootList(PROGRAMS, program_conditions),
    "participants": RootList(PARTICIPANTS, lambda viewer, filter: participant_conditions(filter)),
    "innovationSites": RootList(INNOVATION_SITES, lambda viewer, filter: innovation_site_conditions(filter)),
    "events": RootList(EVENTS, lambda viewer, filter: event_conditions(filter)),
    "participations": RootList(PARTICIPATIONS, lambda viewer, filter: participation_conditions(filter)),
    "roadmapItems": RootList(ROADMAP_ITEMS, lambda viewer, filter: roadmap_item_conditions(filter)),
}


async def root_list_page(
    context: RequestContext,
    name: str,
    filter: Any,
    order_by: Sequence[OrderInput] | None,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Page:
    """Fetch one page of the root list `name` for the request's viewer."""
    listed = ROOT_LISTS[name]
    return await root_connection(
        context, listed.spec, listed.conditions(context.viewer, filter), order_by,
        first=first, after=after, last=last, before=before,
    )
