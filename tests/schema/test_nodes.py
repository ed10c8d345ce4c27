"""Global IDs: node, nodes and ID arguments of the wrong type."""

import base64

from tests.conftest import Client
from tests.factories import Factory
from tests.keys import sign_in

NODE = "query N($id: ID!) { node(id: $id) { __typename id } }"


async def test_every_entity_resolves_through_node(client: Client, factory: Factory) -> None:
    await sign_in(client, factory)
    school = await factory.organization()
    program = await factory.program(school)
    student = await factory.participant(school)
    await factory.enrollment(student, program)
    site = await factory.innovation_site(school)
    item = await factory.roadmap_item("1.1")
    event = await factory.event(innovation_site_id=site, roadmap_item_id=item, organizer_id=school)
    await factory.participation(student, event)
    await factory.publication()
    community = await factory.community(school)
    await factory.community_member(community, await factory.teacher(school))
    await factory.practice(school, community_id=community)
    listing = await client.data(
        """{
          municipalities(first: 1) { nodes { id } }
          organizations { nodes { id } }
          programs { nodes { id enrollments { nodes { id } } } }
          participants(filter: {categories: [STUDENT]}) { nodes { id } }
          innovationSites { nodes { id } }
          events { nodes { id } }
          participations { nodes { id } }
          roadmapItems { nodes { id } }
          publications { nodes { id } }
          professionalCommunities { nodes { id members { nodes { id } } } }
          effectivePractices { nodes { id } }
        }"""
    )
    ids = {
        "Municipality": listing["municipalities"]["nodes"][0]["id"],
        "Organization": listing["organizations"]["nodes"][0]["id"],
        "Program": listing["programs"]["nodes"][0]["id"],
        "Enrollment": listing["programs"]["nodes"][0]["enrollments"]["nodes"][0]["id"],
        "Participant": listing["participants"]["nodes"][0]["id"],
        "InnovationSite": listing["innovationSites"]["nodes"][0]["id"],
        "Event": listing["events"]["nodes"][0]["id"],
        "Participation": listing["participations"]["nodes"][0]["id"],
        "RoadmapItem": listing["roadmapItems"]["nodes"][0]["id"],
        "Publication": listing["publications"]["nodes"][0]["id"],
        "ProfessionalCommunity": listing["professionalCommunities"]["nodes"][0]["id"],
        "CommunityMember": listing["professionalCommunities"]["nodes"][0]["members"]["nodes"][0]["id"],
        "EffectivePractice": listing["effectivePractices"]["nodes"][0]["id"],
    }

    for type_name, global_id in ids.items():
        data = await client.data(NODE, {"id": global_id})
        assert data["node"] == {"__typename": type_name, "id": global_id}

    data = await client.data("query N($ids: [ID!]!) { nodes(ids: $ids) { __typename } }", {"ids": list(ids.values())})
    assert [node["__typename"] for node in data["nodes"]] == list(ids)


async def test_node_of_missing_row_is_null(client: Client) -> None:
    missing = base64.urlsafe_b64encode(b"Organization:999999").decode().rstrip("=")

    data = await client.data(NODE, {"id": missing})

    assert data["node"] is None


async def test_node_of_unknown_id_is_rejected(client: Client) -> None:
    for bad_id in ["garbage", "", "UHJvZ3JhbTp4eXo", "Tm9wZToxMjM"]:  # garbage, Program:xyz, Nope:123
        body = await client.query(NODE, {"id": bad_id})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad_id
        assert "ID" in body["errors"][0]["message"] or "Идентификатор" in body["errors"][0]["message"]


async def test_id_of_wrong_type_in_filter_is_rejected(client: Client, factory: Factory) -> None:
    await factory.organization()
    municipality = (await client.data("{ municipalities(first: 1) { nodes { id } } }"))["municipalities"]["nodes"][0]["id"]

    body = await client.query(
        "query P($ids: [ID!]) { programs(filter: {organizationIds: $ids}) { nodes { id } } }", {"ids": [municipality]}
    )

    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Municipality" in error["message"]
    assert "Organization" in error["message"]


async def test_unpublished_program_is_hidden_from_node_and_lists(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.program(school, title="Черновик", status="DRAFT")
    await factory.program(school, title="Опубликована")

    data = await client.data("{ programs { nodes { title } } organizations { nodes { programs { totalCount } } } }")

    assert data["programs"]["nodes"] == [{"title": "Опубликована"}]
    assert data["organizations"]["nodes"][0]["programs"]["totalCount"] == 1


async def test_too_many_nodes_are_rejected(client: Client) -> None:
    body = await client.query("query N($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["x"] * 101})

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_unpublished_program_is_hidden_behind_enrollment(client: Client, factory: Factory) -> None:
    # A municipal coordinator sees the enrolments of its municipality but only published programmes.
    await sign_in(client, factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids["MO15"],))
    school = await factory.organization()
    draft = await factory.program(school, title="Черновик", status="ARCHIVED")
    await factory.enrollment(await factory.participant(school), draft)

    data = await client.data("{ participants { nodes { enrollments { nodes { schoolYear program { title } } } } } }")

    assert data["participants"]["nodes"][0]["enrollments"]["nodes"] == [{"schoolYear": 2024, "program": None}]
