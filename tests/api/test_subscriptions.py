"""Subscriptions over a real WebSocket: delivery after commit, filters, access, limits and errors."""

import json
import time
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from websockets.exceptions import ConnectionClosed, InvalidStatus

from sqlalchemy import select

from api.graphiql import EXAMPLES
from api.keys_admin import revoke_key
from db import models
from db.enums import AuditAction
from resolvers.ids import encode_global_id
from tests.api.live_ws import Live, graphql, live_client, wait_for
from tests.keys import bearer

EVENT_CHANGED = """
subscription Changes($filter: EventFilter) {
  eventChanged(filter: $filter) { action eventId changedAt event { id title kind municipality { code } } }
}
"""

CREATE_EVENT = """
mutation Create($input: CreateEventInput!) {
  createEvent(input: $input) { event { id } userErrors { field code message } }
}
"""

UPDATE_EVENT = """
mutation Update($input: UpdateEventInput!) {
  updateEvent(input: $input) { event { id } userErrors { field code message } }
}
"""

DELETE_EVENT = """
mutation Delete($input: TargetInput!) { deleteEvent(input: $input) { deletedId userErrors { code message } } }
"""


async def create_event(live: Live, **values: Any) -> str:
    payload = await live.mutate(CREATE_EVENT, {"input": event_input(**values)})
    assert payload["userErrors"] == []
    return payload["event"]["id"]


def event_input(**values: Any) -> dict[str, Any]:
    return {
        "title": "Региональная олимпиада по физике",
        "kind": "OLYMPIAD",
        "level": "REGIONAL",
        "startsAt": "2024-11-20T10:00:00+05:00",
        **values,
    }


async def test_event_changed_arrives_within_a_second(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)

        started = time.perf_counter()
        event_id = await create_event(live)
        payload = await client.next_payload("1", timeout=1.0)
        elapsed = time.perf_counter() - started

    change = payload["data"]["eventChanged"]
    assert "errors" not in payload
    assert change["action"] == "CREATED"
    assert change["eventId"] == event_id
    assert change["event"]["title"] == "Региональная олимпиада по физике"
    assert change["changedAt"].endswith("+05:00")
    assert elapsed < 1.0


async def test_event_changed_filter_selects_events(live: Live) -> None:
    zlatoust = encode_global_id("Municipality", live.factory.municipality_ids["MO02"])
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED, {"filter": {"municipalityCodes": ["MO02"], "kinds": ["OLYMPIAD"]}})
        await wait_for(lambda: live.subscribers() == 1)

        await create_event(live, title="Олимпиада в другом округе")
        await create_event(live, title="Конкурс в Златоусте", kind="CONTEST", municipalityId=zlatoust)
        matching = await create_event(live, title="Олимпиада в Златоусте", municipalityId=zlatoust)
        payload = await client.next_payload("1")

        assert payload["data"]["eventChanged"]["eventId"] == matching
        assert payload["data"]["eventChanged"]["event"]["municipality"] == {"code": "MO02"}
        await client.expect_silence()


async def test_event_changed_update_and_delete(live: Live) -> None:
    event_id = await create_event(live)
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED, {"filter": {"search": "ОЛИМПИАДА по физике"}})
        await wait_for(lambda: live.subscribers() == 1)

        await live.mutate(UPDATE_EVENT, {"input": {"id": event_id, "title": "Региональная олимпиада по физике, 2 тур"}})
        updated = (await client.next_payload("1"))["data"]["eventChanged"]
        deleted_payload = await live.mutate(DELETE_EVENT, {"input": {"id": event_id}})
        deleted = (await client.next_payload("1"))["data"]["eventChanged"]

    assert updated["action"] == "UPDATED"
    assert updated["event"]["title"] == "Региональная олимпиада по физике, 2 тур"
    assert deleted_payload == {"deletedId": event_id, "userErrors": []}
    assert deleted["action"] == "DELETED"
    assert deleted["eventId"] == event_id
    assert deleted["event"] is None


