"""GraphQL subscriptions over WebSocket: graphql-transport-ws with the API's keys, limits and errors.

A client authenticates with the `Authorization: Bearer …` header of the upgrade request (scripts),
or with `{"Authorization": "Bearer …"}` in the payload of `connection_init` (browsers, which cannot
set headers on a WebSocket). A malformed, unknown, revoked or expired header key is rejected with
HTTP 401 before the upgrade. A bad key in `connection_init` closes the socket with 4403, and so does
a key that is revoked or expires while the connection is open, within `key_check_seconds`.

Only subscriptions run over WebSocket: queries and mutations spend the hourly budget of
`POST /graphql`, which a socket would bypass.
"""

import asyncio
import dataclasses
import logging
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import orjson
from graphql import GraphQLError, parse, validate
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.http.websocket_origin import normalize_allowed_origins
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler, Operation
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage, SubscribeMessage
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.utils.aio import aclosing

from api.auth import AuthenticationError, authenticate, bearer_token, malformed_header, viewer_for_key
from api.errors import LimitError, format_errors
from api.language import pick_language
from api.limits import measure_cost
from api.logging_setup import current_request_id
from resolvers.access import ANONYMOUS
from resolvers.audit import record_personal_reads
from resolvers.context import RequestContext
from resolvers.messages import render_message

logger = logging.getLogger(__name__)

# Close codes of graphql-transport-ws: 4403 rejects the connection's credentials.
CLOSE_FORBIDDEN = 4403
# The maximum length of a WebSocket close reason, in bytes of UTF-8 (RFC 6455, section 5.5).
MAX_CLOSE_REASON_BYTES = 123
# Seconds a client rejected for too many connections is asked to wait.
RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class LiveLimits:
    """Limits of subscription connections, per worker process."""

    max_connections: int = 1000
    max_subscriptions: int = 20
    init_timeout_seconds: float = 10.0
    key_check_seconds: float = 60.0
    # The limits of one operation, as `POST /graphql` applies them.
    max_query_nodes: int = 50_000
    max_tokens: int = 5000


@dataclass
class LiveConnection:
    """The connection's language, request id and keys, kept in the ASGI scope state of its upgrade request."""

    language: str
    request_id: str
    # The key of the Authorization header, if the upgrade request had one.
    header_key: str | None
    # The key in effect after connection_init, from the header or from the payload.
    key: str | None = None


class LiveWebSocketAdapter(ASGIWebSocketAdapter):
    """Strawberry's adapter, sending JSON as text frames as graphql-transport-ws requires."""

    async def send_json(self, message: Any) -> None:
        # The view encodes JSON to bytes for HTTP responses, and bytes would go out as a binary frame.
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as error:
            raise WebSocketDisconnected from error

    @property
    def connection(self) -> LiveConnection:
        return self.ws.scope["state"]["live_connection"]


def close_reason(key: str, language: str) -> str:
    """Return the message `key` cut to the length a close frame allows."""
    reason = render_message(key, language, {})
    encoded = reason.encode()[:MAX_CLOSE_REASON_BYTES]
    return encoded.decode(errors="ignore")


