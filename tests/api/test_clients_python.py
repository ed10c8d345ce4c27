"""The Python GraphQL client gql, over its httpx transport, against a live server.

The server is `talents serve` on a small demo region, and the client sends a REGIONAL_ADMIN key
created with `talents keys create`. gql validates every document against schema.graphql before
sending it, so a document that the committed schema file does not allow fails here too.
"""

import math
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gql import Client, GraphQLRequest, gql
from gql.client import SyncClientSession
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport

from tests.api.live_demo import LiveDemo, live_demo

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
REQUEST_SECONDS = 30
PAGE_SIZE = 100

PROGRAMS_OF_ORIENTATION = gql("""
query ProgramsOfOrientation($orientation: Orientation!) {
  programs(filter: {orientations: [$orientation]}, first: 100) {
    totalCount
    nodes { id orientation }
  }
}
""")

ORIENTATIONS_AND_PROGRAM_COUNT = gql("""
query OrientationsAndProgramCount {
  enumLabels(name: "Orientation") { value label }
  programs { totalCount }
}
""")

PARTICIPATIONS_PAGE = gql("""
query ParticipationsPage($first: Int!, $after: String) {
  participations(first: $first, after: $after) {
    totalCount
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}
""")

PROGRAMS_FORWARD = gql("""
query ProgramsForward($first: Int!, $after: String) {
  programs(first: $first, after: $after, orderBy: [{field: TITLE}]) {
    totalCount
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}
""")

PROGRAMS_BACKWARD = gql("""
query ProgramsBackward($last: Int!, $before: String) {
  programs(last: $last, before: $before, orderBy: [{field: TITLE}]) {
    totalCount
    nodes { id }
    pageInfo { hasPreviousPage startCursor }
  }
}
""")

FIRST_ORGANIZATION = gql("""
query FirstOrganization {
  organizations(first: 1) { nodes { id } }
}
""")

PROGRAM_FIELDS = """
  id title description orientation programType studyForm levels ageFrom ageTo hours financing
  capacity status schoolYear organization { id } municipality { id }
"""

CREATE_PROGRAM = gql(f"""
mutation CreateProgram($input: CreateProgramInput!) {{
  createProgram(input: $input) {{
    program {{ {PROGRAM_FIELDS} }}
    userErrors {{ field code message }}
  }}
}}
""")

UPDATE_PROGRAM = gql(f"""
mutation UpdateProgram($input: UpdateProgramInput!) {{
  updateProgram(input: $input) {{
    program {{ {PROGRAM_FIELDS} }}
    userErrors {{ field code message }}
  }}
}}
""")

CREATE_EVENT = gql("""
mutation CreateEvent($input: CreateEventInput!) {
  createEvent(input: $input) {
    event { id externalId }
    userErrors { field code message }
  }
}
""")

STUDENTS = gql("""
query Students($first: Int!) {
  participants(filter: {categories: [STUDENT]}, first: $first) { nodes { externalId } }
}
""")

RECORD_PARTICIPATIONS = gql("""
mutation RecordParticipations($input: RecordParticipationsInput!) {
  recordParticipations(input: $input) {
    created updated unchanged rejected
    userErrors { field code message }
  }
}
""")

NODE = gql("""
query Node($id: ID!) {
  node(id: $id) { id }
}
""")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDemo]:
    with live_demo(tmp_path_factory.mktemp("gql"), key_name="gql client tests") as served:
        yield served


@pytest.fixture(scope="module")
def session(demo: LiveDemo) -> Iterator[SyncClientSession]:
    """A gql session that sends the REGIONAL_ADMIN key; gql checks documents against schema.graphql."""
    transport = HTTPXTransport(
        url=demo.graphql_url,
        headers={"Authorization": f"Bearer {demo.key}"},
        timeout=REQUEST_SECONDS,
        trust_env=False,
    )
    client = Client(transport=transport, schema=SCHEMA_FILE.read_text(encoding="utf-8"))
    with client as opened:
        yield opened


def run(session: SyncClientSession, document: GraphQLRequest, **variables: Any) -> dict[str, Any]:
    """Execute `document` with `variables` and return its data; gql raises on any GraphQL error."""
    return session.execute(GraphQLRequest(document, variable_values=variables))


def new_program(session: SyncClientSession, **fields: Any) -> dict[str, Any]:
    organization = run(session, FIRST_ORGANIZATION)["organizations"]["nodes"][0]
    program_input = {
        "title": "Робототехника для начинающих",
        "orientation": "TECHNICAL",
        "levels": ["STARTER", "BASIC"],
        "ageFrom": 7,
        "ageTo": 11,
        "hours": 72,
        "financing": "CERTIFICATE",
        "capacity": 24,
        "schoolYear": 2024,
        "organizationId": organization["id"],
        **fields,
    }
    return run(session, CREATE_PROGRAM, input=program_input)["createProgram"]


