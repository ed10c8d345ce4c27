"""Who sees what: each role against personal and health fields through root lists, `node` and
nested relations, against every kind of mutation and against monitoring's small cells."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from db import models
from db.enums import PracticeStatus, PublicationStatus
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import bearer

PERSONAL = ["lastName", "firstName", "middleName", "birthDate"]
HEALTH = ["hasDisabilityStatus", "disabilityCategories", "isDisabledChild"]


@dataclass(frozen=True)
class Caller:
    name: str
    role: str | None
    scope: str | None = None  # "own" or "other" organisation or municipality
    health_data: bool = False
    # Whether the caller sees the student at all, and the student's personal and health fields.
    sees_student: bool = False
    sees_personal: bool = False
    sees_health: bool = False


CALLERS = [
    Caller("anonymous", None),
    Caller("analyst", "ANALYST"),
    Caller("analyst with health data", "ANALYST", health_data=True),
    Caller("operator of another school", "OPERATOR", "other"),
    Caller("operator of the school", "OPERATOR", "own", sees_student=True, sees_personal=True),
    Caller("operator with health data", "OPERATOR", "own", True, sees_student=True, sees_personal=True, sees_health=True),
    Caller("coordinator of another municipality", "MUNICIPAL_COORDINATOR", "other"),
    Caller("coordinator of the municipality", "MUNICIPAL_COORDINATOR", "own", sees_student=True, sees_personal=True),
    Caller("regional admin", "REGIONAL_ADMIN", sees_student=True, sees_personal=True),
    Caller("regional admin with health data", "REGIONAL_ADMIN", None, True, sees_student=True, sees_personal=True, sees_health=True),
]


@dataclass
class World:
    school: int
    other_school: int
    student: int
    event: int


@pytest.fixture
async def world(factory: Factory) -> World:
    school = await factory.organization("МАОУ «Лицей № 11»")
    other_school = await factory.organization("МАОУ «СОШ № 3»", municipality="MO01")
    student = await factory.participant(school, has_disability_status=True, external_id="STUDENT-1")
    await factory._link(models.participant_disabilities, [{"participant_id": student, "category": "DEAF"}])
    event = await factory.event(external_id="EVENT-1")
    await factory.participation(student, event, result="WINNER")
    return World(school, other_school, student, event)


async def headers_of(caller: Caller, factory: Factory, world: World) -> dict[str, str]:
    if caller.role is None:
        return {}
    scope: dict[str, Any] = {}
    if caller.role == "OPERATOR":
        scope["organizations"] = (world.school if caller.scope == "own" else world.other_school,)
    if caller.role == "MUNICIPAL_COORDINATOR":
        code = "MO15" if caller.scope == "own" else "MO01"
        scope["municipalities"] = (factory.municipality_ids[code],)
    return await bearer(factory, caller.role, health_data=caller.health_data, **scope)


def expected_codes(caller: Caller, fields: list[str]) -> dict[str, str | None]:
    """Return the error code each field should get for a caller who sees the student."""
    codes: dict[str, str | None] = {}
    for field in fields:
        allowed = caller.sees_health if field in HEALTH else caller.sees_personal
        codes[field] = None if allowed else "FORBIDDEN"
    return codes


def field_errors(body: dict[str, Any]) -> dict[str, str]:
    return {error["path"][-1]: error["extensions"]["code"] for error in body.get("errors", [])}


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_personal_fields_in_root_list(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    fields = PERSONAL + HEALTH

    body = await client.query(f"{{ participants {{ nodes {{ externalId {' '.join(fields)} }} }} }}", headers=headers)

    if caller.role in (None, "ANALYST"):
        assert body["data"] is None
        assert body["errors"][0]["path"] == ["participants"]
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        return
    nodes = body["data"]["participants"]["nodes"]
    if not caller.sees_student:
        assert nodes == []
        return
    assert nodes[0]["externalId"] == "STUDENT-1"
    expected = expected_codes(caller, fields)
    assert field_errors(body) == {field: code for field, code in expected.items() if code}
    for field, code in expected.items():
        assert (nodes[0][field] is None) == (code is not None), field


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_personal_fields_through_node(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    document = "query($id: ID!) { node(id: $id) { ... on Participant { grade lastName isDisabledChild } } }"

    body = await client.query(document, {"id": encode_global_id("Participant", world.student)}, headers=headers)

    if not caller.sees_student:
        assert body["data"]["node"] is None
        assert "errors" not in body
        return
    assert body["data"]["node"]["grade"] == 7
    expected = expected_codes(caller, ["lastName", "isDisabledChild"])
    assert field_errors(body) == {field: code for field, code in expected.items() if code}


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_personal_fields_through_nested_relation(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    document = "{ events { nodes { participations { nodes { participant { firstName disabilityCategories } } } } } }"

    body = await client.query(document, headers=headers)

    if caller.role in (None, "ANALYST"):
        # The connection is non-null, so the error nulls the whole list of events.
        assert body["data"] is None
        assert field_errors(body) == {"participations": "FORBIDDEN"}
        assert body["errors"][0]["path"] == ["events", "nodes", 0, "participations"]
        return
    participations = body["data"]["events"]["nodes"][0]["participations"]["nodes"]
    if not caller.sees_student:
        assert participations == []
        return
    expected = expected_codes(caller, ["firstName", "disabilityCategories"])
    assert field_errors(body) == {field: code for field, code in expected.items() if code}
    participant = participations[0]["participant"]
    assert (participant["disabilityCategories"] == ["DEAF"]) == caller.sees_health


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_warm_loader_cache_is_checked_again(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    # The participant is loaded once through `node` without personal fields, then read again
    # from the same request's DataLoader cache with them.
    headers = await headers_of(caller, factory, world)
    document = """query($id: ID!) {
      plain: node(id: $id) { ... on Participant { grade } }
      personal: node(id: $id) { ... on Participant { birthDate } }
    }"""

    body = await client.query(document, {"id": encode_global_id("Participant", world.student)}, headers=headers)

    if not caller.sees_student:
        assert body["data"] == {"plain": None, "personal": None}
        return
    assert (body["data"]["personal"]["birthDate"] is None) == (not caller.sees_personal)


MUTATIONS = {
    "createOrganization": ('{name: "Школа", kind: SCHOOL, municipalityId: "%(municipality)s"}', "organization { id }"),
    "createProgram": (
        '{title: "Шахматы", orientation: SOCIAL_HUMANITARIAN, ageFrom: 7, ageTo: 10, financing: FREE, '
        'schoolYear: 2025, organizationId: "%(school)s"}',
        "program { id }",
    ),
    "createParticipant": (
        '{lastName: "А", firstName: "Б", municipalityId: "%(municipality)s", organizationId: "%(school)s"}',
        "participant { id }",
    ),
    "createEvent": ('{title: "Конкурс", kind: CONTEST, level: SCHOOL, startsAt: "2025-10-01T10:00:00+05:00", organizerId: "%(school)s"}', "event { id }"),
    "createParticipation": ('{eventId: "%(event)s", participantId: "%(student)s", result: PARTICIPANT}', "participation { id }"),
    "createEnrollment": ('{participantId: "%(student)s", programId: "%(program)s", schoolYear: 2025}', "enrollment { id }"),
    "createInnovationSite": ('{title: "Площадка", kind: RESOURCE_CENTER, organizationId: "%(school)s", startDate: "2025-01-01"}', "innovationSite { id }"),
    "createRoadmapItem": ('{number: "9.9", title: "Пункт"}', "roadmapItem { id }"),
    "setChildPopulation": ('{municipalityId: "%(municipality)s", schoolYear: 2025, children: 100}', "municipality { id }"),
    "recordParticipations": ('{items: [{eventExternalId: "EVENT-1", participantExternalId: "STUDENT-1", result: WINNER}]}', "created updated"),
    "createPublication": (
        '{title: "Новость", body: "Текст", kind: NEWS, organizationId: "%(school)s", municipalityId: "%(municipality)s"}',
        "publication { id }",
    ),
    "publishPublication": ('{id: "%(draft)s"}', "publication { id }"),
    "createProfessionalCommunity": (
        '{title: "Сообщество", topic: "Тема", coordinatingOrganizationId: "%(school)s"}',
        "professionalCommunity { id }",
    ),
    "createCommunityMember": ('{communityId: "%(community)s", participantId: "%(teacher)s"}', "communityMember { id }"),
    "createEffectivePractice": ('{title: "Практика", summary: "Описание", organizationId: "%(school)s"}', "effectivePractice { id }"),
    "reviewEffectivePractice": ('{id: "%(practice)s", reviewComment: "Рекомендована"}', "effectivePractice { id }"),
}

# Mutations that only moderators run: municipal coordinators and the regional admin.
MODERATION = {"publishPublication", "reviewEffectivePractice"}

# Which callers may run each mutation on the school's data (the regional admin may run them all).
ALLOWED = {
    "operator of the school": set(MUTATIONS) - {"createOrganization", "createRoadmapItem", "setChildPopulation"} - MODERATION,
    "operator with health data": set(MUTATIONS) - {"createOrganization", "createRoadmapItem", "setChildPopulation"} - MODERATION,
    "coordinator of the municipality": set(MUTATIONS) - {"createRoadmapItem"},
    "regional admin": set(MUTATIONS),
    "regional admin with health data": set(MUTATIONS),
}


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_mutations_by_role(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    program = await factory.program(world.school)
    draft = await factory.publication(
        status=PublicationStatus.DRAFT, organization_id=world.school, municipality_id=factory.municipality_ids["MO15"]
    )
    community = await factory.community(world.school)
    practice = await factory.practice(world.school, status=PracticeStatus.SUBMITTED)
    ids = {
        "municipality": encode_global_id("Municipality", factory.municipality_ids["MO15"]),
        "school": encode_global_id("Organization", world.school),
        "student": encode_global_id("Participant", world.student),
        "event": encode_global_id("Event", world.event),
        "program": encode_global_id("Program", program),
        "draft": encode_global_id("Publication", draft),
        "community": encode_global_id("ProfessionalCommunity", community),
        "teacher": encode_global_id("Participant", await factory.teacher(world.school)),
        "practice": encode_global_id("EffectivePractice", practice),
    }
    allowed = ALLOWED.get(caller.name, set())

    for name, (arguments, selection) in MUTATIONS.items():
        body = await client.query(
            f"mutation {{ {name}(input: {arguments % ids}) {{ {selection} userErrors {{ code }} }} }}", headers=headers
        )

        assert "errors" not in body, (name, body)
        codes = [error["code"] for error in body["data"][name]["userErrors"]]
        if name in allowed:
            assert "FORBIDDEN" not in codes, (caller.name, name, codes)
        else:
            assert codes == ["FORBIDDEN"], (caller.name, name, codes)


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_monitoring_small_cells_by_role(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    cuts = {
        "participation": "participation(groupBy: [MUNICIPALITY]) { rows { participations suppressed } }",
        "coverage": "coverage(schoolYear: 2024, groupBy: [MUNICIPALITY]) { rows { enrolledChildren suppressed } }",
    }

    for name, selection in cuts.items():
        body = await client.query(f"{{ monitoring {{ {selection} }} }}", headers=headers)

        assert "errors" not in body, body
        rows = body["data"]["monitoring"][name]["rows"]
        # One child took part: the cell is shown only to the regional admin with health data.
        unsuppressed = caller.role == "REGIONAL_ADMIN" and caller.health_data
        if name == "participation":
            assert rows == ([{"participations": 1, "suppressed": False}] if unsuppressed else [{"participations": None, "suppressed": True}])


def sees_unpublished(caller: Caller) -> bool:
    """Return whether the caller sees the school's drafts and practices under review."""
    return caller.role == "REGIONAL_ADMIN" or (
        caller.role in ("OPERATOR", "MUNICIPAL_COORDINATOR") and caller.scope == "own"
    )


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_unpublished_rows_by_role(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    draft = await factory.publication("Черновик", status=PublicationStatus.DRAFT, organization_id=world.school)
    await factory.publication("Новость", organization_id=world.school)
    submitted = await factory.practice(world.school, "Поданная", status=PracticeStatus.SUBMITTED)
    await factory.practice(world.school, "Опубликованная")
    document = """query($draft: ID!, $submitted: ID!) {
      publications { nodes { title } }
      effectivePractices { nodes { title } }
      draft: node(id: $draft) { id }
      submitted: node(id: $submitted) { id }
    }"""
    variables = {"draft": encode_global_id("Publication", draft), "submitted": encode_global_id("EffectivePractice", submitted)}

    body = await client.query(document, variables, headers=headers)

    assert "errors" not in body, body
    data = body["data"]
    sees = sees_unpublished(caller)
    assert sorted(node["title"] for node in data["publications"]["nodes"]) == (["Новость", "Черновик"] if sees else ["Новость"])
    assert sorted(node["title"] for node in data["effectivePractices"]["nodes"]) == (
        ["Опубликованная", "Поданная"] if sees else ["Опубликованная"]
    )
    assert (data["draft"] is not None) == sees
    assert (data["submitted"] is not None) == sees


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_community_member_names_by_role(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    community = await factory.community(world.school)
    teacher = await factory.teacher(world.school)
    await factory.community_member(community, teacher)
    author = await factory.teacher(world.school, last_name="Орлова")
    await factory.practice(world.school, community_id=community, authors=[author])
    fields = ["lastName", "firstName", "middleName", "participant"]
    document = f"""query($id: ID!) {{ node(id: $id) {{ ... on ProfessionalCommunity {{
      members {{ nodes {{ category organization {{ id }} {" ".join(f if f != "participant" else "participant { id }" for f in fields)} }} }}
      practices {{ nodes {{ authors {{ lastName fullName }} }} }}
    }} }} }}"""

    body = await client.query(document, {"id": encode_global_id("ProfessionalCommunity", community)}, headers=headers)

    member = body["data"]["node"]["members"]["nodes"][0]
    assert member["category"] == "TEACHER"
    expected = {field: "FORBIDDEN" for field in fields if not caller.sees_personal}
    assert field_errors(body) == expected
    for field in fields:
        assert (member[field] is None) == (not caller.sees_personal), field
    # Authors are published by name to everyone who sees the practice.
    assert body["data"]["node"]["practices"]["nodes"][0]["authors"] == [
        {"lastName": "Орлова", "fullName": "Орлова Елена Викторовна"}
    ]


@pytest.mark.parametrize("caller", CALLERS, ids=lambda caller: caller.name)
async def test_information_monitoring_by_role(client: Client, factory: Factory, world: World, caller: Caller) -> None:
    headers = await headers_of(caller, factory, world)
    community = await factory.community(world.school)
    await factory.community_member(community, await factory.teacher(world.school))
    await factory.publication(municipality_id=factory.municipality_ids["MO15"], published_at=datetime(2025, 1, 15, tzinfo=UTC))
    await factory.publication("Черновик", status=PublicationStatus.DRAFT, organization_id=world.school)
    document = """{ monitoring { information(fromSchoolYear: 2022, toSchoolYear: 2025, groupBy: [MUNICIPALITY]) {
      rows { municipality { code } publications communities members publishedPractices }
    } } }"""

    body = await client.query(document, headers=headers)

    # The counts describe no children, so every role sees the same small numbers, drafts left out.
    assert "errors" not in body, body
    assert body["data"]["monitoring"]["information"]["rows"] == [
        {"municipality": {"code": "MO15"}, "publications": 1, "communities": 1, "members": 1, "publishedPractices": 0}
    ]
