"""Planned execution: the same answers as field-by-field resolution, in fewer statements.

The suite runs with `planner_verify` on, so every planned answer elsewhere is also compared with
normal resolution. The tests here pin the statement counts of the benchmark workloads with the
check turned off (as in production), compare the two paths on edge cases side by side, and show
that the check itself fails a request whose planned answer differs.
"""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.planner import QueryPlanner, fields
from api.settings import Settings
from db.enums import ParticipationResult, ProgramStatus
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import sign_in

# The workloads of bench/workloads.py, in the shapes frontends send.
PROGRAMS_PAGE = """
query ProgramsPage($first: Int!, $after: String) {
  programs(first: $first, after: $after) {
    edges {
      cursor
      node {
        id title orientation ageFrom ageTo enrolledCount schoolYearLabel
        organization { id name shortName }
        municipality { id name }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

PARTICIPATIONS_PAGE = """
query ParticipationsPage($first: Int!) {
  participations(first: $first) {
    nodes {
      id result score schoolYear
      participant { id category grade }
      event { id title level startsAt organizer { name } }
    }
  }
}
"""

MONITORING_CUT = """
query MonitoringCut {
  monitoring { participation(groupBy: [MUNICIPALITY, SCHOOL_YEAR]) {
    rows { municipality { name } schoolYear participations participants } } }
}
"""

PROGRAM_NODE = """
query ProgramNode($id: ID!) {
  node(id: $id) { id __typename ... on Program { title status organization { name } } }
}
"""


async def seed(factory: Factory, programs: int = 30) -> dict[str, Any]:
    codes = list(factory.municipality_ids)[:3]
    schools = [await factory.organization(municipality=code) for code in codes]
    students = [await factory.participant(school) for school in schools]
    event = await factory.event(organizer_id=schools[0])
    lonely_event = await factory.event(title="Конкурс без организатора")
    program_ids = []
    for number in range(programs):
        status = ProgramStatus.DRAFT if number % 7 == 3 else ProgramStatus.PUBLISHED
        program = await factory.program(schools[number % 3], title=f"Программа {number % 11}", status=status)
        program_ids.append(program)
        if number % 4 == 0:
            await factory.enrollment(students[number % 3], program)
    for number, student in enumerate(students):
        await factory.participation(student, event, result=ParticipationResult.WINNER, score=90.5 - number)
        await factory.participation(student, lonely_event)
    return {"programs": program_ids, "schools": schools}


@pytest.fixture
async def unplanned(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """The same database through an app that resolves every field one by one."""
    app = create_app(Settings(database_url=database_url, planner=False))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def both(client: Client, unplanned: httpx.AsyncClient, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run `document` on both apps; return the planned body after checking it equals the other."""
    planned = await client.query(document, variables)
    response = await unplanned.post("/graphql", json={"query": document, "variables": variables or {}}, headers=client.headers)
    assert response.status_code == 200, response.text
    normal = response.json()
    for body in (planned, normal):
        for error in body.get("errors", []):
            error.get("extensions", {}).pop("requestId", None)
    assert planned == normal
    return planned


@pytest.mark.settings(planner_verify=False)
async def test_workload_statement_counts(client: Client, factory: Factory) -> None:
    ids = await seed(factory)

    # One SELECT for the page with its relations and enrolled counts.
    assert await client.count_statements(PROGRAMS_PAGE, {"first": 50}) == 1
    node = {"id": encode_global_id("Program", ids["programs"][0])}
    assert await client.count_statements(PROGRAM_NODE, node) == 1

    # With a key: the key check, then one SELECT. The first request with a key also records
    # when the key was last used, so it is made before counting.
    await sign_in(client, factory, "REGIONAL_ADMIN")
    await client.data("{ viewer { role } }")
    assert await client.count_statements(PARTICIPATIONS_PAGE, {"first": 100}) == 2
    # The key check, the summary refresh check and the summary read.
    # The first cut after writes refreshes the summary table. Later ones run the key check, the
    # check for changed buckets, the summary rows and totals, and the municipalities' names.
    await client.data(MONITORING_CUT)
    assert await client.count_statements(MONITORING_CUT) == 5


