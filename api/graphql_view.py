"""The GraphQL route: context per request, localised errors, orjson responses, GraphiQL page."""

import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import orjson
import strawberry
from cross_web import HTTPException
from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.execution import ExecutionContext

from api.auth import AuthenticationError, authenticate
from api.errors import LimitError, format_errors, http_error_body
from api.graphiql import render_graphiql
from api.language import pick_language
from api.limits import (
    BudgetPolicy,
    CostCache,
    RequestBudget,
    batch_rejected,
    current_budget,
    current_rate_limit,
)
from api.logging_setup import current_operation
from api.metrics import Metrics
from api.planner import QueryPlanner
from api.subscriptions import LiveWebSocketMixin
from resolvers.audit import record_personal_reads
from resolvers.context import RequestContext
from resolvers.monitoring.settings import MonitoringSettings

logger = logging.getLogger(__name__)


GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json"


def request_is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"


def wants_graphql_response(request: Request) -> bool:
    """Return whether the client accepts the GraphQL-over-HTTP media type."""
    return GRAPHQL_RESPONSE_TYPE in request.headers.get("accept", "")


NAMED_OPERATION = re.compile(r"\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")


async def read_body_within(request: Request, limit: int) -> bool:
    """Read the body into the request's cache, or stop and return False once it passes `limit`.

    A body sent in chunks has no Content-Length, so it is counted while it arrives rather than
    buffered whole before the check.
    """
    if request.method != "POST":
        return True
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return False
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return False
        chunks.append(chunk)
    # Starlette's `Request.body()` returns this cache, so later readers see the same bytes.
    request._body = b"".join(chunks)  # noqa: SLF001
    return True


async def read_operation(request: Request) -> tuple[str | None, str | None]:
    """Return the operationName and the document of a GET or JSON POST request, None where absent."""
    if request.method == "GET":
        return request.query_params.get("operationName"), request.query_params.get("query")
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        return None, None
    if not isinstance(body, dict):
        return None, None
    name, document = body.get("operationName"), body.get("query")
    return (name if isinstance(name, str) else None), (document if isinstance(document, str) else None)


def operation_name(name: str | None, document: str | None) -> str | None:
    """Return the operation name of a request: operationName, else the document's first name."""
    if name:
        return name
    found = NAMED_OPERATION.search(document) if document else None
    return found.group(1) if found else None


def check_operation_choice(name: str | None, document: str | None) -> None:
    """Reject a document with several operations and no operationName, as GraphQL requires."""
    if name or not document or len(NAMED_OPERATION.findall(document)) < 2:
        return
    try:
        definitions = parse(document).definitions
    except GraphQLError:
        return  # the normal path reports the syntax error
    if sum(isinstance(definition, OperationDefinitionNode) for definition in definitions) > 1:
        raise HTTPException(400, "the document has several operations, so operationName is required")


@dataclass(frozen=True)
class DirectPath:
    """What the view needs to answer a repeated planned operation without Strawberry's pipeline."""

    planner: QueryPlanner
    costs: CostCache
    max_nodes: int


class TalentsSchema(strawberry.Schema):
    # Set by build_schema; None turns the direct path off.
    direct: DirectPath | None = None

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors belong in the response; format_errors logs unexpected ones once.
        return None


