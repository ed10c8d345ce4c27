"""The Atom feed of publications: valid Atom 1.0, published items only, filters, limits, caching."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import pytest

from db.enums import ParticipantCategory, PublicationKind, PublicationStatus
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import CHELYABINSK, Factory

PATH = "/feeds/publications.atom"
ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as atom:updated and atom:published require.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def moment(days_ago: int) -> datetime:
    return datetime(2026, 11, 30, 9, 0, tzinfo=UTC) - timedelta(days=days_ago)


async def get_feed(client: Client, query: str = "", headers: dict[str, str] | None = None) -> Any:
    return await client.http.get(f"{PATH}{query}", headers=headers or {})


def parse(body: bytes) -> Any:
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def check_required_elements(body: bytes) -> None:
    """Check the elements and attributes that RFC 4287's RELAX NG schema requires or limits to one."""
    feed = ET.fromstring(body)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated") or "")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    links = {link.get("rel"): link for link in feed.findall(f"{ATOM}link")}
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href")
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert URN.fullmatch(entry.findtext(f"{ATOM}id") or "")
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated") or "")
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}published") or "")
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term")
        assert entry.find(f"{ATOM}content").get("type") == "text"  # type: ignore[union-attr]


@pytest.fixture
async def news(factory: Factory) -> dict[str, int]:
    school = await factory.organization("МАОУ «Лицей № 31»", short_name="Лицей № 31")
    zlatoust = factory.municipality_ids["MO02"]
    return {
        "regional": await factory.publication(
            "Итоги регионального этапа олимпиады",
            published_at=moment(3),
            updated_at=moment(3),
            summary="Победители и призёры",
            audiences=[ParticipantCategory.STUDENT, ParticipantCategory.PARENT],
        ),
        "school": await factory.publication(
            "Лицей открыл инженерный класс",
            organization_id=school,
            municipality_id=factory.municipality_ids[CHELYABINSK],
            published_at=moment(1),
            updated_at=moment(1),
            audiences=[ParticipantCategory.PARENT],
            attachments=[{"title": "Положение", "url": "https://example.org/p.pdf"}],
        ),
        "zlatoust": await factory.publication(
            "Методическое письмо для учителей Златоуста",
            municipality_id=zlatoust,
            kind=PublicationKind.METHODICAL_LETTER,
            published_at=moment(2),
            updated_at=moment(2),
            audiences=[ParticipantCategory.TEACHER],
        ),
        "draft": await factory.publication("Черновик новости", status=PublicationStatus.DRAFT),
        "archived": await factory.publication(
            "Новость в архиве", status=PublicationStatus.ARCHIVED, published_at=moment(30), updated_at=moment(20)
        ),
    }


async def test_feed_is_valid_atom(client: Client, news: dict[str, int]) -> None:
    response = await get_feed(client)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    check_required_elements(response.content)
    parsed = parse(response.content)
    assert parsed.feed.title.startswith("Публикации региональной программы")
    assert parsed.feed.links[0].href == "http://testserver/feeds/publications.atom"
    assert [entry.title for entry in parsed.entries] == [
        "Лицей открыл инженерный класс",
        "Методическое письмо для учителей Златоуста",
        "Итоги регионального этапа олимпиады",
    ]
    school = parsed.entries[0]
    assert school.author == "Лицей № 31"
    assert school.content[0].type == "text/plain"
    assert school.content[0].value == "Текст **новости**."
    assert school.published_parsed[:5] == moment(1).timetuple()[:5]
    assert {tag.term for tag in school.tags} == {"NEWS", "PARENT"}
    assert any(link.rel == "related" and link.href == "https://example.org/p.pdf" for link in school.links)
    assert parsed.entries[2].author == "Региональный орган управления образованием"
    assert parsed.entries[2].summary == "Победители и призёры"


async def test_feed_never_shows_drafts_or_archive(client: Client, news: dict[str, int]) -> None:
    body = (await get_feed(client, "?limit=100")).text

    assert "Черновик новости" not in body
    assert "Новость в архиве" not in body
    assert len(parse(body.encode()).entries) == 3


