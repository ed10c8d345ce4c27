"""Limits on hostile or costly requests: shape, cost, hourly budgets, statement timeout, batching,
field suggestions and CORS, checked through the real HTTP app."""

import math
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from ipaddress import ip_address, ip_network
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query, parse, validate
from sqlalchemy import text
from starlette.applications import Starlette

from api.app import build_schema, create_app
from api.limits import QueryCost, RateLimiter, anonymous_caller, client_address, measure_cost
from api.settings import Settings
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import bearer

SCHEMA = build_schema(Settings())._schema


def codes_of(body: dict[str, Any]) -> set[str]:
    return {error["extensions"]["code"] for error in body.get("errors", [])}


async def post(
    client: Client, document: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    return await client.http.post("/graphql", json={"query": document, "variables": variables or {}}, headers=headers)


def nested(fields: int) -> str:
    """Return a query whose longest path has `fields` fields, the top-level field counting 1."""
    cycle = ["organizations(first: 1)", "nodes", "municipality"]
    leaves = ["totalCount", "name", "name"]
    path = [cycle[index % 3] for index in range(fields - 1)]
    document = leaves[(fields - 2) % 3]
    for segment in reversed(path):
        document = f"{segment} {{ {document} }}"
    return f"{{ {document} }}"


def doubling_fragments(count: int) -> str:
    """Return a query of `count` fragments that each spread the one before twice: 2**(count-1) aliases."""
    fragments = ["fragment F0 on Query { alias: viewer { role } }"]
    fragments += [f"fragment F{number} on Query {{ ...F{number - 1} ...F{number - 1} }}" for number in range(1, count)]
    return f"{{ ...F{count - 1} }}\n" + "\n".join(fragments)


# Query cost


@pytest.mark.parametrize(
    ("document", "variables", "nodes"),
    [
        ("{ programs { totalCount } }", None, 20),
        ("{ programs(first: 5) { nodes { organization { programs(last: 7) { totalCount } } } } }", None, 5 + 5 * 7),
        ("{ a: programs(first: 10) { totalCount } b: programs(first: 10) { totalCount } }", None, 20),
        (
            "{ programs(first: 10) { edges { node { organization { programs(first: 3) { totalCount } } } } } }",
            None,
            10 + 10 * 3,
        ),
        (
            "{ programs(first: 10) { ...P } } "
            "fragment P on ProgramConnection { nodes { organization { programs(first: 3) { totalCount } } } }",
            None,
            10 + 10 * 3,
        ),
        (
            "{ a: organizations(first: 2) { nodes { ...O } } b: organizations(first: 5) { nodes { ...O } } } "
            "fragment O on Organization { programs(first: 10) { totalCount } }",
            None,
            (2 + 2 * 10) + (5 + 5 * 10),
        ),
        (
            "query N($ids: [ID!]!) { nodes(ids: $ids) { ... on Organization { programs(first: 10) { totalCount } } } }",
            {"ids": ["a", "b", "c"]},
            3 + 3 * 10,
        ),
        ("query P($n: Int = 30) { programs(first: $n) { totalCount } }", None, 30),
        ("query P($n: Int = 30) { programs(first: $n) { totalCount } }", {"n": 4}, 4),
        (
            "query S($s: Boolean!) { programs(first: 50) @skip(if: $s) { totalCount } "
            "events(first: 7) @include(if: $s) { totalCount } }",
            {"s": True},
            7,
        ),
        (
            "query S($s: Boolean!) { programs(first: 50) @skip(if: $s) { totalCount } "
            "events(first: 7) @include(if: $s) { totalCount } }",
            {"s": False},
            50,
        ),
        ("{ programs(first: 1000) { totalCount } }", None, 100),
        ("{ programs(first: 0) { nodes { organization { programs(first: 100) { totalCount } } } } }", None, 0),
        ("{ __schema { types { name } } __typename }", None, 0),
    ],
)
def test_cost_counts_nodes(document: str, variables: dict[str, Any] | None, nodes: int) -> None:
    parsed = parse(document)
    assert validate(SCHEMA, parsed) == []

    assert measure_cost(SCHEMA, parsed, None, variables).nodes == nodes


@pytest.mark.parametrize(("nodes", "points"), [(0, 1), (1, 1), (100, 1), (101, 2), (50_000, 500)])
def test_cost_points_round_up(nodes: int, points: int) -> None:
    assert QueryCost(nodes).points == points


async def test_viewer_reports_query_cost(client: Client) -> None:
    document = """{
      viewer { rateLimit { cost } }
      municipalities(first: 10) { nodes { organizations(first: 20) { nodes { programs(first: 5) { totalCount } } } } }
    }"""

    data = await client.data(document)

    # 10 municipalities + 10 * 20 organisations + 10 * 20 * 5 programmes = 1,210 objects.
    assert data["viewer"]["rateLimit"]["cost"] == 13


async def test_too_complex_query_runs_no_sql(client: Client) -> None:
    document = (
        "{ programs(first: 100) { nodes { organization { programs(first: 100) { nodes { organization "
        "{ programs(first: 100) { totalCount } } } } } } } }"
    )

    russian = await client.query(document)
    english = await client.query(document, headers={"Accept-Language": "en"})

    assert "data" not in russian
    assert codes_of(russian) == {"QUERY_TOO_COMPLEX"}
    assert "1010100 объектов" in russian["errors"][0]["message"]
    assert "не больше 50000" in russian["errors"][0]["message"]
    assert "first" in russian["errors"][0]["message"]
    assert "up to 1010100 objects, but at most 50000" in english["errors"][0]["message"]
    assert client.counter.count == 0


async def test_aliases_count_in_cost(client: Client) -> None:
    nested_lists = "programs(first: 100) { nodes { organization { programs(first: 100) { totalCount } } } }"
    twenty = " ".join(f"a{number}: {nested_lists}" for number in range(20))

    single = await client.query(f"{{ viewer {{ rateLimit {{ cost }} }} {nested_lists} }}")
    many = await client.query(f"{{ {twenty} }}")

    assert single["data"]["viewer"]["rateLimit"]["cost"] == 101
    assert codes_of(many) == {"QUERY_TOO_COMPLEX"}
    assert "202000" in many["errors"][0]["message"]


@pytest.mark.settings(max_aliases=100, max_query_nodes=4_000)
async def test_fifty_aliases_exceed_node_limit(client: Client) -> None:
    fields = " ".join(f"a{number}: programs(first: 100) {{ totalCount }}" for number in range(50))

    body = await client.query(f"{{ {fields} }}")

    assert codes_of(body) == {"QUERY_TOO_COMPLEX"}
    assert "5000" in body["errors"][0]["message"]
    assert client.counter.count == 0


async def test_fifty_aliases_hit_alias_limit_first(client: Client) -> None:
    fields = " ".join(f"a{number}: programs(first: 100) {{ totalCount }}" for number in range(50))

    body = await client.query(f"{{ {fields} }}")

    assert "data" not in body
    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "50 псевдонимов" in body["errors"][0]["message"]
    assert "не больше 30" in body["errors"][0]["message"]
    assert client.counter.count == 0


async def test_aliases_in_fragments_are_counted(client: Client) -> None:
    allowed = await client.query(doubling_fragments(5))  # 16 aliases
    rejected = await client.query(doubling_fragments(6))  # 32 aliases

    assert "errors" not in allowed
    assert codes_of(rejected) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "32 псевдонимов" in rejected["errors"][0]["message"]


async def test_fragment_bomb_is_rejected_quickly(client: Client) -> None:
    started = time.perf_counter()

    body = await client.query(doubling_fragments(60))

    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert f"{2**59} псевдонимов" in body["errors"][0]["message"]
    assert time.perf_counter() - started < 2
    assert client.counter.count == 0


async def test_query_at_depth_limit_runs(client: Client) -> None:
    data = await client.data(nested(15))

    assert data["organizations"]


async def test_query_nested_15_levels_is_rejected(client: Client) -> None:
    # The top-level field and 15 levels below it: 16 fields on one path.
    body = await client.query(nested(16))

    assert "data" not in body
    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert "16 уровней" in body["errors"][0]["message"]
    assert client.counter.count == 0


async def test_depth_counts_through_fragments(client: Client) -> None:
    path = nested(16)[1:-1]

    body = await client.query(f"{{ ...Deep }} fragment Deep on Query {{ {path} }}")

    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert client.counter.count == 0


async def test_introspection_query_costs_one_point(client: Client) -> None:
    document = get_introspection_query(descriptions=True, input_value_deprecation=True, directive_is_repeatable=True)

    response = await post(client, document)

    assert "errors" not in response.json()
    assert response.headers["x-ratelimit-used"] == "1"


async def test_deep_introspection_is_rejected(client: Client) -> None:
    document = "{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } } } }"

    body = await client.query(document)

    assert codes_of(body) == {"GRAPHQL_VALIDATION_FAILED"}


# Hourly budgets


async def test_response_carries_rate_limit_headers(client: Client) -> None:
    before = time.time()

    response = await post(client, "{ programs { totalCount } }")

    assert response.headers["x-ratelimit-limit"] == "1000"
    assert response.headers["x-ratelimit-used"] == "1"
    assert response.headers["x-ratelimit-remaining"] == "999"
    assert response.headers["x-ratelimit-resource"] == "graphql"
    assert before + 3600 <= int(response.headers["x-ratelimit-reset"]) <= time.time() + 3601


async def test_viewer_rate_limit_matches_headers(client: Client) -> None:
    await post(client, "{ programs { totalCount } }")

    response = await post(client, "{ viewer { rateLimit { limit cost remaining used resetAt } } }")

    rate_limit = response.json()["data"]["viewer"]["rateLimit"]
    assert rate_limit["limit"] == 1000
    assert rate_limit["cost"] == 1
    assert rate_limit["used"] == 2
    assert rate_limit["remaining"] == 998
    reset_at = datetime.fromisoformat(rate_limit["resetAt"]).timestamp()
    assert math.ceil(reset_at) == int(response.headers["x-ratelimit-reset"])


async def test_key_has_own_budget(client: Client, factory: Factory) -> None:
    headers = await bearer(factory, "ANALYST")

    keyed = await post(client, "{ programs(first: 100) { nodes { organization { programs(first: 100) { totalCount } } } } }", headers=headers)
    anonymous = await post(client, "{ programs { totalCount } }")

    assert keyed.headers["x-ratelimit-limit"] == "5000"
    assert keyed.headers["x-ratelimit-used"] == "101"
    assert anonymous.headers["x-ratelimit-limit"] == "1000"
    assert anonymous.headers["x-ratelimit-used"] == "1"


@pytest.mark.settings(anonymous_points_per_hour=3)
async def test_request_over_budget_gets_429(client: Client) -> None:
    for _ in range(3):
        assert (await post(client, "{ programs { totalCount } }")).status_code == 200
    statements = client.counter.count

    russian = await post(client, "{ programs { totalCount } }")
    english = await post(client, "{ programs { totalCount } }", headers={"Accept-Language": "en"})

    assert russian.status_code == 429
    assert codes_of(russian.json()) == {"RATE_LIMITED"}
    assert "IP-адреса исчерпан" in russian.json()["errors"][0]["message"]
    assert "from your IP address is used up" in english.json()["errors"][0]["message"]
    assert 0 < int(russian.headers["retry-after"]) <= 3600
    assert russian.headers["x-ratelimit-remaining"] == "0"
    assert russian.headers["x-ratelimit-used"] == "3"
    assert "x-request-id" in russian.headers
    assert client.counter.count == statements


@pytest.mark.settings(rate_limit_points_per_hour=2)
async def test_key_over_budget_gets_429(client: Client, factory: Factory) -> None:
    headers = await bearer(factory, "ANALYST")
    for _ in range(2):
        assert (await post(client, "{ programs { totalCount } }", headers=headers)).status_code == 200

    response = await post(client, "{ programs { totalCount } }", headers=headers)

    assert response.status_code == 429
    assert "лимит ключа API исчерпан" in response.json()["errors"][0]["message"]
    assert response.headers["x-ratelimit-limit"] == "2"


@pytest.mark.settings(anonymous_points_per_hour=10)
async def test_expensive_request_is_rejected_unspent(client: Client) -> None:
    # 100 programmes + 100 * 10 = 1,100 objects: 11 points, one more than the budget.
    expensive = await post(client, "{ programs(first: 100) { nodes { organization { programs(first: 10) { totalCount } } } } }")
    cheap = await post(client, "{ programs { totalCount } }")

    assert expensive.status_code == 429
    assert expensive.headers["x-ratelimit-used"] == "0"
    assert cheap.status_code == 200
    assert cheap.headers["x-ratelimit-used"] == "1"


async def test_rejected_requests_cost_one_point(client: Client) -> None:
    syntax = await post(client, "{ programs {")
    invalid = await post(client, "{ programz { totalCount } }")
    too_complex = await post(client, "{ a: programs(first: 100) { nodes { organization { programs(first: 100) { nodes { organization { programs(first: 100) { totalCount } } } } } } } }")

    assert syntax.headers["x-ratelimit-used"] == "1"
    assert invalid.headers["x-ratelimit-used"] == "2"
    assert too_complex.headers["x-ratelimit-used"] == "3"


async def test_forwarded_for_ignored_without_trusted_proxy(client: Client) -> None:
    first = await post(client, "{ programs { totalCount } }", headers={"X-Forwarded-For": "203.0.113.1"})
    second = await post(client, "{ programs { totalCount } }", headers={"X-Forwarded-For": "203.0.113.2"})

    assert first.headers["x-ratelimit-used"] == "1"
    assert second.headers["x-ratelimit-used"] == "2"


@pytest.mark.settings(trusted_proxies=["127.0.0.1"])
async def test_trusted_proxy_forwards_client_address(client: Client) -> None:
    first = await post(client, "{ programs { totalCount } }", headers={"X-Forwarded-For": "203.0.113.1"})
    second = await post(client, "{ programs { totalCount } }", headers={"X-Forwarded-For": "203.0.113.2"})
    again = await post(client, "{ programs { totalCount } }", headers={"X-Forwarded-For": "198.51.100.9, 203.0.113.1"})

    assert first.headers["x-ratelimit-used"] == "1"
    assert second.headers["x-ratelimit-used"] == "1"
    assert again.headers["x-ratelimit-used"] == "2"


def scope_of(peer: str, forwarded: list[str] | None = None) -> dict[str, Any]:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded or []]
    return {"type": "http", "client": (peer, 5000), "headers": headers}


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("198.51.100.7", ["203.0.113.1"], "198.51.100.7"),
        ("10.0.0.1", ["203.0.113.1"], "203.0.113.1"),
        ("10.0.0.1", ["192.0.2.5, 203.0.113.1, 10.0.0.2"], "203.0.113.1"),
        ("10.0.0.1", ["192.0.2.5", "203.0.113.1"], "203.0.113.1"),
        ("10.0.0.1", ["203.0.113.1, bogus"], "10.0.0.1"),
        ("10.0.0.1", [], "10.0.0.1"),
        ("::ffff:10.0.0.1", ["203.0.113.1"], "203.0.113.1"),
    ],
)
def test_client_address_behind_proxies(peer: str, forwarded: list[str], client: str) -> None:
    trusted = [ip_network("10.0.0.0/24")]

    assert client_address(scope_of(peer, forwarded), trusted) == ip_address(client)


