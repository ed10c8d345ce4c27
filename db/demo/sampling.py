"""Seeded random streams, apportioning and sampling helpers shared by the demo generators."""

import random
from bisect import bisect_right
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any, TypeVar

from db.timezone import REGION_ZONE

Row = dict[str, Any]
T = TypeVar("T")

# The school years the demo covers; 2024 is 2024/25.
SCHOOL_YEARS = (2020, 2021, 2022, 2023, 2024)

# The demo describes the region as of this day: sites, roadmap items and enrollments get their
# statuses relative to it.
AS_OF = date(2025, 6, 1)


def random_stream(seed: int, name: str) -> random.Random:
    """Return a generator seeded by `seed` and `name`.

    Each table draws from its own stream, so changing how one table is generated does not
    reshuffle the others. Python seeds a `str` through SHA-512, which does not depend on
    PYTHONHASHSEED, so the streams are the same in every process.
    """
    return random.Random(f"{seed}:{name}")


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` by the largest remainder method."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)

    quotas = [total * weight / weight_sum for weight in weights]
    counts = [int(quota) for quota in quotas]
    shortfall = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for index in by_remainder[:shortfall]:
        counts[index] += 1
    return counts


def allocate_with_caps(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Split `total` proportionally to `weights` without giving any item more than its cap.

    What a capped item cannot take goes to the others, so the result sums to
    min(total, sum(caps)).
    """
    counts = [0] * len(weights)
    remaining = total
    open_items = [i for i, cap in enumerate(caps) if cap > 0]

    while remaining > 0 and open_items:
        shares = apportion(remaining, [weights[i] for i in open_items])
        granted = 0
        for index, share in zip(open_items, shares):
            added = min(share, caps[index] - counts[index])
            counts[index] += added
            granted += added
        remaining -= granted
        open_items = [i for i in open_items if counts[i] < caps[i]]
        if granted == 0:
            break
    return counts


def sample_from_buckets(rng: random.Random, buckets: Sequence[Sequence[T]], count: int) -> list[T]:
    """Draw `count` distinct items from the union of disjoint `buckets`, all of them if fewer.

    The buckets are not concatenated: the draw picks positions in the union and maps each
    position back to its bucket, which keeps region-wide draws cheap.
    """
    sizes = [len(bucket) for bucket in buckets]
    ends = list(accumulate(sizes))
    total = ends[-1] if ends else 0
    positions = rng.sample(range(total), min(count, total))

    items = []
    for position in positions:
        bucket_index = bisect_right(ends, position)
        start = ends[bucket_index] - sizes[bucket_index]
        items.append(buckets[bucket_index][position - start])
    return items


def weighted_sample(rng: random.Random, items: Sequence[T], weights: Sequence[float], count: int) -> list[T]:
    """Draw `count` distinct items, each with probability rising with its weight.

    This is the Efraimidis–Spirakis method: every item gets the key u^(1/w) for a uniform u,
    and the items with the largest keys are drawn.
    """
    keyed = [(rng.random() ** (1.0 / weight), index) for index, weight in enumerate(weights) if weight > 0]
    keyed.sort(reverse=True)
    return [items[index] for _key, index in keyed[:count]]


def pick(rng: random.Random, table: Sequence[tuple[T, float]]) -> T:
    """Draw one value from a table of (value, weight) pairs."""
    values = [value for value, _weight in table]
    weights = [weight for _value, weight in table]
    return rng.choices(values, weights)[0]


def pick_distinct(rng: random.Random, table: Sequence[tuple[T, float]], count: int) -> list[T]:
    """Draw `count` distinct values from a table of (value, weight) pairs, in the table's order."""
    remaining = list(table)
    drawn = []
    for _ in range(min(count, len(remaining))):
        value = pick(rng, remaining)
        drawn.append(value)
        remaining = [(other, weight) for other, weight in remaining if other != value]
    order = [value for value, _weight in table]
    return sorted(drawn, key=order.index)


def rank_weights(count: int, offset: float = 4.0) -> list[float]:
    """Return Zipf-like weights 1/(rank + offset), so that the first items of a list are common."""
    return [1.0 / (rank + offset) for rank in range(count)]


def random_day(rng: random.Random, first: date, last: date) -> date:
    """Draw a day between `first` and `last`, both included."""
    return first + timedelta(days=rng.randint(0, (last - first).days))


def local_moment(day: date, hour: int, minute: int = 0) -> datetime:
    """Return the aware UTC moment of a wall-clock time in the region's zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=REGION_ZONE).astimezone(UTC)
