"""Participation statistics: counts, distinct people and results, grouped by any dimensions."""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from db.models import Municipality, Organization, Participation
from db.timezone import utc_now
from resolvers.access import Role
from resolvers.context import RequestContext
from resolvers.errors import ApiError, ErrorCode, bad_input
from resolvers.filters import (
    SCHOOL_YEARS,
    Conditions,
    any_of,
    equals,
    ids_any_of,
    in_range,
)
from resolvers.geography import municipality_scope
from resolvers.loaders import load_rows
from resolvers.monitoring import summary
from resolvers.monitoring.dimensions import (
    DIMENSIONS,
    MAX_DIMENSIONS,
    ParticipationDimension,
)
from resolvers.monitoring.measures import MEASURES, cell_key_columns, measure_columns
from resolvers.monitoring.perturbation import perturb
from resolvers.monitoring.suppression import Cell, suppress

if TYPE_CHECKING:
    from schema.monitoring import ParticipationStatsFilter

# Maximum rows of one result. Finer tables are unreadable and slow, so the caller must narrow them.
MAX_ROWS = 10_000


@dataclass
class Share:
    numerator: int | None
    denominator: int | None

    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator


@dataclass
class StatsRow:
    """One group of participations: its keys, measures and whether they are hidden."""

    keys: dict[str, Any] = field(default_factory=dict)
    participations: int | None = None
    participants: int | None = None
    winners: int | None = None
    prize_winners: int | None = None
    suppressed: bool = False
    cell_keys: dict[str, int] = field(default_factory=dict)
    # The municipality and organisation its keys name, loaded by `attach_related`.
    related: dict[str, Any] = field(default_factory=dict)

    @property
    def winners_and_prize_winners_share(self) -> Share:
        if self.suppressed or self.participations is None:
            return Share(None, None)
        return Share((self.winners or 0) + (self.prize_winners or 0), self.participations)

    def hide(self) -> None:
        self.participations = self.participants = self.winners = self.prize_winners = None
        self.suppressed = True

    def perturb(self) -> None:
        """Move each visible count by its cell key, keeping the counts consistent with each other."""
        if self.suppressed:
            return
        moved = {
            name: perturb(getattr(self, name), self.cell_keys.get(name), salt=position)
            for position, name in enumerate(MEASURES)
        }
        participations = moved["participations"] or 0
        self.participations = moved["participations"]
        self.participants = min(moved["participants"] or 0, participations)
        self.winners = min(moved["winners"] or 0, participations)
        self.prize_winners = min(moved["prize_winners"] or 0, participations - self.winners)


@dataclass
class ParticipationStats:
    rows: list[StatsRow]
    total: StatsRow
    as_of: datetime
    suppression_threshold: int
    grouped_by: list[ParticipationDimension]
    # Download URLs of the same numbers, set by the GraphQL field that has the arguments.
    export_links: dict[str, str] = field(default_factory=dict)


def validate_dimensions(group_by: Sequence[ParticipationDimension], maximum: int = MAX_DIMENSIONS) -> None:
    if len(group_by) > maximum:
        raise bad_input("monitoring.too_many_dimensions", maximum=maximum, value=len(group_by))
    for dimension in group_by:
        if list(group_by).count(dimension) > 1:
            raise bad_input("monitoring.repeated_dimension", dimension=dimension.value)


def stats_query(filter: "ParticipationStatsFilter | None") -> Conditions:
    """Return the WHERE conditions of a statistics filter, all on columns of participations."""
    conditions: Conditions = []
    if filter is None:
        return conditions

    in_range(
        conditions,
        Participation.school_year,
        filter.school_year_from,
        filter.school_year_to,
        "filter.schoolYear",
        SCHOOL_YEARS,
    )
    municipality_scope(conditions, Participation.municipality_id, filter.municipality_ids, filter.municipality_codes)
    ids_any_of(
        conditions, Participation.organization_id, filter.organization_ids, "Organization", "filter.organizationIds"
    )
    any_of(conditions, Participation.result, filter.results, "filter.results")

    any_of(conditions, Participation.event_level, filter.event_levels, "filter.eventLevels")
    any_of(conditions, Participation.event_kind, filter.event_kinds, "filter.eventKinds")
    any_of(conditions, Participation.event_olympiad_stage, filter.olympiad_stages, "filter.olympiadStages")
    any_of(conditions, Participation.event_orientation, filter.orientations, "filter.orientations")
    equals(conditions, Participation.event_in_federal_list, filter.in_federal_list)

    any_of(
        conditions, Participation.participant_category, filter.participant_categories, "filter.participantCategories"
    )
    equals(conditions, Participation.participant_has_disability_status, filter.has_disability_status)
    return conditions


def _statement(group_by: Sequence[ParticipationDimension], conditions: Conditions) -> Select[Any]:
    """Build one GROUP BY over participations alone."""
    keys = [DIMENSIONS[dimension].expression.label(DIMENSIONS[dimension].key) for dimension in group_by]
    measures = [*measure_columns(), *cell_key_columns()]
    statement = select(*keys, *measures).select_from(Participation).where(*conditions)
    if keys:
        statement = statement.group_by(*(DIMENSIONS[dimension].expression for dimension in group_by))
    return statement


def sort_key(keys: Sequence[Any]) -> tuple[Any, ...]:
    """Order rows by their keys with empty keys first, the same on SQLite and PostgreSQL."""
    return tuple((value is not None, value.value if isinstance(value, Enum) else value) for value in keys)


