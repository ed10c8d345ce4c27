"""Operations that migrations share, written once so that they behave the same on both databases.

Enums are stored as strings under a CHECK constraint named `ck_<table>_<enum name>` (see
`db.base.enum_column`), so adding a value rewrites that constraint. PostgreSQL alters the table in
place. SQLite cannot alter a constraint, so Alembic's batch mode rebuilds the table with every
other constraint and index kept.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic.operations import Operations


def set_enum_values(
    operations: Operations, table: str, column: str, enum_name: str, values: Sequence[str]
) -> None:
    """Allow exactly `values` in the enum `column`, widening the column if a value is longer."""
    constraint = f"ck_{table}_{enum_name}"
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    current_length = _column_length(operations, table, column)
    needed_length = max(len(value) for value in values) + 8

    with operations.batch_alter_table(table) as batch:
        batch.drop_constraint(operations.f(constraint), type_="check")
        if current_length is not None and needed_length > current_length:
            batch.alter_column(column, type_=sa.String(needed_length), existing_type=sa.String(current_length))
        batch.create_check_constraint(operations.f(constraint), sa.text(f"{column} IN ({quoted})"))


def _column_length(operations: Operations, table: str, column: str) -> int | None:
    inspector = sa.inspect(operations.get_bind())
    for described in inspector.get_columns(table):
        if described["name"] == column:
            return getattr(described["type"], "length", None)
    raise ValueError(f"table {table} has no column {column}")
