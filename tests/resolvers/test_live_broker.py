"""The in-process broker: fan-out by topic, overflow of a slow subscriber, reads shared by subscribers."""

import asyncio
from datetime import UTC, datetime

import pytest

from resolvers.errors import ApiError, ErrorCode
from resolvers.live.broker import Broker, LiveMessage


def message(entity_id: int, topic: str = "event") -> LiveMessage:
    return LiveMessage(topic, "UPDATED", entity_id, datetime.now(UTC).isoformat(), {"kind": "CONTEST"})


async def test_broker_delivers_by_topic() -> None:
    broker = Broker()
    async with broker.subscribe("event") as events, broker.subscribe("publication") as publications:
        await broker.publish(message(1))
        await broker.publish(message(2, "publication"))

        assert (await events.__anext__()).entity_id == 1
        assert (await publications.__anext__()).entity_id == 2
        assert events.queue.empty()
        assert broker.subscriber_count() == 2
    assert broker.subscriber_count() == 0


async def test_broker_ends_slow_subscriber() -> None:
    broker = Broker(capacity=2)
    async with broker.subscribe("event") as slow, broker.subscribe("event") as fast:
        for entity_id in (1, 2):
            await broker.publish(message(entity_id))
        assert (await fast.__anext__()).entity_id == 1
        await broker.publish(message(3))

        with pytest.raises(ApiError) as raised:
            await slow.__anext__()
        assert raised.value.code is ErrorCode.SUBSCRIPTION_OVERFLOW
        assert raised.value.params == {"maximum": 2}
        assert [(await fast.__anext__()).entity_id for _ in range(2)] == [2, 3]


def test_live_message_json_round_trip() -> None:
    sent = message(7)
    sent.shared["event"] = None  # type: ignore[assignment]

    received = LiveMessage.from_json(sent.to_json())

    assert received == sent
    assert received.shared == {}
    with pytest.raises(ValueError):
        LiveMessage.from_json(b"[1, 2]")


async def test_live_message_share_reads_once() -> None:
    shared = message(1)
    reads: list[int] = []
    release = asyncio.Event()

    async def read() -> str:
        reads.append(1)
        await release.wait()
        return "row"

    async def subscriber() -> str:
        return await shared.share("event", read)

    first = asyncio.create_task(subscriber())
    second = asyncio.create_task(subscriber())
    await asyncio.sleep(0)
    # A subscriber whose client went away stops waiting; the read goes on for the other.
    first.cancel()
    await asyncio.sleep(0)
    release.set()

    assert await second == "row"
    assert reads == [1]
    assert first.cancelled()
