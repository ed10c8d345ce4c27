"""The six import kinds: their columns, accepted headers and checks across a row.

Record keys are the model columns. A reference to another record stays text for the caller to
resolve in bulk: `organization_ref` and `organizer_ref` are an ИНН or an organisation's external
ID, and `*_external_id` are external IDs of events and participants.
"""

import re
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any

from db import enums
from db.imports import vocabulary
from db.imports.columns import Column, ImportKind, ParseContext, Parser, Problem
from db.imports.messages import Message, message
from db.imports.tables import Cell, cell_text
from db.imports.values import (
    SCHOOL_YEARS,
    check_not_negative,
    check_positive,
    check_range,
    end_of_local_day,
    parse_boolean,
    parse_date,
    parse_decimal,
    parse_grade,
    parse_identifier,
    parse_inn,
    parse_integer,
    parse_long_text,
    parse_moment,
    parse_school_year,
    parse_text,
)
from db.imports.vocabulary import Vocabulary
from db.reference.labels import LABELS
from db.timezone import REGION_ZONE, school_year_of, to_local

# Lengths of the model's string columns.
EXTERNAL_ID_LENGTH = 64
NAME_LENGTH = 100

_COMPACT_INN = re.compile(r"\d{10}|\d{12}")


def _plain(parse: Callable[[Cell], Any]) -> Parser:
    """Return a parser that needs only the cell."""
    return lambda cell, context: parse(cell)


def _text(max_length: int) -> Parser:
    return lambda cell, context: parse_text(cell, max_length)


def _identifier(cell: Cell, context: ParseContext) -> str:
    return parse_identifier(cell, EXTERNAL_ID_LENGTH)


def _organization_ref(cell: Cell, context: ParseContext) -> str:
    """Return an ИНН (spaces removed) or an organisation's external ID, as text."""
    text = parse_identifier(cell, EXTERNAL_ID_LENGTH)
    compact = "".join(text.split())
    return compact if _COMPACT_INN.fullmatch(compact) else text


def _integer_between(minimum: int, maximum: int) -> Parser:
    return lambda cell, context: check_range(parse_integer(cell), minimum, maximum)


def _positive_integer(cell: Cell, context: ParseContext) -> int:
    return check_positive(parse_integer(cell))


def _count(cell: Cell, context: ParseContext) -> int:
    return check_not_negative(parse_integer(cell))


def _score(cell: Cell, context: ParseContext) -> float:
    return check_not_negative(parse_decimal(cell))


def _end(cell: Cell, context: ParseContext) -> datetime:
    return parse_moment(cell, end_of_day=True)


def _municipality(cell: Cell, context: ParseContext) -> int:
    return context.municipalities.parse(cell)


def _one_of(values: Vocabulary) -> Parser:
    return lambda cell, context: values.parse(cell)


def _list_of(values: Vocabulary) -> Parser:
    return lambda cell, context: values.parse_list(cell)


def _municipality_column(required: bool) -> Column:
    return Column(
        "municipality_id",
        "Муниципальное образование",
        _municipality,
        aliases=("Муниципалитет", "МО", "Код МО", "ОКТМО", "Территория", "municipality"),
        required=required,
    )


def _organization_ref_column(key: str, header: str, aliases: tuple[str, ...], required: bool) -> Column:
    return Column(key, header, _organization_ref, aliases=aliases, required=required)


def _label(member: Enum) -> Message:
    return Message(*LABELS[type(member)][1][member.value])


# Organisations.


def _complete_organization(values: dict[str, Any], context: ParseContext) -> list[Problem]:
    if "external_id" not in values or "inn" not in values:
        return []
    if values["external_id"] is None and values["inn"] is None:
        return [("external_id", message("organization.no_identifier"))]
    return []


ORGANIZATIONS = ImportKind(
    "organizations",
    Message("организаций", "organisations"),
    (
        Column(
            "external_id",
            "Внешний ID",
            _identifier,
            aliases=("Внешний идентификатор", "ID организации", "Код организации"),
        ),
        Column("inn", "ИНН", _plain(parse_inn), aliases=("ИНН организации",)),
        Column(
            "name",
            "Полное наименование",
            _text(500),
            aliases=(
                "Наименование",
                "Полное наименование организации",
                "Наименование организации",
                "Название",
                "Название организации",
            ),
            required=True,
        ),
        Column(
            "short_name",
            "Краткое наименование",
            _text(200),
            aliases=("Сокращённое наименование", "Краткое название"),
        ),
        Column(
            "kind",
            "Вид организации",
            _one_of(vocabulary.ORGANIZATION_KIND),
            aliases=("Тип организации", "Вид"),
            required=True,
        ),
        _municipality_column(required=True),
    ),
    one_of=(("external_id", "inn"),),
    unique=(("external_id",), ("inn",)),
    complete=_complete_organization,
)


