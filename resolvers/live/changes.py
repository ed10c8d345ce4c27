"""Change messages of catalogue entities: what a write stages for its subscribers."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.timezone import utc_now
from resolvers.live.broker import LiveMessage


class ChangeAction(str, Enum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    DELETED = "DELETED"


Snapshot = Callable[[AsyncSession, Any], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class ChangeFeed:
    """The topic of an entity's change messages and how a row becomes a filterable snapshot."""

    topic: str
    snapshot: Snapshot

    async def message(
        self, session: AsyncSession, action: ChangeAction, row: Any, previous: dict[str, Any] | None = None
    ) -> LiveMessage:
        """Return the message of `action` on `row`, read in the write's own transaction.

        For a delete, call it before the row is deleted, while its associations still exist. For
        an update, `previous` is the row's snapshot taken before the change.
        """
        snapshot = await self.snapshot(session, row)
        return LiveMessage(self.topic, action.value, row.id, utc_now().isoformat(), snapshot, previous)
