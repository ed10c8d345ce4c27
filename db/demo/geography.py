"""Municipalities of the demo region and their child population.

The 43 municipalities are the region's real ones from `db.reference`. Their relative sizes are
rough inhabitant counts in thousands, chosen to be plausible rather than taken from statistics,
so Chelyabinsk is about a third of the region. Town, district and village names only serve to
name synthetic schools.
"""

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from db.demo.sampling import SCHOOL_YEARS, Row
from db.enums import MunicipalityKind
from db.reference import municipalities
from db.text import normalize_text

CHELYABINSK_CODE = "MO15"


@dataclass(frozen=True)
class Place:
    """Size and settlement names of one municipality."""

    weight: int
    # The main town in the genitive with its prefix, as in «СОШ № 15 г. Челябинска».
    town: str | None
    # Village names as feminine adjectives, as in «Кунашакская СОШ».
    villages: tuple[str, ...] = ()
    # City districts in the genitive, as in «Дом детского творчества Калининского района».
    districts: tuple[str, ...] = ()


PLACES = {
    "MO01": Place(35, "г. Верхнего Уфалея", ("Нижнеуфалейская",)),
    "MO02": Place(160, "г. Златоуста"),
    "MO03": Place(11, "г. Карабаша"),
    "MO04": Place(150, "г. Копейска"),
    "MO05": Place(45, "г. Кыштыма"),
    "MO06": Place(9, "п. Локомотивный"),
    "MO07": Place(410, "г. Магнитогорска", districts=("Ленинского", "Орджоникидзевского", "Правобережного")),
    "MO08": Place(165, "г. Миасса"),
    "MO09": Place(85, "г. Озёрска"),
    "MO10": Place(52, "г. Снежинска"),
    "MO11": Place(32, "г. Трёхгорного"),
    "MO12": Place(70, "г. Троицка"),
    "MO13": Place(22, "г. Усть-Катава"),
    "MO14": Place(42, "г. Чебаркуля"),
    "MO15": Place(
        1180,
        "г. Челябинска",
        districts=(
            "Калининского",
            "Курчатовского",
            "Ленинского",
            "Металлургического",
            "Советского",
            "Тракторозаводского",
            "Центрального",
        ),
    ),
    "MO16": Place(37, "г. Южноуральска"),
    "MO17": Place(33, None, ("Агаповская", "Магнитная", "Буранная", "Наровчатская", "Черниговская")),
    "MO18": Place(40, None, ("Аргаяшская", "Кузнецкая", "Ишалинская", "Акбашевская", "Байрамгуловская")),
    "MO19": Place(60, "г. Аши", ("Кропачёвская", "Укская", "Еральская")),
    "MO20": Place(25, None, ("Брединская", "Наследницкая", "Андреевская", "Рымникская")),
    "MO21": Place(25, None, ("Варненская", "Толстинская", "Новоуральская", "Катенинская")),
    "MO22": Place(33, "г. Верхнеуральска", ("Межозёрная", "Петропавловская", "Краснинская")),
    "MO23": Place(50, "г. Еманжелинска", ("Красногорская", "Зауральская")),
    "MO24": Place(30, None, ("Еткульская", "Коелгинская", "Белоносовская", "Лебедевская")),
    "MO25": Place(45, "г. Карталы", ("Южно-Степная", "Полтавская", "Варшавская", "Анненская")),
    "MO26": Place(30, "г. Касли", ("Береговая", "Тюбукская", "Булзинская", "Шабуровская")),
    "MO27": Place(27, "г. Катав-Ивановска", ("Верх-Катавская", "Тюлюкская")),
    "MO28": Place(22, None, ("Кизильская", "Новопокровская", "Измайловская", "Обручевская")),
    "MO29": Place(60, "г. Коркино", ("Первомайская", "Розинская")),
    "MO30": Place(42, None, ("Миасская", "Канашевская", "Бродокалмакская", "Березовская", "Лазурненская")),
    "MO31": Place(29, None, ("Кунашакская", "Халитовская", "Саринская", "Муслюмовская", "Усть-Багарякская")),
    "MO32": Place(27, "г. Кусы", ("Магнитская", "Злоказовская")),
    "MO33": Place(18, None, ("Фершампенуазская", "Остроленская", "Кассельская", "Нагайбакская")),
    "MO34": Place(16, "г. Нязепетровска", ("Шемахинская", "Ункурдинская")),
    "MO35": Place(21, None, ("Октябрьская", "Каракульская", "Чудиновская", "Боровская")),
    "MO36": Place(25, "г. Пласта", ("Кочкарская", "Борисовская", "Демаринская")),
    "MO37": Place(75, "г. Сатки", ("Сулеинская", "Пороговская", "Айлинская", "Межевская")),
    "MO38": Place(
        80, None, ("Долгодеревенская", "Кременкульская", "Полетаевская", "Есаульская", "Берёзовская")
    ),
    "MO39": Place(25, None, ("Бобровская", "Нижнесанарская", "Родниковская", "Клястицкая")),
    "MO40": Place(32, None, ("Увельская", "Красносельская", "Хомутининская", "Каменская")),
    "MO41": Place(23, None, ("Уйская", "Кидышевская", "Ларинская", "Вандышевская")),
    "MO42": Place(30, None, ("Филимоновская", "Тимирязевская", "Травниковская", "Кундравинская")),
    "MO43": Place(18, None, ("Чесменская", "Черноборская", "Тарасовская", "Цвиллингская")),
}


