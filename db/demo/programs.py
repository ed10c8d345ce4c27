"""Synthetic additional education programmes, their levels, network partners and adaptations."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from db.demo.organizations import OrganizationCatalogue
from db.demo.sampling import SCHOOL_YEARS, Row, local_moment, pick, pick_distinct, random_day, rank_weights
from db.enums import (
    DisabilityCategory,
    FinancingSource,
    OrganizationKind,
    Orientation,
    ProgramLevel,
    ProgramStatus,
    ProgramType,
    StudyForm,
)
from db.text import normalize_text

# Titles per orientation, the most common first: many organisations teach «Робототехника».
PROGRAM_TITLES = {
    Orientation.TECHNICAL: (
        "Робототехника",
        "Легоконструирование",
        "3D-моделирование",
        "Юный программист",
        "Основы программирования на Python",
        "Компьютерная графика",
        "Начальное техническое моделирование",
        "Авиамоделирование",
        "Беспилотные авиационные системы",
        "Алгоритмика",
        "Радиоэлектроника",
        "Мультимедийная студия «Кадр»",
        "Инженерная графика",
        "Твёрдые основы черчения",
        "Судомоделирование",
        "Промышленный дизайн",
        "Видеомонтаж",
        "Введение в искусственный интеллект",
        "Картинг",
    ),
    Orientation.NATURAL_SCIENCE: (
        "Юный эколог",
        "Занимательная химия",
        "Юный натуралист",
        "Занимательная математика",
        "Экспериментальная физика",
        "Олимпиадная математика",
        "Зелёная лаборатория",
        "Юный биолог",
        "Экология родного края",
        "Астрономия для школьников",
        "Мир минералов Урала",
        "Медицинская химия",
        "Основы генетики",
    ),
    Orientation.ARTS: (
        "Хореография",
        "Изостудия",
        "Вокальная студия «Жаворонок»",
        "Театральная студия",
        "Декоративно-прикладное творчество",
        "Хореографический ансамбль «Ёлочка»",
        "Эстрадный вокал",
        "Хор «Весёлые нотки»",
        "Гитара",
        "Фортепиано",
        "Современный танец",
        "Народный танец",
        "Бисероплетение",
        "Керамика",
        "Фотостудия",
        "Художественная роспись",
        "Кукольный театр «Теремок»",
        "Ансамбль народного танца «Уральские узоры»",
        "Духовой оркестр",
        "Мягкая игрушка",
    ),
    Orientation.PHYSICAL_CULTURE_SPORTS: (
        "Шахматы",
        "Мини-футбол",
        "Волейбол",
        "Баскетбол",
        "Общая физическая подготовка",
        "Лыжные гонки",
        "Хоккей",
        "Самбо",
        "Дзюдо",
        "Лёгкая атлетика",
        "Настольный теннис",
        "Спортивная гимнастика",
        "Художественная гимнастика",
        "Плавание",
        "Футбол",
        "Каратэ",
        "Шашки",
        "Тхэквондо",
    ),
    Orientation.TOURISM_LOCAL_HISTORY: (
        "Юный турист",
        "Краеведение Южного Урала",
        "Школьный музей",
        "Спортивный туризм",
        "Юные экскурсоводы",
        "Спортивное ориентирование",
        "Берёзовый край",
        "Пешеходный туризм",
        "Историческое краеведение",
        "Моя малая родина",
    ),
    Orientation.SOCIAL_HUMANITARIAN: (
        "Школа вожатого",
        "Юный журналист",
        "Юные инспекторы движения",
        "Английский для малышей",
        "Финансовая грамотность",
        "Школа лидера",
        "Волонтёры",
        "Дебаты",
        "Подготовка к школе «Дошколёнок»",
        "Школьное медиа «Перемена»",
        "Психология общения",
        "Юный правовед",
        "Основы предпринимательства",
        "Занимательная лингвистика",
        "Китайский язык",
    ),
}

ORIENTATION_SHARES = (
    (Orientation.ARTS, 0.26),
    (Orientation.TECHNICAL, 0.22),
    (Orientation.PHYSICAL_CULTURE_SPORTS, 0.22),
    (Orientation.SOCIAL_HUMANITARIAN, 0.14),
    (Orientation.NATURAL_SCIENCE, 0.10),
    (Orientation.TOURISM_LOCAL_HISTORY, 0.06),
)

# The orientation in the genitive, as a programme's description names it.
ORIENTATION_GENITIVE = {
    Orientation.TECHNICAL: "технической",
    Orientation.NATURAL_SCIENCE: "естественнонаучной",
    Orientation.PHYSICAL_CULTURE_SPORTS: "физкультурно-спортивной",
    Orientation.ARTS: "художественной",
    Orientation.TOURISM_LOCAL_HISTORY: "туристско-краеведческой",
    Orientation.SOCIAL_HUMANITARIAN: "социально-гуманитарной",
}

# How many programmes an organisation of each kind runs, relative to the others.
PROGRAMS_PER_ORGANIZATION = {
    OrganizationKind.ADDITIONAL_EDUCATION: 14.0,
    OrganizationKind.SCHOOL: 2.5,
    OrganizationKind.COLLEGE: 2.5,
    OrganizationKind.UNIVERSITY: 3.0,
    OrganizationKind.PRESCHOOL: 1.0,
    OrganizationKind.OTHER: 1.0,
}

PRESCHOOL_ORIENTATIONS = (
    (Orientation.ARTS, 0.5),
    (Orientation.PHYSICAL_CULTURE_SPORTS, 0.25),
    (Orientation.SOCIAL_HUMANITARIAN, 0.25),
)
UNIVERSITY_ORIENTATIONS = (
    (Orientation.NATURAL_SCIENCE, 0.4),
    (Orientation.TECHNICAL, 0.4),
    (Orientation.SOCIAL_HUMANITARIAN, 0.2),
)

LEVEL_SETS = (
    ((ProgramLevel.STARTER,), 0.25),
    ((ProgramLevel.BASIC,), 0.30),
    ((ProgramLevel.ADVANCED,), 0.05),
    ((ProgramLevel.STARTER, ProgramLevel.BASIC), 0.25),
    ((ProgramLevel.BASIC, ProgramLevel.ADVANCED), 0.10),
    ((ProgramLevel.STARTER, ProgramLevel.BASIC, ProgramLevel.ADVANCED), 0.05),
)

STUDY_FORMS = ((StudyForm.FULL_TIME, 0.90), (StudyForm.PART_TIME, 0.07), (StudyForm.EXTRAMURAL, 0.03))
FINANCING = ((FinancingSource.CERTIFICATE, 0.45), (FinancingSource.FREE, 0.45), (FinancingSource.PAID, 0.10))
HOURS = ((36, 0.15), (72, 0.30), (108, 0.15), (144, 0.30), (216, 0.10))
# More programmes are registered every year.
SCHOOL_YEAR_SHARES = tuple(zip(SCHOOL_YEARS, (0.16, 0.18, 0.20, 0.22, 0.24)))

ADAPTATION_CATEGORIES = (
    (DisabilityCategory.SEVERE_SPEECH_DISORDER, 0.25),
    (DisabilityCategory.DEVELOPMENTAL_DELAY, 0.25),
    (DisabilityCategory.MUSCULOSKELETAL_DISORDER, 0.12),
    (DisabilityCategory.AUTISM_SPECTRUM, 0.10),
    (DisabilityCategory.VISUALLY_IMPAIRED, 0.08),
    (DisabilityCategory.HARD_OF_HEARING, 0.08),
    (DisabilityCategory.INTELLECTUAL_DISABILITY, 0.07),
    (DisabilityCategory.OTHER, 0.05),
)

NETWORK_SHARE = 0.10
DISTANCE_LEARNING_SHARE = 0.15
ADAPTED_SHARE = 0.05
# Share of the programmes at additional-education centres that are open region-wide with
# hundreds of places, usually online.
MASS_PROGRAM_SHARE = 0.01
MASS_PROGRAM_MIN_CAPACITY = 300
# Places of a large programme: region-wide, with thousands of enrollments.
LARGE_PROGRAM_CAPACITIES = range(2000, 5001, 500)


@dataclass
class ProgramTables:
    programs: list[Row]
    program_levels: list[Row]
    program_partners: list[Row]
    program_adapted_for: list[Row]

    def tables(self) -> dict[str, list[Row]]:
        return {
            "programs": self.programs,
            "program_levels": self.program_levels,
            "program_partners": self.program_partners,
            "program_adapted_for": self.program_adapted_for,
        }


def is_mass_program(program: Row) -> bool:
    """Tell whether a programme takes students from the whole region rather than its municipality."""
    return (program["capacity"] or 0) >= MASS_PROGRAM_MIN_CAPACITY


def build_programs(rng: random.Random, count: int, organizations: OrganizationCatalogue) -> ProgramTables:
    """Generate `count` programmes, mostly at additional-education centres and schools."""
    organization_ids = [row["id"] for row in organizations.rows]
    weights = [PROGRAMS_PER_ORGANIZATION[row["kind"]] for row in organizations.rows]
    owners = rng.choices(organization_ids, weights, k=count)
    title_weights = {
        orientation: rank_weights(len(titles), 2.0) for orientation, titles in PROGRAM_TITLES.items()
    }

    tables = ProgramTables([], [], [], [])
    for program_id, organization_id in enumerate(owners, start=1):
        program = draft_program(rng, program_id, organization_id, organizations, title_weights)
        tables.programs.append(program)
        tables.program_levels += [
            {"program_id": program_id, "level": level} for level in pick(rng, LEVEL_SETS)
        ]
        if program["is_network"]:
            tables.program_partners += draw_partners(rng, program, organization_ids, organizations)
        if program["is_adapted"]:
            tables.program_adapted_for += draw_adaptations(rng, program_id)
    return tables


def scale_capacities(programs: list[Row], factor: int) -> None:
    """Multiply every programme's capacity by `factor`; a programme without a capacity keeps none."""
    for program in programs:
        if program["capacity"] is not None:
            program["capacity"] *= factor


