"""Parsing rows into records: headers, required values, checks across a row and the fixture files."""

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from db import enums
from db.imports import (
    KINDS,
    Column,
    FileIssue,
    ImportKind,
    Message,
    MunicipalityIndex,
    ParsedRow,
    ParseResult,
    RowError,
    parse_file,
    parse_records,
    read_table,
)
from db.reference import municipalities

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
LOCAL = timezone(timedelta(hours=5))
TODAY = date(2025, 1, 15)

# The ids are the numbers of the codes: MO15 has id 15.
INDEX = MunicipalityIndex(
    (int(record.code[2:]), record.code, record.oktmo, record.name, record.kind) for record in municipalities()
)


def parse_text(
    kind: str, text: str, encoding: str = "utf-8"
) -> tuple[ParseResult, list[ParsedRow | RowError]]:
    with read_table(text.encode(encoding), f"{kind}.csv") as table:
        result = parse_records(kind, table, INDEX, today=TODAY)
        return result, list(result)


def parse_fixture(kind: str, name: str) -> tuple[ParseResult, list[ParsedRow | RowError]]:
    with parse_file(kind, FIXTURES / name, name, INDEX, today=TODAY) as result:
        return result, list(result)


def records(items: list[ParsedRow | RowError]) -> list[dict[str, Any]]:
    assert [item for item in items if isinstance(item, RowError)] == []
    return [item.values for item in items if isinstance(item, ParsedRow)]


def errors(items: list[ParsedRow | RowError]) -> list[RowError]:
    return [item for item in items if isinstance(item, RowError)]


def only_values(kind: str, text: str) -> dict[str, Any]:
    _, items = parse_text(kind, text)
    (values,) = records(items)
    return values


def row_errors(kind: str, text: str) -> list[RowError]:
    result, items = parse_text(kind, text)
    assert result.file_errors == []
    return errors(items)


PARTICIPATION_HEADER = (
    "Мероприятие (внешний ID);Участник (внешний ID);Результат;Баллы;Наставник (внешний ID)\n"
)


# The fixture files.


@pytest.mark.parametrize(
    ("kind", "name", "count"),
    [
        ("organizations", "organizations.csv", 4),
        ("organizations", "organizations.xlsx", 4),
        ("programs", "programs.csv", 5),
        ("participants", "participants.csv", 20),
        ("events", "events_cp1251.csv", 5),
        ("events", "events_utf8.csv", 5),
        ("events", "events.xlsx", 5),
        ("participations", "participations_cp1251.csv", 40),
        ("participations", "participations_utf8.csv", 40),
        ("participations", "participations.xlsx", 40),
        ("population", "population.csv", 5),
    ],
)
def test_fixture_parses_without_problems(kind: str, name: str, count: int) -> None:
    result, items = parse_fixture(kind, name)
    assert result.file_errors == []
    assert result.warnings == []
    assert len(records(items)) == count
    assert (result.rows_read, result.rows_rejected) == (count, 0)


def test_participations_encodings_give_identical_records() -> None:
    cp1251, cp1251_items = parse_fixture("participations", "participations_cp1251.csv")
    utf8, utf8_items = parse_fixture("participations", "participations_utf8.csv")
    assert [(row.line, row.values) for row in cp1251_items] == [(row.line, row.values) for row in utf8_items]
    # The files spell the headers differently.
    assert cp1251.columns["event_external_id"] == "Мероприятие (внешний ID)"
    assert utf8.columns["event_external_id"] == "event_external_id"


def test_participations_xlsx_gives_identical_records() -> None:
    _, csv_items = parse_fixture("participations", "participations_cp1251.csv")
    _, xlsx_items = parse_fixture("participations", "participations.xlsx")
    assert records(xlsx_items) == records(csv_items)
    # The workbook's header is on row 2, below an empty row.
    assert xlsx_items[0].line == 3


