"""Synthetic publications, professional communities of teachers and their effective practices.

Every text is invented. The counts follow the number of organisations: at the default size the
region gets about 300 publications, 30 communities and 100 practices. Members and authors are the
demo's teachers and managers. Some adult events of the demo get the community that runs them, a
new column value that leaves every table's row count as it was.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from db.demo.organizations import OrganizationCatalogue
from db.demo.sampling import AS_OF, Row, local_moment, pick, random_day
from db.enums import (
    CommunityMemberRole,
    EventKind,
    OrganizationKind,
    Orientation,
    ParticipantCategory,
    PracticeStatus,
    ProgramStatus,
    PublicationKind,
    PublicationStatus,
    RecognitionLevel,
)
from db.text import normalize_text
from db.timezone import to_local

# The demo's publications and practices start with the 2020/21 school year.
FIRST_DAY = date(2020, 9, 1)

PUBLICATION_KINDS = (
    (PublicationKind.NEWS, 0.55),
    (PublicationKind.ANNOUNCEMENT, 0.25),
    (PublicationKind.REPORT, 0.12),
    (PublicationKind.METHODICAL_LETTER, 0.08),
)
PUBLICATION_STATUSES = (
    (PublicationStatus.PUBLISHED, 0.85),
    (PublicationStatus.ARCHIVED, 0.08),
    (PublicationStatus.DRAFT, 0.07),
)
REGION_WIDE_SHARE = 0.35
AUDIENCE_SETS = (
    ((ParticipantCategory.STUDENT, ParticipantCategory.PARENT), 0.35),
    (tuple(ParticipantCategory), 0.25),
    ((ParticipantCategory.TEACHER, ParticipantCategory.MANAGER), 0.25),
    ((ParticipantCategory.PARENT,), 0.1),
    ((ParticipantCategory.TEACHER,), 0.05),
)
EVENT_TITLES = {
    PublicationKind.NEWS: "Подведены итоги: {}",
    PublicationKind.ANNOUNCEMENT: "Открыта регистрация: {}",
    PublicationKind.REPORT: "Отчёт о проведении: {}",
}
LETTER_SUBJECTS = (
    "об организации школьного этапа всероссийской олимпиады школьников",
    "о сопровождении одарённых детей с ОВЗ",
    "о работе с индивидуальными образовательными маршрутами",
    "о наставничестве в работе с одарёнными детьми",
    "о мониторинге участия обучающихся в конкурсных мероприятиях",
)

# Subjects of teachers' communities, each with the orientation its practices usually have.
COMMUNITY_SUBJECTS = (
    ("учителей математики", "Подготовка обучающихся к олимпиадам по математике", Orientation.NATURAL_SCIENCE),
    ("учителей физики", "Экспериментальные задачи и исследовательские проекты", Orientation.NATURAL_SCIENCE),
    ("учителей химии и биологии", "Исследовательская деятельность школьников", Orientation.NATURAL_SCIENCE),
    ("учителей информатики", "Робототехника и программирование", Orientation.TECHNICAL),
    ("учителей русского языка и литературы", "Литературное творчество школьников", Orientation.SOCIAL_HUMANITARIAN),
    ("учителей истории и обществознания", "Краеведческие исследования", Orientation.TOURISM_LOCAL_HISTORY),
    ("педагогов дополнительного образования", "Развитие творческих способностей детей", Orientation.ARTS),
    ("учителей физической культуры", "Спортивные таланты: отбор и сопровождение", Orientation.PHYSICAL_CULTURE_SPORTS),
    ("педагогов-наставников", "Наставничество в работе с одарёнными детьми", None),
    ("руководителей образовательных организаций", "Управление системой работы с одарёнными детьми", None),
)
COMMUNITY_FORMS = ("Сетевое сообщество {}", "Профессиональное объединение {}", "Методическое объединение {}")
CLOSED_SHARE = 0.1
COORDINATOR_KINDS = frozenset({OrganizationKind.ADDITIONAL_EDUCATION, OrganizationKind.UNIVERSITY, OrganizationKind.SCHOOL})
PRACTICE_KINDS = frozenset({OrganizationKind.SCHOOL, OrganizationKind.ADDITIONAL_EDUCATION})
# Adult event kinds a community may hold, and the chance that one of them is a community's.
COMMUNITY_EVENT_KINDS = frozenset(
    {EventKind.METHODICAL_SESSION, EventKind.WEBINAR, EventKind.MASTER_CLASS, EventKind.DISCUSSION}
)
COMMUNITY_EVENT_SHARE = 0.3
# Share of practices presented in a community; the others come from organisations on their own.
COMMUNITY_PRACTICE_SHARE = 0.7

PRACTICE_FORMS = (
    "Олимпиадный клуб «{}»",
    "Школа юного исследователя «{}»",
    "Интенсив «{}»",
    "Проектная лаборатория «{}»",
    "Наставничество «ученик — ученик»: {}",
)
PRACTICE_NAMES = (
    "Эрудит", "Созвездие", "Траектория", "Открытие", "Лидер", "Горизонт", "Импульс", "Вектор",
    "Навигатор", "Эврика",
)
PRACTICE_STATUSES = (
    (PracticeStatus.PUBLISHED, 0.65),
    (PracticeStatus.REVIEWED, 0.12),
    (PracticeStatus.SUBMITTED, 0.15),
    (PracticeStatus.REJECTED, 0.08),
)
RECOGNITION_LEVELS = (
    (RecognitionLevel.SCHOOL, 0.3),
    (RecognitionLevel.MUNICIPAL, 0.35),
    (RecognitionLevel.REGIONAL, 0.25),
    (RecognitionLevel.ALL_RUSSIAN, 0.1),
)
REVIEW_COMMENTS = {
    PracticeStatus.REVIEWED: "Практика рассмотрена, рекомендована к публикации после уточнения результатов.",
    PracticeStatus.PUBLISHED: "Рекомендована к распространению в муниципальных образованиях области.",
    PracticeStatus.REJECTED: "Не описаны результаты: добавьте данные о достижениях обучающихся за два года.",
}


@dataclass
class InformationTables:
    publications: list[Row] = field(default_factory=list)
    publication_audiences: list[Row] = field(default_factory=list)
    professional_communities: list[Row] = field(default_factory=list)
    community_organizations: list[Row] = field(default_factory=list)
    community_members: list[Row] = field(default_factory=list)
    effective_practices: list[Row] = field(default_factory=list)
    practice_authors: list[Row] = field(default_factory=list)
    practice_audiences: list[Row] = field(default_factory=list)

    def tables(self) -> dict[str, list[Row]]:
        return dict(vars(self))


@dataclass
class Staff:
    """The demo's teachers and managers, by organisation."""

    by_organization: dict[int, list[int]]
    everyone: list[int]

    @classmethod
    def of(cls, participants: list[Row]) -> "Staff":
        by_organization: dict[int, list[int]] = {}
        everyone = []
        for person in participants:
            if person["category"] in (ParticipantCategory.TEACHER, ParticipantCategory.MANAGER):
                everyone.append(person["id"])
                if person["organization_id"] is not None:
                    by_organization.setdefault(person["organization_id"], []).append(person["id"])
        return cls(by_organization, everyone)


