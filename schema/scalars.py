"""Scalars: DateTime values carry an offset in and out and are shown in the region's zone."""

from datetime import UTC, datetime
from typing import Any

import strawberry

from db.timezone import to_local
from resolvers.errors import bad_input


def parse_datetime(value: Any) -> datetime:
    """Parse an ISO 8601 moment; a value without an offset is ambiguous and rejected."""
    shown = str(value)[:64]
    if not isinstance(value, str):
        raise bad_input("datetime.malformed", value=shown)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise bad_input("datetime.malformed", value=shown) from None
    if parsed.tzinfo is None:
        raise bad_input("datetime.no_offset", value=shown)
    try:
        # The database stores UTC; a moment at the very ends of the calendar has no UTC value.
        return parsed.astimezone(UTC)
    except OverflowError:
        raise bad_input("datetime.malformed", value=shown) from None


def serialize_datetime(value: datetime) -> str:
    return to_local(value).isoformat()


SCALAR_MAP = {
    datetime: strawberry.scalar(
        name="DateTime",
        description="Дата и время в ISO 8601 со смещением, например 2024-09-01T10:00:00+05:00; "
        "ответы приводятся к времени региона (UTC+5)",
        serialize=serialize_datetime,
        parse_value=parse_datetime,
    )
}
