"""Run a plan: one SELECT per root field, and the response built straight from its rows.

Arguments pass through the same functions as in normal resolution (`convert_arguments`, the
filter's condition builder, `visibility_conditions`, `resolve_ordering`, `parse_page`), so the
rows, their order and the cursors are the same. Anything unexpected (an argument error, a null in
a non-null field, a missing referenced row) raises `Unplannable`, and normal resolution then
answers the request, with its errors, instead.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLSchema
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.type.scalars import serialize_int, serialize_string
from sqlalchemy import ColumnElement, FromClause, bindparam, outerjoin, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased
from strawberry.types.arguments import convert_arguments

from api.planner.fields import NODE_VISIBILITY, Correlated, Derived
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
from resolvers.access import PEOPLE_MODELS
from resolvers.connections import (
    Ordering,
    PageRequest,
    assemble_page,
    count_rows,
    page_conditions,
)
from resolvers.context import RequestContext
from resolvers.ids import encode_global_id, split_global_id
from resolvers.lists import root_page_request
from resolvers.nodes import NODE_MODELS
from resolvers.roots import ROOT_LISTS

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


def fail(reason: str) -> Any:
    """Raise `Unplannable`, so that normal resolution runs and reports its own errors."""
    raise Unplannable(reason)


class ReaderSource:
    """Writes one Python expression that builds an object of the response from a row.

    A page of 100 objects with 15 fields each is read 1,500 times per request, so the reader is
    generated as straight-line code: a dict display with one subexpression per field, instead of
    a closure call per field.
    """

    def __init__(self, builder: SelectBuilder) -> None:
        self.builder = builder
        self.names: dict[str, Any] = {"fail": fail, "global_id": encode_global_id}

    def bind(self, value: Any) -> str:
        """Return the name under which the generated code reads `value`."""
        name = f"v{len(self.names)}"
        self.names[name] = value
        return name

    def object(self, plan: ObjectPlan, entity: Any) -> tuple[int, str]:
        """Register the columns `plan` reads from `entity`; return the id's index and the expression."""
        pk = self.builder.add(entity.id)
        items = [f"{key!r}: {self.entry(entry, entity, pk)}" for key, entry in plan.entries]
        return pk, "{" + ", ".join(items) + "}"

    def entry(self, entry: Any, entity: Any, pk: int) -> str:
        if isinstance(entry, TypeName):
            return repr(entry.name)
        if isinstance(entry, GlobalId):
            return f"global_id({entry.type_name!r}, row[{pk}])"
        if isinstance(entry, Leaf):
            index = self.builder.add(getattr(entity, entry.column))
            return self.value(f"row[{index}]", entry.serialize, entry.non_null)
        if isinstance(entry, Computed):
            field = entry.field
            if isinstance(field, Correlated):
                value = f"row[{self.builder.add(field.build(entity.id))}]"
            else:
                assert isinstance(field, Derived)
                arguments = ", ".join(f"row[{self.builder.add(getattr(entity, column))}]" for column in field.columns)
                value = f"{self.bind(field.compute)}({arguments})"
            return self.value(value, entry.serialize, entry.non_null)
        assert isinstance(entry, Relation)
        return self.relation(entry, entity)

    def value(self, value: str, serialize: Callable[[Any], Any], non_null: bool) -> str:
        missing = "fail('a null in a non-null field')" if non_null else "None"
        variable = f"x{len(self.names)}"
        self.names[variable] = None  # reserves the name
        converted = f"{self.bind(serialize)}({variable})"
        # graphql-core returns a str, and an int within 32 bits, unchanged. Any other value goes
        # through its serializer, which raises where normal resolution would.
        if serialize is serialize_string:
            converted = f"({variable} if type({variable}) is str else {converted})"
        elif serialize is serialize_int:
            converted = f"({variable} if type({variable}) is int and -{2**31} <= {variable} < {2**31} else {converted})"
        return f"({converted} if ({variable} := {value}) is not None else {missing})"

    def relation(self, entry: Relation, entity: Any) -> str:
        foreign_key = getattr(entity, entry.field.foreign_key)
        target = aliased(entry.field.model)
        self.builder.join(target, target.id == foreign_key)
        key = self.builder.add(foreign_key)
        target_pk, target_object = self.object(entry.plan, target)
        missing = "fail('a null in a non-null relation')" if entry.non_null else "None"
        # A foreign key with no row behind it is NOT_FOUND in normal resolution.
        found = f"({target_object} if row[{target_pk}] is not None else fail('a referenced row is missing'))"
        return f"({found} if row[{key}] is not None else {missing})"

    def compile(self, expression: str) -> Reader:
        code = f"def read(row):\n    return {expression}\n"
        namespace = dict(self.names)
        exec(compile(code, "<planned reader>", "exec"), namespace)  # noqa: S102 - the code is built above
        return namespace["read"]


