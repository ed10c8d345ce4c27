"""The roadmap of measures and its target indicators."""

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column, sort_key_type
from db.enums import RoadmapItemStatus


def roadmap_number_key(number: str) -> str:
    """Return a key that sorts item numbers naturally: «1.2» before «1.10»."""
    return ".".join(part.zfill(4) for part in number.split("."))


class RoadmapItem(Base):
    __tablename__ = "roadmap_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    number_key: Mapped[str] = mapped_column(sort_key_type(100), index=True)
    title: Mapped[str] = mapped_column(String(1000))
    section: Mapped[str | None] = mapped_column(String(300))
    responsible: Mapped[str | None] = mapped_column(String(500))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RoadmapItemStatus] = mapped_column(
        enum_column(RoadmapItemStatus, "roadmap_item_status")
    )
    description: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(sort_key_type(1000))


class Indicator(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    unit: Mapped[str] = mapped_column(String(32))
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)
    roadmap_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), index=True
    )


class IndicatorTarget(Base):
    __tablename__ = "indicator_targets"

    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True
    )
    school_year: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    target_value: Mapped[float] = mapped_column(Float)
