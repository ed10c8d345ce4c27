"""Alerts: problems and positive trends per municipality, for management decisions."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select

from db.enums import ParticipationResult, ProgramStatus
from db.models import Municipality, Participation, Program
from db.timezone import utc_now
from resolvers.context import RequestContext
from resolvers.errors import bad_input
from resolvers.filters import SCHOOL_YEARS, Conditions, check_bounds
from resolvers.geography import municipality_scope
from resolvers.messages import render_message
from resolvers.monitoring.coverage import CoverageDimension, coverage_stats
from resolvers.monitoring.dimensions import ParticipationDimension
from resolvers.monitoring.participation import StatsRow, participation_stats

if TYPE_CHECKING:
    from schema.monitoring import AlertFilter, AlertThresholds


class AlertKind(str, Enum):
    PARTICIPATION_DROP = "PARTICIPATION_DROP"
    COVERAGE_BELOW_TARGET = "COVERAGE_BELOW_TARGET"
    NO_DISABLED_PARTICIPANTS = "NO_DISABLED_PARTICIPANTS"
    LOW_WINNERS_SHARE = "LOW_WINNERS_SHARE"
    STRONG_GROWTH = "STRONG_GROWTH"


class AlertSeverity(str, Enum):
    PROBLEM = "PROBLEM"
    POSITIVE = "POSITIVE"


SEVERITY = {kind: AlertSeverity.PROBLEM for kind in AlertKind} | {AlertKind.STRONG_GROWTH: AlertSeverity.POSITIVE}


@dataclass
class Alert:
    kind: AlertKind
    municipality_id: int
    municipality_name: str
    metric: str
    value: float | None
    comparison_value: float | None
    message: str
    as_of: datetime
    # Download URLs of the whole alerts result, set by the GraphQL field that has the arguments.
    export_links: dict[str, str] = field(default_factory=dict)

    @property
    def severity(self) -> AlertSeverity:
        return SEVERITY[self.kind]

    organization_id: int | None = None


@dataclass(frozen=True)
class Thresholds:
    participation_drop_percent: float = 20.0
    growth_percent: float = 30.0
    winners_share_ratio: float = 0.5
    min_participations: int = 50


# Allowed ranges of the thresholds, so that an alert never contradicts its own message.
THRESHOLD_RANGES = {
    "participation_drop_percent": ("participationDropPercent", 0.0, 100.0),
    "growth_percent": ("growthPercent", 0.0, 10_000.0),
    "winners_share_ratio": ("winnersShareRatio", 0.01, 1.0),
    "min_participations": ("minParticipations", 1, 1_000_000),
}


def validate_thresholds(limits: Thresholds) -> None:
    for attribute, (field_name, minimum, maximum) in THRESHOLD_RANGES.items():
        value = getattr(limits, attribute)
        if not minimum <= value <= maximum:  # also rejects NaN
            raise bad_input(
                "monitoring.threshold_out_of_range", field=field_name, value=value, minimum=minimum, maximum=maximum
            )


async def alerts(
    context: RequestContext,
    school_year: int,
    filter: "AlertFilter | None",
    thresholds: "AlertThresholds | None",
) -> list[Alert]:
    """Return the alerts of a school year, problems first, then by kind and municipality name."""
    check_bounds(school_year, SCHOOL_YEARS, "schoolYear")
    limits = Thresholds(**vars(thresholds)) if thresholds is not None else Thresholds()
    validate_thresholds(limits)
    scope: Conditions = []
    kinds = set(AlertKind)
    if filter is not None:
        municipality_scope(scope, Municipality.id, filter.municipality_ids, filter.municipality_codes)
        if filter.kinds is not None:
            kinds = set(filter.kinds)

    async with context.read_sessions() as session:
        names = dict((await session.execute(select(Municipality.id, Municipality.name).where(*scope))).all())
    builder = _AlertBuilder(context, names)

    if kinds & {AlertKind.PARTICIPATION_DROP, AlertKind.STRONG_GROWTH}:
        await _year_on_year(context, builder, school_year, limits, kinds)
    if AlertKind.COVERAGE_BELOW_TARGET in kinds:
        await _coverage(context, builder, school_year)
    if AlertKind.NO_DISABLED_PARTICIPANTS in kinds:
        await _no_disabled(context, builder, school_year)
    if AlertKind.LOW_WINNERS_SHARE in kinds:
        await _low_winners(context, builder, school_year, limits)

    order = list(AlertKind)
    return sorted(
        builder.alerts,
        key=lambda alert: (alert.severity is AlertSeverity.POSITIVE, order.index(alert.kind), alert.municipality_name),
    )


class _AlertBuilder:
    """Collects alerts with messages in the caller's language, for the municipalities in scope."""

    def __init__(self, context: RequestContext, names: dict[int, str]) -> None:
        self.language = context.language
        self.names = names
        self.as_of = utc_now()
        self.alerts: list[Alert] = []

    def add(
        self, kind: AlertKind, municipality_id: int, metric: str, value: Any, comparison: Any, /, **params: Any
    ) -> None:
        name = self.names.get(municipality_id)
        if name is None:
            return
        shown = {key: self._number(value) for key, value in params.items()}
        message = render_message(f"alert.{kind.value.lower()}", self.language, {"municipality": name, **shown})
        self.alerts.append(Alert(kind, municipality_id, name, metric, value, comparison, message, self.as_of))

    def _number(self, value: Any) -> str:
        """Format a number with one decimal, and a decimal comma in Russian."""
        if not isinstance(value, float):
            return str(value)
        text = f"{value:.1f}"
        return text.replace(".", ",") if self.language == "ru" else text