def test_participations_fixture_values() -> None:
    _, items = parse_fixture("participations", "participations_cp1251.csv")
    first = records(items)[0]
    assert first == {
        "event_external_id": "EV-T01",
        "participant_external_id": "P-T011",
        "result": enums.ParticipationResult.WINNER,
        "score": 45.25,
        "mentor_external_id": "P-T019",
    }
    results = {values["result"] for values in records(items)}
    assert results == set(enums.ParticipationResult)


def test_events_cp1251_utf8_and_xlsx_give_identical_records() -> None:
    _, dotted = parse_fixture("events", "events_cp1251.csv")
    _, iso = parse_fixture("events", "events_utf8.csv")
    _, workbook = parse_fixture("events", "events.xlsx")
    assert records(dotted) == records(iso)
    assert records(workbook) == records(dotted)


def test_events_fixture_moments() -> None:
    _, items = parse_fixture("events", "events_cp1251.csv")
    olympiad, contest, conference, festival, session = records(items)
    assert olympiad["kind"] is enums.EventKind.OLYMPIAD
    assert olympiad["olympiad_stage"] is enums.OlympiadStage.MUNICIPAL
    assert olympiad["starts_at"] == datetime(2024, 11, 15, 5, 0, tzinfo=UTC)
    assert olympiad["in_federal_list"] is True
    # Dates alone: local midnight to the end of the last day.
    assert contest["starts_at"] == datetime(2024, 12, 1, 0, 0, tzinfo=LOCAL)
    assert contest["ends_at"] == datetime(2024, 12, 3, 23, 59, 59, tzinfo=LOCAL)
    # No end: the end of the start's day.
    assert conference["ends_at"] == datetime(2025, 2, 20, 23, 59, 59, tzinfo=LOCAL)
    assert festival["audiences"] == (enums.ParticipantCategory.STUDENT, enums.ParticipantCategory.PARENT)
    assert session["audiences"] == (enums.ParticipantCategory.TEACHER, enums.ParticipantCategory.MANAGER)
    assert [values["school_year"] for values in (olympiad, contest, conference, festival, session)] == [
        2024
    ] * 5


def test_organizations_xlsx_numeric_cells_match_csv() -> None:
    _, csv_items = parse_fixture("organizations", "organizations.csv")
    _, xlsx_items = parse_fixture("organizations", "organizations.xlsx")
    assert records(xlsx_items) == records(csv_items)
    first = records(xlsx_items)[0]
    assert first["inn"] == "7400000015"
    assert first["municipality_id"] == 15


def test_organizations_fixture_values() -> None:
    _, items = parse_fixture("organizations", "organizations.csv")
    values = records(items)
    assert [row["municipality_id"] for row in values] == [15, 7, 12, 17]
    assert values[3]["inn"] is None
    assert values[3]["kind"] is enums.OrganizationKind.ADDITIONAL_EDUCATION


def test_programs_fixture_values() -> None:
    _, items = parse_fixture("programs", "programs.csv")
    robotics, ecology, choir, hiking, debates = records(items)
    assert items[1].line == 4  # the first record's description spans lines 2 and 3
    assert robotics["levels"] == (enums.ProgramLevel.STARTER, enums.ProgramLevel.BASIC)
    assert robotics["financing"] is enums.FinancingSource.CERTIFICATE
    assert ecology["status"] is enums.ProgramStatus.PUBLISHED
    assert ecology["municipality_id"] is None
    assert choir["organization_ref"] == "7400000030"
    assert choir["adapted_for"] == (
        enums.DisabilityCategory.DEVELOPMENTAL_DELAY,
        enums.DisabilityCategory.SEVERE_SPEECH_DISORDER,
    )
    assert hiking["program_type"] is enums.ProgramType.GENERAL_DEVELOPMENTAL
    assert [row["school_year"] for row in (robotics, ecology, choir, hiking, debates)] == [2024] * 5


def test_participants_fixture_values() -> None:
    _, items = parse_fixture("participants", "participants.csv")
    values = {row["external_id"]: row for row in records(items)}
    assert values["P-T003"]["grade"] == 7
    assert values["P-T005"]["has_disability_status"] is True
    assert values["P-T005"]["disability_categories"] == (
        enums.DisabilityCategory.DEVELOPMENTAL_DELAY,
        enums.DisabilityCategory.SEVERE_SPEECH_DISORDER,
    )
    assert values["P-T007"]["middle_name"] is None
    assert values["P-T019"]["category"] is enums.ParticipantCategory.TEACHER
    assert values["P-T019"]["grade"] is None


