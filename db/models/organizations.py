"""Educational organisations."""

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column, sort_key_type
from db.enums import OrganizationKind


class Organization(Base):
    __tablename__ = "organizations"
    __table_args__ = (
        # An organisation's ИНН has 10 digits; 12 digits belong to individual entrepreneurs.
        CheckConstraint("inn IS NULL OR length(inn) IN (10, 12)", name="inn_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    inn: Mapped[str | None] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[OrganizationKind] = mapped_column(enum_column(OrganizationKind, "organization_kind"))
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
    )
    search_key: Mapped[str] = mapped_column(sort_key_type(800), index=True)
