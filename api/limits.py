"""Limits that protect the API from costly requests, all checked before any resolver runs SQL.

- Shape (a validation rule): the depth of field nesting and the number of aliases of each operation,
  with fragments expanded.
- Cost (a schema extension): the number of objects an operation may return. Each connection field
  (a field whose type name ends in "Connection") adds its page size (first or last, 20 by default)
  times the page sizes of the connections above it. `nodes(ids:)` adds the number of its IDs in the
  same way. The cost in points is that number / 100 rounded up, and at least 1. An operation whose
  number exceeds `max_query_nodes` is rejected with QUERY_TOO_COMPLEX.
- Budget: every request that reaches GraphQL spends its cost from the caller's hourly budget (per
  API key, or per client IP address without a key). A request that does not parse, fails validation
  or is too complex costs 1 point. A request that costs more than remains gets HTTP 429.
"""

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from ipaddress import (
    IPv4Address,
    IPv4Network,
    IPv6Address,
    IPv6Network,
    ip_address,
    ip_network,
)
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLIncludeDirective,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
)
from graphql.execution.values import (
    VariableValues,
    get_argument_values,
    get_directive_values,
    get_variable_values,
)
from starlette.types import Scope
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from api.errors import LimitError
from resolvers.access import Viewer
from resolvers.connections import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from resolvers.messages import MESSAGES
from resolvers.nodes import MAX_NODES

logger = logging.getLogger(__name__)

CONNECTION_SUFFIX = "Connection"
NODES_PER_POINT = 100
WINDOW_SECONDS = 3600
# Callers whose windows the limiter keeps at once; each takes about 200 bytes.
MAX_TRACKED_CALLERS = 100_000
# A host on IPv6 usually gets a whole /64, so anonymous budgets are shared per /64 network.
IPV6_CALLER_PREFIX = 64

LIMIT_MESSAGES: dict[str, tuple[str, str]] = {
    "limits.too_deep": (
        "Поля в операции вложены на {depth} уровней, а допускается не больше {maximum}. Запросите "
        "глубоко вложенные объекты отдельным запросом, например через node(id:).",
        "The operation nests fields {depth} levels deep, but at most {maximum} levels are allowed. "
        "Request deeply nested objects in a separate query, e.g. through node(id:).",
    ),
    "limits.too_many_aliases": (
        "В операции {count} псевдонимов полей с учётом фрагментов, а допускается не больше {maximum}. "
        "Запросите один список с фильтром вместо многих псевдонимов или разбейте запрос на несколько.",
        "The operation has {count} field aliases, counting those in fragments, but at most {maximum} "
        "are allowed. Request one filtered list instead of many aliases, or split the query into several.",
    ),
    "limits.query_too_complex": (
        "Запрос может вернуть до {nodes} объектов, а допускается не больше {maximum}. Каждый список "
        "добавляет свой размер страницы (first или last, по умолчанию 20), умноженный на размеры "
        "страниц списков, в которые он вложен. Уменьшите first или last у вложенных списков, уберите "
        "псевдонимы, повторяющие списки, или разбейте запрос на несколько.",
        "The query may return up to {nodes} objects, but at most {maximum} are allowed. Each list adds "
        "its page size (first or last, 20 by default) times the page sizes of the lists it is nested "
        "in. Lower first or last on nested lists, drop aliases that repeat a list, or split the query "
        "into several.",
    ),
    "limits.rate_limited": (
        "Часовой лимит ключа API исчерпан: запрос стоит {cost} баллов, а осталось {remaining} из "
        "{limit}. Повторите запрос через {retry_after} с. Стоимость запроса — число объектов, которые "
        "он может вернуть, делённое на 100 с округлением вверх.",
        "The API key's hourly limit is used up: the request costs {cost} points, but {remaining} of "
        "{limit} remain. Retry in {retry_after} s. A request costs the number of objects it may return "
        "divided by 100, rounded up.",
    ),
    "limits.rate_limited_anonymous": (
        "Часовой лимит запросов без ключа API с вашего IP-адреса исчерпан: запрос стоит {cost} баллов, "
        "а осталось {remaining} из {limit}. Повторите запрос через {retry_after} с или запросите ключ "
        "API у администратора: у ключа свой, больший лимит.",
        "The hourly limit of requests without an API key from your IP address is used up: the request "
        "costs {cost} points, but {remaining} of {limit} remain. Retry in {retry_after} s, or ask the "
        "administrator for an API key, which has a larger limit of its own.",
    ),
    "limits.batch": (
        "Пакетные запросы не поддерживаются: тело запроса — JSON-массив из {count} операций. "
        "Отправьте каждую операцию отдельным запросом или объедините поля в одну операцию.",
        "Batched requests are not supported: the request body is a JSON array of {count} operations. "
        "Send each operation in its own request, or combine the fields into one operation.",
    ),
}
assert not LIMIT_MESSAGES.keys() & MESSAGES.keys()
MESSAGES.update(LIMIT_MESSAGES)


