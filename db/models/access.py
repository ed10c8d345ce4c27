"""API keys: who may call the API, with which role and over which organisations or municipalities.

Only the SHA-256 hash of a key is stored (see `api.auth`); the key itself is shown once, when
`talents keys create` makes it. A key's name is unique among all keys, revoked ones included, so
that a name in the audit trail always means one key.
"""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, enum_column
from db.enums import ApiKeyRole
from db.timezone import utc_now

# The hex digest of SHA-256.
KEY_HASH_LENGTH = 64
NAME_MAX_LENGTH = 200


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        CheckConstraint("name <> '' AND name = trim(name)", name="name_trimmed"),
        CheckConstraint("expires_at IS NULL OR expires_at > created_at", name="expires_after_creation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH), unique=True)
    role: Mapped[ApiKeyRole] = mapped_column(enum_column(ApiKeyRole, "api_key_role"))
    health_data: Mapped[bool] = mapped_column(Boolean, default=False)
    # The key's first characters, not secret: they name the key in lists, logs and `keys revoke`.
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(KEY_HASH_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# The organisations an OPERATOR key covers. Deleting an organisation removes it from every key's
# scope, so a deletion narrows a key and never widens it.
api_key_organizations = Table(
    "api_key_organizations",
    Base.metadata,
    Column("api_key_id", ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# The municipalities a MUNICIPAL_COORDINATOR key covers.
api_key_municipalities = Table(
    "api_key_municipalities",
    Base.metadata,
    Column("api_key_id", ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True, index=True),
)