async def test_event_changed_silent_without_change(live: Live) -> None:
    event_id = await create_event(live)
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)

        unchanged = await live.mutate(
            UPDATE_EVENT, {"input": {"id": event_id, "title": "Региональная олимпиада по физике"}}
        )
        invalid = await live.mutate(UPDATE_EVENT, {"input": {"id": event_id, "endsAt": "2024-11-19T10:00:00+05:00"}})
        anonymous = await graphql(live.address, CREATE_EVENT, {"input": event_input()})

        assert unchanged["userErrors"] == []
        assert invalid["userErrors"] != []
        assert anonymous["data"]["createEvent"]["userErrors"][0]["code"] == "FORBIDDEN"
        await client.expect_silence()


async def test_subscription_disconnect_frees_subscriber(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await client.subscribe("2", EVENT_CHANGED, {"filter": {"kinds": ["CONTEST"]}})
        await wait_for(lambda: live.subscribers() == 2)
        # The client goes away without completing its subscriptions.
        client.socket.transport.abort()

    await wait_for(lambda: live.subscribers() == 0)
    async with httpx.AsyncClient(base_url=f"http://{live.address}", trust_env=False) as http:
        assert (await http.get("/health")).status_code == 200
    assert live.app.state.live.subscriber_count() == 0
    # The server still delivers to the next client.
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)
        await create_event(live)
        assert (await client.next_payload("1"))["data"]["eventChanged"]["action"] == "CREATED"


async def test_subscription_complete_frees_subscriber(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)
        await client.send({"id": "1", "type": "complete"})
        await wait_for(lambda: live.subscribers() == 0)
        await create_event(live)
        await client.expect_silence()


PARTICIPANT_NAMES = """
subscription Names {
  eventChanged {
    action
    event { participations { nodes { participant { id lastName } } } }
  }
}
"""


async def test_subscription_anonymous_gets_forbidden_for_people(live: Live) -> None:
    event_id = await create_event(live)
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", PARTICIPANT_NAMES)
        await wait_for(lambda: live.subscribers() == 1)
        await live.mutate(UPDATE_EVENT, {"input": {"id": event_id, "title": "Олимпиада, изменённая"}})
        payload = await client.next_payload("1")

    assert payload["data"]["eventChanged"]["event"] is None
    (error,) = payload["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"] == ["eventChanged", "event", "participations"]


async def test_subscription_operator_sees_only_own_people(live: Live) -> None:
    factory = live.factory
    own_school = await factory.organization()
    other_school = await factory.organization()
    own = await factory.participant(own_school, last_name="Иванова")
    other = await factory.participant(other_school, last_name="Петров")
    event = await factory.event()
    await factory.participation(own, event)
    await factory.participation(other, event)
    operator = await bearer(factory, "OPERATOR", organizations=(own_school,))
    event_id = encode_global_id("Event", event)

    # The operator's key travels in connection_init, as a browser sends it.
    async with live_client(live.address) as client:
        await client.init({"Authorization": operator["Authorization"]})
        await client.subscribe("1", PARTICIPANT_NAMES)
        await wait_for(lambda: live.subscribers() == 1)
        await live.mutate(UPDATE_EVENT, {"input": {"id": event_id, "title": "Олимпиада, изменённая"}})
        payload = await client.next_payload("1")

    assert "errors" not in payload
    nodes = payload["data"]["eventChanged"]["event"]["participations"]["nodes"]
    assert nodes == [{"participant": {"id": encode_global_id("Participant", own), "lastName": "Иванова"}}]
    # The personal field read through the subscription is in the audit trail, as over HTTP.
    async with AsyncSession(factory.engine) as session:
        audit = models.AuditEvent
        reads = (
            await session.execute(
                select(audit.entity_ids, audit.fields, audit.operation).where(audit.action == AuditAction.READ_PERSONAL)
            )
        ).all()
    assert len(reads) == 1
    assert str(own) in reads[0].entity_ids
    assert "lastName" in reads[0].fields
    assert reads[0].operation == "Names"


