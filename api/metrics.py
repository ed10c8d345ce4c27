"""Prometheus metrics: GraphQL requests and latency by operation, errors by code, pool use.

With several worker processes each process has its own counters; set PROMETHEUS_MULTIPROC_DIR
as prometheus-client documents to aggregate them.
"""

from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response

# Operation names come from callers, so only this many distinct ones get their own label.
MAX_OPERATION_NAMES = 200
OTHER_OPERATION = "other"


class Metrics:
    """The app's metrics in a registry of its own, so that several apps in one process do not clash."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "talents_graphql_requests", "GraphQL HTTP requests", ["operation", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "talents_graphql_request_seconds",
            "GraphQL request duration",
            ["operation"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.errors = Counter("talents_graphql_errors", "GraphQL errors by code", ["code"], registry=self.registry)
        self.pool = Gauge(
            "talents_database_connections_in_use", "Database connections checked out", registry=self.registry
        )
        self.live_connections = Gauge(
            "talents_live_connections", "Open WebSocket connections for subscriptions", registry=self.registry
        )
        self.live_subscriptions = Gauge(
            "talents_live_subscriptions", "Running subscriptions of this process", registry=self.registry
        )
        self._operations: set[str] = set()

    def operation_label(self, name: str | None) -> str:
        """Return the label for an operation name, bounded so callers cannot flood the registry."""
        if not name:
            return "anonymous"
        if name in self._operations or len(self._operations) < MAX_OPERATION_NAMES:
            self._operations.add(name)
            return name
        return OTHER_OPERATION

    def watch_pool(self, checked_out: Callable[[], int]) -> None:
        self.pool.set_function(checked_out)

    def watch_live(self, connections: Callable[[], int], subscriptions: Callable[[], int]) -> None:
        self.live_connections.set_function(connections)
        self.live_subscriptions.set_function(subscriptions)

    async def endpoint(self, _request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)
