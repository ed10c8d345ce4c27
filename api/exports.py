"""Spreadsheet exports of the monitoring results: CSV and XLSX over plain GET URLs.

Each export reads the arguments of its GraphQL field from the query string, calls the same
resolver function with a context built as the GraphQL view builds it, and writes the rows that the
resolver returns. So access rules and small-cell suppression are the same as in the GraphQL
response, and no number is computed here.
"""

import csv
import io
import logging
import math
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import Enum
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.auth import AuthenticationError, authenticate
from api.language import pick_language
from db import enums
from db.models import Municipality, Organization
from db.timezone import school_year_label, to_local, utc_now
from resolvers.access import Viewer
from resolvers.context import RequestContext
from resolvers.errors import ApiError, ErrorCode, bad_input
from resolvers.messages import render_message
from resolvers.monitoring.alerts import AlertKind, alerts
from resolvers.monitoring.coverage import CoverageDimension, coverage_stats
from resolvers.monitoring.dimensions import ParticipationDimension
from resolvers.monitoring.indicators import indicators
from resolvers.monitoring.participation import participation_stats
from resolvers.monitoring.settings import MonitoringSettings
from resolvers.monitoring.trends import MonitoringMetric, TrendSeries, trends
from resolvers.monitoring.export_links import EXPORT_PATH_PREFIX
from schema.enums import ENUM_LABELS

logger = logging.getLogger(__name__)

PATH_PREFIX = EXPORT_PATH_PREFIX
KINDS = ("participation", "coverage", "trends", "alerts", "indicators")
FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# The query string accepts the range of GraphQL's Int, a signed 32-bit integer.
INT_RANGE = (-(2**31), 2**31 - 1)
# Excel 2007 and later draw at most 255 series in one chart.
MAX_CHART_SERIES = 255
MAX_COLUMN_WIDTH = 60
# Organisation ids per IN list when names are loaded: below the 999 bind parameters that SQLite
# before 3.32 allows by default, and far below the 32767 of asyncpg.
NAME_BATCH = 500

# Russian and English texts of the exports: headers, sheet names and cell words.
TEXTS: dict[str, tuple[str, str]] = {
    "sheet.data": ("Данные", "Data"),
    "sheet.parameters": ("Параметры", "Parameters"),
    "sheet.chart": ("Диаграмма", "Chart"),
    "parameter": ("Параметр", "Parameter"),
    "value": ("Значение", "Value"),
    "as_of": ("Данные на", "Data as of"),
    "export": ("Выгрузка", "Export"),
    "suppression_threshold": ("Порог скрытия малых ячеек", "Small-cell suppression threshold"),
    "title.participation": ("Статистика участия в мероприятиях", "Event participation statistics"),
    "title.coverage": ("Охват детей 5–18 лет дополнительным образованием", "Coverage of children aged 5-18"),
    "title.trends": ("Динамика показателя по учебным годам", "Trend by school year"),
    "title.alerts": ("Сигналы мониторинга", "Monitoring alerts"),
    "title.indicators": ("Целевые показатели программы", "Programme target indicators"),
    "total": ("Итого", "Total"),
    "group": ("Группа", "Group"),
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
    "none": ("—", "—"),
    "municipality_code": ("Код МО", "Municipality code"),
    "participations": ("Число участий", "Participations"),
    "participants": ("Число участников", "Participants"),
    "winners": ("Победители", "Winners"),
    "prize_winners": ("Призёры", "Prize winners"),
    "winners_share": ("Доля победителей и призёров", "Share of winners and prize winners"),
    "suppressed": ("Скрыто", "Suppressed"),
    "enrolled_children": ("Охвачено детей", "Enrolled children"),
    "child_population": ("Численность детей 5–18 лет", "Children aged 5-18"),
    "coverage": ("Охват", "Coverage"),
    "target": ("Цель", "Target"),
    "meets_target": ("Цель достигнута", "Target met"),
    "school_year": ("Учебный год", "School year"),
    "change": ("Изменение", "Change"),
    "change_percent": ("Изменение, %", "Change, %"),
    "alert_kind": ("Вид сигнала", "Alert kind"),
    "severity": ("Характер", "Severity"),
    "municipality": ("Муниципальное образование", "Municipality"),
    "organization": ("Образовательная организация", "Organisation"),
    "metric": ("Показатель", "Metric"),
    "comparison_value": ("Значение для сравнения", "Comparison value"),
    "message": ("Сообщение", "Message"),
    "code": ("Код", "Code"),
    "indicator": ("Показатель", "Indicator"),
    "unit": ("Единица измерения", "Unit"),
    "actual": ("Факт", "Actual"),
    "metric.COVERAGE": ("Охват", "Coverage"),
    "metric.PARTICIPANTS_WITH_DISABILITY": ("Число участников с ОВЗ", "Participants with a disability status"),
}

