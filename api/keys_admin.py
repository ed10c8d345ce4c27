"""Creating, listing and revoking API keys: the rules and the database work behind `talents keys`.

Names are unique among all keys, revoked ones included, so that a name in a log or an audit
trail always means one key. Errors are `KeyCommandError`s with a message for the user.
"""

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import KEY_PATTERN, KEY_SCHEME, PREFIX_LENGTH, generate_key, hash_key
from db.engine import create_engine, create_session_factory
from db.enums import ApiKeyRole
from db.migrations import current_revision, head_revision
from db.models import ApiKey, Municipality, Organization, api_key_municipalities, api_key_organizations
from db.models.access import NAME_MAX_LENGTH
from db.timezone import REGION_ZONE, to_local, utc_now
from resolvers.errors import ApiError
from resolvers.ids import split_global_id

T = TypeVar("T")

ORGANIZATION_HELP = "an organisation's externalId, ИНН or global ID"
MUNICIPALITY_HELP = "a municipality's code such as MO15, its OKTMO code or its global ID"
DURATION = re.compile(r"(\d+)([hdw])")
DURATION_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


class KeyCommandError(Exception):
    """A `talents keys` failure: a message for the user and the exit code, 2 for invalid arguments."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class CreatedKey:
    id: int
    # The key itself: print it once and keep it nowhere.
    key: str
    prefix: str
    # The scope as the user gave it, without repeats.
    organizations: list[str]
    municipalities: list[str]


@dataclass(frozen=True)
class RevokedKey:
    id: int
    name: str
    prefix: str
    revoked_at: datetime
    # False when the key had been revoked before.
    changed: bool


# --- checks before the database ---------------------------------------------------------------


def check_name(raw: str) -> str:
    """Return the name without surrounding whitespace; raise if it is empty or too long."""
    name = raw.strip()
    if not name:
        raise KeyCommandError("--name is empty; give the key a name, e.g. the system that will use it", 2)
    if len(name) > NAME_MAX_LENGTH:
        raise KeyCommandError(f"--name is {len(name)} characters long; the maximum is {NAME_MAX_LENGTH}", 2)
    return name


def check_scope(role: ApiKeyRole, organizations: list[str], municipalities: list[str]) -> None:
    """Raise unless `role` gets the scope it needs.

    An OPERATOR needs organisations and a MUNICIPAL_COORDINATOR needs municipalities. ANALYST and
    REGIONAL_ADMIN cover the whole region, so they take neither.
    """
    if role is ApiKeyRole.OPERATOR:
        if municipalities:
            raise KeyCommandError("role OPERATOR takes --organization, not --municipality", 2)
        if not organizations:
            raise KeyCommandError(f"role OPERATOR needs at least one --organization ({ORGANIZATION_HELP})", 2)
    elif role is ApiKeyRole.MUNICIPAL_COORDINATOR:
        if organizations:
            raise KeyCommandError("role MUNICIPAL_COORDINATOR takes --municipality, not --organization", 2)
        if not municipalities:
            raise KeyCommandError(
                f"role MUNICIPAL_COORDINATOR needs at least one --municipality ({MUNICIPALITY_HELP})", 2
            )
    elif organizations or municipalities:
        raise KeyCommandError(
            f"role {role.value} covers the whole region and takes no --organization or --municipality; "
            "remove them, or choose OPERATOR or MUNICIPAL_COORDINATOR for a limited key",
            2,
        )


def parse_expiry(text: str, now: datetime) -> datetime:
    """Return the moment, in UTC, that `--expires` names; raise unless it is after `now`.

    A duration counts from `now`. A date means the start of that day, and a date and time without
    an offset means that time, both in the region's time zone.
    """
    value = text.strip()
    duration = DURATION.fullmatch(value)
    try:
        if duration:
            expires_at = now + timedelta(**{DURATION_UNITS[duration[2]]: int(duration[1])})
        else:
            expires_at = datetime.fromisoformat(value)
            if expires_at.tzinfo is None:
                expires_at = expires_at.replace(tzinfo=REGION_ZONE)
    except (ValueError, OverflowError):
        raise KeyCommandError(
            f"--expires {text!r} is not a date, a date and time or a duration; "
            "use e.g. 2027-06-30, 2027-06-30T18:00+05:00 or 90d",
            2,
        ) from None
    if expires_at <= now:
        raise KeyCommandError(
            f"--expires {text!r} is not in the future ({format_moment(expires_at)}); give a later moment", 2
        )
    return expires_at.astimezone(UTC)


def format_moment(moment: datetime | None, missing: str = "-") -> str:
    """Return `moment` in the region's time zone to the minute, with the offset, or `missing` for None."""
    if moment is None:
        return missing
    return to_local(moment).isoformat(sep=" ", timespec="minutes")


