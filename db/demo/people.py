"""Synthetic participants: students, teachers, managers and parents, with disability attributes.

Every person is invented. Students are a snapshot of the 2024/25 school year: a student in
grade g was born in 2018 − g, so students are 7–17 years old in 2024.
"""

import random
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from db.demo.geography import DemoMunicipality
from db.demo.names import draw_full_name
from db.demo.organizations import OrganizationCatalogue
from db.demo.sampling import Row, pick, pick_distinct, random_day
from db.enums import DisabilityCategory, OrganizationKind, ParticipantCategory, Sex

SNAPSHOT_SCHOOL_YEAR = 2024

CATEGORY_SHARES = (
    (ParticipantCategory.STUDENT, 0.90),
    (ParticipantCategory.TEACHER, 0.06),
    (ParticipantCategory.MANAGER, 0.01),
    (ParticipantCategory.PARENT, 0.03),
)

# Fewer students stay for grades 10 and 11 than in the earlier grades.
GRADE_WEIGHTS = tuple((grade, 1.0 if grade <= 9 else 0.6) for grade in range(1, 12))

FEMALE_SHARE = {
    ParticipantCategory.STUDENT: 0.5,
    ParticipantCategory.TEACHER: 0.82,
    ParticipantCategory.MANAGER: 0.7,
    ParticipantCategory.PARENT: 0.75,
}

ADULT_BIRTH_YEARS = {
    ParticipantCategory.TEACHER: (1960, 2000),
    ParticipantCategory.MANAGER: (1960, 1990),
    ParticipantCategory.PARENT: (1975, 1995),
}

TEACHER_WORKPLACES = ((OrganizationKind.SCHOOL, 0.75), (OrganizationKind.ADDITIONAL_EDUCATION, 0.25))
MANAGER_WORKPLACES = (
    (OrganizationKind.SCHOOL, 0.6),
    (OrganizationKind.ADDITIONAL_EDUCATION, 0.25),
    (OrganizationKind.PRESCHOOL, 0.1),
    (OrganizationKind.COLLEGE, 0.05),
)

# Share of students with the status of a child with disabilities (ОВЗ), and the chance of a
# disabled child («ребёнок-инвалид») with and without that status: about 2 % in all.
DISABILITY_STATUS_SHARE = 0.05
DISABLED_CHILD_WITH_STATUS = 0.25
DISABLED_CHILD_WITHOUT_STATUS = 0.008

DISABILITY_CATEGORIES = (
    (DisabilityCategory.SEVERE_SPEECH_DISORDER, 0.30),
    (DisabilityCategory.DEVELOPMENTAL_DELAY, 0.25),
    (DisabilityCategory.MUSCULOSKELETAL_DISORDER, 0.10),
    (DisabilityCategory.VISUALLY_IMPAIRED, 0.08),
    (DisabilityCategory.HARD_OF_HEARING, 0.06),
    (DisabilityCategory.AUTISM_SPECTRUM, 0.06),
    (DisabilityCategory.INTELLECTUAL_DISABILITY, 0.06),
    (DisabilityCategory.OTHER, 0.04),
    (DisabilityCategory.DEAF, 0.02),
    (DisabilityCategory.MULTIPLE_SEVERE_DISABILITIES, 0.02),
    (DisabilityCategory.BLIND, 0.01),
)


@dataclass
class ParticipantTables:
    participants: list[Row]
    participant_disabilities: list[Row]

    def tables(self) -> dict[str, list[Row]]:
        return {"participants": self.participants, "participant_disabilities": self.participant_disabilities}


def student_birth_year(grade: int) -> int:
    """Return the birth year of a student in `grade` in the 2024/25 school year.

    Children start grade 1 in the calendar year they turn 7.
    """
    return SNAPSHOT_SCHOOL_YEAR - 6 - grade


def build_participants(
    rng: random.Random,
    count: int,
    municipalities: list[DemoMunicipality],
    organizations: OrganizationCatalogue,
) -> ParticipantTables:
    """Generate `count` participants, students at schools in proportion to municipality size."""
    categories = categories_in_random_order(rng, count)
    municipality_ids = [municipality.id for municipality in municipalities]
    municipality_weights = [municipality.place.weight for municipality in municipalities]

    schools = SchoolChooser(organizations)

    tables = ParticipantTables([], [])
    for participant_id, category in enumerate(categories, start=1):
        if category is ParticipantCategory.STUDENT:
            municipality_id = rng.choices(municipality_ids, municipality_weights)[0]
            row = draft_student(rng, participant_id, municipality_id, schools)
            tables.participant_disabilities += draw_disabilities(rng, row)
        else:
            row = draft_adult(
                rng, participant_id, category, municipality_ids, municipality_weights, organizations
            )
        tables.participants.append(row)
    return tables


