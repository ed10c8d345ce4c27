"""Scalars: DateTime values carry an offset in and out and are shown in the region's zone."""

from datetime import datetime
from typing import Any

import strawberry

from db.timezone import to_local


def parse_datetime(value: Any) -> datetime:
    """Parse an ISO 8601 moment; a value without an offset is ambiguous and rejected."""
    if not isinstance(value, str):
        raise ValueError("DateTime must be an ISO 8601 string with an offset")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"DateTime {value!r} has no offset; add one, e.g. +05:00 or Z")
    return parsed


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