# Alert metrics whose values are shares from 0 to 1. The values of the other metrics are counts.
SHARE_METRICS = {"COVERAGE", "WINNERS_AND_PRIZE_WINNERS_SHARE"}


def text(key: str, language: str) -> str:
    russian, english = TEXTS[key]
    return english if language == "en" else russian


# --- URLs ------------------------------------------------------------------------------------


def export_url(kind: str, fmt: str, params: dict[str, str | list[str] | None]) -> str:
    """Build the relative URL of an export from query parameter values.

    `params` maps query parameter names (the GraphQL argument names, with the filter and threshold
    fields at the top level) to values already written as in the query string: list items are
    joined with commas, None leaves the parameter out. Raises ValueError for an unknown kind,
    format or parameter, and for a list item that contains a comma.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}, expected one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}, expected one of {', '.join(FORMATS)}")
    allowed = {param.name for param in EXPORTS[kind].params}

    pairs = []
    for name, value in params.items():
        if name not in allowed:
            raise ValueError(f"unknown parameter {name!r} of the {kind} export, expected one of {sorted(allowed)}")
        if value is None:
            continue
        if isinstance(value, list):
            if any("," in item for item in value):
                raise ValueError(f"an item of parameter {name!r} contains a comma, which separates list items")
            value = ",".join(value)
        pairs.append((name, value))

    path = f"{PATH_PREFIX}/{kind}.{fmt}"
    return f"{path}?{urlencode(pairs, safe=',')}" if pairs else path


# --- Query parameters ------------------------------------------------------------------------

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _integer(name: str, value: str) -> int:
    if not _INTEGER.fullmatch(value):
        raise bad_input("export.invalid_integer", name=name, value=value[:64])
    minimum, maximum = INT_RANGE
    # A string of more than 4300 digits would make int() raise, and it is out of range anyway.
    if len(value) > len(str(minimum)) or not minimum <= int(value) <= maximum:
        raise bad_input("filter.out_of_range", field=name, value=value[:64], minimum=minimum, maximum=maximum)
    return int(value)


def _number(name: str, value: str) -> float:
    # GraphQL's Float has no infinity, which float() returns for a string of some 310 digits.
    if not _NUMBER.fullmatch(value) or not math.isfinite(float(value)):
        raise bad_input("export.invalid_number", name=name, value=value[:64])
    return float(value)


def _boolean(name: str, value: str) -> bool:
    if value not in ("true", "false"):
        raise bad_input("export.invalid_boolean", name=name, value=value[:64])
    return value == "true"


def _text(_name: str, value: str) -> str:
    return value


def _items(value: str) -> list[str]:
    # An empty value is an empty list, which, as in GraphQL, matches nothing.
    return value.split(",") if value else []


def _text_list(_name: str, value: str) -> list[str]:
    return _items(value)


def _enum(enum: type[Enum]) -> Callable[[str, str], Enum]:
    def parse(name: str, value: str) -> Enum:
        member = enum.__members__.get(value)
        if member is None:
            raise bad_input(
                "export.unknown_enum_value", name=name, value=value[:64], allowed=", ".join(enum.__members__)
            )
        return member

    return parse


def _enum_list(enum: type[Enum]) -> Callable[[str, str], list[Enum]]:
    parse_one = _enum(enum)

    def parse(name: str, value: str) -> list[Enum]:
        return [parse_one(name, item) for item in _items(value)]

    return parse


@dataclass(frozen=True)
class Param:
    """A query parameter: its name in the URL, the resolver argument it fills, and its parser."""

    name: str
    attribute: str
    parse: Callable[[str, str], Any]
    label: tuple[str, str]
    required: bool = False
    school_year: bool = False


def parse_query(items: Iterable[tuple[str, str]], params: Sequence[Param]) -> dict[Param, Any]:
    """Return the parsed value of each parameter present, or raise BAD_USER_INPUT.

    Unknown and repeated parameters are rejected, because a typo would otherwise export data
    under a filter that the caller did not ask for.
    """
    by_name = {param.name: param for param in params}
    values: dict[Param, Any] = {}
    for name, value in items:
        param = by_name.get(name)
        if param is None:
            raise bad_input("export.unknown_parameter", name=name[:64], allowed=", ".join(by_name))
        if param in values:
            raise bad_input("export.repeated_parameter", name=name)
        values[param] = param.parse(name, value)
    for param in params:
        if param.required and param not in values:
            raise bad_input("export.missing_parameter", name=param.name)
    return values


def _year(name: str, attribute: str, label: tuple[str, str], required: bool = False) -> Param:
    return Param(name, attribute, _integer, label, required=required, school_year=True)


SCHOOL_YEAR = _year("schoolYear", "school_year", ("Учебный год", "School year"), required=True)
MUNICIPALITY_IDS = Param(
    "municipalityIds", "municipality_ids", _text_list, ("Муниципальные образования (ID)", "Municipality IDs")
)
MUNICIPALITY_CODES = Param(
    "municipalityCodes",
    "municipality_codes",
    _text_list,
    ("Муниципальные образования (коды)", "Municipality codes"),
)

PARTICIPATION_PARAMS = [
    Param(
        "groupBy", "group_by", _enum_list(ParticipationDimension), ("Группировка", "Group by"), required=True
    ),
    _year("schoolYearFrom", "school_year_from", ("Учебный год не раньше", "School year from")),
    _year("schoolYearTo", "school_year_to", ("Учебный год не позже", "School year to")),
    MUNICIPALITY_IDS,
    MUNICIPALITY_CODES,
    Param("organizationIds", "organization_ids", _text_list, ("Организации (ID)", "Organisation IDs")),
    Param("eventLevels", "event_levels", _enum_list(enums.EventLevel), ("Уровни мероприятий", "Event levels")),
    Param("eventKinds", "event_kinds", _enum_list(enums.EventKind), ("Виды мероприятий", "Event kinds")),
    Param(
        "olympiadStages", "olympiad_stages", _enum_list(enums.OlympiadStage), ("Этапы олимпиады", "Olympiad stages")
    ),
    Param("orientations", "orientations", _enum_list(enums.Orientation), ("Направленности", "Orientations")),
    Param(
        "participantCategories",
        "participant_categories",
        _enum_list(enums.ParticipantCategory),
        ("Категории участников", "Participant categories"),
    ),
    Param("hasDisabilityStatus", "has_disability_status", _boolean, ("Статус ОВЗ", "Disability status")),
    Param(
        "inFederalList",
        "in_federal_list",
        _boolean,
        ("Мероприятия федерального перечня", "Events in the federal list"),
    ),
    Param("results", "results", _enum_list(enums.ParticipationResult), ("Результаты участия", "Results")),
]
COVERAGE_PARAMS = [
    SCHOOL_YEAR,
    Param("groupBy", "group_by", _enum_list(CoverageDimension), ("Группировка", "Group by"), required=True),
]
TRENDS_PARAMS = [
    Param("metric", "metric", _enum(MonitoringMetric), ("Показатель", "Metric"), required=True),
    _year("fromSchoolYear", "from_year", ("Первый учебный год", "First school year"), required=True),
    _year("toSchoolYear", "to_year", ("Последний учебный год", "Last school year"), required=True),
    Param(
        "groupBy", "group_by", _enum_list(ParticipationDimension), ("Группировка", "Group by"), required=True
    ),
]
ALERT_FILTER_PARAMS = [
    Param("kinds", "kinds", _enum_list(AlertKind), ("Виды сигналов", "Alert kinds")),
    MUNICIPALITY_IDS,
    MUNICIPALITY_CODES,
]
ALERT_THRESHOLD_PARAMS = [
    Param(
        "participationDropPercent",
        "participation_drop_percent",
        _number,
        ("Порог снижения числа участников, %", "Participation drop threshold, %"),
    ),
    Param("growthPercent", "growth_percent", _number, ("Порог роста числа участников, %", "Growth threshold, %")),
    Param(
        "winnersShareRatio",
        "winners_share_ratio",
        _number,
        ("Доля от региональной доли победителей", "Ratio to the regional winners share"),
    ),
    Param(
        "minParticipations",
        "min_participations",
        _integer,
        ("Минимум участий для сравнения доли", "Minimum participations to compare shares"),
    ),
]
ALERTS_PARAMS = [SCHOOL_YEAR, *ALERT_FILTER_PARAMS, *ALERT_THRESHOLD_PARAMS]
INDICATORS_PARAMS = [
    SCHOOL_YEAR,
    Param("municipalityId", "municipality_id", _text, ("Муниципальное образование (ID)", "Municipality ID")),
]


def _schema_inputs() -> ModuleType:
    """Return `schema.monitoring`, whose input types the resolvers take as filters.

    It is imported at call time because `schema.monitoring` may import `export_url` from here.
    Importing it also registers the labels of the monitoring enums in `ENUM_LABELS`.
    """
    from schema import monitoring

    return monitoring


# --- Tables ----------------------------------------------------------------------------------


class Kind(Enum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    # A fraction from 0 to 1, shown as a percent in XLSX.
    SHARE = "share"


@dataclass(frozen=True)
class Typed:
    """A number whose kind differs from its column's, as alert values of different metrics do."""

    value: float | int | None
    kind: Kind


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT


