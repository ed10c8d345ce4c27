"""The region's time zone and school years.

A school year is named by the year it starts in (2024 means 2024/25) and runs from
1 September 00:00 to 31 August 24:00 in the region's local time.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

REGION_ZONE = ZoneInfo("Asia/Yekaterinburg")

SCHOOL_YEAR_FIRST_MONTH = 9


def to_local(moment: datetime) -> datetime:
    """Return an aware `moment` in the region's zone."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no offset to convert")
    return moment.astimezone(REGION_ZONE)


def school_year_of(moment: datetime | date) -> int:
    """Return the school year a moment (aware) or a local calendar date belongs to."""
    if isinstance(moment, datetime):
        moment = to_local(moment).date()
    if moment.month >= SCHOOL_YEAR_FIRST_MONTH:
        return moment.year
    return moment.year - 1


def school_year_label(school_year: int) -> str:
    """Return the label of a school year: 2024 gives «2024/25»."""
    return f"{school_year}/{(school_year + 1) % 100:02d}"


def utc_now() -> datetime:
    return datetime.now(UTC)