async def test_subscription_header_key_authenticates(live: Live) -> None:
    analyst = await bearer(live.factory, "ANALYST")
    async with live_client(live.address, analyst) as client:
        await client.init()
        await client.subscribe("1", PARTICIPANT_NAMES)
        await wait_for(lambda: live.subscribers() == 1)
        await create_event(live)
        payload = await client.next_payload("1")

    (error,) = payload["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "ANALYST" in error["message"]


async def test_subscription_bad_header_key_rejected_at_upgrade(live: Live) -> None:
    with pytest.raises(InvalidStatus) as raised:
        async with live_client(live.address, {"Authorization": "Bearer tal_" + "x" * 43}):
            pass
    assert raised.value.response.status_code == 401
    assert b"UNAUTHENTICATED" in raised.value.response.body


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"Authorization": "Bearer tal_" + "x" * 43}, "Ключ API недействителен"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "Ключ API передан неверно"),
        ({"Authorization": 42}, "Ключ API передан неверно"),
    ],
)
async def test_subscription_bad_init_key_closes(live: Live, payload: dict[str, Any], reason: str) -> None:
    async with live_client(live.address) as client:
        await client.send({"type": "connection_init", "payload": payload})
        with pytest.raises(ConnectionClosed) as closed:
            await client.receive()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    assert closed.value.rcvd.reason == reason


async def test_subscription_two_keys_close(live: Live) -> None:
    first = await bearer(live.factory, "ANALYST")
    second = await bearer(live.factory, "ANALYST")
    async with live_client(live.address, first) as client:
        await client.send({"type": "connection_init", "payload": second})
        with pytest.raises(ConnectionClosed) as closed:
            await client.receive()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


@pytest.mark.settings(live_key_check_seconds=0.2)
async def test_subscription_revoked_key_closes(live: Live) -> None:
    analyst = await bearer(live.factory, "ANALYST")
    async with live_client(live.address) as client:
        await client.init(analyst)
        await client.subscribe("1", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)
        async with AsyncSession(live.factory.engine, expire_on_commit=False) as session:
            await revoke_key(session, analyst["Authorization"].removeprefix("Bearer "))
        with pytest.raises(ConnectionClosed) as closed:
            await client.receive(timeout=3)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    await wait_for(lambda: live.subscribers() == 0)


@pytest.mark.settings(live_init_timeout_seconds=0.3)
async def test_subscription_init_timeout_closes(live: Live) -> None:
    async with live_client(live.address) as client:
        with pytest.raises(ConnectionClosed) as closed:
            await client.receive(timeout=3)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4408


