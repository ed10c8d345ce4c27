"""School years are computed in the region's local time (UTC+5)."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from db.timezone import school_year_label, school_year_of


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 01:30 local time on 1 September is 20:30 UTC on 31 August: the new school year.
        (datetime(2024, 8, 31, 20, 30, tzinfo=UTC), 2024),
        # 23:59 local time on 31 August is still the old school year.
        (datetime(2024, 8, 31, 18, 59, tzinfo=UTC), 2023),
        (datetime(2024, 9, 1, 0, 0, tzinfo=timezone(timedelta(hours=5))), 2024),
        (datetime(2024, 8, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=5))), 2023),
        (datetime(2025, 1, 15, 12, 0, tzinfo=UTC), 2024),
        (date(2024, 9, 1), 2024),
        (date(2024, 8, 31), 2023),
    ],
)
def test_school_year_of_boundaries(moment: datetime | date, expected: int) -> None:
    assert school_year_of(moment) == expected


def test_school_year_of_naive_datetime_is_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        school_year_of(datetime(2024, 9, 1, 0, 0))


@pytest.mark.parametrize(("year", "label"), [(2024, "2024/25"), (2099, "2099/00"), (2009, "2009/10")])
def test_school_year_label(year: int, label: str) -> None:
    assert school_year_label(year) == label
