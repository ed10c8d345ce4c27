"""Participants: students, teachers, managers and parents.

Names, the birth date and the disability attributes are personal data; the disability attributes
are health data, a special category under 152-ФЗ art. 10.
"""

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Column, Date, ForeignKey, Index, SmallInteger, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column
from db.enums import DisabilityCategory, ParticipantCategory, Sex


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint("grade IS NULL OR grade BETWEEN 0 AND 11", name="grade_range"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_range"),
        Index("ix_participants_municipality_category", "municipality_id", "category"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    category: Mapped[ParticipantCategory] = mapped_column(
        enum_column(ParticipantCategory, "participant_category")
    )
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id", ondelete="RESTRICT"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    sex: Mapped[Sex | None] = mapped_column(enum_column(Sex, "sex"))
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)
    has_disability_status: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled_child: Mapped[bool] = mapped_column(Boolean, default=False)


participant_disabilities = Table(
    "participant_disabilities",
    Base.metadata,
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("category", enum_column(DisabilityCategory, "disability_category"), primary_key=True),
)
