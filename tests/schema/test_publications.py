"""Reading publications, professional communities, their members and effective practices."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from db import models
from db.enums import ParticipantCategory, PracticeStatus, PublicationKind, PublicationStatus
from db.engine import create_engine
from resolvers.access import ANONYMOUS, Role, Viewer
from resolvers.ids import encode_global_id
from resolvers.publications import publication_conditions
from schema.publications import PublicationFilter
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import sign_in

NOON = datetime(2025, 3, 3, 7, 0, tzinfo=UTC)


def gid(type_name: str, pk: int) -> str:
    return encode_global_id(type_name, pk)


async def test_anonymous_sees_published_publications_newest_first(client: Client, factory: Factory) -> None:
    await factory.publication("Старая новость", published_at=NOON - timedelta(days=2))
    await factory.publication("Свежая новость", published_at=NOON)
    await factory.publication("Черновик", status=PublicationStatus.DRAFT)
    await factory.publication("Архив", status=PublicationStatus.ARCHIVED, published_at=NOON - timedelta(days=9))

    data = await client.data("{ publications { nodes { title status publishedAt } totalCount } }")

    titles = [node["title"] for node in data["publications"]["nodes"]]
    assert titles == ["Свежая новость", "Старая новость"]
    assert data["publications"]["totalCount"] == 2
    assert data["publications"]["nodes"][0]["publishedAt"] == "2025-03-03T12:00:00+05:00"


async def test_regional_and_municipal_news_for_parents(client: Client, factory: Factory) -> None:
    chelyabinsk = factory.municipality_ids["MO15"]
    other = factory.municipality_ids["MO01"]
    parents, students = ParticipantCategory.PARENT, ParticipantCategory.STUDENT
    await factory.publication("Для всей области", audiences=[parents], published_at=NOON)
    await factory.publication("Для Челябинска", municipality_id=chelyabinsk, audiences=[parents], published_at=NOON - timedelta(hours=1))
    await factory.publication("Для другого округа", municipality_id=other, audiences=[parents], published_at=NOON)
    await factory.publication("Для школьников", municipality_id=chelyabinsk, audiences=[students], published_at=NOON)
    document = """query($filter: PublicationFilter) {
      publications(filter: $filter) { nodes { title municipality { code } audiences } }
    }"""

    regional_and_own = {"municipalityCodes": ["MO15"], "includeRegionWide": True, "audiences": ["PARENT"]}
    data = await client.data(document, {"filter": regional_and_own})
    assert [node["title"] for node in data["publications"]["nodes"]] == ["Для всей области", "Для Челябинска"]
    assert data["publications"]["nodes"][0]["municipality"] is None

    data = await client.data(document, {"filter": {"municipalityCodes": ["MO15"], "audiences": ["PARENT"]}})
    assert [node["title"] for node in data["publications"]["nodes"]] == ["Для Челябинска"]

    data = await client.data(document, {"filter": {"regionWide": True}})
    assert [node["title"] for node in data["publications"]["nodes"]] == ["Для всей области"]

    data = await client.data(document, {"filter": {"regionWide": False, "audiences": ["STUDENT"]}})
    assert [node["title"] for node in data["publications"]["nodes"]] == ["Для школьников"]


async def test_publication_filters_by_kind_relation_date_and_search(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    event = await factory.event()
    item = await factory.roadmap_item("2.1")
    await factory.publication("Итоги олимпиады", kind=PublicationKind.REPORT, event_id=event, published_at=NOON)
    await factory.publication("Методические рекомендации", kind=PublicationKind.METHODICAL_LETTER, roadmap_item_id=item, organization_id=school, published_at=NOON - timedelta(days=40))
    document = "query($filter: PublicationFilter) { publications(filter: $filter) { nodes { title } } }"

    async def titles(filter: dict) -> list[str]:
        return [node["title"] for node in (await client.data(document, {"filter": filter}))["publications"]["nodes"]]

    assert await titles({"kinds": ["REPORT"]}) == ["Итоги олимпиады"]
    assert await titles({"eventIds": [gid("Event", event)]}) == ["Итоги олимпиады"]
    assert await titles({"roadmapItemIds": [gid("RoadmapItem", item)]}) == ["Методические рекомендации"]
    assert await titles({"organizationIds": [gid("Organization", school)]}) == ["Методические рекомендации"]
    assert await titles({"publishedAtFrom": "2025-03-01T00:00:00+05:00"}) == ["Итоги олимпиады"]
    assert await titles({"publishedAtTo": "2025-03-01T00:00:00+05:00"}) == ["Методические рекомендации"]
    assert await titles({"search": "МЕТОДИЧЕСКИЕ"}) == ["Методические рекомендации"]


async def test_publication_relations_and_attachments(client: Client, factory: Factory) -> None:
    school = await factory.organization("МАОУ «Лицей № 11»")
    site = await factory.innovation_site(school)
    program = await factory.program(school, title="Шахматы")
    hidden_program = await factory.program(school, title="Черновик программы", status="DRAFT")
    attachments = [{"title": "Положение", "url": "https://example.org/rules.pdf"}]
    first = await factory.publication(
        "О площадке", organization_id=school, innovation_site_id=site, program_id=program, attachments=attachments
    )
    second = await factory.publication("О черновике", program_id=hidden_program, published_at=NOON - timedelta(days=1))
    document = """query($ids: [ID!]!) { nodes(ids: $ids) { ... on Publication {
      title kind organization { name } innovationSite { title } program { title } attachments { title url }
    } } }"""

    data = await client.data(document, {"ids": [gid("Publication", first), gid("Publication", second)]})

    shown, hidden = data["nodes"]
    assert shown["organization"] == {"name": "МАОУ «Лицей № 11»"}
    assert shown["innovationSite"]["title"] == "Модель сопровождения одарённых детей"
    assert shown["program"] == {"title": "Шахматы"}
    assert shown["attachments"] == attachments
    assert shown["kind"] == "NEWS"
    assert hidden["program"] is None


async def test_coordinator_sees_drafts_addressed_to_the_municipality(client: Client, factory: Factory) -> None:
    await factory.publication("Черновик министерства", status=PublicationStatus.DRAFT, municipality_id=factory.municipality_ids["MO01"])
    await sign_in(client, factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids["MO01"],))

    data = await client.data("{ publications { nodes { title } } }")

    assert data["publications"]["nodes"] == [{"title": "Черновик министерства"}]


async def test_drafts_sort_before_published_and_pages_keep_order(client: Client, factory: Factory) -> None:
    for day in range(5):
        await factory.publication(f"Новость {day}", published_at=NOON - timedelta(days=day))
    await factory.publication("Черновик 1", status=PublicationStatus.DRAFT)
    await factory.publication("Черновик 2", status=PublicationStatus.DRAFT)
    await sign_in(client, factory)
    document = """query($after: String, $order: [PublicationOrder!]) {
      publications(first: 2, after: $after, orderBy: $order) { nodes { title } pageInfo { endCursor hasNextPage } }
    }"""

    for order, expected in [
        (None, ["Новость 0", "Новость 1", "Новость 2", "Новость 3", "Новость 4", "Черновик 1", "Черновик 2"]),
        (
            [{"field": "PUBLISHED_AT", "direction": "ASC"}],
            ["Черновик 1", "Черновик 2", "Новость 4", "Новость 3", "Новость 2", "Новость 1", "Новость 0"],
        ),
    ]:
        titles: list[str] = []
        after = None
        while True:
            page = (await client.data(document, {"after": after, "order": order}))["publications"]
            titles += [node["title"] for node in page["nodes"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert titles == expected, order


async def test_community_with_members_events_and_practices(client: Client, factory: Factory) -> None:
    coordinator = await factory.organization("ГБУ ДПО «Региональный институт»")
    school = await factory.organization("МАОУ «Лицей № 11»", municipality="MO01")
    community = await factory.community(coordinator, member_organizations=[school], orientation="NATURAL_SCIENCE")
    leader = await factory.teacher(coordinator, last_name="Орлова")
    member = await factory.teacher(school, last_name="Ершов", first_name="Пётр", category=ParticipantCategory.MANAGER)
    gone = await factory.teacher(school, last_name="Белов")
    await factory.community_member(community, leader, role="LEADER")
    await factory.community_member(community, member, joined_on=date(2023, 1, 10))
    await factory.community_member(community, gone, joined_on=date(2022, 10, 1), left_on=date(2023, 5, 31))
    await factory.event("Методическая сессия сообщества", kind="METHODICAL_SESSION", community_id=community)
    await factory.event("Чужое мероприятие")
    await factory.practice(school, "Опубликованная практика", community_id=community, authors=[member, leader])
    await factory.practice(school, "Поданная практика", community_id=community, status=PracticeStatus.SUBMITTED)
    document = """query($id: ID!) { node(id: $id) { ... on ProfessionalCommunity {
      title topic orientation coordinatingOrganization { name } municipality { code } memberOrganizations { name }
      membersCount
      members { totalCount nodes { role category joinedOn leftOn organization { name } municipality { code } } }
      current: members(filter: {activeOn: "2024-01-01", roles: [MEMBER]}) { nodes { category } }
      events { nodes { title community { title } } }
      practices { nodes { title authors { fullName lastName organization { name } } community { title } } }
    } } }"""

    data = (await client.data(document, {"id": gid("ProfessionalCommunity", community)}))["node"]

    assert data["coordinatingOrganization"] == {"name": "ГБУ ДПО «Региональный институт»"}
    assert data["municipality"] == {"code": "MO15"}
    assert data["orientation"] == "NATURAL_SCIENCE"
    assert data["memberOrganizations"] == [{"name": "МАОУ «Лицей № 11»"}]
    assert data["membersCount"] == 2
    assert data["members"]["totalCount"] == 3
    assert [node["role"] for node in data["members"]["nodes"]] == ["LEADER", "MEMBER", "MEMBER"]
    assert data["members"]["nodes"][1]["leftOn"] == "2023-05-31"
    assert data["members"]["nodes"][2]["municipality"] == {"code": "MO01"}
    assert data["current"]["nodes"] == [{"category": "MANAGER"}]
    assert data["events"]["nodes"] == [
        {"title": "Методическая сессия сообщества", "community": {"title": "Сообщество учителей математики"}}
    ]
    practices = data["practices"]["nodes"]
    assert [practice["title"] for practice in practices] == ["Опубликованная практика"]
    assert [author["lastName"] for author in practices[0]["authors"]] == ["Ершов", "Орлова"]
    assert practices[0]["authors"][0]["fullName"] == "Ершов Пётр Викторовна"
    assert practices[0]["authors"][1]["organization"] == {"name": "ГБУ ДПО «Региональный институт»"}


async def test_practice_filters_and_relations(client: Client, factory: Factory) -> None:
    school = await factory.organization("МАОУ «Гимназия № 1»")
    rural = await factory.organization("МКОУ «СОШ с. Кунашак»", municipality="MO01")
    site = await factory.innovation_site(school)
    author = await factory.teacher(school)
    first = await factory.practice(
        school, "Турнир юных математиков", authors=[author], innovation_site_id=site, recognition_level="REGIONAL",
        orientation="NATURAL_SCIENCE", materials=[{"title": "Описание", "url": "https://example.org/p.pdf"}],
    )
    await factory._link(models.practice_audiences, [{"practice_id": first, "category": "STUDENT"}])
    await factory.practice(rural, "Сельская школа юного исследователя", recognition_level="MUNICIPAL")
    document = "query($filter: EffectivePracticeFilter) { effectivePractices(filter: $filter) { nodes { title } } }"

    async def titles(filter: dict) -> list[str]:
        body = await client.data(document, {"filter": filter})
        return sorted(node["title"] for node in body["effectivePractices"]["nodes"])

    assert await titles({"municipalityCodes": ["MO01"]}) == ["Сельская школа юного исследователя"]
    assert await titles({"recognitionLevels": ["REGIONAL"]}) == ["Турнир юных математиков"]
    assert await titles({"authorIds": [gid("Participant", author)]}) == ["Турнир юных математиков"]
    assert await titles({"innovationSiteIds": [gid("InnovationSite", site)]}) == ["Турнир юных математиков"]
    assert await titles({"audiences": ["STUDENT"]}) == ["Турнир юных математиков"]
    assert await titles({"orientations": ["NATURAL_SCIENCE"]}) == ["Турнир юных математиков"]
    assert await titles({"search": "исследоват"}) == ["Сельская школа юного исследователя"]
    assert await titles({"statuses": ["SUBMITTED"]}) == []

    data = await client.data(
        """query($id: ID!) { node(id: $id) { ... on EffectivePractice {
          organization { name } municipality { code } innovationSite { title } materials { title url }
          audiences recognitionLevel status publishedAt
        } } }""",
        {"id": gid("EffectivePractice", first)},
    )
    practice = data["node"]
    assert practice["municipality"] == {"code": "MO15"}
    assert practice["materials"] == [{"title": "Описание", "url": "https://example.org/p.pdf"}]
    assert practice["audiences"] == ["STUDENT"]
    assert practice["status"] == "PUBLISHED"
    assert practice["publishedAt"] is not None


async def test_community_filters(client: Client, factory: Factory) -> None:
    coordinator = await factory.organization()
    rural = await factory.organization(municipality="MO01")
    await factory.community(coordinator, "Клуб учителей физики", topic="Эксперимент", member_organizations=[rural])
    await factory.community(rural, "Сельские наставники", topic="Наставничество", founded_on=date(2020, 9, 1), closed_on=date(2021, 6, 1))
    document = "query($filter: ProfessionalCommunityFilter) { professionalCommunities(filter: $filter) { nodes { title } } }"

    async def titles(filter: dict) -> list[str]:
        body = await client.data(document, {"filter": filter})
        return [node["title"] for node in body["professionalCommunities"]["nodes"]]

    assert await titles({}) == ["Клуб учителей физики", "Сельские наставники"]
    assert await titles({"municipalityCodes": ["MO01"]}) == ["Сельские наставники"]
    assert await titles({"memberOrganizationIds": [gid("Organization", rural)]}) == ["Клуб учителей физики"]
    assert await titles({"activeOn": "2024-01-01"}) == ["Клуб учителей физики"]
    assert await titles({"search": "наставничество"}) == ["Сельские наставники"]


async def test_community_lists_use_a_fixed_number_of_statements(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    document = """{ professionalCommunities { nodes {
      coordinatingOrganization { name } memberOrganizations { name } membersCount
      members { nodes { category organization { name } } }
      practices { nodes { title authors { fullName } } }
      events { nodes { title } }
    } } }"""

    async def add_community(number: int) -> None:
        community = await factory.community(school, f"Сообщество {number}", member_organizations=[school])
        teacher = await factory.teacher(school)
        await factory.community_member(community, teacher)
        await factory.practice(school, f"Практика {number}", community_id=community, authors=[teacher])
        await factory.event(f"Семинар {number}", community_id=community)

    await add_community(1)
    few = await client.count_statements(document)
    for number in range(2, 6):
        await add_community(number)
    many = await client.count_statements(document)

    assert many == few


async def test_publication_conditions_serve_code_outside_graphql(database_url: str, factory: Factory) -> None:
    chelyabinsk = factory.municipality_ids["MO15"]
    await factory.publication("Для всей области", audiences=[ParticipantCategory.PARENT])
    await factory.publication("Для Челябинска", municipality_id=chelyabinsk, audiences=[ParticipantCategory.PARENT])
    await factory.publication("Черновик", status=PublicationStatus.DRAFT, municipality_id=chelyabinsk)
    filter = PublicationFilter(municipality_codes=["MO15"], include_region_wide=True, audiences=[ParticipantCategory.PARENT])

    async def titles(viewer: Viewer) -> list[str]:
        statement = select(models.Publication.title).where(*publication_conditions(viewer, filter))
        engine = create_engine(database_url)
        try:
            async with engine.connect() as connection:
                return sorted((await connection.scalars(statement)).all())
        finally:
            await engine.dispose()

    assert await titles(ANONYMOUS) == ["Для Челябинска", "Для всей области"]
    assert await titles(Viewer(role=Role.REGIONAL_ADMIN)) == ["Для Челябинска", "Для всей области", "Черновик"]
    assert len(publication_conditions(ANONYMOUS, None)) == 1
