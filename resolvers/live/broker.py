"""Fan-out of live messages to the subscriptions of this process."""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

from resolvers.errors import ApiError, ErrorCode

logger = logging.getLogger(__name__)

# Messages a subscription may have waiting before it is ended as too slow.
DEFAULT_CAPACITY = 100


@dataclass(frozen=True)
class LiveMessage:
    """A committed change of one entity that subscriptions may receive.

    `snapshot` contains the values that subscription filters compare, as JSON values, so that a
    message of a deleted row can still be matched. `previous` is the snapshot before an update,
    so that a subscriber whose filter the row has just left hears of it too. `at` is the ISO 8601
    time of the change.
    """

    topic: str
    action: str
    entity_id: int
    at: str
    snapshot: dict[str, Any] = field(default_factory=dict)
    previous: dict[str, Any] | None = None
    # Reads that the subscriptions of this process share, so that a thousand subscribers of one
    # message run one query, not a thousand. Never sent to other processes.
    shared: dict[Any, "asyncio.Task[Any]"] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> bytes:
        values = asdict(self)
        del values["shared"]
        return orjson.dumps(values)

    def share(self, key: Any, read: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
        """Return the result of the read under `key`, which the first subscriber to call this starts.

        A subscriber cancelled while it waits (its client went away) leaves the read running for
        the others.
        """
        task = self.shared.get(key)
        if task is None:
            task = self.shared[key] = asyncio.ensure_future(read())
        return asyncio.shield(task)

    @classmethod
    def from_json(cls, text: str | bytes) -> "LiveMessage":
        """Parse a message sent by `to_json`; raises ValueError or TypeError for anything else."""
        values = orjson.loads(text)
        if not isinstance(values, dict):
            raise ValueError("a live message must be a JSON object")
        return cls(**values)


class Subscriber:
    """One subscription's queue of messages, filled by the broker and read by the subscription."""

    def __init__(self, topic: str, capacity: int) -> None:
        self.topic = topic
        self.capacity = capacity
        self.queue: asyncio.Queue[LiveMessage] = asyncio.Queue(capacity)
        self.overflowed = False

    def offer(self, message: LiveMessage) -> None:
        """Queue `message`; a full queue marks the subscriber as overflowed instead of blocking the sender."""
        if self.overflowed:
            return
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed = True
            logger.warning("a %s subscription fell %d messages behind and will be ended", self.topic, self.capacity)

    def __aiter__(self) -> "Subscriber":
        return self

    async def __anext__(self) -> LiveMessage:
        if self.overflowed:
            # The client missed messages: end the subscription with an error, so that it re-reads
            # the data and subscribes again instead of trusting an incomplete stream.
            raise ApiError(ErrorCode.SUBSCRIPTION_OVERFLOW, "live.overflow", maximum=self.capacity)
        return await self.queue.get()


class Broker:
    """Delivers each published message to the subscribers of its topic in this process.

    Subclasses that reach other processes override `publish` and call `deliver` for every
    message they receive, their own included.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._subscribers: dict[str, set[Subscriber]] = {}

    async def start(self) -> None:
        """Prepare to publish and receive; the in-process broker needs nothing."""

    async def stop(self) -> None:
        """Release what `start` acquired."""

    async def publish(self, message: LiveMessage) -> None:
        self.deliver(message)

    def deliver(self, message: LiveMessage) -> None:
        for subscriber in list(self._subscribers.get(message.topic, ())):
            subscriber.offer(message)

    @asynccontextmanager
    async def subscribe(self, topic: str) -> AsyncIterator[Subscriber]:
        """Yield a subscriber of `topic` that receives messages until the block exits."""
        subscriber = Subscriber(topic, self.capacity)
        self._subscribers.setdefault(topic, set()).add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers[topic].discard(subscriber)

    def subscriber_count(self, topic: str | None = None) -> int:
        """Return the number of open subscriptions of `topic`, or of every topic."""
        if topic is not None:
            return len(self._subscribers.get(topic, ()))
        return sum(len(subscribers) for subscribers in self._subscribers.values())
