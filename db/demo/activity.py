"""Participation in events and enrollment in programmes.

Participants are matched to what fits them: students of the right age to children's events and
programmes, adults of the audience's categories to adult events, and for school and municipal
events people of that municipality. Each event or programme draws its people without
replacement, so (event, participant) and (participant, programme, school year) never repeat.
"""

import random
from collections import defaultdict
from datetime import date

from db.demo.programs import is_mass_program
from db.demo.sampling import (
    SCHOOL_YEARS,
    Row,
    allocate_with_caps,
    local_moment,
    pick,
    random_day,
    sample_from_buckets,
)
from db.enums import (
    EnrollmentStatus,
    EventKind,
    EventLevel,
    OlympiadStage,
    ParticipantCategory,
    ParticipationResult,
    ProgramStatus,
)
from db.models.participations import snapshot_of

LOCAL_LEVELS = (EventLevel.SCHOOL, EventLevel.MUNICIPAL)

# Ages (school year minus birth year) of the students an event takes. Olympiad stages follow
# grades, at age = grade + 6: the school stage is open from grade 4, the municipal stage from
# grade 7 and the later stages from grade 9.
STAGE_AGES = {
    OlympiadStage.SCHOOL: (10, 17),
    OlympiadStage.MUNICIPAL: (13, 17),
    OlympiadStage.REGIONAL: (15, 17),
    OlympiadStage.FINAL: (15, 17),
}
KIND_AGES = {
    EventKind.CONTEST: (7, 17),
    EventKind.CONFERENCE: (10, 17),
    EventKind.FESTIVAL: (7, 17),
    EventKind.OTHER: (11, 17),
}

# Relative number of participants per event, before scaling to the requested total.
STAGE_SIZES = {
    OlympiadStage.SCHOOL: 250.0,
    OlympiadStage.MUNICIPAL: 90.0,
    OlympiadStage.REGIONAL: 45.0,
    OlympiadStage.FINAL: 4.0,
}
LEVEL_SIZES = {
    EventLevel.SCHOOL: 40.0,
    EventLevel.MUNICIPAL: 70.0,
    EventLevel.REGIONAL: 120.0,
    EventLevel.INTERREGIONAL: 80.0,
    EventLevel.ALL_RUSSIAN: 60.0,
    EventLevel.INTERNATIONAL: 30.0,
}
KIND_SIZE_FACTORS = {EventKind.CONFERENCE: 0.5, EventKind.FESTIVAL: 1.5, EventKind.OTHER: 0.6}
ADULT_EVENT_SIZE = 30.0
WEBINAR_SIZE = 60.0
# Largest share of the eligible people one event takes, and the size of a final's delegation.
SCHOOL_STAGE_MAX_SHARE = 0.6
EVENT_MAX_SHARE = 0.35
FINAL_MAX_PARTICIPANTS = 12

# Shares of winners and prize winners by olympiad stage, given by rank of score.
STAGE_AWARD_SHARES = {
    OlympiadStage.SCHOOL: (0.05, 0.15),
    OlympiadStage.MUNICIPAL: (0.04, 0.12),
    OlympiadStage.REGIONAL: (0.04, 0.15),
    OlympiadStage.FINAL: (0.08, 0.25),
}
PARTICIPANT = ParticipationResult.PARTICIPANT
WINNER = ParticipationResult.WINNER
PRIZE_WINNER = ParticipationResult.PRIZE_WINNER
LAUREATE = ParticipationResult.LAUREATE
DIPLOMA_HOLDER = ParticipationResult.DIPLOMA_HOLDER
RESULT_SHARES = {
    EventKind.CONTEST: (
        (WINNER, 0.03),
        (PRIZE_WINNER, 0.08),
        (LAUREATE, 0.05),
        (DIPLOMA_HOLDER, 0.07),
        (PARTICIPANT, 0.77),
    ),
    EventKind.FESTIVAL: (
        (WINNER, 0.02),
        (PRIZE_WINNER, 0.05),
        (LAUREATE, 0.12),
        (DIPLOMA_HOLDER, 0.10),
        (PARTICIPANT, 0.71),
    ),
    EventKind.CONFERENCE: ((WINNER, 0.04), (PRIZE_WINNER, 0.10), (DIPLOMA_HOLDER, 0.08), (PARTICIPANT, 0.78)),
}
MENTORED_KINDS = (EventKind.OLYMPIAD, EventKind.CONTEST, EventKind.CONFERENCE, EventKind.FESTIVAL)
MENTOR_SHARE = 0.3

ENROLLMENT_FILL = (0.6, 1.0)
PAST_YEAR_STATUSES = ((EnrollmentStatus.COMPLETED, 0.88), (EnrollmentStatus.WITHDRAWN, 0.12))
CURRENT_YEAR_STATUSES = (
    (EnrollmentStatus.ENROLLED, 0.9),
    (EnrollmentStatus.WITHDRAWN, 0.07),
    (EnrollmentStatus.COMPLETED, 0.03),
)
DEFAULT_CAPACITY = 30