def enlarge_programs(rng: random.Random, programs: list[Row], count: int) -> None:
    """Give `count` region-wide, non-draft programmes thousands of places, fewer if fewer exist."""
    candidates = [
        program for program in programs if is_mass_program(program) and program["status"] is not ProgramStatus.DRAFT
    ]
    for program in rng.sample(candidates, min(count, len(candidates))):
        program["capacity"] = rng.choice(LARGE_PROGRAM_CAPACITIES)


def draft_program(
    rng: random.Random,
    program_id: int,
    organization_id: int,
    organizations: OrganizationCatalogue,
    title_weights: dict[Orientation, list[float]],
) -> Row:
    kind = organizations.kind_of(organization_id)
    orientation = choose_orientation(rng, kind, organizations.profiles[organization_id])
    title = rng.choices(PROGRAM_TITLES[orientation], title_weights[orientation])[0]
    program_type = choose_program_type(rng, orientation, organizations.profiles[organization_id])
    age_from, age_to = choose_ages(rng, kind, program_type)
    hours = pick(rng, HOURS)
    school_year = pick(rng, SCHOOL_YEAR_SHARES)
    is_mass = kind is OrganizationKind.ADDITIONAL_EDUCATION and rng.random() < MASS_PROGRAM_SHARE
    created_at = local_moment(
        random_day(rng, date(school_year, 5, 15), date(school_year, 8, 31)),
        rng.randint(9, 17),
        rng.choice((0, 15, 30, 45)),
    )
    updated_at = created_at + timedelta(days=rng.randint(0, 180), minutes=rng.randint(0, 600))

    return {
        "id": program_id,
        "external_id": f"demo-program-{program_id:06d}",
        "title": title,
        "description": describe_program(orientation, program_type, age_from, age_to, hours),
        "orientation": orientation,
        "program_type": program_type,
        "study_form": StudyForm.FULL_TIME if is_mass else pick(rng, STUDY_FORMS),
        "is_network": rng.random() < NETWORK_SHARE,
        "uses_distance_learning": is_mass or rng.random() < DISTANCE_LEARNING_SHARE,
        "is_adapted": rng.random() < ADAPTED_SHARE,
        "age_from": age_from,
        "age_to": age_to,
        "hours": hours,
        "financing": pick(rng, FINANCING),
        "capacity": choose_capacity(rng, is_mass),
        "status": choose_status(rng, school_year),
        "school_year": school_year,
        "organization_id": organization_id,
        "municipality_id": organizations.municipality_of(organization_id),
        "created_at": created_at,
        "updated_at": updated_at,
        "search_key": normalize_text(title),
    }


