"""The root schema: combines the domains' root fields."""

from datetime import datetime
from typing import Annotated

import strawberry

from db import models
from resolvers.access import Role
from resolvers.errors import bad_input
from resolvers.lists import root_connection
from resolvers.loaders import load_rows
from resolvers.nodes import resolve_node, resolve_nodes
from resolvers.publications import (
    EFFECTIVE_PRACTICES,
    PROFESSIONAL_COMMUNITIES,
    PUBLICATIONS,
    community_conditions,
    practice_conditions,
    publication_conditions,
)
from resolvers.roots import root_list_page
from schema.audit import AuditQuery
from schema.common import After, Before, Connection, First, Info, Last, Node
from schema.enums import ENUM_LABELS, register_labels
from schema.events import Event, EventFilter, EventOrder
from schema.geography import Municipality, MunicipalityFilter, MunicipalityOrder
from schema.innovation import InnovationSite, InnovationSiteFilter, InnovationSiteOrder
from schema.monitoring import Monitoring
from schema.organizations import Organization, OrganizationFilter, OrganizationOrder
from schema.participants import Participant, ParticipantFilter, ParticipantOrder
from schema.participations import Participation, ParticipationFilter, ParticipationOrder
from schema.programs import Program, ProgramFilter, ProgramOrder
from schema.publications import (
    EffectivePractice,
    EffectivePracticeFilter,
    EffectivePracticeOrder,
    ProfessionalCommunity,
    ProfessionalCommunityFilter,
    ProfessionalCommunityOrder,
    Publication,
    PublicationFilter,
    PublicationOrder,
)
from schema.roadmap import RoadmapItem, RoadmapItemFilter, RoadmapItemOrder
from schema.writes.bulk import BulkMutation
from schema.writes.entities import EntityMutation
from schema.writes.imports import ImportMutation

ViewerRole = strawberry.enum(Role, description="Роль вызывающего")
register_labels(
    ViewerRole,
    {
        "ANONYMOUS": ("Без ключа API", "Anonymous"),
        "ANALYST": ("Аналитик", "Analyst"),
        "OPERATOR": ("Оператор организации", "Organisation operator"),
        "MUNICIPAL_COORDINATOR": ("Муниципальный координатор", "Municipal coordinator"),
        "REGIONAL_ADMIN": ("Региональный администратор", "Regional administrator"),
    },
)


@strawberry.type(
    description="Часовой лимит стоимости запросов. Стоимость запроса в баллах — число объектов, которые он "
    "может вернуть, делённое на 100 с округлением вверх, но не меньше 1; число объектов складывается из "
    "размеров страниц (first или last, по умолчанию 20) всех списков, умноженных на размеры страниц "
    "списков, в которые они вложены"
)
class RateLimit:
    limit: int = strawberry.field(description="Баллов в час: на ключ API, а без ключа — на IP-адрес")
    cost: int = strawberry.field(description="Стоимость этого запроса в баллах")
    remaining: int = strawberry.field(description="Сколько баллов осталось до конца часа после этого запроса")
    used: int = strawberry.field(description="Сколько баллов израсходовано за этот час, включая этот запрос")
    reset_at: datetime = strawberry.field(description="Когда час закончится и расход обнулится")


@strawberry.type(description="Кто выполняет запрос")
class Viewer:
    role: ViewerRole = strawberry.field(description="Роль; без ключа API — ANONYMOUS")
    health_data: bool = strawberry.field(description="Есть ли разрешение на сведения о здоровье")
    key_name: str | None = strawberry.field(description="Название ключа API; null без ключа")
    organization_ids: strawberry.Private[frozenset[int]]
    municipality_ids: strawberry.Private[frozenset[int]]

    @strawberry.field(description="Организации, в которых действует ключ оператора; у других ролей пустой список")
    async def organizations(self, info: Info) -> list[Organization]:
        return await load_rows(info.context, models.Organization, sorted(self.organization_ids))

    @strawberry.field(
        description="Муниципальные образования, в которых действует ключ муниципального координатора; "
        "у других ролей пустой список"
    )
    async def municipalities(self, info: Info) -> list[Municipality]:
        return await load_rows(info.context, models.Municipality, sorted(self.municipality_ids))

    @strawberry.field(description="Часовой лимит стоимости запросов; null, если запрос пришёл не через HTTP API")
    def rate_limit(self, info: Info) -> RateLimit | None:
        status = info.context.rate_limit() if info.context.rate_limit is not None else None
        if status is None:
            return None
        return RateLimit(
            limit=status.limit,
            cost=status.cost,
            remaining=status.remaining,
            used=status.used,
            reset_at=status.reset_datetime,
        )


@strawberry.type(description="Подпись значения перечисления для элементов интерфейса")
class EnumLabel:
    value: str = strawberry.field(description="Значение, как в схеме")
    label: str = strawberry.field(description="Подпись на языке запроса")