def batch_rejected(count: int) -> LimitError:
    return LimitError("BAD_REQUEST", "limits.batch", count=count)


# Fragments are measured once each and combined in dependency order, so a fragment spread many
# times over costs no more work than one spread. Following every spread instead takes time
# exponential in the number of fragments: for 18 fragments that each spread the previous one
# twice, strawberry 0.341's QueryDepthLimiter took 0.8 s and MaxAliasesLimiter 0.6 s, and each
# further fragment doubles that.


def dependency_order(spreads: Mapping[str, Sequence[str]]) -> list[str]:
    """Return the fragment names of `spreads` so that each comes after the fragments it spreads.

    A cycle (which validation rejects anyway) is cut where the walk finds it. The walk keeps its own
    stack, so a long chain of fragments cannot exhaust Python's recursion limit.
    """
    order: list[str] = []
    seen: set[str] = set()
    for root in spreads:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(spreads[root]))]
        while stack:
            name, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                order.append(name)
            elif child in spreads and child not in seen:
                seen.add(child)
                stack.append((child, iter(spreads[child])))
    return order


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


@dataclass
class Shape:
    """The depth and aliases of one selection set, with its fragment spreads not yet followed."""

    # Fields on the longest path, a top-level field counting 1.
    depth: int = 0
    aliases: int = 0
    # Each spread's fragment name and the number of fields above the spread.
    spreads: list[tuple[str, int]] = field(default_factory=list)

    def expand(self, fragments: Mapping[str, tuple[int, int]]) -> tuple[int, int]:
        """Return (depth, aliases) with the spreads replaced by the fragments' (depth, aliases)."""
        depth, aliases = self.depth, self.aliases
        for name, above in self.spreads:
            fragment_depth, fragment_aliases = fragments.get(name, (0, 0))
            depth = max(depth, above + fragment_depth)
            aliases += fragment_aliases
        return depth, aliases


def measure_shape(selection_set: SelectionSetNode) -> Shape:
    shape = Shape()
    stack = [(selection_set, 0)]
    while stack:
        current, above = stack.pop()
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                shape.depth = max(shape.depth, above + 1)
                if selection.alias is not None:
                    shape.aliases += 1
                if selection.selection_set is not None:
                    stack.append((selection.selection_set, above + 1))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, above))
            elif isinstance(selection, FragmentSpreadNode):
                shape.spreads.append((selection.name.value, above))
    return shape


