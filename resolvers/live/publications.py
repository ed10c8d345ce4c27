"""Live messages of publications: the flush hook that stages them and the `publicationPublished` stream.

Every write that makes a publication PUBLISHED flushes the row through the ORM: a create with that
status, an update, or a dedicated publish mutation. A listener on the flush of every session stages
the message, and `in_transaction` sends it after the commit. Writes through Core
statements (`insert(Publication)`, `update(Publication)`) bypass the ORM's flush and send nothing.

A subscriber selects the announced row with `publication_conditions(viewer, filter)`, the rules of
the `publications` list, so it receives only what its role may read and what its filter selects.
"""

from collections.abc import AsyncIterator
from itertools import chain
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from db.enums import PublicationStatus
from db.models import Publication
from db.timezone import utc_now
from resolvers.context import RequestContext
from resolvers.live.broker import LiveMessage
from resolvers.live.outbox import stage
from resolvers.publications import publication_conditions

if TYPE_CHECKING:
    from schema.publications import PublicationFilter

PUBLICATION_TOPIC = "publication"
PUBLISHED = "PUBLISHED"


def became_published(row: Publication) -> bool:
    """Return whether the pending flush makes `row` PUBLISHED, from another status or as a new row."""
    if row.status is not PublicationStatus.PUBLISHED:
        return False
    history = inspect(row).attrs.status.history
    if inspect(row).pending:
        return True
    return bool(history.added) and PublicationStatus.PUBLISHED not in history.deleted


@event.listens_for(Session, "after_flush")
def _stage_published(session: Session, _flush_context: Any) -> None:
    # The session's new and dirty sets and the attribute history still show the state before
    # this flush, so the transition is visible here.
    for row in chain(session.new, session.dirty):
        if isinstance(row, Publication) and became_published(row):
            stage(session, LiveMessage(PUBLICATION_TOPIC, PUBLISHED, row.id, utc_now().isoformat()))


def published_publications(context: RequestContext, filter: "PublicationFilter | None") -> AsyncIterator[Publication]:
    """Return the stream of publications that become PUBLISHED, as `context.viewer` may see them.

    Raises BAD_USER_INPUT for an invalid filter when called, before any message is awaited.
    """
    publication_conditions(context.viewer, filter)
    return _visible_publications(context, filter)


async def _visible_publications(
    context: RequestContext, filter: "PublicationFilter | None"
) -> AsyncIterator[Publication]:
    assert context.live is not None, "subscriptions need the app's broker in the context"
    async with context.live.subscribe(PUBLICATION_TOPIC) as messages:
        async for message in messages:
            # Each message reads the data as it is now, not as an earlier message cached it.
            context.clear_loaders()
            # Subscribers with the same role, scope and filter share one read.
            key = (context.viewer, repr(filter))
            publication = await message.share(key, lambda: _visible_publication(context, filter, message.entity_id))
            if publication is not None:
                yield publication


async def _visible_publication(
    context: RequestContext, filter: "PublicationFilter | None", publication_id: int
) -> Publication | None:
    """Return the publication if it is still PUBLISHED and the viewer and filter select it."""
    statement = select(Publication).where(
        Publication.id == publication_id,
        Publication.status == PublicationStatus.PUBLISHED,
        *publication_conditions(context.viewer, filter),
    )
    async with context.read_sessions() as session:
        return (await session.execute(statement)).scalar_one_or_none()
