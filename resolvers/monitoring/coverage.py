"""Coverage: children aged 5-18 enrolled in programmes, against the child population."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, func, select

from db.enums import EnrollmentStatus, ParticipantCategory
from db.models import Enrollment, Municipality, MunicipalityPopulation, Participant, Program
from db.timezone import utc_now
from resolvers.context import RequestContext
from resolvers.filters import SCHOOL_YEARS, check_bounds
from resolvers.monitoring.participation import Share, can_see_unsuppressed, sort_key, validate_dimensions
from resolvers.monitoring.perturbation import perturb, record_key
from resolvers.monitoring.suppression import Cell, suppress

CHILD_AGES = (5, 18)


class CoverageDimension(str, Enum):
    MUNICIPALITY = "MUNICIPALITY"
    ORIENTATION = "ORIENTATION"
    DISABILITY_STATUS = "DISABILITY_STATUS"


COLUMNS: dict[CoverageDimension, tuple[ColumnElement[Any], str]] = {
    CoverageDimension.MUNICIPALITY: (Participant.municipality_id, "municipality_id"),
    CoverageDimension.ORIENTATION: (Program.orientation, "orientation"),
    CoverageDimension.DISABILITY_STATUS: (Participant.has_disability_status, "disability_status"),
}


@dataclass
class CoverageRow:
    keys: dict[str, Any] = field(default_factory=dict)
    enrolled_children: int | None = None
    child_population: int | None = None
    target: float = 0.8
    suppressed: bool = False
    cell_key: int = 0

    @property
    def coverage(self) -> Share:
        return Share(self.enrolled_children, self.child_population)

    @property
    def meets_target(self) -> bool | None:
        value = self.coverage.value
        return None if value is None else value >= self.target


@dataclass
class CoverageStats:
    school_year: int
    rows: list[CoverageRow]
    total: CoverageRow
    target: float
    as_of: datetime
    suppression_threshold: int
    grouped_by: list[CoverageDimension]
    # Download URLs of the same numbers, set by the GraphQL field that has the arguments.
    export_links: dict[str, str] = field(default_factory=dict)


def enrolled_children_statement(school_year: int, group_by: Sequence[CoverageDimension]) -> Any:
    """Count distinct students aged 5-18 (by birth year) enrolled and not withdrawn in the year."""
    keys = [COLUMNS[dimension][0].label(COLUMNS[dimension][1]) for dimension in group_by]
    age = school_year - Participant.birth_year
    statement = (
        select(
            *keys,
            func.count(func.distinct(Enrollment.participant_id)).label("children"),
            func.sum(record_key(Enrollment.id)).label("children_key"),
        )
        .select_from(Enrollment)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .where(
            Enrollment.school_year == school_year,
            Enrollment.status != EnrollmentStatus.WITHDRAWN,
            Participant.category == ParticipantCategory.STUDENT,
            age.between(*CHILD_AGES),
        )
    )
    if CoverageDimension.ORIENTATION in group_by:
        statement = statement.join(Program, Program.id == Enrollment.program_id)
    if keys:
        statement = statement.group_by(*(COLUMNS[dimension][0] for dimension in group_by))
    return statement


async def coverage_stats(
    context: RequestContext, school_year: int, group_by: Sequence[CoverageDimension]
) -> CoverageStats:
    """Compute coverage per group; the denominator is the child population of the group's area."""
    check_bounds(school_year, SCHOOL_YEARS, "schoolYear")
    validate_dimensions(group_by, maximum=len(CoverageDimension))
    target = context.monitoring.coverage_target
    threshold = context.monitoring.suppression_threshold

    async with context.read_sessions() as session:
        grouped = []
        if group_by:
            grouped = (await session.execute(enrolled_children_statement(school_year, group_by))).all()
        total_children, total_key = (await session.execute(enrolled_children_statement(school_year, []))).one()
        population = dict(
            (
                await session.execute(
                    select(MunicipalityPopulation.municipality_id, MunicipalityPopulation.children_5_18).where(
                        MunicipalityPopulation.school_year == school_year
                    )
                )
            ).all()
        )
        municipalities = (await session.execute(select(func.count()).select_from(Municipality))).scalar_one()

    # The region's denominator exists only when every municipality has a population figure.
    region_population = sum(population.values()) if population and len(population) == municipalities else None
    rows = []
    for row in grouped:
        mapping = row._mapping  # noqa: SLF001 - SQLAlchemy's documented row accessor
        keys = {COLUMNS[dimension][1]: mapping[COLUMNS[dimension][1]] for dimension in group_by}
        denominator = _denominator(keys, group_by, population, region_population)
        rows.append(CoverageRow(keys, mapping["children"], denominator, target, cell_key=int(mapping["children_key"] or 0)))
    rows.sort(key=lambda row: sort_key(list(row.keys.values())))
    total = CoverageRow({}, total_children, region_population, target, cell_key=int(total_key or 0))

    if not can_see_unsuppressed(context):
        _suppress(rows, total, threshold)
        if context.monitoring.perturbation:
            for row in [*rows, total]:
                row.enrolled_children = perturb(row.enrolled_children, row.cell_key)
    return CoverageStats(school_year, rows, total, target, utc_now(), threshold, list(group_by))


def _denominator(
    keys: dict[str, Any],
    group_by: Sequence[CoverageDimension],
    population: dict[int, int],
    region_population: int | None,
) -> int | None:
    # The population by disability status is not known, so such groups have no denominator.
    if CoverageDimension.DISABILITY_STATUS in group_by:
        return None
    if CoverageDimension.MUNICIPALITY in group_by:
        return population.get(keys["municipality_id"])
    return region_population


def _suppress(rows: list[CoverageRow], total: CoverageRow, threshold: int) -> None:
    cells = [Cell(tuple(row.keys.values()), row.enrolled_children or 0) for row in rows]
    suppress(cells, threshold)
    for row, cell in zip(rows, cells, strict=True):
        if cell.suppressed:
            row.enrolled_children = None
            row.suppressed = True
    if 0 < (total.enrolled_children or 0) < threshold:
        total.enrolled_children = None
        total.suppressed = True
