"""Relay connections over keyset pagination.

Arguments are validated before any SQL runs. A cursor is base64url JSON of
`[scope, order, values]`: the connection it belongs to (a nested connection includes its parent),
the ordering it was issued for, and the row's sort-key values ending with the primary key.
"""

import base64
import binascii
import json
import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

from db.pagination import SortKey, keyset_condition, order_clauses
from resolvers.errors import bad_input

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_ORDER_FIELDS = 4

# Cursors this API issues are far shorter; the limits keep hand-made ones from reaching SQL.
MAX_CURSOR_LENGTH = 4096
MAX_CURSOR_TEXT = 2000
MAX_CURSOR_INTEGER = 2**31 - 1


@dataclass(frozen=True)
class OrderField:
    """A column a connection can be ordered by.

    A nullable column is sorted as if NULL were `null_value`, so that keyset comparisons never
    meet a NULL.
    """

    column: InstrumentedAttribute[Any]
    value_type: type
    null_value: Any = None

    @property
    def expression(self) -> ColumnElement[Any]:
        if self.null_value is None:
            return self.column
        return func.coalesce(self.column, self.null_value)

    def value_of(self, row: Any) -> Any:
        value = getattr(row, self.column.key)
        return self.null_value if value is None else value


@dataclass(frozen=True)
class ConnectionSpec:
    """The rows a connection lists and the columns it may be ordered by."""

    name: str
    model: type
    order_fields: dict[str, OrderField]
    default_order: tuple[tuple[str, bool], ...]

    @property
    def primary_key(self) -> OrderField:
        return OrderField(self.model.id, int)


@dataclass(frozen=True)
class Ordering:
    fields: tuple[OrderField, ...]
    descending: tuple[bool, ...]
    signature: str

    @property
    def sort_keys(self) -> list[SortKey]:
        return [
            SortKey(order_field.expression, descending)
            for order_field, descending in zip(self.fields, self.descending, strict=True)
        ]

    def values_of(self, row: Any) -> list[Any]:
        return [order_field.value_of(row) for order_field in self.fields]


def resolve_ordering(spec: ConnectionSpec, requested: Sequence[tuple[str, bool]] | None) -> Ordering:
    """Return the ordering for `requested` (field name, descending) pairs, ending with the id."""
    pairs = list(requested) if requested else list(spec.default_order)
    if len(pairs) > MAX_ORDER_FIELDS:
        raise bad_input("order.too_many", maximum=MAX_ORDER_FIELDS, value=len(pairs))

    names = [name for name, _ in pairs]
    for name in names:
        if names.count(name) > 1:
            raise bad_input("order.repeated", field=name)

    fields = [spec.order_fields[name] for name, _ in pairs]
    descending = [desc for _, desc in pairs]
    if "ID" not in names:
        fields.append(spec.primary_key)
        descending.append(False)
        names.append("ID")

    signature = ",".join(
        f"{name}:{'DESC' if desc else 'ASC'}" for name, desc in zip(names, descending, strict=True)
    )
    return Ordering(tuple(fields), tuple(descending), signature)


@dataclass(frozen=True)
class PageRequest:
    """Validated page arguments: how many rows, in which direction, between which cursors."""

    limit: int
    backward: bool
    after: list[Any] | None
    before: list[Any] | None