def choose_orientation(
    rng: random.Random, kind: OrganizationKind, profile: Orientation | None
) -> Orientation:
    if profile is not None and rng.random() < 0.8:
        return profile
    if kind is OrganizationKind.PRESCHOOL:
        return pick(rng, PRESCHOOL_ORIENTATIONS)
    if kind is OrganizationKind.UNIVERSITY:
        return pick(rng, UNIVERSITY_ORIENTATIONS)
    return pick(rng, ORIENTATION_SHARES)


def choose_program_type(
    rng: random.Random, orientation: Orientation, profile: Orientation | None
) -> ProgramType:
    """Pre-professional programmes exist in the arts and sports, at schools of arts and sports schools."""
    specialised = (
        orientation in (Orientation.ARTS, Orientation.PHYSICAL_CULTURE_SPORTS) and profile is orientation
    )
    if specialised and rng.random() < 0.35:
        return ProgramType.PRE_PROFESSIONAL
    return ProgramType.GENERAL_DEVELOPMENTAL


def choose_ages(rng: random.Random, kind: OrganizationKind, program_type: ProgramType) -> tuple[int, int]:
    """Draw an age range within 5–18 years."""
    if kind is OrganizationKind.PRESCHOOL:
        return 5, 7
    if program_type is ProgramType.PRE_PROFESSIONAL:
        return rng.choice((6, 7, 8)), rng.choice((15, 16, 17))
    age_from = rng.choices(range(5, 16), weights=(4, 6, 10, 10, 10, 9, 8, 7, 5, 4, 3))[0]
    age_to = min(18, age_from + rng.randint(2, 8))
    return age_from, age_to