@pytest.mark.settings(planner_verify=False)
async def test_statement_count_does_not_grow_with_the_page(client: Client, factory: Factory) -> None:
    await seed(factory, programs=60)

    assert await client.count_statements(PROGRAMS_PAGE, {"first": 2}) == 1
    assert await client.count_statements(PROGRAMS_PAGE, {"first": 100}) == 1


async def test_pages_and_cursors_match_normal_resolution(client: Client, unplanned: httpx.AsyncClient, factory: Factory) -> None:
    await seed(factory)

    first = await both(client, unplanned, PROGRAMS_PAGE, {"first": 7})
    cursor = first["data"]["programs"]["pageInfo"]["endCursor"]
    second = await both(client, unplanned, PROGRAMS_PAGE, {"first": 7, "after": cursor})

    titles = [edge["node"]["title"] for edge in first["data"]["programs"]["edges"] + second["data"]["programs"]["edges"]]
    assert len(titles) == 14
    assert titles == sorted(titles)
    # Anonymous callers see published programmes only.
    assert len((await both(client, unplanned, PROGRAMS_PAGE, {"first": 100}))["data"]["programs"]["edges"]) == 26


async def test_edge_cases_match_normal_resolution(client: Client, unplanned: httpx.AsyncClient, factory: Factory) -> None:
    ids = await seed(factory)
    await sign_in(client, factory, "REGIONAL_ADMIN")

    backward = """query { programs(last: 5, orderBy: [{field: SCHOOL_YEAR, direction: DESC}, {field: TITLE}]) {
        totalCount __typename pageInfo { hasPreviousPage hasNextPage startCursor __typename }
        edges { __typename cursor node { __typename id title } } } }"""
    assert (await both(client, unplanned, backward))["data"]["programs"]["totalCount"] == 30

    fragments = """query { a: participations(first: 10, orderBy: [{field: SCORE, direction: DESC}]) { nodes { ...P } }
        b: events { nodes { title organizer { name } municipality { name } community { title } } } }
        fragment P on Participation { id score event { ...E } event { title } }
        fragment E on Event { organizer { name } }"""
    answer = await both(client, unplanned, fragments)
    assert any(node["event"]["organizer"] is None for node in answer["data"]["a"]["nodes"])

    program = encode_global_id("Program", ids["programs"][3])
    assert (await both(client, unplanned, PROGRAM_NODE, {"id": program}))["data"]["node"]["status"] == "DRAFT"
    client.headers = {}
    assert (await both(client, unplanned, PROGRAM_NODE, {"id": program}))["data"]["node"] is None
    missing = encode_global_id("Program", 999_999)
    assert (await both(client, unplanned, PROGRAM_NODE, {"id": missing}))["data"]["node"] is None


