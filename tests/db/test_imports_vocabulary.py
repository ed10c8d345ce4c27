"""Spellings of enumeration values: labels, schema names, synonyms and lists."""

from enum import Enum

import pytest

from db import enums
from db.imports import vocabulary
from db.imports.values import InvalidValue
from db.reference.labels import LABELS

ALL = [
    vocabulary.ORGANIZATION_KIND,
    vocabulary.ORIENTATION,
    vocabulary.PROGRAM_TYPE,
    vocabulary.PROGRAM_LEVEL,
    vocabulary.STUDY_FORM,
    vocabulary.FINANCING,
    vocabulary.PROGRAM_STATUS,
    vocabulary.DISABILITY_CATEGORY,
    vocabulary.PARTICIPANT_CATEGORY,
    vocabulary.SEX,
    vocabulary.EVENT_KIND,
    vocabulary.EVENT_LEVEL,
    vocabulary.OLYMPIAD_STAGE,
    vocabulary.EVENT_FORMAT,
    vocabulary.PARTICIPATION_RESULT,
]

Result = enums.ParticipationResult


@pytest.mark.parametrize("values", ALL, ids=lambda values: values.enum.__name__)
def test_vocabulary_accepts_every_label_and_name(values: vocabulary.Vocabulary) -> None:
    for member in values.enum:
        russian, english = LABELS[values.enum][1][member.value]
        for spelling in (
            russian,
            russian.upper(),
            f"  {russian.lower()} ",
            english,
            member.value,
            member.value.lower(),
        ):
            assert values.lookup(spelling) is member, spelling


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("победитель", Result.WINNER),
        ("Победитель", Result.WINNER),
        ("WINNER", Result.WINNER),
        ("призёр", Result.PRIZE_WINNER),
        ("призер", Result.PRIZE_WINNER),
        ("ПРИЗЁР", Result.PRIZE_WINNER),
        ("prize_winner", Result.PRIZE_WINNER),
        ("участник", Result.PARTICIPANT),
        ("лауреат", Result.LAUREATE),
        ("лауреат I степени", Result.LAUREATE),
        ("Лауреат II степени", Result.LAUREATE),
        ("лауреат III степени", Result.LAUREATE),
        ("лауреат 1 степени", Result.LAUREATE),
        ("лауреат 2-й степени", Result.LAUREATE),
        ("дипломант", Result.DIPLOMA_HOLDER),
        ("дипломант I степени", Result.DIPLOMA_HOLDER),
        ("Дипломант 3 степени", Result.DIPLOMA_HOLDER),
    ],
)
def test_result_spellings(text: str, member: Result) -> None:
    assert vocabulary.PARTICIPATION_RESULT.lookup(text) is member


