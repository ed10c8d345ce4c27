"""Synthetic regional innovation sites and the products they publish."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.demo.names import draw_full_name
from db.demo.organizations import OrganizationCatalogue
from db.demo.sampling import AS_OF, Row, local_moment, pick, pick_distinct, random_day
from db.enums import (
    InnovationProductKind,
    InnovationSiteKind,
    InnovationSiteStatus,
    OrganizationKind,
    Sex,
    TalentFocus,
)
from db.text import normalize_text

SITE_KINDS = (
    (InnovationSiteKind.REGIONAL_INNOVATION_SITE, 0.5),
    (InnovationSiteKind.INTERNSHIP_SITE, 0.25),
    (InnovationSiteKind.RESOURCE_CENTER, 0.15),
    (InnovationSiteKind.DISCUSSION_PLATFORM, 0.10),
)

HOST_KINDS = (
    (OrganizationKind.SCHOOL, 0.40),
    (OrganizationKind.ADDITIONAL_EDUCATION, 0.35),
    (OrganizationKind.COLLEGE, 0.10),
    (OrganizationKind.PRESCHOOL, 0.08),
    (OrganizationKind.UNIVERSITY, 0.07),
)

# How many times each organisation of a kind enters the draw of site partners.
PARTNER_REPEATS = (
    (OrganizationKind.UNIVERSITY, 20),
    (OrganizationKind.COLLEGE, 3),
    (OrganizationKind.ADDITIONAL_EDUCATION, 1),
    (OrganizationKind.SCHOOL, 1),
)

FOCUSES = ((TalentFocus.IDENTIFICATION, 1.0), (TalentFocus.SUPPORT, 1.0), (TalentFocus.DEVELOPMENT, 1.0))

# Topics are a model and a setting; the settings fit the kind of the host organisation.
TOPIC_MODELS = (
    "Модель выявления и сопровождения одарённых детей",
    "Система поддержки одарённых детей",
    "Сетевая модель развития способностей обучающихся",
    "Программа наставничества для одарённых школьников",
    "Центр развития исследовательской деятельности обучающихся",
    "Технология индивидуальных образовательных маршрутов",
    "Модель ранней профориентации одарённых детей",
)
TOPIC_SETTINGS = {
    OrganizationKind.SCHOOL: (
        "в условиях сельской школы",
        "в общеобразовательной организации",
        "в условиях инклюзивного образования",
    ),
    OrganizationKind.ADDITIONAL_EDUCATION: (
        "в организации дополнительного образования",
        "на основе сетевого взаимодействия",
    ),
    OrganizationKind.PRESCHOOL: ("в дошкольной образовательной организации",),
    OrganizationKind.COLLEGE: (
        "на основе сетевого взаимодействия",
        "в системе среднего профессионального образования",
    ),
    OrganizationKind.UNIVERSITY: ("в муниципальной системе образования", "на основе сетевого взаимодействия"),
}

ACADEMIC_TITLES = (
    ("кандидат педагогических наук, доцент", 0.45),
    ("кандидат психологических наук, доцент", 0.2),
    ("доктор педагогических наук, профессор", 0.15),
    ("кандидат философских наук", 0.1),
    ("доктор психологических наук, профессор", 0.1),
)

PRODUCT_KINDS = (
    (InnovationProductKind.METHODICAL_MATERIAL, 0.35),
    (InnovationProductKind.MODULAR_COURSE, 0.25),
    (InnovationProductKind.PROGRAM, 0.2),
    (InnovationProductKind.RECORDING, 0.12),
    (InnovationProductKind.OTHER, 0.08),
)
PRODUCT_TITLE_FORMS = {
    InnovationProductKind.METHODICAL_MATERIAL: "Методические рекомендации «{}»",
    InnovationProductKind.MODULAR_COURSE: "Модульный курс «{}»",
    InnovationProductKind.PROGRAM: "Дополнительная профессиональная программа «{}»",
    InnovationProductKind.RECORDING: "Запись вебинара «{}»",
    InnovationProductKind.OTHER: "Сборник материалов конференции «{}»",
}
PRODUCT_SUBJECTS = (
    "Наставничество в работе с одарёнными детьми",
    "Выявление одарённости в начальной школе",
    "Индивидуальный образовательный маршрут одарённого ребёнка",
    "Подготовка обучающихся к олимпиадам",
    "Психолого-педагогическое сопровождение одарённых детей",
    "Одарённые дети с ОВЗ: инклюзивные практики",
    "Проектная деятельность школьников",
    "Исследовательская деятельность в дополнительном образовании",
    "Роль семьи в развитии способностей ребёнка",
    "Цифровые ресурсы для работы с одарёнными детьми",
)

SITE_TERM = timedelta(days=3 * 365)
APPLIED_SHARE = 0.05
REVOKED_SHARE = 0.05
EXTENDED_SHARE = 0.3


@dataclass
class InnovationTables:
    innovation_sites: list[Row]
    innovation_site_focus: list[Row]
    innovation_site_partners: list[Row]
    innovation_products: list[Row]

    def tables(self) -> dict[str, list[Row]]:
        return {
            "innovation_sites": self.innovation_sites,
            "innovation_site_focus": self.innovation_site_focus,
            "innovation_site_partners": self.innovation_site_partners,
            "innovation_products": self.innovation_products,
        }


def build_innovation_sites(
    rng: random.Random, count: int, organizations: OrganizationCatalogue
) -> InnovationTables:
    """Generate `count` sites at organisations, each with its focus, partners and 1–4 products."""
    tables = InnovationTables([], [], [], [])
    used_topics: set[str] = set()
    for site_id in range(1, count + 1):
        host_id = rng.choice(organizations.ids_by_kind[pick(rng, HOST_KINDS)])
        site = draft_site(rng, site_id, host_id, organizations, used_topics)
        tables.innovation_sites.append(site)
        focuses = pick_distinct(rng, FOCUSES, rng.randint(1, 3))
        tables.innovation_site_focus += [{"site_id": site_id, "focus": focus} for focus in focuses]
        tables.innovation_site_partners += draw_site_partners(rng, site_id, host_id, organizations)
        tables.innovation_products += draft_products(rng, site, len(tables.innovation_products))
    return tables


def draft_site(
    rng: random.Random,
    site_id: int,
    host_id: int,
    organizations: OrganizationCatalogue,
    used_topics: set[str],
) -> Row:
    title = choose_topic(rng, organizations.kind_of(host_id), used_topics)
    kind = pick(rng, SITE_KINDS)
    order_date, start_date, end_date, status = draw_term(rng)
    sex = Sex.FEMALE if rng.random() < 0.6 else Sex.MALE
    supervisor = " ".join(draw_full_name(rng, sex, adult=True)) + ", " + pick(rng, ACADEMIC_TITLES)
    host_name = organizations.rows[host_id - 1]["name"]

    return {
        "id": site_id,
        "external_id": f"demo-site-{site_id:06d}",
        "title": title,
        "kind": kind,
        "status": status,
        "organization_id": host_id,
        "start_date": start_date,
        "end_date": end_date,
        "order_number": None if order_date is None else f"{rng.randint(1, 12):02d}/{rng.randint(100, 4999)}",
        "order_date": order_date,
        "supervisor": supervisor,
        "description": f"Площадка на базе {host_name}. Тема: {title}.",
        "search_key": normalize_text(title),
    }


def choose_topic(rng: random.Random, host_kind: OrganizationKind, used_topics: set[str]) -> str:
    """Draw a topic that fits the host, unused if any is left."""
    settings = TOPIC_SETTINGS.get(host_kind, TOPIC_SETTINGS[OrganizationKind.SCHOOL])
    topics = [f"{model} {setting}" for model in TOPIC_MODELS for setting in settings]
    unused = [topic for topic in topics if topic not in used_topics]
    topic = rng.choice(unused or topics)
    used_topics.add(topic)
    return topic


def draw_term(rng: random.Random) -> tuple[date | None, date, date, InnovationSiteStatus]:
    """Draw the order date, the three-year term and the status as of AS_OF.

    An applied site has no order yet and a planned start on the next 1 September.
    """
    if rng.random() < APPLIED_SHARE:
        start_date = date(AS_OF.year, 9, 1)
        return None, start_date, start_date + SITE_TERM, InnovationSiteStatus.APPLIED

    order_date = random_day(rng, date(2019, 6, 1), date(2024, 12, 31))
    start_date = order_date + timedelta(days=rng.randint(7, 60))
    end_date = start_date + SITE_TERM
    if rng.random() < REVOKED_SHARE:
        return order_date, start_date, end_date, InnovationSiteStatus.REVOKED
    if end_date >= AS_OF:
        return order_date, start_date, end_date, InnovationSiteStatus.ACTIVE
    if rng.random() < EXTENDED_SHARE:
        return order_date, start_date, end_date + timedelta(days=2 * 365), InnovationSiteStatus.EXTENDED
    return order_date, start_date, end_date, InnovationSiteStatus.COMPLETED


def draw_site_partners(
    rng: random.Random, site_id: int, host_id: int, organizations: OrganizationCatalogue
) -> list[Row]:
    """Draw 0–3 partners; a university or college is more likely to be one than a school."""
    candidates = []
    for kind, repeats in PARTNER_REPEATS:
        candidates += [i for i in organizations.ids_by_kind.get(kind, []) if i != host_id] * repeats

    partner_ids: list[int] = []
    for _ in range(rng.randint(0, 3)):
        partner_id = rng.choice(candidates)
        if partner_id not in partner_ids:
            partner_ids.append(partner_id)
    return [{"site_id": site_id, "organization_id": partner_id} for partner_id in sorted(partner_ids)]


def draft_products(rng: random.Random, site: Row, products_so_far: int) -> list[Row]:
    """Draft 1–4 products; an applied site's products are not published yet."""
    products = []
    subjects = rng.sample(PRODUCT_SUBJECTS, rng.randint(1, 4))
    for number, subject in enumerate(subjects, start=1):
        kind = pick(rng, PRODUCT_KINDS)
        title = PRODUCT_TITLE_FORMS[kind].format(subject)
        products.append(
            {
                "id": products_so_far + number,
                "site_id": site["id"],
                "title": title,
                "kind": kind,
                "url": (
                    f"https://example.org/demo/site-{site['id']:03d}/product-{number}"
                    if rng.random() < 0.6
                    else None
                ),
                "published_at": draw_publication(rng, site),
                "search_key": normalize_text(title),
            }
        )
    return products


def draw_publication(rng: random.Random, site: Row) -> datetime | None:
    if site["status"] is InnovationSiteStatus.APPLIED:
        return None
    last_day = min(site["end_date"], AS_OF)
    return local_moment(random_day(rng, site["start_date"], last_day), rng.randint(9, 17))