def test_population_fixture_values() -> None:
    _, items = parse_fixture("population", "population.csv")
    assert [(row["municipality_id"], row["school_year"], row["children_5_18"]) for row in records(items)] == [
        (15, 2024, 212345),
        (7, 2024, 67890),
        (12, 2024, 12034),
        (39, 2024, 4321),
        (15, 2023, 209876),
    ]


def test_legacy_fixture_orientation_and_ambiguous_municipalities() -> None:
    result, items = parse_fixture("programs", "programs_legacy.csv")
    parsed = [item for item in items if isinstance(item, ParsedRow)]
    assert [row.values["orientation"] for row in parsed] == [enums.Orientation.SOCIAL_HUMANITARIAN] * 2
    assert [row.values["municipality_id"] for row in parsed] == [12, 42]
    troitsky, chebarkul = errors(items)
    assert (troitsky.line, troitsky.column, troitsky.value) == (3, "Муниципальное образование", "Троицкий")
    assert "Троицкий городской округ (MO12) или Троицкий муниципальный округ (MO39)" in troitsky.message_ru
    assert (chebarkul.line, chebarkul.value) == (4, "Чебаркульский")
    assert "(MO14)" in chebarkul.message_ru
    assert "(MO42)" in chebarkul.message_ru
    assert (result.rows_read, result.rows_rejected) == (4, 2)


# Headers.


@pytest.mark.parametrize(
    "header",
    [
        "Мероприятие (внешний ID);Участник (внешний ID);Результат",
        "  МЕРОПРИЯТИЕ   (внешний id) ;участник (внешний ID)*;Результат:",
        "event_external_id;participant_external_id;result",
        "Event External ID;PARTICIPANT_EXTERNAL_ID;Result",
        "ID мероприятия;Код участника;Результат участия*",
        "Код мероприятия;ID участника;Итог",
    ],
)
def test_header_tolerance(header: str) -> None:
    values = only_values("participations", f"{header}\nEV-1;P-1;победитель\n")
    assert values["event_external_id"] == "EV-1"
    assert values["participant_external_id"] == "P-1"
    assert values["result"] is enums.ParticipationResult.WINNER


def test_header_yo_and_dashes() -> None:
    values = only_values(
        "population", "Муниципальное образование;Учебный год;Численность детей 5-18 лет\nMO15;2024;10\n"
    )
    assert values["children_5_18"] == 10
    values = only_values("population", "МО;Год;Дети 5 — 18 лет\nMO15;2024;10\n")
    assert values["children_5_18"] == 10


def test_header_unknown_column_is_warning() -> None:
    result, items = parse_text(
        "participations",
        "ID мероприятия;ID участника;Результат;Примечание\nEV-1;P-1;участник;прислал поздно\n",
    )
    assert result.file_errors == []
    assert result.warnings == [
        FileIssue(
            1,
            "Примечание",
            "Столбец «Примечание» не используется при импорте результатов участия и будет пропущен.",
            'Column "Примечание" is not used when importing participations and is skipped.',
        )
    ]
    assert len(records(items)) == 1


def test_header_blank_column_is_warning() -> None:
    result, items = parse_text(
        "participations", "ID мероприятия;;ID участника;Результат\nEV-1;x;P-1;участник\n"
    )
    assert [warning.message_ru for warning in result.warnings] == [
        "У столбца 2 нет заголовка: его значения будут пропущены."
    ]
    assert records(items)[0]["participant_external_id"] == "P-1"