# --- database work ----------------------------------------------------------------------------


def run_in_session(database_url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in a session on the database, once the database is migrated to the code's head."""

    async def run() -> T:
        engine = create_engine(database_url)
        try:
            try:
                async with engine.connect() as connection:
                    revision = await current_revision(connection)
            except (OSError, SQLAlchemyError) as error:
                raise KeyCommandError(f"could not connect to the database: {error}") from None
            expected = head_revision()
            if revision != expected:
                raise KeyCommandError(
                    f"the database is at revision {revision or 'none'} and the code expects {expected}; "
                    "run `talents db upgrade` first"
                )
            async with create_session_factory(engine)() as session:
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())


async def create_key(
    session: AsyncSession,
    name: str,
    role: ApiKeyRole,
    organization_values: list[str],
    municipality_values: list[str],
    health_data: bool,
    expires_at: datetime | None,
) -> CreatedKey:
    """Store a new key with its scope and return it, the only time the key itself is known."""
    organizations = {await find_organization(session, value): value for value in organization_values}
    municipalities = {await find_municipality(session, value): value for value in municipality_values}
    existing_id = await session.scalar(select(ApiKey.id).where(ApiKey.name == name))
    if existing_id is not None:
        raise _name_taken(name, existing_id)

    new = generate_key()
    key = ApiKey(
        name=name,
        role=role,
        health_data=health_data,
        prefix=new.prefix,
        key_hash=new.key_hash,
        created_at=utc_now(),
        expires_at=expires_at,
    )
    session.add(key)
    try:
        await session.flush()
        if organizations:
            rows = [{"api_key_id": key.id, "organization_id": pk} for pk in sorted(organizations)]
            await session.execute(insert(api_key_organizations), rows)
        if municipalities:
            rows = [{"api_key_id": key.id, "municipality_id": pk} for pk in sorted(municipalities)]
            await session.execute(insert(api_key_municipalities), rows)
        await session.commit()
    except IntegrityError:
        # Another process took the name between the check above and this insert.
        await session.rollback()
        existing_id = await session.scalar(select(ApiKey.id).where(ApiKey.name == name))
        if existing_id is None:
            raise
        raise _name_taken(name, existing_id) from None

    return CreatedKey(
        id=key.id,
        key=new.key,
        prefix=new.prefix,
        organizations=list(dict.fromkeys(organizations.values())),
        municipalities=list(dict.fromkeys(municipalities.values())),
    )


def _name_taken(name: str, key_id: int) -> KeyCommandError:
    return KeyCommandError(
        f"an API key named «{name}» already exists (id {key_id}); names stay taken after revocation, "
        "so choose another name"
    )


async def find_organization(session: AsyncSession, value: str) -> int:
    """Return the id of the organisation that `value` names by externalId, ИНН or global ID."""
    pk = _global_id_of(value, "Organization")
    if pk is not None:
        condition = Organization.id == pk
    else:
        condition = or_(Organization.external_id == value, Organization.inn == value)
    found = (await session.scalars(select(Organization.id).where(condition))).all()
    if not found:
        raise KeyCommandError(f"--organization {value!r}: no organisation has this externalId, ИНН or global ID")
    if len(found) > 1:
        raise KeyCommandError(
            f"--organization {value!r} is the externalId of one organisation and the ИНН of another; "
            "give the organisation's global ID instead"
        )
    return found[0]


async def find_municipality(session: AsyncSession, value: str) -> int:
    """Return the id of the municipality that `value` names by code, OKTMO code or global ID."""
    pk = _global_id_of(value, "Municipality")
    if pk is not None:
        condition = Municipality.id == pk
    else:
        condition = or_(Municipality.code == value, Municipality.oktmo == value)
    found = (await session.scalars(select(Municipality.id).where(condition))).all()
    if not found:
        raise KeyCommandError(f"--municipality {value!r}: no municipality has this code, OKTMO code or global ID")
    if len(found) > 1:
        raise KeyCommandError(
            f"--municipality {value!r} is the code of one municipality and the OKTMO code of another; "
            "give the municipality's global ID instead"
        )
    return found[0]


