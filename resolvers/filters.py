"""Building blocks of typed filters: list fields mean "any of", ranges are inclusive."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, false, select
from sqlalchemy.orm import InstrumentedAttribute

from db.text import like_pattern
from resolvers.errors import bad_input
from resolvers.ids import decode_global_id

MAX_FILTER_VALUES = 1000
MAX_SEARCH_LENGTH = 200

# Bounds of the small-integer columns that filters compare with. A value outside them matches
# nothing and would overflow PostgreSQL's smallint, so it is rejected as invalid input.
SCHOOL_YEARS = (2000, 2100)
BIRTH_YEARS = (1900, 2100)
GRADES = (0, 11)
AGES = (0, 99)
HOURS = (0, 100_000)

Conditions = list[ColumnElement[bool]]


def _check_size(values: Sequence[Any], field: str) -> None:
    if len(values) > MAX_FILTER_VALUES:
        raise bad_input("filter.too_many_values", field=field, maximum=MAX_FILTER_VALUES, value=len(values))
    for value in values:
        _check_text(value, field)


def _check_text(value: Any, field: str) -> None:
    # PostgreSQL cannot store or compare the NUL character in text.
    if isinstance(value, str) and "\x00" in value:
        raise bad_input("filter.nul_character", field=field)


def check_bounds(value: Any, bounds: tuple[int, int], field: str) -> None:
    """Raise BAD_USER_INPUT unless the integer `value` (or each in a list) lies within `bounds`."""
    values = value if isinstance(value, list) else [value]
    minimum, maximum = bounds
    for item in values:
        if item is not None and not minimum <= item <= maximum:
            raise bad_input("filter.out_of_range", field=field, value=item, minimum=minimum, maximum=maximum)


def any_of(
    conditions: Conditions,
    column: ColumnElement[Any],
    values: Sequence[Any] | None,
    field: str,
    bounds: tuple[int, int] | None = None,
) -> None:
    """Add `column IN values`; an empty list matches nothing, None leaves the filter off."""
    if values is None:
        return
    _check_size(values, field)
    if bounds is not None:
        check_bounds(list(values), bounds, field)
    if not values:
        conditions.append(false())
        return
    conditions.append(column.in_(list(dict.fromkeys(values))))


def ids_any_of(
    conditions: Conditions,
    column: ColumnElement[Any],
    ids: Sequence[str] | None,
    type_name: str,
    field: str,
) -> None:
    """Add `column IN` the primary keys of global IDs that must all be of `type_name`."""
    if ids is None:
        return
    _check_size(ids, field)
    any_of(conditions, column, [decode_global_id(value, type_name, field) for value in ids], field)


def in_range(
    conditions: Conditions,
    column: ColumnElement[Any],
    start: Any,
    end: Any,
    field: str,
    bounds: tuple[int, int] | None = None,
) -> None:
    """Add `start <= column <= end`, either bound optional."""
    if bounds is not None:
        check_bounds([start, end], bounds, field)
    if start is not None and end is not None and start > end:
        raise bad_input("filter.empty_range", field=field, start=_shown(start), end=_shown(end))
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)


def equals(conditions: Conditions, column: ColumnElement[Any], value: Any) -> None:
    if value is not None:
        conditions.append(column == value)


def search(conditions: Conditions, search_key: InstrumentedAttribute[str], text: str | None) -> None:
    """Add a case- and ё-insensitive substring match against a normalised search key."""
    if text is None:
        return
    if len(text) > MAX_SEARCH_LENGTH:
        raise bad_input("filter.search_too_long", maximum=MAX_SEARCH_LENGTH)
    _check_text(text, "filter.search")
    pattern = like_pattern(text)
    if pattern != "%%":
        conditions.append(search_key.like(pattern, escape="\\"))


def has_any(
    conditions: Conditions,
    owner_id: InstrumentedAttribute[int],
    table: Table,
    owner_column: str,
    value_column: str,
    values: Sequence[Any] | None,
    field: str,
) -> None:
    """Add "owns at least one of `values`" through an association table."""
    if values is None:
        return
    _check_size(values, field)
    if not values:
        conditions.append(false())
        return
    owners = select(table.c[owner_column]).where(table.c[value_column].in_(list(dict.fromkeys(values))))
    conditions.append(owner_id.in_(owners))


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else str(value)