def encode_cursor(scope: str, ordering: Ordering, values: Sequence[Any]) -> str:
    encoded = [v.isoformat() if isinstance(v, date | datetime) else v for v in values]
    payload = orjson.dumps([scope, ordering.signature, encoded])
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode_cursor(argument: str, cursor: str, scope: str, ordering: Ordering) -> list[Any]:
    """Return the sort-key values of `cursor`, or raise if it is malformed or foreign."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise bad_input("cursor.malformed", argument=argument, cursor=cursor[:64])
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        cursor_scope, signature, raw_values = payload
    except (ValueError, TypeError, RecursionError, binascii.Error, UnicodeError):
        raise bad_input("cursor.malformed", argument=argument, cursor=cursor[:64]) from None

    if cursor_scope != scope or signature != ordering.signature:
        raise bad_input("cursor.foreign", argument=argument, expected=scope, order=ordering.signature)

    try:
        return [
            _parse_cursor_value(raw, order_field.value_type)
            for raw, order_field in zip(raw_values, ordering.fields, strict=True)
        ]
    except (ValueError, TypeError, OverflowError):
        raise bad_input("cursor.malformed", argument=argument, cursor=cursor[:64]) from None


def _parse_cursor_value(raw: Any, value_type: type) -> Any:
    """Return a sort-key value of the expected type; raise ValueError or TypeError otherwise."""
    if value_type is datetime:
        parsed = datetime.fromisoformat(raw)
        if parsed.tzinfo is None:
            raise ValueError("naive datetime in cursor")
        parsed.astimezone(UTC)  # raises OverflowError near the ends of the calendar
        return parsed
    if value_type is date:
        return date.fromisoformat(raw)
    if value_type is float and isinstance(raw, int) and not isinstance(raw, bool):
        raw = float(raw)
    if type(raw) is not value_type:
        raise TypeError(f"expected {value_type.__name__}, got {type(raw).__name__}")
    if isinstance(raw, int) and abs(raw) > MAX_CURSOR_INTEGER:
        raise ValueError("integer out of range")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError("float is not finite")
    if isinstance(raw, str) and (len(raw) > MAX_CURSOR_TEXT or "\x00" in raw):
        raise ValueError("text too long or with NUL")
    return raw


def parse_page(
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    scope: str,
    ordering: Ordering,
) -> PageRequest:
    """Validate Relay page arguments; raise BAD_USER_INPUT errors before any SQL runs."""
    if first is not None and last is not None:
        raise bad_input("page.first_and_last")
    for argument, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            raise bad_input("page.negative", argument=argument, value=value)
        if value > MAX_PAGE_SIZE:
            raise bad_input("page.too_large", argument=argument, maximum=MAX_PAGE_SIZE, value=value)

    after_values = decode_cursor("after", after, scope, ordering) if after is not None else None
    before_values = decode_cursor("before", before, scope, ordering) if before is not None else None

    backward = last is not None
    if backward:
        limit = last
    elif first is not None:
        limit = first
    else:
        limit = DEFAULT_PAGE_SIZE
    return PageRequest(limit=limit, backward=backward, after=after_values, before=before_values)


def page_conditions(ordering: Ordering, page: PageRequest) -> list[ColumnElement[bool]]:
    conditions = []
    if page.after is not None:
        conditions.append(keyset_condition(ordering.sort_keys, page.after, after=True))
    if page.before is not None:
        conditions.append(keyset_condition(ordering.sort_keys, page.before, after=False))
    return conditions


@dataclass
class Page:
    """One page of rows with their cursors, and a way to count the whole filtered list."""

    rows: list[Any]
    # None for rows between the first and the last when only pageInfo needs cursors.
    cursors: list[str | None]
    has_next_page: bool
    has_previous_page: bool
    count: Callable[[], Awaitable[int]] = field(repr=False)


def assemble_page(
    fetched: list[Any],
    *,
    page: PageRequest,
    ordering: Ordering,
    scope: str,
    count: Callable[[], Awaitable[int]],
    values_of: Callable[[Any], list[Any]] | None = None,
    every_cursor: bool = True,
) -> Page:
    """Build a page from up to `limit + 1` rows fetched in query order.

    `values_of` returns a row's sort-key values; by default they are read from the row's
    attributes named after the ordering's columns. Without `every_cursor`, only the first and
    last rows get cursors (for pageInfo), and the others get None.
    """
    has_more = len(fetched) > page.limit
    rows = fetched[: page.limit]
    if page.backward:
        rows.reverse()
        has_next, has_previous = page.before is not None, has_more
    else:
        has_next, has_previous = has_more, page.after is not None

    values_of = values_of or ordering.values_of
    if every_cursor or len(rows) < 3:
        cursors: list[str | None] = [encode_cursor(scope, ordering, values_of(row)) for row in rows]
    else:
        cursors = [None] * len(rows)
        cursors[0] = encode_cursor(scope, ordering, values_of(rows[0]))
        cursors[-1] = encode_cursor(scope, ordering, values_of(rows[-1]))
    return Page(rows, cursors, has_next, has_previous, count)


async def count_rows(
    sessions: async_sessionmaker[AsyncSession], model: type, conditions: Sequence[ColumnElement[bool]]
) -> int:
    statement = select(func.count()).select_from(model).where(*conditions)
    async with sessions() as session:
        return (await session.execute(statement)).scalar_one()


async def fetch_page(
    sessions: async_sessionmaker[AsyncSession],
    spec: ConnectionSpec,
    conditions: Sequence[ColumnElement[bool]],
    ordering: Ordering,
    page: PageRequest,
) -> Page:
    """Run one statement for a root connection's page; counting waits until totalCount is read."""
    scope = spec.name

    async def count() -> int:
        return await count_rows(sessions, spec.model, conditions)

    statement = (
        select(spec.model)
        .where(*conditions, *page_conditions(ordering, page))
        .order_by(*order_clauses(ordering.sort_keys, reverse=page.backward))
        .limit(page.limit + 1)
    )
    async with sessions() as session:
        fetched = list((await session.scalars(statement)).all())
    return assemble_page(fetched, page=page, ordering=ordering, scope=scope, count=count)