def _global_id_of(value: str, expected_type: str) -> int | None:
    """Return the primary key if `value` is a global ID of `expected_type`, None if it is no global ID."""
    try:
        type_name, pk = split_global_id(value)
    except ApiError:
        return None
    if type_name != expected_type:
        raise KeyCommandError(f"{value!r} is the global ID of a {type_name}, not of an {expected_type}")
    return pk


async def list_keys(session: AsyncSession) -> list[dict[str, str]]:
    """Return one row of display text per key, oldest first, without any secret."""
    keys = (await session.scalars(select(ApiKey).order_by(ApiKey.id))).all()
    organizations = await _labels_by_key(
        session,
        select(
            api_key_organizations.c.api_key_id, Organization.external_id, Organization.inn, Organization.id
        ).join(Organization, Organization.id == api_key_organizations.c.organization_id),
    )
    municipalities = await _labels_by_key(
        session,
        select(api_key_municipalities.c.api_key_id, Municipality.code).join(
            Municipality, Municipality.id == api_key_municipalities.c.municipality_id
        ),
    )
    now = utc_now()
    return [
        {
            "id": str(key.id),
            "prefix": key.prefix,
            "name": key.name,
            "role": key.role.value,
            "scope": ", ".join(organizations.get(key.id, []) or municipalities.get(key.id, [])) or "-",
            "health data": "yes" if key.health_data else "no",
            "status": _status(key, now),
            "created": format_moment(key.created_at),
            "expires": format_moment(key.expires_at, "never"),
            "revoked": format_moment(key.revoked_at, "-"),
            "last used": format_moment(key.last_used_at, "never"),
        }
        for key in keys
    ]


async def _labels_by_key(session: AsyncSession, statement: Any) -> dict[int, list[str]]:
    """Return the labels of each key's scope entries: the first identifier of each that is set."""
    labels: dict[int, list[str]] = {}
    for key_id, *identifiers in (await session.execute(statement)).all():
        label = next(str(identifier) for identifier in identifiers if identifier is not None)
        labels.setdefault(key_id, []).append(label)
    return {key_id: sorted(values) for key_id, values in labels.items()}


def _status(key: ApiKey, now: datetime) -> str:
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"


async def revoke_key(session: AsyncSession, reference: str) -> RevokedKey:
    """Revoke the key that `reference` names by id, by prefix or as the key itself."""
    if reference.isascii() and reference.isdigit():
        condition = ApiKey.id == int(reference)
    elif KEY_PATTERN.fullmatch(reference):
        condition = ApiKey.key_hash == hash_key(reference)
    else:
        condition = ApiKey.prefix == reference
    found = (await session.scalars(select(ApiKey).where(condition))).all()
    if not found:
        raise KeyCommandError(f"no API key has the id or prefix {_quoted_reference(reference)}; see `talents keys list`")
    if len(found) > 1:
        ids = ", ".join(str(key.id) for key in found)
        raise KeyCommandError(f"the prefix {reference!r} matches keys {ids}; revoke one of them by id")

    key = found[0]
    if key.revoked_at is not None:
        return RevokedKey(key.id, key.name, key.prefix, key.revoked_at, changed=False)
    now = utc_now()
    # The condition keeps the first revocation time if another process revokes the key meanwhile.
    statement = update(ApiKey).where(ApiKey.id == key.id, ApiKey.revoked_at.is_(None)).values(revoked_at=now)
    changed = (await session.execute(statement)).rowcount == 1
    await session.commit()
    if changed:
        return RevokedKey(key.id, key.name, key.prefix, now, changed=True)
    await session.refresh(key)
    assert key.revoked_at is not None
    return RevokedKey(key.id, key.name, key.prefix, key.revoked_at, changed=False)


def _quoted_reference(reference: str) -> str:
    """Return `reference` for an error message, cut to the prefix when it may be a whole key."""
    if reference.startswith(KEY_SCHEME) and len(reference) > PREFIX_LENGTH:
        return repr(reference[:PREFIX_LENGTH] + "…")
    return repr(reference)
