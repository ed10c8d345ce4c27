"""API keys with a role and an organisation or municipality scope

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 22:54:24.016300
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.enums import ApiKeyRole

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", db.base.enum_column(ApiKeyRole, "api_key_role"), nullable=False),
        sa.Column("health_data", sa.Boolean(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("name <> '' AND name = trim(name)", name=op.f("ck_api_keys_name_trimmed")),
        sa.CheckConstraint(
            "expires_at IS NULL OR expires_at > created_at", name=op.f("ck_api_keys_expires_after_creation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_keys_name")),
    )
    op.create_index(op.f("ix_api_keys_prefix"), "api_keys", ["prefix"], unique=False)

    for table, column, target in [
        ("api_key_organizations", "organization_id", "organizations"),
        ("api_key_municipalities", "municipality_id", "municipalities"),
    ]:
        op.create_table(
            table,
            sa.Column("api_key_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["api_key_id"], ["api_keys.id"], name=op.f(f"fk_{table}_api_key_id_api_keys"), ondelete="CASCADE"
            ),
            sa.ForeignKeyConstraint(
                [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("api_key_id", column, name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def downgrade() -> None:
    for table, column in [
        ("api_key_municipalities", "municipality_id"),
        ("api_key_organizations", "organization_id"),
    ]:
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
    op.drop_index(op.f("ix_api_keys_prefix"), table_name="api_keys")
    op.drop_table("api_keys")