def test_header_missing_required_column_rejects_file() -> None:
    result, items = parse_text("participations", "ID мероприятия;Баллы\nEV-1;10\n")
    assert items == []
    assert [issue.message_ru for issue in result.file_errors] == [
        "В файле нет обязательного столбца «Участник (внешний ID)». Допустимые заголовки: «Участник (внешний ID)», "
        "«Внешний ID участника», «ID участника», «Код участника», «Участник» или «participant_external_id».",
        "В файле нет обязательного столбца «Результат». Допустимые заголовки: «Результат», «Результат участия», "
        "«Итог» или «result».",
    ]
    assert result.file_errors[0].message_en.startswith(
        'The file has no required column "Участник (внешний ID)".'
    )


def test_header_duplicate_column_rejects_file() -> None:
    result, items = parse_text(
        "participations", "ID мероприятия;ID участника;Результат;result\nEV-1;P-1;участник;участник\n"
    )
    assert items == []
    (issue,) = result.file_errors
    assert issue.column == "result"
    assert issue.message_ru == (
        "Столбцы «Результат» (столбец 3) и «result» (столбец 4) означают одно и то же — «Результат». "
        "Оставьте один из них."
    )


def test_header_organizations_need_external_id_or_inn_column() -> None:
    result, _ = parse_text(
        "organizations", "Полное наименование;Вид организации;МО\nТестовая школа;школа;MO15\n"
    )
    assert [issue.message_ru for issue in result.file_errors] == [
        "В файле нет ни одного из столбцов «Внешний ID» и «ИНН»: нужен хотя бы один."
    ]


def test_parse_records_unknown_kind() -> None:
    with (
        read_table(b"a;b\n1;2\n", "file.csv") as table,
        pytest.raises(ValueError, match="organizations, programs"),
    ):
        parse_records("enrollments", table, INDEX)


def test_kinds_names() -> None:
    assert list(KINDS) == [
        "organizations",
        "programs",
        "participants",
        "events",
        "participations",
        "population",
    ]


def test_import_kind_rejects_shared_header() -> None:
    parse = KINDS["participations"].columns[0].parse
    with pytest.raises(ValueError, match="header 'код:' of b is taken by a"):
        ImportKind(
            "test",
            Message("тест", "test"),
            (Column("a", "А", parse, aliases=("Код",)), Column("b", "Б", parse, aliases=("код:",))),
        )


# Rows.


def test_row_error_has_line_column_value_and_reason() -> None:
    text = PARTICIPATION_HEADER + "EV-1;P-1;победитель;87,5;\n\nEV-1;P-2;чемпион;много;\n"
    problems = row_errors("participations", text)
    assert problems == [
        RowError(
            4,
            "Результат",
            "чемпион",
            "Неизвестный результат «чемпион»: ожидается победитель, призёр, участник, лауреат или дипломант.",
            'Unknown result "чемпион": expected winner, prize winner, participant, laureate or diploma holder.',
        ),
        RowError(
            4,
            "Баллы",
            "много",
            "«много» — не число. Дробную часть отделяйте запятой или точкой, например 87,5.",
            '"много" is not a number. Separate the fraction with a comma or a point, e.g. 87.5.',
        ),
    ]


def test_row_collects_every_problem() -> None:
    text = (
        "Внешний ID;Категория;МО;Класс;Год рождения;Пол;Фамилия;Имя;Дата рождения\n"
        "P-1;космонавт;Атлантида;13;19ХХ;x;;Анна;31.02.2012\n"
    )
    problems = row_errors("participants", text)
    assert [(problem.column, problem.value) for problem in problems] == [
        ("Категория", "космонавт"),
        ("МО", "Атлантида"),
        ("Класс", "13"),
        ("Год рождения", "19ХХ"),
        ("Пол", "x"),
        ("Фамилия", ""),
        ("Дата рождения", "31.02.2012"),
    ]
    assert {problem.line for problem in problems} == {2}
    assert problems[5].message_ru == "Не заполнен обязательный столбец «Фамилия»."
    assert problems[6].message_ru == "Дата «31.02.2012» не существует."


def test_row_required_value_missing_when_row_is_short() -> None:
    (problem,) = row_errors("participations", PARTICIPATION_HEADER + "EV-1;P-1\n")
    assert (problem.column, problem.value) == ("Результат", "")


