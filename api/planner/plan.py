"""Turn a validated operation into plans: which SQL columns each response key reads.

A plan is made once per document and operation and kept in a bounded cache. An operation is
plannable when every root field is a listed root connection or `node`, and every field below it
is a column of the row's model, a field listed in `api.planner.fields`, `id`, `__typename` or a
part of the connection (edges, nodes, cursors, pageInfo, totalCount). Directives, unions,
nested lists and unlisted resolvers make it unplannable, and normal resolution runs instead.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
)
from sqlalchemy import inspect

from api.planner.fields import (
    FIELDS,
    NODE_VISIBILITY,
    Correlated,
    Derived,
    PlannedField,
    ToOne,
)
from resolvers.nodes import NODE_MODELS
from resolvers.roots import ROOT_LISTS


class Unplannable(Exception):
    """The operation, or this request of it, needs normal resolution."""


# Relations joined into one root field's SELECT. PostgreSQL's planning time grows steeply with
# the number of joined tables (a second for 37 in one measured query, against 2 ms of execution),
# and SQLite refuses more than 64; wider selections load their relations through DataLoaders.
MAX_JOINS = 8


@dataclass(frozen=True)
class Leaf:
    """A column of the row, serialised by the field's GraphQL type."""

    column: str
    serialize: Callable[[Any], Any]
    non_null: bool


@dataclass(frozen=True)
class Computed:
    field: Derived | Correlated
    serialize: Callable[[Any], Any]
    non_null: bool


@dataclass(frozen=True)
class Relation:
    field: ToOne
    plan: "ObjectPlan"
    non_null: bool


@dataclass(frozen=True)
class GlobalId:
    type_name: str


@dataclass(frozen=True)
class TypeName:
    name: str


Entry = Leaf | Computed | Relation | GlobalId | TypeName


@dataclass(frozen=True)
class ObjectPlan:
    """The response keys of one object and how each is read."""

    type_name: str
    model: type
    entries: tuple[tuple[str, Entry], ...]


@dataclass(frozen=True)
class ConnectionPlan:
    """A root connection: its field, arguments and the parts of the connection asked for."""

    key: str
    field_name: str
    node: FieldNode
    definition: GraphQLField
    # Response keys of the connection object: "edges", "nodes", "pageInfo", "totalCount" or a
    # type name, each with what it holds.
    parts: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class EdgesPart:
    keys: tuple[tuple[str, str | ObjectPlan], ...]  # "cursor", "__typename:Edge" or a node plan


@dataclass(frozen=True)
class NodesPart:
    plan: ObjectPlan


@dataclass(frozen=True)
class PageInfoPart:
    keys: tuple[tuple[str, str], ...]


@dataclass
class NodePlan:
    """`node(id:)`: the object's plan depends on the type the ID names, so it is made per type."""

    key: str
    node: FieldNode
    definition: GraphQLField
    selection: tuple[FieldNode, ...]
    by_type: dict[str, ObjectPlan | None] = field(default_factory=dict)


@dataclass(frozen=True)
class OperationPlan:
    document: DocumentNode
    operation: OperationDefinitionNode
    roots: tuple["ConnectionPlan | NodePlan", ...]
    collector: "Collector"


