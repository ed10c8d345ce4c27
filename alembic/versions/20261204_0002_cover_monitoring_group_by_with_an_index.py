"""Cover monitoring's GROUP BY municipality and school year with an index

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 21:12:45.190365
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_participations_municipality_school_year", table_name="participations")
    op.create_index(
        "ix_participations_monitoring",
        "participations",
        ["municipality_id", "school_year", "participant_id", "result"],
    )


def downgrade() -> None:
    op.drop_index("ix_participations_monitoring", table_name="participations")
    op.create_index(
        "ix_participations_municipality_school_year", "participations", ["municipality_id", "school_year"]
    )
