"""API keys and `Authorization: Bearer` authentication.

A key is `tal_` followed by `secrets.token_urlsafe(32)`: 43 URL-safe characters, 256 random bits.
The database stores only the key's SHA-256 hex digest, and a request finds its key by looking that
digest up in a unique index. Slow password hashes (bcrypt, Argon2) make guessing low-entropy
passwords expensive. Guessing 256 random bits is infeasible at any speed, so a fast hash loses
nothing and keeps the check to one indexed query. Comparing digests in the database leaks no timing information that
helps an attacker, because the attacker cannot choose the digest of the key they send.

A request without an `Authorization` header is anonymous. A header that is malformed, or that
carries an unknown, revoked or expired key, is rejected with HTTP 401; it never falls back to
anonymous access.
"""

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse

from db.models import ApiKey, api_key_municipalities, api_key_organizations
from db.timezone import utc_now
from resolvers.access import ANONYMOUS, Role, Viewer
from resolvers.errors import ErrorCode
from resolvers.messages import render_message

logger = logging.getLogger(__name__)

KEY_SCHEME = "tal_"
KEY_PATTERN = re.compile(r"tal_[A-Za-z0-9_-]{43}")
# `tal_` and 8 random characters: enough to tell keys apart in lists and logs, and 48 of the
# 256 random bits, so showing it leaves 208 bits unknown.
PREFIX_LENGTH = 12
# A request writes `last_used_at` only when the stored value is older than this.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewKey:
    """A freshly generated key: `key` is shown once, `prefix` and `key_hash` are stored."""

    key: str
    prefix: str
    key_hash: str


def hash_key(key: str) -> str:
    """Return the SHA-256 hex digest under which `key` is stored."""
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def generate_key() -> NewKey:
    key = KEY_SCHEME + secrets.token_urlsafe(32)
    return NewKey(key=key, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key))


class AuthenticationError(Exception):
    """A request rejected before execution because its credentials could not be accepted."""

    def __init__(self, status_code: int, message_key: str, challenge: str | None, **params: Any) -> None:
        super().__init__(message_key)
        self.status_code = status_code
        self.message_key = message_key
        self.challenge = challenge
        self.params = params

    @property
    def code(self) -> str:
        return ErrorCode.UNAUTHENTICATED.value if self.status_code == 401 else ErrorCode.INTERNAL.value

    def response(self, language: str) -> JSONResponse:
        """Return the error in the shape of every HTTP-level rejection: a GraphQL `errors` list."""
        message = render_message(self.message_key, language, self.params)
        extensions = {"code": self.code}
        if "request_id" in self.params:
            extensions["requestId"] = self.params["request_id"]
        body = {"errors": [{"message": message, "extensions": extensions}]}
        headers = {"WWW-Authenticate": self.challenge} if self.challenge else None
        return JSONResponse(body, status_code=self.status_code, headers=headers)


def malformed_header() -> AuthenticationError:
    # RFC 6750, section 3.1: `invalid_request` for a malformed request, `invalid_token` for a bad token.
    return AuthenticationError(401, "auth.malformed_header", 'Bearer error="invalid_request"')


def invalid_key() -> AuthenticationError:
    return AuthenticationError(401, "auth.invalid_key", 'Bearer error="invalid_token"')


def bearer_token(headers: list[str]) -> str | None:
    """Return the key in the request's `Authorization` headers, or None when there is none.

    Raises `AuthenticationError` for several headers, another scheme, a missing or split token,
    and for a token that cannot be a key of this API.
    """
    if not headers:
        return None
    if len(headers) > 1:
        logger.info("rejected a request with %d Authorization headers", len(headers))
        raise malformed_header()
    parts = headers[0].split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        logger.info("rejected a malformed Authorization header")
        raise malformed_header()
    token = parts[1]
    if not KEY_PATTERN.fullmatch(token):
        logger.info("rejected an API key that does not have the key format")
        raise invalid_key()
    return token


async def authenticate(request: Request) -> Viewer:
    """Return the caller of `request`: ANONYMOUS without a key, else the key's viewer.

    The key is read from the primary database, so that a revocation applies at once and a new key
    works at once, whatever the lag of a read replica.
    """
    token = bearer_token(request.headers.getlist("authorization"))
    if token is None:
        return ANONYMOUS
    try:
        return await viewer_for_key(request.app.state.sessions, token)
    except (SQLAlchemyError, OSError):
        logger.exception("API key check failed: the database is unavailable")
        request_id = request.scope.get("state", {}).get("request_id", "")
        raise AuthenticationError(503, "auth.unavailable", None, request_id=request_id) from None


async def viewer_for_key(sessions: async_sessionmaker[AsyncSession], key: str) -> Viewer:
    """Return the viewer of `key`, or raise `AuthenticationError` if it is unknown, revoked or expired.

    One query reads the key with its scope. A key has organisations or municipalities, not both,
    so the two outer joins return one row per scope entry.
    """
    statement = (
        select(
            ApiKey.id,
            ApiKey.name,
            ApiKey.prefix,
            ApiKey.role,
            ApiKey.health_data,
            ApiKey.expires_at,
            ApiKey.revoked_at,
            ApiKey.last_used_at,
            api_key_organizations.c.organization_id,
            api_key_municipalities.c.municipality_id,
        )
        .outerjoin(api_key_organizations, api_key_organizations.c.api_key_id == ApiKey.id)
        .outerjoin(api_key_municipalities, api_key_municipalities.c.api_key_id == ApiKey.id)
        .where(ApiKey.key_hash == hash_key(key))
    )
    now = utc_now()
    engine: AsyncEngine = sessions.kw["bind"]
    # One statement needs no transaction; without BEGIN and ROLLBACK the check is one round trip.
    async with engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        rows = (await connection.execute(statement)).all()
        if not rows:
            logger.info("rejected an unknown API key")
            raise invalid_key()
        found = rows[0]
        if found.revoked_at is not None:
            logger.info("rejected API key %s (%s): revoked at %s", found.id, found.prefix, found.revoked_at.isoformat())
            raise invalid_key()
        if found.expires_at is not None and found.expires_at <= now:
            logger.info("rejected API key %s (%s): expired at %s", found.id, found.prefix, found.expires_at.isoformat())
            raise invalid_key()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
            await _record_use(connection, found.id, found.prefix, now)

    return Viewer(
        role=Role(found.role.value),
        organization_ids=frozenset(row.organization_id for row in rows if row.organization_id is not None),
        municipality_ids=frozenset(row.municipality_id for row in rows if row.municipality_id is not None),
        health_data=found.health_data,
        key_id=found.id,
        key_name=found.name,
    )


async def _record_use(connection: AsyncConnection, key_id: int, prefix: str, now: datetime) -> None:
    """Set the key's `last_used_at` to `now`. A failure is logged and does not reject the request."""
    # The condition repeats the check, so of concurrent requests only the first changes the row.
    statement = (
        update(ApiKey)
        .where(
            ApiKey.id == key_id,
            or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at <= now - LAST_USED_RESOLUTION),
        )
        .values(last_used_at=now)
    )
    try:
        # The connection commits each statement on its own.
        await connection.execute(statement)
    except SQLAlchemyError:
        logger.warning("could not record the use of API key %s (%s)", key_id, prefix, exc_info=True)