# Programmes.


def _complete_program(values: dict[str, Any], context: ParseContext) -> list[Problem]:
    problems: list[Problem] = []
    age_from, age_to = values.get("age_from"), values.get("age_to")
    if age_from is not None and age_to is not None and age_from > age_to:
        problems.append(("age_from", message("age.reversed", age_from=age_from, age_to=age_to)))
    problems += _settle_flag(values, "is_adapted", "adapted_for", "program.adapted_conflict")
    return problems


def _settle_flag(values: dict[str, Any], flag: str, categories: str, conflict: str) -> list[Problem]:
    """Check a yes/no column against the list that implies it; an empty flag follows the list."""
    if flag not in values or categories not in values:
        return []
    if values[categories] and values[flag] is False:
        return [(flag, message(conflict))]
    if values[flag] is None:
        values[flag] = bool(values[categories])
    return []


PROGRAMS = ImportKind(
    "programs",
    Message("программ", "programmes"),
    (
        Column(
            "external_id",
            "Внешний ID",
            _identifier,
            aliases=("Внешний идентификатор", "ID программы", "Код программы"),
            required=True,
        ),
        Column(
            "title",
            "Название программы",
            _text(500),
            aliases=("Название", "Наименование программы", "Наименование"),
            required=True,
        ),
        Column("description", "Описание", _plain(parse_long_text), aliases=("Аннотация", "Краткое описание")),
        Column(
            "orientation",
            "Направленность",
            _one_of(vocabulary.ORIENTATION),
            aliases=("Направленность программы",),
            required=True,
        ),
        Column(
            "program_type",
            "Вид программы",
            _one_of(vocabulary.PROGRAM_TYPE),
            aliases=("Тип программы",),
            default=enums.ProgramType.GENERAL_DEVELOPMENTAL,
        ),
        Column(
            "levels",
            "Уровень",
            _list_of(vocabulary.PROGRAM_LEVEL),
            aliases=("Уровни", "Уровень программы", "Уровни программы", "Уровень освоения"),
            default=(),
        ),
        Column(
            "study_form",
            "Форма обучения",
            _one_of(vocabulary.STUDY_FORM),
            default=enums.StudyForm.FULL_TIME,
        ),
        Column(
            "is_network",
            "Сетевая форма",
            _plain(parse_boolean),
            aliases=("Сетевая", "Сетевая программа", "Сетевая форма реализации"),
            default=False,
        ),
        Column(
            "uses_distance_learning",
            "Дистанционные технологии",
            _plain(parse_boolean),
            aliases=("ДОТ", "С применением ДОТ", "Дистанционное обучение"),
            default=False,
        ),
        # Empty means "yes" when categories are given and "no" otherwise.
        Column("is_adapted", "Адаптированная", _plain(parse_boolean), aliases=("Адаптированная программа",)),
        Column(
            "adapted_for",
            "Категории ОВЗ",
            _list_of(vocabulary.DISABILITY_CATEGORY),
            aliases=("Адаптирована для", "Для обучающихся с ОВЗ"),
            default=(),
        ),
        Column(
            "age_from",
            "Возраст от",
            _integer_between(0, 99),
            aliases=("Возраст с", "Минимальный возраст"),
            required=True,
        ),
        Column(
            "age_to",
            "Возраст до",
            _integer_between(0, 99),
            aliases=("Максимальный возраст",),
            required=True,
        ),
        Column(
            "hours",
            "Объём, часов",
            _positive_integer,
            aliases=("Объём (часов)", "Объём программы", "Количество часов", "Часов"),
        ),
        Column(
            "financing",
            "Финансирование",
            _one_of(vocabulary.FINANCING),
            aliases=("Источник финансирования",),
            required=True,
        ),
        Column("capacity", "Количество мест", _count, aliases=("Число мест", "Мест", "Вместимость")),
        Column(
            "status",
            "Статус",
            _one_of(vocabulary.PROGRAM_STATUS),
            aliases=("Статус программы",),
            default=enums.ProgramStatus.PUBLISHED,
        ),
        Column("school_year", "Учебный год", _plain(parse_school_year), required=True),
        _organization_ref_column(
            "organization_ref",
            "Организация (ИНН или внешний ID)",
            (
                "Организация",
                "ИНН организации",
                "Внешний ID организации",
                "ID организации",
                "Код организации",
            ),
            required=True,
        ),
        _municipality_column(required=False),
    ),
    unique=(("external_id",),),
    complete=_complete_program,
)


# Participants.