def test_variables_filter_programs_by_orientation(session: SyncClientSession) -> None:
    overview = run(session, ORIENTATIONS_AND_PROGRAM_COUNT)
    orientations = [label["value"] for label in overview["enumLabels"]]

    counted = 0
    for orientation in orientations:
        programs = run(session, PROGRAMS_OF_ORIENTATION, orientation=orientation)["programs"]
        assert programs["totalCount"] <= PAGE_SIZE, "the demo has more programmes than one page holds"
        assert len(programs["nodes"]) == programs["totalCount"], orientation
        assert {node["orientation"] for node in programs["nodes"]} <= {orientation}
        counted += programs["totalCount"]

    assert len(orientations) > 1
    assert counted == overview["programs"]["totalCount"]


def test_forward_pages_reach_the_end(session: SyncClientSession) -> None:
    ids: list[str] = []
    pages = 0
    after = None
    while True:
        page = run(session, PARTICIPATIONS_PAGE, first=PAGE_SIZE, after=after)["participations"]
        ids += [node["id"] for node in page["nodes"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    total = page["totalCount"]
    assert total > PAGE_SIZE, "the demo should fill several pages"
    assert len(set(ids)) == len(ids)
    assert len(ids) == total
    assert pages == math.ceil(total / PAGE_SIZE)


def test_backward_pages_match_forward_order(session: SyncClientSession) -> None:
    page_size = 50
    forward: list[str] = []
    after = None
    while True:
        page = run(session, PROGRAMS_FORWARD, first=page_size, after=after)["programs"]
        forward += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    backward: list[str] = []
    before = None
    while True:
        page = run(session, PROGRAMS_BACKWARD, last=page_size, before=before)["programs"]
        backward = [node["id"] for node in page["nodes"]] + backward
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]

    assert page["totalCount"] > page_size, "the demo should fill several pages"
    assert len(set(backward)) == len(backward) == page["totalCount"]
    assert backward == forward


def test_update_with_title_keeps_other_fields(session: SyncClientSession) -> None:
    created = new_program(session)
    assert created["userErrors"] == []
    program = created["program"]

    updated = run(session, UPDATE_PROGRAM, input={"id": program["id"], "title": "Робототехника: первые шаги"})

    assert updated["updateProgram"]["userErrors"] == []
    assert updated["updateProgram"]["program"] == {**program, "title": "Робототехника: первые шаги"}


def test_same_batch_twice_is_unchanged(session: SyncClientSession) -> None:
    event_input = {
        "externalId": f"gql-test-{uuid.uuid4().hex[:8]}",
        "title": "Конкурс юных техников (тест клиента gql)",
        "kind": "CONTEST",
        "level": "MUNICIPAL",
        "startsAt": "2024-11-15T10:00:00+05:00",
        "audiences": ["STUDENT"],
    }
    created = run(session, CREATE_EVENT, input=event_input)["createEvent"]
    assert created["userErrors"] == []
    students = run(session, STUDENTS, first=10)["participants"]["nodes"]
    items = [
        {
            "eventExternalId": event_input["externalId"],
            "participantExternalId": student["externalId"],
            "result": "WINNER" if position == 0 else "PARTICIPANT",
            "score": 50.0 + position,
        }
        for position, student in enumerate(students)
    ]
    changed = [items[0], {**items[1], "result": "PRIZE_WINNER"}, *items[2:]]

    first = run(session, RECORD_PARTICIPATIONS, input={"items": items, "atomic": True})["recordParticipations"]
    second = run(session, RECORD_PARTICIPATIONS, input={"items": items, "atomic": True})["recordParticipations"]
    third = run(session, RECORD_PARTICIPATIONS, input={"items": changed, "atomic": True})["recordParticipations"]

    assert len(items) == 10
    assert first == {"created": 10, "updated": 0, "unchanged": 0, "rejected": 0, "userErrors": []}
    assert second == {"created": 0, "updated": 0, "unchanged": 10, "rejected": 0, "userErrors": []}
    assert third == {"created": 0, "updated": 1, "unchanged": 9, "rejected": 0, "userErrors": []}


def test_malformed_global_id_is_bad_user_input(session: SyncClientSession) -> None:
    with pytest.raises(TransportQueryError) as raised:
        run(session, NODE, id="not-a-global-id")

    assert raised.value.data == {"node": None}
    assert raised.value.errors is not None
    [error] = raised.value.errors
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["node"]
    assert "not-a-global-id" in error["message"]


def test_invalid_input_returns_user_errors(session: SyncClientSession) -> None:
    created = new_program(session, ageFrom=12, ageTo=7)

    assert created["program"] is None
    [error] = created["userErrors"]
    assert error["field"] == ["input", "ageTo"]
    assert error["code"] == "INVALID"
    assert error["message"]

    batch = {
        "atomic": False,
        "items": [{"eventExternalId": "no-such-event", "participantExternalId": "no-such-person", "result": "WINNER"}],
    }
    recorded = run(session, RECORD_PARTICIPATIONS, input=batch)["recordParticipations"]

    # Both unknown ids are reported, and the item counts once among the rejected.
    assert recorded["rejected"] == 1
    assert recorded["created"] == 0
    assert [error["field"] for error in recorded["userErrors"]] == [
        ["input", "items", "0", "eventExternalId"],
        ["input", "items", "0", "participantExternalId"],
    ]
    assert {error["code"] for error in recorded["userErrors"]} == {"NOT_FOUND"}
