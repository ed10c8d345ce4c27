"""Spreadsheet exports of monitoring through the real app, checked against the GraphQL responses."""

import codecs
import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from api import exports
from api.exports import PARTICIPATION_PARAMS, attachment_name, export_url
from db.timezone import to_local, utc_now
from schema import monitoring as monitoring_schema
from schema.enums import ENUM_LABELS
from tests.conftest import Client
from tests.factories import Factory
from tests.resolvers.test_monitoring import add_population_and_enrollments, seed

# These tests check exact numbers, so counts are not perturbed; perturbation has its own tests.
pytestmark = pytest.mark.settings(perturbation=False)

PARTICIPATION = """
query Stats($groupBy: [ParticipationDimension!]!, $filter: ParticipationStatsFilter) {
  monitoring { participation(groupBy: $groupBy, filter: $filter) {
    total { participations participants winners prizeWinners suppressed winnersAndPrizeWinnersShare { value } }
    rows { municipality { code name } schoolYearLabel
           participations participants winners prizeWinners suppressed winnersAndPrizeWinnersShare { value } }
  } }
}
"""
PARTICIPATION_HEADERS = [
    "Муниципальное образование",
    "Код МО",
    "Учебный год",
    "Число участий",
    "Число участников",
    "Победители",
    "Призёры",
    "Доля победителей и призёров",
    "Скрыто",
]
MEASURES = ["participations", "participants", "winners", "prizeWinners"]


def read_csv(response: httpx.Response) -> list[list[str]]:
    """Return the rows of a CSV export after checking its encoding and line ends."""
    assert response.status_code == 200, response.text
    assert response.content.startswith(codecs.BOM_UTF8)
    assert response.content.count(b"\n") == response.content.count(b"\r\n")
    return list(csv.reader(io.StringIO(response.content[3:].decode("utf-8"), newline=""), delimiter=";"))


def number(cell: str) -> float | None:
    """Parse a number written with a decimal comma or point; an empty cell is None."""
    return None if cell == "" else float(cell.replace(",", "."))