def operation_shape_rule(max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """Return a validation rule that rejects an operation deeper than `max_depth` fields or with
    more than `max_aliases` aliases, fragments expanded.

    Introspection fields count like any other, so nesting `ofType` or `fields` cannot grow an
    introspection response without bound. GraphiQL's introspection query is 15 fields deep.
    Create the rule once per schema: strawberry's validation cache keys its entries by the rules.
    """

    class OperationShapeRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            fragments = fragments_of(context.document)
            shapes = {name: measure_shape(fragment.selection_set) for name, fragment in fragments.items()}
            expanded: dict[str, tuple[int, int]] = {}
            for name in dependency_order({name: [spread for spread, _ in shape.spreads] for name, shape in shapes.items()}):
                expanded[name] = shapes[name].expand(expanded)

            for definition in context.document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                depth, aliases = measure_shape(definition.selection_set).expand(expanded)
                if depth > max_depth:
                    error = LimitError("GRAPHQL_VALIDATION_FAILED", "limits.too_deep", depth=depth, maximum=max_depth)
                    context.report_error(
                        GraphQLError(f"the operation is {depth} fields deep", definition, original_error=error)
                    )
                if aliases > max_aliases:
                    error = LimitError(
                        "GRAPHQL_VALIDATION_FAILED", "limits.too_many_aliases", count=aliases, maximum=max_aliases
                    )
                    context.report_error(
                        GraphQLError(f"the operation has {aliases} aliases", definition, original_error=error)
                    )

    return OperationShapeRule


@dataclass(frozen=True)
class QueryCost:
    """The number of objects an operation may return, and its cost in points."""

    nodes: int

    @property
    def points(self) -> int:
        return max(1, math.ceil(self.nodes / NODES_PER_POINT))


@dataclass
class NodeCount:
    """The objects of one selection set, with its fragment spreads not yet followed."""

    nodes: int = 0
    # Each spread's fragment name and the product of the page sizes above the spread.
    spreads: list[tuple[str, int]] = field(default_factory=list)

    def expand(self, fragments: Mapping[str, int]) -> int:
        # A fragment's count is for one parent object; under connections it repeats per object.
        return self.nodes + sum(multiplier * fragments.get(name, 0) for name, multiplier in self.spreads)


class NodeCounter:
    """Counts the objects that selection sets may return, under one operation's variables."""

    def __init__(self, schema: GraphQLSchema, variables: VariableValues) -> None:
        self.schema = schema
        self.variables = variables

    def count(self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None) -> NodeCount:
        result = NodeCount()
        stack = [(selection_set, parent, 1)]
        while stack:
            current, parent_type, multiplier = stack.pop()
            for selection in current.selections:
                if not self.included(selection):
                    continue
                if isinstance(selection, FieldNode):
                    self.count_field(selection, parent_type, multiplier, result, stack)
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    inner = self.schema.get_type(condition.name.value) if condition else parent_type
                    stack.append((selection.selection_set, inner, multiplier))
                elif isinstance(selection, FragmentSpreadNode):
                    result.spreads.append((selection.name.value, multiplier))
        return result

    def count_field(
        self,
        node: FieldNode,
        parent_type: GraphQLNamedType | None,
        multiplier: int,
        result: NodeCount,
        stack: list[tuple[SelectionSetNode, GraphQLNamedType | None, int]],
    ) -> None:
        # Introspection fields (`__schema`, `__type`, `__typename`) read no data and cost nothing.
        if node.name.value.startswith("__"):
            return
        if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            return
        definition = parent_type.fields.get(node.name.value)
        if definition is None:
            return
        size = self.page_size(definition.type, definition, node)
        if size is not None:
            result.nodes += multiplier * size
            multiplier *= size
        # NOTE: other lists of objects (Program.partners, Viewer.organizations) count as one object
        # each: their length comes from the data, not from the query.
        if node.selection_set is not None:
            stack.append((node.selection_set, get_named_type(definition.type), multiplier))

    def page_size(self, field_type: Any, definition: Any, node: FieldNode) -> int | None:
        """Return the number of objects a connection or `nodes(ids:)` returns per parent, else None.

        Values outside 0..100 are clamped, because the resolver rejects them before its SQL runs
        with a message that names the argument, which helps the caller more than QUERY_TOO_COMPLEX.
        """
        if get_named_type(field_type).name.endswith(CONNECTION_SUFFIX):
            arguments = self.arguments(definition, node)
            sizes = [value for value in (arguments.get("first"), arguments.get("last")) if isinstance(value, int)]
            size = max(sizes) if sizes else DEFAULT_PAGE_SIZE
            return min(max(size, 0), MAX_PAGE_SIZE)
        if is_list_type(get_nullable_type(field_type)) and "ids" in definition.args:
            ids = self.arguments(definition, node).get("ids")
            return min(len(ids), MAX_NODES) if isinstance(ids, list) else 0
        return None

    def arguments(self, definition: Any, node: FieldNode) -> dict[str, Any]:
        try:
            return get_argument_values(definition, node, self.variables)
        except GraphQLError:
            return {}  # execution reports the invalid argument before the resolver runs

    def included(self, node: Any) -> bool:
        """Return whether @skip and @include keep `node` in the operation."""
        try:
            skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
            include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        except GraphQLError:
            return True
        if skip is not None and skip.get("if") is True:
            return False
        return include is None or include.get("if") is True


def measure_cost(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any] | None
) -> QueryCost:
    """Return the cost of the operation `operation_name` of a validated `document`.

    Fields repeated in the document (e.g. by two fragments) are counted each time, although
    execution merges them, so the count can only be too high.
    """
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return QueryCost(0)
    coerced = get_variable_values(schema, operation.variable_definitions or (), dict(variables or {}))
    if isinstance(coerced, list):
        return QueryCost(0)  # execution rejects the variables before any resolver runs

    counter = NodeCounter(schema, coerced)
    counts = {
        name: counter.count(fragment.selection_set, schema.get_type(fragment.type_condition.name.value))
        for name, fragment in fragments_of(document).items()
    }
    expanded: dict[str, int] = {}
    for name in dependency_order({name: [spread for spread, _ in count.spreads] for name, count in counts.items()}):
        expanded[name] = counts[name].expand(expanded)

    root_type = schema.get_root_type(operation.operation)
    return QueryCost(counter.count(operation.selection_set, root_type).expand(expanded))


