"""Publications, professional communities with their members, and effective practices

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 10:00:00

Events gain `community_id`, the community that holds them. SQLite cannot add or drop a column
with a foreign key in place, so batch mode rebuilds `events`. Dropping the old table deletes its
rows first, and with foreign keys enforced that would cascade to every participation, so on
SQLite the rebuild runs with foreign keys switched off (a pragma that only takes effect outside a
transaction) and checked again afterwards.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

import db.base
from db.enums import (
    CommunityMemberRole,
    Orientation,
    ParticipantCategory,
    PracticeStatus,
    PublicationKind,
    PublicationStatus,
    RecognitionLevel,
)

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS_COMMUNITY_FK = "fk_events_community_id_professional_communities"
EVENTS_COMMUNITY_INDEX = "ix_events_community_id"


def _search_key(length: int) -> sa.types.TypeEngine:
    return db.base.sort_key_type(length)


def _enum(enum: type, name: str) -> sa.Enum:
    return db.base.enum_column(enum, name)


def _foreign_key(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _index(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


@contextmanager
def _sqlite_foreign_keys_off() -> Iterator[None]:
    """Switch SQLite's foreign key enforcement off for the block, then check every key."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    context = op.get_context()
    with context.autocommit_block():
        op.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
        violations = op.get_bind().execute(sa.text("PRAGMA foreign_key_check")).all()
        if violations:
            raise RuntimeError(f"foreign keys broken by the rebuild of events: {violations[:5]}")
    finally:
        with context.autocommit_block():
            op.execute("PRAGMA foreign_keys = ON")


def _create_publications() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.String(length=1000), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("kind", _enum(PublicationKind, "publication_kind"), nullable=False),
        sa.Column("status", _enum(PublicationStatus, "publication_status"), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("innovation_site_id", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("roadmap_item_id", sa.Integer(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("published_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("search_key", _search_key(500), nullable=False),
        _foreign_key("publications", "municipality_id", "municipalities", "RESTRICT"),
        _foreign_key("publications", "organization_id", "organizations", "RESTRICT"),
        _foreign_key("publications", "event_id", "events", "SET NULL"),
        _foreign_key("publications", "innovation_site_id", "innovation_sites", "SET NULL"),
        _foreign_key("publications", "program_id", "programs", "SET NULL"),
        _foreign_key("publications", "roadmap_item_id", "roadmap_items", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    _index(
        "publications",
        "municipality_id",
        "organization_id",
        "event_id",
        "innovation_site_id",
        "program_id",
        "roadmap_item_id",
        "search_key",
    )
    op.create_index("ix_publications_status_published_at", "publications", ["status", "published_at"])

    op.create_table(
        "publication_audiences",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("category", _enum(ParticipantCategory, "participant_category"), nullable=False),
        _foreign_key("publication_audiences", "publication_id", "publications", "CASCADE"),
        sa.PrimaryKeyConstraint("publication_id", "category", name=op.f("pk_publication_audiences")),
    )


def _create_communities() -> None:
    op.create_table(
        "professional_communities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("topic", sa.String(length=1000), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("orientation", _enum(Orientation, "orientation"), nullable=True),
        sa.Column("coordinating_organization_id", sa.Integer(), nullable=False),
        sa.Column("founded_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("search_key", _search_key(1000), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= founded_on", name=op.f("ck_professional_communities_date_range")
        ),
        _foreign_key("professional_communities", "coordinating_organization_id", "organizations", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_professional_communities")),
    )
    _index("professional_communities", "coordinating_organization_id", "search_key")

    op.create_table(
        "community_organizations",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        _foreign_key("community_organizations", "community_id", "professional_communities", "CASCADE"),
        _foreign_key("community_organizations", "organization_id", "organizations", "CASCADE"),
        sa.PrimaryKeyConstraint("community_id", "organization_id", name=op.f("pk_community_organizations")),
    )
    _index("community_organizations", "organization_id")

    op.create_table(
        "community_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("role", _enum(CommunityMemberRole, "community_member_role"), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.CheckConstraint("left_on IS NULL OR left_on >= joined_on", name=op.f("ck_community_members_date_range")),
        _foreign_key("community_members", "community_id", "professional_communities", "CASCADE"),
        _foreign_key("community_members", "participant_id", "participants", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_members")),
        sa.UniqueConstraint(
            "community_id", "participant_id", name=op.f("uq_community_members_community_id_participant_id")
        ),
    )
    _index("community_members", "participant_id")


def _create_practices() -> None:
    op.create_table(
        "effective_practices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("orientation", _enum(Orientation, "orientation"), nullable=True),
        sa.Column("target_audience", sa.String(length=500), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("innovation_site_id", sa.Integer(), nullable=True),
        sa.Column("innovation_product_id", sa.Integer(), nullable=True),
        sa.Column("recognition_level", _enum(RecognitionLevel, "recognition_level"), nullable=True),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("status", _enum(PracticeStatus, "practice_status"), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("published_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("search_key", _search_key(500), nullable=False),
        _foreign_key("effective_practices", "organization_id", "organizations", "RESTRICT"),
        _foreign_key("effective_practices", "community_id", "professional_communities", "SET NULL"),
        _foreign_key("effective_practices", "innovation_site_id", "innovation_sites", "SET NULL"),
        _foreign_key("effective_practices", "innovation_product_id", "innovation_products", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_effective_practices")),
    )
    _index(
        "effective_practices",
        "organization_id",
        "community_id",
        "innovation_site_id",
        "innovation_product_id",
        "search_key",
    )
    op.create_index(
        "ix_effective_practices_status_published_at", "effective_practices", ["status", "published_at"]
    )

    op.create_table(
        "practice_authors",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        _foreign_key("practice_authors", "practice_id", "effective_practices", "CASCADE"),
        _foreign_key("practice_authors", "participant_id", "participants", "CASCADE"),
        sa.PrimaryKeyConstraint("practice_id", "participant_id", name=op.f("pk_practice_authors")),
    )
    _index("practice_authors", "participant_id")

    op.create_table(
        "practice_audiences",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("category", _enum(ParticipantCategory, "participant_category"), nullable=False),
        _foreign_key("practice_audiences", "practice_id", "effective_practices", "CASCADE"),
        sa.PrimaryKeyConstraint("practice_id", "category", name=op.f("pk_practice_audiences")),
    )


def _add_event_community() -> None:
    with _sqlite_foreign_keys_off(), op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("community_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f(EVENTS_COMMUNITY_FK), "professional_communities", ["community_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f(EVENTS_COMMUNITY_INDEX), ["community_id"], unique=False)


def _drop_event_community() -> None:
    with _sqlite_foreign_keys_off(), op.batch_alter_table("events") as batch:
        batch.drop_index(op.f(EVENTS_COMMUNITY_INDEX))
        batch.drop_constraint(op.f(EVENTS_COMMUNITY_FK), type_="foreignkey")
        batch.drop_column("community_id")


def upgrade() -> None:
    _create_communities()
    _add_event_community()
    _create_publications()
    _create_practices()


def downgrade() -> None:
    for table in ("practice_audiences", "practice_authors", "effective_practices"):
        op.drop_table(table)
    op.drop_table("publication_audiences")
    op.drop_table("publications")
    _drop_event_community()
    for table in ("community_members", "community_organizations", "professional_communities"):
        op.drop_table(table)