async def _visible_cells(context: RequestContext) -> dict[tuple[int, int], StatsRow]:
    """Return the visible cells of the municipality × school-year table, suppressed as it is shown.

    Alerts read their counts from this table, so they never show a number the table hides.
    """
    stats = await participation_stats(
        context, None, [ParticipationDimension.MUNICIPALITY, ParticipationDimension.SCHOOL_YEAR]
    )
    return {
        (row.keys["municipality_id"], row.keys["school_year"]): row for row in stats.rows if not row.suppressed
    }


async def _year_on_year(
    context: RequestContext, builder: _AlertBuilder, year: int, limits: Thresholds, kinds: set[AlertKind]
) -> None:
    cells = await _visible_cells(context)
    for municipality_id in builder.names:
        before_cell, now_cell = cells.get((municipality_id, year - 1)), cells.get((municipality_id, year))
        # A hidden or missing cell leaves the municipality out of the comparison.
        if before_cell is None or now_cell is None:
            continue
        before, now = before_cell.participants or 0, now_cell.participants or 0
        change = (now - before) / before * 100
        if AlertKind.PARTICIPATION_DROP in kinds and change < 0 and -change >= limits.participation_drop_percent:
            builder.add(AlertKind.PARTICIPATION_DROP, municipality_id, "PARTICIPANTS", now, before, percent=-change)
        if AlertKind.STRONG_GROWTH in kinds and change > 0 and change >= limits.growth_percent:
            builder.add(AlertKind.STRONG_GROWTH, municipality_id, "PARTICIPANTS", now, before, percent=change)


async def _coverage(context: RequestContext, builder: _AlertBuilder, year: int) -> None:
    stats = await coverage_stats(context, year, [CoverageDimension.MUNICIPALITY])
    for row in stats.rows:
        value = row.coverage.value
        if value is not None and value < stats.target:
            builder.add(
                AlertKind.COVERAGE_BELOW_TARGET,
                row.keys["municipality_id"],
                "COVERAGE",
                value,
                stats.target,
                value=value * 100,
                target=stats.target * 100,
            )


async def _no_disabled(context: RequestContext, builder: _AlertBuilder, year: int) -> None:
    adapted = (
        select(Program.municipality_id, func.count())
        .where(Program.is_adapted.is_(True), Program.status == ProgramStatus.PUBLISHED, Program.school_year == year)
        .group_by(Program.municipality_id)
    )
    with_status = (
        select(Participation.municipality_id, func.count(func.distinct(Participation.participant_id)))
        .where(Participation.school_year == year, Participation.participant_has_disability_status.is_(True))
        .group_by(Participation.municipality_id)
    )
    async with context.read_sessions() as session:
        programs = dict((await session.execute(adapted)).all())
        participants = dict((await session.execute(with_status)).all())

    for municipality_id, count in programs.items():
        if count and not participants.get(municipality_id):
            builder.add(AlertKind.NO_DISABLED_PARTICIPANTS, municipality_id, "PARTICIPANTS_WITH_DISABILITY", 0, count, programs=count)


async def _low_winners(context: RequestContext, builder: _AlertBuilder, year: int, limits: Thresholds) -> None:
    won = func.sum(
        case((Participation.result.in_([ParticipationResult.WINNER, ParticipationResult.PRIZE_WINNER]), 1), else_=0)
    )
    regional = select(func.count(), won).where(Participation.school_year == year)
    async with context.read_sessions() as session:
        total, wins = (await session.execute(regional)).one()
    if not total:
        return
    regional_share = int(wins or 0) / total

    # Shares of municipalities come from visible cells with enough participations, so that no
    # alert shows the results of a group the tables hide.
    minimum = max(limits.min_participations, context.monitoring.suppression_threshold)
    for (municipality_id, school_year), cell in (await _visible_cells(context)).items():
        if school_year != year or municipality_id not in builder.names or (cell.participations or 0) < minimum:
            continue
        share = cell.winners_and_prize_winners_share.value
        if share is not None and share < regional_share * limits.winners_share_ratio:
            builder.add(
                AlertKind.LOW_WINNERS_SHARE,
                municipality_id,
                "WINNERS_AND_PRIZE_WINNERS_SHARE",
                share,
                regional_share,
                share=share * 100,
                regional=regional_share * 100,
            )