@dataclass(frozen=True)
class RateLimitStatus:
    """A caller's hourly budget after a request: the values of the X-RateLimit-* headers."""

    limit: int
    # This request's cost in points; 0 where the request spent nothing.
    cost: int
    used: int
    # When the window ends and `used` returns to 0, in epoch seconds.
    reset_at: float

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def reset_datetime(self) -> datetime:
        return datetime.fromtimestamp(self.reset_at, UTC)

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Used": str(self.used),
            "X-RateLimit-Reset": str(math.ceil(self.reset_at)),
            "X-RateLimit-Resource": "graphql",
        }


@dataclass
class Window:
    started: float
    used: int = 0
    rejections: int = 0


class RateLimiter:
    """Hourly budgets of cost points in process memory, one fixed window per caller.

    A caller's window starts with its first request and lasts `window_seconds`; then the next
    request starts a new one. Windows are kept in the order they started, so expired ones are
    dropped from the front in constant time. Beyond `max_callers` the oldest window is dropped even
    when it is still running, which gives that caller a fresh budget. A lock makes each check and
    spend atomic, for threads as well as for tasks.

    NOTE: each worker process keeps its own counts, so with several workers (`--workers N`, or
    several servers) a caller can spend up to N times its budget, depending on where the balancer
    sends its requests. A shared store fixes that: an atomic counter per caller and window in Redis
    (INCRBY with EXPIRE) or in a PostgreSQL table (INSERT ... ON CONFLICT DO UPDATE ... RETURNING).
    """

    def __init__(
        self,
        *,
        window_seconds: float = WINDOW_SECONDS,
        max_callers: int = MAX_TRACKED_CALLERS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.window_seconds = window_seconds
        self.max_callers = max_callers
        self.clock = clock
        self._windows: OrderedDict[str, Window] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._windows)

    def spend(self, caller: str, limit: int, cost: int) -> tuple[bool, RateLimitStatus]:
        """Spend `cost` points of `caller`'s budget of `limit` points unless fewer remain.

        Return whether the points were spent, and the budget after the request.
        """
        with self._lock:
            now = self.clock()
            self._drop_expired(now)
            window = self._windows.get(caller)
            if window is None:
                if len(self._windows) >= self.max_callers:
                    self._windows.popitem(last=False)
                window = self._windows[caller] = Window(started=now)
            allowed = window.used + cost <= limit
            if allowed:
                window.used += cost
            else:
                window.rejections += 1
                if window.rejections == 1:
                    logger.info("caller %s used up its budget of %d points for this hour", caller, limit)
            return allowed, RateLimitStatus(limit, cost, window.used, window.started + self.window_seconds)

    def peek(self, caller: str, limit: int) -> RateLimitStatus:
        """Return `caller`'s budget without spending: a caller without a window has all of it."""
        with self._lock:
            now = self.clock()
            self._drop_expired(now)
            window = self._windows.get(caller)
            if window is None:
                return RateLimitStatus(limit, 0, 0, now + self.window_seconds)
            return RateLimitStatus(limit, 0, window.used, window.started + self.window_seconds)

    def _drop_expired(self, now: float) -> None:
        while self._windows:
            first = next(iter(self._windows.values()))
            if first.started + self.window_seconds > now:
                return
            self._windows.popitem(last=False)


