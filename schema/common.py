"""Types shared by every domain: the Node interface, connections and their page info."""

from enum import Enum
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from resolvers.connections import ConnectionSpec, Page
from resolvers.context import RequestContext
from resolvers.filters import Conditions
from resolvers.lists import child_connection
from resolvers.nodes import TYPE_NAMES, global_id_of
from schema.enums import OrderDirection, register_labels

Info = strawberry.Info[RequestContext, None]

NodeT = TypeVar("NodeT")


@strawberry.interface(description="Объект с глобальным идентификатором, доступный через node(id:)")
class Node:
    @strawberry.field(name="id", description="Глобальный непрозрачный идентификатор объекта")
    def global_id(root: Any) -> strawberry.ID:
        return strawberry.ID(global_id_of(root))


def model_type(model: type) -> Any:
    """Return an `is_type_of` that accepts rows of `model`, which resolvers return directly."""

    def is_type_of(cls: type, obj: Any, _info: Any) -> bool:
        return isinstance(obj, model)

    return classmethod(is_type_of)


@strawberry.type(description="Сведения о странице списка")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Есть ли записи после этой страницы")
    has_previous_page: bool = strawberry.field(description="Есть ли записи перед этой страницей")
    start_cursor: str | None = strawberry.field(description="Курсор первой записи страницы")
    end_cursor: str | None = strawberry.field(description="Курсор последней записи страницы")


@strawberry.type(description="Запись списка с её курсором")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Курсор записи для аргументов after и before")
    node: NodeT = strawberry.field(description="Объект")


@strawberry.type(
    description="Страница списка в стиле Relay: курсоры по ключу сортировки, totalCount по запросу"
)
class Connection(Generic[NodeT]):
    page: strawberry.Private[Page]

    @strawberry.field(description="Записи страницы с курсорами")
    def edges(self) -> list[Edge[NodeT]]:
        return [
            Edge(cursor=cursor, node=row)
            for cursor, row in zip(self.page.cursors, self.page.rows, strict=True)
        ]

    @strawberry.field(description="Объекты страницы без курсоров")
    def nodes(self) -> list[NodeT]:
        return self.page.rows

    @strawberry.field(description="Сведения о странице")
    def page_info(self) -> PageInfo:
        cursors = self.page.cursors
        return PageInfo(
            has_next_page=self.page.has_next_page,
            has_previous_page=self.page.has_previous_page,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )

    @strawberry.field(
        description="Число записей, подходящих под фильтр, без учёта страницы; считается только по запросу"
    )
    async def total_count(self) -> int:
        return await self.page.count()


First = Annotated[
    int | None,
    strawberry.argument(description="Сколько записей вернуть с начала (по умолчанию 20, не больше 100)"),
]
After = Annotated[str | None, strawberry.argument(description="Вернуть записи после этого курсора")]
Last = Annotated[
    int | None, strawberry.argument(description="Сколько записей вернуть с конца (не больше 100)")
]
Before = Annotated[str | None, strawberry.argument(description="Вернуть записи перед этим курсором")]


def order_types(entity: str, fields: dict[str, tuple[str, str]]) -> tuple[Any, Any]:
    """Create `<Entity>OrderField` from (Russian, English) labels and the `<Entity>Order` input."""
    field_enum = Enum(f"{entity}OrderField", {name: name for name in fields})  # type: ignore[misc]
    strawberry.enum(field_enum, description="Поле сортировки")
    register_labels(field_enum, fields)

    namespace = {
        "__annotations__": {"field": field_enum, "direction": OrderDirection},
        "field": strawberry.field(description="Поле сортировки"),
        "direction": strawberry.field(default=OrderDirection.ASC, description="Направление сортировки"),
    }
    order_input = strawberry.input(
        type(f"{entity}Order", (), namespace),
        description="Порядок сортировки; при равенстве значений записи упорядочены по ID",
    )
    return field_enum, order_input


async def nested_connection(
    info: Info,
    spec: ConnectionSpec,
    parent_column: Any,
    root: Any,
    conditions: Conditions,
    filter: Any,
    order_by: Any,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Any]:
    """Return the page of a connection nested under `root`, batched with the root's siblings."""
    page = await child_connection(
        info.context,
        spec,
        parent_column,
        TYPE_NAMES[type(root)],
        root.id,
        conditions,
        (filter, order_by),
        order_by,
        first=first,
        after=after,
        last=last,
        before=before,
    )
    return Connection(page=page)
