"""recordParticipations: idempotent bulk results keyed by external ids, atomic or not."""

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from db import models
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import bearer

RECORD = """
mutation Record($input: RecordParticipationsInput!) {
  recordParticipations(input: $input) {
    created updated unchanged rejected
    userErrors { field code message }
  }
}
"""


@pytest.fixture
async def people(factory: Factory) -> dict[str, Any]:
    school = await factory.organization("МАОУ «Лицей № 11»")
    other_school = await factory.organization("МАОУ «СОШ № 5»", municipality="MO07")
    for number in range(1, 6):
        await factory.participant(school, external_id=f"P{number}")
    await factory.participant(other_school, external_id="P-MAGNITOGORSK")
    await factory.participant(school, external_id="T1", category="TEACHER")
    await factory.event(title="Региональная олимпиада по химии", external_id="EV-CHEM", organizer_id=school)
    await factory.event(title="Конкурс проектов", external_id="EV-PROJ", organizer_id=school)
    return {"school": school, "other_school": other_school}


def item(event: str, participant: str, result: str = "PARTICIPANT", **values: Any) -> dict[str, Any]:
    return {"eventExternalId": event, "participantExternalId": participant, "result": result, **values}


async def record(client: Client, headers: dict[str, str], items: list[dict[str, Any]], atomic: bool = True) -> dict[str, Any]:
    body = await client.query(RECORD, {"input": {"items": items, "atomic": atomic}}, headers=headers)
    assert "errors" not in body, body["errors"]
    return body["data"]["recordParticipations"]


async def stored(factory: Factory) -> list[tuple[str, float | None]]:
    async with factory.engine.connect() as connection:
        statement = select(models.Participation.result, models.Participation.score).order_by(models.Participation.id)
        return [tuple(row) for row in await connection.execute(statement)]


async def test_sending_same_items_twice_changes_nothing(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    items = [
        item("EV-CHEM", "P1", "WINNER", score=98.5, mentorExternalId="T1"),
        item("EV-CHEM", "P2", "PRIZE_WINNER", score=80),
        item("EV-PROJ", "P1"),
    ]

    first = await record(client, headers, items)
    rows_after_first = await stored(factory)
    second = await record(client, headers, items)

    assert first == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0, "userErrors": []}
    assert second == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 0, "userErrors": []}
    assert await stored(factory) == rows_after_first


