"""Publications, professional communities of teachers and their effective practices.

Community members and practice authors are rows of `participants` (teachers and managers). A
member's name stays personal data; an author's name is shown with the practice, because
publishing a practice is public authorship.

Attachments and materials are lists of links, `[{"title": …, "url": …}]`, kept as JSON on their
row: they are read and written with it and never queried on their own.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Date, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, enum_column, sort_key_type
from db.enums import (
    CommunityMemberRole,
    Orientation,
    ParticipantCategory,
    PracticeStatus,
    PublicationKind,
    PublicationStatus,
    RecognitionLevel,
)
from db.timezone import utc_now


class Publication(Base):
    """A news item, announcement, report or methodical letter of the regional programme."""

    __tablename__ = "publications"
    __table_args__ = (Index("ix_publications_status_published_at", "status", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str | None] = mapped_column(String(1000))
    # Russian text in Markdown.
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[PublicationKind] = mapped_column(enum_column(PublicationKind, "publication_kind"))
    status: Mapped[PublicationStatus] = mapped_column(enum_column(PublicationStatus, "publication_status"))
    # None means the whole region.
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
    )
    # The author organisation; None for a publication of the regional authority.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    innovation_site_id: Mapped[int | None] = mapped_column(
        ForeignKey("innovation_sites.id", ondelete="SET NULL"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="SET NULL"), index=True)
    roadmap_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), index=True
    )
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Set by the server when the status first becomes PUBLISHED, and kept after that.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    search_key: Mapped[str] = mapped_column(sort_key_type(500), index=True)


publication_audiences = Table(
    "publication_audiences",
    Base.metadata,
    Column("publication_id", ForeignKey("publications.id", ondelete="CASCADE"), primary_key=True),
    Column("category", enum_column(ParticipantCategory, "participant_category"), primary_key=True),
)


class ProfessionalCommunity(Base):
    """A network professional community of teachers (сетевое профессиональное сообщество)."""

    __tablename__ = "professional_communities"
    __table_args__ = (CheckConstraint("closed_on IS NULL OR closed_on >= founded_on", name="date_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    topic: Mapped[str] = mapped_column(String(1000))
    description: Mapped[str | None] = mapped_column(Text)
    orientation: Mapped[Orientation | None] = mapped_column(enum_column(Orientation, "orientation"))
    coordinating_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    founded_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # The title and the topic, cut to the column.
    search_key: Mapped[str] = mapped_column(sort_key_type(1000), index=True)


community_organizations = Table(
    "community_organizations",
    Base.metadata,
    Column("community_id", ForeignKey("professional_communities.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organization_id",
        ForeignKey("organizations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class CommunityMember(Base):
    """A teacher's or manager's membership in a community, from `joined_on` to `left_on`."""

    __tablename__ = "community_members"
    __table_args__ = (
        UniqueConstraint("community_id", "participant_id"),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="date_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("professional_communities.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    role: Mapped[CommunityMemberRole] = mapped_column(enum_column(CommunityMemberRole, "community_member_role"))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class EffectivePractice(Base):
    """An effective practice of identifying and supporting talented children."""

    __tablename__ = "effective_practices"
    __table_args__ = (Index("ix_effective_practices_status_published_at", "status", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text)
    orientation: Mapped[Orientation | None] = mapped_column(enum_column(Orientation, "orientation"))
    target_audience: Mapped[str | None] = mapped_column(String(500))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional_communities.id", ondelete="SET NULL"), index=True
    )
    innovation_site_id: Mapped[int | None] = mapped_column(
        ForeignKey("innovation_sites.id", ondelete="SET NULL"), index=True
    )
    innovation_product_id: Mapped[int | None] = mapped_column(
        ForeignKey("innovation_products.id", ondelete="SET NULL"), index=True
    )
    recognition_level: Mapped[RecognitionLevel | None] = mapped_column(
        enum_column(RecognitionLevel, "recognition_level")
    )
    materials: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[PracticeStatus] = mapped_column(enum_column(PracticeStatus, "practice_status"))
    review_comment: Mapped[str | None] = mapped_column(Text)
    # Set by the server when the status first becomes PUBLISHED, and kept after that.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    search_key: Mapped[str] = mapped_column(sort_key_type(500), index=True)


practice_authors = Table(
    "practice_authors",
    Base.metadata,
    Column("practice_id", ForeignKey("effective_practices.id", ondelete="CASCADE"), primary_key=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True),
)

practice_audiences = Table(
    "practice_audiences",
    Base.metadata,
    Column("practice_id", ForeignKey("effective_practices.id", ondelete="CASCADE"), primary_key=True),
    Column("category", enum_column(ParticipantCategory, "participant_category"), primary_key=True),
)
