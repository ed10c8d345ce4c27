"""Deterministic perturbation of small counts by cell keys.

Suppression alone cannot stop differencing: the total of one query minus the total of the same
query with one more filter reveals the small group that the filter removed. So every count shown
to a role without personal-data access is moved by -2 to +2. The move is drawn from the cell's
key, which is the sum of the keys of the people (or records) in the cell. So the same cell always
gets the same move, and repeating a query reveals nothing. Two cells that differ by a few people
get unrelated moves, and their difference stays uncertain. This follows the cell key method that
statistical agencies use for flexible table builders (the Australian Bureau of Statistics'
TableBuilder, for one).
"""

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, cast, literal

KEY_MODULUS = 1_000_003
PERSON_MULTIPLIER = 2_654_435_761
RECORD_MULTIPLIER = 40_503

# Cumulative probabilities of the moves -2, -1, 0, +1 and +2: the mean move is 0.
MOVES = ((0.1, -2), (0.3, -1), (0.7, 0), (0.9, 1), (1.0, 2))


def _key(column: ColumnElement[Any], multiplier: int) -> ColumnElement[Any]:
    # 64-bit arithmetic: the product of a 32-bit id and the multiplier overflows 32 bits.
    return (cast(column, BigInteger) * literal(multiplier, BigInteger)) % literal(KEY_MODULUS, BigInteger)


def person_key(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """Return a pseudo-random key of a person, computed in SQL from their id."""
    return _key(column, PERSON_MULTIPLIER)


def record_key(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """Return a pseudo-random key of a record, computed in SQL from its id."""
    return _key(column, RECORD_MULTIPLIER)


def perturb(count: int | None, cell_key: int | None) -> int | None:
    """Return `count` moved by -2 to +2 as its cell key decides; a positive count stays positive."""
    if count is None or count <= 0 or cell_key is None:
        return count
    draw = ((int(cell_key) % KEY_MODULUS) * 7_919 + count * 104_729) % KEY_MODULUS / KEY_MODULUS
    move = next(step for limit, step in MOVES if draw < limit)
    return max(count + move, 1)
