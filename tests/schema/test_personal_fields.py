"""Personal and health fields of participants are FORBIDDEN wherever they are reached."""

import pytest

from tests.conftest import Client
from tests.factories import Factory

PERSONAL = ["lastName", "firstName", "middleName", "birthDate"]
HEALTH = ["hasDisabilityStatus", "disabilityCategories", "isDisabledChild"]


async def seed_participation(factory: Factory) -> tuple[int, int]:
    school = await factory.organization()
    student = await factory.participant(school, has_disability_status=True)
    event = await factory.event()
    await factory.participation(student, event, result="WINNER")
    return student, event


@pytest.mark.parametrize("field", PERSONAL + HEALTH)
async def test_personal_field_is_forbidden_in_root_list(client: Client, factory: Factory, field: str) -> None:
    await seed_participation(factory)

    body = await client.query(f"{{ participants {{ nodes {{ category {field} }} }} }}")

    assert body["data"]["participants"]["nodes"] == [{"category": "STUDENT", field: None}]
    assert len(body["errors"]) == 1
    assert body["errors"][0]["path"] == ["participants", "nodes", 0, field]
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "персональные данные" in body["errors"][0]["message"]


async def test_personal_field_is_forbidden_through_node(client: Client, factory: Factory) -> None:
    await seed_participation(factory)
    listed = await client.data("{ participants { nodes { id } } }")
    participant_id = listed["participants"]["nodes"][0]["id"]

    body = await client.query(
        "query P($id: ID!) { node(id: $id) { ... on Participant { grade lastName } } }", {"id": participant_id}
    )

    assert body["data"]["node"] == {"grade": 7, "lastName": None}
    assert body["errors"][0]["path"] == ["node", "lastName"]
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_personal_field_is_forbidden_through_nested_relation(client: Client, factory: Factory) -> None:
    await seed_participation(factory)

    body = await client.query(
        "{ events { nodes { participations { nodes { participant { firstName disabilityCategories } } } } } }"
    )

    paths = sorted(error["path"][-1] for error in body["errors"])
    assert paths == ["disabilityCategories", "firstName"]
    assert {error["extensions"]["code"] for error in body["errors"]} == {"FORBIDDEN"}
    participant = body["data"]["events"]["nodes"][0]["participations"]["nodes"][0]["participant"]
    assert participant == {"firstName": None, "disabilityCategories": None}


async def test_non_personal_participant_fields_are_readable(client: Client, factory: Factory) -> None:
    await seed_participation(factory)

    data = await client.data(
        "{ participants { nodes { externalId category grade birthYear sex organization { name } municipality { code } } } }"
    )

    node = data["participants"]["nodes"][0]
    assert node["category"] == "STUDENT"
    assert node["grade"] == 7
    assert node["birthYear"] == 2011
    assert node["municipality"] == {"code": "MO15"}
