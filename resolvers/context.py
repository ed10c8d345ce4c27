"""The per-request context that every resolver receives."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from resolvers.access import Viewer
from resolvers.live.broker import Broker
from resolvers.monitoring.settings import MonitoringSettings

LoaderT = TypeVar("LoaderT")


@dataclass
class RequestContext:
    """Holds what one request shares: the caller, its language and its DataLoaders.

    No session lives here: fields resolve concurrently, so each root query and each DataLoader
    batch opens its own short-lived session from `read_sessions`.
    """

    read_sessions: async_sessionmaker[AsyncSession]
    viewer: Viewer
    # The primary database, for the few reads that must write first (refreshing summaries).
    write_sessions: async_sessionmaker[AsyncSession] | None = None
    language: str = "ru"
    request_id: str = ""
    monitoring: MonitoringSettings = field(default_factory=MonitoringSettings)
    # The operation name the client gave, for the audit trail.
    operation: str | None = None
    # Personal fields read so far, by participant id; stored in the audit trail after the request.
    personal_reads: dict[int, set[str]] = field(default_factory=dict)
    # Items sent to bulk mutations so far, so that aliases cannot lift the per-request maximum.
    bulk_items: int = 0
    # Returns the caller's hourly budget after this request (limit, cost, used, remaining,
    # reset_datetime), or None; set by the HTTP layer, which keeps the budgets.
    rate_limit: Callable[[], Any] | None = None
    # Delivers committed changes to subscriptions; None where the app's lifespan did not start one.
    live: Broker | None = None
    _loaders: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.write_sessions is None:
            self.write_sessions = self.read_sessions

    def loader(self, key: Any, factory: Callable[[], LoaderT]) -> LoaderT:
        """Return this request's loader for `key`, creating it with `factory` on first use."""
        existing = self._loaders.get(key)
        if existing is None:
            existing = self._loaders[key] = factory()
        return existing

    def clear_loaders(self) -> None:
        """Drop every cached DataLoader, so that fields resolved after a write read fresh rows."""
        self._loaders.clear()