Network = IPv4Network | IPv6Network


def client_address(scope: Scope, trusted_proxies: Sequence[Network]) -> IPv4Address | IPv6Address | None:
    """Return the client's address: the peer's, or behind trusted proxies the one they forwarded.

    X-Forwarded-For is read only when the peer is a trusted proxy, from the right: each proxy
    appends the address it received from, so the first address that is not a trusted proxy is the
    client. An address that does not parse ends the walk at the last trusted proxy.
    """
    client = scope.get("client")
    address = parse_address(client[0]) if client else None
    if address is None or not is_trusted(address, trusted_proxies):
        return address

    hops = [
        hop.strip()
        for name, value in scope.get("headers", [])
        if name.lower() == b"x-forwarded-for"
        for hop in value.decode("latin-1").split(",")
    ]
    for hop in reversed(hops):
        forwarded = parse_address(hop)
        if forwarded is None:
            break
        address = forwarded
        if not is_trusted(address, trusted_proxies):
            break
    return address


def parse_address(text: str) -> IPv4Address | IPv6Address | None:
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(address: IPv4Address | IPv6Address, trusted_proxies: Sequence[Network]) -> bool:
    return any(address in network for network in trusted_proxies)


def anonymous_caller(address: IPv4Address | IPv6Address | None) -> str:
    """Return the budget key of a caller without an API key: its IPv4 address or IPv6 /64."""
    if address is None:
        return "ip:unknown"
    if isinstance(address, IPv6Address):
        return f"ip:{ip_network(f'{address}/{IPV6_CALLER_PREFIX}', strict=False)}"
    return f"ip:{address}"


@dataclass
class RequestBudget:
    """One request's view of its caller's budget. The schema extension spends it once, checking `settled` first."""

    limiter: RateLimiter
    caller: str
    limit: int
    anonymous: bool
    # The budget after this request spent its cost; None until it has.
    spent: RateLimitStatus | None = None
    # The budget when the request was rejected for costing more than remains.
    rejected: RateLimitStatus | None = None

    def spend(self, cost: int) -> bool:
        allowed, status = self.limiter.spend(self.caller, self.limit, cost)
        if allowed:
            self.spent = status
        else:
            self.rejected = status
        return allowed

    @property
    def settled(self) -> bool:
        return self.spent is not None or self.rejected is not None

    def status(self) -> RateLimitStatus:
        return self.spent or self.rejected or self.limiter.peek(self.caller, self.limit)

    def rejection(self) -> LimitError:
        """Return the HTTP 429 rejection of a request that costs more than remains."""
        status = self.rejected or self.status()
        retry_after = max(1, math.ceil(status.reset_at - self.limiter.clock()))
        key = "limits.rate_limited_anonymous" if self.anonymous else "limits.rate_limited"
        return LimitError(
            "RATE_LIMITED",
            key,
            status_code=429,
            headers=status.headers() | {"Retry-After": str(retry_after)},
            cost=status.cost,
            remaining=status.remaining,
            limit=status.limit,
            retry_after=retry_after,
        )