def test_ipv6_callers_share_their_64() -> None:
    first = anonymous_caller(ip_address("2001:db8:1:2::1"))
    second = anonymous_caller(ip_address("2001:db8:1:2:ffff::9"))
    other = anonymous_caller(ip_address("2001:db8:1:3::1"))

    assert first == second == "ip:2001:db8:1:2::/64"
    assert other != first


def test_window_resets_after_an_hour() -> None:
    now = [1000.0]
    limiter = RateLimiter(clock=lambda: now[0])

    spent, status = limiter.spend("key:1", 10, 6)
    refused, _ = limiter.spend("key:1", 10, 5)
    now[0] = 4599.0
    still_refused, _ = limiter.spend("key:1", 10, 5)
    now[0] = 4600.0
    renewed, renewed_status = limiter.spend("key:1", 10, 5)

    assert spent
    assert status.reset_at == 4600.0
    assert not refused
    assert not still_refused
    assert renewed
    assert renewed_status.used == 5
    assert renewed_status.reset_at == 8200.0


def test_limiter_keeps_bounded_windows() -> None:
    now = [0.0]
    limiter = RateLimiter(max_callers=3, clock=lambda: now[0])
    for caller in ["a", "b", "c", "d"]:
        limiter.spend(caller, 10, 4)

    assert len(limiter) == 3
    assert limiter.peek("a", 10).used == 0
    assert limiter.peek("d", 10).used == 4

    now[0] = 3600.0
    limiter.spend("e", 10, 1)

    assert len(limiter) == 1