def _complete_participant(values: dict[str, Any], context: ParseContext) -> list[Problem]:
    problems: list[Problem] = []
    birth_date, birth_year = values.get("birth_date"), values.get("birth_year")
    if birth_date is not None and birth_date > context.today:
        problems.append(("birth_date", message("birth_date.future", value=birth_date.strftime("%d.%m.%Y"))))
    if birth_year is not None and birth_year > context.today.year:
        maximum = context.today.year
        problems.append(
            ("birth_year", message("number.range", value=birth_year, minimum=1900, maximum=maximum))
        )
    if birth_date is not None and birth_year is not None and birth_date.year != birth_year:
        mismatch = message(
            "birth_year.mismatch", birth_year=birth_year, birth_date=birth_date.strftime("%d.%m.%Y")
        )
        problems.append(("birth_year", mismatch))
    if birth_date is not None and birth_year is None and "birth_year" in values:
        values["birth_year"] = birth_date.year
    problems += _settle_flag(
        values, "has_disability_status", "disability_categories", "participant.disability_conflict"
    )
    return problems


_ORGANIZATION_REF_ALIASES = (
    "Организация",
    "Образовательная организация",
    "ИНН организации",
    "Внешний ID организации",
    "ID организации",
    "Код организации",
)

PARTICIPANTS = ImportKind(
    "participants",
    Message("участников", "participants"),
    (
        Column(
            "external_id",
            "Внешний ID",
            _identifier,
            aliases=("Внешний идентификатор", "ID участника", "Код участника"),
            required=True,
        ),
        Column(
            "category",
            "Категория",
            _one_of(vocabulary.PARTICIPANT_CATEGORY),
            aliases=("Категория участника",),
            default=enums.ParticipantCategory.STUDENT,
        ),
        _municipality_column(required=True),
        _organization_ref_column(
            "organization_ref", "Организация (ИНН или внешний ID)", _ORGANIZATION_REF_ALIASES, required=False
        ),
        Column("grade", "Класс", _plain(parse_grade)),
        Column("birth_year", "Год рождения", _integer_between(1900, 2100)),
        Column("sex", "Пол", _one_of(vocabulary.SEX)),
        Column("last_name", "Фамилия", _text(NAME_LENGTH), required=True),
        Column("first_name", "Имя", _text(NAME_LENGTH), required=True),
        Column("middle_name", "Отчество", _text(NAME_LENGTH)),
        Column("birth_date", "Дата рождения", _plain(parse_date)),
        # Empty means "yes" when categories are given and "no" otherwise.
        Column(
            "has_disability_status",
            "Статус ОВЗ",
            _plain(parse_boolean),
            aliases=("ОВЗ", "Обучающийся с ОВЗ", "Наличие статуса ОВЗ"),
        ),
        Column(
            "is_disabled_child",
            "Ребёнок-инвалид",
            _plain(parse_boolean),
            aliases=("Инвалидность", "Ребёнок с инвалидностью"),
            default=False,
        ),
        Column(
            "disability_categories",
            "Категории ОВЗ",
            _list_of(vocabulary.DISABILITY_CATEGORY),
            aliases=("Категория ОВЗ",),
            default=(),
        ),
    ),
    unique=(("external_id",),),
    complete=_complete_participant,
)


# Events.


def _complete_event(values: dict[str, Any], context: ParseContext) -> list[Problem]:
    problems: list[Problem] = []
    kind, stage = values.get("kind"), values.get("olympiad_stage")
    if stage is not None and kind is not None and kind is not enums.EventKind.OLYMPIAD:
        problems.append(("olympiad_stage", message("event.stage_not_olympiad", kind=_label(kind))))

    values["school_year"] = None
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at is None:
        return problems
    if ends_at is None and "ends_at" in values:
        ends_at = values["ends_at"] = end_of_local_day(to_local(starts_at).date())
    if ends_at is not None and ends_at < starts_at:
        reversed_range = message(
            "event.ends_before_start", ends_at=_local_text(ends_at), starts_at=_local_text(starts_at)
        )
        problems.append(("ends_at", reversed_range))

    school_year = school_year_of(starts_at)
    minimum, maximum = SCHOOL_YEARS
    if minimum <= school_year <= maximum:
        values["school_year"] = school_year
    else:
        out_of_range = message(
            "event.school_year_range", value=_local_text(starts_at), minimum=minimum, maximum=maximum
        )
        problems.append(("starts_at", out_of_range))
    return problems


def _local_text(moment: datetime) -> str:
    return cell_text(moment.astimezone(REGION_ZONE).replace(tzinfo=None))


