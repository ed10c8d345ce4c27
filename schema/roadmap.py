"""The roadmap of measures and its target indicators."""

from datetime import date

import strawberry

from db import models
from resolvers.events import EVENTS, event_conditions
from resolvers.loaders import load_row
from resolvers.roadmap import indicators_of, targets_of
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import RoadmapItemStatus
from schema.events import Event, EventFilter, EventOrder


@strawberry.type(description="Целевое значение показателя на учебный год")
class IndicatorTarget:
    school_year: int = strawberry.field(description="Учебный год (год начала)")
    target_value: float = strawberry.field(name="value", description="Целевое значение")


@strawberry.type(description="Целевой показатель программы")
class Indicator(Node):
    is_type_of = model_type(models.Indicator)

    code: str = strawberry.field(description="Код показателя")
    title: str = strawberry.field(description="Наименование")
    unit: str = strawberry.field(description="Единица измерения")
    higher_is_better: bool = strawberry.field(description="Рост значения — улучшение")

    @strawberry.field(description="Целевые значения по учебным годам")
    async def targets(root: models.Indicator, info: Info) -> list[IndicatorTarget]:
        return await targets_of(info.context, root.id)

    @strawberry.field(description="Пункт дорожной карты, к которому относится показатель")
    async def roadmap_item(root: models.Indicator, info: Info) -> "RoadmapItem | None":
        return await load_row(info.context, models.RoadmapItem, root.roadmap_item_id)


@strawberry.type(description="Пункт дорожной карты")
class RoadmapItem(Node):
    is_type_of = model_type(models.RoadmapItem)

    number: str = strawberry.field(description="Номер пункта, например «1.2»")
    title: str = strawberry.field(description="Наименование мероприятия дорожной карты")
    section: str | None = strawberry.field(description="Раздел")
    responsible: str | None = strawberry.field(description="Ответственные исполнители")
    due_date: date | None = strawberry.field(description="Срок исполнения")
    status: RoadmapItemStatus = strawberry.field(description="Статус исполнения")
    description: str | None = strawberry.field(description="Описание")

    @strawberry.field(description="Целевые показатели пункта")
    async def indicators(root: models.RoadmapItem, info: Info) -> list[Indicator]:
        return await indicators_of(info.context, root.id)

    @strawberry.field(description="Мероприятия, проведённые по пункту")
    async def events(
        root: models.RoadmapItem,
        info: Info,
        filter: EventFilter | None = None,
        order_by: list[EventOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        return await nested_connection(
            info, EVENTS, models.Event.roadmap_item_id, root, event_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр пунктов дорожной карты; условия объединяются по И")
class RoadmapItemFilter:
    statuses: list[RoadmapItemStatus] | None = strawberry.field(default=None, description="Любой из статусов")
    sections: list[str] | None = strawberry.field(default=None, description="Любой из разделов")
    due_date_from: date | None = strawberry.field(default=None, description="Срок не раньше")
    due_date_to: date | None = strawberry.field(default=None, description="Срок не позже")
    search: str | None = strawberry.field(default=None, description="Подстрока наименования без учёта регистра и ё/е")


RoadmapItemOrderField, RoadmapItemOrder = order_types(
    "RoadmapItem",
    {"NUMBER": ("Номер пункта", "Item number"), "DUE_DATE": ("Срок (без срока — в конце)", "Due date (none last)"), "ID": ("Порядок добавления", "Order of creation")},
)