class TalentsGraphQL(LiveWebSocketMixin, GraphQL[RequestContext, None]):
    """Strawberry's ASGI view with the project's context, error format and request checks."""

    def __init__(
        self,
        schema: strawberry.Schema,
        *,
        max_body_bytes: int,
        max_upload_bytes: int,
        graphiql: bool,
        monitoring: MonitoringSettings,
        metrics: Metrics,
        budgets: BudgetPolicy,
    ) -> None:
        # Multipart uploads carry import files. A browser on another site could send such a form
        # without a preflight, but every write needs a bearer key, which it cannot attach.
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None, multipart_uploads_enabled=True)
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes
        self.monitoring = monitoring
        self.metrics = metrics
        self.budgets = budgets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.handle_websocket(scope, receive, send)
            return

        request = Request(scope=scope, receive=receive)
        language = pick_language(request.headers.get("accept-language"))
        started = time.perf_counter()
        limit = self.body_limit(request)
        if not await read_body_within(request, limit):
            logger.info("rejected GraphQL request: the body is larger than %s bytes", limit)
            self.metrics.errors.labels(code="BAD_REQUEST").inc()
            reason = f"the request body is larger than {limit} bytes"
            await JSONResponse(http_error_body(reason, language), status_code=413)(scope, receive, send)
            return
        name, document = await read_operation(request)
        request.state.operation_name = operation_name(name, document)
        operation = self.metrics.operation_label(request.state.operation_name)
        token = current_operation.set(operation)
        budget: RequestBudget | None = None
        budget_token = None
        try:
            request.state.viewer = await authenticate(request)
            budget = self.budgets.budget_for(request.state.viewer, scope)
            budget_token = current_budget.set(budget)
            await self.check_body(request)
            check_operation_choice(name, document)
            response = await self.planned_response(request) or await self.run(request)
            if budget.rejected is not None:
                # The extension stopped the operation before execution and counted its error code.
                response = budget.rejection().response(language)
            elif wants_graphql_response(request):
                # GraphQL over HTTP: the new media type, and 400 for a request that never executed.
                response.headers["content-type"] = GRAPHQL_RESPONSE_TYPE
                if request.scope.get("state", {}).get("request_error"):
                    response.status_code = 400
        except AuthenticationError as error:
            self.metrics.errors.labels(code=error.code).inc()
            response = error.response(language)
        except HTTPException as error:
            logger.info("rejected GraphQL request: %s (status %s)", error.reason, error.status_code)
            self.metrics.errors.labels(code="BAD_REQUEST").inc()
            response = JSONResponse(http_error_body(error.reason, language), status_code=error.status_code)
        except LimitError as error:
            logger.info("rejected GraphQL request: %s (status %s)", error.message_key, error.status_code)
            self.metrics.errors.labels(code=error.code).inc()
            response = error.response(language)
        finally:
            current_operation.reset(token)
            if budget_token is not None:
                current_budget.reset(budget_token)
        if budget is not None:
            response.headers.update(budget.status().headers())
        await response(scope, receive, send)

        self.metrics.requests.labels(operation=operation, status=str(response.status_code)).inc()
        self.metrics.latency.labels(operation=operation).observe(time.perf_counter() - started)

    async def planned_response(self, request: Request) -> Response | None:
        """Answer a JSON POST of an operation that was planned before, or return None.

        A plan exists only for a document that Strawberry parsed and validated, and its rules do
        not depend on variables. So a repeat needs only what does: the cost limit and budget,
        and the plan's SELECT. Strawberry's pipeline (parsing the body again, the extension
        hooks, the result processing) costs about as much as the planned read itself. Anything
        the plan cannot answer, including every error, goes through the normal path.
        """
        direct: DirectPath | None = getattr(self.schema, "direct", None)
        if direct is None or request.method != "POST" or not request_is_json(request):
            return None
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return None
        if not isinstance(body, dict) or not body.keys() <= {"query", "operationName", "variables", "extensions"}:
            return None
        query, name, variables = body.get("query"), body.get("operationName"), body.get("variables")
        if body.get("extensions") or not isinstance(query, str) or not isinstance(name, str | None):
            return None
        if variables is not None and not isinstance(variables, dict):
            return None
        plan = direct.planner.cached_plan(query, name)
        if plan is None:
            return None

        cost = direct.costs.cost(self.schema._schema, plan.document, query, name, variables)
        budget = current_budget.get()
        if cost.nodes > direct.max_nodes or (budget is not None and not budget.spend(cost.points)):
            return None  # the normal path rejects it, with its message

        context = await self.get_context(request, None)  # type: ignore[arg-type]
        data = await direct.planner.run_planned(plan, context, variables)
        if data is None:
            return None
        return Response(orjson.dumps({"data": data}), media_type="application/json")

    def body_limit(self, request: Request) -> int:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        return self.max_upload_bytes if media_type == "multipart/form-data" else self.max_body_bytes

    async def check_body(self, request: Request) -> None:
        """Reject an oversized body, or a JSON body that is not an object, before parsing.

        A JSON array (several operations in one request) is rejected too: each operation would
        spend the caller's budget and could be rejected on its own, which one HTTP status cannot express.
        """
        if request.method != "POST":
            return
        limit = self.body_limit(request)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            # Rejected from the header, before the body is read into memory.
            raise HTTPException(413, f"the request body is larger than {limit} bytes")
        body = await request.body()
        if len(body) > limit:
            raise HTTPException(413, f"the request body is larger than {limit} bytes")
        if request.headers.get("content-type", "").split(";")[0].strip().endswith("json"):
            try:
                parsed = orjson.loads(body)
            except orjson.JSONDecodeError:
                raise HTTPException(400, "the request body is not valid UTF-8 JSON") from None
            if isinstance(parsed, list):
                raise batch_rejected(len(parsed))
            if not isinstance(parsed, dict):
                raise HTTPException(400, "the request body must be a JSON object")

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> RequestContext:
        context = RequestContext(
            read_sessions=request.app.state.read_sessions,
            write_sessions=request.app.state.sessions,
            # Set by `__call__` before execution; a missing viewer fails rather than reads as anonymous.
            viewer=request.state.viewer,
            language=pick_language(request.headers.get("accept-language")),
            request_id=request.scope.get("state", {}).get("request_id", ""),
            monitoring=self.monitoring,
            operation=getattr(request.state, "operation_name", None),
            rate_limit=current_rate_limit,
            live=getattr(request.app.state, "live", None),
        )
        request.state.context = context
        return context

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        context = getattr(request.state, "context", None)
        if context is not None:
            # Personal data leaves only once its reading is in the audit trail; a failure here
            # fails the request.
            await record_personal_reads(context)
        language = pick_language(request.headers.get("accept-language"))
        request_id = request.scope.get("state", {}).get("request_id", "")
        response: dict[str, Any] = {"data": result.data}
        if result.data is None and result.errors and not any(error.path for error in result.errors):
            # A request error: nothing executed, so the response has no data entry at all.
            del response["data"]
            request.scope.setdefault("state", {})["request_error"] = True
        if result.errors:
            # Suggestions such as "Did you mean 'title'?" reveal the schema's names; only key holders get them.
            suggestions = request.state.viewer.key_id is not None
            response["errors"] = format_errors(result.errors, language, request_id, suggestions=suggestions)
            for error in response["errors"]:
                self.metrics.errors.labels(code=error["extensions"]["code"]).inc()
        if result.extensions:
            response["extensions"] = result.extensions
        return response  # type: ignore[return-value]

    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(render_graphiql())