def test_row_too_many_cells_hints_at_quotes() -> None:
    text = 'ID мероприятия,ID участника,Результат,Баллы\nEV-1,P-1,победитель,87,5\nEV-1,P-2,участник,"87,5"\n'
    result, items = parse_text("participations", text)
    (problem,) = errors(items)
    assert (problem.line, problem.column) == (2, None)
    assert problem.message_ru == (
        "В строке 5 значений, а в заголовке 4 столбцов. Если значение содержит разделитель «,», "
        "возьмите его в двойные кавычки."
    )
    assert records([items[-1]])[0]["score"] == 87.5


def test_row_duplicate_key() -> None:
    text = PARTICIPATION_HEADER + "EV-1;P-1;победитель;;\nEV-1;P-2;призёр;;\nEV-1;P-1;участник;;\n"
    result, items = parse_text("participations", text)
    (problem,) = errors(items)
    assert (problem.line, problem.column, problem.value) == (4, "Мероприятие (внешний ID)", "EV-1")
    assert problem.message_ru == (
        "Строка повторяет строку 2: «Мероприятие (внешний ID)» = EV-1, «Участник (внешний ID)» = P-1. "
        "Оставьте одну из них."
    )
    assert (result.rows_read, result.rows_rejected) == (3, 1)


def test_row_duplicate_inn_with_different_spelling() -> None:
    text = "ИНН;Полное наименование;Вид организации;МО\n7400000015;А;школа;MO15\n7400 000 015;Б;школа;MO15\n"
    (problem,) = row_errors("organizations", text)
    assert (problem.line, problem.column) == (3, "ИНН")


def test_row_defaults_for_absent_columns() -> None:
    text = (
        "Внешний ID;Название программы;Направленность;Возраст от;Возраст до;Финансирование;Учебный год;Организация\n"
        "PRG-1;Тестовая программа;техническая;7;10;бюджет;2024/25;ORG-1\n"
    )
    values = only_values("programs", text)
    assert values["program_type"] is enums.ProgramType.GENERAL_DEVELOPMENTAL
    assert values["study_form"] is enums.StudyForm.FULL_TIME
    assert values["status"] is enums.ProgramStatus.PUBLISHED
    assert values["levels"] == ()
    assert values["is_network"] is False
    assert values["is_adapted"] is False
    assert values["hours"] is None
    assert values["municipality_id"] is None
    assert set(values) == {column.key for column in KINDS["programs"].columns}


def test_result_columns_lists_keys_in_file() -> None:
    result, _ = parse_text("participations", "ID мероприятия;ID участника;Результат\nEV-1;P-1;участник\n")
    assert result.columns == {
        "event_external_id": "ID мероприятия",
        "participant_external_id": "ID участника",
        "result": "Результат",
    }


def test_rows_stream_lazily() -> None:
    text = PARTICIPATION_HEADER + "".join(f"EV-1;P-{number};участник;;\n" for number in range(1000))
    with read_table(text.encode(), "file.csv") as table:
        result = parse_records("participations", table, INDEX)
        iterator = iter(result)
        next(iterator)
        assert result.rows_read == 1


# Checks across a row.


def test_organization_needs_external_id_or_inn() -> None:
    text = "Внешний ID;ИНН;Полное наименование;Вид организации;МО\n;;Тестовая школа;школа;MO15\n"
    (problem,) = row_errors("organizations", text)
    assert (problem.line, problem.column, problem.value) == (2, "Внешний ID", "")
    assert problem.message_ru.startswith("Укажите внешний ID или ИНН организации")


def test_organization_bad_inn_is_not_reported_as_missing() -> None:
    text = "Внешний ID;ИНН;Полное наименование;Вид организации;МО\n;7400000016;Тестовая школа;школа;MO15\n"
    (problem,) = row_errors("organizations", text)
    assert problem.column == "ИНН"
    assert "контрольных цифр" in problem.message_ru


PROGRAM_HEADER = (
    "Внешний ID;Название программы;Направленность;Возраст от;Возраст до;Финансирование;Учебный год;"
    "Организация;Адаптированная;Категории ОВЗ;Объём, часов;Количество мест\n"
)


