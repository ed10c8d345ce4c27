"""Monitoring on a small dataset whose every number is computed by hand in the comments."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from db import models
from tests.conftest import Client
from tests.factories import Factory

# These tests check exact numbers, so counts are not perturbed; perturbation has its own tests.
pytestmark = pytest.mark.settings(perturbation=False)

OCTOBER_2023 = datetime(2023, 10, 10, 5, 0, tzinfo=UTC)
OCTOBER_2024 = datetime(2024, 10, 10, 5, 0, tzinfo=UTC)

STATS = """
query Stats($groupBy: [ParticipationDimension!]!, $filter: ParticipationStatsFilter) {
  monitoring { participation(groupBy: $groupBy, filter: $filter) {
    suppressionThreshold groupedBy
    total { participations participants winners prizeWinners suppressed
            winnersAndPrizeWinnersShare { numerator denominator value } }
    rows { municipality { code } schoolYear participations participants winners prizeWinners suppressed }
  } }
}
"""


async def seed(factory: Factory) -> dict[str, int]:
    """Three schools in MO15, MO07 and MO09 with six, six and two students.

    2023/24, regional olympiad E1: all 13 of a1-a6, b1-b6, c1; a1 wins, a2 is a prize winner.
    2024/25, municipal contest E2: a1-a6 (a1 prize winner), b1 (winner), b2, c1, c2.
    2024/25, regional contest E3: a1 (winner), b1.
    """
    schools = {code: await factory.organization(municipality=code) for code in ["MO15", "MO07", "MO09"]}
    people: dict[str, int] = {}
    for prefix, code, count in [("a", "MO15", 6), ("b", "MO07", 6), ("c", "MO09", 2)]:
        for number in range(1, count + 1):
            people[f"{prefix}{number}"] = await factory.participant(
                schools[code], has_disability_status=(prefix == "c" and number == 2)
            )
    e1 = await factory.event("Олимпиада", kind="OLYMPIAD", olympiad_stage="REGIONAL", starts_at=OCTOBER_2023)
    e2 = await factory.event("Конкурс", level="MUNICIPAL", starts_at=OCTOBER_2024)
    e3 = await factory.event("Региональный конкурс", level="REGIONAL", starts_at=OCTOBER_2024)

    results_2023 = {"a1": "WINNER", "a2": "PRIZE_WINNER"}
    for name in [*(f"a{n}" for n in range(1, 7)), *(f"b{n}" for n in range(1, 7)), "c1"]:
        await factory.participation(people[name], e1, result=results_2023.get(name, "PARTICIPANT"))
    results_2024 = {"a1": "PRIZE_WINNER", "b1": "WINNER"}
    for name in [*(f"a{n}" for n in range(1, 7)), "b1", "b2", "c1", "c2"]:
        await factory.participation(people[name], e2, result=results_2024.get(name, "PARTICIPANT"))
    await factory.participation(people["a1"], e3, result="WINNER")
    await factory.participation(people["b1"], e3)
    return {**people, **{f"school_{code}": school for code, school in schools.items()}}


def by_cell(rows: list[dict]) -> dict[tuple[str, int], dict]:
    return {(row["municipality"]["code"], row["schoolYear"]): row for row in rows}


@pytest.mark.settings(suppression_threshold=2)
async def test_measures_and_secondary_suppression(client: Client, factory: Factory) -> None:
    await seed(factory)

    stats = (await client.data(STATS, {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]}))["monitoring"]["participation"]

    # 25 participations by 14 people; wins: a1 at E1 and E3, b1 at E2; prizes: a2 at E1, a1 at E2.
    assert stats["total"] == {
        "participations": 25,
        "participants": 14,
        "winners": 3,
        "prizeWinners": 2,
        "suppressed": False,
        "winnersAndPrizeWinnersShare": {"numerator": 5, "denominator": 25, "value": 0.2},
    }
    cells = by_cell(stats["rows"])
    assert cells[("MO15", 2023)] == {
        "municipality": {"code": "MO15"}, "schoolYear": 2023,
        "participations": 6, "participants": 6, "winners": 1, "prizeWinners": 1, "suppressed": False,
    }
    # E2 and E3 give MO15 seven participations by the same six people in 2024/25.
    assert cells[("MO15", 2024)]["participations"] == 7
    assert cells[("MO15", 2024)]["participants"] == 6
    # MO09 2023/24 has one person (primary); MO07 2024/25, MO07 2023/24 and MO09 2024/25 are
    # hidden with it so that no single hidden cell remains in the table, a year or a municipality.
    hidden = {key for key, row in cells.items() if row["suppressed"]}
    assert hidden == {("MO09", 2023), ("MO07", 2024), ("MO07", 2023), ("MO09", 2024)}
    assert all(cells[key]["participations"] is None for key in hidden)
    assert stats["suppressionThreshold"] == 2
    assert stats["groupedBy"] == ["MUNICIPALITY", "SCHOOL_YEAR"]


@pytest.mark.settings(suppression_threshold=2)
async def test_hidden_cells_cannot_be_recovered(client: Client, factory: Factory) -> None:
    await seed(factory)

    fine = (await client.data(STATS, {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]}))["monitoring"]["participation"]
    by_year = (await client.data(STATS, {"groupBy": ["SCHOOL_YEAR"]}))["monitoring"]["participation"]

    # Subtract the visible cells from each year's total and from the grand total: what remains is
    # always the sum of two or more hidden cells, never a single one.
    years = {row["schoolYear"]: row for row in by_year["rows"]}
    for year in [2023, 2024]:
        cells = [row for row in fine["rows"] if row["schoolYear"] == year]
        hidden = [row for row in cells if row["suppressed"]]
        assert len(hidden) != 1
        if hidden and not years[year]["suppressed"]:
            remainder = years[year]["participations"] - sum(row["participations"] for row in cells if not row["suppressed"])
            assert remainder > 0
            assert len(hidden) >= 2
    hidden_total = [row for row in fine["rows"] if row["suppressed"]]
    assert len(hidden_total) != 1


async def test_default_threshold_hides_small_cells(client: Client, factory: Factory) -> None:
    await seed(factory)

    stats = (await client.data(STATS, {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]}))["monitoring"]["participation"]

    assert stats["suppressionThreshold"] == 5
    assert stats["total"]["participants"] == 14
    visible = [row for row in stats["rows"] if not row["suppressed"]]
    hidden = [row for row in stats["rows"] if row["suppressed"]]
    assert len(hidden) != 1
    assert all(row["participants"] >= 5 for row in visible)


@pytest.mark.settings(suppression_threshold=2)
async def test_distinct_participants_are_not_summed(client: Client, factory: Factory) -> None:
    await seed(factory)

    stats = (await client.data(STATS, {"groupBy": ["SCHOOL_YEAR"]}))["monitoring"]["participation"]

    rows = {row["schoolYear"]: row for row in stats["rows"]}
    # 13 people in 2023/24 and 10 in 2024/25, but 14 different people in all.
    assert rows[2023]["participants"] == 13
    assert rows[2024]["participants"] == 10
    assert stats["total"]["participants"] == 14


@pytest.mark.settings(suppression_threshold=2)
async def test_filters_on_event_and_person(client: Client, factory: Factory) -> None:
    await seed(factory)

    regional = await client.data(
        STATS, {"groupBy": [], "filter": {"eventLevels": ["REGIONAL"], "schoolYearFrom": 2024}}
    )
    disabled = await client.data(STATS, {"groupBy": [], "filter": {"hasDisabilityStatus": True}})

    # Only E3 is regional in 2024/25: a1 and b1.
    assert regional["monitoring"]["participation"]["total"]["participations"] == 2
    # c2 is the one person with a disability status: hidden below the threshold of 2.
    assert disabled["monitoring"]["participation"]["total"]["participants"] is None
    assert disabled["monitoring"]["participation"]["total"]["suppressed"] is True


async def test_monitoring_input_errors(client: Client, factory: Factory) -> None:
    five = await client.query(STATS, {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR", "SEX", "GRADE", "RESULT"]})
    inverted = await client.query(STATS, {"groupBy": [], "filter": {"schoolYearFrom": 2024, "schoolYearTo": 2022}})
    unknown = await client.query(
        "query I($id: ID) { monitoring { indicators(schoolYear: 2024, municipalityId: $id) { code } } }",
        {"id": "TXVuaWNpcGFsaXR5Ojk5OTk"},
    )

    assert five["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "не больше чем по 4" in five["errors"][0]["message"]
    assert inverted["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "не найдено" in unknown["errors"][0]["message"]


async def add_population_and_enrollments(factory: Factory, people: dict[str, int]) -> None:
    """MO15 has 10 children; a1-a5 are enrolled in 2024/25 and a6 is withdrawn."""
    program = await factory.program(people["school_MO15"], orientation="ARTS")
    for number in range(1, 7):
        await factory.enrollment(people[f"a{number}"], program, status="WITHDRAWN" if number == 6 else "ENROLLED")
    async with factory.engine.begin() as connection:
        await connection.execute(
            insert(models.MunicipalityPopulation),
            [{"municipality_id": factory.municipality_ids["MO15"], "school_year": 2024, "children_5_18": 10}],
        )


async def test_coverage_against_population(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    await add_population_and_enrollments(factory, people)

    data = await client.data(
        """{ monitoring { coverage(schoolYear: 2024, groupBy: [MUNICIPALITY]) {
              target total { enrolledChildren childPopulation coverage { value } }
              rows { municipality { code } enrolledChildren childPopulation coverage { numerator denominator value } meetsTarget }
        } } }"""
    )

    coverage = data["monitoring"]["coverage"]
    assert coverage["target"] == 0.8
    assert coverage["rows"] == [
        {
            "municipality": {"code": "MO15"},
            "enrolledChildren": 5,
            "childPopulation": 10,
            "coverage": {"numerator": 5, "denominator": 10, "value": 0.5},
            "meetsTarget": False,
        }
    ]
    # 42 municipalities have no population figure, so the region has no denominator.
    assert coverage["total"] == {"enrolledChildren": 5, "childPopulation": None, "coverage": {"value": None}}


@pytest.mark.settings(suppression_threshold=2)
async def test_trend_points_and_changes(client: Client, factory: Factory) -> None:
    await seed(factory)

    data = await client.data(
        """{ monitoring { trends(metric: PARTICIPATIONS, fromSchoolYear: 2023, toSchoolYear: 2024, groupBy: [MUNICIPALITY]) {
              municipality { code } points { schoolYear value change changePercent suppressed } } } }"""
    )

    series = {item["municipality"]["code"]: item["points"] for item in data["monitoring"]["trends"]}
    assert series["MO15"] == [
        {"schoolYear": 2023, "value": 6.0, "change": None, "changePercent": None, "suppressed": False},
        {"schoolYear": 2024, "value": 7.0, "change": 1.0, "changePercent": pytest.approx(100 / 6), "suppressed": False},
    ]
    assert [point["suppressed"] for point in series["MO07"]] == [True, True]
    assert [point["value"] for point in series["MO07"]] == [None, None]


async def test_trend_rejects_inverted_years(client: Client) -> None:
    body = await client.query(
        "{ monitoring { trends(metric: PARTICIPANTS, fromSchoolYear: 2024, toSchoolYear: 2020, groupBy: []) { points { value } } } }"
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.settings(suppression_threshold=2)
async def test_alerts_of_each_kind(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    await add_population_and_enrollments(factory, people)
    # MO07 runs a published adapted programme, but none of its participants has the status.
    await factory.program(people["school_MO07"], title="Адаптированная программа", adapted_for=["DEAF"])

    data = await client.data(
        """{ monitoring { alerts(schoolYear: 2024, thresholds: {minParticipations: 1}) {
              kind severity municipality { code } metric value comparisonValue message } } }"""
    )

    alerts = {(alert["kind"], alert["municipality"]["code"]): alert for alert in data["monitoring"]["alerts"]}
    # MO07 fell from 6 people to 2 and MO09 won nothing, but the municipality × school-year table
    # hides both municipalities' cells, so no alert may show their numbers.
    assert ("PARTICIPATION_DROP", "MO07") not in alerts
    assert ("LOW_WINNERS_SHARE", "MO09") not in alerts
    # MO15: 5 of 10 children enrolled.
    below = alerts[("COVERAGE_BELOW_TARGET", "MO15")]
    assert (below["value"], below["comparisonValue"]) == (0.5, 0.8)
    assert "50,0 %" in below["message"]
    assert ("NO_DISABLED_PARTICIPANTS", "MO07") in alerts
    assert all(alert["severity"] == "PROBLEM" for alert in data["monitoring"]["alerts"])


@pytest.mark.settings(suppression_threshold=2)
async def test_drop_and_low_share_alerts(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    # MO15 gains two more people in 2023/24 (8 in all, then 6 in 2024/25, a drop of 25 %) and 24
    # more participations without results in 2024/25: 2 wins and prizes in 31 participations,
    # against the region's 3 in 36.
    meeting = await factory.event("Форум 2023", starts_at=OCTOBER_2023)
    for name in ["a7", "a8"]:
        people[name] = await factory.participant(people["school_MO15"])
        await factory.participation(people[name], meeting)
    for number in range(4):
        festival = await factory.event(f"Фестиваль {number}", starts_at=OCTOBER_2024)
        for index in range(1, 7):
            await factory.participation(people[f"a{index}"], festival)

    data = await client.data(
        """{ monitoring { alerts(schoolYear: 2024, filter: {kinds: [PARTICIPATION_DROP, LOW_WINNERS_SHARE, STRONG_GROWTH]},
              thresholds: {winnersShareRatio: 1, minParticipations: 1}) {
              kind municipality { code } value comparisonValue message } } }"""
    )

    alerts = data["monitoring"]["alerts"]
    assert [(alert["kind"], alert["municipality"]["code"]) for alert in alerts] == [
        ("PARTICIPATION_DROP", "MO15"),
        ("LOW_WINNERS_SHARE", "MO15"),
    ]
    assert (alerts[0]["value"], alerts[0]["comparisonValue"]) == (6, 8)
    assert "25,0 %" in alerts[0]["message"]
    assert alerts[1]["value"] == pytest.approx(2 / 31)
    assert alerts[1]["comparisonValue"] == pytest.approx(3 / 36)


@pytest.mark.settings(suppression_threshold=2)
async def test_growth_alert_is_positive(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    contest = await factory.event("Конкурс 2024", starts_at=OCTOBER_2024)
    for name in ["a7", "a8"]:
        await factory.participation(await factory.participant(people["school_MO15"]), contest)

    data = await client.data(
        """{ monitoring { alerts(schoolYear: 2024, filter: {kinds: [STRONG_GROWTH, PARTICIPATION_DROP]},
              thresholds: {growthPercent: 10, participationDropPercent: 90}) {
              kind severity municipality { code } value comparisonValue } } }"""
    )

    # MO15 grows from 6 people to 8 (33 %); the other municipalities' cells are hidden.
    assert data["monitoring"]["alerts"] == [
        {"kind": "STRONG_GROWTH", "severity": "POSITIVE", "municipality": {"code": "MO15"}, "value": 8.0, "comparisonValue": 6.0}
    ]


@pytest.mark.settings(suppression_threshold=2)
async def test_indicators_for_municipality_and_region(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    await add_population_and_enrollments(factory, people)
    webinar = await factory.event("Вебинар для педагогов", kind="WEBINAR", format="ONLINE", starts_at=OCTOBER_2024)
    async with factory.engine.begin() as connection:
        await connection.execute(insert(models.event_audiences), [{"event_id": webinar, "category": "TEACHER"}])
        indicator = await connection.execute(
            insert(models.Indicator).returning(models.Indicator.id),
            [{"code": "COVERAGE_5_18", "title": "Охват", "unit": "%", "higher_is_better": True}],
        )
        await connection.execute(
            insert(models.IndicatorTarget),
            [{"indicator_id": indicator.scalar_one(), "school_year": 2024, "target_value": 80.0}],
        )
    municipality = (await client.data('{ municipalities(filter: {codes: ["MO15"]}) { nodes { id } } }'))[
        "municipalities"
    ]["nodes"][0]["id"]

    local = await client.data(
        "query I($id: ID) { monitoring { indicators(schoolYear: 2024, municipalityId: $id) { code target actual achieved } } }",
        {"id": municipality},
    )
    region = await client.data("{ monitoring { indicators(schoolYear: 2024) { code target actual achieved } } }")

    local_values = {item["code"]: item for item in local["monitoring"]["indicators"]}
    region_values = {item["code"]: item for item in region["monitoring"]["indicators"]}
    assert local_values["COVERAGE_5_18"] == {"code": "COVERAGE_5_18", "target": 80.0, "actual": 50.0, "achieved": False}
    assert region_values["COVERAGE_5_18"]["actual"] is None
    # E3 is the only regional event in 2024/25: a1 won, b1 took part.
    assert region_values["REGIONAL_WIN_SHARE"]["actual"] == 50.0
    assert region_values["ADULT_EVENTS_ONLINE"]["actual"] == 1.0
    assert region_values["ADULT_EVENTS_OFFLINE"]["actual"] == 0.0


# Filters that exclude nothing but send the same question to the live GROUP BY.
LIVE_FILTER = {"results": ["PARTICIPANT", "PRIZE_WINNER", "WINNER", "LAUREATE", "DIPLOMA_HOLDER"]}
RESULTS = LIVE_FILTER["results"]


@pytest.mark.settings(suppression_threshold=2)
async def test_summary_matches_live_after_every_kind_of_write(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    groupings = [[], ["MUNICIPALITY"], ["SCHOOL_YEAR"], ["MUNICIPALITY", "SCHOOL_YEAR"], ["SCHOOL_YEAR", "MUNICIPALITY"]]

    async def assert_summary_equals_live() -> None:
        for group_by in groupings:
            summarised = await client.data(STATS, {"groupBy": group_by})
            live = await client.data(STATS, {"groupBy": group_by, "filter": LIVE_FILTER})
            assert summarised == live, group_by
        # Rows under a school-year range come from the summary, the total from a live count.
        ranged = await client.data(STATS, {"groupBy": ["SCHOOL_YEAR"], "filter": {"schoolYearFrom": 2024}})
        live = await client.data(STATS, {"groupBy": ["SCHOOL_YEAR"], "filter": {"schoolYearFrom": 2024, "results": list(RESULTS)}})
        assert ranged == live

    await assert_summary_equals_live()

    contest = await factory.event("Новый конкурс", starts_at=OCTOBER_2024)
    await factory.participation(people["c1"], contest, result="WINNER")
    async with factory.engine.begin() as connection:
        await connection.execute(
            models.Participation.__table__.update()
            .where(models.Participation.participant_id == people["a2"])
            .values(result="PARTICIPANT")
        )
        await connection.execute(
            models.Participation.__table__.delete().where(models.Participation.participant_id == people["b6"])
        )

    await assert_summary_equals_live()


@pytest.mark.parametrize(
    "thresholds",
    [
        "{participationDropPercent: -5}",
        "{participationDropPercent: 150}",
        "{growthPercent: -50}",
        "{winnersShareRatio: 1e308}",
        "{winnersShareRatio: 0}",
        "{minParticipations: -5}",
    ],
)
async def test_absurd_alert_thresholds_are_rejected(client: Client, thresholds: str) -> None:
    body = await client.query(f"{{ monitoring {{ alerts(schoolYear: 2024, thresholds: {thresholds}) {{ kind }} }} }}")

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "вне допустимого диапазона" in body["errors"][0]["message"]


async def test_too_fine_table_is_rejected(client: Client, factory: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    from resolvers.monitoring import participation

    await seed(factory)
    monkeypatch.setattr(participation, "MAX_ROWS", 3)

    body = await client.query(STATS, {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"], "filter": LIVE_FILTER})

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "не больше 3" in body["errors"][0]["message"]
