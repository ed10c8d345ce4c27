"""Monitoring of informing participants: publications, communities, members and published practices
per municipality and school year, with the school year's bounds in local time."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from db.enums import PracticeStatus, PublicationStatus
from tests.conftest import Client
from tests.factories import Factory

INFORMATION = """query($from: Int!, $to: Int!, $groupBy: [InformationDimension!]!, $filter: InformationStatsFilter) {
  monitoring { information(fromSchoolYear: $from, toSchoolYear: $to, groupBy: $groupBy, filter: $filter) {
    rows { municipality { code } regionWide schoolYear schoolYearLabel publications communities members publishedPractices }
    total { regionWide schoolYear publications communities members publishedPractices }
    fromSchoolYear toSchoolYear groupedBy asOf
  } }
}"""

MEASURES = ("publications", "communities", "members", "publishedPractices")


@pytest.fixture
async def region(factory: Factory) -> None:
    """Two schools, their publications, communities, members and practices around year bounds."""
    city = await factory.organization("МАОУ «Лицей № 11»")
    village = await factory.organization("МКОУ «СОШ с. Кунашак»", municipality="MO01")
    city_area, village_area = factory.municipality_ids["MO15"], factory.municipality_ids["MO01"]

    await factory.publication("2023/24", municipality_id=city_area, published_at=datetime(2023, 10, 10, 5, tzinfo=UTC))
    # 00:30 on 1 September 2024 in the region, still 31 August in UTC.
    await factory.publication("2024/25 first", municipality_id=city_area, published_at=datetime(2024, 8, 31, 19, 30, tzinfo=UTC))
    await factory.publication("Region", published_at=datetime(2024, 11, 1, 5, tzinfo=UTC))
    await factory.publication(
        "Archived", status=PublicationStatus.ARCHIVED, municipality_id=city_area, published_at=datetime(2024, 12, 1, tzinfo=UTC)
    )
    await factory.publication("Draft", status=PublicationStatus.DRAFT, municipality_id=city_area)
    # 23:30 on 31 August 2025 in the region: the last minutes of 2024/25.
    await factory.publication("Village", municipality_id=village_area, published_at=datetime(2025, 8, 31, 18, 30, tzinfo=UTC))

    open_community = await factory.community(city, "Открытое", founded_on=date(2022, 9, 1))
    closed_community = await factory.community(village, "Закрытое", founded_on=date(2023, 1, 15), closed_on=date(2024, 6, 30))
    city_teacher = await factory.teacher(city)
    village_teacher = await factory.teacher(village)
    await factory.community_member(open_community, city_teacher, joined_on=date(2022, 9, 1))
    await factory.community_member(closed_community, city_teacher, joined_on=date(2023, 2, 1))
    await factory.community_member(closed_community, village_teacher, joined_on=date(2023, 2, 1), left_on=date(2023, 8, 31))

    await factory.practice(city, "Городская", published_at=datetime(2024, 3, 1, tzinfo=UTC))
    await factory.practice(village, "Сельская", published_at=datetime(2024, 10, 5, tzinfo=UTC))
    await factory.practice(village, "Поданная", status=PracticeStatus.SUBMITTED)


def counts(row: dict[str, Any]) -> tuple[int, ...]:
    return tuple(row[name] for name in MEASURES)


@pytest.mark.usefixtures("region")
async def test_counts_by_municipality_and_school_year(client: Client) -> None:
    data = await client.data(INFORMATION, {"from": 2022, "to": 2024, "groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]})

    stats = data["monitoring"]["information"]
    rows = {
        ((row["municipality"] or {}).get("code"), row["schoolYear"]): counts(row)
        for row in stats["rows"]
    }
    assert rows == {
        (None, 2024): (1, 0, 0, 0),
        ("MO01", 2022): (0, 1, 1, 0),
        ("MO01", 2023): (0, 1, 0, 0),
        ("MO01", 2024): (1, 0, 0, 1),
        ("MO15", 2022): (0, 1, 1, 0),
        ("MO15", 2023): (1, 1, 1, 1),
        ("MO15", 2024): (2, 1, 1, 0),
    }
    assert counts(stats["total"]) == (5, 2, 2, 2)
    assert [row["regionWide"] for row in stats["rows"] if row["municipality"] is None] == [True]
    assert {row["regionWide"] for row in stats["rows"] if row["municipality"] is not None} == {False}
    assert stats["rows"][0]["schoolYearLabel"] == "2024/25"
    assert stats["total"]["regionWide"] is None
    assert stats["groupedBy"] == ["MUNICIPALITY", "SCHOOL_YEAR"]


@pytest.mark.usefixtures("region")
async def test_counts_by_school_year_count_people_once(client: Client) -> None:
    data = await client.data(INFORMATION, {"from": 2022, "to": 2024, "groupBy": ["SCHOOL_YEAR"]})

    rows = {row["schoolYear"]: counts(row) for row in data["monitoring"]["information"]["rows"]}
    # The city teacher belongs to both communities in 2023/24 and counts once.
    assert rows == {2022: (0, 2, 2, 0), 2023: (1, 2, 1, 1), 2024: (4, 1, 1, 1)}


@pytest.mark.usefixtures("region")
async def test_counts_filtered_by_municipality(client: Client) -> None:
    variables = {"from": 2022, "to": 2024, "groupBy": [], "filter": {"municipalityCodes": ["MO01"]}}

    data = await client.data(INFORMATION, variables)

    stats = data["monitoring"]["information"]
    assert stats["rows"] == []
    assert counts(stats["total"]) == (1, 1, 1, 1)


@pytest.mark.usefixtures("region")
async def test_single_year_excludes_neighbours(client: Client) -> None:
    data = await client.data(INFORMATION, {"from": 2023, "to": 2023, "groupBy": ["MUNICIPALITY"]})

    stats = data["monitoring"]["information"]
    rows = {row["municipality"]["code"]: counts(row) for row in stats["rows"]}
    assert rows == {"MO01": (0, 1, 0, 0), "MO15": (1, 1, 1, 1)}
    assert counts(stats["total"]) == (1, 2, 1, 1)


async def test_invalid_periods_are_rejected(client: Client) -> None:
    cases = [
        ({"from": 2024, "to": 2022, "groupBy": []}, "BAD_USER_INPUT"),
        ({"from": 2000, "to": 2030, "groupBy": []}, "BAD_USER_INPUT"),
        ({"from": 1990, "to": 1991, "groupBy": []}, "BAD_USER_INPUT"),
        ({"from": 2022, "to": 2023, "groupBy": ["SCHOOL_YEAR", "SCHOOL_YEAR"]}, "BAD_USER_INPUT"),
    ]

    for variables, code in cases:
        body = await client.query(INFORMATION, variables)
        assert body["errors"][0]["extensions"]["code"] == code, variables


async def test_statements_do_not_grow_with_years(client: Client, factory: Factory) -> None:
    await factory.publication()

    few = await client.count_statements(INFORMATION, {"from": 2023, "to": 2024, "groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]})
    many = await client.count_statements(INFORMATION, {"from": 2010, "to": 2024, "groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]})

    assert many == few