class People:
    """Participants indexed for matching: students by birth year, adults by category."""

    def __init__(self, participants: list[Row]) -> None:
        self.rows = participants
        self.students_by_year: dict[int, list[int]] = defaultdict(list)
        self.students_by_place_year: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.adults_by_category: dict[ParticipantCategory, list[int]] = defaultdict(list)
        self.adults_by_place_category: dict[tuple[int, ParticipantCategory], list[int]] = defaultdict(list)
        self.teachers_by_organization: dict[int, list[int]] = defaultdict(list)

        for person in participants:
            category = person["category"]
            if category is ParticipantCategory.STUDENT:
                self.students_by_year[person["birth_year"]].append(person["id"])
                self.students_by_place_year[(person["municipality_id"], person["birth_year"])].append(
                    person["id"]
                )
            else:
                self.adults_by_category[category].append(person["id"])
                self.adults_by_place_category[(person["municipality_id"], category)].append(person["id"])
            if category is ParticipantCategory.TEACHER and person["organization_id"] is not None:
                self.teachers_by_organization[person["organization_id"]].append(person["id"])

        birth_years = sorted(self.students_by_year)
        self.first_birth_year = birth_years[0] if birth_years else 0
        self.last_birth_year = birth_years[-1] if birth_years else 0

    def person(self, participant_id: int) -> Row:
        return self.rows[participant_id - 1]

    def birth_years(self, school_year: int, ages: tuple[int, int]) -> range:
        """Return the birth years of students aged `ages` in `school_year`.

        The students are a 2024 snapshot, so early school years lack the older cohorts. When no
        cohort fits, the window slides to the nearest cohorts present, keeping its width.
        NOTE: so the regional olympiad stages of 2020/21 get students of grades 5–7.
        """
        youngest, oldest = ages
        first, last = school_year - oldest, school_year - youngest
        if last < self.first_birth_year:
            first, last = self.first_birth_year, self.first_birth_year + (last - first)
        elif first > self.last_birth_year:
            first, last = self.last_birth_year - (last - first), self.last_birth_year
        return range(max(first, self.first_birth_year), min(last, self.last_birth_year) + 1)

    def student_buckets(
        self, school_year: int, ages: tuple[int, int], municipality_id: int | None
    ) -> list[list[int]]:
        years = self.birth_years(school_year, ages)
        if municipality_id is None:
            return [self.students_by_year.get(year, []) for year in years]
        return [self.students_by_place_year.get((municipality_id, year), []) for year in years]

    def adult_buckets(
        self, categories: list[ParticipantCategory], municipality_id: int | None
    ) -> list[list[int]]:
        if municipality_id is None:
            return [self.adults_by_category.get(category, []) for category in categories]
        return [self.adults_by_place_category.get((municipality_id, category), []) for category in categories]


def build_participations(
    rng: random.Random, total: int, events: list[Row], event_audiences: list[Row], people: People
) -> list[Row]:
    """Generate about `total` participations spread over the events by their kind and level."""
    audiences: dict[int, list[ParticipantCategory]] = defaultdict(list)
    for audience in event_audiences:
        audiences[audience["event_id"]].append(audience["category"])

    eligible = [eligible_for_event(event, audiences[event["id"]], people) for event in events]
    weights = [event_size(event) * rng.uniform(0.5, 1.5) for event in events]
    caps = [
        event_cap(event, sum(len(bucket) for bucket in buckets)) for event, buckets in zip(events, eligible)
    ]
    counts = allocate_with_caps(total, weights, caps)

    rows: list[Row] = []
    for event, buckets, count in zip(events, eligible, counts):
        participant_ids = sample_from_buckets(rng, buckets, count)
        rows += participation_rows(rng, event, participant_ids, people, first_id=len(rows) + 1)
    return rows


def eligible_for_event(event: Row, audience: list[ParticipantCategory], people: People) -> list[list[int]]:
    """Return the ids of the people who fit an event, as disjoint buckets."""
    municipality_id = event["municipality_id"] if event["level"] in LOCAL_LEVELS else None
    if ParticipantCategory.STUDENT in audience:
        ages = STAGE_AGES[event["olympiad_stage"]] if event["olympiad_stage"] else KIND_AGES[event["kind"]]
        return people.student_buckets(event["school_year"], ages, municipality_id)
    return people.adult_buckets(audience, municipality_id)


def event_size(event: Row) -> float:
    kind = event["kind"]
    if event["olympiad_stage"] is not None:
        return STAGE_SIZES[event["olympiad_stage"]]
    if kind is EventKind.WEBINAR:
        return WEBINAR_SIZE
    if kind in KIND_AGES:
        return LEVEL_SIZES[event["level"]] * KIND_SIZE_FACTORS.get(kind, 1.0)
    return ADULT_EVENT_SIZE