@pytest.mark.parametrize(
    ("values", "text", "member"),
    [
        (vocabulary.ORIENTATION, "социально-педагогическая", enums.Orientation.SOCIAL_HUMANITARIAN),
        (vocabulary.ORIENTATION, "Социально - педагогическая", enums.Orientation.SOCIAL_HUMANITARIAN),
        (vocabulary.ORIENTATION, "естественно-научная", enums.Orientation.NATURAL_SCIENCE),
        (vocabulary.ORIENTATION, "физкультурно–спортивная", enums.Orientation.PHYSICAL_CULTURE_SPORTS),
        (vocabulary.PROGRAM_LEVEL, "стартовый", enums.ProgramLevel.STARTER),
        (vocabulary.PROGRAM_LEVEL, "ознакомительный", enums.ProgramLevel.STARTER),
        (vocabulary.PROGRAM_LEVEL, "базовый", enums.ProgramLevel.BASIC),
        (vocabulary.PROGRAM_LEVEL, "продвинутый", enums.ProgramLevel.ADVANCED),
        (vocabulary.PROGRAM_LEVEL, "углублённый", enums.ProgramLevel.ADVANCED),
        (vocabulary.PROGRAM_LEVEL, "углубленный", enums.ProgramLevel.ADVANCED),
        (vocabulary.SEX, "м", enums.Sex.MALE),
        (vocabulary.SEX, "М.", enums.Sex.MALE),
        (vocabulary.SEX, "муж", enums.Sex.MALE),
        (vocabulary.SEX, "мужской", enums.Sex.MALE),
        (vocabulary.SEX, "ж", enums.Sex.FEMALE),
        (vocabulary.SEX, "жен", enums.Sex.FEMALE),
        (vocabulary.SEX, "Женский", enums.Sex.FEMALE),
        (vocabulary.STUDY_FORM, "очная", enums.StudyForm.FULL_TIME),
        (vocabulary.STUDY_FORM, "очно-заочная", enums.StudyForm.PART_TIME),
        (vocabulary.STUDY_FORM, "заочная", enums.StudyForm.EXTRAMURAL),
        (vocabulary.FINANCING, "бюджет", enums.FinancingSource.FREE),
        (vocabulary.FINANCING, "сертификат", enums.FinancingSource.CERTIFICATE),
        (vocabulary.FINANCING, "Сертификат ПФДО", enums.FinancingSource.CERTIFICATE),
        (vocabulary.FINANCING, "платно", enums.FinancingSource.PAID),
        (vocabulary.FINANCING, "платная", enums.FinancingSource.PAID),
        (vocabulary.ORGANIZATION_KIND, "школа", enums.OrganizationKind.SCHOOL),
        (vocabulary.ORGANIZATION_KIND, "УДО", enums.OrganizationKind.ADDITIONAL_EDUCATION),
        (vocabulary.DISABILITY_CATEGORY, "ЗПР", enums.DisabilityCategory.DEVELOPMENTAL_DELAY),
        (
            vocabulary.DISABILITY_CATEGORY,
            "с тяжелыми нарушениями речи",
            enums.DisabilityCategory.SEVERE_SPEECH_DISORDER,
        ),
        (vocabulary.OLYMPIAD_STAGE, "муниципальный", enums.OlympiadStage.MUNICIPAL),
        (vocabulary.EVENT_FORMAT, "онлайн", enums.EventFormat.ONLINE),
    ],
)
def test_synonyms(values: vocabulary.Vocabulary, text: str, member: Enum) -> None:
    assert values.lookup(text) is member


def test_unknown_result_message() -> None:
    with pytest.raises(InvalidValue) as caught:
        vocabulary.PARTICIPATION_RESULT.parse("чемпион")
    (problem,) = caught.value.messages
    assert problem.ru == (
        "Неизвестный результат «чемпион»: ожидается победитель, призёр, участник, лауреат или дипломант."
    )
    assert problem.en == (
        'Unknown result "чемпион": expected winner, prize winner, participant, laureate or diploma holder.'
    )


def test_unknown_value_message_keeps_abbreviations() -> None:
    with pytest.raises(InvalidValue) as caught:
        vocabulary.FINANCING.parse("грант")
    assert caught.value.messages[0].ru == (
        "Неизвестный источник финансирования «грант»: ожидается бюджет (бесплатно), сертификат ПФДО "
        "или платные услуги."
    )


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("стартовый; базовый", (enums.ProgramLevel.STARTER, enums.ProgramLevel.BASIC)),
        ("базовый, продвинутый", (enums.ProgramLevel.BASIC, enums.ProgramLevel.ADVANCED)),
        ("базовый;; базовый ;", (enums.ProgramLevel.BASIC,)),
        ("Стартовый (ознакомительный)", (enums.ProgramLevel.STARTER,)),
    ],
)
def test_parse_list(text: str, members: tuple[Enum, ...]) -> None:
    assert vocabulary.PROGRAM_LEVEL.parse_list(text) == members


def test_parse_list_label_with_comma() -> None:
    audiences = vocabulary.PARTICIPANT_CATEGORY.parse_list(
        "Педагог; Руководитель, управленческая команда, родитель"
    )
    assert audiences == (
        enums.ParticipantCategory.TEACHER,
        enums.ParticipantCategory.MANAGER,
        enums.ParticipantCategory.PARENT,
    )


def test_parse_list_reports_each_unknown_item() -> None:
    with pytest.raises(InvalidValue) as caught:
        vocabulary.DISABILITY_CATEGORY.parse_list("ЗПР; дальтоники; НОДА; левши")
    assert [problem.ru.split(":")[0] for problem in caught.value.messages] == [
        "Неизвестная категория ОВЗ «дальтоники»",
        "Неизвестная категория ОВЗ «левши»",
    ]


def test_vocabulary_rejects_conflicting_synonym() -> None:
    with pytest.raises(ValueError, match="both"):
        vocabulary.Vocabulary(
            enums.Sex,
            vocabulary.Message("Неизвестное значение пола", "Unknown sex"),
            synonyms={"мужской": enums.Sex.FEMALE},
        )
