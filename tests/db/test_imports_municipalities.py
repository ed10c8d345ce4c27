"""Finding municipalities by code, OKTMO code and name, and naming the candidates of an ambiguous name."""

import pytest

from db.enums import MunicipalityKind
from db.imports import MunicipalityIndex
from db.imports.values import InvalidValue
from db.reference import municipalities


def reference_index() -> MunicipalityIndex:
    """Return the region's municipalities with the number of the code as id: MO15 has id 15."""
    return MunicipalityIndex(
        (int(record.code[2:]), record.code, record.oktmo, record.name, record.kind)
        for record in municipalities()
    )


INDEX = reference_index()


def error_of(text: object) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        INDEX.parse(text)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("text", "id_"),
    [
        ("MO15", 15),
        ("mo15", 15),
        ("МО15", 15),  # Cyrillic М and О
        ("MO 15", 15),
        ("MO-05", 5),
        ("MO5", 5),
        ("75701000", 15),
        ("75 701 000", 15),
        (75701000, 15),
        # 11 digits name a settlement; its first 8 digits are the municipality.
        ("75701000001", 15),
        ("Челябинский городской округ", 15),
        ("челябинский  ГОРОДСКОЙ округ", 15),
        ("Челябинский", 15),
        ("Челябинский ГО", 15),
        ("г. Челябинск", 15),
        ("г.Челябинск", 15),
        ("город Челябинск", 15),
        ("Челябинск", 15),
        ("Озерский городской округ", 9),
        ("Трёхгорный", 11),
        ("г. Трехгорный", 11),
        ("Усть-Катавский городской округ", 13),
        ("Усть – Катавский", 13),
        ("Верхний Уфалей", 1),
        ("Агаповский", 17),
        ("Агаповский муниципальный округ", 17),
        ("Агаповский муниципальный район", 17),
        ("Агаповский район", 17),
    ],
)
def test_parse_finds_municipality(text: object, id_: int) -> None:
    assert INDEX.parse(text) == id_  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "id_"),
    [
        ("Троицкий городской округ", 12),
        ("Троицкий ГО", 12),
        ("г. Троицк", 12),
        ("Троицк", 12),
        ("Троицкий муниципальный округ", 39),
        ("Троицкий МО", 39),
        ("Троицкий муниципальный район", 39),
        ("Чебаркульский городской округ", 14),
        ("г. Чебаркуль", 14),
        ("Чебаркульский муниципальный округ", 42),
        ("MO12", 12),
        ("MO39", 39),
    ],
)
def test_parse_kind_words_settle_shared_names(text: str, id_: int) -> None:
    assert INDEX.parse(text) == id_


def test_parse_ambiguous_name_lists_candidates() -> None:
    (problem,) = error_of("Троицкий").messages
    assert problem.ru == (
        "«Троицкий»: неоднозначно — Троицкий городской округ (MO12) или Троицкий муниципальный округ (MO39); "
        "укажите код."
    )
    assert problem.en == (
        '"Троицкий" is ambiguous: Троицкий городской округ (MO12) or Троицкий муниципальный округ (MO39); '
        "give the code."
    )


def test_parse_ambiguous_chebarkul() -> None:
    (problem,) = error_of(" чебаркульский ").messages
    assert "Чебаркульский городской округ (MO14) или Чебаркульский муниципальный округ (MO42)" in problem.ru


def test_parse_unknown_name_suggests_similar() -> None:
    (problem,) = error_of("Копейский окргу").messages
    assert problem.ru.startswith("Муниципальное образование «Копейский окргу» не найдено.")
    (problem,) = error_of("Копейскй").messages
    assert problem.ru == (
        "Муниципальное образование «Копейскй» не найдено. Возможно, имелось в виду: "
        "Копейский городской округ (MO04)."
    )


def test_parse_unknown_name() -> None:
    (problem,) = error_of("Атлантида").messages
    assert problem.ru == (
        "Муниципальное образование «Атлантида» не найдено. Укажите код (например, MO15), код ОКТМО "
        "или название из справочника."
    )


@pytest.mark.parametrize("text", ["MO99", "75000000", "75701999001"])
def test_parse_unknown_code(text: str) -> None:
    assert "не найдено" in error_of(text).messages[0].ru


def test_parse_oktmo_length() -> None:
    assert error_of("7570100").messages[0].ru == "Код ОКТМО «7570100» должен состоять из 8 или 11 цифр."


def test_parse_caches_errors_too() -> None:
    assert error_of("Троицкий") is error_of("Троицкий")


def test_index_keeps_ids_from_caller() -> None:
    index = MunicipalityIndex([(501, "MO15", None, "Челябинский городской округ", "URBAN_OKRUG")])
    assert index.parse("Челябинск") == 501
    assert index.parse("MO15") == 501


def test_index_municipal_district_kind() -> None:
    index = MunicipalityIndex(
        [
            (1, "MO01", None, "Пробный муниципальный район", MunicipalityKind.MUNICIPAL_DISTRICT),
            (2, "MO02", None, "Пробный городской округ", MunicipalityKind.URBAN_OKRUG),
        ]
    )
    assert index.parse("Пробный район") == 1
    assert index.parse("Пробный муниципальный округ") == 1
    assert index.parse("Пробный ГО") == 2
