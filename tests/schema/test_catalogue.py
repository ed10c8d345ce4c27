"""Every root list and entity field of the catalogue, read through the real app."""

from datetime import date

from sqlalchemy import insert

from db import models
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import sign_in


async def test_municipalities_total_is_43(client: Client) -> None:
    data = await client.data("{ municipalities { totalCount } }")

    assert data["municipalities"]["totalCount"] == 43


async def test_municipality_kinds_and_codes(client: Client) -> None:
    data = await client.data(
        """{
          urban: municipalities(filter: {kinds: [URBAN_OKRUG]}) { totalCount }
          okrugs: municipalities(filter: {kinds: [MUNICIPAL_OKRUG]}) { totalCount }
          city: municipalities(filter: {oktmoCodes: ["75701000"]}) { nodes { code name oktmo kind } }
          troitsk: municipalities(filter: {search: "троицкий"}) { nodes { code kind } }
        }"""
    )

    assert data["urban"]["totalCount"] == 16
    assert data["okrugs"]["totalCount"] == 27
    assert data["city"]["nodes"] == [
        {"code": "MO15", "name": "Челябинский городской округ", "oktmo": "75701000", "kind": "URBAN_OKRUG"}
    ]
    # Two municipalities share the name «Троицкий»: one of each kind, distinguished by code.
    assert sorted(node["kind"] for node in data["troitsk"]["nodes"]) == ["MUNICIPAL_OKRUG", "URBAN_OKRUG"]


async def test_child_population_by_school_year(client: Client, factory: Factory) -> None:
    async with factory.engine.begin() as connection:
        await connection.execute(
            insert(models.MunicipalityPopulation),
            [{"municipality_id": factory.municipality_ids["MO15"], "school_year": 2024, "children_5_18": 190000}],
        )

    data = await client.data(
        """{ municipalities(filter: {codes: ["MO15"]}) {
              nodes { known: childPopulation(schoolYear: 2024) unknown: childPopulation(schoolYear: 2019) } } }"""
    )

    assert data["municipalities"]["nodes"] == [{"known": 190000, "unknown": None}]


async def test_program_fields_and_relations(client: Client, factory: Factory) -> None:
    school = await factory.organization("МБОУ «Лицей № 31»", short_name="Лицей № 31")
    partner = await factory.organization("МАУ ДО «Центр детского технического творчества»")
    await factory.program(
        school,
        title="Робототехника",
        external_id="navigator-123",
        levels=["STARTER", "BASIC"],
        adapted_for=["HARD_OF_HEARING"],
        partners=[partner],
        hours=72,
        capacity=15,
    )

    data = await client.data(
        """{ programs { nodes {
              externalId title orientation programType levels studyForm isNetwork usesDistanceLearning
              isAdapted adaptedFor ageFrom ageTo hours financing capacity status schoolYear schoolYearLabel
              organization { shortName } partners { name } municipality { code } enrolledCount
              createdAt updatedAt
        } } }"""
    )

    program = data["programs"]["nodes"][0]
    assert program["externalId"] == "navigator-123"
    assert program["levels"] == ["BASIC", "STARTER"]
    assert program["adaptedFor"] == ["HARD_OF_HEARING"]
    assert program["isAdapted"] is True
    assert program["isNetwork"] is True
    assert program["partners"] == [{"name": "МАУ ДО «Центр детского технического творчества»"}]
    assert program["organization"] == {"shortName": "Лицей № 31"}
    assert program["municipality"] == {"code": "MO15"}
    assert program["schoolYearLabel"] == "2024/25"
    assert program["createdAt"].endswith("+05:00")


async def test_program_filters_combine_with_and(client: Client, factory: Factory) -> None:
    chelyabinsk = await factory.organization()
    magnitogorsk = await factory.organization(municipality="MO07")
    await factory.program(chelyabinsk, title="Робототехника", levels=["ADVANCED"], age_from=10, age_to=16)
    await factory.program(chelyabinsk, title="Хореография", orientation="ARTS", levels=["BASIC"])
    await factory.program(magnitogorsk, title="Робототехника Магнитки", levels=["BASIC"], is_network=True)

    async def titles(filter_text: str) -> list[str]:
        data = await client.data(f"{{ programs(filter: {filter_text}) {{ nodes {{ title }} }} }}")
        return sorted(node["title"] for node in data["programs"]["nodes"])

    assert await titles('{orientations: [TECHNICAL], municipalityCodes: ["MO15"]}') == ["Робототехника"]
    assert await titles("{levels: [BASIC]}") == ["Робототехника Магнитки", "Хореография"]
    assert await titles("{levels: [ADVANCED, BASIC], orientations: [TECHNICAL]}") == [
        "Робототехника",
        "Робототехника Магнитки",
    ]
    assert await titles("{age: 15}") == ["Робототехника"]
    assert await titles("{isNetwork: true}") == ["Робототехника Магнитки"]
    assert await titles("{orientations: []}") == []


