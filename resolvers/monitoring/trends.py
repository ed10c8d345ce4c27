"""Trends: one series per group with a point per school year and the change against the last."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from resolvers.context import RequestContext
from resolvers.errors import bad_input
from resolvers.filters import SCHOOL_YEARS, check_bounds
from resolvers.monitoring.dimensions import ParticipationDimension
from resolvers.monitoring.participation import (
    StatsRow,
    participation_stats,
    sort_key,
    validate_dimensions,
)

MAX_YEARS = 20


class MonitoringMetric(str, Enum):
    PARTICIPATIONS = "PARTICIPATIONS"
    PARTICIPANTS = "PARTICIPANTS"
    WINNERS = "WINNERS"
    PRIZE_WINNERS = "PRIZE_WINNERS"
    WINNERS_AND_PRIZE_WINNERS_SHARE = "WINNERS_AND_PRIZE_WINNERS_SHARE"


@dataclass
class TrendPoint:
    school_year: int
    value: float | None
    change: float | None = None
    change_percent: float | None = None
    suppressed: bool = False


@dataclass
class TrendSeries:
    keys: dict[str, Any] = field(default_factory=dict)
    points: list[TrendPoint] = field(default_factory=list)
    as_of: datetime | None = None
    # Download URLs of the whole trends result, set by the GraphQL field that has the arguments.
    export_links: dict[str, str] = field(default_factory=dict)
    # The municipality and organisation its keys name, loaded by `attach_related`.
    related: dict[str, Any] = field(default_factory=dict)


def metric_value(row: StatsRow | None, metric: MonitoringMetric) -> float | None:
    """Return the metric of a row; a group with no participations in a year counts as zero."""
    if row is None:
        return None if metric is MonitoringMetric.WINNERS_AND_PRIZE_WINNERS_SHARE else 0
    if metric is MonitoringMetric.WINNERS_AND_PRIZE_WINNERS_SHARE:
        return row.winners_and_prize_winners_share.value
    return getattr(row, metric.value.lower())


async def trends(
    context: RequestContext,
    metric: MonitoringMetric,
    from_year: int,
    to_year: int,
    group_by: Sequence[ParticipationDimension],
) -> list[TrendSeries]:
    check_bounds([from_year, to_year], SCHOOL_YEARS, "schoolYear")
    if from_year > to_year:
        raise bad_input("filter.empty_range", field="fromSchoolYear, toSchoolYear", start=from_year, end=to_year)
    if to_year - from_year + 1 > MAX_YEARS:
        raise bad_input("monitoring.too_many_years", maximum=MAX_YEARS, value=to_year - from_year + 1)
    if ParticipationDimension.SCHOOL_YEAR in group_by:
        raise bad_input("monitoring.school_year_in_trend")
    validate_dimensions(group_by, maximum=3)

    filter = _YearRange(from_year, to_year)
    dimensions = [*group_by, ParticipationDimension.SCHOOL_YEAR]
    stats = await participation_stats(context, filter, dimensions, with_total=False)  # type: ignore[arg-type]

    by_group: dict[tuple[Any, ...], dict[int, StatsRow]] = defaultdict(dict)
    group_keys: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in stats.rows:
        keys = {name: value for name, value in row.keys.items() if name != "school_year"}
        group = tuple(keys.values())
        group_keys[group] = keys
        by_group[group][row.keys["school_year"]] = row
    if not group_by:
        group_keys.setdefault((), {})

    series = [
        TrendSeries(keys, _points(by_group.get(group, {}), metric, from_year, to_year), stats.as_of)
        for group, keys in group_keys.items()
    ]
    series.sort(key=lambda item: sort_key(list(item.keys.values())))
    return series


@dataclass
class _YearRange:
    """A participation filter that only limits the school years."""

    school_year_from: int
    school_year_to: int
    municipality_ids: None = None
    municipality_codes: None = None
    organization_ids: None = None
    results: None = None
    event_levels: None = None
    event_kinds: None = None
    olympiad_stages: None = None
    orientations: None = None
    in_federal_list: None = None
    participant_categories: None = None
    has_disability_status: None = None


def _points(rows: dict[int, StatsRow], metric: MonitoringMetric, from_year: int, to_year: int) -> list[TrendPoint]:
    points = []
    previous: float | None = None
    for year in range(from_year, to_year + 1):
        row = rows.get(year)
        suppressed = row is not None and row.suppressed
        value = None if suppressed else metric_value(row, metric)
        point = TrendPoint(year, value, suppressed=suppressed)
        if value is not None and previous is not None:
            point.change = value - previous
            point.change_percent = (value - previous) / previous * 100 if previous else None
        points.append(point)
        previous = value
    return points