def test_program_age_range_reversed() -> None:
    (problem,) = row_errors("programs", PROGRAM_HEADER + "P;Т;техническая;14;7;бюджет;2024;ORG-1;;;;\n")
    assert (problem.column, problem.value) == ("Возраст от", "14")
    assert problem.message_ru == "Возраст «от» (14) больше возраста «до» (7)."


def test_program_value_ranges() -> None:
    problems = row_errors("programs", PROGRAM_HEADER + "P;Т;техническая;-1;100;бюджет;2024;ORG-1;;;0;-5\n")
    assert [(problem.column, problem.message_ru) for problem in problems] == [
        ("Возраст от", "Значение -1 вне допустимого диапазона от 0 до 99."),
        ("Возраст до", "Значение 100 вне допустимого диапазона от 0 до 99."),
        ("Объём, часов", "Значение 0 должно быть больше нуля."),
        ("Количество мест", "Значение -5 не может быть отрицательным."),
    ]


def test_program_adapted_follows_categories() -> None:
    values = only_values("programs", PROGRAM_HEADER + "P;Т;техническая;7;10;бюджет;2024;ORG-1;;ЗПР;;\n")
    assert values["is_adapted"] is True
    assert values["adapted_for"] == (enums.DisabilityCategory.DEVELOPMENTAL_DELAY,)


def test_program_adapted_conflict() -> None:
    (problem,) = row_errors("programs", PROGRAM_HEADER + "P;Т;техническая;7;10;бюджет;2024;ORG-1;нет;ЗПР;;\n")
    assert (problem.column, problem.value) == ("Адаптированная", "нет")
    assert problem.message_ru == "Указаны категории ОВЗ, но программа отмечена как неадаптированная."


def test_program_organization_ref_compacts_inn() -> None:
    values = only_values("programs", PROGRAM_HEADER + "P;Т;техническая;7;10;бюджет;2024;7400 000 015;;;;\n")
    assert values["organization_ref"] == "7400000015"


PARTICIPANT_HEADER = (
    "Внешний ID;МО;Фамилия;Имя;Год рождения;Дата рождения;Статус ОВЗ;Категории ОВЗ;Класс;Категория\n"
)


def test_participant_birth_date_in_future() -> None:
    (problem,) = row_errors("participants", PARTICIPANT_HEADER + "P;MO15;Тестова;Анна;;16.01.2025;;;;\n")
    assert (problem.column, problem.value) == ("Дата рождения", "16.01.2025")
    assert problem.message_ru == "Дата рождения 16.01.2025 ещё не наступила."


def test_participant_birth_year_mismatch() -> None:
    (problem,) = row_errors("participants", PARTICIPANT_HEADER + "P;MO15;Тестова;Анна;2011;01.09.2012;;;;\n")
    assert (problem.column, problem.value) == ("Год рождения", "2011")
    assert problem.message_ru == "Год рождения 2011 не совпадает с датой рождения 01.09.2012."


def test_participant_birth_year_in_future() -> None:
    (problem,) = row_errors("participants", PARTICIPANT_HEADER + "P;MO15;Тестова;Анна;2026;;;;;\n")
    assert problem.message_ru == "Значение 2026 вне допустимого диапазона от 1900 до 2025."


def test_participant_birth_year_from_birth_date() -> None:
    values = only_values("participants", PARTICIPANT_HEADER + "P;MO15;Тестова;Анна;;2012-09-01;;;9б;\n")
    assert values["birth_year"] == 2012
    assert values["birth_date"] == date(2012, 9, 1)
    assert values["grade"] == 9
    assert values["category"] is enums.ParticipantCategory.STUDENT
    assert values["has_disability_status"] is False


def test_participant_disability_status_follows_categories() -> None:
    values = only_values("participants", PARTICIPANT_HEADER + 'P;MO15;Тестова;Анна;;;;"ЗПР, НОДА";;\n')
    assert values["has_disability_status"] is True
    (problem,) = row_errors("participants", PARTICIPANT_HEADER + "P;MO15;Тестова;Анна;;;нет;ЗПР;;\n")
    assert (problem.column, problem.value) == ("Статус ОВЗ", "нет")