def categories_in_random_order(rng: random.Random, count: int) -> list[ParticipantCategory]:
    shares = [share for _category, share in CATEGORY_SHARES]
    counts = [round(count * share) for share in shares]
    counts[0] = count - sum(counts[1:])
    categories = [category for (category, _share), n in zip(CATEGORY_SHARES, counts) for _ in range(n)]
    rng.shuffle(categories)
    return categories


class SchoolChooser:
    """Draws a student's school in a municipality, larger schools more often."""

    def __init__(self, organizations: OrganizationCatalogue) -> None:
        self.schools: dict[int, list[int]] = {}
        self.cumulative_sizes: dict[int, list[float]] = {}
        for (municipality_id, kind), ids in organizations.ids_by_municipality_kind.items():
            if kind is OrganizationKind.SCHOOL:
                self.schools[municipality_id] = ids
                self.cumulative_sizes[municipality_id] = list(
                    accumulate(organizations.school_sizes[i] for i in ids)
                )

    def draw(self, rng: random.Random, municipality_id: int) -> int | None:
        if municipality_id not in self.schools:
            return None
        return rng.choices(self.schools[municipality_id], cum_weights=self.cumulative_sizes[municipality_id])[
            0
        ]


def draft_student(
    rng: random.Random, participant_id: int, municipality_id: int, schools: SchoolChooser
) -> Row:
    school_id = schools.draw(rng, municipality_id)
    grade = pick(rng, GRADE_WEIGHTS)
    birth_year = student_birth_year(grade)
    return person_row(
        rng, participant_id, ParticipantCategory.STUDENT, municipality_id, school_id, grade, birth_year
    )


def draft_adult(
    rng: random.Random,
    participant_id: int,
    category: ParticipantCategory,
    municipality_ids: list[int],
    municipality_weights: list[int],
    organizations: OrganizationCatalogue,
) -> Row:
    """Draft a teacher or manager at an organisation, or a parent without one."""
    if category is ParticipantCategory.PARENT:
        organization_id = None
        municipality_id = rng.choices(municipality_ids, municipality_weights)[0]
    else:
        workplaces = TEACHER_WORKPLACES if category is ParticipantCategory.TEACHER else MANAGER_WORKPLACES
        organization_id = rng.choice(organizations.ids_by_kind[pick(rng, workplaces)])
        municipality_id = organizations.municipality_of(organization_id)

    first_year, last_year = ADULT_BIRTH_YEARS[category]
    birth_year = rng.randint(first_year, last_year)
    return person_row(rng, participant_id, category, municipality_id, organization_id, None, birth_year)


def person_row(
    rng: random.Random,
    participant_id: int,
    category: ParticipantCategory,
    municipality_id: int,
    organization_id: int | None,
    grade: int | None,
    birth_year: int,
) -> Row:
    sex = Sex.FEMALE if rng.random() < FEMALE_SHARE[category] else Sex.MALE
    last_name, first_name, middle_name = draw_full_name(
        rng, sex, adult=category is not ParticipantCategory.STUDENT
    )
    return {
        "id": participant_id,
        "external_id": f"demo-person-{participant_id:07d}",
        "category": category,
        "municipality_id": municipality_id,
        "organization_id": organization_id,
        "grade": grade,
        "birth_year": birth_year,
        "sex": sex,
        "last_name": last_name,
        "first_name": first_name,
        "middle_name": middle_name,
        "birth_date": random_day(rng, date(birth_year, 1, 1), date(birth_year, 12, 31)),
        "has_disability_status": False,
        "is_disabled_child": False,
    }


def draw_disabilities(rng: random.Random, student: Row) -> list[Row]:
    """Set a student's disability attributes and return their ОВЗ categories."""
    has_status = rng.random() < DISABILITY_STATUS_SHARE
    disabled_child_chance = DISABLED_CHILD_WITH_STATUS if has_status else DISABLED_CHILD_WITHOUT_STATUS
    student["has_disability_status"] = has_status
    student["is_disabled_child"] = rng.random() < disabled_child_chance
    if not has_status:
        return []

    count = 1 if rng.random() < 0.8 else 2
    categories = pick_distinct(rng, DISABILITY_CATEGORIES, count)
    return [{"participant_id": student["id"], "category": category} for category in categories]