def object_reader(plan: ObjectPlan, entity: Any, builder: SelectBuilder) -> tuple[int, Reader]:
    """Register the columns `plan` reads from `entity`; return the id's index and the reader."""
    source = ReaderSource(builder)
    pk, expression = source.object(plan, entity)
    return pk, source.compile(expression)


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


@dataclass(frozen=True)
class PagePlan:
    """A root connection's SELECT for one set of arguments and one viewer."""

    statement: Any
    ordering: Ordering
    page: PageRequest
    conditions: list[ColumnElement[bool]]
    order_start: int


# Variables longer than this (long ID lists, say) are not part of a cache key, so that 256 kept
# statements cannot hold hundreds of megabytes of request bodies.
MAX_CACHED_VARIABLES_BYTES = 4096


class BoundedCache:
    """A small LRU cache keyed by a plan and a further key.

    An entry counts only for the same plan object, because the id of an evicted plan may be reused.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()

    def get(self, plan: Any, key: Any) -> Any:
        found = self.entries.get((id(plan), key))
        if found is None or found[0] is not plan:
            return None
        self.entries.move_to_end((id(plan), key))
        return found[1]

    def put(self, plan: Any, key: Any, value: Any) -> Any:
        self.entries[(id(plan), key)] = (plan, value)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return value


class PlanRunner:
    """Runs operation plans for one schema against the request's read engine."""

    def __init__(self, schema: GraphQLSchema, planner: Planner, scalar_registry: Any, config: Any) -> None:
        self.schema = schema
        self.planner = planner
        self.scalar_registry = scalar_registry
        self.config = config
        # Each entry keeps its plan, and with it the parsed document, so the size matches the plan cache.
        self._prepared = BoundedCache(256)
        # Frontends repeat the same arguments (the first page of a catalogue, say); their
        # statements are kept, so a repeat skips argument conversion and statement building.
        self._pages = BoundedCache(256)

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
        try:
            variables_key: bytes | None = orjson.dumps(raw_variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            variables_key = None
        if variables_key is not None and len(variables_key) > MAX_CACHED_VARIABLES_BYTES:
            variables_key = None  # such statements are built anew rather than kept

        data: dict[str, Any] = {}
        for root in plan.roots:
            if isinstance(root, ConnectionPlan):
                data[root.key] = await self.connection(root, context, variables, variables_key, engine, execution_options)
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

    def prepared(self, root: ConnectionPlan, model: type) -> PreparedSelect:
        prepared = self._prepared.get(root, None)
        if prepared is None:
            plans = [part.plan for _, part in root.parts if isinstance(part, NodesPart)]
            for _, part in root.parts:
                if isinstance(part, EdgesPart):
                    plans.extend(value for _, value in part.keys if isinstance(value, ObjectPlan))
            prepared = self._prepared.put(root, None, prepare(model, plans))
        return prepared

    def page_plan(
        self, root: ConnectionPlan, context: RequestContext, variables: dict[str, Any], prepared: PreparedSelect
    ) -> PagePlan:
        arguments = self.arguments(root, variables)
        listed = ROOT_LISTS[root.field_name]
        try:
            request = root_page_request(
                context,
                listed.spec,
                listed.conditions(context.viewer, arguments.get("filter")),
                arguments.get("order_by"),
                first=arguments.get("first"),
                after=arguments.get("after"),
                last=arguments.get("last"),
                before=arguments.get("before"),
            )
        except Exception as error:
            # BAD_USER_INPUT and FORBIDDEN come from normal resolution, worded as there.
            raise Unplannable(f"arguments: {error}") from error
        conditions, ordering, page = request.conditions, request.ordering, request.page

        order_columns = [order_field.column for order_field in ordering.fields]
        statement = (
            select(*prepared.columns, *order_columns)
            .select_from(prepared.source)
            .where(*conditions, *page_conditions(ordering, page))
            .order_by(*order_clauses(ordering.sort_keys, reverse=page.backward))
            .limit(page.limit + 1)
        )
        return PagePlan(statement, ordering, page, conditions, len(prepared.columns))

    async def connection(
        self,
        root: ConnectionPlan,
        context: RequestContext,
        variables: dict[str, Any],
        variables_key: bytes | None,
        engine: AsyncEngine,
        execution_options: dict[str, Any],
    ) -> dict[str, Any]:
        spec = ROOT_LISTS[root.field_name].spec
        prepared = self.prepared(root, spec.model)
        key = (variables_key, context.viewer)
        planned = self._pages.get(root, key) if variables_key is not None else None
        if planned is None:
            planned = self.page_plan(root, context, variables, prepared)
            if variables_key is not None:
                self._pages.put(root, key, planned)

        statement = planned.statement.execution_options(**execution_options) if execution_options else planned.statement
        async with engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            fetched = list((await connection.execute(statement)).all())

        ordering, order_start = planned.ordering, planned.order_start

        def values_of(row: Row) -> list[Any]:
            values = []
            for offset, order_field in enumerate(ordering.fields):
                value = row[order_start + offset]
                values.append(order_field.null_value if value is None else value)
            return values

        async def count() -> int:
            return await count_rows(context.read_sessions, spec.model, planned.conditions)

        # Cursors of the rows between the first and the last are needed only for edges.
        every_cursor = any(
            isinstance(part, EdgesPart) and any(value == "cursor" for _, value in part.keys) for _, part in root.parts
        )
        page = assemble_page(
            fetched,
            page=planned.page,
            ordering=ordering,
            scope=spec.name,
            count=count,
            values_of=values_of,
            every_cursor=every_cursor,
        )
        return await self.connection_response(root, prepared, page)

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
        try:
            # The ID is a string, so graphql-core's coercion is all the conversion it needs.
            global_id = get_argument_values(root.definition, root.node, variables)["id"]
            type_name, pk = split_global_id(global_id)
        except Exception as error:
            raise Unplannable(f"node id: {error}") from error
        model = NODE_MODELS.get(type_name)
        if model is None or model in PEOPLE_MODELS:
            raise Unplannable(f"node of type {type_name}")
        object_plan = self.planner.plan_node(plan.collector, root, type_name)
        if object_plan is None:
            raise Unplannable(f"node of type {type_name}")

        prepared = self._prepared.get(object_plan, None)
        if prepared is None:
            prepared = self._prepared.put(object_plan, None, prepare(model, [object_plan]))
        statement = self._pages.get(object_plan, context.viewer)
        if statement is None:
            # The id is a bound parameter, so every node of this type and viewer shares the statement.
            statement = self._pages.put(
                object_plan,
                context.viewer,
                select(*prepared.columns)
                .select_from(prepared.source)
                .where(model.id == bindparam("node_id"), *NODE_VISIBILITY[type_name](context.viewer)),
            )
        if execution_options:
            statement = statement.execution_options(**execution_options)
        async with engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            row = (await connection.execute(statement, {"node_id": pk})).first()
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
