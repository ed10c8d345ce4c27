"""Mutations through the real HTTP app: validation, partial updates, conflicts, scopes and the
committed state they return."""

from typing import Any

import pytest
from sqlalchemy import select

from db import models
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import CHELYABINSK, Factory
from tests.keys import bearer

PROGRAM_FIELDS = """
    id title description orientation programType studyForm levels isNetwork usesDistanceLearning
    isAdapted adaptedFor ageFrom ageTo hours financing capacity status schoolYear
    organization { id } municipality { code } partners { id }
"""

CREATE_PROGRAM = f"""
mutation Create($input: CreateProgramInput!) {{
  createProgram(input: $input) {{ program {{ {PROGRAM_FIELDS} }} userErrors {{ field code message }} }}
}}
"""

UPDATE_PROGRAM = f"""
mutation Update($input: UpdateProgramInput!) {{
  updateProgram(input: $input) {{ program {{ {PROGRAM_FIELDS} updatedAt }} userErrors {{ field code message }} }}
}}
"""

CREATE_ORGANIZATION = """
mutation Create($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id inn name } userErrors { field code message } }
}
"""

# Valid ИНН values (their control digits are correct).
INN_A = "7707083893"
INN_B = "7451005770"


def gid(type_name: str, pk: int) -> str:
    return encode_global_id(type_name, pk)


async def admin(factory: Factory) -> dict[str, str]:
    return await bearer(factory, "REGIONAL_ADMIN")


async def mutate(client: Client, document: str, variables: dict[str, Any], headers: dict[str, str], **extra: str) -> dict[str, Any]:
    body = await client.query(document, variables, headers={**headers, **extra})
    assert "errors" not in body, body["errors"]
    (payload,) = body["data"].values()
    return payload


@pytest.fixture
async def school(factory: Factory) -> int:
    return await factory.organization("МАОУ «Лицей № 31»")


def program_input(organization_id: int, **values: Any) -> dict[str, Any]:
    return {
        "title": "Робототехника для начинающих",
        "description": "Конструирование и программирование роботов",
        "orientation": "TECHNICAL",
        "levels": ["STARTER", "BASIC"],
        "ageFrom": 8,
        "ageTo": 12,
        "hours": 72,
        "financing": "CERTIFICATE",
        "schoolYear": 2025,
        "organizationId": gid("Organization", organization_id),
        **values,
    }


async def test_create_program_returns_committed_row(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)

    payload = await mutate(client, CREATE_PROGRAM, {"input": program_input(school)}, headers)

    assert payload["userErrors"] == []
    program = payload["program"]
    assert program["title"] == "Робототехника для начинающих"
    assert program["levels"] == ["BASIC", "STARTER"]
    assert program["status"] == "DRAFT"
    assert program["programType"] == "GENERAL_DEVELOPMENTAL"
    assert program["municipality"]["code"] == CHELYABINSK
    assert program["isNetwork"] is False

    stored = await client.query(f'{{ node(id: "{program["id"]}") {{ ... on Program {{ {PROGRAM_FIELDS} }} }} }}', headers=headers)
    assert stored["data"]["node"] == program


