"""Regional innovation sites and the products they publish."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, enum_column, sort_key_type
from db.enums import InnovationProductKind, InnovationSiteKind, InnovationSiteStatus, TalentFocus


class InnovationSite(Base):
    __tablename__ = "innovation_sites"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[InnovationSiteKind] = mapped_column(
        enum_column(InnovationSiteKind, "innovation_site_kind")
    )
    status: Mapped[InnovationSiteStatus] = mapped_column(
        enum_column(InnovationSiteStatus, "innovation_site_status"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    order_number: Mapped[str | None] = mapped_column(String(64))
    order_date: Mapped[date | None] = mapped_column(Date)
    supervisor: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(sort_key_type(1000), index=True)


innovation_site_focus = Table(
    "innovation_site_focus",
    Base.metadata,
    Column("site_id", ForeignKey("innovation_sites.id", ondelete="CASCADE"), primary_key=True),
    Column("focus", enum_column(TalentFocus, "talent_focus"), primary_key=True),
)

innovation_site_partners = Table(
    "innovation_site_partners",
    Base.metadata,
    Column("site_id", ForeignKey("innovation_sites.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organization_id",
        ForeignKey("organizations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class InnovationProduct(Base):
    __tablename__ = "innovation_products"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(
        ForeignKey("innovation_sites.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[InnovationProductKind] = mapped_column(
        enum_column(InnovationProductKind, "innovation_product_kind")
    )
    url: Mapped[str | None] = mapped_column(String(2000))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    search_key: Mapped[str] = mapped_column(sort_key_type(1000))
