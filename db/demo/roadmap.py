"""A small synthetic roadmap of the talent programme and its target indicators.

The items and indicators are modelled on the kinds of measures such a programme lists, but the
wording, dates and targets are invented for the demo.
"""

from dataclasses import dataclass
from datetime import date

from db.demo.sampling import SCHOOL_YEARS, Row
from db.enums import RoadmapItemStatus
from db.models import roadmap_number_key
from db.text import normalize_text

MINISTRY = "Министерство образования и науки Челябинской области"
TALENT_CENTRE = "Региональный центр выявления и поддержки одарённых детей"
TEACHER_INSTITUTE = "Региональный институт развития образования"
MODEL_CENTRE = "Региональный модельный центр дополнительного образования детей"
MUNICIPAL_AUTHORITIES = "Органы местного самоуправления, осуществляющие управление в сфере образования"

SECTIONS = {"1": "Выявление", "2": "Сопровождение", "3": "Развитие"}


@dataclass(frozen=True)
class RoadmapItemSpec:
    number: str
    title: str
    responsible: str
    due_date: date
    # The status as of AS_OF (1 June 2025).
    status: RoadmapItemStatus


DONE = RoadmapItemStatus.DONE
IN_PROGRESS = RoadmapItemStatus.IN_PROGRESS
OVERDUE = RoadmapItemStatus.OVERDUE
PLANNED = RoadmapItemStatus.PLANNED

ROADMAP_ITEMS = (
    RoadmapItemSpec(
        "1.1",
        "Формирование региональной системы выявления одарённых детей по результатам олимпиад и конкурсов",
        MINISTRY,
        date(2023, 12, 31),
        DONE,
    ),
    RoadmapItemSpec(
        "1.2",
        "Организация школьного и муниципального этапов всероссийской олимпиады школьников",
        MUNICIPAL_AUTHORITIES,
        date(2025, 12, 31),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "1.3",
        "Организация регионального этапа всероссийской олимпиады школьников",
        TALENT_CENTRE,
        date(2026, 2, 28),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "1.4", "Ведение регионального реестра одарённых детей", TALENT_CENTRE, date(2024, 12, 31), OVERDUE
    ),
    RoadmapItemSpec(
        "1.5",
        "Психолого-педагогическая диагностика способностей детей дошкольного и младшего школьного возраста",
        TEACHER_INSTITUTE,
        date(2026, 5, 31),
        PLANNED,
    ),
    RoadmapItemSpec(
        "2.1",
        "Разработка индивидуальных образовательных маршрутов одарённых обучающихся",
        MUNICIPAL_AUTHORITIES,
        date(2024, 8, 31),
        DONE,
    ),
    RoadmapItemSpec(
        "2.2",
        "Развитие наставничества в работе с одарёнными детьми",
        TEACHER_INSTITUTE,
        date(2025, 12, 31),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "2.3",
        "Повышение квалификации педагогов по работе с одарёнными детьми",
        TEACHER_INSTITUTE,
        date(2026, 12, 31),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "2.4", "Консультирование родителей одарённых детей", TALENT_CENTRE, date(2025, 5, 31), OVERDUE
    ),
    RoadmapItemSpec(
        "2.5",
        "Сопровождение одарённых детей с ограниченными возможностями здоровья",
        TALENT_CENTRE,
        date(2026, 8, 31),
        PLANNED,
    ),
    RoadmapItemSpec(
        "2.6",
        "Развитие сети региональных инновационных площадок по работе с одарёнными детьми",
        MINISTRY,
        date(2024, 12, 31),
        DONE,
    ),
    RoadmapItemSpec(
        "3.1",
        "Увеличение охвата детей 5–18 лет дополнительным образованием до 80 %",
        MODEL_CENTRE,
        date(2027, 12, 31),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "3.2",
        "Развитие сетевых форм реализации дополнительных общеобразовательных программ",
        MODEL_CENTRE,
        date(2025, 12, 31),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "3.3",
        "Проведение региональных конкурсов, фестивалей и конференций для обучающихся",
        TALENT_CENTRE,
        date(2026, 6, 30),
        IN_PROGRESS,
    ),
    RoadmapItemSpec(
        "3.4", "Организация профильных смен для одарённых детей", TALENT_CENTRE, date(2025, 8, 31), PLANNED
    ),
)


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    title: str
    unit: str
    higher_is_better: bool
    roadmap_number: str | None
    # Target values for the school years 2020–2024.
    targets: tuple[float, float, float, float, float]


# The first four codes are indicators whose actual values monitoring computes from the data.
INDICATORS = (
    IndicatorSpec(
        "COVERAGE_5_18",
        "Доля детей 5–18 лет, охваченных дополнительным образованием",
        "%",
        True,
        "3.1",
        (75.0, 76.0, 77.5, 79.0, 80.0),
    ),
    IndicatorSpec(
        "COVERAGE_DISABLED",
        "Доля обучающихся с ОВЗ, охваченных дополнительным образованием",
        "%",
        True,
        "2.5",
        (20.0, 22.0, 24.0, 26.0, 28.0),
    ),
    IndicatorSpec(
        "REGIONAL_WIN_SHARE",
        "Доля участий в мероприятиях регионального уровня и выше, завершившихся победой или призовым местом",
        "%",
        True,
        "1.3",
        (6.0, 6.5, 7.0, 7.5, 8.0),
    ),
    IndicatorSpec(
        "ACTIVE_INNOVATION_SITES",
        "Число действующих инновационных площадок",
        "ед.",
        True,
        "2.6",
        (10.0, 14.0, 18.0, 22.0, 26.0),
    ),
    IndicatorSpec(
        "IND-TEACHERS-TRAINED",
        "Число педагогов, прошедших повышение квалификации по работе с одарёнными детьми",
        "чел.",
        True,
        "2.3",
        (800.0, 900.0, 1000.0, 1100.0, 1200.0),
    ),
    IndicatorSpec(
        "IND-WITHDRAWN",
        "Доля обучающихся, отчисленных до завершения программы",
        "%",
        False,
        None,
        (14.0, 13.0, 12.0, 11.0, 10.0),
    ),
)


def roadmap_ids() -> dict[str, int]:
    """Return the id of each roadmap item by its number."""
    return {item.number: item_id for item_id, item in enumerate(ROADMAP_ITEMS, start=1)}


def build_roadmap() -> dict[str, list[Row]]:
    """Build the roadmap items, the indicators and their yearly targets."""
    items = []
    for item_id, item in enumerate(ROADMAP_ITEMS, start=1):
        items.append(
            {
                "id": item_id,
                "number": item.number,
                "number_key": roadmap_number_key(item.number),
                "title": item.title,
                "section": SECTIONS[item.number.split(".")[0]],
                "responsible": item.responsible,
                "due_date": item.due_date,
                "status": item.status,
                "description": None,
                "search_key": normalize_text(item.title),
            }
        )

    ids = roadmap_ids()
    indicators = []
    targets = []
    for indicator_id, indicator in enumerate(INDICATORS, start=1):
        indicators.append(
            {
                "id": indicator_id,
                "code": indicator.code,
                "title": indicator.title,
                "unit": indicator.unit,
                "higher_is_better": indicator.higher_is_better,
                "roadmap_item_id": ids.get(indicator.roadmap_number) if indicator.roadmap_number else None,
            }
        )
        for school_year, value in zip(SCHOOL_YEARS, indicator.targets):
            targets.append({"indicator_id": indicator_id, "school_year": school_year, "target_value": value})

    return {"roadmap_items": items, "indicators": indicators, "indicator_targets": targets}
