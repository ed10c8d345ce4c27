"""Monitoring of informing participants: publications, professional communities, their members and
published practices per municipality and school year.

A school year runs from 1 September to 31 August in the region's local time. Each measure counts
what belongs to the year:

- publications: publications first published within the year (still published or archived since);
  the municipality is the one they are addressed to, none for the whole region;
- communities: communities working on at least one day of the year, by the municipality of the
  coordinating organisation;
- members: distinct teachers and managers who were members of a community on at least one day of
  the year, by the member's municipality;
- published practices: practices now published that were first published within the year, by the
  municipality of the practice's organisation.

These counts describe publications, communities and adults' memberships, not children, so they are
not suppressed as small cells.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, or_, select, union_all

from db.enums import PracticeStatus, PublicationStatus
from db.models import CommunityMember, EffectivePractice, Organization, Participant, ProfessionalCommunity, Publication
from db.timezone import REGION_ZONE, SCHOOL_YEAR_FIRST_MONTH, utc_now
from resolvers.context import RequestContext
from resolvers.errors import bad_input
from resolvers.filters import SCHOOL_YEARS, Conditions, check_bounds
from resolvers.geography import municipality_scope
from resolvers.monitoring.participation import sort_key, validate_dimensions
from resolvers.monitoring.trends import MAX_YEARS


class InformationDimension(str, Enum):
    MUNICIPALITY = "MUNICIPALITY"
    SCHOOL_YEAR = "SCHOOL_YEAR"


MEASURES = ("publications", "communities", "members", "published_practices")


@dataclass
class InformationRow:
    """One group: its keys (municipality_id, school_year) and the four counts."""

    keys: dict[str, Any] = field(default_factory=dict)
    publications: int = 0
    communities: int = 0
    members: int = 0
    published_practices: int = 0


@dataclass
class InformationStats:
    rows: list[InformationRow]
    total: InformationRow
    from_school_year: int
    to_school_year: int
    as_of: datetime
    grouped_by: list[InformationDimension]


@dataclass(frozen=True)
class Period:
    """School years `first`..`last` as local dates (inclusive) and UTC moments (end exclusive)."""

    first: int
    last: int

    @property
    def start_date(self) -> date:
        return date(self.first, SCHOOL_YEAR_FIRST_MONTH, 1)

    @property
    def end_date(self) -> date:
        return date(self.last + 1, SCHOOL_YEAR_FIRST_MONTH, 1) - timedelta(days=1)

    @property
    def start_at(self) -> datetime:
        return datetime(self.first, SCHOOL_YEAR_FIRST_MONTH, 1, tzinfo=REGION_ZONE)

    @property
    def end_at(self) -> datetime:
        return datetime(self.last + 1, SCHOOL_YEAR_FIRST_MONTH, 1, tzinfo=REGION_ZONE)


@dataclass(frozen=True, eq=False)
class Measure:
    """The municipality column a measure groups by, and the statement of its count for a period."""

    municipality: ColumnElement[Any]
    statement: Callable[[Period, list[ColumnElement[Any]]], Select[Any]]


def _publications(period: Period, keys: list[ColumnElement[Any]]) -> Select[Any]:
    return select(*keys, func.count().label("value")).select_from(Publication).where(
        Publication.status.in_([PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED]),
        Publication.published_at >= period.start_at,
        Publication.published_at < period.end_at,
    )


def _communities(period: Period, keys: list[ColumnElement[Any]]) -> Select[Any]:
    community = ProfessionalCommunity
    return (
        select(*keys, func.count(func.distinct(community.id)).label("value"))
        .select_from(community)
        .join(Organization, Organization.id == community.coordinating_organization_id)
        .where(
            community.founded_on <= period.end_date,
            or_(community.closed_on.is_(None), community.closed_on >= period.start_date),
        )
    )


def _members(period: Period, keys: list[ColumnElement[Any]]) -> Select[Any]:
    return (
        select(*keys, func.count(func.distinct(CommunityMember.participant_id)).label("value"))
        .select_from(CommunityMember)
        .join(Participant, Participant.id == CommunityMember.participant_id)
        .where(
            CommunityMember.joined_on <= period.end_date,
            or_(CommunityMember.left_on.is_(None), CommunityMember.left_on >= period.start_date),
        )
    )


def _published_practices(period: Period, keys: list[ColumnElement[Any]]) -> Select[Any]:
    practice = EffectivePractice
    return (
        select(*keys, func.count().label("value"))
        .select_from(practice)
        .join(Organization, Organization.id == practice.organization_id)
        .where(
            practice.status == PracticeStatus.PUBLISHED,
            practice.published_at >= period.start_at,
            practice.published_at < period.end_at,
        )
    )


MEASURE_QUERIES = {
    "publications": Measure(Publication.municipality_id, _publications),
    "communities": Measure(Organization.municipality_id, _communities),
    "members": Measure(Participant.municipality_id, _members),
    "published_practices": Measure(Organization.municipality_id, _published_practices),
}


@dataclass(frozen=True)
class Area:
    """The municipality filter: global IDs and codes, either or both None for no filter."""

    municipality_ids: Sequence[str] | None = None
    municipality_codes: Sequence[str] | None = None

    def conditions(self, column: ColumnElement[Any]) -> Conditions:
        conditions: Conditions = []
        municipality_scope(conditions, column, self.municipality_ids, self.municipality_codes)
        return conditions


def measure_statement(measure: Measure, period: Period, group_by: Sequence[InformationDimension], area: Area) -> Any:
    """Return one statement of a measure over the period, or per school year of it."""
    keys = [measure.municipality.label("municipality_id")] if InformationDimension.MUNICIPALITY in group_by else []

    def counted(part: Period) -> Select[Any]:
        statement = measure.statement(part, keys).where(*area.conditions(measure.municipality))
        return statement.group_by(*keys) if keys else statement

    if InformationDimension.SCHOOL_YEAR not in group_by:
        return counted(period)
    # The year is written into the SQL as a number, so that both databases type the column as an integer.
    years = [
        counted(Period(year, year)).add_columns(literal_column(str(int(year))).label("school_year"))
        for year in range(period.first, period.last + 1)
    ]
    return union_all(*years) if len(years) > 1 else years[0]


async def information_stats(
    context: RequestContext,
    from_year: int,
    to_year: int,
    group_by: Sequence[InformationDimension],
    municipality_ids: Sequence[str] | None = None,
    municipality_codes: Sequence[str] | None = None,
) -> InformationStats:
    """Count publications, communities, members and published practices per group and in total."""
    check_bounds([from_year, to_year], SCHOOL_YEARS, "schoolYear")
    if from_year > to_year:
        raise bad_input("filter.empty_range", field="fromSchoolYear, toSchoolYear", start=from_year, end=to_year)
    if to_year - from_year + 1 > MAX_YEARS:
        raise bad_input("monitoring.too_many_years", maximum=MAX_YEARS, value=to_year - from_year + 1)
    validate_dimensions(group_by, maximum=len(InformationDimension))  # type: ignore[arg-type]
    period = Period(from_year, to_year)
    area = Area(municipality_ids, municipality_codes)

    rows: dict[tuple[Any, ...], InformationRow] = {}
    total = InformationRow()
    async with context.read_sessions() as session:
        for name, measure in MEASURE_QUERIES.items():
            setattr(total, name, (await session.execute(measure_statement(measure, period, [], area))).scalar_one())
            if not group_by:
                continue
            for found in (await session.execute(measure_statement(measure, period, group_by, area))).mappings():
                keys = {key: found[key] for key in ("municipality_id", "school_year") if key in found}
                row = rows.setdefault(tuple(keys.values()), InformationRow(keys))
                setattr(row, name, found["value"])

    ordered = sorted(rows.values(), key=lambda row: sort_key(list(row.keys.values())))
    return InformationStats(ordered, total, from_year, to_year, utc_now(), list(group_by))
