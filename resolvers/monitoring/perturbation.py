"""Deterministic perturbation of small counts by cell keys.

Suppression alone cannot stop differencing: the total of one query minus the total of the same
query with one more filter reveals the small group that the filter removed. So every count shown
to a role without personal-data access is moved by -2 to +2. The move is drawn from the cell's
key, which is the sum of the ids of the records in the cell, hashed. So the same cell always gets the
same move, and repeating a query reveals nothing. Two cells that differ by a few records get
unrelated moves, and their difference stays uncertain. This follows the cell key method that
statistical agencies use for flexible table builders (the Australian Bureau of Statistics'
TableBuilder, for one).
"""

from typing import Any

from sqlalchemy import ColumnElement

KEY_MODULUS = 1_000_003

# Cumulative probabilities of the moves -2, -1, 0, +1 and +2: the mean move is 0.
MOVES = ((0.1, -2), (0.3, -1), (0.7, 0), (0.9, 1), (1.0, 2))


def record_key(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """Return the key of a record: its id. `perturb` hashes the sum, so the keys need no mixing."""
    return column


def perturb(count: int | None, cell_key: int | None, salt: int = 0) -> int | None:
    """Return `count` moved by -2 to +2 as its cell key decides; a positive count stays positive.

    `salt` distinguishes measures that share a cell key, so that their moves are unrelated.
    """
    if count is None or count <= 0 or cell_key is None:
        return count
    mixed = (int(cell_key) % KEY_MODULUS) * 7_919 + count * 104_729 + salt * 15_485_863
    draw = mixed % KEY_MODULUS / KEY_MODULUS
    move = next(step for limit, step in MOVES if draw < limit)
    return max(count + move, 1)