def build_information(
    rng: random.Random,
    organizations: OrganizationCatalogue,
    participants: list[Row],
    events: list[Row],
    tables: dict[str, list[Row]],
) -> InformationTables:
    """Generate communities with members, their practices and the publications of the region.

    `tables` contains the rows built so far (programmes, sites, products, the roadmap). Each row of
    `events` gets `community_id` in place: the community that runs the event, or None.
    """
    result = InformationTables()
    staff = Staff.of(participants)
    count = len(organizations.rows)
    build_communities(rng, max(3, count // 40), organizations, staff, result)
    assign_community_events(rng, events, result.professional_communities)
    build_practices(rng, max(5, count // 12), organizations, staff, tables, result)
    build_publications(rng, max(20, count // 4), organizations, events, tables, result)
    return result


def build_communities(
    rng: random.Random, count: int, organizations: OrganizationCatalogue, staff: Staff, result: InformationTables
) -> None:
    """Generate `count` communities with their member organisations and members."""
    coordinators = [row["id"] for row in organizations.rows if row["kind"] in COORDINATOR_KINDS]
    all_ids = [row["id"] for row in organizations.rows]
    for community_id in range(1, count + 1):
        teachers, topic, orientation = COMMUNITY_SUBJECTS[(community_id - 1) % len(COMMUNITY_SUBJECTS)]
        title = rng.choice(COMMUNITY_FORMS).format(teachers)
        # Later communities repeat the subjects, so their titles get a number.
        if community_id > len(COMMUNITY_SUBJECTS):
            title = f"{title} № {community_id}"
        coordinator = rng.choice(coordinators)
        founded_on = random_day(rng, date(2019, 9, 1), date(2024, 9, 1))
        # A closed community worked for at least about a school year.
        earliest_close = founded_on + timedelta(days=300)
        closes = earliest_close < AS_OF and rng.random() < CLOSED_SHARE
        closed_on = random_day(rng, earliest_close, AS_OF) if closes else None
        community = {
            "id": community_id,
            "title": title,
            "topic": topic,
            "description": f"Педагоги обмениваются опытом по теме «{topic}», проводят семинары и публикуют практики.",
            "orientation": orientation,
            "coordinating_organization_id": coordinator,
            "founded_on": founded_on,
            "closed_on": closed_on,
            "search_key": normalize_text(f"{title} {topic}")[:1000],
        }
        result.professional_communities.append(community)

        members = sorted(set(rng.sample(all_ids, rng.randint(2, 6))) - {coordinator})
        result.community_organizations += [{"community_id": community_id, "organization_id": o} for o in members]
        add_members(rng, community, [coordinator, *members], staff, result)


def add_members(
    rng: random.Random, community: Row, organization_ids: list[int], staff: Staff, result: InformationTables
) -> None:
    """Add 5–25 teachers and managers, mostly from the member organisations.

    The first one leads the community and works at the coordinator when it has staff.
    """
    coordinator_staff = staff.by_organization.get(organization_ids[0], [])
    chosen = [rng.choice(coordinator_staff)] if coordinator_staff else []
    candidates = sorted({person for o in organization_ids for person in staff.by_organization.get(o, [])} - set(chosen))
    member_count = rng.randint(5, 25)
    chosen += rng.sample(candidates, min(member_count - len(chosen), len(candidates)))
    chosen_ids = set(chosen)
    outsiders = [person for person in staff.everyone if person not in chosen_ids]
    chosen += rng.sample(outsiders, min(member_count - len(chosen), len(outsiders)))

    last_day = community["closed_on"] or AS_OF
    for position, participant_id in enumerate(chosen):
        leader = position == 0
        joined_on = community["founded_on"] if leader else random_day(rng, community["founded_on"], last_day)
        left_on = community["closed_on"]
        if not leader and rng.random() < 0.1:
            left_on = random_day(rng, joined_on, last_day)
        result.community_members.append(
            {
                "id": len(result.community_members) + 1,
                "community_id": community["id"],
                "participant_id": participant_id,
                "role": CommunityMemberRole.LEADER if leader else CommunityMemberRole.MEMBER,
                "joined_on": joined_on,
                "left_on": left_on,
            }
        )


def assign_community_events(rng: random.Random, events: list[Row], communities: list[Row]) -> None:
    """Give some methodical events to a community working on their day; set None on the others."""
    for event in events:
        event["community_id"] = None
        if event["kind"] not in COMMUNITY_EVENT_KINDS or rng.random() >= COMMUNITY_EVENT_SHARE:
            continue
        day = to_local(event["starts_at"]).date()
        working = [
            community["id"]
            for community in communities
            if community["founded_on"] <= day and (community["closed_on"] is None or day <= community["closed_on"])
        ]
        if working:
            event["community_id"] = rng.choice(working)


def build_practices(
    rng: random.Random,
    count: int,
    organizations: OrganizationCatalogue,
    staff: Staff,
    tables: dict[str, list[Row]],
    result: InformationTables,
) -> None:
    """Generate `count` practices by teachers of schools and centres, most within a community and
    some from innovation sites."""
    hosts = sorted(o for o, people in staff.by_organization.items() if organizations.kind_of(o) in PRACTICE_KINDS and people)
    hosts_of_community = community_hosts(result, set(hosts))
    members_of: dict[int, set[int]] = {}
    for member in result.community_members:
        members_of.setdefault(member["community_id"], set()).add(member["participant_id"])
    sites_by_host: dict[int, list[Row]] = {}
    for site in tables.get("innovation_sites", []):
        sites_by_host.setdefault(site["organization_id"], []).append(site)
    products_by_site: dict[int, list[Row]] = {}
    for product in tables.get("innovation_products", []):
        products_by_site.setdefault(product["site_id"], []).append(product)

    for practice_id in range(1, count + 1):
        community_id = None
        host = rng.choice(hosts)
        if hosts_of_community and rng.random() < COMMUNITY_PRACTICE_SHARE:
            community_id = rng.choice(sorted(hosts_of_community))
            host = rng.choice(hosts_of_community[community_id])
        # Authors are the community's members at the host when there are any, else its staff.
        pool = [p for p in staff.by_organization[host] if p in members_of.get(community_id, set())]
        pool = pool or staff.by_organization[host]
        authors = sorted(rng.sample(pool, min(rng.randint(1, 3), len(pool))))

        practice = draft_practice(rng, practice_id, host, organizations)
        practice["community_id"] = community_id
        sites = sites_by_host.get(host, [])
        if sites and rng.random() < 0.5:
            site = rng.choice(sites)
            practice["innovation_site_id"] = site["id"]
            products = products_by_site.get(site["id"], [])
            if products:
                practice["innovation_product_id"] = rng.choice(products)["id"]

        result.effective_practices.append(practice)
        result.practice_authors += [{"practice_id": practice_id, "participant_id": a} for a in authors]
        audiences = [ParticipantCategory.STUDENT] + ([ParticipantCategory.TEACHER] if rng.random() < 0.3 else [])
        result.practice_audiences += [{"practice_id": practice_id, "category": c} for c in audiences]


def community_hosts(result: InformationTables, hosts: set[int]) -> dict[int, list[int]]:
    """Return, per community, its coordinator and member organisations that may host a practice."""
    organizations_of = {
        community["id"]: {community["coordinating_organization_id"]} for community in result.professional_communities
    }
    for row in result.community_organizations:
        organizations_of[row["community_id"]].add(row["organization_id"])
    return {
        community_id: sorted(found & hosts) for community_id, found in organizations_of.items() if found & hosts
    }


def draft_practice(rng: random.Random, practice_id: int, host: int, organizations: OrganizationCatalogue) -> Row:
    title = rng.choice(PRACTICE_FORMS).format(rng.choice(PRACTICE_NAMES))
    status = pick(rng, PRACTICE_STATUSES)
    created_at = local_moment(random_day(rng, FIRST_DAY, AS_OF - timedelta(days=30)), rng.randint(9, 17))
    published_at = created_at + timedelta(days=rng.randint(14, 28)) if status is PracticeStatus.PUBLISHED else None
    host_name = organizations.rows[host - 1]["short_name"] or organizations.rows[host - 1]["name"]
    return {
        "id": practice_id,
        "title": title,
        "summary": "Регулярные занятия, наставничество и участие в конкурсах для мотивированных обучающихся "
        f"({host_name}).",
        "orientation": organizations.profiles.get(host),
        "target_audience": rng.choice(("обучающиеся 5–7 классов", "обучающиеся 8–11 классов", "обучающиеся 1–4 классов")),
        "organization_id": host,
        "community_id": None,
        "innovation_site_id": None,
        "innovation_product_id": None,
        "recognition_level": pick(rng, RECOGNITION_LEVELS),
        "materials": [{"title": "Описание практики", "url": f"https://example.org/demo/practice-{practice_id:04d}.pdf"}],
        "status": status,
        "review_comment": REVIEW_COMMENTS.get(status),
        "published_at": published_at,
        "created_at": created_at,
        "updated_at": published_at or created_at,
        "search_key": normalize_text(title),
    }


def build_publications(
    rng: random.Random,
    count: int,
    organizations: OrganizationCatalogue,
    events: list[Row],
    tables: dict[str, list[Row]],
    result: InformationTables,
) -> None:
    """Generate `count` publications: news and reports of events, announcements, methodical letters."""
    # Events far enough from the demo's bounds that their publications fall within them.
    reported = [
        event for event in events if FIRST_DAY + timedelta(days=30) <= to_local(event["starts_at"]).date() <= AS_OF - timedelta(days=10)
    ]
    roadmap = tables.get("roadmap_items", [])
    programs = [row for row in tables.get("programs", []) if row["status"] is ProgramStatus.PUBLISHED]
    sites = tables.get("innovation_sites", [])
    for publication_id in range(1, count + 1):
        kind = pick(rng, PUBLICATION_KINDS)
        publication = draft_publication(rng, publication_id, kind, organizations)
        relate_publication(rng, publication, reported, roadmap, programs, sites)
        result.publications.append(publication)
        audiences = pick(rng, AUDIENCE_SETS)
        result.publication_audiences += [{"publication_id": publication_id, "category": c} for c in sorted(audiences, key=lambda c: c.value)]


def draft_publication(rng: random.Random, publication_id: int, kind: PublicationKind, organizations: OrganizationCatalogue) -> Row:
    status = pick(rng, PUBLICATION_STATUSES)
    created_at = local_moment(random_day(rng, FIRST_DAY, AS_OF), rng.randint(9, 18))
    if rng.random() < REGION_WIDE_SHARE:
        organization_id, municipality_id = None, None
    else:
        organization_id = rng.choice(organizations.rows)["id"]
        municipality_id = organizations.municipality_of(organization_id)
    published_at = None if status is PublicationStatus.DRAFT else created_at + timedelta(hours=rng.randint(1, 48))
    return {
        "id": publication_id,
        "title": "",
        "summary": None,
        "body": "",
        "kind": kind,
        "status": status,
        "municipality_id": municipality_id,
        "organization_id": organization_id,
        "event_id": None,
        "innovation_site_id": None,
        "program_id": None,
        "roadmap_item_id": None,
        "attachments": [],
        "published_at": published_at,
        "created_at": created_at,
        "updated_at": published_at or created_at,
        "search_key": "",
    }


def time_to_event(rng: random.Random, publication: Row, event: Row) -> None:
    """Date an announcement two to four weeks before the event, news and reports days after it."""
    if publication["kind"] is PublicationKind.ANNOUNCEMENT:
        moment = event["starts_at"] - timedelta(days=rng.randint(14, 28))
    else:
        moment = event["ends_at"] + timedelta(days=rng.randint(1, 5))
    publication["created_at"] = moment
    if publication["published_at"] is not None:
        publication["published_at"] = moment + timedelta(hours=rng.randint(1, 24))
    publication["updated_at"] = publication["published_at"] or moment


def relate_publication(
    rng: random.Random, publication: Row, events: list[Row], roadmap: list[Row], programs: list[Row], sites: list[Row]
) -> None:
    """Fill the title, the text and the related entity of a drafted publication."""
    kind = publication["kind"]
    if kind is PublicationKind.METHODICAL_LETTER and roadmap:
        item = rng.choice(roadmap)
        subject = rng.choice(LETTER_SUBJECTS)
        publication["roadmap_item_id"] = item["id"]
        title = f"Методическое письмо {subject}"
        body = f"Письмо разъясняет порядок работы по пункту {item['number']} дорожной карты «{item['title']}»."
        publication["attachments"] = [{"title": "Текст письма", "url": f"https://example.org/demo/letter-{publication['id']:04d}.pdf"}]
    elif kind is PublicationKind.NEWS and rng.random() < 0.25 and (programs or sites):
        if sites and (not programs or rng.random() < 0.5):
            site = rng.choice(sites)
            publication["innovation_site_id"] = site["id"]
            title = f"Инновационная площадка представила опыт: {site['title']}"
        else:
            program = rng.choice(programs)
            publication["program_id"] = program["id"]
            title = f"Открыт набор на программу «{program['title']}»"
        body = "Подробности — на сайте организации."
    else:
        if kind is PublicationKind.METHODICAL_LETTER:
            kind = publication["kind"] = PublicationKind.NEWS
        event = rng.choice(events)
        # News of an event comes from its organiser, to the event's municipality (the region for
        # regional and higher events).
        publication["event_id"] = event["id"]
        publication["organization_id"] = event["organizer_id"]
        publication["municipality_id"] = event["municipality_id"]
        time_to_event(rng, publication, event)
        title = EVENT_TITLES[kind].format(event["title"])
        day = to_local(event["starts_at"]).strftime("%d.%m.%Y")
        body = f"Мероприятие «{event['title']}» {'пройдёт' if kind is PublicationKind.ANNOUNCEMENT else 'прошло'} {day}."
        if kind is PublicationKind.REPORT:
            publication["attachments"] = [
                {"title": "Отчёт", "url": f"https://example.org/demo/report-{publication['id']:04d}.pdf"}
            ]
    publication["title"] = title[:500]
    publication["summary"] = body[:1000]
    publication["body"] = f"## {title}\n\n{body}\n\n*Демонстрационная публикация: текст вымышлен.*"
    publication["search_key"] = normalize_text(publication["title"])[:500]