async def test_empty_range_is_rejected(client: Client) -> None:
    body = await client.query("{ programs(filter: {schoolYearFrom: 2024, schoolYearTo: 2020}) { nodes { id } } }")

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_innovation_site_with_products_and_events(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    partner = await factory.organization()
    site = await factory.innovation_site(school, order_number="01/1234", order_date=date(2023, 1, 10))
    async with factory.engine.begin() as connection:
        await connection.execute(insert(models.innovation_site_focus), [{"site_id": site, "focus": "SUPPORT"}])
        await connection.execute(insert(models.innovation_site_partners), [{"site_id": site, "organization_id": partner}])
        await connection.execute(
            insert(models.InnovationProduct),
            [{"site_id": site, "title": "Модульный курс «Одарённость»", "kind": "MODULAR_COURSE", "search_key": "x"}],
        )
    await factory.event("Методическая сессия", kind="METHODICAL_SESSION", innovation_site_id=site)
    await factory.event("Не на площадке")

    data = await client.data(
        """{ innovationSites(filter: {activeOn: "2024-05-01", focus: [SUPPORT]}) { nodes {
              title kind status focus orderNumber orderDate startDate endDate
              organization { id } partners { id }
              products { totalCount nodes { title kind site { title } } }
              events { totalCount nodes { title innovationSite { title } } }
        } } }"""
    )

    node = data["innovationSites"]["nodes"][0]
    assert node["focus"] == ["SUPPORT"]
    assert node["orderDate"] == "2023-01-10"
    assert node["products"]["nodes"][0]["kind"] == "MODULAR_COURSE"
    assert node["events"]["totalCount"] == 1
    assert node["events"]["nodes"][0]["title"] == "Методическая сессия"


async def test_winners_of_a_school(client: Client, factory: Factory) -> None:
    await sign_in(client, factory)
    school = await factory.organization()
    other = await factory.organization()
    olympiad = await factory.event(kind="OLYMPIAD", olympiad_stage="REGIONAL", subject="математика")
    for result in ["WINNER", "PRIZE_WINNER", "PARTICIPANT"]:
        await factory.participation(await factory.participant(school), olympiad, result=result)
    await factory.participation(await factory.participant(other), olympiad, result="WINNER")
    school_id = (await client.data("{ organizations(first: 1, orderBy: [{field: ID}]) { nodes { id } } }"))[
        "organizations"
    ]["nodes"][0]["id"]

    data = await client.data(
        """query W($school: ID!) { participations(filter: {organizationIds: [$school], results: [WINNER, PRIZE_WINNER],
              eventKinds: [OLYMPIAD]}) { totalCount nodes { result schoolYearLabel event { subject olympiadStage } } } }""",
        {"school": school_id},
    )

    assert data["participations"]["totalCount"] == 2
    assert {node["result"] for node in data["participations"]["nodes"]} == {"WINNER", "PRIZE_WINNER"}


async def test_roadmap_items_order_naturally(client: Client, factory: Factory) -> None:
    for number in ["1.10", "2.1", "1.2"]:
        await factory.roadmap_item(number)

    data = await client.data("{ roadmapItems { nodes { number status indicators { code } events { totalCount } } } }")

    assert [node["number"] for node in data["roadmapItems"]["nodes"]] == ["1.2", "1.10", "2.1"]


async def test_enum_labels_in_both_languages(client: Client) -> None:
    russian = await client.data('{ enumLabels(name: "ParticipationResult") { value label } }')
    english = await client.query(
        '{ enumLabels(name: "ParticipationResult") { value label } }', headers={"Accept-Language": "en"}
    )

    assert {"value": "PRIZE_WINNER", "label": "Призёр"} in russian["enumLabels"]
    assert {"value": "PRIZE_WINNER", "label": "Prize winner"} in english["data"]["enumLabels"]


async def test_enum_labels_of_unknown_enum(client: Client) -> None:
    body = await client.query('{ enumLabels(name: "Nope") { value } }')

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Orientation" in body["errors"][0]["message"]


async def test_organization_participations_of_its_students(client: Client, factory: Factory) -> None:
    await sign_in(client, factory)
    school = await factory.organization("МБОУ «Лицей № 31»")
    other = await factory.organization()
    contest = await factory.event()
    await factory.participation(await factory.participant(school), contest, result="WINNER")
    await factory.participation(await factory.participant(school), contest, result="PARTICIPANT")
    await factory.participation(await factory.participant(other), contest, result="WINNER")

    data = await client.data(
        """{ organizations(filter: {search: "лицей"}) { nodes {
              all: participations { totalCount }
              winners: participations(filter: {results: [WINNER]}) { totalCount nodes { result } }
        } } }"""
    )

    school_node = data["organizations"]["nodes"][0]
    assert school_node["all"]["totalCount"] == 2
    assert school_node["winners"] == {"totalCount": 1, "nodes": [{"result": "WINNER"}]}


async def test_enum_labels_cover_every_enum_of_schema(client: Client) -> None:
    data = await client.data('{ __schema { types { name kind enumValues { name } } } }')
    enums = [t for t in data["__schema"]["types"] if t["kind"] == "ENUM" and not t["name"].startswith("__")]

    for enum in enums:
        labels = await client.data("query L($n: String!) { enumLabels(name: $n) { value label } }", {"n": enum["name"]})
        assert [label["value"] for label in labels["enumLabels"]] == [value["name"] for value in enum["enumValues"]]
        assert all(label["label"] for label in labels["enumLabels"]), enum["name"]
