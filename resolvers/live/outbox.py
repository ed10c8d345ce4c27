"""Messages staged by a write and sent only after its transaction commits.

A write stages its messages in `session.info`, so they live and die with the session: a rolled
back attempt closes its session and its messages are never sent, and a retried write stages
them again in the new session.
"""

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from resolvers.live.broker import Broker, LiveMessage

logger = logging.getLogger(__name__)

OUTBOX_KEY = "live.outbox"


def stage(session: AsyncSession, message: LiveMessage) -> None:
    session.info.setdefault(OUTBOX_KEY, []).append(message)


def take_staged(session: AsyncSession) -> list[LiveMessage]:
    """Remove and return the messages staged in `session`."""
    return session.info.pop(OUTBOX_KEY, [])


async def publish_staged(broker: Broker | None, messages: list[LiveMessage]) -> None:
    """Publish committed messages, logging a failure instead of raising it into the committed write."""
    if broker is None:
        return
    for message in messages:
        try:
            await broker.publish(message)
        except Exception:
            logger.exception(
                "could not publish the %s message of %s %s", message.action, message.topic, message.entity_id
            )