@dataclass(frozen=True)
class BudgetPolicy:
    """The choice of budget a request spends from: its API key's, or its client address's."""

    limiter: RateLimiter
    key_points: int
    anonymous_points: int
    trusted_proxies: tuple[Network, ...] = ()

    @classmethod
    def create(
        cls, *, key_points: int, anonymous_points: int, trusted_proxies: Sequence[str], limiter: RateLimiter | None = None
    ) -> "BudgetPolicy":
        networks = tuple(ip_network(entry, strict=False) for entry in trusted_proxies)
        return cls(limiter or RateLimiter(), key_points, anonymous_points, networks)

    def budget_for(self, viewer: Viewer, scope: Scope) -> RequestBudget:
        if viewer.key_id is not None:
            return RequestBudget(self.limiter, f"key:{viewer.key_id}", self.key_points, anonymous=False)
        caller = anonymous_caller(client_address(scope, self.trusted_proxies))
        return RequestBudget(self.limiter, caller, self.anonymous_points, anonymous=True)


# The budget of the request being served; set by the HTTP view, read by the extension and by
# `Viewer.rateLimit`. None when the schema runs outside the HTTP view, e.g. in a script.
current_budget: ContextVar[RequestBudget | None] = ContextVar("current_budget", default=None)


def current_rate_limit() -> RateLimitStatus | None:
    """Return the current request's budget after it spent its cost, or None outside a request."""
    budget = current_budget.get()
    return budget.status() if budget is not None else None


def rejected_result(error: LimitError) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(error.message_key, original_error=error)])


class CostCache:
    """The costs of recent operations by document, operation name and variables.

    Clients repeat the same operation with the same variables (the first page of a list, say);
    measuring its cost walks the whole document each time.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._costs: OrderedDict[tuple[str, str | None, bytes], QueryCost] = OrderedDict()
        self._lock = threading.Lock()

    def cost_of(self, context: Any) -> QueryCost:
        return self.cost(
            context.schema._schema, context.graphql_document, context.query or "", context.operation_name, context.variables
        )

    def cost(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        query: str,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
    ) -> QueryCost:
        try:
            encoded = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return measure_cost(schema, document, operation_name, variables)
        key = (query, operation_name, encoded)
        with self._lock:
            found = self._costs.get(key)
            if found is not None:
                self._costs.move_to_end(key)
                return found
        cost = measure_cost(schema, document, operation_name, variables)
        with self._lock:
            self._costs[key] = cost
            if len(self._costs) > self.size:
                self._costs.popitem(last=False)
        return cost


class QueryCostLimiter(SchemaExtension):
    """Rejects an operation that may return more than `max_nodes` objects, and spends its cost.

    Runs after validation and before execution, so a rejected operation runs no SQL.
    """

    def __init__(self, *, max_nodes: int, costs: CostCache | None = None) -> None:
        self.max_nodes = max_nodes
        self.costs = costs

    def cost_of(self, context: Any) -> QueryCost:
        if self.costs is None:
            return measure_cost(context.schema._schema, context.graphql_document, context.operation_name, context.variables)
        return self.costs.cost_of(context)

    def on_operation(self) -> Iterator[None]:
        try:
            # ParserCache raises a syntax error through this hook rather than returning it.
            yield
        finally:
            budget = current_budget.get()
            if budget is not None and not budget.settled:
                # The request never reached execution: a syntax or validation error, or too complex.
                budget.spend(1)

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        cost = self.cost_of(context)
        budget = current_budget.get()
        if cost.nodes > self.max_nodes:
            logger.info("rejected an operation that may return %d objects (limit %d)", cost.nodes, self.max_nodes)
            error = LimitError("QUERY_TOO_COMPLEX", "limits.query_too_complex", nodes=cost.nodes, maximum=self.max_nodes)
            context.result = rejected_result(error)
        # A request that fell back from the direct planned path has spent its cost already.
        elif budget is not None and budget.spent is None and not budget.spend(cost.points):
            context.result = rejected_result(budget.rejection())
        yield
