"""Add the monitoring summary, its dirty buckets and the triggers that fill them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 21:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = {
    "participations_dirty_insert": "AFTER INSERT ON participations BEGIN "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (NEW.municipality_id, NEW.school_year); END",
    "participations_dirty_update": "AFTER UPDATE ON participations BEGIN "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (OLD.municipality_id, OLD.school_year); "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (NEW.municipality_id, NEW.school_year); END",
    "participations_dirty_delete": "AFTER DELETE ON participations BEGIN "
    "INSERT OR IGNORE INTO monitoring_dirty VALUES (OLD.municipality_id, OLD.school_year); END",
}

# PostgreSQL marks buckets once per statement from the transition tables, so a bulk insert of
# many rows costs one extra statement rather than one per row.
POSTGRES_FUNCTION = """
CREATE FUNCTION mark_monitoring_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO monitoring_dirty (municipality_id, school_year)
        SELECT DISTINCT municipality_id, school_year FROM changed_rows
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO monitoring_dirty (municipality_id, school_year)
        SELECT DISTINCT municipality_id, school_year FROM previous_rows
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRES_TRIGGERS = {
    "participations_dirty_insert": "AFTER INSERT ON participations REFERENCING NEW TABLE AS changed_rows",
    "participations_dirty_update": "AFTER UPDATE ON participations "
    "REFERENCING OLD TABLE AS previous_rows NEW TABLE AS changed_rows",
    "participations_dirty_delete": "AFTER DELETE ON participations REFERENCING OLD TABLE AS previous_rows",
}


def upgrade() -> None:
    op.create_table(
        "monitoring_summary",
        sa.Column("municipality_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("school_year", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("participations", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("winners", sa.Integer(), nullable=False),
        sa.Column("prize_winners", sa.Integer(), nullable=False),
        sa.Column("participations_key", sa.BigInteger(), nullable=False),
        sa.Column("participants_key", sa.BigInteger(), nullable=False),
        sa.Column("winners_key", sa.BigInteger(), nullable=False),
        sa.Column("prize_winners_key", sa.BigInteger(), nullable=False),
        sa.Column("refreshed_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("municipality_id", "school_year", name=op.f("pk_monitoring_summary")),
    )
    op.create_table(
        "monitoring_dirty",
        sa.Column("municipality_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("school_year", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("municipality_id", "school_year", name=op.f("pk_monitoring_dirty")),
    )

    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for name, definition in POSTGRES_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {definition} FOR EACH STATEMENT EXECUTE FUNCTION mark_monitoring_dirty()")
    else:
        for name, definition in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {definition}")

    # Existing participations are all unsummarised: mark their buckets.
    op.execute(
        "INSERT INTO monitoring_dirty (municipality_id, school_year) "
        "SELECT DISTINCT municipality_id, school_year FROM participations"
    )


def downgrade() -> None:
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON participations" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS mark_monitoring_dirty()")
    op.drop_table("monitoring_dirty")
    op.drop_table("monitoring_summary")
