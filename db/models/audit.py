"""The audit trail: every write and every read of personal fields, without the values themselves."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, enum_column
from db.enums import AuditAction


class AuditEvent(Base):
    """One audited action of one request on one entity type.

    `entity_ids` and `fields` are JSON arrays: the primary keys of the rows and the GraphQL names
    of the fields that were written or read. Values of fields are never stored here.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_occurred_at_id", "occurred_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    request_id: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "audit_action"))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_ids: Mapped[str] = mapped_column(Text)
    fields: Mapped[str] = mapped_column(Text)
