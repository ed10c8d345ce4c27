"""Parsers of single cell values: numbers, booleans, dates, moments, school years and ИНН.

Every parser takes a non-empty cell, either text or a value that openpyxl read from a workbook
(int, float, bool, datetime), and returns the Python value or raises `InvalidValue`.
"""

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from typing import TypeVar

from db.imports.messages import Message, message
from db.imports.tables import Cell, cell_text
from db.text import normalize_text
from db.timezone import REGION_ZONE

DATE_YEARS = (1900, 2100)
SCHOOL_YEARS = (2000, 2100)

# The last second of a day, for a date-only end of an event.
END_OF_DAY = time(23, 59, 59)

# Regular, no-break, narrow no-break and thin spaces, all used as thousand separators.
_GROUP_SEPARATORS = " \u00a0\u202f\u2009"
_INTEGER = re.compile(r"[+-]?\d+")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED_MOMENT = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_ISO_MOMENT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_SCHOOL_YEAR = re.compile(r"(\d{4})(?:\s*[/\-–—]\s*(\d{4}|\d{2}))?")
_GRADE = re.compile(r"(\d{1,2})(?:\s*-?\s*[а-яa-z])?(?:\s*(?:класс|кл\.?))?")
_INN = re.compile(r"\d{10}|\d{12}")

_TRUE = frozenset({"да", "д", "true", "t", "yes", "y", "1", "+", "истина"})
_FALSE = frozenset({"нет", "н", "false", "f", "no", "n", "0", "-", "–", "—", "ложь"})

# Weights of the ИНН control digits, from the checksum algorithm of the Federal Tax Service of
# Russia (ФНС): a control digit is the weighted sum of the digits before it, modulo 11, modulo 10.
_INN_10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


Number = TypeVar("Number", int, float)


class InvalidValue(ValueError):
    """Raised by a parser for a value it cannot accept; `messages` are the reasons in both languages."""

    def __init__(self, *messages: Message) -> None:
        super().__init__("; ".join(problem.en for problem in messages))
        self.messages = messages


def parse_text(cell: Cell, max_length: int) -> str:
    """Return a one-line text with runs of whitespace collapsed to one space."""
    text = " ".join(cell_text(cell).split())
    check_text(text, max_length)
    return text


def parse_long_text(cell: Cell, max_length: int | None = None) -> str:
    """Return a text that may span lines, stripped at both ends."""
    text = cell_text(cell).strip()
    check_text(text, max_length)
    return text


def check_text(text: str, max_length: int | None) -> None:
    if "\x00" in text:
        raise InvalidValue(message("value.nul"))
    if max_length is not None and len(text) > max_length:
        raise InvalidValue(message("value.too_long", maximum=max_length, length=len(text)))


def parse_integer(cell: Cell) -> int:
    """Return an integer; `12 345`, 9.0 and «9,0» are accepted, 9.5 is not."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = cell_text(cell).strip()
    number = _number_text(text)
    if number is not None:
        if _INTEGER.fullmatch(number):
            return int(number)
        value = Decimal(number)
        if value == value.to_integral_value():
            return int(value)
    raise InvalidValue(message("integer.invalid", value=text))


def parse_decimal(cell: Cell) -> float:
    """Return a number; the fraction may follow a comma («87,5») or a point."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = cell_text(cell).strip()
    number = _number_text(text)
    if number is None:
        raise InvalidValue(message("number.invalid", value=text))
    return float(number)


def _number_text(text: str) -> str | None:
    """Return `text` as a number Python reads (no group separators, a decimal point), or None."""
    if _GROUPED_NUMBER.fullmatch(text):
        text = text.translate({ord(space): None for space in _GROUP_SEPARATORS})
    if not _DECIMAL.fullmatch(text):
        return None
    return text.replace(",", ".")


def check_range(value: int, minimum: int, maximum: int) -> int:
    if not minimum <= value <= maximum:
        raise InvalidValue(message("number.range", value=value, minimum=minimum, maximum=maximum))
    return value


def check_not_negative(value: Number) -> Number:
    if value < 0:
        raise InvalidValue(message("number.negative", value=cell_text(value)))
    return value


def check_positive(value: Number) -> Number:
    if value <= 0:
        raise InvalidValue(message("number.not_positive", value=cell_text(value)))
    return value


def parse_boolean(cell: Cell) -> bool:
    """Return a yes/no value: да/нет, true/false, 1/0, +/- in any case."""
    if isinstance(cell, bool):
        return cell
    text = cell_text(cell).strip()
    key = text.casefold().rstrip(".")
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise InvalidValue(message("boolean.invalid", value=text))


def parse_date(cell: Cell) -> date:
    """Return a calendar date from DD.MM.YYYY, D.M.YYYY, YYYY-MM-DD or a workbook date."""
    if isinstance(cell, datetime):
        if cell.time() != time():
            raise InvalidValue(message("date.has_time", value=cell_text(cell)))
        return _checked_date(cell.date(), cell_text(cell))
    if isinstance(cell, date):
        return _checked_date(cell, cell_text(cell))

    text = cell_text(cell).strip()
    if match := _DOTTED_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif _DOTTED_MOMENT.fullmatch(text) or _ISO_MOMENT.fullmatch(text):
        raise InvalidValue(message("date.has_time", value=text))
    else:
        raise InvalidValue(message("date.malformed", value=text))
    return _checked_date(_make_date(year, month, day, text), text)


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(message("date.nonexistent", value=text)) from None


