"""Keyset pagination: conditions and orderings over a list of sort keys.

The last sort key is always the primary key, so every row has a unique position and a page
boundary stays correct while rows are inserted or deleted elsewhere.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_


@dataclass(frozen=True)
class SortKey:
    """One column of an ordering. The expression must never be NULL."""

    expression: ColumnElement[Any]
    descending: bool


def order_clauses(keys: Sequence[SortKey], *, reverse: bool = False) -> list[ColumnElement[Any]]:
    """Return ORDER BY clauses for `keys`, each direction flipped when `reverse` is set."""
    clauses = []
    for key in keys:
        descending = key.descending != reverse
        clauses.append(key.expression.desc() if descending else key.expression.asc())
    return clauses


def keyset_condition(
    keys: Sequence[SortKey], values: Sequence[Any], *, after: bool
) -> ColumnElement[bool]:
    """Return the condition for rows strictly after (or before) the row whose keys are `values`.

    The condition is expanded as `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR …`, which handles mixed
    directions and runs the same on SQLite and PostgreSQL.
    """
    if len(keys) != len(values):
        raise ValueError(f"{len(keys)} sort keys but {len(values)} cursor values")

    alternatives = []
    for position, key in enumerate(keys):
        equal_prefix = [
            keys[index].expression == values[index] for index in range(position)
        ]
        greater = key.descending != after
        step = key.expression > values[position] if greater else key.expression < values[position]
        alternatives.append(and_(*equal_prefix, step))

    if not alternatives:
        return false()
    return or_(*alternatives)