@dataclass
class ChartData:
    """A line chart: one series of values per group over the school-year categories."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    kind: Kind


@dataclass
class Table:
    """One export in a neutral form that both the CSV and the XLSX writers take."""

    kind: str
    language: str
    columns: list[Column]
    rows: list[list[Any]]
    as_of: datetime
    parameters: list[tuple[str, str]] = field(default_factory=list)
    chart: ChartData | None = None


def _yes_no(value: bool | None, language: str) -> str | None:
    if value is None:
        return None
    return text("yes" if value else "no", language)


def enum_label(value: Enum, language: str) -> str:
    """Return the label of an enum value in `language`, or its name when it has no label."""
    labels = ENUM_LABELS.get(type(value).__name__, {}).get(value.name)
    if labels is None:
        return value.name
    return labels[1] if language == "en" else labels[0]


def _show(value: Any, language: str) -> str:
    """Describe an argument value for the parameters sheet."""
    if isinstance(value, list):
        return ", ".join(_show(item, language) for item in value) if value else text("none", language)
    if isinstance(value, bool):
        return text("yes" if value else "no", language)
    if isinstance(value, Enum):
        return enum_label(value, language)
    if isinstance(value, float):
        return _decimal(value, language)
    return str(value)


def _parameter_rows(
    context: RequestContext, kind: str, values: dict[Param, Any], as_of: datetime
) -> list[tuple[str, str]]:
    language = context.language
    local = to_local(as_of)
    moment = local.strftime("%d.%m.%Y %H:%M:%S" if language == "ru" else "%Y-%m-%d %H:%M:%S")
    offset = local.strftime("%z")
    rows = [
        (text("export", language), text(f"title.{kind}", language)),
        (text("as_of", language), f"{moment} (UTC{offset[:3]}:{offset[3:]})"),
        (text("suppression_threshold", language), str(context.monitoring.suppression_threshold)),
    ]
    for param, value in values.items():
        label = param.label[1] if language == "en" else param.label[0]
        shown = school_year_label(value) if param.school_year else _show(value, language)
        rows.append((f"{label} ({param.name})", shown))
    return rows


async def _municipalities(context: RequestContext) -> dict[int, tuple[str, str]]:
    """Return the name and code of every municipality by id. The region has a few dozen."""
    async with context.read_sessions() as session:
        rows = (await session.execute(select(Municipality.id, Municipality.name, Municipality.code))).all()
    return {municipality_id: (name, code) for municipality_id, name, code in rows}


async def _organizations(context: RequestContext, ids: set[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    ordered = sorted(ids)
    async with context.read_sessions() as session:
        for start in range(0, len(ordered), NAME_BATCH):
            batch = ordered[start : start + NAME_BATCH]
            statement = select(Organization.id, Organization.name).where(Organization.id.in_(batch))
            names.update(dict((await session.execute(statement)).all()))
    return names


class KeyCells:
    """Columns and cells of a row's group keys, as readable labels in the request's language.

    A municipality takes two columns, its name and its code. Enum values become their labels,
    school years «2024/25», and the flags да/нет.
    """

    def __init__(
        self,
        dimensions: Sequence[Enum],
        language: str,
        municipalities: dict[int, tuple[str, str]],
        organizations: dict[int, str],
    ) -> None:
        self.dimensions = list(dimensions)
        self.language = language
        self.municipalities = municipalities
        self.organizations = organizations

    def columns(self) -> list[Column]:
        columns = []
        for dimension in self.dimensions:
            kind = Kind.INTEGER if dimension.name == "GRADE" else Kind.TEXT
            columns.append(Column(enum_label(dimension, self.language), kind))
            if dimension.name == "MUNICIPALITY":
                columns.append(Column(text("municipality_code", self.language)))
        return columns

    def cells(self, keys: dict[str, Any]) -> list[Any]:
        cells: list[Any] = []
        for name, value in keys.items():
            if name == "municipality_id":
                cells.extend(self.municipalities.get(value, (None, None)) if value is not None else (None, None))
            elif name == "organization_id":
                cells.append(self.organizations.get(value) if value is not None else None)
            elif name == "school_year":
                cells.append(school_year_label(value) if value is not None else None)
            elif isinstance(value, Enum):
                cells.append(enum_label(value, self.language))
            elif isinstance(value, bool):
                cells.append(_yes_no(value, self.language))
            else:
                cells.append(value)
        return cells

    def series_title(self, keys: dict[str, Any], fallback: str) -> str:
        """Return a chart series name: the key labels without codes, joined by commas."""
        parts = []
        for name, value in keys.items():
            if name == "municipality_id":
                parts.append(self.municipalities.get(value, (None, None))[0] if value is not None else None)
            else:
                parts.extend(self.cells({name: value}))
        shown = [str(part) for part in parts if part is not None]
        return ", ".join(shown) if shown else fallback

    def total_cells(self) -> list[Any]:
        # With no key columns the table has the single «Группа» column of `_group_columns`.
        width = max(len(self.columns()), 1)
        return [text("total", self.language)] + [None] * (width - 1)


async def _key_cells(context: RequestContext, dimensions: Sequence[Enum], keys: Iterable[dict[str, Any]]) -> KeyCells:
    """Load the names that the keys refer to and return their cell builder."""
    municipalities = await _municipalities(context)
    organization_ids = {item["organization_id"] for item in keys if item.get("organization_id") is not None}
    organizations = await _organizations(context, organization_ids) if organization_ids else {}
    return KeyCells(dimensions, context.language, municipalities, organizations)


def _with_total(keys: KeyCells, rows: Sequence[Any], total: Any) -> list[tuple[list[Any], Any]]:
    """Pair each row with its key cells, and the total with «Итого» in the first key column."""
    return [*((keys.cells(row.keys), row) for row in rows), (keys.total_cells(), total)]


def _group_columns(cells: KeyCells) -> list[Column]:
    """Return the key columns, or one «Группа» column for the «Итого» row when nothing is grouped."""
    return cells.columns() or [Column(text("group", cells.language))]


async def participation_table(context: RequestContext, values: dict[Param, Any]) -> Table:
    arguments = {param.attribute: value for param, value in values.items()}
    group_by = arguments.pop("group_by")
    filter = _schema_inputs().ParticipationStatsFilter(**arguments) if arguments else None
    stats = await participation_stats(context, filter, group_by)

    language = context.language
    keys = await _key_cells(context, group_by, (row.keys for row in stats.rows))
    columns = [
        *_group_columns(keys),
        Column(text("participations", language), Kind.INTEGER),
        Column(text("participants", language), Kind.INTEGER),
        Column(text("winners", language), Kind.INTEGER),
        Column(text("prize_winners", language), Kind.INTEGER),
        Column(text("winners_share", language), Kind.SHARE),
        Column(text("suppressed", language)),
    ]
    rows = []
    for key_cells, row in _with_total(keys, stats.rows, stats.total):
        rows.append(
            [
                *key_cells,
                row.participations,
                row.participants,
                row.winners,
                row.prize_winners,
                row.winners_and_prize_winners_share.value,
                _yes_no(row.suppressed, language),
            ]
        )
    parameters = _parameter_rows(context, "participation", values, stats.as_of)
    return Table("participation", language, columns, rows, stats.as_of, parameters)


async def coverage_table(context: RequestContext, values: dict[Param, Any]) -> Table:
    arguments = {param.attribute: value for param, value in values.items()}
    stats = await coverage_stats(context, arguments["school_year"], arguments["group_by"])

    language = context.language
    keys = await _key_cells(context, stats.grouped_by, (row.keys for row in stats.rows))
    columns = [
        *_group_columns(keys),
        Column(text("enrolled_children", language), Kind.INTEGER),
        Column(text("child_population", language), Kind.INTEGER),
        Column(text("coverage", language), Kind.SHARE),
        Column(text("target", language), Kind.SHARE),
        Column(text("meets_target", language)),
        Column(text("suppressed", language)),
    ]
    rows = []
    for key_cells, row in _with_total(keys, stats.rows, stats.total):
        rows.append(
            [
                *key_cells,
                row.enrolled_children,
                row.child_population,
                row.coverage.value,
                row.target,
                _yes_no(row.meets_target, language),
                _yes_no(row.suppressed, language),
            ]
        )
    parameters = _parameter_rows(context, "coverage", values, stats.as_of)
    return Table("coverage", language, columns, rows, stats.as_of, parameters)


async def trends_table(context: RequestContext, values: dict[Param, Any]) -> Table:
    arguments = {param.attribute: value for param, value in values.items()}
    metric: MonitoringMetric = arguments["metric"]
    # Trends carry no moment of their own, so the moment before the resolver reads stands for it.
    as_of = utc_now()
    series: list[TrendSeries] = await trends(
        context, metric, arguments["from_year"], arguments["to_year"], arguments["group_by"]
    )

    language = context.language
    kind = Kind.SHARE if metric is MonitoringMetric.WINNERS_AND_PRIZE_WINNERS_SHARE else Kind.INTEGER
    keys = await _key_cells(context, arguments["group_by"], (item.keys for item in series))
    columns = [
        *keys.columns(),
        Column(text("school_year", language)),
        Column(enum_label(metric, language), kind),
        Column(text("change", language), kind),
        Column(text("change_percent", language), Kind.NUMBER),
        Column(text("suppressed", language)),
    ]
    rows = []
    for item in series:
        key_cells = keys.cells(item.keys)
        for point in item.points:
            rows.append(
                [
                    *key_cells,
                    school_year_label(point.school_year),
                    point.value,
                    point.change,
                    point.change_percent,
                    _yes_no(point.suppressed, language),
                ]
            )

    years = range(arguments["from_year"], arguments["to_year"] + 1)
    metric_name = enum_label(metric, language)
    chart = ChartData(
        title=metric_name,
        categories=[school_year_label(year) for year in years],
        series=[
            (keys.series_title(item.keys, metric_name), [point.value for point in item.points]) for item in series
        ],
        kind=kind,
    )
    parameters = _parameter_rows(context, "trends", values, as_of)
    return Table("trends", language, columns, rows, as_of, parameters, chart)


async def alerts_table(context: RequestContext, values: dict[Param, Any]) -> Table:
    schema = _schema_inputs()
    filter_values = {param.attribute: value for param, value in values.items() if param in ALERT_FILTER_PARAMS}
    threshold_values = {
        param.attribute: value for param, value in values.items() if param in ALERT_THRESHOLD_PARAMS
    }
    filter = schema.AlertFilter(**filter_values) if filter_values else None
    thresholds = schema.AlertThresholds(**threshold_values) if threshold_values else None
    as_of = utc_now()
    found = await alerts(context, values[SCHOOL_YEAR], filter, thresholds)

    language = context.language
    municipalities = await _municipalities(context)
    organization_ids = {alert.organization_id for alert in found if alert.organization_id is not None}
    organizations = await _organizations(context, organization_ids) if organization_ids else {}
    columns = [
        Column(text("alert_kind", language)),
        Column(text("severity", language)),
        Column(text("municipality", language)),
        Column(text("municipality_code", language)),
        Column(text("organization", language)),
        Column(text("metric", language)),
        Column(text("value", language), Kind.NUMBER),
        Column(text("comparison_value", language), Kind.NUMBER),
        Column(text("message", language)),
    ]
    rows = []
    for alert in found:
        kind = Kind.SHARE if alert.metric in SHARE_METRICS else Kind.INTEGER
        rows.append(
            [
                enum_label(alert.kind, language),
                enum_label(alert.severity, language),
                alert.municipality_name,
                municipalities.get(alert.municipality_id, (None, None))[1],
                organizations.get(alert.organization_id) if alert.organization_id is not None else None,
                _metric_label(alert.metric, language),
                Typed(alert.value, kind),
                Typed(alert.comparison_value, kind),
                alert.message,
            ]
        )
    parameters = _parameter_rows(context, "alerts", values, as_of)
    return Table("alerts", language, columns, rows, as_of, parameters)


def _metric_label(metric: str, language: str) -> str:
    if metric in MonitoringMetric.__members__:
        return enum_label(MonitoringMetric[metric], language)
    if f"metric.{metric}" in TEXTS:
        return text(f"metric.{metric}", language)
    return metric


async def indicators_table(context: RequestContext, values: dict[Param, Any]) -> Table:
    arguments = {param.attribute: value for param, value in values.items()}
    as_of = utc_now()
    found = await indicators(context, arguments["school_year"], arguments.get("municipality_id"))

    language = context.language
    columns = [
        Column(text("code", language)),
        Column(text("indicator", language)),
        Column(text("unit", language)),
        Column(text("target", language), Kind.NUMBER),
        Column(text("actual", language), Kind.NUMBER),
        Column(text("meets_target", language)),
    ]
    # NOTE: titles and units come from the resolver in Russian only, so English exports show them
    # in Russian too.
    rows = [
        [item.code, item.title, item.unit, item.target, item.actual, _yes_no(item.achieved, language)]
        for item in found
    ]
    parameters = _parameter_rows(context, "indicators", values, as_of)
    return Table("indicators", language, columns, rows, as_of, parameters)


@dataclass(frozen=True)
class ExportSpec:
    params: list[Param]
    build: Callable[[RequestContext, dict[Param, Any]], Awaitable[Table]]


EXPORTS: dict[str, ExportSpec] = {
    "participation": ExportSpec(PARTICIPATION_PARAMS, participation_table),
    "coverage": ExportSpec(COVERAGE_PARAMS, coverage_table),
    "trends": ExportSpec(TRENDS_PARAMS, trends_table),
    "alerts": ExportSpec(ALERTS_PARAMS, alerts_table),
    "indicators": ExportSpec(INDICATORS_PARAMS, indicators_table),
}


# --- Writers ---------------------------------------------------------------------------------

# Text that spreadsheet programs would run as a formula when the file is opened.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _decimal(value: float | int, language: str) -> str:
    """Write a number without an exponent, with a decimal comma in Russian."""
    written = format(Decimal(repr(float(value))), "f")
    return written.replace(".", ",") if language == "ru" else written


def _csv_cell(value: Any, kind: Kind, language: str) -> str:
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    if value is None:
        return ""
    if kind is Kind.TEXT or isinstance(value, str):
        written = str(value)
        # A leading apostrophe keeps Excel from running text such as "=HYPERLINK(...)" as a formula.
        return f"'{written}" if written.startswith(_FORMULA_START) else written
    if kind is Kind.INTEGER and float(value).is_integer():
        return str(int(value))
    return _decimal(value, language)


def render_csv(table: Table) -> bytes:
    """Write the table as CSV that Excel opens directly: UTF-8 with a BOM, `;`, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(value, column.kind, table.language) for value, column in zip(row, table.columns, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


NUMBER_FORMATS = {Kind.INTEGER: "0", Kind.NUMBER: "General", Kind.SHARE: "0.0%"}


def _write_cell(sheet: Worksheet, row: int, column: int, value: Any, kind: Kind) -> str:
    """Write one cell and return its text as shown, for fitting the column width."""
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return ""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        # openpyxl would store text that starts with "=" as a formula, so the type is set back to text.
        cell.data_type = "s"
        return value
    cell.value = value
    cell.number_format = NUMBER_FORMATS.get(kind, "General")
    return f"{value:.1%}" if kind is Kind.SHARE else str(value)


def _write_sheet(sheet: Worksheet, headers: list[str], rows: list[list[Any]], kinds: list[Kind]) -> None:
    """Write a header row in bold, frozen and filterable, then the rows, and fit the column widths."""
    widths = [len(header) for header in headers]
    bold = Font(bold=True)
    for number, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=number, value=header).font = bold
    for row_number, row in enumerate(rows, start=2):
        for column_number, (value, kind) in enumerate(zip(row, kinds, strict=True), start=1):
            shown = _write_cell(sheet, row_number, column_number, value, kind)
            widths[column_number - 1] = max(widths[column_number - 1], len(shown))
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def _write_chart(sheet: Worksheet, chart: ChartData, language: str) -> None:
    """Write the series side by side, one column per group, and a line chart over them."""
    headers = [text("school_year", language), *(title for title, _ in chart.series)]
    rows = [
        [category, *(values[index] for _, values in chart.series)] for index, category in enumerate(chart.categories)
    ]
    _write_sheet(sheet, headers, rows, [Kind.TEXT] + [chart.kind] * len(chart.series))

    line = LineChart()
    line.title = chart.title
    line.y_axis.title = chart.title
    line.x_axis.title = text("school_year", language)
    line.y_axis.number_format = NUMBER_FORMATS[chart.kind]
    # openpyxl 3.1 writes no <c:delete> element for an axis whose flag is unset, so readers may
    # hide the axis. Setting the flag keeps both axes shown.
    line.x_axis.delete = False
    line.y_axis.delete = False
    line.width, line.height = 24, 12
    drawn = min(len(chart.series), MAX_CHART_SERIES)
    if drawn:
        values = Reference(sheet, min_col=2, max_col=drawn + 1, min_row=1, max_row=len(rows) + 1)
        line.add_data(values, titles_from_data=True)
        # The school years are text, which set_categories() would reference as numbers.
        categories = Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1)
        for series in line.series:
            series.cat = AxDataSource(strRef=StrRef(f=str(categories)))
    sheet.add_chart(line, f"{get_column_letter(len(headers) + 2)}2")


