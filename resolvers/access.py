"""The caller and the rules of what they may read.

Every check of personal data passes through `authorize_personal_field`, wherever the participant
was loaded from (a root list, `node`, a nested relation or a DataLoader cache).
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement

from db.enums import ProgramStatus
from db.models import Program

from resolvers.errors import forbidden


class Role(str, Enum):
    """The caller's role: anonymous without an API key, else the key's `db.enums.ApiKeyRole`."""

    ANONYMOUS = "ANONYMOUS"
    ANALYST = "ANALYST"
    OPERATOR = "OPERATOR"
    MUNICIPAL_COORDINATOR = "MUNICIPAL_COORDINATOR"
    REGIONAL_ADMIN = "REGIONAL_ADMIN"


@dataclass(frozen=True)
class Viewer:
    role: Role = Role.ANONYMOUS
    organization_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    health_data: bool = False
    # The API key the request authenticated with; None for an anonymous caller.
    key_id: int | None = None
    key_name: str | None = None


ANONYMOUS = Viewer()

PERSONAL_FIELDS = frozenset(
    {"lastName", "firstName", "middleName", "birthDate"}
)
HEALTH_FIELDS = frozenset({"hasDisabilityStatus", "disabilityCategories", "isDisabledChild"})


def can_read_personal_field(viewer: Viewer, field_name: str) -> bool:
    """Return whether `viewer` may read a participant's personal or health field.

    NOTE: no role has read rules for these fields yet, so this denies every personal and health
    field to every caller, with an API key or without.
    """
    return False


def authorize_personal_field(viewer: Viewer, field_name: str) -> None:
    """Raise a FORBIDDEN error unless `viewer` may read the personal field `field_name`."""
    if not can_read_personal_field(viewer, field_name):
        raise forbidden("personal.forbidden", field=field_name, role=viewer.role.value)


def program_visibility(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Return the conditions that limit programme lists to what `viewer` may see.

    The public catalogue contains published programmes only.
    """
    if viewer.role is Role.REGIONAL_ADMIN:
        return []
    return [Program.status == ProgramStatus.PUBLISHED]


def is_row_visible(viewer: Viewer, row: Any) -> bool:
    """Return whether `viewer` may see `row` at all, as the root lists would show it."""
    if isinstance(row, Program) and viewer.role is not Role.REGIONAL_ADMIN:
        return row.status is ProgramStatus.PUBLISHED
    return True


@dataclass(frozen=True)
class Scope:
    """Where a row belongs, for deciding who may write it."""

    organization_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    # Regional records (the roadmap, indicator targets) are written by the regional admin only.
    regional: bool = False


def may_write(viewer: Viewer, scope: Scope) -> bool:
    """Return whether `viewer` may create, change or delete a row that belongs to `scope`.

    Operators write where one of the row's organisations is theirs (a result belongs both to the
    event's organiser and to the participant's school), and municipal coordinators where one of
    its municipalities is theirs. A row that belongs to no organisation is outside an operator's reach.
    """
    if viewer.role is Role.REGIONAL_ADMIN:
        return True
    if scope.regional:
        return False
    if viewer.role is Role.MUNICIPAL_COORDINATOR:
        return not scope.municipality_ids.isdisjoint(viewer.municipality_ids)
    if viewer.role is Role.OPERATOR:
        return not scope.organization_ids.isdisjoint(viewer.organization_ids)
    return False
