"""The GraphQL route: context per request, localised errors, orjson responses, GraphiQL page."""

import logging
import re
import time
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
from api.errors import format_errors, http_error_body
from api.graphiql import render_graphiql
from api.language import pick_language
from api.logging_setup import current_operation
from api.metrics import Metrics
from resolvers.context import RequestContext
from resolvers.monitoring.settings import MonitoringSettings

logger = logging.getLogger(__name__)


GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json"


def wants_graphql_response(request: Request) -> bool:
    """Return whether the client accepts the GraphQL-over-HTTP media type."""
    return GRAPHQL_RESPONSE_TYPE in request.headers.get("accept", "")


NAMED_OPERATION = re.compile(r"\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")


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


class TalentsSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors belong in the response; format_errors logs unexpected ones once.
        return None


class TalentsGraphQL(GraphQL[RequestContext, None]):
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
    ) -> None:
        # Multipart uploads carry import files. A browser on another site could send such a form
        # without a preflight, but every write needs a bearer key, which it cannot attach.
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None, multipart_uploads_enabled=True)
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes
        self.monitoring = monitoring
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return

        request = Request(scope=scope, receive=receive)
        language = pick_language(request.headers.get("accept-language"))
        started = time.perf_counter()
        name, document = await read_operation(request)
        operation = self.metrics.operation_label(operation_name(name, document))
        token = current_operation.set(operation)
        try:
            request.state.viewer = await authenticate(request)
            await self.check_body(request)
            check_operation_choice(name, document)
            response = await self.run(request)
            if wants_graphql_response(request):
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
        finally:
            current_operation.reset(token)
        await response(scope, receive, send)

        self.metrics.requests.labels(operation=operation, status=str(response.status_code)).inc()
        self.metrics.latency.labels(operation=operation).observe(time.perf_counter() - started)

    async def check_body(self, request: Request) -> None:
        """Reject an oversized body, or a JSON body that is not an object or a list, before parsing."""
        if request.method != "POST":
            return
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        limit = self.max_upload_bytes if media_type == "multipart/form-data" else self.max_body_bytes
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
            if not isinstance(parsed, dict | list):
                raise HTTPException(400, "the request body must be a JSON object")

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> RequestContext:
        return RequestContext(
            read_sessions=request.app.state.read_sessions,
            write_sessions=request.app.state.sessions,
            # Set by `__call__` before execution; a missing viewer fails rather than reads as anonymous.
            viewer=request.state.viewer,
            language=pick_language(request.headers.get("accept-language")),
            request_id=request.scope.get("state", {}).get("request_id", ""),
            monitoring=self.monitoring,
        )

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        language = pick_language(request.headers.get("accept-language"))
        request_id = request.scope.get("state", {}).get("request_id", "")
        response: dict[str, Any] = {"data": result.data}
        if result.data is None and result.errors and not any(error.path for error in result.errors):
            # A request error: nothing executed, so the response has no data entry at all.
            del response["data"]
            request.scope.setdefault("state", {})["request_error"] = True
        if result.errors:
            response["errors"] = format_errors(result.errors, language, request_id)
            for error in response["errors"]:
                self.metrics.errors.labels(code=error["extensions"]["code"]).inc()
        if result.extensions:
            response["extensions"] = result.extensions
        return response  # type: ignore[return-value]

    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(render_graphiql())
