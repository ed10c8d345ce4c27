"""Educational organisations."""

from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from resolvers.events import EVENTS, event_conditions
from resolvers.innovation import INNOVATION_SITES, innovation_site_conditions
from resolvers.loaders import load_row
from resolvers.participations import PARTICIPATIONS, participation_conditions
from resolvers.programs import PROGRAMS, program_conditions
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import OrganizationKind
from schema.events import Event, EventFilter, EventOrder
from schema.innovation import InnovationSite, InnovationSiteFilter, InnovationSiteOrder
from schema.participations import Participation, ParticipationFilter, ParticipationOrder
from schema.programs import Program, ProgramFilter, ProgramOrder

if TYPE_CHECKING:
    from schema.geography import Municipality

MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]


@strawberry.type(description="Образовательная организация")
class Organization(Node):
    is_type_of = model_type(models.Organization)

    external_id: str | None = strawberry.field(description="Идентификатор во внешней системе (ГИС)")
    inn: str | None = strawberry.field(description="ИНН")
    name: str = strawberry.field(description="Полное наименование")
    short_name: str | None = strawberry.field(description="Краткое наименование")
    kind: OrganizationKind = strawberry.field(description="Вид организации")

    @strawberry.field(description="Муниципальное образование, где находится организация")
    async def municipality(root: models.Organization, info: Info) -> MunicipalityRef:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Программы, которые реализует организация")
    async def programs(
        root: models.Organization,
        info: Info,
        filter: ProgramFilter | None = None,
        order_by: list[ProgramOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Program]:
        return await nested_connection(
            info, PROGRAMS, models.Program.organization_id, root, program_conditions(info.context.viewer, filter),
            filter, order_by, first, after, last, before,
        )

    @strawberry.field(description="Инновационные площадки, действующие на базе организации")
    async def innovation_sites(
        root: models.Organization,
        info: Info,
        filter: InnovationSiteFilter | None = None,
        order_by: list[InnovationSiteOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[InnovationSite]:
        return await nested_connection(
            info, INNOVATION_SITES, models.InnovationSite.organization_id, root, innovation_site_conditions(filter),
            filter, order_by, first, after, last, before,
        )

    @strawberry.field(description="Мероприятия, которые организация проводит")
    async def events(
        root: models.Organization,
        info: Info,
        filter: EventFilter | None = None,
        order_by: list[EventOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        return await nested_connection(
            info, EVENTS, models.Event.organizer_id, root, event_conditions(filter),
            filter, order_by, first, after, last, before,
        )

    @strawberry.field(
        description="Участие в мероприятиях обучающихся и работников организации (по месту учёбы или работы на момент мероприятия)"
    )
    async def participations(
        root: models.Organization,
        info: Info,
        filter: ParticipationFilter | None = None,
        order_by: list[ParticipationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Participation]:
        return await nested_connection(
            info, PARTICIPATIONS, models.Participation.organization_id, root, participation_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр образовательных организаций; условия объединяются по И")
class OrganizationFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    external_ids: list[str] | None = strawberry.field(
        default=None, description="Любой из идентификаторов внешней системы"
    )
    inns: list[str] | None = strawberry.field(default=None, description="Любой из ИНН")
    kinds: list[OrganizationKind] | None = strawberry.field(default=None, description="Любой из видов")
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )
    search: str | None = strawberry.field(
        default=None, description="Подстрока полного или краткого наименования без учёта регистра и ё/е"
    )


OrganizationOrderField, OrganizationOrder = order_types(
    "Organization", {"NAME": ("Наименование по алфавиту", "Name, alphabetically"), "ID": ("Порядок добавления", "Order of creation")}
)
