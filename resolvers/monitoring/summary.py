"""Reading participation measures from the summary table, refreshing dirty buckets first."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MonitoringDirty, MonitoringSummary, Participation
from db.models.monitoring import ALL
from db.timezone import utc_now
from resolvers.monitoring.dimensions import ParticipationDimension
from resolvers.monitoring.measures import MEASURES, cell_key_columns, measure_columns

# Measures and cell keys stored per bucket, named as the columns of `monitoring_summary`.
SUMMARY_COLUMNS = (*MEASURES, *(f"{name}_key" for name in MEASURES))

SUMMARISED = {ParticipationDimension.MUNICIPALITY, ParticipationDimension.SCHOOL_YEAR}

Bucket = tuple[int, int]


@dataclass
class SummaryRow:
    municipality_id: int
    school_year: int
    participations: int
    participants: int
    winners: int
    prize_winners: int
    refreshed_at: datetime
    cell_keys: dict[str, int]


def covers(group_by: Sequence[ParticipationDimension], filter: Any) -> bool:
    """Return whether the summary contains this request's numbers: no filter, municipality and year keys."""
    if not set(group_by) <= SUMMARISED:
        return False
    if filter is None:
        return True
    return all(value is None for value in vars(filter).values())


def covers_rows(group_by: Sequence[ParticipationDimension], filter: Any) -> bool:
    """Return whether the summary has the rows of a request grouped by school year and filtered
    by a school-year range only. Its total is not summarised, because people over a range of years
    are counted once."""
    if not set(group_by) <= SUMMARISED or ParticipationDimension.SCHOOL_YEAR not in group_by or filter is None:
        return False
    others = {name: value for name, value in vars(filter).items() if name not in ("school_year_from", "school_year_to")}
    return all(value is None for value in others.values())


async def read_summary(
    session: AsyncSession,
    group_by: Sequence[ParticipationDimension],
    first_year: int | None = None,
    last_year: int | None = None,
) -> tuple[list[SummaryRow], SummaryRow | None]:
    """Refresh dirty buckets, then return the rows of the requested cut and the total row."""
    await refresh_dirty(session)

    by_municipality = ParticipationDimension.MUNICIPALITY in group_by
    by_year = ParticipationDimension.SCHOOL_YEAR in group_by
    table = MonitoringSummary
    cut = select(table).where(
        (table.municipality_id != ALL) if by_municipality else (table.municipality_id == ALL),
        (table.school_year != ALL) if by_year else (table.school_year == ALL),
    )
    if first_year is not None:
        cut = cut.where(table.school_year >= first_year)
    if last_year is not None:
        cut = cut.where(table.school_year <= last_year)
    total = select(table).where(table.municipality_id == ALL, table.school_year == ALL)

    rows = [_row(found) for found in (await session.scalars(cut)).all()] if group_by else []
    total_found = (await session.scalars(total)).first()
    return rows, _row(total_found) if total_found is not None else None


def _row(found: MonitoringSummary) -> SummaryRow:
    return SummaryRow(
        found.municipality_id,
        found.school_year,
        found.participations,
        found.participants,
        found.winners,
        found.prize_winners,
        found.refreshed_at,
        {name: getattr(found, f"{name}_key") for name in MEASURES},
    )


async def refresh_dirty(session: AsyncSession) -> None:
    """Recompute the summary rows of every dirty bucket and the totals that include them.

    Taking the dirty buckets with DELETE … RETURNING lets concurrent readers split the work, and
    a write that lands after the recomputation marks its bucket dirty again.
    """
    claim = delete(MonitoringDirty).returning(MonitoringDirty.municipality_id, MonitoringDirty.school_year)
    claimed = (await session.execute(claim)).all()
    if not claimed:
        return
    buckets: set[Bucket] = {(municipality_id, school_year) for municipality_id, school_year in claimed}
    municipalities = {municipality_id for municipality_id, _ in buckets}
    years = {school_year for _, school_year in buckets}

    affected = buckets | {(m, ALL) for m in municipalities} | {(ALL, y) for y in years} | {(ALL, ALL)}
    computed: dict[Bucket, dict[str, int]] = {}
    municipality, year = Participation.municipality_id, Participation.school_year
    statements = [
        ("cell", _measures([municipality, year]).where(tuple_(municipality, year).in_(sorted(buckets)))),
        ("municipality", _measures([municipality]).where(municipality.in_(municipalities))),
        ("year", _measures([year]).where(year.in_(years))),
        ("total", _measures([])),
    ]
    for key, statement in statements:
        for found in (await session.execute(statement)).all():
            mapping = found._mapping  # noqa: SLF001 - SQLAlchemy's documented row accessor
            computed[_bucket(key, found)] = {name: int(mapping[name] or 0) for name in SUMMARY_COLUMNS}

    emptied = affected - set(computed)
    if emptied:
        key = tuple_(MonitoringSummary.municipality_id, MonitoringSummary.school_year)
        await session.execute(delete(MonitoringSummary).where(key.in_(sorted(emptied))))
    await _upsert(session, computed, utc_now())
    await session.commit()


def _measures(keys: list[Any]) -> Select[Any]:
    """Select the four measures of participations and their cell keys, grouped by `keys`."""
    statement = select(*keys, *measure_columns(), *cell_key_columns())
    return statement.group_by(*keys) if keys else statement


def _bucket(kind: str, found: Any) -> Bucket:
    if kind == "cell":
        return found[0], found[1]
    if kind == "municipality":
        return found[0], ALL
    if kind == "year":
        return ALL, found[0]
    return ALL, ALL


async def _upsert(session: AsyncSession, computed: dict[Bucket, dict[str, int]], now: datetime) -> None:
    if not computed:
        return
    rows = [
        {"municipality_id": municipality_id, "school_year": school_year, **values, "refreshed_at": now}
        for (municipality_id, school_year), values in computed.items()
    ]
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(MonitoringSummary)
    updated = {column: statement.excluded[column] for column in rows[0] if column not in ("municipality_id", "school_year")}
    await session.execute(
        statement.on_conflict_do_update(index_elements=["municipality_id", "school_year"], set_=updated), rows
    )