async def participation_stats(
    context: RequestContext,
    filter: "ParticipationStatsFilter | None",
    group_by: Sequence[ParticipationDimension],
    *,
    with_total: bool = True,
) -> ParticipationStats:
    """Compute grouped and total measures in SQL, then hide small cells for the caller's role.

    `with_total=False` skips the total when the caller does not use it; it is then all zeros.

    The unfiltered municipality and school-year cuts, and their rows under a school-year range,
    come from the summary table; everything else is one live GROUP BY.
    """
    validate_dimensions(group_by)
    conditions = stats_query(filter)
    threshold = context.monitoring.suppression_threshold

    if summary.covers(group_by, filter):
        rows, total, as_of = await _from_summary(context, group_by)
    elif summary.covers_rows(group_by, filter):
        assert filter is not None
        rows, total, as_of = await _from_summary(context, group_by, filter.school_year_from, filter.school_year_to)
        total = StatsRow({}, 0, 0, 0, 0)
        if with_total:
            async with context.read_sessions() as session:
                total = _stats_row((await session.execute(_statement([], conditions))).one(), [])
    else:
        as_of = utc_now()
        async with context.read_sessions() as session:
            grouped = (await session.execute(_statement(group_by, conditions))).all() if group_by else []
            total_row = (await session.execute(_statement([], conditions))).one()
        rows = [_stats_row(row, group_by) for row in grouped]
        total = _stats_row(total_row, [])

    if len(rows) > MAX_ROWS:
        raise bad_input("monitoring.too_many_rows", maximum=MAX_ROWS, value=len(rows))
    rows.sort(key=lambda row: sort_key(list(row.keys.values())))
    if not can_see_unsuppressed(context):
        # Suppression of a large table takes CPU time, so it runs off the event loop.
        await asyncio.to_thread(_apply_suppression, rows, total, threshold)
        if context.monitoring.perturbation:
            for row in [*rows, total]:
                row.perturb()
    return ParticipationStats(rows, total, as_of, threshold, list(group_by))


async def _from_summary(
    context: RequestContext,
    group_by: Sequence[ParticipationDimension],
    first_year: int | None = None,
    last_year: int | None = None,
) -> tuple[list[StatsRow], StatsRow, datetime]:
    """Read the municipality × school-year cut from the summary table, on the primary database."""
    async with context.write_sessions() as session:
        found, total_found = await summary.read_summary(session, group_by, first_year, last_year)

    rows = []
    for item in found:
        keys = {
            DIMENSIONS[dimension].key: (
                item.municipality_id if dimension is ParticipationDimension.MUNICIPALITY else item.school_year
            )
            for dimension in group_by
        }
        rows.append(
            StatsRow(
                keys, item.participations, item.participants, item.winners, item.prize_winners, False, item.cell_keys
            )
        )

    if total_found is None:
        return rows, StatsRow({}, 0, 0, 0, 0), utc_now()
    total = StatsRow(
        {},
        total_found.participations,
        total_found.participants,
        total_found.winners,
        total_found.prize_winners,
        False,
        total_found.cell_keys,
    )
    as_of = min([item.refreshed_at for item in found] + [total_found.refreshed_at])
    return rows, total, as_of


def can_see_unsuppressed(context: RequestContext) -> bool:
    """Return whether the caller may see small cells unsuppressed and unperturbed.

    Only the regional admin with the HEALTH_DATA permission may: every cut can be filtered or
    grouped by disability status, so a small cell can reveal a child's health data.
    """
    viewer = context.viewer
    return viewer.role is Role.REGIONAL_ADMIN and viewer.health_data


def _stats_row(row: Any, group_by: Sequence[ParticipationDimension]) -> StatsRow:
    mapping = row._mapping  # noqa: SLF001 - SQLAlchemy's documented row accessor
    keys = {DIMENSIONS[dimension].key: mapping[DIMENSIONS[dimension].key] for dimension in group_by}
    return StatsRow(
        keys=keys,
        participations=mapping["participations"],
        participants=mapping["participants"],
        winners=int(mapping["winners"] or 0),
        prize_winners=int(mapping["prize_winners"] or 0),
        cell_keys={name: int(mapping[f"{name}_key"] or 0) for name in MEASURES},
    )


def _apply_suppression(rows: list[StatsRow], total: StatsRow, threshold: int) -> None:
    cells = [Cell(tuple(row.keys.values()), row.participants or 0) for row in rows]
    suppress(cells, threshold)
    for row, cell in zip(rows, cells, strict=True):
        if cell.suppressed:
            row.hide()
    if 0 < (total.participants or 0) < threshold:
        total.hide()


# Keys of a group that name a row, with the field that shows the row.
RELATED_ROWS = {"municipality_id": ("municipality", Municipality), "organization_id": ("organization", Organization)}


async def attach_related(context: RequestContext, groups: Sequence[Any]) -> None:
    """Load the municipalities and organisations that `groups` name, one statement per kind.

    The rows' fields then return them directly: a page of 215 groups would otherwise await a
    DataLoader once per group, and graphql-core spends more on those awaits than on the SQL.
    """
    for key, (name, model) in RELATED_ROWS.items():
        ids = sorted({group.keys[key] for group in groups if group.keys.get(key) is not None})
        if not ids:
            continue
        found = {row.id: row for row in await load_rows(context, model, ids)}
        for group in groups:
            pk = group.keys.get(key)
            if pk is None:
                continue
            if pk not in found:
                raise ApiError(ErrorCode.NOT_FOUND, "relation.missing", type=model.__name__, id=pk)
            group.related[name] = found[pk]
