"""The HTTP surface: GraphiQL, GET queries, health, request ids, CORS and masked errors."""

import json

from sqlalchemy import text

from api.graphiql import EXAMPLES
from tests.conftest import Client
from tests.factories import Factory


async def test_graphiql_page_for_browsers(client: Client) -> None:
    response = await client.http.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "GraphiQL" in page
    assert "ProgramsOfOrientationInMunicipality" in page
    assert "EventsOfInnovationSites" in page
    assert "Olympiads" in page


async def test_graphiql_examples_run_without_errors(client: Client, factory: Factory) -> None:
    school = await factory.organization("МБОУ «Лицей № 31»")
    await factory.program(school)
    await factory.participation(await factory.participant(school), await factory.event(), result="WINNER")

    for example in EXAMPLES:
        if "\nsubscription " in example["query"]:
            continue  # runs over WebSocket in tests/api/test_subscriptions.py
        response = await client.http.post(
            "/graphql", json={"query": example["query"], "variables": json.loads(example["variables"])}
        )
        body = response.json()
        assert "errors" not in body, body
        assert body["data"], example["query"]


async def test_get_request_runs_query(client: Client) -> None:
    response = await client.http.get("/graphql", params={"query": "{ municipalities { totalCount } }"})

    assert response.status_code == 200
    assert response.json() == {"data": {"municipalities": {"totalCount": 43}}}


async def test_health_and_readiness(client: Client) -> None:
    health = await client.http.get("/health")
    ready = await client.http.get("/ready")

    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"


async def test_readiness_fails_on_unmigrated_database(client: Client, factory: Factory) -> None:
    async with factory.engine.begin() as connection:
        await connection.execute(text("DELETE FROM alembic_version"))

    response = await client.http.get("/ready")

    assert response.status_code == 503
    assert response.json()["status"] == "unmigrated"


async def test_request_id_is_echoed_or_generated(client: Client) -> None:
    given = await client.http.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers={"X-Request-ID": "abc-123"}
    )
    generated = await client.http.post("/graphql", json={"query": "{ viewer { role } }"})
    hostile = await client.http.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers={"X-Request-ID": "<script>"}
    )

    assert given.headers["x-request-id"] == "abc-123"
    assert len(generated.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != "<script>"


async def test_cors_preflight(client: Client) -> None:
    response = await client.http.options(
        "/graphql",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in {"*", "https://portal.example"}


async def test_viewer_is_anonymous_without_key(client: Client) -> None:
    data = await client.data("{ viewer { role healthData } }")

    assert data == {"viewer": {"role": "ANONYMOUS", "healthData": False}}


async def test_unexpected_error_is_masked(client: Client, factory: Factory) -> None:
    await factory.event()
    async with factory.engine.begin() as connection:
        await connection.execute(text("DROP TABLE event_audiences"))

    response = await client.http.post(
        "/graphql", json={"query": "{ events { nodes { title audiences } } }"}, headers={"X-Request-ID": "req-42"}
    )

    body = response.json()
    error = body["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL", "requestId": "req-42"}
    assert "req-42" in error["message"]
    assert "event_audiences" not in json.dumps(body)
    assert "Traceback" not in json.dumps(body)


async def test_syntax_error_has_code_and_russian_message(client: Client) -> None:
    body = await client.query("{ municipalities { ")

    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert body["errors"][0]["message"].startswith("Синтаксическая ошибка")


async def test_unknown_field_has_code_and_russian_message(client: Client) -> None:
    body = await client.query("{ municipalities { nope } }")

    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert body["errors"][0]["message"].startswith("Запрос не соответствует схеме")
    assert "nope" in body["errors"][0]["message"]


async def test_invalid_json_body_gets_json_error(client: Client) -> None:
    response = await client.http.post(
        "/graphql", content=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert response.json()["errors"][0]["message"].startswith("Некорректный HTTP-запрос")


async def test_body_without_query_gets_json_error(client: Client) -> None:
    response = await client.http.post("/graphql", json={}, headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Invalid GraphQL HTTP request")


async def test_graphql_response_media_type_and_status(client: Client) -> None:
    accept = {"Accept": "application/graphql-response+json"}

    ok = await client.http.post("/graphql", json={"query": "{ viewer { role } }"}, headers=accept)
    invalid = await client.http.post("/graphql", json={"query": "{ nope }"}, headers=accept)
    legacy = await client.http.post("/graphql", json={"query": "{ nope }"})

    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("application/graphql-response+json")
    assert invalid.status_code == 400
    assert "data" not in invalid.json()
    assert legacy.status_code == 200
    assert legacy.headers["content-type"].startswith("application/json")
    assert "data" not in legacy.json()


async def test_execution_error_keeps_data_and_200(client: Client) -> None:
    response = await client.http.post(
        "/graphql",
        json={"query": "{ programs(first: -1) { totalCount } }"},
        headers={"Accept": "application/graphql-response+json"},
    )

    assert response.status_code == 200
    assert response.json()["data"] is None


async def test_several_operations_need_operation_name(client: Client) -> None:
    document = "query A { viewer { role } } query B { municipalities { totalCount } }"

    without = await client.http.post("/graphql", json={"query": document})
    chosen = await client.http.post("/graphql", json={"query": document, "operationName": "B"})

    assert without.status_code == 400
    assert without.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert chosen.json() == {"data": {"municipalities": {"totalCount": 43}}}