class SubscriptionHandler(BaseGraphQLTransportWSHandler[RequestContext, None]):
    """graphql-transport-ws with API-key checks, localised errors and the personal-data audit."""

    websocket: LiveWebSocketAdapter

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_watch: asyncio.Task[None] | None = None

    @property
    def connection(self) -> LiveConnection:
        return self.websocket.connection

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        payload = message.get("payload")
        if not self.connection_init_received and not self.connection_timed_out and isinstance(payload, dict):
            rejection = await self.authenticate(payload)
            if rejection is not None:
                if self.connection_init_timeout_task:
                    self.connection_init_timeout_task.cancel()
                await self.websocket.close(CLOSE_FORBIDDEN, close_reason(rejection, self.connection.language))
                return
        await super().handle_connection_init(message)
        if self.connection_acknowledged and self.connection.key is not None and self.key_watch is None:
            self.key_watch = asyncio.create_task(self.watch_key(self.connection.key))

    async def authenticate(self, payload: dict[str, Any]) -> str | None:
        """Set the context's viewer from the header or payload key; return a close reason key on failure."""
        connection = self.connection
        sent = payload.get("Authorization", payload.get("authorization"))
        try:
            if sent is not None and not isinstance(sent, str):
                raise malformed_header()
            payload_key = bearer_token([sent]) if sent is not None else None
        except AuthenticationError as error:
            logger.info(
                "rejected a subscription connection: the connection_init key is malformed (%s)", error.message_key
            )
            return "live.close.malformed_key"
        if payload_key is not None and connection.header_key is not None and payload_key != connection.header_key:
            logger.info("rejected a subscription connection with different keys in the header and connection_init")
            return "live.close.two_keys"
        if payload_key is None or payload_key == connection.header_key:
            connection.key = connection.header_key
            return None
        try:
            self.context.viewer = await viewer_for_key(self.context.write_sessions, payload_key)
        except AuthenticationError as error:
            return "live.close.unavailable" if error.status_code == 503 else "live.close.invalid_key"
        connection.key = payload_key
        return None

    async def watch_key(self, key: str) -> None:
        """Close the connection once its key is revoked or expired; checked every `key_check_seconds`."""
        interval = self.view.live_limits.key_check_seconds
        while True:
            await asyncio.sleep(interval)
            try:
                await viewer_for_key(self.context.write_sessions, key)
            except AuthenticationError as error:
                if error.status_code == 503:
                    continue  # the database is unavailable; the next check decides
                logger.info("closed a subscription connection: its API key was revoked or expired")
                await self.websocket.close(
                    CLOSE_FORBIDDEN, close_reason("live.close.key_revoked", self.connection.language)
                )
                return
            except Exception:
                logger.exception("API key check of a subscription connection failed")

    async def shutdown(self) -> None:
        if self.key_watch is not None:
            self.key_watch.cancel()
            with suppress(asyncio.CancelledError):
                await self.key_watch
        await super().shutdown()

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        maximum = self.max_subscriptions_per_connection
        if self.connection_acknowledged and maximum is not None and len(self.operations) >= maximum:
            # Strawberry's own rejection is in English, and this one is in the connection's language.
            error = render_message("live.too_many_subscriptions", self.connection.language, {"maximum": maximum})
            logger.info("rejected a subscription: the connection already has %d", len(self.operations))
            await self.send_message(
                {
                    "id": message["id"],
                    "type": "error",
                    "payload": [{"message": error, "extensions": {"code": "TOO_MANY_SUBSCRIPTIONS"}}],
                }
            )
            return
        await super().handle_subscribe(message)

    def operation_context(self, operation: Operation[RequestContext, None]) -> RequestContext:
        """Return a context of its own for one subscription.

        Operations on one connection run concurrently, so each gets its own DataLoaders and audit
        records, and reads the primary database: a message announces a commit that a replica may
        not have yet.
        """
        # Imported here because the view module imports this one.
        from api.graphql_view import operation_name

        base = self.context
        return dataclasses.replace(
            base,
            read_sessions=base.write_sessions,
            operation=operation_name(operation.operation_name, operation.query),
            personal_reads={},
            bulk_items=0,
            _loaders={},
        )

    async def run_operation(self, operation: Operation[RequestContext, None]) -> None:
        context = self.operation_context(operation)
        try:
            rejection = self.too_complex(operation)
            if rejection is not None:
                await self.send_errors(
                    operation, [GraphQLError(rejection.message_key, original_error=rejection)], context
                )
                return
            results = await self.schema.subscribe(
                operation.query,
                variable_values=operation.variables,
                context_value=context,
                operation_name=operation.operation_name,
            )
            async with aclosing(results):
                async for result in results:
                    if isinstance(result, PreExecutionError):
                        await self.send_errors(operation, result.errors, context)
                        return
                    await self.send_result(operation, result, context)
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
        except GraphQLError as error:
            # The parser cache raises a syntax error instead of returning it as a result.
            await self.send_errors(operation, [error], context)
        except Exception:
            logger.exception("subscription %s failed (request %s)", operation.operation_name or "-", context.request_id)
            with suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)

    def too_complex(self, operation: Operation[RequestContext, None]) -> LimitError | None:
        """Return the rejection of a subscription that may return more objects than `max_query_nodes` a message.

        The query cost extension rejects such queries and mutations, but Strawberry runs a
        subscription whatever that extension decides, so the handler measures it itself. A document
        that does not parse or validate passes, and the subscription reports its errors.
        """
        limits = self.view.live_limits
        try:
            document = parse(operation.query, max_tokens=limits.max_tokens)
        except GraphQLError:
            return None
        schema = self.schema._schema  # type: ignore[attr-defined]
        if validate(schema, document):
            return None
        cost = measure_cost(schema, document, operation.operation_name, operation.variables)
        if cost.nodes <= limits.max_query_nodes:
            return None
        logger.info(
            "rejected a subscription that may return %d objects a message (limit %d)",
            cost.nodes,
            limits.max_query_nodes,
        )
        return LimitError(
            "QUERY_TOO_COMPLEX", "limits.query_too_complex", nodes=cost.nodes, maximum=limits.max_query_nodes
        )

    async def send_result(
        self, operation: Operation[RequestContext, None], result: ExecutionResult, context: RequestContext
    ) -> None:
        # Personal data leaves only once its reading is in the audit trail, as over HTTP.
        await record_personal_reads(context)
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = self.error_payload(result.errors, context)
        await operation.send_operation_message({"id": operation.id, "type": "next", "payload": payload})  # type: ignore[typeddict-item]

    async def send_errors(
        self, operation: Operation[RequestContext, None], errors: list[GraphQLError], context: RequestContext
    ) -> None:
        """End the operation with an `error` message: the document or its variables were rejected."""
        payload = self.error_payload(errors, context)
        await operation.send_operation_message({"id": operation.id, "type": "error", "payload": payload})  # type: ignore[typeddict-item]

    def error_payload(self, errors: list[GraphQLError], context: RequestContext) -> list[dict[str, Any]]:
        for index, error in enumerate(errors):
            if isinstance(error.original_error, InvalidOperationTypeError):
                rejection = LimitError("BAD_REQUEST", "live.subscriptions_only")
                errors[index] = GraphQLError(rejection.message_key, nodes=error.nodes, original_error=rejection)
        suggestions = context.viewer.key_id is not None
        return format_errors(errors, context.language, context.request_id, suggestions=suggestions)