async def test_feed_entry_ids_are_stable(client: Client, news: dict[str, int], factory: Factory) -> None:
    before = parse((await get_feed(client)).content)
    await factory.publication("Новая публикация", published_at=moment(0), updated_at=moment(0))
    after = parse((await get_feed(client)).content)

    assert {entry.id for entry in before.entries} <= {entry.id for entry in after.entries}
    assert len({entry.id for entry in after.entries}) == 4
    # The same parameters in another order name the same feed.
    first = parse((await get_feed(client, "?kind=NEWS&limit=5")).content)
    second = parse((await get_feed(client, "?limit=5&kind=NEWS")).content)
    assert first.feed.id == second.feed.id
    assert first.feed.id != after.feed.id


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?municipality=MO02", ["Методическое письмо для учителей Златоуста", "Итоги регионального этапа олимпиады"]),
        ("?municipality=MO02&includeRegionWide=false", ["Методическое письмо для учителей Златоуста"]),
        ("?municipality=75701000&includeRegionWide=false", ["Лицей открыл инженерный класс"]),
        (
            "?municipality=MO02,MO15&includeRegionWide=false",
            ["Лицей открыл инженерный класс", "Методическое письмо для учителей Златоуста"],
        ),
        ("?audience=TEACHER", ["Методическое письмо для учителей Златоуста"]),
        (
            "?audience=STUDENT,TEACHER",
            ["Методическое письмо для учителей Златоуста", "Итоги регионального этапа олимпиады"],
        ),
        ("?kind=METHODICAL_LETTER", ["Методическое письмо для учителей Златоуста"]),
        ("?limit=1", ["Лицей открыл инженерный класс"]),
        ("?audience=", []),
    ],
)
async def test_feed_filters(client: Client, news: dict[str, int], query: str, titles: list[str]) -> None:
    response = await get_feed(client, query)

    assert response.status_code == 200
    assert [entry.title for entry in parse(response.content).entries] == titles


async def test_feed_municipality_by_global_id(client: Client, news: dict[str, int], factory: Factory) -> None:
    zlatoust = encode_global_id("Municipality", factory.municipality_ids["MO02"])
    response = await get_feed(client, f"?municipality={zlatoust}&includeRegionWide=false")

    assert [entry.title for entry in parse(response.content).entries] == ["Методическое письмо для учителей Златоуста"]


@pytest.mark.parametrize(
    ("query", "russian", "english"),
    [
        ("?limit=0", "вне допустимого диапазона 1–100", "outside the allowed range 1-100"),
        ("?limit=101", "вне допустимого диапазона 1–100", "outside the allowed range 1-100"),
        ("?limit=ten", "не целое число", "is not an integer"),
        ("?audience=CHILD", "Допустимые значения: STUDENT", "Allowed values: STUDENT"),
        ("?includeRegionWide=yes", "Укажите true или false", "Pass true or false"),
        ("?municipality=MO99", "«MO99» не найдено", '"MO99" not found'),
        ("?municipality=TXVuaWNpcGFsaXR5Ojk5OTk", "не найдено", "not found"),
        ("?town=MO15", "Неизвестный параметр «town»", 'Unknown parameter "town"'),
        ("?limit=5&limit=6", "указан больше одного раза", "appears more than once"),
    ],
)
async def test_feed_rejects_bad_parameters(client: Client, query: str, russian: str, english: str) -> None:
    in_russian = await get_feed(client, query)
    in_english = await get_feed(client, query, {"Accept-Language": "en"})

    assert in_russian.status_code == 400
    assert in_russian.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert russian in in_russian.json()["errors"][0]["message"]
    assert english in in_english.json()["errors"][0]["message"]


async def test_feed_conditional_requests(client: Client, news: dict[str, int], factory: Factory) -> None:
    first = await get_feed(client)
    etag = first.headers["etag"]
    assert first.headers["last-modified"] == "Sun, 29 Nov 2026 09:00:00 GMT"

    by_etag = await get_feed(client, headers={"If-None-Match": etag})
    by_date = await get_feed(client, headers={"If-Modified-Since": first.headers["last-modified"]})
    older = await get_feed(client, headers={"If-Modified-Since": "Sat, 28 Nov 2026 09:00:00 GMT"})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag.headers["etag"] == etag
    assert by_date.status_code == 304
    assert older.status_code == 200

    await factory.publication("Свежая новость", published_at=moment(0), updated_at=moment(0))
    changed = await get_feed(client, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag


async def test_feed_escapes_markup(client: Client, factory: Factory) -> None:
    title = "Конкурс «Я & наука» <2026>"
    body = "Подробности: <script>alert(1)</script> и **жирный** текст"
    await factory.publication(title, body=body, published_at=moment(0), updated_at=moment(0))

    response = await get_feed(client)
    entry = parse(response.content).entries[0]

    assert b"<script>" not in response.content
    assert entry.title == title
    assert entry.content[0].value == body


async def test_feed_empty(client: Client) -> None:
    response = await get_feed(client)

    check_required_elements(response.content)
    assert parse(response.content).entries == []


@pytest.mark.settings(feed_site_url="https://portal.example.org/news")
async def test_feed_alternate_link_from_settings(client: Client) -> None:
    parsed = parse((await get_feed(client)).content)

    assert [link.href for link in parsed.feed.links if link.rel == "alternate"] == ["https://portal.example.org/news"]


async def test_feed_head_request(client: Client, news: dict[str, int]) -> None:
    full = await get_feed(client)
    head = await client.http.head(PATH)

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == full.headers["etag"]
    assert head.headers["content-type"] == "application/atom+xml; charset=utf-8"