async def test_changed_result_updates_row(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    await record(client, headers, [item("EV-CHEM", "P1", "PRIZE_WINNER", score=70)])

    outcome = await record(client, headers, [item("EV-CHEM", "P1", "WINNER", score=70), item("EV-CHEM", "P2")])

    assert (outcome["created"], outcome["updated"], outcome["unchanged"]) == (1, 1, 0)
    assert await stored(factory) == [("WINNER", 70.0), ("PARTICIPANT", None)]


async def test_atomic_batch_with_bad_item_writes_nothing(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    items = [item("EV-CHEM", "P1"), item("EV-UNKNOWN", "P2"), item("EV-CHEM", "P3", score=-1)]

    outcome = await record(client, headers, items)

    assert (outcome["created"], outcome["rejected"]) == (0, 2)
    fields = [error["field"] for error in outcome["userErrors"]]
    assert fields == [["input", "items", "1", "eventExternalId"], ["input", "items", "2", "score"]]
    assert await stored(factory) == []


async def test_non_atomic_batch_writes_valid_items(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    items = [item("EV-CHEM", "P1"), item("EV-CHEM", "NOBODY"), item("EV-CHEM", "P3", mentorExternalId="P3")]

    outcome = await record(client, headers, items, atomic=False)

    assert (outcome["created"], outcome["rejected"]) == (1, 2)
    codes = {tuple(error["field"]): error["code"] for error in outcome["userErrors"]}
    assert codes == {
        ("input", "items", "1", "participantExternalId"): "NOT_FOUND",
        ("input", "items", "2", "mentorExternalId"): "INVALID",
    }
    assert await stored(factory) == [("PARTICIPANT", None)]


async def test_repeated_pair_with_other_result_is_conflict(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    items = [item("EV-CHEM", "P1", "WINNER"), item("EV-CHEM", "P1", "WINNER"), item("EV-CHEM", "P1", "PARTICIPANT")]

    outcome = await record(client, headers, items, atomic=False)

    assert (outcome["created"], outcome["unchanged"], outcome["rejected"]) == (1, 1, 1)
    assert outcome["userErrors"][0]["field"] == ["input", "items", "2", "participantExternalId"]
    assert outcome["userErrors"][0]["code"] == "CONFLICT"


async def test_more_than_a_thousand_items_are_rejected(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")

    outcome = await record(client, headers, [item("EV-CHEM", "P1")] * 1001)

    assert outcome["created"] == 0
    assert outcome["userErrors"][0]["field"] == ["input", "items"]
    assert await stored(factory) == []


async def test_operator_records_only_in_scope(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    # The Magnitogorsk school's operator may record its own student at an event it does not organise,
    # but not a student of another school.
    operator = await bearer(factory, "OPERATOR", organizations=(people["other_school"],))

    outcome = await record(client, operator, [item("EV-CHEM", "P-MAGNITOGORSK"), item("EV-CHEM", "P1")], atomic=False)

    assert (outcome["created"], outcome["rejected"]) == (1, 1)
    assert outcome["userErrors"][0]["code"] == "FORBIDDEN"
    assert outcome["userErrors"][0]["field"] == ["input", "items", "1"]


async def test_anonymous_caller_cannot_record(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    outcome = await record(client, {}, [item("EV-CHEM", "P1")])

    assert outcome["rejected"] == 1
    assert outcome["userErrors"][0]["code"] == "FORBIDDEN"
    async with factory.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(models.Participation)) == 0


async def test_recorded_results_reach_monitoring(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    items = [item("EV-CHEM", f"P{number}", "WINNER") for number in range(1, 6)]
    await record(client, headers, items)

    body = await client.query(
        "{ monitoring { participation(groupBy: [SCHOOL_YEAR]) { total { participations winners suppressed } } } }",
        headers=headers,
    )

    total = body["data"]["monitoring"]["participation"]["total"]
    assert total["suppressed"] is False
    # Counts shown without personal-data access move by at most 2 (cell-key perturbation).
    assert abs(total["participations"] - 5) <= 2
    assert abs(total["winners"] - 5) <= 2


async def test_aliases_share_the_item_maximum(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    items = [item("EV-CHEM", "P1")] * 600
    document = """mutation($input: RecordParticipationsInput!) {
      first: recordParticipations(input: $input) { created unchanged userErrors { field } }
      second: recordParticipations(input: $input) { created unchanged userErrors { field } }
    }"""

    body = await client.query(document, {"input": {"items": items}}, headers=headers)

    assert body["data"]["first"]["userErrors"] == []
    assert body["data"]["second"]["userErrors"] == [{"field": ["input", "items"]}]
    assert body["data"]["second"]["created"] == 0


async def test_concurrent_batches_of_same_pair_succeed(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    batch = [item("EV-CHEM", f"P{number}", "WINNER") for number in range(1, 6)]

    outcomes = await asyncio.gather(*(record(client, headers, batch) for _ in range(8)))

    assert all(outcome["userErrors"] == [] for outcome in outcomes), outcomes
    assert sum(outcome["created"] for outcome in outcomes) == 5
    assert sum(outcome["unchanged"] for outcome in outcomes) == 5 * 7
    assert len(await stored(factory)) == 5


async def test_omitted_score_keeps_stored_one(client: Client, factory: Factory, people: dict[str, Any]) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")
    await record(client, headers, [item("EV-CHEM", "P1", "PRIZE_WINNER", score=71.5, mentorExternalId="T1")])

    kept = await record(client, headers, [item("EV-CHEM", "P1", "WINNER")])
    cleared = await record(client, headers, [item("EV-CHEM", "P1", "WINNER", score=None)])

    assert (kept["updated"], cleared["updated"]) == (1, 1)
    async with factory.engine.connect() as connection:
        statement = select(models.Participation.result, models.Participation.score, models.Participation.mentor_id)
        (row,) = (await connection.execute(statement)).all()
    assert row.result == "WINNER"
    assert row.score is None
    assert row.mentor_id is not None
