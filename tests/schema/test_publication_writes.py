"""Writing publications, communities, their members and effective practices: validation,
moderation and the server-set publication time."""

from typing import Any

import pytest
from sqlalchemy import insert

from db import models
from db.enums import PracticeStatus, PublicationStatus
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import bearer

PUBLICATION_FIELDS = "id title status publishedAt audiences municipality { code } attachments { title url }"
PRACTICE_FIELDS = "id status reviewComment publishedAt innovationSite { id } authors { fullName }"


def gid(type_name: str, pk: int) -> str:
    return encode_global_id(type_name, pk)


def mutation(name: str, input_type: str, selection: str) -> str:
    return f"""mutation($input: {input_type}!) {{
      {name}(input: $input) {{ {selection} userErrors {{ field code message }} }}
    }}"""


CREATE_PUBLICATION = mutation("createPublication", "CreatePublicationInput", f"publication {{ {PUBLICATION_FIELDS} }}")
UPDATE_PUBLICATION = mutation("updatePublication", "UpdatePublicationInput", f"publication {{ {PUBLICATION_FIELDS} }}")
PUBLISH_PUBLICATION = mutation("publishPublication", "TargetInput", f"publication {{ {PUBLICATION_FIELDS} }}")
ARCHIVE_PUBLICATION = mutation("archivePublication", "TargetInput", f"publication {{ {PUBLICATION_FIELDS} }}")
DELETE_PUBLICATION = mutation("deletePublication", "TargetInput", "deletedId")
CREATE_PRACTICE = mutation("createEffectivePractice", "CreateEffectivePracticeInput", f"effectivePractice {{ {PRACTICE_FIELDS} }}")
UPDATE_PRACTICE = mutation("updateEffectivePractice", "UpdateEffectivePracticeInput", f"effectivePractice {{ {PRACTICE_FIELDS} }}")
REVIEW_PRACTICE = mutation("reviewEffectivePractice", "ReviewPracticeInput", f"effectivePractice {{ {PRACTICE_FIELDS} }}")
PUBLISH_PRACTICE = mutation("publishEffectivePractice", "ReviewPracticeInput", f"effectivePractice {{ {PRACTICE_FIELDS} }}")
REJECT_PRACTICE = mutation("rejectEffectivePractice", "RejectPracticeInput", f"effectivePractice {{ {PRACTICE_FIELDS} }}")
DELETE_PRACTICE = mutation("deleteEffectivePractice", "TargetInput", "deletedId")
CREATE_COMMUNITY = mutation(
    "createProfessionalCommunity",
    "CreateProfessionalCommunityInput",
    "professionalCommunity { id title foundedOn memberOrganizations { id } municipality { code } }",
)
CREATE_MEMBER = mutation(
    "createCommunityMember", "CreateCommunityMemberInput", "communityMember { id role joinedOn category }"
)
UPDATE_MEMBER = mutation("updateCommunityMember", "UpdateCommunityMemberInput", "communityMember { id leftOn }")
DELETE_MEMBER = mutation("deleteCommunityMember", "TargetInput", "deletedId")


class Actors:
    """Keys of the callers these tests write as, and the rows they write about."""

    def __init__(self, factory: Factory, school: int, rural_school: int) -> None:
        self.factory = factory
        self.school = school
        self.rural_school = rural_school
        self.headers: dict[str, dict[str, str]] = {}

    async def setup(self) -> "Actors":
        municipality = self.factory.municipality_ids
        self.headers = {
            "operator": await bearer(self.factory, "OPERATOR", organizations=(self.school,)),
            "coordinator": await bearer(self.factory, "MUNICIPAL_COORDINATOR", municipalities=(municipality["MO15"],)),
            "other coordinator": await bearer(self.factory, "MUNICIPAL_COORDINATOR", municipalities=(municipality["MO01"],)),
            "admin": await bearer(self.factory, "REGIONAL_ADMIN"),
        }
        return self


@pytest.fixture
async def actors(factory: Factory) -> Actors:
    school = await factory.organization("МАОУ «Лицей № 11»")
    rural_school = await factory.organization("МКОУ «СОШ с. Кунашак»", municipality="MO01")
    return await Actors(factory, school, rural_school).setup()


