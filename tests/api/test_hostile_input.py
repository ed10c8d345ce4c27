"""Hostile and out-of-range input gets a coded client error, never an internal one."""

import base64
import json
from collections.abc import AsyncIterator

import pytest

from tests.conftest import Client
from tests.factories import Factory


def encode(payload: bytes) -> str:
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def codes_of(body: dict) -> set[str]:
    return {error["extensions"]["code"] for error in body.get("errors", [])}


@pytest.mark.parametrize(
    "raw_id",
    [
        b"Program:00001",
        "Program:\u0661\u0662".encode(),
        b"Program:99999999999999999999",
        b"Program:2147483648",
        b"Program:1\x00",
        b"Program:-1",
    ],
)
async def test_non_canonical_ids_are_rejected(client: Client, raw_id: bytes) -> None:
    body = await client.query("query N($id: ID!) { node(id: $id) { id } }", {"id": encode(raw_id)})

    assert codes_of(body) == {"BAD_USER_INPUT"}


async def test_padded_id_is_rejected(client: Client) -> None:
    body = await client.query("query N($id: ID!) { node(id: $id) { id } }", {"id": encode(b"Program:1") + "=="})

    assert codes_of(body) == {"BAD_USER_INPUT"}


@pytest.mark.parametrize(
    "document",
    [
        "{ programs(filter: {schoolYears: [40000]}) { totalCount } }",
        "{ programs(filter: {schoolYearFrom: 40000}) { totalCount } }",
        "{ programs(filter: {age: 40000}) { totalCount } }",
        "{ participants(filter: {grades: [40000]}) { totalCount } }",
        "{ participants(filter: {birthYearFrom: 40000}) { totalCount } }",
        "{ events(filter: {schoolYears: [40000]}) { totalCount } }",
        "{ participations(filter: {schoolYearTo: -40000}) { totalCount } }",
        '{ municipalities { nodes { childPopulation(schoolYear: 40000) } } }',
        '{ programs(filter: {search: "робот\\u0000"}) { totalCount } }',
        '{ programs(filter: {externalIds: ["a\\u0000"]}) { totalCount } }',
        '{ events(filter: {startsAtFrom: "0001-01-01T00:00:00+05:00"}) { totalCount } }',
        '{ events(filter: {startsAtTo: "9999-12-31T23:59:59-05:00"}) { totalCount } }',
        '{ events(filter: {startsAtTo: "2024-01-01T00:00:00+25:00"}) { totalCount } }',
    ],
)
async def test_out_of_range_filters_are_client_errors(client: Client, document: str) -> None:
    body = await client.query(document)

    assert codes_of(body) == {"BAD_USER_INPUT"}, body


@pytest.mark.parametrize(
    "payload",
    [
        ["programs", "TITLE:ASC,ID:ASC", ["a", 10**20]],
        ["programs", "TITLE:ASC,ID:ASC", ["a", 2**40]],
        ["programs", "TITLE:ASC,ID:ASC", ["a\u0000", 1]],
        ["programs", "TITLE:ASC,ID:ASC", ["a" * 5000, 1]],
        ["programs", "HOURS:ASC,ID:ASC", [float("inf"), 1]],
    ],
)
async def test_hand_made_cursors_are_client_errors(client: Client, payload: list) -> None:
    cursor = encode(json.dumps(payload).encode())
    order = [{"field": "HOURS"}] if payload[1].startswith("HOURS") else None

    body = await client.query(
        "query C($c: String, $o: [ProgramOrder!]) { programs(after: $c, orderBy: $o) { totalCount } }",
        {"c": cursor, "o": order},
    )

    assert codes_of(body) == {"BAD_USER_INPUT"}


async def test_deeply_nested_cursor_is_client_error(client: Client) -> None:
    cursor = encode(b"[" * 3000)

    body = await client.query("query C($c: String) { programs(after: $c) { totalCount } }", {"c": cursor})

    assert codes_of(body) == {"BAD_USER_INPUT"}


async def test_first_zero_still_reports_next_page(client: Client, factory: Factory) -> None:
    await factory.program(await factory.organization())

    data = await client.data("{ programs(first: 0) { nodes { id } pageInfo { hasNextPage } } }")

    assert data["programs"] == {"nodes": [], "pageInfo": {"hasNextPage": True}}


async def test_search_matches_decomposed_yo(client: Client, factory: Factory) -> None:
    await factory.organization("МБОУ «Озёрская СОШ»", municipality="MO09")

    data = await client.data('{ organizations(filter: {search: "озе\\u0308рская"}) { totalCount } }')

    assert data["organizations"]["totalCount"] == 1


@pytest.mark.parametrize("body", [b"null", b"5", b'"text"', b'{"query": "{ viewer { role } }\xff\xfe"}'])
async def test_json_body_of_wrong_shape_is_rejected(client: Client, body: bytes) -> None:
    response = await client.http.post("/graphql", content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "x-request-id" in response.headers


async def test_deeply_nested_variables_are_rejected(client: Client) -> None:
    variables = "[" * 100_000 + "]" * 100_000
    body = f'{{"query": "{{ viewer {{ role }} }}", "variables": {{"x": {variables}}}}}'.encode()

    response = await client.http.post("/graphql", content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_oversized_body_is_rejected(client: Client) -> None:
    document = "{ viewer { role } }" + " " * 1_100_000

    response = await client.http.post("/graphql", json={"query": document})

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_deep_query_is_rejected_before_execution(client: Client) -> None:
    nested = "id"
    for _ in range(10):
        nested = f"organization {{ programs(first: 3) {{ nodes {{ {nested} }} }} }}"
    document = f"{{ programs(first: 1) {{ nodes {{ {nested} }} }} }}"

    body = await client.query(document)

    assert "data" not in body
    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert client.counter.count == 0


async def test_many_aliases_are_rejected_before_execution(client: Client) -> None:
    fields = " ".join(f"a{number}: participations(first: 100) {{ totalCount }}" for number in range(100))

    body = await client.query(f"{{ {fields} }}")

    assert "data" not in body
    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert client.counter.count == 0


async def test_bad_page_arguments_run_no_sql(client: Client) -> None:
    for document in [
        "{ programs(first: -1) { totalCount } }",
        "{ programs(first: 1000) { totalCount } }",
        '{ programs(after: "garbage") { totalCount } }',
    ]:
        body = await client.query(document)
        assert codes_of(body) == {"BAD_USER_INPUT"}, document

    assert client.counter.count == 0


@pytest.mark.settings(max_body_bytes=10_000)
async def test_chunked_body_is_cut_at_the_limit(client: Client) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"query": "{ municipalities { totalCount } }", "padding": "'
        for _ in range(1_000):
            sent += 1
            yield b"x" * 1_000
        yield b'"}'

    response = await client.http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    # Reading stopped soon after the limit instead of buffering the whole megabyte.
    assert sent < 100
