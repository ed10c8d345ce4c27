"""Additional education programmes and enrolments on them."""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, enum_column, sort_key_type
from db.enums import (
    DisabilityCategory,
    EnrollmentStatus,
    FinancingSource,
    Orientation,
    ProgramLevel,
    ProgramStatus,
    ProgramType,
    StudyForm,
)
from db.timezone import utc_now


class Program(Base):
    __tablename__ = "programs"
    __table_args__ = (
        CheckConstraint("age_from >= 0 AND age_to <= 99 AND age_from <= age_to", name="age_range"),
        CheckConstraint("hours IS NULL OR hours > 0", name="hours_positive"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        Index("ix_programs_municipality_orientation", "municipality_id", "orientation"),
        Index("ix_programs_status_school_year", "status", "school_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    orientation: Mapped[Orientation] = mapped_column(enum_column(Orientation, "orientation"))
    program_type: Mapped[ProgramType] = mapped_column(enum_column(ProgramType, "program_type"))
    study_form: Mapped[StudyForm] = mapped_column(enum_column(StudyForm, "study_form"))
    is_network: Mapped[bool] = mapped_column(Boolean, default=False)
    uses_distance_learning: Mapped[bool] = mapped_column(Boolean, default=False)
    is_adapted: Mapped[bool] = mapped_column(Boolean, default=False)
    age_from: Mapped[int] = mapped_column(SmallInteger)
    age_to: Mapped[int] = mapped_column(SmallInteger)
    hours: Mapped[int | None] = mapped_column(Integer)
    financing: Mapped[FinancingSource] = mapped_column(enum_column(FinancingSource, "financing_source"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[ProgramStatus] = mapped_column(enum_column(ProgramStatus, "program_status"))
    school_year: Mapped[int] = mapped_column(SmallInteger)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    search_key: Mapped[str] = mapped_column(sort_key_type(500), index=True)


program_levels = Table(
    "program_levels",
    Base.metadata,
    Column("program_id", ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True),
    Column("level", enum_column(ProgramLevel, "program_level"), primary_key=True),
)

program_partners = Table(
    "program_partners",
    Base.metadata,
    Column("program_id", ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organization_id",
        ForeignKey("organizations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

program_adapted_for = Table(
    "program_adapted_for",
    Base.metadata,
    Column("program_id", ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True),
    Column("category", enum_column(DisabilityCategory, "disability_category"), primary_key=True),
)


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("participant_id", "program_id", "school_year"),
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
        Index("ix_enrollments_program_status", "program_id", "status"),
        Index("ix_enrollments_school_year", "school_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    school_year: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[EnrollmentStatus] = mapped_column(enum_column(EnrollmentStatus, "enrollment_status"))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
