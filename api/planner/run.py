"""Run a plan: one SELECT per root field, and the response built straight from its rows.

Arguments pass through the same functions as in normal resolution (`convert_arguments`, the
filter's condition builder, `visibility_conditions`, `resolve_ordering`, `parse_page`), so the
rows, their order and the cursors are the same. Anything unexpected (an argument error, a null in
a non-null field, a missing referenced row) raises `Unplannable`, and normal resolution then
answers the request, with its errors, instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLSchema
from graphql.execution.values import get_argument_values, get_variable_values
from sqlalchemy import ColumnElement, FromClause, outerjoin, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased
from strawberry.types.arguments import convert_arguments

from api.planner.fields import NODE_VISIBILITY, ROOT_LISTS, Correlated, Derived
from api.planner.plan import (
    Computed,
    ConnectionPlan,
    EdgesPart,
    GlobalId,
    Leaf,
    NodePlan,
    NodesPart,
    ObjectPlan,
    OperationPlan,
    PageInfoPart,
    Planner,
    Relation,
    TypeName,
    Unplannable,
)
from db.pagination import order_clauses
from resolvers.access import PEOPLE_MODELS, visibility_conditions
from resolvers.connections import (
    assemble_page,
    count_rows,
    page_conditions,
    parse_page,
    resolve_ordering,
)
from resolvers.context import RequestContext
from resolvers.ids import encode_global_id, split_global_id
from resolvers.lists import order_pairs
from resolvers.nodes import NODE_MODELS

Row = Any
Reader = Callable[[Row], Any]


class SelectBuilder:
    """Collects the columns and outer joins of one SELECT; readers find their values by index."""

    def __init__(self, model: type) -> None:
        self.columns: list[ColumnElement[Any]] = []
        self.source: FromClause = model.__table__

    def add(self, expression: ColumnElement[Any]) -> int:
        self.columns.append(expression)
        return len(self.columns) - 1

    def join(self, target: Any, onclause: ColumnElement[bool]) -> None:
        self.source = outerjoin(self.source, target, onclause)


def object_reader(plan: ObjectPlan, entity: Any, builder: SelectBuilder) -> tuple[int, Reader]:
    """Register the columns `plan` reads from `entity`; return the id's index and the reader."""
    pk = builder.add(entity.id)
    readers = [(key, entry_reader(entry, entity, pk, builder)) for key, entry in plan.entries]

    def read(row: Row) -> dict[str, Any]:
        return {key: reader(row) for key, reader in readers}

    return pk, read


def entry_reader(entry: Any, entity: Any, pk: int, builder: SelectBuilder) -> Reader:
    if isinstance(entry, TypeName):
        name = entry.name
        return lambda row: name
    if isinstance(entry, GlobalId):
        type_name = entry.type_name
        return lambda row: encode_global_id(type_name, row[pk])
    if isinstance(entry, Leaf):
        index = builder.add(getattr(entity, entry.column))
        return value_reader(lambda row: row[index], entry.serialize, entry.non_null)
    if isinstance(entry, Computed):
        return computed_reader(entry, entity, builder)
    assert isinstance(entry, Relation)
    return relation_reader(entry, entity, builder)


def value_reader(get: Reader, serialize: Callable[[Any], Any], non_null: bool) -> Reader:
    def read(row: Row) -> Any:
        value = get(row)
        if value is None:
            if non_null:
                raise Unplannable("a null in a non-null field")
            return None
        return serialize(value)

    return read


def computed_reader(entry: Computed, entity: Any, builder: SelectBuilder) -> Reader:
    field = entry.field
    if isinstance(field, Correlated):
        index = builder.add(field.build(entity.id))
        return value_reader(lambda row: row[index], entry.serialize, entry.non_null)
    assert isinstance(field, Derived)
    indexes = [builder.add(getattr(entity, column)) for column in field.columns]
    compute = field.compute
    return value_reader(lambda row: compute(*(row[index] for index in indexes)), entry.serialize, entry.non_null)