async def test_subscription_before_init_closes(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.subscribe("1", EVENT_CHANGED)
        with pytest.raises(ConnectionClosed) as closed:
            await client.receive()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401


@pytest.mark.settings(live_max_subscriptions=2)
async def test_subscription_limit_per_connection(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await client.subscribe("2", EVENT_CHANGED)
        await client.subscribe("3", EVENT_CHANGED)
        message = await client.receive()
        assert message["id"] == "3"
        assert message["type"] == "error"
        assert message["payload"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
        assert "не больше 2 подписок" in message["payload"][0]["message"]

        # Completing one makes room for another.
        await client.send({"id": "1", "type": "complete"})
        await wait_for(lambda: live.subscribers() == 1)
        await client.subscribe("4", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 2)


@pytest.mark.settings(live_max_connections=1)
async def test_subscription_connection_limit(live: Live) -> None:
    async with live_client(live.address) as first:
        await first.init()
        with pytest.raises(InvalidStatus) as raised:
            async with live_client(live.address, {"Accept-Language": "en"}):
                pass
        response = raised.value.response
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        assert b"TOO_MANY_CONNECTIONS" in response.body
        assert b"maximum number of subscription connections (1)" in response.body
        await first.ready()

    # The closed connection frees its place.
    await wait_for(lambda: live.app.router.routes[1].app.live_connections == 0)
    async with live_client(live.address) as second:
        await second.init()


@pytest.mark.parametrize(
    ("query", "code", "text"),
    [
        ("subscription { eventChanged {", "GRAPHQL_PARSE_FAILED", "Syntax Error"),
        ("subscription { eventChanged { nonexistent } }", "GRAPHQL_VALIDATION_FAILED", "nonexistent"),
        ("{ viewer { role } }", "BAD_REQUEST", "Через WebSocket выполняются только подписки"),
        (
            'subscription { eventChanged(filter: {ids: ["bm90LWFuLWlk"]}) { action } }',
            "BAD_USER_INPUT",
            "не является глобальным ID",
        ),
        (
            "subscription { eventChanged(filter: {schoolYearFrom: 2025, schoolYearTo: 2024}) { action } }",
            "BAD_USER_INPUT",
            "начало 2025 позже конца 2024",
        ),
    ],
)
async def test_subscription_bad_document_gets_error(live: Live, query: str, code: str, text: str) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", query)
        message = await client.receive()
        assert message["type"] == "error", message
        assert message["id"] == "1"
        (error,) = message["payload"]
        assert error["extensions"]["code"] == code
        assert text in error["message"]
        # The connection stays usable.
        await client.ready()
        await client.subscribe("1", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)


async def test_subscription_legacy_protocol_refused(live: Live) -> None:
    async with live_client(live.address, subprotocols=["graphql-ws"]) as client:
        with pytest.raises(ConnectionClosed) as closed:
            await client.receive()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4406


async def test_graphiql_subscription_examples_run(live: Live) -> None:
    examples = [example for example in EXAMPLES if "\nsubscription " in example["query"]]
    assert examples
    async with live_client(live.address) as client:
        await client.init()
        for number, example in enumerate(examples):
            await client.subscribe(str(number), example["query"], json.loads(example["variables"]))
        await wait_for(lambda: live.subscribers() == len(examples))
        chelyabinsk = encode_global_id("Municipality", live.factory.municipality_ids["MO15"])
        await create_event(live, municipalityId=chelyabinsk)
        for number in range(len(examples)):
            payload = await client.next_payload(str(number))
            assert "errors" not in payload, payload
            assert payload["data"]


@pytest.mark.settings(max_query_nodes=100)
async def test_subscription_too_complex_rejected(live: Live) -> None:
    # 100 participations, and 2 more of each participant's: 300 objects a message.
    nested = "participant { participations(first: 2) { nodes { id } } }"
    document = (
        f"subscription {{ eventChanged {{ event {{ participations(first: 100) {{ nodes {{ {nested} }} }} }} }} }}"
    )
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", document)
        message = await client.receive()
        await client.subscribe("2", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 1)

    assert message["type"] == "error"
    assert message["id"] == "1"
    assert message["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "300" in message["payload"][0]["message"]


@pytest.mark.settings(cors_origins=["https://school.example.ru"])
async def test_subscription_checks_origin(live: Live) -> None:
    async with live_client(live.address, {"Origin": "https://school.example.ru"}) as allowed:
        await allowed.init()
    with pytest.raises(InvalidStatus) as raised:
        async with live_client(live.address, {"Origin": "https://other.example.com"}):
            pass
    assert raised.value.response.status_code == 403
    # Clients that are not browsers send no Origin and are not affected.
    async with live_client(live.address) as script:
        await script.init()


async def test_subscription_metrics(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED)
        await client.subscribe("2", EVENT_CHANGED)
        await wait_for(lambda: live.subscribers() == 2)
        async with httpx.AsyncClient(base_url=f"http://{live.address}", trust_env=False) as http:
            metrics = (await http.get("/metrics")).text

    assert "talents_live_connections 1.0" in metrics
    assert "talents_live_subscriptions 2.0" in metrics


async def test_event_changed_when_event_leaves_filter(live: Live) -> None:
    zlatoust = encode_global_id("Municipality", live.factory.municipality_ids["MO02"])
    chelyabinsk = encode_global_id("Municipality", live.factory.municipality_ids["MO15"])
    event_id = await create_event(live, municipalityId=zlatoust)
    other_id = await create_event(live, municipalityId=chelyabinsk)
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", EVENT_CHANGED, {"filter": {"municipalityCodes": ["MO02"]}})
        await wait_for(lambda: live.subscribers() == 1)

        await live.mutate(UPDATE_EVENT, {"input": {"id": other_id, "title": "Олимпиада в Челябинске"}})
        await live.mutate(UPDATE_EVENT, {"input": {"id": event_id, "municipalityId": chelyabinsk}})
        left = (await client.next_payload("1"))["data"]["eventChanged"]
        await client.expect_silence()

    # The subscriber hears that its event moved away and can drop it from the list.
    assert left["eventId"] == event_id
    assert left["event"]["municipality"] == {"code": "MO15"}
