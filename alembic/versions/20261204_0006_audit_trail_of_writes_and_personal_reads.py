"""Audit trail of writes and of reads of personal fields

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 23:31:47.406577
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.enums import AuditAction

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("operation", sa.String(length=200), nullable=True),
        sa.Column("action", db.base.enum_column(AuditAction, "audit_action"), nullable=False),
        sa.Column("entity_type", sa.String(length=64), nullable=False),
        sa.Column("entity_ids", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"], ["api_keys.id"], name=op.f("fk_audit_events_api_key_id_api_keys"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_api_key_id"), "audit_events", ["api_key_id"])
    op.create_index("ix_audit_events_occurred_at_id", "audit_events", ["occurred_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_occurred_at_id", table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_api_key_id"), table_name="audit_events")
    op.drop_table("audit_events")