EVENTS = ImportKind(
    "events",
    Message("мероприятий", "events"),
    (
        Column(
            "external_id",
            "Внешний ID",
            _identifier,
            aliases=("Внешний идентификатор", "ID мероприятия", "Код мероприятия"),
            required=True,
        ),
        Column(
            "title",
            "Название мероприятия",
            _text(1000),
            aliases=("Название", "Наименование мероприятия", "Наименование"),
            required=True,
        ),
        Column(
            "kind",
            "Вид мероприятия",
            _one_of(vocabulary.EVENT_KIND),
            aliases=("Тип мероприятия", "Вид"),
            default=enums.EventKind.OTHER,
        ),
        Column(
            "level",
            "Уровень",
            _one_of(vocabulary.EVENT_LEVEL),
            aliases=("Уровень мероприятия",),
            required=True,
        ),
        Column(
            "olympiad_stage",
            "Этап олимпиады",
            _one_of(vocabulary.OLYMPIAD_STAGE),
            aliases=("Этап", "Этап ВсОШ"),
        ),
        Column(
            "format",
            "Формат",
            _one_of(vocabulary.EVENT_FORMAT),
            aliases=("Формат проведения", "Формат мероприятия", "Форма проведения"),
            default=enums.EventFormat.OFFLINE,
        ),
        Column(
            "starts_at",
            "Начало",
            _plain(parse_moment),
            aliases=("Дата начала", "Дата и время начала", "Дата проведения", "Дата"),
            required=True,
        ),
        Column(
            "ends_at",
            "Окончание",
            _end,
            aliases=("Дата окончания", "Дата и время окончания"),
        ),
        Column("orientation", "Направленность", _one_of(vocabulary.ORIENTATION)),
        Column("subject", "Предмет", _text(100), aliases=("Предмет олимпиады", "Профиль")),
        Column(
            "audiences",
            "Аудитория",
            _list_of(vocabulary.PARTICIPANT_CATEGORY),
            aliases=("Целевая аудитория", "Категории участников"),
            default=(),
        ),
        Column(
            "in_federal_list",
            "В перечне Минпросвещения",
            _plain(parse_boolean),
            aliases=("Перечневое", "Перечневое мероприятие", "В федеральном перечне"),
            default=False,
        ),
        _organization_ref_column(
            "organizer_ref",
            "Организатор (ИНН или внешний ID)",
            ("Организатор", "ИНН организатора", "Внешний ID организатора"),
            required=False,
        ),
        _municipality_column(required=False),
    ),
    unique=(("external_id",),),
    complete=_complete_event,
)


# Participations.


def _complete_participation(values: dict[str, Any], context: ParseContext) -> list[Problem]:
    mentor = values.get("mentor_external_id")
    if mentor is not None and mentor == values.get("participant_external_id"):
        return [("mentor_external_id", message("participation.self_mentor"))]
    return []


PARTICIPATIONS = ImportKind(
    "participations",
    Message("результатов участия", "participations"),
    (
        Column(
            "event_external_id",
            "Мероприятие (внешний ID)",
            _identifier,
            aliases=("Внешний ID мероприятия", "ID мероприятия", "Код мероприятия", "Мероприятие"),
            required=True,
        ),
        Column(
            "participant_external_id",
            "Участник (внешний ID)",
            _identifier,
            aliases=("Внешний ID участника", "ID участника", "Код участника", "Участник"),
            required=True,
        ),
        Column(
            "result",
            "Результат",
            _one_of(vocabulary.PARTICIPATION_RESULT),
            aliases=("Результат участия", "Итог"),
            required=True,
        ),
        Column("score", "Баллы", _score, aliases=("Балл", "Количество баллов", "Результат в баллах")),
        Column(
            "mentor_external_id",
            "Наставник (внешний ID)",
            _identifier,
            aliases=("Внешний ID наставника", "ID наставника", "Код наставника", "Наставник"),
        ),
    ),
    unique=(("event_external_id", "participant_external_id"),),
    complete=_complete_participation,
)


# Child population.

POPULATION = ImportKind(
    "population",
    Message("численности детей", "child population"),
    (
        _municipality_column(required=True),
        Column("school_year", "Учебный год", _plain(parse_school_year), aliases=("Год",), required=True),
        Column(
            "children_5_18",
            "Дети 5–18 лет",
            _count,
            aliases=(
                "Численность детей 5–18 лет",
                "Число детей 5–18 лет",
                "Количество детей 5–18 лет",
                "Численность детей от 5 до 18 лет",
                "Детей от 5 до 18 лет",
            ),
            required=True,
        ),
    ),
    unique=(("municipality_id", "school_year"),),
)


KINDS: dict[str, ImportKind] = {
    kind.name: kind for kind in (ORGANIZATIONS, PROGRAMS, PARTICIPANTS, EVENTS, PARTICIPATIONS, POPULATION)
}


def import_kind(name: str) -> ImportKind:
    """Return the import kind called `name`.

    Raises:
        ValueError: no kind has that name; the message lists the kinds.
    """
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown import kind {name!r}; expected one of {', '.join(KINDS)}") from None
