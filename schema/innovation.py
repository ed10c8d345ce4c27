"""Regional innovation sites and their products."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from resolvers.events import EVENTS, event_conditions
from resolvers.innovation import (
    INNOVATION_PRODUCTS,
    innovation_product_conditions,
    site_focus_of,
    site_partners_of,
)
from resolvers.loaders import load_row
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import InnovationProductKind, InnovationSiteKind, InnovationSiteStatus, TalentFocus
from schema.events import Event, EventFilter, EventOrder

if TYPE_CHECKING:
    from schema.organizations import Organization

OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]


@strawberry.type(description="Инновационный продукт площадки: модульный курс, методические материалы и другие")
class InnovationProduct(Node):
    is_type_of = model_type(models.InnovationProduct)

    title: str = strawberry.field(description="Название")
    kind: InnovationProductKind = strawberry.field(description="Вид продукта")
    url: str | None = strawberry.field(description="Адрес публикации")
    published_at: datetime | None = strawberry.field(description="Когда опубликован")

    @strawberry.field(description="Площадка, выпустившая продукт")
    async def site(root: models.InnovationProduct, info: Info) -> "InnovationSite":
        return await load_row(info.context, models.InnovationSite, root.site_id)


@strawberry.input(description="Фильтр инновационных продуктов")
class InnovationProductFilter:
    kinds: list[InnovationProductKind] | None = strawberry.field(default=None, description="Любой из видов")
    search: str | None = strawberry.field(default=None, description="Подстрока названия без учёта регистра и ё/е")


InnovationProductOrderField, InnovationProductOrder = order_types(
    "InnovationProduct", {"TITLE": ("Название по алфавиту", "Title, alphabetically"), "ID": ("Порядок добавления", "Order of creation")}
)


@strawberry.type(description="Региональная инновационная площадка (РИП) или иная площадка программы")
class InnovationSite(Node):
    is_type_of = model_type(models.InnovationSite)

    external_id: str | None = strawberry.field(description="Идентификатор во внешней системе")
    title: str = strawberry.field(description="Тема инновационной деятельности")
    kind: InnovationSiteKind = strawberry.field(description="Вид площадки")
    status: InnovationSiteStatus = strawberry.field(description="Статус")
    start_date: date = strawberry.field(description="Дата присвоения статуса")
    end_date: date | None = strawberry.field(description="Дата окончания статуса")
    order_number: str | None = strawberry.field(description="Номер приказа министерства о присвоении статуса")
    order_date: date | None = strawberry.field(description="Дата приказа")
    supervisor: str | None = strawberry.field(description="Научный руководитель или консультант")
    description: str | None = strawberry.field(description="Описание")

    @strawberry.field(description="Направления работы с талантами: выявление, поддержка, развитие")
    async def focus(root: models.InnovationSite, info: Info) -> list[TalentFocus]:
        return await site_focus_of(info.context, root.id)

    @strawberry.field(description="Организация, на базе которой действует площадка")
    async def organization(root: models.InnovationSite, info: Info) -> OrganizationRef:
        return await load_row(info.context, models.Organization, root.organization_id)

    @strawberry.field(description="Организации-партнёры площадки")
    async def partners(root: models.InnovationSite, info: Info) -> list[OrganizationRef]:
        return await site_partners_of(info.context, root.id)

    @strawberry.field(description="Инновационные продукты площадки")
    async def products(
        root: models.InnovationSite,
        info: Info,
        filter: InnovationProductFilter | None = None,
        order_by: list[InnovationProductOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[InnovationProduct]:
        return await nested_connection(
            info, INNOVATION_PRODUCTS, models.InnovationProduct.site_id, root,
            innovation_product_conditions(filter), filter, order_by, first, after, last, before,
        )

    @strawberry.field(description="Мероприятия, проведённые на базе площадки")
    async def events(
        root: models.InnovationSite,
        info: Info,
        filter: EventFilter | None = None,
        order_by: list[EventOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        return await nested_connection(
            info, EVENTS, models.Event.innovation_site_id, root, event_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр инновационных площадок; условия объединяются по И")
class InnovationSiteFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    external_ids: list[str] | None = strawberry.field(default=None, description="Любой из внешних идентификаторов")
    kinds: list[InnovationSiteKind] | None = strawberry.field(default=None, description="Любой из видов")
    statuses: list[InnovationSiteStatus] | None = strawberry.field(default=None, description="Любой из статусов")
    focus: list[TalentFocus] | None = strawberry.field(default=None, description="Есть любое из направлений")
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций (глобальные ID)"
    )
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Организация в любом из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Организация в любом из муниципальных образований (код справочника или ОКТМО)"
    )
    active_on: date | None = strawberry.field(default=None, description="Статус действует в эту дату")
    search: str | None = strawberry.field(default=None, description="Подстрока темы без учёта регистра и ё/е")


InnovationSiteOrderField, InnovationSiteOrder = order_types(
    "InnovationSite",
    {"TITLE": ("Тема по алфавиту", "Topic, alphabetically"), "START_DATE": ("Дата присвоения статуса", "Status start date"), "ID": ("Порядок добавления", "Order of creation")},
)
