"""Prometheus metrics and the orchestrators' health routes."""

from tests.conftest import Client


async def test_metrics_count_requests_and_errors(client: Client) -> None:
    await client.http.post("/graphql", json={"query": "query Census { municipalities { totalCount } }"})
    await client.http.post("/graphql", json={"query": "{ programs(first: -1) { totalCount } }"})
    await client.http.post("/graphql", content=b"{bad", headers={"Content-Type": "application/json"})

    text = (await client.http.get("/metrics")).text

    assert 'talents_graphql_requests_total{operation="Census",status="200"} 1.0' in text
    assert 'talents_graphql_errors_total{code="BAD_USER_INPUT"} 1.0' in text
    assert 'talents_graphql_errors_total{code="BAD_REQUEST"} 1.0' in text
    assert 'talents_graphql_request_seconds_count{operation="Census"} 1.0' in text
    assert "talents_database_connections_in_use" in text


async def test_operation_names_are_bounded(client: Client) -> None:
    for number in range(210):
        await client.http.post("/graphql", json={"query": f"query Q{number} {{ viewer {{ role }} }}"})

    text = (await client.http.get("/metrics")).text

    assert 'operation="other"' in text
    assert 'operation="Q209"' not in text


async def test_orchestrator_health_routes(client: Client) -> None:
    assert (await client.http.get("/healthz")).json() == {"status": "ok"}
    assert (await client.http.get("/readyz")).json()["status"] == "ok"
