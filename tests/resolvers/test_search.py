"""Search is case-insensitive and treats ё as е, on Cyrillic, on every database."""

from tests.conftest import Client
from tests.factories import Factory

SEARCH = "query S($q: String!) { programs(filter: {search: $q}) { nodes { title } } }"


async def titles_for(client: Client, text: str) -> list[str]:
    data = await client.data(SEARCH, {"q": text})
    return sorted(node["title"] for node in data["programs"]["nodes"])


async def test_search_ignores_case(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    for title in ["Робототехника", "ЮНЫЙ РОБОТОТЕХНИК", "Lego-роботы", "Хореография"]:
        await factory.program(school, title=title)

    lower = await titles_for(client, "робот")
    upper = await titles_for(client, "РОБОТ")
    mixed = await titles_for(client, "Робот")

    assert lower == ["Lego-роботы", "Робототехника", "ЮНЫЙ РОБОТОТЕХНИК"]
    assert upper == lower
    assert mixed == lower


async def test_search_treats_yo_as_ye(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.program(school, title="Берёзовский край")
    await factory.program(school, title="Ёлочка")

    assert await titles_for(client, "березовский") == ["Берёзовский край"]
    assert await titles_for(client, "БЕРЁЗОВСКИЙ") == ["Берёзовский край"]
    assert await titles_for(client, "елочка") == ["Ёлочка"]


async def test_search_escapes_like_wildcards(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.program(school, title="Скидка 100% на шахматы")
    await factory.program(school, title="Шахматы")

    assert await titles_for(client, "100%") == ["Скидка 100% на шахматы"]
    assert await titles_for(client, "%") == ["Скидка 100% на шахматы"]
    assert await titles_for(client, "_") == []


async def test_blank_search_matches_everything(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.program(school, title="Шахматы")

    assert await titles_for(client, "   ") == ["Шахматы"]


async def test_too_long_search_is_rejected(client: Client) -> None:
    body = await client.query(SEARCH, {"q": "а" * 201})

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_organization_search_covers_short_name(client: Client, factory: Factory) -> None:
    await factory.organization("Муниципальное автономное общеобразовательное учреждение № 7", short_name="Лицей «Берёзка»")

    data = await client.data('{ organizations(filter: {search: "березка"}) { nodes { shortName } } }')

    assert data["organizations"]["nodes"] == [{"shortName": "Лицей «Берёзка»"}]


async def test_titles_order_russian_alphabet_with_yo_among_ye(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    for title in ["яблоко", "Ёлочка", "ель", "Емеля", "жук", "Азбука"]:
        await factory.program(school, title=title)

    data = await client.data("{ programs(orderBy: [{field: TITLE}]) { nodes { title } } }")

    # «Ёлочка» sorts as «елочка»: before «ель», because «о» precedes «ь».
    assert [node["title"] for node in data["programs"]["nodes"]] == [
        "Азбука", "Ёлочка", "ель", "Емеля", "жук", "яблоко",
    ]