def render_xlsx(table: Table) -> bytes:
    """Write the table to a workbook: the data, the arguments, and for trends a chart sheet."""
    workbook = Workbook()
    data = workbook.active
    data.title = text("sheet.data", table.language)
    kinds = [column.kind for column in table.columns]
    _write_sheet(data, [column.header for column in table.columns], table.rows, kinds)

    parameters = workbook.create_sheet(text("sheet.parameters", table.language))
    headers = [text("parameter", table.language), text("value", table.language)]
    _write_sheet(parameters, headers, [list(row) for row in table.parameters], [Kind.TEXT, Kind.TEXT])

    if table.chart is not None:
        _write_chart(workbook.create_sheet(text("sheet.chart", table.language)), table.chart, table.language)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- HTTP ------------------------------------------------------------------------------------

STATUS_CODES = {
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.UNAUTHENTICATED: 401,
}


def request_context(request: Request, monitoring: MonitoringSettings, viewer: Viewer) -> RequestContext:
    """Build the context as `TalentsGraphQL.get_context` does, so access and suppression match."""
    return RequestContext(
        read_sessions=request.app.state.read_sessions,
        write_sessions=request.app.state.sessions,
        viewer=viewer,
        language=pick_language(request.headers.get("accept-language")),
        request_id=request.scope.get("state", {}).get("request_id", ""),
        monitoring=monitoring,
    )


