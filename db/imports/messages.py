"""Messages of the import readers in Russian (the primary language) and English.

Each message names the value, states what is wrong with it and, where it helps, what to write
instead. Russian quotes values in «ёлочки», English in straight double quotes.
"""

from typing import NamedTuple


class Message(NamedTuple):
    ru: str
    en: str

    def text(self, language: str = "ru") -> str:
        """Return the message in `language` ("en" for English, anything else for Russian)."""
        return self.en if language == "en" else self.ru


MESSAGES: dict[str, tuple[str, str]] = {
    # The file as a whole.
    "file.empty": (
        "Файл пуст: в нём нет строки заголовка.",
        "The file is empty: it has no header row.",
    ),
    "file.encoding": (
        "Файл не в кодировке UTF-8 и не в Windows-1251 (недопустимый байт 0x{byte:02X} в позиции "
        "{position}). Сохраните таблицу как «CSV UTF-8».",
        "The file is neither UTF-8 nor Windows-1251 (invalid byte 0x{byte:02X} at position "
        '{position}). Save the table as "CSV UTF-8".',
    ),
    "file.bom_not_utf8": (
        "Файл начинается с метки UTF-8 (BOM), но байт 0x{byte:02X} в позиции {position} недопустим "
        "в UTF-8. Пересохраните таблицу как «CSV UTF-8».",
        "The file starts with a UTF-8 byte order mark, but byte 0x{byte:02X} at position {position} "
        'is invalid UTF-8. Save the table again as "CSV UTF-8".',
    ),
    "file.xls": (
        "Старый формат Excel (.xls) не поддерживается. Сохраните таблицу как .xlsx или .csv.",
        "The old Excel format (.xls) is not supported. Save the table as .xlsx or .csv.",
    ),
    "file.xlsx_unreadable": (
        "Файл «{filename}» не удалось прочитать как книгу Excel (.xlsx): он повреждён или это не XLSX. "
        "Откройте его в Excel и сохраните как «Книга Excel (.xlsx)» или «CSV UTF-8».",
        'File "{filename}" could not be read as an Excel workbook (.xlsx): it is damaged or not XLSX. '
        'Open it in Excel and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8".',
    ),
    "file.utf16": (
        "Файл в кодировке UTF-16, а импорт читает UTF-8 и Windows-1251. Сохраните таблицу как «CSV UTF-8».",
        'The file is in UTF-16, but the import reads UTF-8 and Windows-1251. Save the table as "CSV UTF-8".',
    ),
    "file.xlsx_too_large": (
        "Книга «{filename}» распаковывается в {megabytes} МБ, а допускается не больше {maximum} МБ. "
        "Разделите её на несколько файлов или сохраните в CSV.",
        "Workbook \"{filename}\" unpacks to {megabytes} MB, but at most {maximum} MB is allowed. "
        "Split it into several files or save it as CSV.",
    ),
    "file.xlsx_no_sheet": (
        "В книге Excel «{filename}» нет листов.",
        'Excel workbook "{filename}" has no sheets.',
    ),
    "file.csv_malformed": (
        "Не удалось разобрать CSV в строке {line}: строка повреждена, например в ней не закрыта кавычка.",
        "Malformed CSV at line {line}: the line is damaged, for example a quote is not closed.",
    ),
    "file.csv_cell_too_long": (
        "Не удалось разобрать CSV в строке {line}: ячейка длиннее {maximum} символов. Часто так бывает, "
        "когда в файле не закрыта кавычка.",
        "Malformed CSV at line {line}: a cell is longer than {maximum} characters. This often means a "
        "quote is not closed.",
    ),
    # The header row.
    "header.missing": (
        "В файле нет обязательного столбца «{header}». Допустимые заголовки: {headers}.",
        'The file has no required column "{header}". Accepted headers: {headers}.',
    ),
    "header.missing_one_of": (
        "В файле нет ни одного из столбцов {headers}: нужен хотя бы один.",
        "The file has none of the columns {headers}: at least one is required.",
    ),
    "header.duplicate": (
        "Столбцы «{first}» (столбец {first_number}) и «{second}» (столбец {second_number}) "
        "означают одно и то же — «{header}». Оставьте один из них.",
        'Columns "{first}" (column {first_number}) and "{second}" (column {second_number}) '
        'both mean "{header}". Keep one of them.',
    ),
    "header.unknown": (
        "Столбец «{header}» не используется при импорте {kind} и будет пропущен.",
        'Column "{header}" is not used when importing {kind} and is skipped.',
    ),
    "header.blank": (
        "У столбца {number} нет заголовка: его значения будут пропущены.",
        "Column {number} has no header, so its values are skipped.",
    ),
    # A data row.
    "row.too_many_cells": (
        "В строке {count} значений, а в заголовке {columns} столбцов. Если значение содержит "
        "разделитель «{delimiter}», возьмите его в двойные кавычки.",
        "The row has {count} values but the header has {columns} columns. Put a value that "
        'contains the delimiter "{delimiter}" in double quotes.',
    ),
    "row.duplicate": (
        "Строка повторяет строку {line}: {fields}. Оставьте одну из них.",
        "The row repeats line {line}: {fields}. Keep one of them.",
    ),
    # Single values.
    "value.required": (
        "Не заполнен обязательный столбец «{header}».",
        'Required column "{header}" is empty.',
    ),
    "value.nul": (
        "Значение содержит символ NUL (\\u0000). Удалите его.",
        "The value contains the NUL character (\\u0000). Remove it.",
    ),
    "value.too_long": (
        "Значение длиннее {maximum} символов (в нём {length}).",
        "The value is longer than {maximum} characters ({length}).",
    ),
    "integer.invalid": (
        "«{value}» — не целое число.",
        '"{value}" is not an integer.',
    ),
    "number.invalid": (
        "«{value}» — не число. Дробную часть отделяйте запятой или точкой, например 87,5.",
        '"{value}" is not a number. Separate the fraction with a comma or a point, e.g. 87.5.',
    ),
    "number.range": (
        "Значение {value} вне допустимого диапазона от {minimum} до {maximum}.",
        "Value {value} is outside the allowed range {minimum} to {maximum}.",
    ),
    "number.negative": (
        "Значение {value} не может быть отрицательным.",
        "Value {value} must not be negative.",
    ),
    "number.not_positive": (
        "Значение {value} должно быть больше нуля.",
        "Value {value} must be greater than zero.",
    ),
    "boolean.invalid": (
        "«{value}» — не логическое значение. Укажите «да» или «нет» (также true/false, 1/0, +/-).",
        '"{value}" is not a boolean. Write "да" or "нет" (or true/false, 1/0, +/-).',
    ),
    "date.malformed": (
        "Неверный формат даты «{value}»: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, например 01.09.2024.",
        'Invalid date "{value}": expected DD.MM.YYYY or YYYY-MM-DD, e.g. 01.09.2024.',
    ),
    "date.nonexistent": (
        "Дата «{value}» не существует.",
        'Date "{value}" does not exist.',
    ),
    "date.has_time": (
        "«{value}» содержит время, а в этом столбце ожидается только дата.",
        '"{value}" contains a time, but this column expects a date only.',
    ),
    "date.year_range": (
        "Год в дате «{value}» вне диапазона от {minimum} до {maximum}.",
        'The year of date "{value}" is outside the range {minimum} to {maximum}.',
    ),
    "datetime.malformed": (
        "Неверный формат даты и времени «{value}»: ожидается ДД.ММ.ГГГГ ЧЧ:ММ, ДД.ММ.ГГГГ или "
        "ГГГГ-ММ-ДДTЧЧ:ММ с необязательным смещением, например 01.09.2024 10:00 или "
        "2024-09-01T10:00+05:00.",
        'Invalid date and time "{value}": expected DD.MM.YYYY HH:MM, DD.MM.YYYY or '
        "YYYY-MM-DDTHH:MM with an optional offset, e.g. 01.09.2024 10:00 or 2024-09-01T10:00+05:00.",
    ),
    "datetime.nonexistent": (
        "Дата и время «{value}» не существуют.",
        'Date and time "{value}" do not exist.',
    ),
    "school_year.malformed": (
        "Неверный учебный год «{value}»: ожидается 2024, 2024/25 или 2024/2025.",
        'Invalid school year "{value}": expected 2024, 2024/25 or 2024/2025.',
    ),
    "school_year.not_consecutive": (
        "Учебный год «{value}»: второй год должен следовать за первым, например 2024/2025.",
        'School year "{value}": the second year must follow the first, e.g. 2024/2025.',
    ),
    "school_year.range": (
        "Учебный год {value} вне диапазона от {minimum} до {maximum}.",
        "School year {value} is outside the range {minimum} to {maximum}.",
    ),
    "inn.malformed": (
        "ИНН «{value}» должен состоять из 10 цифр (организация) или 12 цифр (индивидуальный "
        "предприниматель).",
        'INN "{value}" must have 10 digits (an organisation) or 12 digits (an individual entrepreneur).',
    ),
    "inn.checksum": (
        "ИНН «{value}» не проходит проверку контрольных цифр: проверьте, нет ли опечатки.",
        'INN "{value}" fails the check digit test: check it for a typo.',
    ),
    "grade.invalid": (
        "«{value}» — не номер класса. Укажите число от 0 до 11, например 9 или 9А.",
        '"{value}" is not a school grade. Write a number from 0 to 11, e.g. 9 or 9А.',
    ),
    "enum.unknown": (
        "{unknown} «{value}»: ожидается {expected}.",
        '{unknown} "{value}": expected {expected}.',
    ),
    "municipality.not_found": (
        "Муниципальное образование «{value}» не найдено. Укажите код (например, MO15), код ОКТМО "
        "или название из справочника.",
        'Municipality "{value}" not found. Give its code (e.g. MO15), OKTMO code or name from '
        "the reference list.",
    ),
    "municipality.not_found_similar": (
        "Муниципальное образование «{value}» не найдено. Возможно, имелось в виду: {candidates}.",
        'Municipality "{value}" not found. Did you mean: {candidates}?',
    ),
    "municipality.ambiguous": (
        "«{value}»: неоднозначно — {candidates}; укажите код.",
        '"{value}" is ambiguous: {candidates}; give the code.',
    ),
    "municipality.oktmo_length": (
        "Код ОКТМО «{value}» должен состоять из 8 или 11 цифр.",
        'OKTMO code "{value}" must have 8 or 11 digits.',
    ),
    # Several values of one row.
    "organization.no_identifier": (
        "Укажите внешний ID или ИНН организации: без них организацию не найти при повторном импорте.",
        "Give the organisation's external ID or INN: without them a repeated import cannot find it.",
    ),
    "age.reversed": (
        "Возраст «от» ({age_from}) больше возраста «до» ({age_to}).",
        "The minimum age ({age_from}) is greater than the maximum age ({age_to}).",
    ),
    "program.adapted_conflict": (
        "Указаны категории ОВЗ, но программа отмечена как неадаптированная.",
        "Disability categories are given, but the programme is marked as not adapted.",
    ),
    "participant.disability_conflict": (
        "Указаны категории ОВЗ, но статус ОВЗ отмечен как «нет».",
        'Disability categories are given, but the disability status is "no".',
    ),
    "birth_date.future": (
        "Дата рождения {value} ещё не наступила.",
        "Birth date {value} is in the future.",
    ),
    "birth_year.mismatch": (
        "Год рождения {birth_year} не совпадает с датой рождения {birth_date}.",
        "Birth year {birth_year} does not match birth date {birth_date}.",
    ),
    "event.stage_not_olympiad": (
        "Этап олимпиады указывают только для олимпиад, а вид мероприятия — «{kind}».",
        'An olympiad stage applies to olympiads only, but the event kind is "{kind}".',
    ),
    "event.ends_before_start": (
        "Окончание ({ends_at}) раньше начала ({starts_at}).",
        "The end ({ends_at}) is before the start ({starts_at}).",
    ),
    "event.school_year_range": (
        "Начало мероприятия {value} вне учебных лет от {minimum} до {maximum}.",
        "Event start {value} is outside the school years {minimum} to {maximum}.",
    ),
    "participation.self_mentor": (
        "Участник указан собственным наставником.",
        "The participant is given as their own mentor.",
    ),
}

Argument = str | int | Message


def message(key: str, **arguments: Argument) -> Message:
    """Return message `key` with `arguments` filled in; a `Message` argument fills in per language."""
    russian, english = MESSAGES[key]
    return Message(
        russian.format(**{name: _in_language(value, 0) for name, value in arguments.items()}),
        english.format(**{name: _in_language(value, 1) for name, value in arguments.items()}),
    )


def join_alternatives(items: list[Message]) -> Message:
    """Join items as «a, b или c» and "a, b or c"."""
    return Message(_join([item.ru for item in items], "или"), _join([item.en for item in items], "or"))


def join_all(items: list[Message]) -> Message:
    """Join items as «a, b и c» and "a, b and c"."""
    return Message(_join([item.ru for item in items], "и"), _join([item.en for item in items], "and"))


def _join(words: list[str], conjunction: str) -> str:
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _in_language(value: Argument, index: int) -> str | int:
    if isinstance(value, Message):
        return value[index]
    return value
