"""Synthetic educational organisations: schools, additional education, preschools, colleges, universities.

Names follow the region's usual patterns («МАОУ «СОШ № 15 г. Челябинска»», «МКОУ «Кунашакская
СОШ»», «МБУ ДО «Дом детского творчества г. Копейска»») but every organisation is invented.
`inn` stays NULL because a generated ИНН could belong to a real organisation.
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from db.demo.geography import DemoMunicipality
from db.demo.sampling import Row, apportion, pick
from db.enums import OrganizationKind, Orientation
from db.text import normalize_text

SHORT_NAME_SHARE = 0.88

# Universities of the demo, with their short names and municipality codes; invented names.
UNIVERSITIES = (
    ("ФГБОУ ВО «Южно-Уральский педагогический университет»", "ЮУПУ", "MO15"),
    ("ФГБОУ ВО «Челябинский технический университет»", "ЧТУ", "MO15"),
    ("ФГБОУ ВО «Уральский университет физической культуры и спорта»", "УУФКС", "MO15"),
    ("ФГБОУ ВО «Челябинский институт искусств и культуры»", "ЧИИК", "MO15"),
    ("ФГБОУ ВО «Магнитогорский технический университет»", "МТУ", "MO07"),
    ("ФГБОУ ВО «Южно-Уральский медицинский университет»", "ЮУМУ", "MO15"),
    ("Филиал ФГБОУ ВО «Челябинский технический университет» в г. Миассе", "Филиал ЧТУ в г. Миассе", "MO08"),
    (
        "Филиал ФГБОУ ВО «Челябинский технический университет» в г. Златоусте",
        "Филиал ЧТУ в г. Златоусте",
        "MO02",
    ),
)

COLLEGE_PROFILES = (
    "педагогический колледж",
    "политехнический колледж",
    "медицинский колледж",
    "колледж культуры",
    "индустриальный колледж",
    "многопрофильный колледж",
    "технологический колледж",
    "музыкальный колледж",
    "аграрный техникум",
    "строительный техникум",
    "энергетический техникум",
    "торгово-экономический техникум",
)

KINDERGARTEN_NAMES = (
    "Солнышко",
    "Ромашка",
    "Берёзка",
    "Колокольчик",
    "Ёлочка",
    "Светлячок",
    "Радуга",
    "Теремок",
    "Сказка",
    "Улыбка",
    "Золотой ключик",
    "Родничок",
)

TOWN_SCHOOL_PREFIXES = (("МАОУ", 0.4), ("МБОУ", 0.5), ("МОУ", 0.1))
VILLAGE_SCHOOL_PREFIXES = (("МКОУ", 0.5), ("МОУ", 0.3), ("МБОУ", 0.2))
ADDITIONAL_EDUCATION_PREFIXES = (
    ("МБУ ДО", 0.45),
    ("МАУ ДО", 0.25),
    ("МКУ ДО", 0.1),
    ("МБОУ ДО", 0.1),
    ("МАОУ ДО", 0.1),
)
PRESCHOOL_PREFIXES = (("МБДОУ", 0.5), ("МАДОУ", 0.3), ("МКДОУ", 0.2))


@dataclass(frozen=True)
class AdditionalEducationKind:
    """A kind of additional-education organisation: «Детская школа искусств», «ДШИ»."""

    name: str
    short_name: str
    profile: Orientation | None
    numbered: bool = False
    big_towns_only: bool = False


ADDITIONAL_EDUCATION_KINDS = (
    (AdditionalEducationKind("Дом детского творчества", "ДДТ", None), 0.22),
    (AdditionalEducationKind("Центр дополнительного образования детей", "ЦДОД", None), 0.12),
    (AdditionalEducationKind("Центр внешкольной работы", "ЦВР", None), 0.05),
    (AdditionalEducationKind("Дворец детского творчества", "ДДТ", None, big_towns_only=True), 0.03),
    (AdditionalEducationKind("Центр детского технического творчества", "ЦДТТ", Orientation.TECHNICAL), 0.09),
    (
        AdditionalEducationKind(
            "Детский технопарк «Кванториум»", "Кванториум", Orientation.TECHNICAL, big_towns_only=True
        ),
        0.03,
    ),
    (
        AdditionalEducationKind(
            "Детско-юношеская спортивная школа", "ДЮСШ", Orientation.PHYSICAL_CULTURE_SPORTS, numbered=True
        ),
        0.18,
    ),
    (AdditionalEducationKind("Детская школа искусств", "ДШИ", Orientation.ARTS, numbered=True), 0.16),
    (AdditionalEducationKind("Станция юных натуралистов", "СЮН", Orientation.NATURAL_SCIENCE), 0.04),
    (
        AdditionalEducationKind("Детский эколого-биологический центр", "ДЭБЦ", Orientation.NATURAL_SCIENCE),
        0.03,
    ),
    (
        AdditionalEducationKind(
            "Центр детского и юношеского туризма и экскурсий", "ЦДЮТЭ", Orientation.TOURISM_LOCAL_HISTORY
        ),
        0.05,
    ),
)

# A town of at least this many thousand inhabitants gets lyceums, a Дворец and a Кванториум.
BIG_TOWN_WEIGHT = 100

BIG_TOWN_SCHOOL_TYPES = (("СОШ", 0.78), ("Лицей", 0.08), ("Гимназия", 0.09), ("ООШ", 0.05))
TOWN_SCHOOL_TYPES = (("СОШ", 0.9), ("ООШ", 0.1))


@dataclass
class OrganizationDraft:
    name: str
    short_name: str | None
    kind: OrganizationKind
    municipality_id: int
    # Relative number of students at a school.
    size: float = 1.0
    # The orientation a specialised additional-education organisation teaches.
    profile: Orientation | None = None


@dataclass
class OrganizationCatalogue:
    """The organisation rows and the facts later generators need about them."""

    rows: list[Row]
    profiles: dict[int, Orientation | None]
    school_sizes: dict[int, float]
    ids_by_kind: dict[OrganizationKind, list[int]] = field(default_factory=dict)
    ids_by_municipality_kind: dict[tuple[int, OrganizationKind], list[int]] = field(default_factory=dict)

    def municipality_of(self, organization_id: int) -> int:
        return self.rows[organization_id - 1]["municipality_id"]

    def kind_of(self, organization_id: int) -> OrganizationKind:
        return self.rows[organization_id - 1]["kind"]


def build_organizations(
    rng: random.Random, count: int, municipalities: list[DemoMunicipality]
) -> OrganizationCatalogue:
    """Generate `count` organisations spread over the municipalities by size."""
    kind_counts = plan_kind_counts(count)

    drafts = draft_universities(kind_counts[OrganizationKind.UNIVERSITY], municipalities)
    per_municipality = (
        (OrganizationKind.SCHOOL, draft_schools, True),
        (OrganizationKind.ADDITIONAL_EDUCATION, draft_additional_education, True),
        (OrganizationKind.PRESCHOOL, draft_preschools, False),
        (OrganizationKind.COLLEGE, draft_colleges, False),
    )
    for kind, draft_kind, at_least_one in per_municipality:
        counts = spread(kind_counts[kind], municipalities, at_least_one=at_least_one)
        for municipality, kind_count in zip(municipalities, counts):
            drafts += draft_kind(rng, municipality, kind_count)

    # Shuffled so that ids do not group by kind, as in a registry filled over the years.
    rng.shuffle(drafts)
    drop_some_short_names(rng, drafts)
    return catalogue_from_drafts(drafts)


def plan_kind_counts(count: int) -> dict[OrganizationKind, int]:
    universities = min(len(UNIVERSITIES), max(1, round(count * 0.006)))
    colleges = round(count * 0.07)
    preschools = round(count * 0.10)
    centers = round(count * 0.15)
    schools = count - universities - colleges - preschools - centers
    return {
        OrganizationKind.UNIVERSITY: universities,
        OrganizationKind.COLLEGE: colleges,
        OrganizationKind.PRESCHOOL: preschools,
        OrganizationKind.ADDITIONAL_EDUCATION: centers,
        OrganizationKind.SCHOOL: schools,
    }


def spread(total: int, municipalities: list[DemoMunicipality], *, at_least_one: bool = False) -> list[int]:
    """Split `total` over the municipalities by size, with one each first if requested and possible."""
    weights = [municipality.place.weight for municipality in municipalities]
    if at_least_one and total >= len(municipalities):
        return [1 + extra for extra in apportion(total - len(municipalities), weights)]
    return apportion(total, weights)


def draft_universities(count: int, municipalities: list[DemoMunicipality]) -> list[OrganizationDraft]:
    municipality_ids = {municipality.code: municipality.id for municipality in municipalities}
    return [
        OrganizationDraft(name, short_name, OrganizationKind.UNIVERSITY, municipality_ids[code])
        for name, short_name, code in UNIVERSITIES[:count]
    ]


def draft_schools(rng: random.Random, municipality: DemoMunicipality, count: int) -> list[OrganizationDraft]:
    """Draft numbered town schools and named village schools of one municipality."""
    place = municipality.place
    if place.town is None:
        town_count = 0
    elif not place.villages:
        town_count = count
    else:
        town_count = (count + 1) // 2

    drafts = draft_town_schools(rng, municipality, town_count)
    drafts += draft_village_schools(rng, municipality, count - town_count)
    return drafts


def draft_town_schools(
    rng: random.Random, municipality: DemoMunicipality, count: int
) -> list[OrganizationDraft]:
    town = municipality.place.town
    big_town = municipality.place.weight >= BIG_TOWN_WEIGHT
    numbers = rng.sample(range(1, max(count + 3, int(count * 1.6)) + 1), count)

    drafts = []
    for number in sorted(numbers):
        school_type = pick(rng, BIG_TOWN_SCHOOL_TYPES if big_town else TOWN_SCHOOL_TYPES)
        prefix = pick(rng, TOWN_SCHOOL_PREFIXES)
        size = rng.uniform(1.0, 2.0)

        if school_type == "СОШ" and rng.random() < 0.05:
            inner = f"СОШ № {number} с углублённым изучением отдельных предметов {town}"
        elif school_type in ("Лицей", "Гимназия") and rng.random() < 0.3:
            inner = f"{school_type} № {number}"
        else:
            inner = f"{school_type} № {number} {town}"
        if school_type in ("Лицей", "Гимназия"):
            size *= 1.3
        if school_type == "ООШ":
            size *= 0.5

        short_name = f"Школа № {number}" if school_type in ("СОШ", "ООШ") else f"{school_type} № {number}"
        drafts.append(
            OrganizationDraft(
                f"{prefix} «{inner}»", short_name, OrganizationKind.SCHOOL, municipality.id, size
            )
        )
    return drafts


def draft_village_schools(
    rng: random.Random, municipality: DemoMunicipality, count: int
) -> list[OrganizationDraft]:
    """Draft village schools, the first village being the centre: «Кунашакская СОШ», «… СОШ № 2»."""
    villages = municipality.place.villages
    if not villages:
        return []

    namesakes: Counter[tuple[str, str]] = Counter()
    drafts = []
    for index in range(count):
        village = villages[index % len(villages)]
        is_centre = village == villages[0]
        school_type = "СОШ" if is_centre or rng.random() < 0.6 else "ООШ"
        namesakes[(village, school_type)] += 1
        number = namesakes[(village, school_type)]

        inner = f"{village} {school_type}" if number == 1 else f"{village} {school_type} № {number}"
        prefix = pick(rng, VILLAGE_SCHOOL_PREFIXES)
        size = rng.uniform(0.5, 1.0) if is_centre else rng.uniform(0.2, 0.6)
        if school_type == "ООШ":
            size *= 0.5
        drafts.append(
            OrganizationDraft(f"{prefix} «{inner}»", inner, OrganizationKind.SCHOOL, municipality.id, size)
        )
    return drafts


def draft_additional_education(
    rng: random.Random, municipality: DemoMunicipality, count: int
) -> list[OrganizationDraft]:
    """Draft additional-education organisations; the first one of a municipality is multi-profile."""
    big_town = municipality.place.weight >= BIG_TOWN_WEIGHT
    kinds = [
        (kind, weight) for kind, weight in ADDITIONAL_EDUCATION_KINDS if big_town or not kind.big_towns_only
    ]
    uses: Counter[str] = Counter()

    drafts = []
    for index in range(count):
        kind = kinds[0][0] if index == 0 else pick(rng, kinds)
        uses[kind.name] += 1
        number, location = distinguish_namesake(kind, municipality, uses[kind.name])

        prefix = pick(rng, ADDITIONAL_EDUCATION_PREFIXES)
        name = f"{prefix} «{kind.name}{number} {location}»"
        drafts.append(
            OrganizationDraft(
                name,
                f"{kind.short_name}{number}",
                OrganizationKind.ADDITIONAL_EDUCATION,
                municipality.id,
                profile=kind.profile,
            )
        )
    return drafts


def distinguish_namesake(
    kind: AdditionalEducationKind, municipality: DemoMunicipality, use: int
) -> tuple[str, str]:
    """Return the number suffix and the place of the `use`-th centre of a kind in a municipality.

    Numbered kinds always get « № N». Other kinds get a city district while the city has
    unused ones («Калининского района г. Челябинска») and a number after that.
    """
    place = municipality.place
    town = place.town if place.town is not None else municipality.genitive
    if kind.numbered:
        return f" № {use}", town
    if use == 1:
        return "", town
    if use - 1 <= len(place.districts):
        return "", f"{place.districts[use - 2]} района {town}"
    return f" № {use}", town


def draft_preschools(
    rng: random.Random, municipality: DemoMunicipality, count: int
) -> list[OrganizationDraft]:
    """Draft kindergartens: numbered in towns, named after the municipality elsewhere."""
    town = municipality.place.town
    numbers = sorted(rng.sample(range(1, max(count * 3, 10) + 1), count))

    drafts = []
    for number in numbers:
        prefix = pick(rng, PRESCHOOL_PREFIXES)
        nickname = rng.choice(KINDERGARTEN_NAMES)
        if town is None:
            inner = f"Детский сад № {number} «{nickname}» {municipality.genitive}"
        elif rng.random() < 0.5:
            inner = f"ДС № {number} {town}"
        else:
            inner = f"Детский сад № {number} «{nickname}» {town}"
        short_name = f"Детский сад № {number}"
        drafts.append(
            OrganizationDraft(f"{prefix} «{inner}»", short_name, OrganizationKind.PRESCHOOL, municipality.id)
        )
    return drafts


def draft_colleges(rng: random.Random, municipality: DemoMunicipality, count: int) -> list[OrganizationDraft]:
    """Draft regional colleges named after the municipality: «ГБПОУ «Челябинский медицинский колледж»»."""
    uses: Counter[str] = Counter()
    drafts = []
    for _ in range(count):
        profile = rng.choice(COLLEGE_PROFILES)
        uses[profile] += 1
        inner = f"{municipality.adjective} {profile}"
        short_name = "".join(word[0].upper() for word in inner.split(" "))
        if uses[profile] > 1:
            inner += f" № {uses[profile]}"
            short_name += f" № {uses[profile]}"
        drafts.append(
            OrganizationDraft(f"ГБПОУ «{inner}»", short_name, OrganizationKind.COLLEGE, municipality.id)
        )
    return drafts


def drop_some_short_names(rng: random.Random, drafts: list[OrganizationDraft]) -> None:
    for draft in drafts:
        if rng.random() > SHORT_NAME_SHARE:
            draft.short_name = None


def catalogue_from_drafts(drafts: list[OrganizationDraft]) -> OrganizationCatalogue:
    """Number the drafts 1..N and index them by kind and municipality."""
    rows: list[Row] = []
    profiles: dict[int, Orientation | None] = {}
    school_sizes: dict[int, float] = {}
    by_kind: dict[OrganizationKind, list[int]] = defaultdict(list)
    by_municipality_kind: dict[tuple[int, OrganizationKind], list[int]] = defaultdict(list)

    for organization_id, draft in enumerate(drafts, start=1):
        searchable = draft.name if draft.short_name is None else f"{draft.name} {draft.short_name}"
        rows.append(
            {
                "id": organization_id,
                "external_id": f"demo-org-{organization_id:06d}",
                "inn": None,
                "name": draft.name,
                "short_name": draft.short_name,
                "kind": draft.kind,
                "municipality_id": draft.municipality_id,
                "search_key": normalize_text(searchable),
            }
        )
        profiles[organization_id] = draft.profile
        if draft.kind is OrganizationKind.SCHOOL:
            school_sizes[organization_id] = draft.size
        by_kind[draft.kind].append(organization_id)
        by_municipality_kind[(draft.municipality_id, draft.kind)].append(organization_id)

    return OrganizationCatalogue(rows, profiles, school_sizes, dict(by_kind), dict(by_municipality_kind))