async def run(client: Client, document: str, input: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    body = await client.query(document, {"input": input}, headers=headers)
    assert "errors" not in body, body["errors"]
    (payload,) = body["data"].values()
    return payload


def codes(payload: dict[str, Any]) -> list[tuple[list[str] | None, str]]:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


def draft_input(actors: Actors, **values: Any) -> dict[str, Any]:
    return {
        "title": "Открыт приём заявок на конкурс «Юный исследователь»",
        "body": "Приём заявок — до **1 марта**.",
        "kind": "ANNOUNCEMENT",
        "organizationId": gid("Organization", actors.school),
        "municipalityId": gid("Municipality", actors.factory.municipality_ids["MO15"]),
        **values,
    }


async def test_operator_writes_drafts_with_defaults(client: Client, actors: Actors) -> None:
    attachments = [{"title": "Положение о конкурсе", "url": "https://example.org/rules.pdf"}]

    payload = await run(client, CREATE_PUBLICATION, draft_input(actors, attachments=attachments), actors.headers["operator"])

    assert payload["userErrors"] == []
    publication = payload["publication"]
    assert publication["status"] == "DRAFT"
    assert publication["publishedAt"] is None
    assert publication["audiences"] == ["MANAGER", "PARENT", "STUDENT", "TEACHER"]
    assert publication["attachments"] == attachments
    assert publication["municipality"] == {"code": "MO15"}

    changed = await run(
        client, UPDATE_PUBLICATION, {"id": publication["id"], "audiences": ["PARENT"], "attachments": []},
        actors.headers["operator"],
    )
    assert changed["userErrors"] == []
    assert changed["publication"]["audiences"] == ["PARENT"]
    assert changed["publication"]["attachments"] == []


async def test_operator_cannot_publish(client: Client, actors: Actors) -> None:
    operator = actors.headers["operator"]

    created = await run(client, CREATE_PUBLICATION, draft_input(actors, status="PUBLISHED"), operator)
    assert codes(created) == [(["input", "status"], "FORBIDDEN")]
    assert "модератор" in created["userErrors"][0]["message"]

    draft = (await run(client, CREATE_PUBLICATION, draft_input(actors), operator))["publication"]
    published = await run(client, PUBLISH_PUBLICATION, {"id": draft["id"]}, operator)
    assert codes(published) == [(["input", "status"], "FORBIDDEN")]
    assert published["publication"] is None


async def test_coordinator_publishes_once_and_time_is_kept(client: Client, actors: Actors) -> None:
    draft = (await run(client, CREATE_PUBLICATION, draft_input(actors), actors.headers["operator"]))["publication"]
    coordinator = actors.headers["coordinator"]

    published = await run(client, PUBLISH_PUBLICATION, {"id": draft["id"]}, coordinator)
    assert published["userErrors"] == []
    first_time = published["publication"]["publishedAt"]
    assert published["publication"]["status"] == "PUBLISHED"
    assert first_time is not None

    archived = await run(client, ARCHIVE_PUBLICATION, {"id": draft["id"]}, coordinator)
    assert archived["publication"]["status"] == "ARCHIVED"
    assert archived["publication"]["publishedAt"] == first_time

    again = await run(client, PUBLISH_PUBLICATION, {"id": draft["id"]}, coordinator)
    assert again["publication"]["publishedAt"] == first_time

    anonymous = await client.data("{ publications { nodes { id } } }")
    assert anonymous["publications"]["nodes"] == [{"id": draft["id"]}]


async def test_published_publication_is_changed_by_moderators_only(client: Client, actors: Actors) -> None:
    draft = (await run(client, CREATE_PUBLICATION, draft_input(actors), actors.headers["operator"]))["publication"]
    await run(client, PUBLISH_PUBLICATION, {"id": draft["id"]}, actors.headers["coordinator"])

    by_operator = await run(client, UPDATE_PUBLICATION, {"id": draft["id"], "title": "Новый"}, actors.headers["operator"])
    assert codes(by_operator) == [(["input", "status"], "FORBIDDEN")]
    deleted_by_operator = await run(client, DELETE_PUBLICATION, {"id": draft["id"]}, actors.headers["operator"])
    assert codes(deleted_by_operator) == [(None, "FORBIDDEN")]
    by_stranger = await run(client, UPDATE_PUBLICATION, {"id": draft["id"], "title": "Новый"}, actors.headers["other coordinator"])
    assert codes(by_stranger) == [(None, "FORBIDDEN")]

    by_coordinator = await run(client, UPDATE_PUBLICATION, {"id": draft["id"], "title": "Уточнённый"}, actors.headers["coordinator"])
    assert by_coordinator["userErrors"] == []
    assert by_coordinator["publication"]["title"] == "Уточнённый"
    deleted = await run(client, DELETE_PUBLICATION, {"id": draft["id"]}, actors.headers["coordinator"])
    assert deleted == {"deletedId": draft["id"], "userErrors": []}


async def test_region_wide_publication_is_published_by_admin(client: Client, actors: Actors) -> None:
    region_wide = draft_input(actors, municipalityId=None)
    draft = (await run(client, CREATE_PUBLICATION, region_wide, actors.headers["operator"]))["publication"]
    assert draft["municipality"] is None

    by_coordinator = await run(client, PUBLISH_PUBLICATION, {"id": draft["id"]}, actors.headers["coordinator"])
    assert codes(by_coordinator) == [(["input", "status"], "FORBIDDEN")]
    by_admin = await run(client, PUBLISH_PUBLICATION, {"id": draft["id"]}, actors.headers["admin"])
    assert by_admin["userErrors"] == []

    ministry = {"title": "Приказ министерства", "body": "Текст", "kind": "NEWS", "status": "PUBLISHED"}
    by_coordinator = await run(client, CREATE_PUBLICATION, ministry, actors.headers["coordinator"])
    assert codes(by_coordinator) == [(None, "FORBIDDEN")]
    by_admin = await run(client, CREATE_PUBLICATION, ministry, actors.headers["admin"])
    assert by_admin["publication"]["publishedAt"] is not None


async def test_publication_validation(client: Client, actors: Actors) -> None:
    invalid = draft_input(
        actors,
        title="  ",
        audiences=[],
        attachments=[{"title": "Файл", "url": "ftp://example.org/file"}],
        eventId=gid("Event", 999),
    )

    payload = await run(client, CREATE_PUBLICATION, invalid, actors.headers["admin"])

    assert codes(payload) == [(["input", "title"], "INVALID"), (["input", "attachments"], "INVALID")]
    missing = await run(client, CREATE_PUBLICATION, draft_input(actors, eventId=gid("Event", 999)), actors.headers["admin"])
    assert codes(missing) == [(["input", "eventId"], "NOT_FOUND")]
    no_audience = await run(client, CREATE_PUBLICATION, draft_input(actors, audiences=[]), actors.headers["admin"])
    assert codes(no_audience) == [(["input", "audiences"], "INVALID")]

    english = await client.query(
        CREATE_PUBLICATION, {"input": draft_input(actors, audiences=[])}, headers={**actors.headers["admin"], "Accept-Language": "en"}
    )
    assert english["data"]["createPublication"]["userErrors"][0]["message"].startswith("Give at least one")


def practice_input(actors: Actors, **values: Any) -> dict[str, Any]:
    return {
        "title": "Олимпиадный клуб «Эрудит»",
        "summary": "Еженедельные занятия и турниры для мотивированных школьников.",
        "organizationId": gid("Organization", actors.school),
        **values,
    }


async def test_practice_review_cycle(client: Client, actors: Actors) -> None:
    operator, coordinator = actors.headers["operator"], actors.headers["coordinator"]
    author = await actors.factory.teacher(actors.school)
    created = await run(client, CREATE_PRACTICE, practice_input(actors, authorIds=[gid("Participant", author)]), operator)
    assert created["userErrors"] == []
    practice = created["effectivePractice"]
    assert practice["status"] == "SUBMITTED"
    assert practice["authors"] == [{"fullName": "Смирнова Елена Викторовна"}]

    rejected = await run(client, REJECT_PRACTICE, {"id": practice["id"], "reviewComment": "Добавьте результаты."}, coordinator)
    assert rejected["effectivePractice"]["status"] == "REJECTED"
    assert rejected["effectivePractice"]["reviewComment"] == "Добавьте результаты."

    resubmitted = await run(client, UPDATE_PRACTICE, {"id": practice["id"], "status": "SUBMITTED", "summary": "С результатами."}, operator)
    assert resubmitted["userErrors"] == []

    reviewed = await run(client, REVIEW_PRACTICE, {"id": practice["id"], "reviewComment": "Рекомендована."}, coordinator)
    assert reviewed["effectivePractice"]["status"] == "REVIEWED"
    published = await run(client, PUBLISH_PRACTICE, {"id": practice["id"]}, actors.headers["admin"])
    assert published["effectivePractice"]["status"] == "PUBLISHED"
    assert published["effectivePractice"]["reviewComment"] == "Рекомендована."
    assert published["effectivePractice"]["publishedAt"] is not None

    after_review = await run(client, UPDATE_PRACTICE, {"id": practice["id"], "title": "Другое"}, operator)
    assert codes(after_review) == [(["input", "status"], "FORBIDDEN")]
    deleted_by_operator = await run(client, DELETE_PRACTICE, {"id": practice["id"]}, operator)
    assert codes(deleted_by_operator) == [(None, "FORBIDDEN")]


async def test_operator_cannot_set_review_outcome(client: Client, actors: Actors) -> None:
    operator = actors.headers["operator"]
    practice = (await run(client, CREATE_PRACTICE, practice_input(actors), operator))["effectivePractice"]

    for document, input in [
        (REVIEW_PRACTICE, {"id": practice["id"]}),
        (PUBLISH_PRACTICE, {"id": practice["id"]}),
        (REJECT_PRACTICE, {"id": practice["id"], "reviewComment": "Нет"}),
    ]:
        payload = await run(client, document, input, operator)
        assert ["input", "status"] in [error["field"] for error in payload["userErrors"]], document
        assert {error["code"] for error in payload["userErrors"]} == {"FORBIDDEN"}, document

    comment = await run(client, UPDATE_PRACTICE, {"id": practice["id"], "reviewComment": "Сам себя хвалю"}, operator)
    assert codes(comment) == [(["input", "reviewComment"], "FORBIDDEN")]
    created_published = await run(client, CREATE_PRACTICE, practice_input(actors, status="PUBLISHED"), operator)
    assert codes(created_published) == [(["input", "status"], "FORBIDDEN")]
    other_school = await run(
        client, CREATE_PRACTICE, practice_input(actors, organizationId=gid("Organization", actors.rural_school)), operator
    )
    assert codes(other_school) == [(None, "FORBIDDEN")]


async def test_practice_validation(client: Client, actors: Actors) -> None:
    admin = actors.headers["admin"]
    student = await actors.factory.participant(actors.school)
    site = await actors.factory.innovation_site(actors.school)
    other_site = await actors.factory.innovation_site(actors.school, "Другая площадка")
    async with actors.factory.engine.begin() as connection:
        product = (
            await connection.execute(
                insert(models.InnovationProduct).returning(models.InnovationProduct.id),
                [{"site_id": site, "title": "Модульный курс", "kind": "MODULAR_COURSE", "search_key": "модульный курс"}],
            )
        ).scalar_one()

    not_staff = await run(client, CREATE_PRACTICE, practice_input(actors, authorIds=[gid("Participant", student)]), admin)
    assert codes(not_staff) == [(["input", "authorIds"], "INVALID")]

    from_product = await run(client, CREATE_PRACTICE, practice_input(actors, innovationProductId=gid("InnovationProduct", product)), admin)
    assert from_product["effectivePractice"]["innovationSite"] == {"id": gid("InnovationSite", site)}

    mismatch = await run(
        client,
        CREATE_PRACTICE,
        practice_input(
            actors, innovationProductId=gid("InnovationProduct", product), innovationSiteId=gid("InnovationSite", other_site)
        ),
        admin,
    )
    assert codes(mismatch) == [(["input", "innovationProductId"], "INVALID")]

    rejected_without_comment = await run(client, CREATE_PRACTICE, practice_input(actors, status="REJECTED"), admin)
    assert codes(rejected_without_comment) == [(["input", "reviewComment"], "INVALID")]

    body = await client.query(REJECT_PRACTICE, {"input": {"id": from_product["effectivePractice"]["id"]}}, headers=admin)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_community_and_members(client: Client, actors: Actors) -> None:
    operator = actors.headers["operator"]
    community_input = {
        "title": "Сообщество учителей физики",
        "topic": "Экспериментальные задачи олимпиад",
        "coordinatingOrganizationId": gid("Organization", actors.school),
        "memberOrganizationIds": [gid("Organization", actors.rural_school)],
        "foundedOn": "2024-09-01",
    }
    created = await run(client, CREATE_COMMUNITY, community_input, operator)
    assert created["userErrors"] == []
    community = created["professionalCommunity"]
    assert community["memberOrganizations"] == [{"id": gid("Organization", actors.rural_school)}]
    assert community["municipality"] == {"code": "MO15"}

    teacher = await actors.factory.teacher(actors.school)
    rural_teacher = await actors.factory.teacher(actors.rural_school)
    student = await actors.factory.participant(actors.school)
    member_input = {"communityId": community["id"], "participantId": gid("Participant", teacher), "joinedOn": "2024-09-02"}

    added = await run(client, CREATE_MEMBER, member_input, operator)
    assert added["userErrors"] == []
    assert added["communityMember"]["role"] == "MEMBER"
    assert added["communityMember"]["category"] == "TEACHER"

    duplicate = await run(client, CREATE_MEMBER, member_input, operator)
    assert codes(duplicate) == [(["input", "communityId"], "CONFLICT")]
    not_staff = await run(client, CREATE_MEMBER, {**member_input, "participantId": gid("Participant", student)}, operator)
    assert codes(not_staff) == [(["input", "participantId"], "INVALID")]

    # The rural school's teacher joins through either side: the coordinator or the member's school.
    rural = {"communityId": community["id"], "participantId": gid("Participant", rural_teacher)}
    by_rural_operator = await run(
        client, CREATE_MEMBER, rural, await bearer(actors.factory, "OPERATOR", organizations=(actors.rural_school,))
    )
    assert by_rural_operator["userErrors"] == []

    member_id = added["communityMember"]["id"]
    early = await run(client, UPDATE_MEMBER, {"id": member_id, "leftOn": "2024-01-01"}, operator)
    assert codes(early) == [(["input", "leftOn"], "INVALID")]
    left = await run(client, UPDATE_MEMBER, {"id": member_id, "leftOn": "2025-06-30"}, operator)
    assert left["communityMember"]["leftOn"] == "2025-06-30"
    deleted = await run(client, DELETE_MEMBER, {"id": member_id}, operator)
    assert deleted["userErrors"] == []

    stranger = await bearer(actors.factory, "MUNICIPAL_COORDINATOR", municipalities=(actors.factory.municipality_ids["MO02"],))
    forbidden = await run(client, CREATE_COMMUNITY, community_input, stranger)
    assert codes(forbidden) == [(None, "FORBIDDEN")]


async def test_event_is_assigned_to_a_community(client: Client, actors: Actors) -> None:
    community = await actors.factory.community(actors.school)
    document = mutation("createEvent", "CreateEventInput", "event { community { id } }")
    event = {
        "title": "Методическая сессия",
        "kind": "METHODICAL_SESSION",
        "level": "REGIONAL",
        "startsAt": "2025-02-10T10:00:00+05:00",
        "organizerId": gid("Organization", actors.school),
        "communityId": gid("ProfessionalCommunity", community),
    }

    payload = await run(client, document, event, actors.headers["operator"])

    assert payload["userErrors"] == []
    assert payload["event"]["community"] == {"id": gid("ProfessionalCommunity", community)}


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED])
async def test_unpublished_statuses_hide_from_anonymous(client: Client, factory: Factory, status: PublicationStatus) -> None:
    await factory.publication(status=status)
    await factory.practice(await factory.organization(), status=PracticeStatus.REVIEWED)

    data = await client.data("{ publications { totalCount } effectivePractices { totalCount } }")

    assert data == {"publications": {"totalCount": 0}, "effectivePractices": {"totalCount": 0}}


async def test_organization_with_publications_is_kept(client: Client, actors: Actors) -> None:
    await actors.factory.publication(organization_id=actors.school)
    await actors.factory.community(actors.rural_school)
    await actors.factory.practice(actors.rural_school)
    document = mutation("deleteOrganization", "TargetInput", "deletedId")

    for school, expected in [(actors.school, "публикаций"), (actors.rural_school, "сообществ")]:
        payload = await run(client, document, {"id": gid("Organization", school)}, actors.headers["admin"])
        assert codes(payload)[0] == (None, "CONFLICT"), school
        assert expected in payload["userErrors"][0]["message"], school
    assert len(payload["userErrors"]) == 2