@dataclass(frozen=True)
class DemoMunicipality:
    id: int
    code: str
    name: str
    kind: MunicipalityKind
    place: Place

    @property
    def adjective(self) -> str:
        """The municipality's adjective, as in «Кунашакский» of «Кунашакский муниципальный округ»."""
        return self.name.split(" ")[0]

    @property
    def genitive(self) -> str:
        """The municipality's name in the genitive: «Кунашакского муниципального округа»."""
        words = []
        for word in self.name.split(" "):
            if word.endswith(("ий", "ый", "ой")):
                word = word[:-2] + "ого"
            elif word == "округ":
                word = "округа"
            words.append(word)
        return " ".join(words)


def demo_municipalities() -> list[DemoMunicipality]:
    """Return the reference municipalities with ids 1..43 in the reference order."""
    return [
        DemoMunicipality(
            id=index,
            code=record.code,
            name=record.name,
            kind=record.kind,
            place=PLACES[record.code],
        )
        for index, record in enumerate(municipalities(), start=1)
    ]


def municipality_rows() -> list[Row]:
    rows = []
    for municipality, record in zip(demo_municipalities(), municipalities()):
        rows.append(
            {
                "id": municipality.id,
                "code": record.code,
                "oktmo": record.oktmo,
                "name": record.name,
                "kind": record.kind,
                "search_key": normalize_text(record.name),
            }
        )
    return rows


def population_rows(
    rng: random.Random,
    municipality_ids: Iterable[int],
    enrolled_students: dict[tuple[int, int], int],
) -> list[Row]:
    """Build the child population from the distinct students enrolled per municipality and year.

    Each count is the enrolled students divided by a coverage drawn from 0.70–0.90, so the
    demo's coverage lands near 80 %. `enrolled_students` maps (municipality id, school year)
    to the number of distinct students with an enrollment in that year.
    """
    rows = []
    for municipality_id in municipality_ids:
        for school_year in SCHOOL_YEARS:
            enrolled = enrolled_students.get((municipality_id, school_year), 0)
            coverage = rng.uniform(0.70, 0.90)
            rows.append(
                {
                    "municipality_id": municipality_id,
                    "school_year": school_year,
                    # A municipality without enrolled students still gets one child, so that
                    # its coverage reads as 0 % and not as a division by zero.
                    "children_5_18": max(round(enrolled / coverage), 1),
                }
            )
    return rows


def count_enrolled_students(
    enrollments: Iterable[Row], municipality_of_participant: dict[int, int]
) -> dict[tuple[int, int], int]:
    """Count distinct enrolled students per (municipality id, school year)."""
    students: dict[tuple[int, int], set[int]] = defaultdict(set)
    for enrollment in enrollments:
        participant_id = enrollment["participant_id"]
        key = (municipality_of_participant[participant_id], enrollment["school_year"])
        students[key].add(participant_id)
    return {key: len(ids) for key, ids in students.items()}
