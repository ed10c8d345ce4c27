"""Events for children and for the adults around them."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, SmallInteger, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, enum_column, sort_key_type
from db.enums import EventFormat, EventKind, EventLevel, OlympiadStage, Orientation, ParticipantCategory


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("ends_at >= starts_at", name="time_range"),
        CheckConstraint("olympiad_stage IS NULL OR kind = 'OLYMPIAD'", name="stage_of_olympiad"),
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        Index("ix_events_school_year_kind", "school_year", "kind"),
        Index("ix_events_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"))
    level: Mapped[EventLevel] = mapped_column(enum_column(EventLevel, "event_level"))
    olympiad_stage: Mapped[OlympiadStage | None] = mapped_column(
        enum_column(OlympiadStage, "olympiad_stage")
    )
    format: Mapped[EventFormat] = mapped_column(enum_column(EventFormat, "event_format"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The school year of `starts_at` in the region's local time, stored so that it can be indexed.
    school_year: Mapped[int] = mapped_column(SmallInteger)
    orientation: Mapped[Orientation | None] = mapped_column(enum_column(Orientation, "orientation"))
    subject: Mapped[str | None] = mapped_column(String(100))
    in_federal_list: Mapped[bool] = mapped_column(Boolean, default=False)
    organizer_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    innovation_site_id: Mapped[int | None] = mapped_column(
        ForeignKey("innovation_sites.id", ondelete="SET NULL"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
    )
    roadmap_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), index=True
    )
    # The professional community that holds the event, for the events of teachers' communities.
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional_communities.id", ondelete="SET NULL"), index=True
    )
    search_key: Mapped[str] = mapped_column(sort_key_type(1000), index=True)


event_audiences = Table(
    "event_audiences",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("category", enum_column(ParticipantCategory, "participant_category"), primary_key=True),
)
