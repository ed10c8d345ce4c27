"""Municipalities of the region and their child population."""

from sqlalchemy import CheckConstraint, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column, sort_key_type
from db.enums import MunicipalityKind


class Municipality(Base):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    oktmo: Mapped[str | None] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[MunicipalityKind] = mapped_column(enum_column(MunicipalityKind, "municipality_kind"))
    search_key: Mapped[str] = mapped_column(sort_key_type(200), index=True)


class MunicipalityPopulation(Base):
    """Children aged 5 to 18 living in a municipality in a school year, from official statistics."""

    __tablename__ = "municipality_populations"
    __table_args__ = (
        CheckConstraint("children_5_18 >= 0", name="children_not_negative"),
        CheckConstraint("school_year BETWEEN 2000 AND 2100", name="school_year_range"),
    )

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    school_year: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    children_5_18: Mapped[int] = mapped_column(Integer)