def choose_capacity(rng: random.Random, is_mass: bool) -> int | None:
    if is_mass:
        return rng.randrange(MASS_PROGRAM_MIN_CAPACITY, 801, 50)
    draw = rng.random()
    if draw < 0.03:
        return None
    if draw < 0.92:
        return rng.randint(10, 30)
    return rng.randint(31, 60)


def choose_status(rng: random.Random, school_year: int) -> ProgramStatus:
    """Current programmes are mostly published; some of the past years' are archived."""
    draw = rng.random()
    if school_year == SCHOOL_YEARS[-1]:
        return ProgramStatus.DRAFT if draw < 0.12 else ProgramStatus.PUBLISHED
    if draw < 0.03:
        return ProgramStatus.DRAFT
    if draw < 0.25:
        return ProgramStatus.ARCHIVED
    return ProgramStatus.PUBLISHED


def describe_program(
    orientation: Orientation, program_type: ProgramType, age_from: int, age_to: int, hours: int
) -> str:
    kind = "общеразвивающая" if program_type is ProgramType.GENERAL_DEVELOPMENTAL else "предпрофессиональная"
    return (
        f"Дополнительная общеобразовательная {kind} программа {ORIENTATION_GENITIVE[orientation]} "
        f"направленности для детей {age_from}–{age_to} лет, {hours} ч."
    )


def draw_partners(
    rng: random.Random, program: Row, organization_ids: list[int], organizations: OrganizationCatalogue
) -> list[Row]:
    """Draw 1–2 partner organisations other than the owner, mostly from the same municipality."""
    owner_id = program["organization_id"]
    neighbours = [
        organization_id
        for kind in OrganizationKind
        for organization_id in organizations.ids_by_municipality_kind.get(
            (program["municipality_id"], kind), []
        )
        if organization_id != owner_id
    ]
    candidates = (
        neighbours if neighbours and rng.random() < 0.7 else [i for i in organization_ids if i != owner_id]
    )
    partner_ids = rng.sample(candidates, min(rng.randint(1, 2), len(candidates)))
    return [
        {"program_id": program["id"], "organization_id": partner_id} for partner_id in sorted(partner_ids)
    ]


def draw_adaptations(rng: random.Random, program_id: int) -> list[Row]:
    categories = pick_distinct(rng, ADAPTATION_CATEGORIES, rng.randint(1, 3))
    return [{"program_id": program_id, "category": category} for category in categories]