EVENT_HEADER = "Внешний ID;Название мероприятия;Вид мероприятия;Уровень;Этап олимпиады;Начало;Окончание\n"


def test_event_stage_only_for_olympiad() -> None:
    (problem,) = row_errors(
        "events", EVENT_HEADER + "E;Т;Конкурс;Региональный;Региональный этап;01.12.2024;\n"
    )
    assert (problem.column, problem.value) == ("Этап олимпиады", "Региональный этап")
    assert (
        problem.message_ru == "Этап олимпиады указывают только для олимпиад, а вид мероприятия — «Конкурс»."
    )
    assert (
        problem.message_en == 'An olympiad stage applies to olympiads only, but the event kind is "Contest".'
    )


def test_event_ends_before_start() -> None:
    text = EVENT_HEADER + "E;Т;Олимпиада;Школьный;Школьный этап;02.12.2024 10:00;2024-12-02T09:00\n"
    (problem,) = row_errors("events", text)
    assert (problem.column, problem.value) == ("Окончание", "2024-12-02T09:00")
    assert problem.message_ru == "Окончание (02.12.2024 09:00) раньше начала (02.12.2024 10:00)."


def test_event_date_alone_start_and_end_same_day() -> None:
    values = only_values("events", EVENT_HEADER + "E;Т;;Школьный;;01.09.2024;01.09.2024\n")
    assert values["starts_at"] == datetime(2024, 9, 1, 0, 0, tzinfo=LOCAL)
    assert values["ends_at"] == datetime(2024, 9, 1, 23, 59, 59, tzinfo=LOCAL)
    assert values["kind"] is enums.EventKind.OTHER
    assert values["format"] is enums.EventFormat.OFFLINE
    assert values["school_year"] == 2024


def test_event_school_year_in_local_time() -> None:
    # 20:30 UTC on 31 August is 01:30 local time on 1 September, the next school year.
    values = only_values("events", EVENT_HEADER + "E;Т;;Школьный;;2024-08-31T20:30Z;\n")
    assert values["school_year"] == 2024
    assert values["ends_at"] == datetime(2024, 9, 1, 23, 59, 59, tzinfo=LOCAL)


def test_participation_self_mentor() -> None:
    (problem,) = row_errors("participations", PARTICIPATION_HEADER + "EV-1;P-1;участник;;P-1\n")
    assert (problem.column, problem.value) == ("Наставник (внешний ID)", "P-1")


def test_population_children_not_negative() -> None:
    text = "Муниципальное образование;Учебный год;Дети 5–18 лет\nMO15;2024/2026;-5\n"
    problems = row_errors("population", text)
    assert [problem.column for problem in problems] == ["Учебный год", "Дети 5–18 лет"]


# Whole files.


def test_parse_file_unreadable_is_file_error() -> None:
    with parse_file("participations", b"\xd0\xcf\x11\xe0" + bytes(60), "old.xls", INDEX) as result:
        assert list(result) == []
    (issue,) = result.file_errors
    assert issue.message_ru.startswith("Старый формат Excel (.xls) не поддерживается.")


def test_parse_file_broken_csv_late_error() -> None:
    text = PARTICIPATION_HEADER + "EV-1;P-1;участник;;\n" + 'EV-1;P-2;"' + "x" * 200_000 + '";;\n'
    with parse_file("participations", text.encode(), "file.csv", INDEX) as result:
        assert result.file_errors == []
        items = list(result)
    assert len(items) == 1
    (issue,) = result.file_errors
    assert issue.line == 3


def test_parse_file_english_messages() -> None:
    text = PARTICIPATION_HEADER + "EV-1;P-1;чемпион;;\n"
    with parse_file("participations", text.encode("cp1251"), "file.csv", INDEX) as result:
        (problem,) = list(result)
    assert isinstance(problem, RowError)
    assert problem.message("en").startswith('Unknown result "чемпион"')
    assert problem.message("ru").startswith("Неизвестный результат «чемпион»")