class Planner:
    """Makes plans for operations against one schema."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema

    def plan_operation(self, document: DocumentNode, operation_name: str | None) -> OperationPlan:
        operation = self._operation(document, operation_name)
        if operation.operation is not OperationType.QUERY or operation.directives:
            raise Unplannable("not a query")
        query_type = self.schema.query_type
        assert query_type is not None
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        collector = Collector(self.schema, fragments)

        roots: list[ConnectionPlan | NodePlan] = []
        for key, nodes in collector.collect(query_type, [operation.selection_set]).items():
            name = nodes[0].name.value
            definition = query_type.fields.get(name)
            if len(nodes) > 1 or definition is None:
                raise Unplannable(f"root field {key} is selected twice or unknown")
            if name in ROOT_LISTS:
                roots.append(self._connection(collector, key, nodes[0], definition))
            elif name == "node":
                roots.append(NodePlan(key, nodes[0], definition, tuple(nodes)))
            else:
                raise Unplannable(f"root field {name} is not planned")
        return OperationPlan(document, operation, tuple(roots), collector)

    def plan_node(self, collector: "Collector", plan: NodePlan, type_name: str) -> ObjectPlan | None:
        """Return the object plan of `node` for rows of `type_name`, or None when unplannable."""
        if type_name not in plan.by_type:
            try:
                object_type = self.schema.type_map[type_name]
                if type_name not in NODE_VISIBILITY or not isinstance(object_type, GraphQLObjectType):
                    raise Unplannable(f"node of type {type_name}")
                object_plan = self._object(collector, object_type, list(plan.selection))
                if count_joins(object_plan) > MAX_JOINS:
                    raise Unplannable("too many joined relations")
                plan.by_type[type_name] = object_plan
            except Unplannable:
                plan.by_type[type_name] = None
        return plan.by_type[type_name]

    def _operation(self, document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if operation_name is None:
            if len(operations) != 1:
                raise Unplannable("the operation to run is ambiguous")
            return operations[0]
        for operation in operations:
            if operation.name is not None and operation.name.value == operation_name:
                return operation
        raise Unplannable(f"no operation named {operation_name}")

    def _connection(
        self, collector: "Collector", key: str, node: FieldNode, definition: GraphQLField
    ) -> ConnectionPlan:
        connection_type = unwrap(definition.type)
        assert isinstance(connection_type, GraphQLObjectType)
        edge_type = get_named_type(connection_type.fields["edges"].type)
        node_type = get_named_type(connection_type.fields["nodes"].type)
        page_info_type = unwrap(connection_type.fields["pageInfo"].type)
        assert isinstance(edge_type, GraphQLObjectType) and isinstance(node_type, GraphQLObjectType)
        assert isinstance(page_info_type, GraphQLObjectType)

        parts: list[tuple[str, Any]] = []
        for part_key, nodes in collector.collect(connection_type, [node.selection_set]).items():
            name = nodes[0].name.value
            if name == "__typename":
                parts.append((part_key, TypeName(connection_type.name)))
            elif name == "totalCount":
                parts.append((part_key, "totalCount"))
            elif name == "nodes":
                parts.append((part_key, NodesPart(self._object(collector, node_type, nodes))))
            elif name == "pageInfo":
                keys = []
                for info_key, info_nodes in collector.collect(page_info_type, selections(nodes)).items():
                    info_name = info_nodes[0].name.value
                    keys.append((info_key, f"__typename:{page_info_type.name}" if info_name == "__typename" else info_name))
                parts.append((part_key, PageInfoPart(tuple(keys))))
            elif name == "edges":
                edge_keys: list[tuple[str, str | ObjectPlan]] = []
                for edge_key, edge_nodes in collector.collect(edge_type, selections(nodes)).items():
                    edge_name = edge_nodes[0].name.value
                    if edge_name == "node":
                        edge_keys.append((edge_key, self._object(collector, node_type, edge_nodes)))
                    elif edge_name == "cursor":
                        edge_keys.append((edge_key, "cursor"))
                    else:
                        edge_keys.append((edge_key, f"__typename:{edge_type.name}"))
                parts.append((part_key, EdgesPart(tuple(edge_keys))))
            else:
                raise Unplannable(f"connection field {name}")
        plan = ConnectionPlan(key, node.name.value, node, definition, tuple(parts))
        joins = sum(count_joins(part.plan) for _, part in parts if isinstance(part, NodesPart)) + sum(
            count_joins(value) for _, part in parts if isinstance(part, EdgesPart) for _, value in part.keys if isinstance(value, ObjectPlan)
        )
        if joins > MAX_JOINS:
            raise Unplannable(f"{joins} joined relations")
        return plan

    def _object(self, collector: "Collector", object_type: GraphQLObjectType, nodes: list[FieldNode]) -> ObjectPlan:
        type_name = object_type.name
        model = NODE_MODELS.get(type_name)
        if model is None:
            raise Unplannable(f"type {type_name} has no model")
        columns = set(inspect(model).column_attrs.keys())
        listed = FIELDS.get(type_name, {})

        entries: list[tuple[str, Entry]] = []
        for key, field_nodes in collector.collect(object_type, selections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                entries.append((key, TypeName(type_name)))
                continue
            definition = object_type.fields[name]
            if name == "id":
                entries.append((key, GlobalId(type_name)))
                continue
            planned: PlannedField | None = listed.get(name)
            if isinstance(planned, ToOne):
                target = unwrap(definition.type)
                if not isinstance(target, GraphQLObjectType):
                    raise Unplannable(f"relation {name} is not a single object")
                plan = self._object(collector, target, field_nodes)
                entries.append((key, Relation(planned, plan, isinstance(definition.type, GraphQLNonNull))))
            elif planned is not None:
                entries.append((key, Computed(planned, leaf_serializer(definition), is_non_null(definition))))
            else:
                entries.append((key, self._column(definition, columns, field_nodes)))
        return ObjectPlan(type_name, model, tuple(entries))

    def _column(self, definition: GraphQLField, columns: set[str], nodes: list[FieldNode]) -> Leaf:
        strawberry_field = definition.extensions.get("strawberry-definition")
        if strawberry_field is None or strawberry_field.base_resolver is not None or definition.args:
            raise Unplannable("a field with a resolver")
        if strawberry_field.python_name not in columns:
            raise Unplannable(f"field {strawberry_field.python_name} is not a column")
        return Leaf(strawberry_field.python_name, leaf_serializer(definition), is_non_null(definition))


def count_joins(plan: ObjectPlan) -> int:
    return sum(1 + count_joins(entry.plan) for _, entry in plan.entries if isinstance(entry, Relation))


class Collector:
    """Collects the fields of selection sets by response key, following fragments, as GraphQL's
    CollectFields does for a known object type."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.schema = schema
        self.fragments = fragments

    def collect(self, object_type: GraphQLObjectType, sets: Iterable[SelectionSetNode | None]) -> dict[str, list[FieldNode]]:
        fields: dict[str, list[FieldNode]] = {}
        for selection_set in sets:
            if selection_set is not None:
                self._collect(object_type, selection_set, fields, set())
        return fields

    def _collect(
        self,
        object_type: GraphQLObjectType,
        selection_set: SelectionSetNode,
        fields: dict[str, list[FieldNode]],
        visited: set[str],
    ) -> None:
        for selection in selection_set.selections:
            if selection.directives:
                raise Unplannable("a directive")
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if self._applies(selection.type_condition, object_type):
                    self._collect(object_type, selection.selection_set, fields, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if name in visited or fragment is None:
                    continue
                visited.add(name)
                if self._applies(fragment.type_condition, object_type):
                    self._collect(object_type, fragment.selection_set, fields, visited)

    def _applies(self, condition: Any, object_type: GraphQLObjectType) -> bool:
        if condition is None:
            return True
        named = self.schema.type_map.get(condition.name.value)
        if named is object_type:
            return True
        return named is not None and named in object_type.interfaces


def selections(nodes: list[FieldNode]) -> list[SelectionSetNode | None]:
    return [node.selection_set for node in nodes]


def unwrap(graphql_type: Any) -> Any:
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return graphql_type


def is_non_null(definition: GraphQLField) -> bool:
    return isinstance(definition.type, GraphQLNonNull)


def leaf_serializer(definition: GraphQLField) -> Callable[[Any], Any]:
    """Return the serializer graphql-core applies to the field's value; lists are not planned."""
    named = unwrap(definition.type)
    if isinstance(named, GraphQLList) or not isinstance(named, GraphQLScalarType | GraphQLEnumType):
        raise Unplannable("a field that is not a scalar or an enum")
    members = getattr(named, "wrapped_cls", None)
    if members is None:
        return named.serialize
    # Strawberry's enum type finds a member's name by scanning every value. The names are looked
    # up once here, by the same function, and then read from a dict.
    names = {member: named.serialize(member) for member in members}
    serialize = named.serialize
    return lambda value: names.get(value) or serialize(value)
