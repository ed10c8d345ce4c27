"""The GraphQL route: context per request, localised errors, orjson responses, GraphiQL page."""

import logging
from typing import Any

import orjson
import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from cross_web import HTTPException
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.execution import ExecutionContext

from api.errors import format_error, http_error_body
from api.graphiql import render_graphiql
from api.language import pick_language
from resolvers.access import ANONYMOUS
from resolvers.context import RequestContext

logger = logging.getLogger(__name__)


class TalentsSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors are part of the answer; unexpected ones are logged once in format_error.
        return None


class TalentsGraphQL(GraphQL[RequestContext, None]):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return

        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as error:
            language = pick_language(request.headers.get("accept-language"))
            logger.info("rejected GraphQL request: %s (status %s)", error.reason, error.status_code)
            response = JSONResponse(http_error_body(error.reason, language), status_code=error.status_code)
        await response(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> RequestContext:
        return RequestContext(
            read_sessions=request.app.state.read_sessions,
            viewer=ANONYMOUS,
            language=pick_language(request.headers.get("accept-language")),
            request_id=request.scope.get("state", {}).get("request_id", ""),
        )

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        language = pick_language(request.headers.get("accept-language"))
        request_id = request.scope.get("state", {}).get("request_id", "")
        response: dict[str, Any] = {"data": result.data}
        if result.errors:
            response["errors"] = [format_error(error, language, request_id) for error in result.errors]
        if result.extensions:
            response["extensions"] = result.extensions
        return response  # type: ignore[return-value]

    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(render_graphiql())