def relation_reader(entry: Relation, entity: Any, builder: SelectBuilder) -> Reader:
    foreign_key = getattr(entity, entry.field.foreign_key)
    target = aliased(entry.field.model)
    builder.join(target, target.id == foreign_key)
    key_index = builder.add(foreign_key)
    target_pk, read_target = object_reader(entry.plan, target, builder)
    non_null = entry.non_null

    def read(row: Row) -> Any:
        if row[key_index] is None:
            if non_null:
                raise Unplannable("a null in a non-null relation")
            return None
        if row[target_pk] is None:
            # Normal resolution reports the missing row as NOT_FOUND.
            raise Unplannable("a referenced row is missing")
        return read_target(row)

    return read


@dataclass(frozen=True)
class PreparedSelect:
    """The argument-independent part of a root field's SELECT, made once per plan."""

    columns: tuple[ColumnElement[Any], ...]
    source: FromClause
    readers: dict[int, Reader]  # by id() of the object plan


def prepare(model: type, plans: list[ObjectPlan]) -> PreparedSelect:
    builder = SelectBuilder(model)
    builder.add(model.id)
    readers = {id(plan): object_reader(plan, model, builder)[1] for plan in plans}
    return PreparedSelect(tuple(builder.columns), builder.source, readers)


class PlanRunner:
    """Runs operation plans for one schema against the request's read engine."""

    def __init__(self, schema: GraphQLSchema, planner: Planner, scalar_registry: Any, config: Any) -> None:
        self.schema = schema
        self.planner = planner
        self.scalar_registry = scalar_registry
        self.config = config
        self._prepared: dict[int, PreparedSelect] = {}

    async def run(
        self,
        plan: OperationPlan,
        context: RequestContext,
        raw_variables: dict[str, Any] | None,
        execution_options: dict[str, Any],
    ) -> dict[str, Any]:
        variables = get_variable_values(self.schema, plan.operation.variable_definitions or (), raw_variables or {})
        if isinstance(variables, list):
            raise Unplannable("the variables do not coerce")
        engine: AsyncEngine = context.read_sessions.kw["bind"]

        data: dict[str, Any] = {}
        for root in plan.roots:
            if isinstance(root, ConnectionPlan):
                data[root.key] = await self.connection(root, context, variables, engine, execution_options)
            else:
                data[root.key] = await self.node(plan, root, context, variables, engine, execution_options)
        return data

    def arguments(self, root: ConnectionPlan | NodePlan, variables: dict[str, Any]) -> dict[str, Any]:
        try:
            values = get_argument_values(root.definition, root.node, variables)
            strawberry_field = root.definition.extensions["strawberry-definition"]
            return convert_arguments(values, strawberry_field.arguments, self.scalar_registry, self.config)
        except Exception as error:
            raise Unplannable(f"arguments: {error}") from error

    async def connection(
        self,
        root: ConnectionPlan,
        context: RequestContext,
        variables: dict[str, Any],
        engine: AsyncEngine,
        execution_options: dict[str, Any],
    ) -> dict[str, Any]:
        arguments = self.arguments(root, variables)
        listed = ROOT_LISTS[root.field_name]
        spec = listed.spec
        viewer = context.viewer
        try:
            conditions = [*listed.conditions(viewer, arguments.get("filter")), *visibility_conditions(viewer, spec.model)]
            ordering = resolve_ordering(spec, order_pairs(arguments.get("order_by")))
            page = parse_page(
                first=arguments.get("first"),
                after=arguments.get("after"),
                last=arguments.get("last"),
                before=arguments.get("before"),
                scope=spec.name,
                ordering=ordering,
            )
        except Exception as error:
            # BAD_USER_INPUT and FORBIDDEN come from normal resolution, worded as there.
            raise Unplannable(f"arguments: {error}") from error

        prepared = self._prepared.get(id(root))
        if prepared is None:
            plans = [part.plan for _, part in root.parts if isinstance(part, NodesPart)]
            for _, part in root.parts:
                if isinstance(part, EdgesPart):
                    plans.extend(value for _, value in part.keys if isinstance(value, ObjectPlan))
            prepared = self._prepared[id(root)] = prepare(spec.model, plans)

        order_start = len(prepared.columns)
        order_columns = [order_field.column for order_field in ordering.fields]
        statement = (
            select(*prepared.columns, *order_columns)
            .select_from(prepared.source)
            .where(*conditions, *page_conditions(ordering, page))
            .order_by(*order_clauses(ordering.sort_keys, reverse=page.backward))
            .limit(page.limit + 1)
            .execution_options(**execution_options)
        )
        async with engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            fetched = list((await connection.execute(statement)).all())

        def values_of(row: Row) -> list[Any]:
            values = []
            for offset, order_field in enumerate(ordering.fields):
                value = row[order_start + offset]
                values.append(order_field.null_value if value is None else value)
            return values

        async def count() -> int:
            return await count_rows(context.read_sessions, spec.model, conditions)

        result = assemble_page(fetched, page=page, ordering=ordering, scope=spec.name, count=count, values_of=values_of)
        return await self.connection_response(root, prepared, result)

    async def connection_response(self, root: ConnectionPlan, prepared: PreparedSelect, page: Any) -> dict[str, Any]:
        response: dict[str, Any] = {}
        for key, part in root.parts:
            if isinstance(part, TypeName):
                response[key] = part.name
            elif part == "totalCount":
                response[key] = await page.count()
            elif isinstance(part, NodesPart):
                read = prepared.readers[id(part.plan)]
                response[key] = [read(row) for row in page.rows]
            elif isinstance(part, PageInfoPart):
                response[key] = page_info(part, page)
            else:
                assert isinstance(part, EdgesPart)
                response[key] = [edge(part, prepared, cursor, row) for cursor, row in zip(page.cursors, page.rows, strict=True)]
        return response

    async def node(
        self,
        plan: OperationPlan,
        root: NodePlan,
        context: RequestContext,
        variables: dict[str, Any],
        engine: AsyncEngine,
        execution_options: dict[str, Any],
    ) -> dict[str, Any] | None:
        arguments = self.arguments(root, variables)
        try:
            type_name, pk = split_global_id(arguments["id"])
        except Exception as error:
            raise Unplannable(f"node id: {error}") from error
        model = NODE_MODELS.get(type_name)
        if model is None or model in PEOPLE_MODELS:
            raise Unplannable(f"node of type {type_name}")
        object_plan = self.planner.plan_node(plan.collector, root, type_name)
        if object_plan is None:
            raise Unplannable(f"node of type {type_name}")

        prepared = self._prepared.get(id(object_plan))
        if prepared is None:
            prepared = self._prepared[id(object_plan)] = prepare(model, [object_plan])
        statement = (
            select(*prepared.columns)
            .select_from(prepared.source)
            .where(model.id == pk, *NODE_VISIBILITY[type_name](context.viewer))
            .execution_options(**execution_options)
        )
        async with engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            row = (await connection.execute(statement)).first()
        return None if row is None else prepared.readers[id(object_plan)](row)


def page_info(part: PageInfoPart, page: Any) -> dict[str, Any]:
    values = {
        "hasNextPage": page.has_next_page,
        "hasPreviousPage": page.has_previous_page,
        "startCursor": page.cursors[0] if page.cursors else None,
        "endCursor": page.cursors[-1] if page.cursors else None,
    }
    return {key: name.split(":", 1)[1] if name.startswith("__typename:") else values[name] for key, name in part.keys}


def edge(part: EdgesPart, prepared: PreparedSelect, cursor: str, row: Row) -> dict[str, Any]:
    response: dict[str, Any] = {}
    for key, value in part.keys:
        if isinstance(value, ObjectPlan):
            response[key] = prepared.readers[id(value)](row)
        elif value == "cursor":
            response[key] = cursor
        else:
            response[key] = value.split(":", 1)[1]
    return response