@strawberry.type(description="Запросы чтения")
class Query(AuditQuery):
    @strawberry.field(description="Любой объект по глобальному ID; null, если объект не найден")
    async def node(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Глобальный ID")]) -> Node | None:
        return await resolve_node(info.context, id)

    @strawberry.field(description="Объекты по списку глобальных ID в том же порядке; null на месте ненайденных")
    async def nodes(
        self,
        info: Info,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="Глобальные ID, не больше 100")],
    ) -> list[Node | None]:
        return await resolve_nodes(info.context, ids)

    @strawberry.field(description="Кто выполняет запрос")
    def viewer(self, info: Info) -> Viewer:
        viewer = info.context.viewer
        return Viewer(
            role=viewer.role,
            health_data=viewer.health_data,
            key_name=viewer.key_name,
            organization_ids=viewer.organization_ids,
            municipality_ids=viewer.municipality_ids,
        )

    @strawberry.field(description="Муниципальные образования Челябинской области")
    async def municipalities(
        self,
        info: Info,
        filter: MunicipalityFilter | None = None,
        order_by: list[MunicipalityOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Municipality]:
        page = await root_list_page(
            info.context, "municipalities", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Образовательные организации")
    async def organizations(
        self,
        info: Info,
        filter: OrganizationFilter | None = None,
        order_by: list[OrganizationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Organization]:
        page = await root_list_page(
            info.context, "organizations", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Дополнительные общеобразовательные программы (без ключа — только опубликованные)")
    async def programs(
        self,
        info: Info,
        filter: ProgramFilter | None = None,
        order_by: list[ProgramOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Program]:
        page = await root_list_page(
            info.context, "programs", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Участники: обучающиеся, педагоги, руководители, родители")
    async def participants(
        self,
        info: Info,
        filter: ParticipantFilter | None = None,
        order_by: list[ParticipantOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Participant]:
        page = await root_list_page(
            info.context, "participants", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Инновационные площадки")
    async def innovation_sites(
        self,
        info: Info,
        filter: InnovationSiteFilter | None = None,
        order_by: list[InnovationSiteOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[InnovationSite]:
        page = await root_list_page(
            info.context, "innovationSites", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Мероприятия")
    async def events(
        self,
        info: Info,
        filter: EventFilter | None = None,
        order_by: list[EventOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        page = await root_list_page(
            info.context, "events", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Участие в мероприятиях и его результаты")
    async def participations(
        self,
        info: Info,
        filter: ParticipationFilter | None = None,
        order_by: list[ParticipationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Participation]:
        page = await root_list_page(
            info.context, "participations", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Пункты дорожной карты")
    async def roadmap_items(
        self,
        info: Info,
        filter: RoadmapItemFilter | None = None,
        order_by: list[RoadmapItemOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[RoadmapItem]:
        page = await root_list_page(
            info.context, "roadmapItems", filter, order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(
        description="Публикации: новости, объявления, отчёты, методические письма; по умолчанию сначала новые "
        "(без ключа — только опубликованные)"
    )
    async def publications(
        self,
        info: Info,
        filter: PublicationFilter | None = None,
        order_by: list[PublicationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Publication]:
        page = await root_connection(
            info.context, PUBLICATIONS, publication_conditions(info.context.viewer, filter), order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Сетевые профессиональные сообщества педагогов")
    async def professional_communities(
        self,
        info: Info,
        filter: ProfessionalCommunityFilter | None = None,
        order_by: list[ProfessionalCommunityOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ProfessionalCommunity]:
        page = await root_connection(
            info.context, PROFESSIONAL_COMMUNITIES, community_conditions(filter), order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(
        description="Эффективные практики выявления и поддержки одарённых детей; по умолчанию сначала новые "
        "(без ключа — только опубликованные)"
    )
    async def effective_practices(
        self,
        info: Info,
        filter: EffectivePracticeFilter | None = None,
        order_by: list[EffectivePracticeOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[EffectivePractice]:
        page = await root_connection(
            info.context, EFFECTIVE_PRACTICES, practice_conditions(info.context.viewer, filter), order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)

    @strawberry.field(description="Мониторинг: статистика участия, охват, динамика, сигналы и показатели")
    def monitoring(self) -> Monitoring:
        return Monitoring()

    @strawberry.field(description="Подписи значений перечисления на языке запроса (Accept-Language)")
    def enum_labels(
        self,
        info: Info,
        name: Annotated[str, strawberry.argument(description="Имя перечисления в схеме, например Orientation")],
    ) -> list[EnumLabel]:
        labels = ENUM_LABELS.get(name)
        if labels is None:
            raise bad_input("enum.unknown", name=name[:64], names=", ".join(sorted(ENUM_LABELS)))
        english = info.context.language == "en"
        return [EnumLabel(value=value, label=pair[1] if english else pair[0]) for value, pair in labels.items()]


@strawberry.type(
    description="Изменение данных. Каждая мутация принимает один аргумент input и возвращает объект и ошибки "
    "в данных (userErrors); ожидаемые ошибки не попадают в errors ответа"
)
class Mutation(EntityMutation, BulkMutation, ImportMutation):
    pass
