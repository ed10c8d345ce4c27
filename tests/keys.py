"""API keys for tests: the real key store, so requests authenticate the way callers' requests do."""

import itertools
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.keys_admin import create_key
from db.enums import ApiKeyRole
from resolvers.ids import encode_global_id
from tests.factories import Factory

_numbers = itertools.count(1)


async def bearer(
    factory: Factory,
    role: str,
    *,
    organizations: tuple[int, ...] = (),
    municipalities: tuple[int, ...] = (),
    health_data: bool = False,
) -> dict[str, str]:
    """Create a key with `role` and scope and return the Authorization header that carries it."""
    async with AsyncSession(factory.engine, expire_on_commit=False) as session:
        created = await create_key(
            session,
            name=f"test key {next(_numbers)}",
            role=ApiKeyRole(role),
            organization_values=[encode_global_id("Organization", pk) for pk in organizations],
            municipality_values=[encode_global_id("Municipality", pk) for pk in municipalities],
            health_data=health_data,
            expires_at=None,
        )
    return {"Authorization": f"Bearer {created.key}"}


async def sign_in(client: Any, factory: Factory, role: str = "REGIONAL_ADMIN", **scope: Any) -> None:
    """Make every later request of `client` carry a new key with `role` and `scope`."""
    client.headers = await bearer(factory, role, **scope)
