"""Parsing single values: numbers, booleans, dates, moments, school years, ИНН and grades."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from db.imports.values import (
    InvalidValue,
    check_not_negative,
    check_positive,
    check_range,
    end_of_local_day,
    has_valid_inn_checksum,
    parse_boolean,
    parse_date,
    parse_decimal,
    parse_grade,
    parse_inn,
    parse_integer,
    parse_long_text,
    parse_moment,
    parse_school_year,
    parse_text,
)

LOCAL = timezone(timedelta(hours=5))


def russian_error(parse: object, *arguments: object, **keywords: object) -> str:
    with pytest.raises(InvalidValue) as caught:
        parse(*arguments, **keywords)  # type: ignore[operator]
    return caught.value.messages[0].ru


def english_error(parse: object, *arguments: object, **keywords: object) -> str:
    with pytest.raises(InvalidValue) as caught:
        parse(*arguments, **keywords)  # type: ignore[operator]
    return caught.value.messages[0].en


def test_parse_text_collapses_whitespace() -> None:
    assert parse_text("  МАОУ   «Тестовая\nшкола» ", 100) == "МАОУ «Тестовая школа»"


def test_parse_text_numeric_cell_has_no_fraction() -> None:
    assert parse_text(12345.0, 64) == "12345"


def test_parse_text_too_long() -> None:
    assert russian_error(parse_text, "абвгд", 4) == "Значение длиннее 4 символов (в нём 5)."


def test_parse_text_rejects_nul() -> None:
    assert "NUL" in russian_error(parse_text, "a\x00b", 10)


def test_parse_long_text_keeps_lines() -> None:
    assert parse_long_text("  первая\nвторая  ") == "первая\nвторая"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("42", 42),
        (" -7 ", -7),
        ("12 345", 12345),
        ("1\u00a0234\u00a0567", 1234567),
        ("9,0", 9),
        ("9.00", 9),
        (9.0, 9),
        (17, 17),
    ],
)
def test_parse_integer(cell: object, value: int) -> None:
    assert parse_integer(cell) == value  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["9,5", "12,345", "1 23", "12 3456", "abc", "1e3", 9.5, True])
def test_parse_integer_rejects(cell: object) -> None:
    with pytest.raises(InvalidValue):
        parse_integer(cell)  # type: ignore[arg-type]


def test_parse_integer_message() -> None:
    assert russian_error(parse_integer, "десять") == "«десять» — не целое число."
    assert english_error(parse_integer, "десять") == '"десять" is not an integer.'


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("87,5", 87.5),
        ("87.5", 87.5),
        ("1 234,25", 1234.25),
        (",5", 0.5),
        ("100", 100.0),
        (45.25, 45.25),
        (3, 3.0),
    ],
)
def test_parse_decimal(cell: object, value: float) -> None:
    assert parse_decimal(cell) == value  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["87,5,1", "1.234,5", "nan", "inf", "восемь", "1e3"])
def test_parse_decimal_rejects(text: str) -> None:
    message = russian_error(parse_decimal, text)
    assert message == f"«{text}» — не число. Дробную часть отделяйте запятой или точкой, например 87,5."


def test_range_checks() -> None:
    assert check_range(5, 0, 11) == 5
    assert russian_error(check_range, 12, 0, 11) == "Значение 12 вне допустимого диапазона от 0 до 11."
    assert check_not_negative(0) == 0
    assert russian_error(check_not_negative, -0.5) == "Значение -0.5 не может быть отрицательным."
    assert check_positive(1) == 1
    assert russian_error(check_positive, 0) == "Значение 0 должно быть больше нуля."


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("да", True),
        ("Да", True),
        ("ДА", True),
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("+", True),
        (True, True),
        (1, True),
        ("нет", False),
        ("Нет", False),
        ("false", False),
        ("0", False),
        ("-", False),
        (False, False),
        (0, False),
    ],
)
def test_parse_boolean(cell: object, value: bool) -> None:
    assert parse_boolean(cell) is value  # type: ignore[arg-type]


def test_parse_boolean_rejects() -> None:
    assert russian_error(parse_boolean, "может быть").startswith("«может быть» — не логическое значение.")
    with pytest.raises(InvalidValue):
        parse_boolean(2)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("01.09.2024", date(2024, 9, 1)),
        ("1.9.2024", date(2024, 9, 1)),
        ("2024-09-01", date(2024, 9, 1)),
        (" 29.02.2024 ", date(2024, 2, 29)),
        (date(2024, 9, 1), date(2024, 9, 1)),
        (datetime(2024, 9, 1), date(2024, 9, 1)),
    ],
)
def test_parse_date(cell: object, value: date) -> None:
    assert parse_date(cell) == value  # type: ignore[arg-type]


def test_parse_date_nonexistent() -> None:
    assert russian_error(parse_date, "31.02.2024") == "Дата «31.02.2024» не существует."
    assert english_error(parse_date, "31.02.2024") == 'Date "31.02.2024" does not exist.'
    assert russian_error(parse_date, "2023-02-29") == "Дата «2023-02-29» не существует."


@pytest.mark.parametrize("text", ["2024/09/01", "01-09-2024", "01.09.24", "1 сентября 2024", "45536"])
def test_parse_date_malformed(text: str) -> None:
    assert russian_error(parse_date, text).startswith(f"Неверный формат даты «{text}»: ожидается ДД.ММ.ГГГГ")


def test_parse_date_rejects_time() -> None:
    assert "только дата" in russian_error(parse_date, "01.09.2024 10:00")
    assert "только дата" in russian_error(parse_date, datetime(2024, 9, 1, 10, 0))


def test_parse_date_year_range() -> None:
    assert "вне диапазона от 1900 до 2100" in russian_error(parse_date, "01.09.1812")


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        # No offset: the region's local time, UTC+5.
        ("01.09.2024 10:00", datetime(2024, 9, 1, 10, 0, tzinfo=LOCAL)),
        ("1.9.2024 9:05", datetime(2024, 9, 1, 9, 5, tzinfo=LOCAL)),
        ("01.09.2024 10:00:30", datetime(2024, 9, 1, 10, 0, 30, tzinfo=LOCAL)),
        ("2024-09-01T10:00", datetime(2024, 9, 1, 10, 0, tzinfo=LOCAL)),
        ("2024-09-01 10:00:00", datetime(2024, 9, 1, 10, 0, tzinfo=LOCAL)),
        ("2024-09-01T10:00:00.250", datetime(2024, 9, 1, 10, 0, 0, 250_000, tzinfo=LOCAL)),
        # With an offset: that offset.
        ("2024-09-01T05:00Z", datetime(2024, 9, 1, 5, 0, tzinfo=UTC)),
        ("2024-09-01T10:00+05:00", datetime(2024, 9, 1, 10, 0, tzinfo=LOCAL)),
        ("2024-09-01T08:00+0300", datetime(2024, 9, 1, 5, 0, tzinfo=UTC)),
        ("2024-09-01T08:00+03", datetime(2024, 9, 1, 5, 0, tzinfo=UTC)),
        # A date alone: local midnight.
        ("01.09.2024", datetime(2024, 9, 1, 0, 0, tzinfo=LOCAL)),
        ("2024-09-01", datetime(2024, 9, 1, 0, 0, tzinfo=LOCAL)),
    ],
)
def test_parse_moment(text: str, moment: datetime) -> None:
    parsed = parse_moment(text)
    assert parsed == moment
    assert parsed.tzinfo is UTC


def test_parse_moment_date_alone_ends_day() -> None:
    assert parse_moment("01.09.2024", end_of_day=True) == datetime(2024, 9, 1, 23, 59, 59, tzinfo=LOCAL)
    assert parse_moment("2024-09-01", end_of_day=True) == datetime(2024, 9, 1, 23, 59, 59, tzinfo=LOCAL)
    # A time given explicitly is kept.
    assert parse_moment("01.09.2024 18:00", end_of_day=True) == datetime(2024, 9, 1, 18, 0, tzinfo=LOCAL)


def test_parse_moment_workbook_cells() -> None:
    assert parse_moment(datetime(2024, 9, 1, 10, 30)) == datetime(2024, 9, 1, 10, 30, tzinfo=LOCAL)
    # A date cell reads as midnight, so it counts as a date alone.
    assert parse_moment(datetime(2024, 9, 1), end_of_day=True) == datetime(
        2024, 9, 1, 23, 59, 59, tzinfo=LOCAL
    )
    assert parse_moment(date(2024, 9, 1)) == datetime(2024, 9, 1, tzinfo=LOCAL)


def test_parse_moment_nonexistent() -> None:
    assert russian_error(parse_moment, "31.02.2024") == "Дата «31.02.2024» не существует."
    assert russian_error(parse_moment, "01.09.2024 25:00") == "Дата и время «01.09.2024 25:00» не существуют."
    assert russian_error(parse_moment, "2024-09-01T10:00+24:00").startswith("Дата и время")


@pytest.mark.parametrize("text", ["завтра", "01.09.2024 10", "2024-09-01T10", "10:00"])
def test_parse_moment_malformed(text: str) -> None:
    assert russian_error(parse_moment, text).startswith(f"Неверный формат даты и времени «{text}»")


def test_end_of_local_day() -> None:
    assert end_of_local_day(date(2024, 9, 1)) == datetime(2024, 9, 1, 18, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        (2024, 2024),
        (2024.0, 2024),
        ("2024", 2024),
        ("2024/25", 2024),
        ("2024/2025", 2024),
        ("2024-2025", 2024),
        ("2024 – 2025", 2024),
        ("2099/00", 2099),
    ],
)
def test_parse_school_year(cell: object, year: int) -> None:
    assert parse_school_year(cell) == year  # type: ignore[arg-type]


def test_parse_school_year_not_consecutive() -> None:
    message = russian_error(parse_school_year, "2024/2026")
    assert message == "Учебный год «2024/2026»: второй год должен следовать за первым, например 2024/2025."
    assert russian_error(parse_school_year, "2024/24").startswith("Учебный год «2024/24»")


def test_parse_school_year_malformed_and_range() -> None:
    assert russian_error(parse_school_year, "24/25").startswith("Неверный учебный год «24/25»")
    assert russian_error(parse_school_year, "1999") == "Учебный год 1999 вне диапазона от 2000 до 2100."


@pytest.mark.parametrize(
    ("inn", "valid"),
    [
        ("7707083893", True),
        ("7707083894", False),
        ("7400000015", True),
        ("7400000016", False),
        ("740000000100", True),
        ("740000000101", False),
        ("740000000110", False),
    ],
)
def test_has_valid_inn_checksum(inn: str, valid: bool) -> None:
    assert has_valid_inn_checksum(inn) is valid


def test_parse_inn_strips_spaces() -> None:
    assert parse_inn(" 7400 000 015 ") == "7400000015"


def test_parse_inn_numeric_cell() -> None:
    assert parse_inn(7400000015) == "7400000015"
    assert parse_inn(7400000015.0) == "7400000015"


def test_parse_inn_numeric_cell_restores_leading_zero() -> None:
    # The made-up ИНН 0400000012 stored as a number reads as 400000012.
    assert has_valid_inn_checksum("0400000012")
    assert parse_inn(400000012) == "0400000012"


def test_parse_inn_errors() -> None:
    assert russian_error(parse_inn, "7400000016") == (
        "ИНН «7400000016» не проходит проверку контрольных цифр: проверьте, нет ли опечатки."
    )
    assert russian_error(parse_inn, "74000000") == (
        "ИНН «74000000» должен состоять из 10 цифр (организация) или 12 цифр (индивидуальный предприниматель)."
    )
    assert russian_error(parse_inn, "74OOOOOO15").startswith("ИНН «74OOOOOO15» должен состоять")


@pytest.mark.parametrize(
    ("cell", "grade"),
    [("9", 9), (9, 9), (9.0, 9), ("9А", 9), ("9 «Б»", 9), ("11-а", 11), ("0", 0), ("5 класс", 5)],
)
def test_parse_grade(cell: object, grade: int) -> None:
    assert parse_grade(cell) == grade  # type: ignore[arg-type]


def test_parse_grade_errors() -> None:
    assert russian_error(parse_grade, "девятый").startswith("«девятый» — не номер класса.")
    assert russian_error(parse_grade, "12") == "Значение 12 вне допустимого диапазона от 0 до 11."