def _checked_date(value: date, text: str) -> date:
    minimum, maximum = DATE_YEARS
    if not minimum <= value.year <= maximum:
        raise InvalidValue(message("date.year_range", value=text, minimum=minimum, maximum=maximum))
    return value


def parse_moment(cell: Cell, *, end_of_day: bool = False) -> datetime:
    """Return an aware UTC moment.

    A moment without an offset is the region's local time (UTC+5). A date alone is local midnight,
    or the day's last second (23:59:59 local) when `end_of_day` is set. A workbook date-time at
    exactly midnight counts as a date alone, because openpyxl reads date cells as midnight.
    """
    if isinstance(cell, datetime):
        if cell.tzinfo is not None:
            moment = cell
        elif cell.time() == time():
            moment = _local_day_moment(cell.date(), end_of_day)
        else:
            moment = cell.replace(tzinfo=REGION_ZONE)
        _checked_date(moment.date(), cell_text(cell))
        return moment.astimezone(UTC)
    if isinstance(cell, date):
        return _local_day_moment(_checked_date(cell, cell_text(cell)), end_of_day).astimezone(UTC)

    text = cell_text(cell).strip()
    moment = _moment_from_text(text, end_of_day)
    _checked_date(moment.date(), text)
    return moment.astimezone(UTC)


def _moment_from_text(text: str, end_of_day: bool) -> datetime:
    if match := _DOTTED_MOMENT.fullmatch(text):
        day, month, year, hour, minute, second = match.groups()
        fraction = offset = None
    elif match := _ISO_MOMENT.fullmatch(text):
        year, month, day, hour, minute, second, fraction, offset = match.groups()
    else:
        raise InvalidValue(message("datetime.malformed", value=text))

    if hour is None:
        day_value = _make_date(int(year), int(month), int(day), text)
        return _local_day_moment(day_value, end_of_day)
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=_zone_of(offset),
        )
    except ValueError:
        raise InvalidValue(message("datetime.nonexistent", value=text)) from None


def _zone_of(offset: str | None) -> tzinfo:
    """Return the zone of an ISO offset ("Z", "+05:00", "+0500", "+05"); no offset is local time."""
    if offset is None:
        return REGION_ZONE
    if offset.upper() == "Z":
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    # timezone() raises ValueError for an offset of 24 hours or more.
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _local_day_moment(day: date, end_of_day: bool) -> datetime:
    return datetime.combine(day, END_OF_DAY if end_of_day else time(), REGION_ZONE)


def end_of_local_day(day: date) -> datetime:
    """Return the last second (23:59:59) of a local calendar day as an aware UTC moment."""
    return _local_day_moment(day, end_of_day=True).astimezone(UTC)


def parse_school_year(cell: Cell) -> int:
    """Return the year a school year starts in, from 2024, «2024/25», «2024/2025» or «2024-2025»."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        text = cell_text(cell)
    else:
        text = cell_text(cell).strip()
    match = _SCHOOL_YEAR.fullmatch(text)
    if match is None:
        raise InvalidValue(message("school_year.malformed", value=text))

    first, second = match.groups()
    year = int(first)
    if second is not None:
        following = year + 1 if len(second) == 4 else (year + 1) % 100
        if int(second) != following:
            raise InvalidValue(message("school_year.not_consecutive", value=text))
    minimum, maximum = SCHOOL_YEARS
    if not minimum <= year <= maximum:
        raise InvalidValue(message("school_year.range", value=year, minimum=minimum, maximum=maximum))
    return year


def parse_inn(cell: Cell) -> str:
    """Return an ИНН of 10 or 12 digits with valid control digits, spaces removed.

    A workbook that stores an ИНН as a number drops its leading zero, so 9 or 11 digits read from
    a numeric cell get the zero back.
    """
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        text = cell_text(cell)
        if len(text) in (9, 11):
            text = "0" + text
    else:
        text = "".join(cell_text(cell).split())
    if not _INN.fullmatch(text):
        raise InvalidValue(message("inn.malformed", value=text))
    if not has_valid_inn_checksum(text):
        raise InvalidValue(message("inn.checksum", value=text))
    return text


def has_valid_inn_checksum(inn: str) -> bool:
    """Return whether the control digits of a 10- or 12-digit ИНН match the digits before them."""
    digits = [int(digit) for digit in inn]
    if len(digits) == 10:
        return _control_digit(digits, _INN_10_WEIGHTS) == digits[9]
    if len(digits) == 12:
        return (
            _control_digit(digits, _INN_12_WEIGHTS_11) == digits[10]
            and _control_digit(digits, _INN_12_WEIGHTS_12) == digits[11]
        )
    return False


def _control_digit(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(digit * weight for digit, weight in zip(digits, weights)) % 11 % 10


def parse_grade(cell: Cell) -> int:
    """Return a school grade 0..11 from 9, «9А», «9-б» or «9 класс»."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return check_range(parse_integer(cell), 0, 11)
    text = cell_text(cell).strip()
    match = _GRADE.fullmatch(normalize_text(text))
    if match is None:
        raise InvalidValue(message("grade.invalid", value=text))
    return check_range(int(match.group(1)), 0, 11)


def parse_identifier(cell: Cell, max_length: int = 64) -> str:
    """Return an external identifier; a number read from a workbook keeps no ".0"."""
    return parse_text(cell, max_length)
