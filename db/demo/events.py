"""Synthetic events of the school years 2020/21–2024/25.

Children's events are olympiad stages, contests, conferences, festivals and profile camps.
Adults get methodical seminars, webinars, focus groups, project sessions, master classes,
internships and discussions, some of them held at innovation sites. A few online events start
around midnight of 1 September local time, so that their school year depends on the time zone.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.demo.event_titles import (
    ADULT_EVENT_NOUNS,
    BOUNDARY_EVENT_NAMES,
    CHILDREN_EVENT_NAMES,
    OLYMPIAD_SUBJECTS,
    PARENT_TOPICS,
    STAGE_ADJECTIVES,
    TEACHER_TOPICS,
    OlympiadSubject,
)
from db.demo.geography import CHELYABINSK_CODE, DemoMunicipality
from db.demo.organizations import OrganizationCatalogue
from db.demo.roadmap import roadmap_ids
from db.demo.sampling import SCHOOL_YEARS, Row, apportion, local_moment, pick, random_day, weighted_sample
from db.enums import (
    EventFormat,
    EventKind,
    EventLevel,
    InnovationSiteKind,
    InnovationSiteStatus,
    OlympiadStage,
    OrganizationKind,
    Orientation,
    ParticipantCategory,
)
from db.text import normalize_text
from db.timezone import school_year_label, school_year_of

KIND_SHARES = (
    (EventKind.OLYMPIAD, 0.35),
    (EventKind.CONTEST, 0.20),
    (EventKind.CONFERENCE, 0.07),
    (EventKind.FESTIVAL, 0.06),
    (EventKind.OTHER, 0.02),
    (EventKind.METHODICAL_SESSION, 0.07),
    (EventKind.WEBINAR, 0.07),
    (EventKind.FOCUS_GROUP, 0.02),
    (EventKind.PROJECT_SESSION, 0.04),
    (EventKind.MASTER_CLASS, 0.05),
    (EventKind.INTERNSHIP, 0.03),
    (EventKind.DISCUSSION, 0.02),
)
CHILDREN_KINDS = (EventKind.CONTEST, EventKind.CONFERENCE, EventKind.FESTIVAL, EventKind.OTHER)
ADULT_KINDS = tuple(ADULT_EVENT_NOUNS)

# Events held by and for one municipality; events of higher levels have no municipality.
LOCAL_LEVELS = (EventLevel.SCHOOL, EventLevel.MUNICIPAL)

# More events are registered every year.
SCHOOL_YEAR_SHARES = tuple(zip(SCHOOL_YEARS, (0.16, 0.18, 0.20, 0.22, 0.24)))

STAGE_SHARES = (
    (OlympiadStage.SCHOOL, 0.36),
    (OlympiadStage.MUNICIPAL, 0.48),
    (OlympiadStage.REGIONAL, 0.09),
    (OlympiadStage.FINAL, 0.07),
)
STAGE_LEVELS = {
    OlympiadStage.SCHOOL: EventLevel.SCHOOL,
    OlympiadStage.MUNICIPAL: EventLevel.MUNICIPAL,
    OlympiadStage.REGIONAL: EventLevel.REGIONAL,
    OlympiadStage.FINAL: EventLevel.ALL_RUSSIAN,
}
# (month, day) of the first and last day each stage can take place; September–December belong
# to the school year's first calendar year, January–August to the second.
STAGE_WINDOWS = {
    OlympiadStage.SCHOOL: ((9, 20), (10, 31)),
    OlympiadStage.MUNICIPAL: ((11, 10), (12, 20)),
    OlympiadStage.REGIONAL: ((1, 10), (2, 28)),
    OlympiadStage.FINAL: ((4, 1), (4, 28)),
}
# Time from the start of a stage to its end.
STAGE_DURATIONS = {
    OlympiadStage.SCHOOL: timedelta(hours=3),
    OlympiadStage.MUNICIPAL: timedelta(hours=4),
    OlympiadStage.REGIONAL: timedelta(days=1, hours=5),
    OlympiadStage.FINAL: timedelta(days=5, hours=8),
}
# Subjects whose school stage runs online on a federal platform.
ONLINE_SCHOOL_STAGE_SUBJECTS = ("астрономия", "биология", "информатика", "математика", "физика", "химия")

CHILDREN_LEVELS = {
    EventKind.CONTEST: (
        (EventLevel.SCHOOL, 0.10),
        (EventLevel.MUNICIPAL, 0.35),
        (EventLevel.REGIONAL, 0.30),
        (EventLevel.INTERREGIONAL, 0.07),
        (EventLevel.ALL_RUSSIAN, 0.13),
        (EventLevel.INTERNATIONAL, 0.05),
    ),
    EventKind.CONFERENCE: (
        (EventLevel.SCHOOL, 0.10),
        (EventLevel.MUNICIPAL, 0.35),
        (EventLevel.REGIONAL, 0.40),
        (EventLevel.ALL_RUSSIAN, 0.15),
    ),
    EventKind.FESTIVAL: (
        (EventLevel.MUNICIPAL, 0.40),
        (EventLevel.REGIONAL, 0.40),
        (EventLevel.INTERREGIONAL, 0.10),
        (EventLevel.ALL_RUSSIAN, 0.10),
    ),
    EventKind.OTHER: ((EventLevel.REGIONAL, 0.8), (EventLevel.ALL_RUSSIAN, 0.2)),
}
CHILDREN_WINDOWS = {
    EventKind.CONTEST: ((10, 1), (5, 20)),
    EventKind.CONFERENCE: ((2, 1), (4, 30)),
    EventKind.FESTIVAL: ((10, 1), (6, 15)),
    EventKind.OTHER: ((6, 1), (8, 5)),
}
# Minimum and maximum length in days; 0 is an event that ends on the day it starts.
CHILDREN_DAYS = {
    EventKind.CONTEST: (0, 2),
    EventKind.CONFERENCE: (1, 2),
    EventKind.FESTIVAL: (1, 3),
    EventKind.OTHER: (7, 14),
}
FEDERAL_LIST_SHARE = 0.2
CHILDREN_FORMATS = ((EventFormat.OFFLINE, 0.7), (EventFormat.ONLINE, 0.15), (EventFormat.HYBRID, 0.15))

TEACHER = ParticipantCategory.TEACHER
MANAGER = ParticipantCategory.MANAGER
PARENT = ParticipantCategory.PARENT
ADULT_AUDIENCES = {
    EventKind.METHODICAL_SESSION: (((TEACHER,), 0.6), ((TEACHER, MANAGER), 0.4)),
    EventKind.WEBINAR: (((TEACHER,), 0.4), ((PARENT,), 0.3), ((TEACHER, PARENT), 0.15), ((MANAGER,), 0.15)),
    EventKind.FOCUS_GROUP: (((PARENT,), 0.5), ((TEACHER, PARENT), 0.3), ((TEACHER,), 0.2)),
    EventKind.PROJECT_SESSION: (((TEACHER, MANAGER), 0.6), ((MANAGER,), 0.4)),
    EventKind.MASTER_CLASS: (((TEACHER,), 1.0),),
    EventKind.INTERNSHIP: (((TEACHER,), 0.7), ((TEACHER, MANAGER), 0.3)),
    EventKind.DISCUSSION: (((TEACHER, MANAGER, PARENT), 0.4), ((TEACHER, MANAGER), 0.4), ((MANAGER,), 0.2)),
}
ADULT_DURATIONS = {
    EventKind.METHODICAL_SESSION: timedelta(hours=3),
    EventKind.WEBINAR: timedelta(hours=1, minutes=30),
    EventKind.FOCUS_GROUP: timedelta(hours=2),
    EventKind.PROJECT_SESSION: timedelta(days=1, hours=6),
    EventKind.MASTER_CLASS: timedelta(hours=2),
    EventKind.INTERNSHIP: timedelta(days=3, hours=6),
    EventKind.DISCUSSION: timedelta(hours=2, minutes=30),
}
ADULT_LEVELS = ((EventLevel.MUNICIPAL, 0.5), (EventLevel.REGIONAL, 0.45), (EventLevel.ALL_RUSSIAN, 0.05))
ADULT_WINDOW = ((9, 15), (5, 31))
ADULT_FORMATS = ((EventFormat.OFFLINE, 0.6), (EventFormat.ONLINE, 0.2), (EventFormat.HYBRID, 0.2))

# Chance that an adult event of a kind is held at an innovation site, and the site kinds it prefers.
SITE_EVENT_CHANCES = {
    EventKind.INTERNSHIP: (0.7, (InnovationSiteKind.INTERNSHIP_SITE, InnovationSiteKind.RESOURCE_CENTER)),
    EventKind.DISCUSSION: (0.6, (InnovationSiteKind.DISCUSSION_PLATFORM,)),
    EventKind.MASTER_CLASS: (0.2, ()),
    EventKind.PROJECT_SESSION: (0.2, ()),
    EventKind.METHODICAL_SESSION: (0.2, ()),
}

# Roadmap item linked to events of a kind, and the chance of the link; olympiads depend on the stage.
ROADMAP_LINKS = {
    OlympiadStage.SCHOOL: ("1.2", 0.2),
    OlympiadStage.MUNICIPAL: ("1.2", 0.2),
    OlympiadStage.REGIONAL: ("1.3", 0.6),
    OlympiadStage.FINAL: ("1.3", 0.3),
    EventKind.CONTEST: ("3.3", 0.25),
    EventKind.CONFERENCE: ("3.3", 0.25),
    EventKind.FESTIVAL: ("3.3", 0.25),
    EventKind.OTHER: ("3.4", 0.5),
    EventKind.METHODICAL_SESSION: ("2.3", 0.2),
    EventKind.INTERNSHIP: ("2.3", 0.3),
    EventKind.MASTER_CLASS: ("2.3", 0.2),
    EventKind.WEBINAR: ("2.4", 0.15),
    EventKind.FOCUS_GROUP: ("2.4", 0.3),
    EventKind.PROJECT_SESSION: ("2.2", 0.2),
    EventKind.DISCUSSION: ("2.2", 0.2),
}

# Below this many events, only the 2024 turn of the school year gets midnight events.
ALL_BOUNDARIES_MIN_EVENTS = 200


@dataclass
class EventDraft:
    row: Row
    audience: tuple[ParticipantCategory, ...]


@dataclass
class EventTables:
    events: list[Row]
    event_audiences: list[Row]

    def tables(self) -> dict[str, list[Row]]:
        return {"events": self.events, "event_audiences": self.event_audiences}


class EventSetting:
    """Municipalities, organisers and sites that the event generators draw from."""

    def __init__(
        self, municipalities: list[DemoMunicipality], organizations: OrganizationCatalogue, sites: list[Row]
    ) -> None:
        self.municipality_ids = [municipality.id for municipality in municipalities]
        self.municipality_weights = [municipality.place.weight for municipality in municipalities]
        self.municipality_names = {municipality.id: municipality.name for municipality in municipalities}
        self.organizations = organizations
        self.sites = sites
        # Regional events are organised by centres and universities of the regional centre.
        chelyabinsk_id = next(m.id for m in municipalities if m.code == CHELYABINSK_CODE)
        self.regional_organizer_ids = [
            organization_id
            for kind in (OrganizationKind.ADDITIONAL_EDUCATION, OrganizationKind.UNIVERSITY)
            for organization_id in organizations.ids_by_municipality_kind.get((chelyabinsk_id, kind), [])
        ]

    def draw_municipality(self, rng: random.Random) -> int:
        return rng.choices(self.municipality_ids, self.municipality_weights)[0]

    def draw_organizer(
        self, rng: random.Random, level: EventLevel, municipality_id: int | None
    ) -> int | None:
        """Draw a school for a school event, a centre for a municipal one, a regional organiser above.

        Interregional and higher events are run by federal organisers outside the registry.
        """
        if level is EventLevel.SCHOOL and municipality_id is not None:
            candidates = self.organizations.ids_by_municipality_kind.get(
                (municipality_id, OrganizationKind.SCHOOL), []
            )
        elif level is EventLevel.MUNICIPAL and municipality_id is not None:
            candidates = self.organizations.ids_by_municipality_kind.get(
                (municipality_id, OrganizationKind.ADDITIONAL_EDUCATION), []
            )
        elif level is EventLevel.REGIONAL:
            candidates = self.regional_organizer_ids
        else:
            candidates = []
        return rng.choice(candidates) if candidates else None


def build_events(
    rng: random.Random,
    count: int,
    municipalities: list[DemoMunicipality],
    organizations: OrganizationCatalogue,
    sites: list[Row],
) -> EventTables:
    """Generate `count` events with their audiences, numbered in order of their start."""
    setting = EventSetting(municipalities, organizations, sites)
    boundary_years = SCHOOL_YEARS[1:] if count >= ALL_BOUNDARIES_MIN_EVENTS else SCHOOL_YEARS[-1:]
    drafts = draft_boundary_events(setting, boundary_years)

    kinds = [kind for kind, _share in KIND_SHARES]
    kind_counts = dict(zip(kinds, apportion(count - len(drafts), [share for _kind, share in KIND_SHARES])))
    olympiads = draft_olympiads(rng, kind_counts[EventKind.OLYMPIAD], setting)
    drafts += olympiads
    # Olympiad stages can run out of distinct (year, subject, municipality) slots in a large region.
    kind_counts[EventKind.CONTEST] += kind_counts[EventKind.OLYMPIAD] - len(olympiads)

    for kind in CHILDREN_KINDS:
        drafts += [draft_children_event(rng, kind, setting) for _ in range(kind_counts[kind])]
    for kind in ADULT_KINDS:
        drafts += [draft_adult_event(rng, kind, setting) for _ in range(kind_counts[kind])]

    link_roadmap_items(rng, drafts)
    return number_events(drafts)


def event_row(
    title: str,
    kind: EventKind,
    level: EventLevel,
    starts_at: datetime,
    ends_at: datetime,
    event_format: EventFormat,
    *,
    olympiad_stage: OlympiadStage | None = None,
    orientation: Orientation | None = None,
    subject: str | None = None,
    in_federal_list: bool = False,
    organizer_id: int | None = None,
    municipality_id: int | None = None,
    innovation_site_id: int | None = None,
) -> Row:
    """Build an event row without its id; the school year follows from `starts_at` in local time."""
    return {
        "title": title,
        "kind": kind,
        "level": level,
        "olympiad_stage": olympiad_stage,
        "format": event_format,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "school_year": school_year_of(starts_at),
        "orientation": orientation,
        "subject": subject,
        "in_federal_list": in_federal_list,
        "organizer_id": organizer_id,
        "innovation_site_id": innovation_site_id,
        "municipality_id": municipality_id,
        "roadmap_item_id": None,
        "search_key": normalize_text(title),
    }


def day_in_window(
    rng: random.Random, school_year: int, window: tuple[tuple[int, int], tuple[int, int]]
) -> date:
    """Draw a day of `school_year` between two (month, day) bounds, September–August."""
    (first_month, first_day), (last_month, last_day) = window
    first = date(school_year if first_month >= 9 else school_year + 1, first_month, first_day)
    last = date(school_year if last_month >= 9 else school_year + 1, last_month, last_day)
    return random_day(rng, first, last)


def draft_boundary_events(setting: EventSetting, boundary_years: tuple[int, ...]) -> list[EventDraft]:
    """Draft online events starting at 23:30, 00:00 and 01:30 local time around 1 September.

    In UTC all three start on 31 August, but only the first belongs to the old school year.
    """
    offsets = (timedelta(minutes=-30), timedelta(0), timedelta(minutes=90))
    drafts = []
    for year in boundary_years:
        midnight = local_moment(date(year, 9, 1), 0)
        for offset, (kind, name) in zip(offsets, BOUNDARY_EVENT_NAMES):
            starts_at = midnight + offset
            row = event_row(
                name.title(EventLevel.REGIONAL),
                kind,
                EventLevel.REGIONAL,
                starts_at,
                starts_at + timedelta(hours=2, minutes=30),
                EventFormat.ONLINE,
                orientation=name.orientation,
                organizer_id=setting.regional_organizer_ids[0] if setting.regional_organizer_ids else None,
            )
            drafts.append(EventDraft(row, (ParticipantCategory.STUDENT,)))
    return drafts


def draft_olympiads(rng: random.Random, count: int, setting: EventSetting) -> list[EventDraft]:
    """Draft olympiad stages, at most one per school year, subject and (for local stages) municipality.

    All municipalities write a stage of a subject on the same day, as the region schedules it.
    """
    stages = [stage for stage, _share in STAGE_SHARES]
    stage_counts = apportion(count, [share for _stage, share in STAGE_SHARES])
    days: dict[tuple[int, OlympiadStage, str], date] = {}

    drafts = []
    for stage, stage_count in zip(stages, stage_counts):
        slots, weights = olympiad_slots(stage, setting)
        for school_year, subject, municipality_id in weighted_sample(rng, slots, weights, stage_count):
            key = (school_year, stage, subject.name)
            if key not in days:
                days[key] = day_in_window(rng, school_year, STAGE_WINDOWS[stage])
            drafts.append(draft_olympiad(rng, stage, subject, days[key], municipality_id, setting))
    return drafts


def olympiad_slots(
    stage: OlympiadStage, setting: EventSetting
) -> tuple[list[tuple[int, OlympiadSubject, int | None]], list[float]]:
    """List the possible (school year, subject, municipality) of a stage with their weights.

    Local stages lean towards larger municipalities, by the square root of their size so that
    small ones still hold some.
    """
    year_weights = dict(SCHOOL_YEAR_SHARES)
    if STAGE_LEVELS[stage] in LOCAL_LEVELS:
        places = list(zip(setting.municipality_ids, (weight**0.5 for weight in setting.municipality_weights)))
    else:
        places = [(None, 1.0)]

    slots = []
    weights = []
    for school_year in SCHOOL_YEARS:
        for subject in OLYMPIAD_SUBJECTS:
            for municipality_id, place_weight in places:
                slots.append((school_year, subject, municipality_id))
                weights.append(year_weights[school_year] * subject.weight * place_weight)
    return slots, weights


def draft_olympiad(
    rng: random.Random,
    stage: OlympiadStage,
    subject: OlympiadSubject,
    day: date,
    municipality_id: int | None,
    setting: EventSetting,
) -> EventDraft:
    level = STAGE_LEVELS[stage]
    school_year = school_year_of(day)
    title = (
        f"{STAGE_ADJECTIVES[stage]} этап всероссийской олимпиады школьников по {subject.dative}, "
        f"{school_year_label(school_year)}"
    )
    if municipality_id is not None:
        title += f", {setting.municipality_names[municipality_id]}"

    online = stage is OlympiadStage.SCHOOL and subject.name in ONLINE_SCHOOL_STAGE_SUBJECTS
    starts_at = local_moment(day, 10)
    organizer_id = None
    if stage in (OlympiadStage.MUNICIPAL, OlympiadStage.REGIONAL):
        organizer_id = setting.draw_organizer(rng, level, municipality_id)

    row = event_row(
        title,
        EventKind.OLYMPIAD,
        level,
        starts_at,
        starts_at + STAGE_DURATIONS[stage],
        EventFormat.ONLINE if online else EventFormat.OFFLINE,
        olympiad_stage=stage,
        orientation=subject.orientation,
        subject=subject.name,
        in_federal_list=stage in (OlympiadStage.REGIONAL, OlympiadStage.FINAL),
        organizer_id=organizer_id,
        municipality_id=municipality_id,
    )
    return EventDraft(row, (ParticipantCategory.STUDENT,))


def draft_children_event(rng: random.Random, kind: EventKind, setting: EventSetting) -> EventDraft:
    """Draft a contest, conference, festival or profile camp for students."""
    name = rng.choice(CHILDREN_EVENT_NAMES[kind])
    level = pick(rng, CHILDREN_LEVELS[kind])
    school_year = pick(rng, SCHOOL_YEAR_SHARES)
    day = day_in_window(rng, school_year, CHILDREN_WINDOWS[kind])
    starts_at = local_moment(day, rng.randint(9, 14), rng.choice((0, 30)))

    first_day, last_day = CHILDREN_DAYS[kind]
    ends_at = starts_at + timedelta(days=rng.randint(first_day, last_day), hours=rng.randint(2, 6))

    municipality_id = setting.draw_municipality(rng) if level in LOCAL_LEVELS else None
    in_federal_list = (
        level not in LOCAL_LEVELS and kind is not EventKind.OTHER and rng.random() < FEDERAL_LIST_SHARE
    )
    row = event_row(
        name.title(level),
        kind,
        level,
        starts_at,
        ends_at,
        pick(rng, CHILDREN_FORMATS),
        orientation=name.orientation,
        in_federal_list=in_federal_list,
        organizer_id=setting.draw_organizer(rng, level, municipality_id),
        municipality_id=municipality_id,
    )
    return EventDraft(row, (ParticipantCategory.STUDENT,))


def draft_adult_event(rng: random.Random, kind: EventKind, setting: EventSetting) -> EventDraft:
    """Draft an event for teachers, managers or parents, possibly at an innovation site."""
    audience = pick(rng, ADULT_AUDIENCES[kind])
    topics = PARENT_TOPICS if PARENT in audience else TEACHER_TOPICS
    level = pick(rng, ADULT_LEVELS)
    school_year = pick(rng, SCHOOL_YEAR_SHARES)
    day = day_in_window(rng, school_year, ADULT_WINDOW)
    # Parents come after work.
    starts_at = local_moment(day, 18 if PARENT in audience else rng.randint(10, 15))

    site = choose_site(rng, kind, day, setting.sites)
    if site is None:
        municipality_id = setting.draw_municipality(rng) if level in LOCAL_LEVELS else None
        organizer_id = setting.draw_organizer(rng, level, municipality_id)
    else:
        organizer_id = site["organization_id"]
        municipality_id = (
            setting.organizations.municipality_of(organizer_id) if level in LOCAL_LEVELS else None
        )

    row = event_row(
        f"{ADULT_EVENT_NOUNS[kind]} «{rng.choice(topics)}»",
        kind,
        level,
        starts_at,
        starts_at + ADULT_DURATIONS[kind],
        EventFormat.ONLINE if kind is EventKind.WEBINAR else pick(rng, ADULT_FORMATS),
        organizer_id=organizer_id,
        municipality_id=municipality_id,
        innovation_site_id=None if site is None else site["id"],
    )
    return EventDraft(row, audience)


def choose_site(rng: random.Random, kind: EventKind, day: date, sites: list[Row]) -> Row | None:
    """Choose an innovation site working on `day` to host the event, or None."""
    chance, preferred_kinds = SITE_EVENT_CHANCES.get(kind, (0.0, ()))
    if rng.random() >= chance:
        return None

    working = [
        site
        for site in sites
        if site["status"] is not InnovationSiteStatus.APPLIED
        and site["start_date"] <= day <= site["end_date"]
    ]
    preferred = [site for site in working if site["kind"] in preferred_kinds]
    candidates = preferred or working
    return rng.choice(candidates) if candidates else None


def link_roadmap_items(rng: random.Random, drafts: list[EventDraft]) -> None:
    """Link some events to the roadmap item they carry out."""
    ids = roadmap_ids()
    for draft in drafts:
        row = draft.row
        number, chance = ROADMAP_LINKS[row["olympiad_stage"] or row["kind"]]
        if rng.random() < chance:
            row["roadmap_item_id"] = ids[number]


def number_events(drafts: list[EventDraft]) -> EventTables:
    """Number the events 1..N in order of their start and list their audiences."""
    drafts.sort(
        key=lambda draft: (draft.row["starts_at"], draft.row["title"], draft.row["municipality_id"] or 0)
    )
    tables = EventTables([], [])
    for event_id, draft in enumerate(drafts, start=1):
        draft.row["id"] = event_id
        draft.row["external_id"] = f"demo-event-{event_id:06d}"
        tables.events.append(draft.row)
        tables.event_audiences += [
            {"event_id": event_id, "category": category} for category in draft.audience
        ]
    return tables
