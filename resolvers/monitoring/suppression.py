"""Small-cell suppression for tables of counts about people.

Primary suppression hides every cell that describes fewer people than the threshold. Secondary
suppression then makes the hidden cells unrecoverable by subtraction. Participation counts are
additive along every dimension: the cells that share all keys but one sum to a cell of the coarser
table that another query can return, and all cells sum to the total. So within every such group,
and across the whole table, there must be at least two hidden cells, and at least one of them must
describe no fewer people than the threshold. Otherwise the next smallest visible cells of the group
are hidden with them. The rule asks for one large hidden cell rather than a large sum because the
same person may be counted in several cells (in two school years, say), so the people of hidden
cells do not add up.
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
    """Hide more cells of `group` until its hidden cells are safe; return whether any were hidden."""
    hidden = [cell for cell in group if cell.suppressed]
    if not hidden:
        return False
    visible = sorted((cell for cell in group if not cell.suppressed), key=lambda cell: cell.people)
    count = len(hidden)
    largest = max(cell.people for cell in hidden)

    changed = False
    for cell in visible:
        if count >= 2 and largest >= threshold:
            break
        cell.suppressed = True
        count += 1
        largest = max(largest, cell.people)
        changed = True
    return changed
