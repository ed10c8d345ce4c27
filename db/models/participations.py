"""Participation in events and its results."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, SmallInteger, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column
from db.enums import (
    EventKind,
    EventLevel,
    OlympiadStage,
    Orientation,
    ParticipantCategory,
    ParticipationResult,
    Sex,
)


class Participation(Base):
    """One participant at one event.

    `school_year`, `municipality_id`, `organization_id` and the `event_*` and `participant_*`
    columns are copied from the event and the participant at the time of the event (see
    `snapshot_of`). Monitoring then groups without joins, and history stays as it was when a
    participant moves or changes grade.
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
    event_kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"))
    event_level: Mapped[EventLevel] = mapped_column(enum_column(EventLevel, "event_level"))
    event_olympiad_stage: Mapped[OlympiadStage | None] = mapped_column(
        enum_column(OlympiadStage, "olympiad_stage")
    )
    event_orientation: Mapped[Orientation | None] = mapped_column(enum_column(Orientation, "orientation"))
    event_in_federal_list: Mapped[bool] = mapped_column(Boolean)
    participant_category: Mapped[ParticipantCategory] = mapped_column(
        enum_column(ParticipantCategory, "participant_category")
    )
    participant_sex: Mapped[Sex | None] = mapped_column(enum_column(Sex, "sex"))
    participant_grade: Mapped[int | None] = mapped_column(SmallInteger)
    participant_has_disability_status: Mapped[bool] = mapped_column(Boolean)


def snapshot_of(event: Mapping[str, Any], participant: Mapping[str, Any]) -> dict[str, Any]:
    """Return the columns a participation copies from its event and participant."""
    return {
        "school_year": event["school_year"],
        "municipality_id": participant["municipality_id"],
        "organization_id": participant["organization_id"],
        "event_kind": event["kind"],
        "event_level": event["level"],
        "event_olympiad_stage": event["olympiad_stage"],
        "event_orientation": event["orientation"],
        "event_in_federal_list": event["in_federal_list"],
        "participant_category": participant["category"],
        "participant_sex": participant["sex"],
        "participant_grade": participant["grade"],
        "participant_has_disability_status": participant["has_disability_status"],
    }