async def test_errors_come_from_normal_resolution(client: Client, unplanned: httpx.AsyncClient, factory: Factory) -> None:
    await seed(factory)

    too_large = await both(client, unplanned, PROGRAMS_PAGE, {"first": 500})
    assert too_large["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    foreign = await both(client, unplanned, PROGRAMS_PAGE, {"first": 5, "after": "bm90IGEgY3Vyc29y"})
    assert foreign["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    bad_id = await both(client, unplanned, PROGRAM_NODE, {"id": "not an id"})
    assert bad_id["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # Anonymous callers may not list participations at all.
    forbidden = await both(client, unplanned, PARTICIPATIONS_PAGE, {"first": 5})
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.settings(planner_verify=False)
async def test_unplannable_fields_fall_back_to_normal_resolution(client: Client, factory: Factory) -> None:
    await seed(factory)
    await sign_in(client, factory, "REGIONAL_ADMIN")
    await client.data("{ viewer { role } }")

    # Levels are a list per programme, personal fields are audited, directives are evaluated:
    # each needs normal resolution, which loads relations in statements of their own.
    levels = "{ programs(first: 3) { nodes { title levels organization { name } } } }"
    assert await client.count_statements(levels) == 4  # the key, programmes, levels, organisations
    personal = "{ participants(first: 3) { nodes { lastName organization { name } } } }"
    assert await client.count_statements(personal) >= 3
    included = "query($full: Boolean!) { programs(first: 3) { nodes { title organization @include(if: $full) { name } } } }"
    answer = await client.data(included, {"full": False})
    assert answer["programs"]["nodes"][0] == {"title": "Программа 0"}


@pytest.mark.settings(planner_verify=True)
async def test_verification_fails_a_request_whose_answers_differ(
    client: Client, factory: Factory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await seed(factory)
    wrong = fields.Derived(("school_year",), lambda year: f"{year}/00")
    monkeypatch.setitem(fields.FIELDS["Program"], "schoolYearLabel", wrong)

    body = await client.query("{ programs(first: 2) { nodes { title schoolYearLabel } } }")

    assert body["errors"][0]["extensions"]["code"] == "INTERNAL"
    assert "planned and normal results differ" in caplog.text
    assert '"2024/00"' in caplog.text


@pytest.mark.settings(planner_verify=False)
async def test_repeated_operation_answered_directly(
    client: Client, unplanned: httpx.AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(factory)
    direct_answers = []
    run_planned = QueryPlanner.run_planned

    async def counted(self: QueryPlanner, *arguments: Any) -> Any:
        data = await run_planned(self, *arguments)
        direct_answers.append(data is not None)
        return data

    monkeypatch.setattr(QueryPlanner, "run_planned", counted)

    # The first request validates and plans the document; the repeats take the direct path.
    first = await client.http.post("/graphql", json={"query": PROGRAMS_PAGE, "variables": {"first": 5}})
    repeat = await client.http.post("/graphql", json={"query": PROGRAMS_PAGE, "variables": {"first": 5}})
    normal = await unplanned.post("/graphql", json={"query": PROGRAMS_PAGE, "variables": {"first": 5}})

    assert direct_answers == [True]
    assert repeat.json() == first.json() == normal.json()
    assert repeat.headers["content-type"] == first.headers["content-type"]
    # Each request spends its cost once: one point for five programmes.
    used = [int(response.headers["x-ratelimit-used"]) for response in (first, repeat)]
    assert used[1] - used[0] == 1


@pytest.mark.settings(planner_verify=False)
async def test_direct_path_leaves_errors_to_normal_resolution(client: Client, unplanned: httpx.AsyncClient, factory: Factory) -> None:
    await seed(factory)
    await client.data(PROGRAMS_PAGE, {"first": 5})

    for variables in ({"first": 500}, {"first": 5, "after": "bm90IGEgY3Vyc29y"}, {"first": "five"}, {}):
        planned = await client.http.post("/graphql", json={"query": PROGRAMS_PAGE, "variables": variables})
        normal = await unplanned.post("/graphql", json={"query": PROGRAMS_PAGE, "variables": variables})
        for body in (planned.json(), normal.json()):
            for error in body["errors"]:
                error.get("extensions", {}).pop("requestId", None)
        assert planned.status_code == normal.status_code
        assert planned.json() == normal.json()


@pytest.mark.settings(planner_verify=False)
async def test_wide_selection_loads_relations_separately(client: Client, factory: Factory) -> None:
    await seed(factory)
    relations = " ".join(f"r{number}: organizer {{ municipality {{ name }} }}" for number in range(5))
    narrow = "{ events(first: 5) { nodes { title r0: organizer { municipality { name } } } } }"
    wide = f"{{ events(first: 5) {{ nodes {{ title {relations} }} }} }}"

    # Two joined relations stay in one SELECT; ten would make the database plan a join of eleven
    # tables, so they load through DataLoaders instead.
    assert await client.count_statements(narrow) == 1
    assert await client.count_statements(wide) == 3
    answer = await client.data(wide)
    assert answer["events"]["nodes"][0]["r4"] == answer["events"]["nodes"][0]["r0"]
