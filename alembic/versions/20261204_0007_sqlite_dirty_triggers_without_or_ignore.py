"""Mark monitoring buckets dirty on SQLite without INSERT OR IGNORE

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 23:59:00

Deleting a participant who mentors others and has results of their own makes SQLite run, in one
statement, the foreign keys' SET NULL on the mentees' participations and the CASCADE on the
participant's own. Both fire triggers that mark the same bucket dirty, and an ON CONFLICT clause
in a trigger body yields to the conflict policy of the statement that fired it (ABORT), so the
second INSERT OR IGNORE failed the whole delete. The triggers now insert a bucket only when it is
missing. PostgreSQL's statement triggers are not affected.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _mark(row: str) -> str:
    return (
        f"INSERT INTO monitoring_dirty (municipality_id, school_year) "
        f"SELECT {row}.municipality_id, {row}.school_year WHERE NOT EXISTS ("
        f"SELECT 1 FROM monitoring_dirty WHERE municipality_id = {row}.municipality_id "
        f"AND school_year = {row}.school_year);"
    )


TRIGGERS = {
    "participations_dirty_insert": f"AFTER INSERT ON participations BEGIN {_mark('NEW')} END",
    "participations_dirty_update": f"AFTER UPDATE ON participations BEGIN {_mark('OLD')} {_mark('NEW')} END",
    "participations_dirty_delete": f"AFTER DELETE ON participations BEGIN {_mark('OLD')} END",
}

PREVIOUS_TRIGGERS = {
    "participations_dirty_insert": "AFTER INSERT ON participations BEGIN "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (NEW.municipality_id, NEW.school_year); END",
    "participations_dirty_update": "AFTER UPDATE ON participations BEGIN "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (OLD.municipality_id, OLD.school_year); "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (NEW.municipality_id, NEW.school_year); END",
    "participations_dirty_delete": "AFTER DELETE ON participations BEGIN "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (OLD.municipality_id, OLD.school_year); END",
}


def _replace(triggers: dict[str, str]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, definition in triggers.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {definition}")


def upgrade() -> None:
    _replace(TRIGGERS)


def downgrade() -> None:
    _replace(PREVIOUS_TRIGGERS)