def event_cap(event: Row, eligible: int) -> int:
    stage = event["olympiad_stage"]
    if stage is OlympiadStage.FINAL:
        return min(eligible, FINAL_MAX_PARTICIPANTS)
    share = SCHOOL_STAGE_MAX_SHARE if stage is OlympiadStage.SCHOOL else EVENT_MAX_SHARE
    return int(eligible * share)


def participation_rows(
    rng: random.Random, event: Row, participant_ids: list[int], people: People, first_id: int
) -> list[Row]:
    """Build one event's participations with results, olympiad scores and mentors."""
    results, scores = draw_results(rng, event, len(participant_ids))
    rows = []
    for offset, (participant_id, result, score) in enumerate(zip(participant_ids, results, scores)):
        person = people.person(participant_id)
        rows.append(
            {
                "id": first_id + offset,
                "participant_id": participant_id,
                "event_id": event["id"],
                "result": result,
                "score": score,
                "mentor_id": draw_mentor(rng, event, person, people),
                **snapshot_of(event, person),
            }
        )
    return rows


def draw_results(
    rng: random.Random, event: Row, count: int
) -> tuple[list[ParticipationResult], list[float | None]]:
    """Draw results: olympiads rank scores out of 100, contests and festivals draw awards."""
    stage = event["olympiad_stage"]
    if stage is None:
        shares = RESULT_SHARES.get(event["kind"])
        results = [PARTICIPANT if shares is None else pick(rng, shares) for _ in range(count)]
        return results, [None] * count

    scores = [round(min(100.0, max(0.0, rng.gauss(45.0, 18.0))), 1) for _ in range(count)]
    ranking = sorted(range(count), key=lambda index: -scores[index])
    winner_share, prize_share = STAGE_AWARD_SHARES[stage]
    winners = round(count * winner_share)
    prize_winners = round(count * prize_share)

    results = [PARTICIPANT] * count
    for rank, index in enumerate(ranking):
        if rank < winners:
            results[index] = WINNER
        elif rank < winners + prize_winners:
            results[index] = PRIZE_WINNER
    return results, scores


def draw_mentor(rng: random.Random, event: Row, person: Row, people: People) -> int | None:
    """Draw a teacher of the student's own organisation as mentor, for some students."""
    if person["category"] is not ParticipantCategory.STUDENT or event["kind"] not in MENTORED_KINDS:
        return None
    teachers = people.teachers_by_organization.get(person["organization_id"])
    if not teachers or rng.random() >= MENTOR_SHARE:
        return None
    return rng.choice(teachers)


def build_enrollments(rng: random.Random, total: int, programs: list[Row], people: People) -> list[Row]:
    """Generate about `total` enrollments of students in published and archived programmes.

    A programme takes students of its municipality and age range, up to its capacity; mass
    programmes take students from the whole region.
    """
    open_programs = [program for program in programs if program["status"] is not ProgramStatus.DRAFT]
    eligible = [eligible_for_program(program, people) for program in open_programs]
    capacities = [program["capacity"] or DEFAULT_CAPACITY for program in open_programs]
    weights = [capacity * rng.uniform(*ENROLLMENT_FILL) for capacity in capacities]
    caps = [
        min(capacity, sum(len(bucket) for bucket in buckets))
        for capacity, buckets in zip(capacities, eligible)
    ]
    counts = allocate_with_caps(total, weights, caps)

    rows: list[Row] = []
    for program, buckets, count in zip(open_programs, eligible, counts):
        for participant_id in sample_from_buckets(rng, buckets, count):
            rows.append(enrollment_row(rng, len(rows) + 1, program, participant_id))
    return rows


def eligible_for_program(program: Row, people: People) -> list[list[int]]:
    """Return the ids of the students who fit a programme, as disjoint buckets."""
    municipality_id = None if is_mass_program(program) else program["municipality_id"]
    return people.student_buckets(
        program["school_year"], (program["age_from"], program["age_to"]), municipality_id
    )


def enrollment_row(rng: random.Random, enrollment_id: int, program: Row, participant_id: int) -> Row:
    school_year = program["school_year"]
    statuses = CURRENT_YEAR_STATUSES if school_year == SCHOOL_YEARS[-1] else PAST_YEAR_STATUSES
    day = random_day(rng, date(school_year, 9, 1), date(school_year, 10, 31))
    return {
        "id": enrollment_id,
        "participant_id": participant_id,
        "program_id": program["id"],
        "school_year": school_year,
        "status": pick(rng, statuses),
        "enrolled_at": local_moment(day, rng.randint(8, 19), rng.randint(0, 59)),
    }
