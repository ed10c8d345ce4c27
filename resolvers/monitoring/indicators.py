"""Target indicators of the programme: stored targets and actual values computed from the data."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from db.enums import (
    EnrollmentStatus,
    EventFormat,
    EventLevel,
    InnovationSiteStatus,
    ParticipantCategory,
    ParticipationResult,
)
from db.models import (
    Enrollment,
    Event,
    Indicator,
    IndicatorTarget,
    InnovationProduct,
    InnovationSite,
    Municipality,
    Organization,
    Participant,
    Participation,
    event_audiences,
)
from db.timezone import REGION_ZONE, utc_now
from resolvers.context import RequestContext
from resolvers.errors import ApiError, ErrorCode
from resolvers.filters import SCHOOL_YEARS, check_bounds
from resolvers.ids import decode_global_id
from resolvers.monitoring.coverage import CoverageDimension, coverage_stats
from resolvers.monitoring.participation import can_see_unsuppressed


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    title: str
    unit: str


COVERAGE = IndicatorSpec("COVERAGE_5_18", "Доля детей 5–18 лет, охваченных дополнительным образованием", "%")
COVERAGE_DISABLED = IndicatorSpec(
    "COVERAGE_DISABLED",
    "Доля обучающихся с ОВЗ, охваченных дополнительным образованием, среди обучающихся с ОВЗ в реестре",
    "%",
)
REGIONAL_WINS = IndicatorSpec(
    "REGIONAL_WIN_SHARE",
    "Доля участий в мероприятиях регионального уровня и выше, завершившихся победой или призовым местом",
    "%",
)
ACTIVE_SITES = IndicatorSpec("ACTIVE_INNOVATION_SITES", "Число действующих инновационных площадок", "ед.")
PRODUCTS = IndicatorSpec("PUBLISHED_INNOVATION_PRODUCTS", "Число опубликованных инновационных продуктов", "ед.")
ADULT_EVENTS = {
    EventFormat.ONLINE: IndicatorSpec(
        "ADULT_EVENTS_ONLINE", "Число мероприятий для педагогов, руководителей и родителей: дистанционно", "ед."
    ),
    EventFormat.OFFLINE: IndicatorSpec(
        "ADULT_EVENTS_OFFLINE", "Число мероприятий для педагогов, руководителей и родителей: очно", "ед."
    ),
    EventFormat.HYBRID: IndicatorSpec(
        "ADULT_EVENTS_HYBRID", "Число мероприятий для педагогов, руководителей и родителей: смешанный формат", "ед."
    ),
}
ADULTS = [ParticipantCategory.TEACHER, ParticipantCategory.MANAGER, ParticipantCategory.PARENT]
HIGH_LEVELS = [EventLevel.REGIONAL, EventLevel.INTERREGIONAL, EventLevel.ALL_RUSSIAN, EventLevel.INTERNATIONAL]


@dataclass
class IndicatorValue:
    code: str
    title: str
    unit: str
    target: float | None
    actual: float | None
    higher_is_better: bool = True
    as_of: datetime | None = None
    # Download URLs of the whole indicators result, set by the GraphQL field that has the arguments.
    export_links: dict[str, str] = field(default_factory=dict)

    @property
    def achieved(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual >= self.target if self.higher_is_better else self.actual <= self.target


def school_year_bounds(school_year: int) -> tuple[datetime, datetime]:
    """Return the first moment of the school year and of the next one, in local time."""
    start = datetime.combine(date(school_year, 9, 1), time(), tzinfo=REGION_ZONE)
    end = datetime.combine(date(school_year + 1, 9, 1), time(), tzinfo=REGION_ZONE)
    return start, end


async def indicators(
    context: RequestContext, school_year: int, municipality_global_id: str | None
) -> list[IndicatorValue]:
    """Compute every indicator for the region, or for one municipality when its ID is given."""
    check_bounds(school_year, SCHOOL_YEARS, "schoolYear")
    municipality_id = None
    if municipality_global_id is not None:
        municipality_id = decode_global_id(municipality_global_id, "Municipality", "municipalityId")
        await _check_municipality(context, municipality_id, municipality_global_id)

    as_of = utc_now()
    targets = await _targets(context, school_year)
    actual: dict[str, float | None] = {}
    actual[COVERAGE.code] = await _coverage(context, school_year, municipality_id)
    actual[COVERAGE_DISABLED.code] = await _disabled_coverage(context, school_year, municipality_id)
    actual[REGIONAL_WINS.code] = await _regional_win_share(context, school_year, municipality_id)
    actual.update(await _innovation(context, school_year, municipality_id))
    actual.update(await _adult_events(context, school_year, municipality_id))

    specs = [COVERAGE, COVERAGE_DISABLED, REGIONAL_WINS, ACTIVE_SITES, PRODUCTS, *ADULT_EVENTS.values()]
    values = []
    for spec in specs:
        target, higher_is_better = targets.get(spec.code, (None, True))
        values.append(
            IndicatorValue(spec.code, spec.title, spec.unit, target, actual[spec.code], higher_is_better, as_of)
        )
    return values


async def _check_municipality(context: RequestContext, municipality_id: int, global_id: str) -> None:
    async with context.read_sessions() as session:
        found = await session.scalar(select(Municipality.id).where(Municipality.id == municipality_id))
    if found is None:
        raise ApiError(ErrorCode.NOT_FOUND, "monitoring.unknown_municipality", id=global_id[:64])


async def _targets(context: RequestContext, school_year: int) -> dict[str, tuple[float, bool]]:
    statement = (
        select(Indicator.code, IndicatorTarget.target_value, Indicator.higher_is_better)
        .join(IndicatorTarget, IndicatorTarget.indicator_id == Indicator.id)
        .where(IndicatorTarget.school_year == school_year)
    )
    async with context.read_sessions() as session:
        return {code: (value, higher) for code, value, higher in (await session.execute(statement)).all()}


def _percent(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator * 100, 2)


async def _coverage(context: RequestContext, school_year: int, municipality_id: int | None) -> float | None:
    stats = await coverage_stats(context, school_year, [CoverageDimension.MUNICIPALITY] if municipality_id else [])
    if municipality_id is None:
        return _percent(stats.total.enrolled_children, stats.total.child_population)
    for row in stats.rows:
        if row.keys["municipality_id"] == municipality_id:
            return _percent(row.enrolled_children, row.child_population)
    return None


def _in_municipality(column: ColumnElement[int], municipality_id: int | None) -> list[ColumnElement[bool]]:
    return [] if municipality_id is None else [column == municipality_id]


async def _disabled_coverage(context: RequestContext, school_year: int, municipality_id: int | None) -> float | None:
    """Share of students with a disability status in the registry who are enrolled in the year."""
    students = [
        Participant.category == ParticipantCategory.STUDENT,
        Participant.has_disability_status.is_(True),
        *_in_municipality(Participant.municipality_id, municipality_id),
    ]
    enrolled = (
        select(func.count(func.distinct(Enrollment.participant_id)))
        .join(Participant, Participant.id == Enrollment.participant_id)
        .where(Enrollment.school_year == school_year, Enrollment.status != EnrollmentStatus.WITHDRAWN, *students)
    )
    registered = select(func.count()).select_from(Participant).where(*students)
    async with context.read_sessions() as session:
        numerator = (await session.execute(enrolled)).scalar_one()
        denominator = (await session.execute(registered)).scalar_one()
    if not can_see_unsuppressed(context) and 0 < numerator < context.monitoring.suppression_threshold:
        return None
    return _percent(numerator, denominator)


async def _regional_win_share(context: RequestContext, school_year: int, municipality_id: int | None) -> float | None:
    won = func.sum(
        case((Participation.result.in_([ParticipationResult.WINNER, ParticipationResult.PRIZE_WINNER]), 1), else_=0)
    )
    statement = (
        select(func.count(), won, func.count(func.distinct(Participation.participant_id)))
        .select_from(Participation)
        .where(
            Participation.school_year == school_year,
            Participation.event_level.in_(HIGH_LEVELS),
            *_in_municipality(Participation.municipality_id, municipality_id),
        )
    )
    async with context.read_sessions() as session:
        participations, wins, people = (await session.execute(statement)).one()
    if not can_see_unsuppressed(context) and 0 < people < context.monitoring.suppression_threshold:
        return None
    return _percent(int(wins or 0), participations)


async def _innovation(context: RequestContext, school_year: int, municipality_id: int | None) -> dict[str, float]:
    start, end = school_year_bounds(school_year)
    first_day, last_day = start.date(), end.date()
    hosts = _in_municipality(Organization.municipality_id, municipality_id)
    active = and_(
        InnovationSite.status.in_([InnovationSiteStatus.ACTIVE, InnovationSiteStatus.EXTENDED]),
        InnovationSite.start_date < last_day,
        or_(InnovationSite.end_date.is_(None), InnovationSite.end_date >= first_day),
    )
    sites = (
        select(func.count())
        .select_from(InnovationSite)
        .join(Organization, Organization.id == InnovationSite.organization_id)
        .where(active, *hosts)
    )
    products = (
        select(func.count())
        .select_from(InnovationProduct)
        .join(InnovationSite, InnovationSite.id == InnovationProduct.site_id)
        .join(Organization, Organization.id == InnovationSite.organization_id)
        .where(InnovationProduct.published_at >= start, InnovationProduct.published_at < end, *hosts)
    )
    async with context.read_sessions() as session:
        return {
            ACTIVE_SITES.code: float((await session.execute(sites)).scalar_one()),
            PRODUCTS.code: float((await session.execute(products)).scalar_one()),
        }


async def _adult_events(context: RequestContext, school_year: int, municipality_id: int | None) -> dict[str, float]:
    for_adults = select(event_audiences.c.event_id).where(event_audiences.c.category.in_(ADULTS))
    statement = (
        select(Event.format, func.count())
        .where(
            Event.school_year == school_year,
            Event.id.in_(for_adults),
            *_in_municipality(Event.municipality_id, municipality_id),
        )
        .group_by(Event.format)
    )
    async with context.read_sessions() as session:
        counts = dict((await session.execute(statement)).all())
    return {spec.code: float(counts.get(event_format, 0)) for event_format, spec in ADULT_EVENTS.items()}