async def test_create_program_reports_every_invalid_field(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    variables = {"input": program_input(school, title="   ", ageFrom=15, ageTo=10, hours=0, adaptedFor=["DEAF"])}

    payload = await mutate(client, CREATE_PROGRAM, variables, headers)

    assert payload["program"] is None
    fields = {tuple(error["field"]): error["code"] for error in payload["userErrors"]}
    assert fields == {("input", "title"): "INVALID", ("input", "hours"): "INVALID"}

    # Cross-field rules run once every single field is valid.
    variables = {"input": program_input(school, ageFrom=15, ageTo=10, adaptedFor=["DEAF"])}
    payload = await mutate(client, CREATE_PROGRAM, variables, headers)
    fields = {tuple(error["field"]): error["code"] for error in payload["userErrors"]}
    assert fields == {("input", "ageTo"): "INVALID", ("input", "adaptedFor"): "INVALID"}
    async with factory.engine.connect() as connection:
        assert (await connection.execute(select(models.Program.id))).all() == []


async def test_update_with_title_only_keeps_other_fields(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    created = (await mutate(client, CREATE_PROGRAM, {"input": program_input(school)}, headers))["program"]

    payload = await mutate(client, UPDATE_PROGRAM, {"input": {"id": created["id"], "title": "Робототехника"}}, headers)

    assert payload["userErrors"] == []
    updated = payload["program"]
    assert updated["title"] == "Робототехника"
    assert {**updated, "title": created["title"]} == {**created, "updatedAt": updated["updatedAt"]}


async def test_update_with_null_clears_only_that_field(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    created = (await mutate(client, CREATE_PROGRAM, {"input": program_input(school)}, headers))["program"]

    payload = await mutate(client, UPDATE_PROGRAM, {"input": {"id": created["id"], "description": None}}, headers)

    updated = payload["program"]
    assert updated["description"] is None
    assert {**updated, "description": created["description"]} == {**created, "updatedAt": updated["updatedAt"]}


async def test_update_cannot_clear_required_field(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    created = (await mutate(client, CREATE_PROGRAM, {"input": program_input(school)}, headers))["program"]

    payload = await mutate(client, UPDATE_PROGRAM, {"input": {"id": created["id"], "title": None}}, headers)

    assert payload["program"] is None
    assert payload["userErrors"][0]["field"] == ["input", "title"]
    assert payload["userErrors"][0]["code"] == "INVALID"


async def test_update_inputs_show_no_null_default(client: Client) -> None:
    body = await client.query('{ __type(name: "UpdateProgramInput") { inputFields { name defaultValue } } }')

    fields = body["data"]["__type"]["inputFields"]
    assert {field["name"] for field in fields} >= {"id", "title", "description", "levels"}
    assert all(field["defaultValue"] is None for field in fields)


async def test_update_of_missing_row_is_not_found(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)

    payload = await mutate(client, UPDATE_PROGRAM, {"input": {"id": gid("Program", 999), "title": "Шахматы"}}, headers)

    assert payload["userErrors"][0] == {"field": ["input", "id"], "code": "NOT_FOUND", "message": payload["userErrors"][0]["message"]}


async def test_reference_errors_are_user_errors(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    cases = {
        gid("Organization", 999): "NOT_FOUND",
        gid("Municipality", 1): "INVALID",
        "not-an-id": "INVALID",
    }
    for organization_id, code in cases.items():
        variables = {"input": program_input(school, organizationId=organization_id)}

        payload = await mutate(client, CREATE_PROGRAM, variables, headers)

        assert payload["userErrors"][0]["field"] == ["input", "organizationId"], organization_id
        assert payload["userErrors"][0]["code"] == code, organization_id


async def test_duplicate_inn_is_conflict_without_database_text(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    municipality = gid("Municipality", factory.municipality_ids[CHELYABINSK])
    first = {"name": "МБУ ДО «Дворец творчества»", "inn": INN_A, "kind": "ADDITIONAL_EDUCATION", "municipalityId": municipality}
    second = {**first, "name": "МБУ ДО «Станция юных техников»"}

    created = await mutate(client, CREATE_ORGANIZATION, {"input": first}, headers)
    duplicate = await mutate(client, CREATE_ORGANIZATION, {"input": second}, headers)

    assert created["userErrors"] == []
    assert duplicate["organization"] is None
    (error,) = duplicate["userErrors"]
    assert error["field"] == ["input", "inn"]
    assert error["code"] == "CONFLICT"
    for word in ("organizations", "UNIQUE", "constraint", "duplicate key", "sqlite", "asyncpg", "INSERT"):
        assert word.lower() not in error["message"].lower()
    assert INN_A in error["message"]


async def test_invalid_inn_is_rejected(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    municipality = gid("Municipality", factory.municipality_ids[CHELYABINSK])
    for inn in ("7707083894", "123", "77070838931", "77О7083893"):
        variables = {"input": {"name": "Школа", "inn": inn, "externalId": "ORG-1", "kind": "SCHOOL", "municipalityId": municipality}}

        payload = await mutate(client, CREATE_ORGANIZATION, variables, headers)

        assert payload["userErrors"][0]["field"] == ["input", "inn"], inn
        assert payload["userErrors"][0]["code"] == "INVALID", inn


async def test_messages_follow_accept_language(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    variables = {"input": program_input(school, ageFrom=15, ageTo=10)}

    russian = await mutate(client, CREATE_PROGRAM, variables, headers)
    english = await mutate(client, CREATE_PROGRAM, variables, headers, **{"Accept-Language": "en"})

    assert russian["userErrors"][0]["message"] == "Возраст «до» (10) меньше возраста «от» (15)."
    assert english["userErrors"][0]["message"] == "Age to (10) is less than age from (15)."


async def test_writes_need_a_role_with_scope(client: Client, factory: Factory, school: int) -> None:
    other_school = await factory.organization("МАОУ «Гимназия № 1»", municipality="MO01")
    variables = {"input": program_input(school)}
    cases = [
        ({}, "FORBIDDEN"),
        (await bearer(factory, "ANALYST"), "FORBIDDEN"),
        (await bearer(factory, "OPERATOR", organizations=(other_school,)), "FORBIDDEN"),
        (await bearer(factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids["MO01"],)), "FORBIDDEN"),
        (await bearer(factory, "OPERATOR", organizations=(school,)), None),
        (await bearer(factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids[CHELYABINSK],)), None),
    ]
    for headers, code in cases:
        payload = await mutate(client, CREATE_PROGRAM, variables, headers)

        codes = [error["code"] for error in payload["userErrors"]]
        assert codes == ([code] if code else []), headers
        assert (payload["program"] is None) == (code is not None)


async def test_operator_cannot_move_program_to_other_organization(client: Client, factory: Factory, school: int) -> None:
    other_school = await factory.organization("МАОУ «Гимназия № 1»")
    operator = await bearer(factory, "OPERATOR", organizations=(school,))
    created = (await mutate(client, CREATE_PROGRAM, {"input": program_input(school)}, operator))["program"]

    variables = {"input": {"id": created["id"], "organizationId": gid("Organization", other_school)}}
    payload = await mutate(client, UPDATE_PROGRAM, variables, operator)

    assert [error["code"] for error in payload["userErrors"]] == ["FORBIDDEN"]


async def test_archive_and_delete_program(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    program_id = await factory.program(school)
    participant_id = await factory.participant(school)
    await factory.enrollment(participant_id, program_id)
    target = {"input": {"id": gid("Program", program_id)}}

    refused = await mutate(client, "mutation($input: TargetInput!) { deleteProgram(input: $input) { deletedId userErrors { code } } }", target, headers)
    archived = await mutate(client, "mutation($input: TargetInput!) { archiveProgram(input: $input) { program { status } userErrors { code } } }", target, headers)

    assert refused == {"deletedId": None, "userErrors": [{"code": "CONFLICT"}]}
    assert archived == {"program": {"status": "ARCHIVED"}, "userErrors": []}

    empty_program = await factory.program(school, title="Шахматы")
    target = {"input": {"id": gid("Program", empty_program)}}
    deleted = await mutate(client, "mutation($input: TargetInput!) { deleteProgram(input: $input) { deletedId userErrors { code } } }", target, headers)
    assert deleted == {"deletedId": gid("Program", empty_program), "userErrors": []}


async def test_event_correction_reaches_participations(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    event_id = await factory.event(level="MUNICIPAL")
    participant_id = await factory.participant(school)
    await factory.participation(participant_id, event_id)

    document = """
    mutation($input: UpdateEventInput!) {
      updateEvent(input: $input) { event { level schoolYear } userErrors { field code } }
    }"""
    variables = {"input": {"id": gid("Event", event_id), "level": "REGIONAL", "startsAt": "2025-09-01T00:00:00+05:00", "endsAt": None}}
    payload = await mutate(client, document, variables, headers)

    assert payload == {"event": {"level": "REGIONAL", "schoolYear": 2025}, "userErrors": []}
    async with factory.engine.connect() as connection:
        statement = select(models.Participation.event_level, models.Participation.school_year)
        assert (await connection.execute(statement)).one() == ("REGIONAL", 2025)


async def test_event_rules(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    document = """
    mutation($input: CreateEventInput!) {
      createEvent(input: $input) { event { id schoolYear } userErrors { field code } }
    }"""
    base = {"title": "Олимпиада по физике", "kind": "CONTEST", "level": "SCHOOL", "startsAt": "2024-10-01T10:00:00+05:00"}

    stage = await mutate(client, document, {"input": {**base, "olympiadStage": "SCHOOL"}}, headers)
    backwards = await mutate(client, document, {"input": {**base, "endsAt": "2024-09-30T10:00:00+05:00"}}, headers)
    fine = await mutate(client, document, {"input": {**base, "kind": "OLYMPIAD", "olympiadStage": "SCHOOL"}}, headers)

    assert stage["userErrors"] == [{"field": ["input", "olympiadStage"], "code": "INVALID"}]
    assert backwards["userErrors"] == [{"field": ["input", "endsAt"], "code": "INVALID"}]
    assert fine["userErrors"] == []
    assert fine["event"]["schoolYear"] == 2024


async def test_delete_event_with_results_is_refused(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    event_id = await factory.event()
    await factory.participation(await factory.participant(school), event_id)

    document = "mutation($input: TargetInput!) { deleteEvent(input: $input) { deletedId userErrors { code message } } }"
    payload = await mutate(client, document, {"input": {"id": gid("Event", event_id)}}, headers)

    assert payload["deletedId"] is None
    assert payload["userErrors"][0]["code"] == "CONFLICT"
    assert "1" in payload["userErrors"][0]["message"]


async def test_participation_copies_event_and_participant(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    event_id = await factory.event(level="ALL_RUSSIAN", in_federal_list=True)
    participant_id = await factory.participant(school, grade=9)
    document = """
    mutation($input: CreateParticipationInput!) {
      createParticipation(input: $input) { participation { result score schoolYear municipality { code } } userErrors { field code } }
    }"""
    variables = {"input": {"eventId": gid("Event", event_id), "participantId": gid("Participant", participant_id), "result": "WINNER", "score": 87.5}}

    payload = await mutate(client, document, variables, headers)
    repeated = await mutate(client, document, variables, headers)

    assert payload["participation"] == {"result": "WINNER", "score": 87.5, "schoolYear": 2024, "municipality": {"code": CHELYABINSK}}
    assert repeated["userErrors"] == [{"field": ["input", "eventId"], "code": "CONFLICT"}]
    async with factory.engine.connect() as connection:
        statement = select(models.Participation.event_level, models.Participation.participant_grade)
        assert (await connection.execute(statement)).one() == ("ALL_RUSSIAN", 9)


async def test_participation_key_cannot_change(client: Client, factory: Factory, school: int) -> None:
    body = await client.query('{ __type(name: "UpdateParticipationInput") { inputFields { name } } }')

    names = {field["name"] for field in body["data"]["__type"]["inputFields"]}
    assert names == {"id", "result", "score", "mentorId"}


async def test_participant_rules(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    document = """
    mutation($input: CreateParticipantInput!) {
      createParticipant(input: $input) { participant { id birthYear grade } userErrors { field code } }
    }"""
    base = {"lastName": "Смирнов", "firstName": "Егор", "municipalityId": gid("Municipality", factory.municipality_ids[CHELYABINSK])}

    future = await mutate(client, document, {"input": {**base, "birthDate": "2099-01-01"}}, headers)
    mismatch = await mutate(client, document, {"input": {**base, "birthDate": "2012-05-01", "birthYear": 2011}}, headers)
    categories = await mutate(client, document, {"input": {**base, "disabilityCategories": ["DEAF"]}}, headers)
    grade = await mutate(client, document, {"input": {**base, "grade": 12}}, headers)
    fine = await mutate(client, document, {"input": {**base, "birthDate": "2012-05-01", "grade": 6}}, headers)

    assert future["userErrors"] == [{"field": ["input", "birthDate"], "code": "INVALID"}]
    assert mismatch["userErrors"] == [{"field": ["input", "birthYear"], "code": "INVALID"}]
    assert categories["userErrors"] == [{"field": ["input", "disabilityCategories"], "code": "INVALID"}]
    assert grade["userErrors"] == [{"field": ["input", "grade"], "code": "INVALID"}]
    assert fine["participant"]["birthYear"] == 2012


async def test_later_mutations_see_earlier_ones(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    program_id = await factory.program(school, levels=["BASIC"])
    document = """
    mutation($id: ID!) {
      first: updateProgram(input: {id: $id, levels: [ADVANCED]}) { program { levels } }
      second: updateProgram(input: {id: $id, title: "Шахматы"}) { program { title levels } }
    }"""

    body = await client.query(document, {"id": gid("Program", program_id)}, headers=headers)

    assert body["data"]["first"]["program"]["levels"] == ["ADVANCED"]
    assert body["data"]["second"]["program"] == {"title": "Шахматы", "levels": ["ADVANCED"]}


async def test_text_is_trimmed_and_checked(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    cases = {
        "  Шахматы   для   всех ": None,
        "Шахматы\nдля всех": "INVALID",
        "Шахматы\x00": "INVALID",
        "Ш" * 501: "INVALID",
    }
    for title, code in cases.items():
        payload = await mutate(client, CREATE_PROGRAM, {"input": program_input(school, title=title)}, headers)

        if code is None:
            assert payload["program"]["title"] == "Шахматы для всех"
        else:
            assert payload["userErrors"][0]["field"] == ["input", "title"], repr(title)


async def test_roadmap_and_indicator_targets_are_regional(client: Client, factory: Factory, school: int) -> None:
    coordinator = await bearer(factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids[CHELYABINSK],))
    headers = await admin(factory)
    document = """
    mutation($input: CreateRoadmapItemInput!) {
      createRoadmapItem(input: $input) { roadmapItem { number status } userErrors { field code } }
    }"""
    variables = {"input": {"number": "2.10", "title": "Региональный этап олимпиады"}}

    refused = await mutate(client, document, variables, coordinator)
    created = await mutate(client, document, variables, headers)
    bad_number = await mutate(client, document, {"input": {**variables["input"], "number": "2.x"}}, headers)

    assert refused["userErrors"] == [{"field": None, "code": "FORBIDDEN"}]
    assert created == {"roadmapItem": {"number": "2.10", "status": "PLANNED"}, "userErrors": []}
    assert bad_number["userErrors"] == [{"field": ["input", "number"], "code": "INVALID"}]


async def test_child_population_is_set_and_replaced(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    municipality = gid("Municipality", factory.municipality_ids[CHELYABINSK])
    document = """
    mutation($input: SetChildPopulationInput!) {
      setChildPopulation(input: $input) { municipality { childPopulation(schoolYear: 2025) } userErrors { field code } }
    }"""

    first = await mutate(client, document, {"input": {"municipalityId": municipality, "schoolYear": 2025, "children": 180000}}, headers)
    second = await mutate(client, document, {"input": {"municipalityId": municipality, "schoolYear": 2025, "children": 181500}}, headers)
    negative = await mutate(client, document, {"input": {"municipalityId": municipality, "schoolYear": 2025, "children": -1}}, headers)

    assert first == {"municipality": {"childPopulation": 180000}, "userErrors": []}
    assert second == {"municipality": {"childPopulation": 181500}, "userErrors": []}
    assert negative["userErrors"] == [{"field": ["input", "children"], "code": "INVALID"}]


async def test_delete_mentor_with_own_results(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    event_id = await factory.event()
    mentor = await factory.participant(school, category="TEACHER")
    student = await factory.participant(school)
    await factory.participation(mentor, event_id)
    await factory.participation(student, event_id, mentor_id=mentor)
    document = "mutation($input: TargetInput!) { deleteParticipant(input: $input) { deletedId userErrors { code } } }"

    payload = await mutate(client, document, {"input": {"id": gid("Participant", mentor)}}, headers)

    assert payload == {"deletedId": gid("Participant", mentor), "userErrors": []}
    async with factory.engine.connect() as connection:
        remaining = (await connection.execute(select(models.Participation.participant_id, models.Participation.mentor_id))).all()
    assert [tuple(row) for row in remaining] == [(student, None)]


async def test_folding_that_lengthens_text_is_stored(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)

    payload = await mutate(client, CREATE_PROGRAM, {"input": program_input(school, title="ß" * 500)}, headers)

    assert payload["userErrors"] == []
    assert payload["program"]["title"] == "ß" * 500


async def test_invisible_and_bidirectional_text_is_rejected(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    for title in ("\u200b", "\u3164", "\ufeff", "Шахматы\u202e", "Шахматы\x7f"):
        payload = await mutate(client, CREATE_PROGRAM, {"input": program_input(school, title=title)}, headers)

        assert payload["userErrors"][0]["field"] == ["input", "title"], repr(title)


async def test_event_before_first_school_year_is_invalid(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    document = """
    mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { field code } } }"""
    variables = {"input": {"title": "Конкурс", "kind": "CONTEST", "level": "SCHOOL", "startsAt": "2000-06-01T10:00:00+05:00"}}

    payload = await mutate(client, document, variables, headers)

    assert payload["userErrors"] == [{"field": ["input", "startsAt"], "code": "INVALID"}]


async def test_coordinator_cannot_claim_another_municipality(client: Client, factory: Factory, school: int) -> None:
    far_school = await factory.organization("МКОУ «СОШ с. Дальнее»", municipality="MO43")
    coordinator = await bearer(factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids[CHELYABINSK],))
    variables = {"input": program_input(far_school, municipalityId=gid("Municipality", factory.municipality_ids[CHELYABINSK]))}

    payload = await mutate(client, CREATE_PROGRAM, variables, coordinator)

    assert [error["code"] for error in payload["userErrors"]] == ["FORBIDDEN"]


async def test_operator_cannot_grant_site_status(client: Client, factory: Factory, school: int) -> None:
    operator = await bearer(factory, "OPERATOR", organizations=(school,))
    document = """
    mutation($input: CreateInnovationSiteInput!) {
      createInnovationSite(input: $input) { innovationSite { status } userErrors { field code } }
    }"""
    base = {"title": "Площадка", "kind": "RESOURCE_CENTER", "organizationId": gid("Organization", school), "startDate": "2025-01-01"}

    applied = await mutate(client, document, {"input": base}, operator)
    granted = await mutate(client, document, {"input": {**base, "status": "ACTIVE"}}, operator)

    assert applied == {"innovationSite": {"status": "APPLIED"}, "userErrors": []}
    assert granted["userErrors"] == [{"field": ["input", "status"], "code": "FORBIDDEN"}]


async def test_organization_needs_external_id_or_inn(client: Client, factory: Factory, school: int) -> None:
    headers = await admin(factory)
    municipality = gid("Municipality", factory.municipality_ids[CHELYABINSK])

    payload = await mutate(client, CREATE_ORGANIZATION, {"input": {"name": "Школа", "kind": "SCHOOL", "municipalityId": municipality}}, headers)

    assert payload["userErrors"][0]["field"] == ["input", "externalId"]