def read_xlsx(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return load_workbook(io.BytesIO(response.content))


def error_of(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/json")
    return response.json()["errors"][0]


def rows_of(sheet: Any) -> Iterator[list[Any]]:
    for row in sheet.iter_rows(values_only=True):
        yield list(row)


@pytest.mark.settings(suppression_threshold=2)
async def test_participation_csv_matches_graphql(client: Client, factory: Factory) -> None:
    await seed(factory)
    stats = (await client.data(PARTICIPATION, {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]}))["monitoring"][
        "participation"
    ]

    table = read_csv(await client.http.get("/export/monitoring/participation.csv?groupBy=MUNICIPALITY,SCHOOL_YEAR"))

    assert table[0] == PARTICIPATION_HEADERS
    assert len(table) == len(stats["rows"]) + 2
    cells = {(row[1], row[2]): row for row in table[1:-1]}
    for expected in stats["rows"]:
        row = cells[(expected["municipality"]["code"], expected["schoolYearLabel"])]
        assert row[0] == expected["municipality"]["name"]
        assert [number(cell) for cell in row[3:7]] == [expected[name] for name in MEASURES]
        assert number(row[7]) == expected["winnersAndPrizeWinnersShare"]["value"]
        assert row[8] == ("да" if expected["suppressed"] else "нет")
    hidden = [row for row in table[1:-1] if row[8] == "да"]
    assert len(hidden) == 4
    assert all(row[3:8] == ["", "", "", "", ""] for row in hidden)
    assert table[-1] == ["Итого", "", "", "25", "14", "3", "2", "0,2", "нет"]


@pytest.mark.settings(suppression_threshold=2)
async def test_participation_csv_english(client: Client, factory: Factory) -> None:
    await seed(factory)

    response = await client.http.get(
        "/export/monitoring/participation.csv?groupBy=SCHOOL_YEAR", headers={"Accept-Language": "en"}
    )

    table = read_csv(response)
    assert table[0] == [
        "School year",
        "Participations",
        "Participants",
        "Winners",
        "Prize winners",
        "Share of winners and prize winners",
        "Suppressed",
    ]
    assert table[1][0] == "2023/24"
    assert table[-1] == ["Total", "25", "14", "3", "2", "0.2", "no"]


@pytest.mark.settings(suppression_threshold=2)
async def test_participation_csv_filter_matches_graphql(client: Client, factory: Factory) -> None:
    await seed(factory)
    variables = {"groupBy": ["MUNICIPALITY"], "filter": {"eventLevels": ["REGIONAL"], "schoolYearFrom": 2024}}
    stats = (await client.data(PARTICIPATION, variables))["monitoring"]["participation"]

    table = read_csv(
        await client.http.get(
            "/export/monitoring/participation.csv?groupBy=MUNICIPALITY&eventLevels=REGIONAL&schoolYearFrom=2024"
        )
    )

    # E3 is the only regional event in 2024/25: a1 of MO15 and b1 of MO07, one person each.
    assert [number(cell) for cell in table[-1][2:6]] == [stats["total"][name] for name in MEASURES]
    assert table[-1][2] == "2"
    assert [row[1] for row in table[1:-1]] == [row["municipality"]["code"] for row in stats["rows"]]
    assert [row[-1] for row in table[1:-1]] == ["да", "да"]


@pytest.mark.settings(suppression_threshold=2)
async def test_participation_csv_hidden_total(client: Client, factory: Factory) -> None:
    await seed(factory)

    table = read_csv(await client.http.get("/export/monitoring/participation.csv?groupBy=&hasDisabilityStatus=true"))

    # c2 is the one person with a disability status, below the threshold of 2.
    assert table[0][0] == "Группа"
    assert table[1:] == [["Итого", "", "", "", "", "", "да"]]


@pytest.mark.settings(suppression_threshold=2)
async def test_participation_xlsx_layout(client: Client, factory: Factory) -> None:
    await seed(factory)

    workbook = read_xlsx(await client.http.get("/export/monitoring/participation.xlsx?groupBy=MUNICIPALITY,SCHOOL_YEAR"))

    assert workbook.sheetnames == ["Данные", "Параметры"]
    sheet = workbook["Данные"]
    rows = list(rows_of(sheet))
    assert rows[0] == PARTICIPATION_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > len("Муниципальное образование")
    total = rows[-1]
    assert total[:3] == ["Итого", None, None]
    assert total[3:7] == [25, 14, 3, 2]
    assert all(isinstance(value, int) for value in total[3:7])
    share = sheet.cell(row=len(rows), column=8)
    assert share.value == 0.2
    assert "%" in share.number_format
    hidden = [row for row in rows[1:-1] if row[8] == "да"]
    assert all(row[3:8] == [None] * 5 for row in hidden)

    parameters = {row[0]: row[1] for row in rows_of(workbook["Параметры"])}
    assert parameters["Группировка (groupBy)"] == "Муниципальное образование, Учебный год"
    assert parameters["Порог скрытия малых ячеек"] == "2"
    assert "Данные на" in parameters


async def test_export_response_headers(client: Client, factory: Factory) -> None:
    csv_response = await client.http.get("/export/monitoring/participation.csv?groupBy=")
    xlsx_response = await client.http.get("/export/monitoring/participation.xlsx?groupBy=")

    today = to_local(utc_now()).date().isoformat()
    assert csv_response.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv_response.headers["content-disposition"] == f'attachment; filename="participation-{today}.csv"'
    assert xlsx_response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx_response.headers["content-disposition"] == f'attachment; filename="participation-{today}.xlsx"'


async def test_coverage_csv_matches_graphql(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    await add_population_and_enrollments(factory, people)
    coverage = (
        await client.data(
            """{ monitoring { coverage(schoolYear: 2024, groupBy: [MUNICIPALITY]) {
                  total { enrolledChildren childPopulation coverage { value } target meetsTarget suppressed }
                  rows { municipality { code } enrolledChildren childPopulation coverage { value } target
                         meetsTarget suppressed } } } }"""
        )
    )["monitoring"]["coverage"]

    table = read_csv(await client.http.get("/export/monitoring/coverage.csv?schoolYear=2024&groupBy=MUNICIPALITY"))

    assert table[0] == [
        "Муниципальное образование",
        "Код МО",
        "Охвачено детей",
        "Численность детей 5–18 лет",
        "Охват",
        "Цель",
        "Цель достигнута",
        "Скрыто",
    ]
    expected = coverage["rows"][0]
    assert len(table) == 3
    assert table[1][1] == expected["municipality"]["code"]
    assert number(table[1][2]) == expected["enrolledChildren"]
    assert number(table[1][3]) == expected["childPopulation"]
    assert number(table[1][4]) == expected["coverage"]["value"]
    assert number(table[1][5]) == expected["target"]
    assert table[1][4:] == ["0,5", "0,8", "нет", "нет"]
    # The region has no denominator: 42 municipalities have no population figure.
    assert table[2] == ["Итого", "", "5", "", "", "0,8", "", "нет"]


@pytest.mark.settings(suppression_threshold=2)
async def test_trends_csv_matches_graphql(client: Client, factory: Factory) -> None:
    await seed(factory)
    series = (
        await client.data(
            """{ monitoring { trends(metric: PARTICIPATIONS, fromSchoolYear: 2023, toSchoolYear: 2024,
                  groupBy: [MUNICIPALITY]) { municipality { code }
                  points { schoolYearLabel value change changePercent suppressed } } } }"""
        )
    )["monitoring"]["trends"]

    table = read_csv(
        await client.http.get(
            "/export/monitoring/trends.csv?metric=PARTICIPATIONS&fromSchoolYear=2023&toSchoolYear=2024&groupBy=MUNICIPALITY"
        )
    )

    assert table[0] == [
        "Муниципальное образование",
        "Код МО",
        "Учебный год",
        "Число участий",
        "Изменение",
        "Изменение, %",
        "Скрыто",
    ]
    cells = {(row[1], row[2]): row for row in table[1:]}
    assert len(cells) == sum(len(item["points"]) for item in series)
    for item in series:
        for point in item["points"]:
            row = cells[(item["municipality"]["code"], point["schoolYearLabel"])]
            assert number(row[3]) == point["value"]
            assert number(row[4]) == point["change"]
            assert number(row[5]) == point["changePercent"]
            assert row[6] == ("да" if point["suppressed"] else "нет")
    assert cells[("MO15", "2024/25")][3:5] == ["7", "1"]
    assert cells[("MO15", "2024/25")][5].startswith("16,666")
    assert cells[("MO07", "2024/25")][3:] == ["", "", "", "да"]


@pytest.mark.settings(suppression_threshold=2)
async def test_trends_xlsx_has_chart(client: Client, factory: Factory) -> None:
    await seed(factory)

    workbook = read_xlsx(
        await client.http.get(
            "/export/monitoring/trends.xlsx?metric=WINNERS_AND_PRIZE_WINNERS_SHARE&fromSchoolYear=2023"
            "&toSchoolYear=2024&groupBy=MUNICIPALITY"
        )
    )

    assert workbook.sheetnames == ["Данные", "Параметры", "Диаграмма"]
    chart_sheet = workbook["Диаграмма"]
    assert len(chart_sheet._charts) == 1
    chart = chart_sheet._charts[0]
    rows = list(rows_of(chart_sheet))
    assert rows[0] == [
        "Учебный год",
        "Магнитогорский городской округ",
        "Озёрский городской округ",
        "Челябинский городской округ",
    ]
    assert [row[0] for row in rows[1:]] == ["2023/24", "2024/25"]
    assert len(chart.series) == 3
    assert chart.series[0].cat.strRef.f == "'Диаграмма'!$A$2:$A$3"
    # MO15: 2 of 6 participations won or placed in 2023/24, 2 of 7 in 2024/25.
    assert rows[1][3] == pytest.approx(2 / 6)
    assert rows[2][3] == pytest.approx(2 / 7)
    data = workbook["Данные"]
    # The last data row is MO15 in 2024/25, which is not hidden.
    share = data.cell(row=data.max_row, column=4)
    assert share.value == pytest.approx(2 / 7)
    assert share.number_format == "0.0%"


@pytest.mark.settings(suppression_threshold=2)
async def test_alerts_csv_matches_graphql(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    await add_population_and_enrollments(factory, people)
    await factory.program(people["school_MO07"], title="Адаптированная программа", adapted_for=["DEAF"])
    found = (
        await client.data(
            """{ monitoring { alerts(schoolYear: 2024, thresholds: {minParticipations: 1}) {
                  kind municipality { code name } value comparisonValue message } } }"""
        )
    )["monitoring"]["alerts"]

    table = read_csv(await client.http.get("/export/monitoring/alerts.csv?schoolYear=2024&minParticipations=1"))

    assert table[0] == [
        "Вид сигнала",
        "Характер",
        "Муниципальное образование",
        "Код МО",
        "Образовательная организация",
        "Показатель",
        "Значение",
        "Значение для сравнения",
        "Сообщение",
    ]
    labels = ENUM_LABELS["AlertKind"]
    assert len(table) == len(found) + 1
    for row, alert in zip(table[1:], found, strict=True):
        assert row[0] == labels[alert["kind"]][0]
        assert row[2:4] == [alert["municipality"]["name"], alert["municipality"]["code"]]
        assert number(row[6]) == alert["value"]
        assert number(row[7]) == alert["comparisonValue"]
        assert row[8] == alert["message"]
    coverage = next(row for row in table if row[0] == "Охват ниже цели")
    assert coverage[5:8] == ["Охват", "0,5", "0,8"]


async def grow_mo15(factory: Factory, people: dict[str, int]) -> None:
    """Bring two more MO15 students to a 2024/25 contest: MO15 grows from 6 people to 8."""
    contest = await factory.event("Конкурс 2024", starts_at=datetime(2024, 10, 10, 5, 0, tzinfo=UTC))
    for _ in range(2):
        await factory.participation(await factory.participant(people["school_MO15"]), contest)


@pytest.mark.settings(suppression_threshold=2)
async def test_alerts_filter_and_thresholds(client: Client, factory: Factory) -> None:
    await grow_mo15(factory, await seed(factory))

    table = read_csv(
        await client.http.get(
            "/export/monitoring/alerts.csv?schoolYear=2024&kinds=STRONG_GROWTH,PARTICIPATION_DROP"
            "&municipalityCodes=MO15,MO07&growthPercent=0&participationDropPercent=90"
        )
    )

    # MO15 grows from 6 people to 8; MO07's cells are hidden, so it gets no alert.
    assert [row[:4] for row in table[1:]] == [
        ["Сильный рост участия", "Положительная динамика", "Челябинский городской округ", "MO15"]
    ]


async def test_indicators_csv_matches_graphql(client: Client, factory: Factory) -> None:
    people = await seed(factory)
    await add_population_and_enrollments(factory, people)
    municipality = (await client.data('{ municipalities(filter: {codes: ["MO15"]}) { nodes { id } } }'))[
        "municipalities"
    ]["nodes"][0]["id"]
    found = (
        await client.data(
            "query I($id: ID) { monitoring { indicators(schoolYear: 2024, municipalityId: $id) { code target actual } } }",
            {"id": municipality},
        )
    )["monitoring"]["indicators"]

    table = read_csv(
        await client.http.get(
            "/export/monitoring/indicators.csv", params={"schoolYear": "2024", "municipalityId": municipality}
        )
    )

    assert table[0] == ["Код", "Показатель", "Единица измерения", "Цель", "Факт", "Цель достигнута"]
    assert [row[0] for row in table[1:]] == [item["code"] for item in found]
    for row, item in zip(table[1:], found, strict=True):
        assert number(row[3]) == item["target"]
        assert number(row[4]) == item["actual"]
    assert table[1][4] == "50,0"


async def test_indicators_unknown_municipality(client: Client, factory: Factory) -> None:
    response = await client.http.get(
        "/export/monitoring/indicators.xlsx?schoolYear=2024&municipalityId=TXVuaWNpcGFsaXR5Ojk5OTk"
    )

    assert response.status_code == 404
    error = error_of(response)
    assert error["extensions"] == {"code": "NOT_FOUND"}
    assert "не найдено" in error["message"]


BAD_REQUESTS = [
    ("participation.csv?groupBy=MUNICIPALITY&year=2024", "Неизвестный параметр «year»"),
    ("participation.csv?groupBy=COUNTY", "значение «COUNTY» недопустимо"),
    ("participation.csv?groupBy=&eventLevels=REGIONAL,CITY", "значение «CITY» недопустимо"),
    ("participation.csv?groupBy=&schoolYearFrom=2024.5", "«2024.5» не целое число"),
    ("participation.csv?groupBy=&hasDisabilityStatus=yes", "«yes» не логическое значение"),
    ("participation.csv?groupBy=&results=WINNER&results=PRIZE_WINNER", "указан больше одного раза"),
    ("participation.csv", "Не указан обязательный параметр «groupBy»"),
    ("participation.xlsx?groupBy=MUNICIPALITY,SCHOOL_YEAR,SEX,GRADE,RESULT", "не больше чем по 4"),
    ("participation.csv?groupBy=&schoolYearFrom=2024&schoolYearTo=2022", "начало 2024 позже конца 2022"),
    ("trends.xlsx?metric=PARTICIPANTS&fromSchoolYear=2024&toSchoolYear=2020&groupBy=", "позже конца"),
    ("trends.csv?metric=VISITS&fromSchoolYear=2020&toSchoolYear=2024&groupBy=", "значение «VISITS»"),
    ("coverage.csv?schoolYear=abc&groupBy=", "«abc» не целое число"),
    ("alerts.csv?schoolYear=2024&participationDropPercent=1e3", "«1e3» не число"),
    ("indicators.xlsx?schoolYear=99999999999", "вне допустимого диапазона"),
    ("indicators.xlsx?schoolYear=" + "9" * 5000, "вне допустимого диапазона"),
    ("alerts.csv?schoolYear=2024&growthPercent=" + "9" * 400, "не число"),
    ("indicators.csv?schoolYear=2024&municipalityId=broken", "не является глобальным ID"),
]


@pytest.mark.parametrize(("path", "message"), BAD_REQUESTS)
async def test_export_rejects_bad_parameters(client: Client, path: str, message: str) -> None:
    response = await client.http.get(f"/export/monitoring/{path}")

    assert response.status_code == 400
    error = error_of(response)
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}
    assert message in error["message"]


async def test_export_error_in_english(client: Client) -> None:
    response = await client.http.get(
        "/export/monitoring/coverage.csv?schoolYear=2024&groupBy=&page=2", headers={"Accept-Language": "en"}
    )

    assert response.status_code == 400
    assert error_of(response)["message"] == (
        'Unknown parameter "page". Allowed parameters: schoolYear, groupBy.'
    )


async def test_export_unexpected_error(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def fail(*_args: Any) -> None:
        raise RuntimeError("database exploded")

    monkeypatch.setattr(exports, "participation_stats", fail)

    with caplog.at_level(logging.ERROR, logger="api.exports"):
        response = await client.http.get("/export/monitoring/participation.csv?groupBy=")

    assert response.status_code == 500
    error = error_of(response)
    request_id = response.headers["x-request-id"]
    assert error["extensions"] == {"code": "INTERNAL", "requestId": request_id}
    assert request_id in error["message"]
    assert "exploded" not in error["message"]
    assert len([record for record in caplog.records if record.name == "api.exports"]) == 1


@pytest.mark.settings(suppression_threshold=2)
async def test_export_csv_quotes_formula_text(client: Client, factory: Factory) -> None:
    school = await factory.organization('=HYPERLINK("http://example.invalid")', municipality="MO15")
    event = await factory.event()
    for _ in range(2):
        await factory.participation(await factory.participant(school), event)

    table = read_csv(await client.http.get("/export/monitoring/participation.csv?groupBy=ORGANIZATION"))
    workbook = read_xlsx(await client.http.get("/export/monitoring/participation.xlsx?groupBy=ORGANIZATION"))

    assert table[1][0] == "'=HYPERLINK(\"http://example.invalid\")"
    cell = workbook["Данные"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.invalid")'


async def test_export_url_round_trip(client: Client, factory: Factory) -> None:
    await seed(factory)
    url = export_url(
        "participation",
        "csv",
        {"groupBy": ["MUNICIPALITY"], "municipalityCodes": ["MO15", "MO07"], "inFederalList": None},
    )

    table = read_csv(await client.http.get(url))

    assert url == "/export/monitoring/participation.csv?groupBy=MUNICIPALITY&municipalityCodes=MO15,MO07"
    assert [row[1] for row in table[1:-1]] == ["MO07", "MO15"]


def test_export_url_rejects_unknown_parameter() -> None:
    with pytest.raises(ValueError, match="unknown parameter 'schoolYear'"):
        export_url("participation", "csv", {"schoolYear": "2024"})
    with pytest.raises(ValueError, match="unknown export format"):
        export_url("participation", "pdf", {})
    with pytest.raises(ValueError, match="contains a comma"):
        export_url("alerts", "csv", {"municipalityCodes": ["MO15,MO07"]})


def test_participation_params_cover_filter() -> None:
    filter_fields = {item.name for item in fields(monitoring_schema.ParticipationStatsFilter)}
    attributes = {param.attribute for param in PARTICIPATION_PARAMS} - {"group_by"}

    assert attributes == filter_fields


def test_alert_params_cover_inputs() -> None:
    inputs = {item.name for item in fields(monitoring_schema.AlertFilter)} | {
        item.name for item in fields(monitoring_schema.AlertThresholds)
    }
    attributes = {param.attribute for param in exports.ALERTS_PARAMS} - {"school_year"}

    assert attributes == inputs


def test_attachment_name_uses_local_date() -> None:
    # 20:00 UTC on 3 December is 01:00 on 4 December in the region (UTC+5).
    moment = datetime(2024, 12, 3, 20, 0, tzinfo=UTC)

    assert attachment_name("participation", "xlsx", moment) == "participation-2024-12-04.xlsx"


@pytest.mark.settings(suppression_threshold=2)
async def test_graphql_export_urls_serve_the_same_rows(client: Client, factory: Factory) -> None:
    await seed(factory)

    data = await client.data(
        """{ monitoring {
              participation(groupBy: [MUNICIPALITY, SCHOOL_YEAR], filter: {schoolYearFrom: 2023, eventLevels: [REGIONAL]}) {
                rows { participations } exportUrls { csv xlsx } }
              coverage(schoolYear: 2024, groupBy: [MUNICIPALITY]) { exportUrls { csv xlsx } } } }"""
    )

    participation = data["monitoring"]["participation"]
    assert participation["exportUrls"]["csv"].startswith("/export/monitoring/participation.csv?groupBy=MUNICIPALITY,SCHOOL_YEAR")
    for url in [*participation["exportUrls"].values(), *data["monitoring"]["coverage"]["exportUrls"].values()]:
        response = await client.http.get(url)
        assert response.status_code == 200, (url, response.text)
    table = await client.http.get(participation["exportUrls"]["csv"])
    # The header, one line per row and the «Итого» line.
    assert len(table.content.decode("utf-8-sig").strip().splitlines()) == len(participation["rows"]) + 2


@pytest.mark.settings(suppression_threshold=2)
async def test_list_answers_carry_working_export_urls(client: Client, factory: Factory) -> None:
    await grow_mo15(factory, await seed(factory))

    data = await client.data(
        """{ monitoring {
              trends(metric: PARTICIPANTS, fromSchoolYear: 2023, toSchoolYear: 2024, groupBy: [MUNICIPALITY]) {
                asOf exportUrls { csv xlsx } }
              alerts(schoolYear: 2024, thresholds: {growthPercent: 0}) { asOf exportUrls { csv xlsx } }
              indicators(schoolYear: 2024) { asOf exportUrls { csv xlsx } } } }"""
    )

    monitoring = data["monitoring"]
    urls = [
        *monitoring["trends"][0]["exportUrls"].values(),
        *monitoring["alerts"][0]["exportUrls"].values(),
        *monitoring["indicators"][0]["exportUrls"].values(),
    ]
    assert "growthPercent=0" in monitoring["alerts"][0]["exportUrls"]["csv"]
    assert monitoring["trends"][0]["asOf"].endswith("+05:00")
    for url in urls:
        response = await client.http.get(url)
        assert response.status_code == 200, (url, response.text)
