"""The Starlette application: lifespan, middleware and routes."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from api.exports import export_routes
from api.feeds import feed_routes
from api.graphiql import ASSETS_PATH, GraphiQLAssets
from api.graphql_view import DirectPath, TalentsGraphQL, TalentsSchema
from api.limits import BudgetPolicy, CostCache, QueryCostLimiter, operation_shape_rule
from api.logging_setup import configure_logging
from api.metrics import Metrics
from api.planner import PlannedExecution, QueryPlanner
from api.request_id import RequestIdMiddleware
from api.settings import Settings
from api.subscriptions import LiveLimits
from db.engine import create_engine, create_session_factory
from db.migrations import current_revision, head_revision
from resolvers.live.broker import Broker
from resolvers.live.postgres import PostgresBroker
from resolvers.monitoring.settings import MonitoringSettings
from schema.live import Subscription
from schema.root import Mutation, Query
from schema.scalars import SCALAR_MAP

logger = logging.getLogger(__name__)

RATE_LIMIT_HEADERS = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Used",
    "X-RateLimit-Reset",
    "X-RateLimit-Resource",
]


def build_schema(settings: Settings) -> TalentsSchema:
    """Build the schema with the limits that are checked before any resolver runs."""
    # One rule class for every request, so that the validation cache, keyed by the rules, hits.
    shape_rule = operation_shape_rule(settings.max_query_depth, settings.max_aliases)
    costs = CostCache()
    extensions: list[Any] = [
        lambda: AddValidationRules([shape_rule]),
        lambda: QueryCostLimiter(max_nodes=settings.max_query_nodes, costs=costs),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        # Both caches live at module level, keyed by size, so they outlast each request.
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
    ]
    planner = QueryPlanner()
    if settings.planner:
        # After the cost limiter, whose rejection leaves nothing to plan.
        extensions.append(lambda: PlannedExecution(planner=planner, verify=settings.planner_verify))
    schema = TalentsSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        extensions=extensions,
    )
    planner.bind(schema)
    # The HTTP view runs repeated planned operations without Strawberry's pipeline
    # (TalentsGraphQL.planned_response).
    if settings.planner and not settings.planner_verify:
        schema.direct = DirectPath(planner, costs, settings.max_query_nodes)
    return schema


def create_app(settings: Settings | None = None) -> Starlette:
    """Create the app; engines open at start-up and close at shutdown."""
    settings = settings or Settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = {
            "pool_size": settings.pool_size,
            "max_overflow": settings.pool_max_overflow,
            "pool_timeout": settings.pool_timeout_seconds,
        }
        timeout = settings.statement_timeout_ms
        engine = create_engine(settings.database_url, echo=settings.echo_sql, statement_timeout_ms=timeout, **pool)
        read_engine = (
            create_engine(settings.database_read_url, echo=settings.echo_sql, statement_timeout_ms=timeout, **pool)
            if settings.database_read_url
            else engine
        )
        app.state.engine = engine
        app.state.read_engine = read_engine
        app.state.sessions = create_session_factory(engine)
        app.state.read_sessions = create_session_factory(read_engine)
        metrics.watch_pool(lambda: _checked_out(engine))
        app.state.live = create_broker(engine, settings.live_queue_size)
        await app.state.live.start()
        metrics.watch_live(lambda: graphql.live_connections, app.state.live.subscriber_count)
        logger.info("started with database %s", engine.url.render_as_string(hide_password=True))
        try:
            yield
        finally:
            await app.state.live.stop()
            await engine.dispose()
            if read_engine is not engine:
                await read_engine.dispose()
            logger.info("stopped")

    monitoring = MonitoringSettings(
        suppression_threshold=settings.suppression_threshold,
        coverage_target=settings.coverage_target,
        perturbation=settings.perturbation,
    )
    metrics = Metrics()
    graphql = TalentsGraphQL(
        build_schema(settings),
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        graphiql=settings.graphiql,
        monitoring=monitoring,
        metrics=metrics,
        budgets=BudgetPolicy.create(
            key_points=settings.rate_limit_points_per_hour,
            anonymous_points=settings.anonymous_points_per_hour,
            trusted_proxies=settings.trusted_proxies,
        ),
    )
    graphql.configure_live(
        LiveLimits(
            max_connections=settings.live_max_connections,
            max_subscriptions=settings.live_max_subscriptions,
            init_timeout_seconds=settings.live_init_timeout_seconds,
            key_check_seconds=settings.live_key_check_seconds,
            max_query_nodes=settings.max_query_nodes,
            max_tokens=settings.max_tokens,
        ),
        allowed_origins=settings.cors_origins,
    )
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/health", health, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
        Route("/ready", ready, methods=["GET"]),
        Route("/readyz", ready, methods=["GET"]),
        Route("/metrics", metrics.endpoint, methods=["GET"]),
        *export_routes(monitoring),
        *feed_routes(settings.feed_site_url),
    ]
    if settings.graphiql:
        routes.append(Mount(ASSETS_PATH, app=GraphiQLAssets(), name="graphiql-assets"))
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Accept-Language", "X-Request-ID"],
            # Keys travel in the Authorization header, not in cookies, so no origin needs credentials,
            # and browsers refuse them with the wildcard origin anyway.
            allow_credentials=False,
            expose_headers=["X-Request-ID", "Retry-After", *RATE_LIMIT_HEADERS],
        ),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def create_broker(engine: Any, capacity: int) -> Broker:
    """Return the broker of live messages: LISTEN/NOTIFY on PostgreSQL, this process alone on SQLite."""
    if engine.url.get_backend_name() == "postgresql":
        return PostgresBroker(engine, capacity)
    return Broker(capacity)


def _checked_out(engine: Any) -> int:
    # SQLite's default pool for a file is a queue pool too; a pool without the count reports 0.
    checked_out = getattr(engine.sync_engine.pool, "checkedout", None)
    return checked_out() if callable(checked_out) else 0


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    """Return 200 when the database is reachable and migrated to the code's head revision."""
    try:
        async with request.app.state.engine.connect() as connection:
            revision = await current_revision(connection)
    except Exception:
        logger.exception("readiness check failed: the database is unreachable")
        return JSONResponse({"status": "unavailable"}, status_code=503)

    expected = head_revision()
    if revision != expected:
        logger.warning("readiness check failed: database at revision %s, code expects %s", revision, expected)
        body = {"status": "unmigrated", "revision": revision, "expected": expected}
        return JSONResponse(body, status_code=503)
    return JSONResponse({"status": "ok", "revision": revision})