class LiveWebSocketMixin:
    """The WebSocket side of the GraphQL view: connection limits, the upgrade's key, the handler."""

    graphql_transport_ws_handler_class = SubscriptionHandler
    websocket_adapter_class = LiveWebSocketAdapter
    live_limits = LiveLimits()
    live_connections = 0

    def configure_live(self, limits: LiveLimits, allowed_origins: list[str]) -> None:
        """Serve graphql-transport-ws only, with `limits`; browsers may connect from `allowed_origins`."""
        self.live_limits = limits
        self.protocols = (GRAPHQL_TRANSPORT_WS_PROTOCOL,)
        self.connection_init_wait_timeout = timedelta(seconds=limits.init_timeout_seconds)
        self.max_subscriptions_per_connection = limits.max_subscriptions
        # API keys travel in headers or in connection_init, never in cookies. So a page on another
        # origin gains nothing it could not do itself, and the CORS origins apply to WebSocket as well.
        self.allowed_origins = normalize_allowed_origins(allowed_origins)

    async def handle_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the connection limit and the upgrade's key, then run graphql-transport-ws."""
        websocket = WebSocket(scope, receive=receive, send=send)
        language = pick_language(websocket.headers.get("accept-language"))
        request_id = uuid.uuid4().hex
        token = current_request_id.set(request_id)
        try:
            if self.live_connections >= self.live_limits.max_connections:
                logger.warning("rejected a subscription connection: %d are open", self.live_connections)
                await self.deny(websocket, self.too_many_connections(language))
                return
            try:
                header_key = bearer_token(websocket.headers.getlist("authorization"))
                viewer = await authenticate(websocket) if header_key is not None else ANONYMOUS  # type: ignore[arg-type]
            except AuthenticationError as error:
                await self.deny(websocket, error.response(language))
                return
            state = scope.setdefault("state", {})
            state.update(viewer=viewer, request_id=request_id)
            state["live_connection"] = LiveConnection(language, request_id, header_key)
            await self.serve_websocket(scope, receive, send)
        finally:
            current_request_id.reset(token)

    async def serve_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.live_connections += 1
        started = time.monotonic()
        try:
            await super().__call__(scope, receive, send)  # type: ignore[misc]
        finally:
            self.live_connections -= 1
            logger.info("subscription connection closed after %.1f s", time.monotonic() - started)

    def too_many_connections(self, language: str) -> Response:
        maximum = self.live_limits.max_connections
        message = render_message(
            "live.too_many_connections", language, {"maximum": maximum, "retry_after": RETRY_AFTER_SECONDS}
        )
        body = {"errors": [{"message": message, "extensions": {"code": "TOO_MANY_CONNECTIONS"}}]}
        return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})

    @staticmethod
    async def deny(websocket: WebSocket, response: Response) -> None:
        """Reject the upgrade with an HTTP response, or a bare 403 where the server cannot send one."""
        try:
            await websocket.send_denial_response(response)
        except RuntimeError:
            await websocket.close()
