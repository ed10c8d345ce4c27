"""Small-cell suppression for tables of counts about people.

Primary suppression hides every cell that describes fewer people than the threshold. Secondary
suppression then makes the hidden cells unrecoverable by subtraction. Counts are additive along
every dimension: the cells that share all keys but one sum to a cell of the coarser table that
another query can return, and all cells sum to the total. So within every such group, and across
the whole table, a single hidden cell, or hidden cells that together describe fewer people than
the threshold, get the next smallest visible cells of the group hidden with them.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

KeyT = TypeVar("KeyT", bound=Hashable)


@dataclass
class Cell(Generic[KeyT]):
    key: tuple[KeyT, ...]
    people: int
    suppressed: bool = False


def suppress(cells: Sequence[Cell[KeyT]], threshold: int) -> None:
    """Mark the cells to hide, in place: primary, then secondary until nothing changes."""
    for cell in cells:
        if 0 < cell.people < threshold:
            cell.suppressed = True

    dimensions = len(cells[0].key) if cells else 0
    groupings: list[Callable[[Cell[KeyT]], tuple[KeyT, ...]]] = [lambda cell: ()]
    for position in range(dimensions):
        groupings.append(lambda cell, position=position: cell.key[:position] + cell.key[position + 1 :])

    changed = True
    while changed:
        changed = False
        for grouping in groupings:
            groups: dict[tuple[KeyT, ...], list[Cell[KeyT]]] = defaultdict(list)
            for cell in cells:
                groups[grouping(cell)].append(cell)
            for group in groups.values():
                changed |= _protect_group(group, threshold)


def _protect_group(group: list[Cell[KeyT]], threshold: int) -> bool:
    """Hide more cells of `group` until its hidden cells cannot be told apart; return if any were."""
    changed = False
    while True:
        hidden = [cell for cell in group if cell.suppressed]
        visible = sorted((cell for cell in group if not cell.suppressed), key=lambda cell: cell.people)
        hidden_people = sum(cell.people for cell in hidden)
        if not hidden or not visible or (len(hidden) >= 2 and hidden_people >= threshold):
            return changed
        visible[0].suppressed = True
        changed = True