def test_limiter_spends_atomically_across_threads() -> None:
    limiter = RateLimiter()
    allowed: list[bool] = []

    def spend_many() -> None:
        results = [limiter.spend("key:1", 5_000, 1)[0] for _ in range(1_000)]
        allowed.extend(results)

    threads = [threading.Thread(target=spend_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 5_000
    assert limiter.peek("key:1", 5_000).used == 5_000


def test_settings_reject_malformed_trusted_proxy() -> None:
    with pytest.raises(ValueError, match="trusted_proxies"):
        Settings(trusted_proxies=["10.0.0.0/33"])


# Field suggestions


@pytest.mark.parametrize(
    ("document", "variables", "suggestion"),
    [
        ("{ programs { nodes { titel } } }", None, "Did you mean 'title'?"),
        (
            "query P($o: [Orientation!]) { programs(filter: {orientations: $o}) { totalCount } }",
            {"o": ["TECHNICL"]},
            "Did you mean the enum value 'TECHNICAL'?",
        ),
    ],
)
async def test_suggestions_only_for_key_holders(
    client: Client, factory: Factory, document: str, variables: dict[str, Any] | None, suggestion: str
) -> None:
    headers = await bearer(factory, "ANALYST")

    anonymous = await client.query(document, variables, headers={"Accept-Language": "en"})
    keyed = await client.query(document, variables, headers=headers | {"Accept-Language": "en"})

    assert codes_of(anonymous) == codes_of(keyed)
    assert "Did you mean" not in anonymous["errors"][0]["message"]
    assert suggestion in keyed["errors"][0]["message"]


# Batching


async def test_batch_is_rejected(client: Client) -> None:
    batch = [{"query": "{ programs { totalCount } }"}, {"query": "{ events { totalCount } }"}]

    russian = await client.http.post("/graphql", json=batch)
    english = await client.http.post("/graphql", json=batch, headers={"Accept-Language": "en"})

    assert russian.status_code == 400
    assert codes_of(russian.json()) == {"BAD_REQUEST"}
    assert "Пакетные запросы не поддерживаются" in russian.json()["errors"][0]["message"]
    assert "JSON array of 2 operations" in english.json()["errors"][0]["message"]
    assert russian.headers["x-ratelimit-used"] == "0"
    assert client.counter.count == 0


# CORS


async def test_cors_preflight_allows_key_header(client: Client) -> None:
    response = await client.http.options(
        "/graphql",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )

    allowed = {header.strip().lower() for header in response.headers["access-control-allow-headers"].split(",")}
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert {"authorization", "content-type"} <= allowed
    assert "access-control-allow-credentials" not in response.headers


@pytest.mark.settings(cors_origins=["https://portal.example"])
async def test_cors_exposes_limit_headers(client: Client) -> None:
    response = await client.http.post(
        "/graphql", json={"query": "{ programs { totalCount } }"}, headers={"Origin": "https://portal.example"}
    )

    exposed = {header.strip().lower() for header in response.headers["access-control-expose-headers"].split(",")}
    assert response.headers["access-control-allow-origin"] == "https://portal.example"
    assert "access-control-allow-credentials" not in response.headers
    assert {
        "x-request-id",
        "retry-after",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-used",
        "x-ratelimit-reset",
        "x-ratelimit-resource",
    } <= exposed


# PostgreSQL statement timeout


@asynccontextmanager
async def serve(database_url: str, **overrides: Any) -> AsyncIterator[tuple[Starlette, httpx.AsyncClient]]:
    app = create_app(Settings(database_url=database_url, **overrides))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield app, http


def require_postgres(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has no statement timeout")


async def test_statement_timeout_is_set(database_url: str) -> None:
    require_postgres(database_url)

    async with serve(database_url) as (app, _http), app.state.engine.connect() as connection:
        default = (await connection.execute(text("SHOW statement_timeout"))).scalar_one()
    async with serve(database_url, statement_timeout_ms=250) as (app, _http):
        async with app.state.engine.connect() as connection:
            small = (await connection.execute(text("SHOW statement_timeout"))).scalar_one()
        async with app.state.read_engine.connect() as connection:
            read = (await connection.execute(text("SHOW statement_timeout"))).scalar_one()

    assert default == "10s"
    assert small == "250ms"
    assert read == "250ms"


async def test_statement_timeout_is_masked(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    require_postgres(database_url)

    async def sleeping_connection(context: Any, *_args: Any, **_kwargs: Any) -> Any:
        async with context.read_sessions() as session:
            await session.execute(text("SELECT pg_sleep(2)"))

    monkeypatch.setattr("resolvers.roots.root_connection", sleeping_connection)
    # The sleeping list replaces normal resolution, which the planner would skip.
    async with serve(database_url, statement_timeout_ms=100, planner=False) as (_app, http):
        started = time.perf_counter()
        response = await http.post("/graphql", json={"query": "{ programs { totalCount } }"})
        elapsed = time.perf_counter() - started

    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    for driver_text in ["statement timeout", "canceling", "QueryCanceled", "asyncpg", "pg_sleep"]:
        assert driver_text not in response.text
    assert elapsed < 1.5
