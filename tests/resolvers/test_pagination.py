"""Keyset pagination through the real app: paging both ways, ties, inserts, bad arguments."""

import base64
import json

from tests.conftest import Client
from tests.factories import Factory

PROGRAMS_PAGE = """
query Page($first: Int, $after: String, $last: Int, $before: String, $order: [ProgramOrder!]) {
  programs(filter: {search: "робот"}, orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def page_forward(client: Client, order: list[dict[str, str]] | None = None, size: int = 7) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        data = await client.data(PROGRAMS_PAGE, {"first": size, "after": after, "order": order})
        connection = data["programs"]
        ids.extend(edge["node"]["id"] for edge in connection["edges"])
        if not connection["pageInfo"]["hasNextPage"]:
            return ids
        after = connection["pageInfo"]["endCursor"]


async def page_backward(client: Client, order: list[dict[str, str]] | None = None, size: int = 7) -> list[str]:
    ids: list[str] = []
    before = None
    while True:
        data = await client.data(PROGRAMS_PAGE, {"last": size, "before": before, "order": order})
        connection = data["programs"]
        ids[:0] = [edge["node"]["id"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasPreviousPage"]:
            return ids
        before = connection["pageInfo"]["startCursor"]


async def seed_programs(factory: Factory, count: int) -> None:
    school = await factory.organization()
    for number in range(count):
        # Three titles only, so most rows tie on the sort value and the id decides.
        title = ["Робототехника", "Робототехника для начинающих", "Lego-роботы"][number % 3]
        await factory.program(school, title=title, hours=36 * (number % 4 + 1))
    await factory.program(school, title="Хореография")


async def test_paging_forward_and_backward_yield_same_set(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 30)

    forward = await page_forward(client)
    backward = await page_backward(client)

    assert len(forward) == 30
    assert len(set(forward)) == 30
    assert backward == forward


async def test_paging_with_ties_in_mixed_directions(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 30)
    order = [{"field": "HOURS", "direction": "DESC"}, {"field": "TITLE", "direction": "ASC"}]

    forward = await page_forward(client, order)
    backward = await page_backward(client, order)

    assert len(set(forward)) == 30
    assert backward == forward


async def test_paging_survives_inserts_between_pages(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 20)
    school = await factory.organization()
    first_page = (await client.data(PROGRAMS_PAGE, {"first": 7}))["programs"]
    seen = [edge["node"]["id"] for edge in first_page["edges"]]

    # Rows that sort before and after the cursor arrive between two requests.
    await factory.program(school, title="Art-роботы")
    await factory.program(school, title="Робототехника")
    after = first_page["pageInfo"]["endCursor"]
    while after:
        connection = (await client.data(PROGRAMS_PAGE, {"first": 7, "after": after}))["programs"]
        seen.extend(edge["node"]["id"] for edge in connection["edges"])
        after = connection["pageInfo"]["endCursor"] if connection["pageInfo"]["hasNextPage"] else None

    assert len(seen) == len(set(seen))
    # The 20 original rows are all there; of the two new ones, only the one sorting after the
    # first page is seen.
    assert len(seen) == 21


async def test_total_count_ignores_page(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 12)

    data = await client.data(PROGRAMS_PAGE, {"first": 3})

    assert data["programs"]["totalCount"] == 12
    assert len(data["programs"]["edges"]) == 3


async def test_page_info_on_first_and_last_pages(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 5)

    first = (await client.data(PROGRAMS_PAGE, {"first": 5}))["programs"]["pageInfo"]
    last = (await client.data(PROGRAMS_PAGE, {"last": 5}))["programs"]["pageInfo"]

    assert first["hasNextPage"] is False
    assert first["hasPreviousPage"] is False
    assert last["hasPreviousPage"] is False
    assert last["hasNextPage"] is False


async def test_default_page_size_is_twenty(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 25)

    data = await client.data("{ programs { nodes { id } pageInfo { hasNextPage } } }")

    assert len(data["programs"]["nodes"]) == 20
    assert data["programs"]["pageInfo"]["hasNextPage"] is True


async def test_first_zero_returns_empty_page(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 3)

    data = await client.data("{ programs(first: 0) { totalCount nodes { id } } }")

    assert data["programs"] == {"totalCount": 4, "nodes": []}


def error_of(body: dict) -> dict:
    assert body["data"] is None or body["data"].get("programs") is None
    assert len(body["errors"]) == 1
    return body["errors"][0]


async def test_negative_first_is_rejected_in_russian(client: Client) -> None:
    error = error_of(await client.query("{ programs(first: -1) { nodes { id } } }"))

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first" in error["message"]
    assert "отрицательным" in error["message"]


async def test_too_large_first_is_rejected_not_clamped(client: Client) -> None:
    error = error_of(await client.query("{ programs(first: 1000) { nodes { id } } }"))

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "100" in error["message"]
    assert "1000" in error["message"]


async def test_too_large_last_is_rejected(client: Client) -> None:
    error = error_of(await client.query("{ programs(last: 101) { nodes { id } } }"))

    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_first_and_last_together_are_rejected(client: Client) -> None:
    error = error_of(await client.query("{ programs(first: 2, last: 2) { nodes { id } } }"))

    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_malformed_cursor_is_rejected(client: Client) -> None:
    for cursor in ["not-a-cursor", "", "WyJwcm9ncmFtcyJd", base64.b64encode(b"[1,2,3]").decode()]:
        error = error_of(
            await client.query("query C($c: String) { programs(after: $c) { nodes { id } } }", {"c": cursor})
        )
        assert error["extensions"]["code"] == "BAD_USER_INPUT", cursor
        assert "Курсор" in error["message"], cursor
        assert "Traceback" not in json.dumps(error)


async def test_cursor_from_another_connection_is_rejected(client: Client, factory: Factory) -> None:
    await factory.organization()
    organizations = await client.data("{ organizations(first: 1) { pageInfo { endCursor } } }")
    cursor = organizations["organizations"]["pageInfo"]["endCursor"]

    error = error_of(
        await client.query("query C($c: String) { programs(after: $c) { nodes { id } } }", {"c": cursor})
    )

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "другого списка" in error["message"]


async def test_cursor_from_another_order_is_rejected(client: Client, factory: Factory) -> None:
    await seed_programs(factory, 3)
    data = await client.data(PROGRAMS_PAGE, {"first": 1})
    cursor = data["programs"]["pageInfo"]["endCursor"]

    body = await client.query(
        PROGRAMS_PAGE, {"first": 1, "after": cursor, "order": [{"field": "HOURS", "direction": "ASC"}]}
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_cursor_with_tampered_values_is_rejected(client: Client) -> None:
    payload = json.dumps(["programs", "TITLE:ASC,ID:ASC", ["робот", "not-an-id"]]).encode()
    cursor = base64.urlsafe_b64encode(payload).decode().rstrip("=")

    error = error_of(
        await client.query("query C($c: String) { programs(after: $c) { nodes { id } } }", {"c": cursor})
    )

    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_repeated_order_field_is_rejected(client: Client) -> None:
    body = await client.query(
        "{ programs(orderBy: [{field: TITLE}, {field: TITLE, direction: DESC}]) { nodes { id } } }"
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_english_message_with_accept_language(client: Client) -> None:
    body = await client.query("{ programs(first: -1) { nodes { id } } }", headers={"Accept-Language": "en-US,en;q=0.9"})

    assert body["errors"][0]["message"] == "Argument first must not be negative, got -1."
