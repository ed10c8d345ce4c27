"""Secondary suppression leaves no hidden cell recoverable from its group or the total."""

import itertools
import random

from resolvers.monitoring.suppression import Cell, suppress

THRESHOLD = 5


def groups_of(cells: list[Cell[int]]) -> list[list[Cell[int]]]:
    """Return the whole table and, per dimension, the groups of cells sharing the other keys."""
    groups = [cells]
    for position in range(len(cells[0].key)):
        by_rest: dict[tuple[int, ...], list[Cell[int]]] = {}
        for cell in cells:
            by_rest.setdefault(cell.key[:position] + cell.key[position + 1 :], []).append(cell)
        groups.extend(by_rest.values())
    return groups


def assert_unrecoverable(cells: list[Cell[int]]) -> None:
    for cell in cells:
        if 0 < cell.people < THRESHOLD:
            assert cell.suppressed, cell
    for group in groups_of(cells):
        hidden = [cell for cell in group if cell.suppressed]
        visible = [cell for cell in group if not cell.suppressed]
        if not hidden or not visible:
            continue
        # Subtracting the visible cells from the group's sum yields only the hidden cells' sum,
        # which must neither single out one cell nor describe fewer people than the threshold,
        # even when the same people are counted in every hidden cell.
        assert len(hidden) >= 2, group
        assert max(cell.people for cell in hidden) >= THRESHOLD, group


def test_single_small_cell_gets_a_partner() -> None:
    cells = [Cell((1,), 40), Cell((2,), 3), Cell((3,), 25)]

    suppress(cells, THRESHOLD)

    assert [cell.suppressed for cell in cells] == [False, True, True]


def test_zero_cells_are_not_suppressed() -> None:
    cells = [Cell((1,), 0), Cell((2,), 30), Cell((3,), 25)]

    suppress(cells, THRESHOLD)

    assert not any(cell.suppressed for cell in cells)


def test_two_dimensional_table_protects_rows_and_columns() -> None:
    counts = {(1, 2023): 12, (1, 2024): 2, (2, 2023): 9, (2, 2024): 15, (3, 2023): 30, (3, 2024): 31}
    cells = [Cell(key, people) for key, people in counts.items()]

    suppress(cells, THRESHOLD)

    assert_unrecoverable(cells)
    hidden = {cell.key for cell in cells if cell.suppressed}
    assert (1, 2024) in hidden
    assert len(hidden) >= 4


def test_random_tables_stay_unrecoverable() -> None:
    generator = random.Random(20241204)
    for _ in range(300):
        shape = [generator.randint(1, 5) for _ in range(generator.randint(1, 3))]
        cells = [
            Cell(key, generator.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 40]))
            for key in itertools.product(*(range(size) for size in shape))
        ]
        cells = [cell for cell in cells if cell.people > 0]
        if not cells:
            continue

        suppress(cells, THRESHOLD)

        assert_unrecoverable(cells)
