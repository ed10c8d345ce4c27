"""Participation in events and its results."""

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, SmallInteger, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column
from db.enums import ParticipationResult


class Participation(Base):
    """One participant at one event.

    `school_year`, `municipality_id` and `organization_id` are copied from the event and the
    participant at the time of the event, so that monitoring groups without joins and keeps
    history when a participant moves.
    """

    __tablename__ = "participations"
    __table_args__ = (
        UniqueConstraint("event_id", "participant_id"),
        CheckConstraint("mentor_id IS NULL OR mentor_id <> participant_id", name="mentor_not_self"),
        CheckConstraint("score IS NULL OR score >= 0", name="score_not_negative"),
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        # Covers monitoring's GROUP BY municipality and school year, with the distinct-participant
        # count and the result counts read from the index alone.
        Index(
            "ix_participations_monitoring", "municipality_id", "school_year", "participant_id", "result"
        ),
        Index("ix_participations_organization_school_year", "organization_id", "school_year"),
        Index("ix_participations_school_year_result", "school_year", "result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    result: Mapped[ParticipationResult] = mapped_column(
        enum_column(ParticipationResult, "participation_result")
    )
    score: Mapped[float | None] = mapped_column(Float)
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    school_year: Mapped[int] = mapped_column(SmallInteger)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id", ondelete="RESTRICT"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