def error_body(message: str, code: str, request_id: str | None = None) -> dict[str, Any]:
    extensions: dict[str, Any] = {"code": code}
    if request_id is not None:
        extensions["requestId"] = request_id
    return {"errors": [{"message": message, "extensions": extensions}]}


def attachment_name(kind: str, fmt: str, as_of: datetime) -> str:
    """Return the download's file name: the kind and the date of the data in the region's zone."""
    return f"{kind}-{to_local(as_of).date().isoformat()}.{fmt}"


async def export(request: Request, kind: str, fmt: str, monitoring: MonitoringSettings) -> Response:
    """Serve one export, or a JSON error body in the GraphQL error format."""
    try:
        viewer = await authenticate(request)
    except AuthenticationError as error:
        return error.response(pick_language(request.headers.get("accept-language")))
    context = request_context(request, monitoring, viewer)
    spec = EXPORTS[kind]
    try:
        values = parse_query(request.query_params.multi_items(), spec.params)
        table: Table = await spec.build(context, values)
        body = render_csv(table) if fmt == "csv" else await run_in_threadpool(render_xlsx, table)
    except ApiError as error:
        logger.info("rejected export %s.%s: %s (request %s)", kind, fmt, error.message_key, context.request_id)
        message = render_message(error.message_key, context.language, error.params)
        return JSONResponse(error_body(message, error.code.value), status_code=STATUS_CODES.get(error.code, 400))
    except Exception:
        logger.exception("export %s.%s failed (request %s)", kind, fmt, context.request_id)
        message = render_message("internal", context.language, {"request_id": context.request_id})
        return JSONResponse(error_body(message, ErrorCode.INTERNAL.value, context.request_id), status_code=500)

    headers = {"Content-Disposition": f'attachment; filename="{attachment_name(kind, fmt, table.as_of)}"'}
    return Response(body, media_type=CONTENT_TYPES[fmt], headers=headers)


def export_routes(monitoring: MonitoringSettings) -> list[Route]:
    """Return a GET route for each export and format, e.g. /export/monitoring/participation.csv.

    `monitoring` must be the settings that the GraphQL view gets, so that both hide the same cells.
    """
    routes = []
    for kind in KINDS:
        for fmt in FORMATS:
            routes.append(
                Route(f"{PATH_PREFIX}/{kind}.{fmt}", _endpoint(kind, fmt, monitoring), methods=["GET"])
            )
    return routes


def _endpoint(kind: str, fmt: str, monitoring: MonitoringSettings) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        return await export(request, kind, fmt, monitoring)

    return endpoint
