"""The caller and the rules of what they may read.

Every check of personal data passes through `authorize_personal_field`, wherever the participant
was loaded from (a root list, `node`, a nested relation or a DataLoader cache). Every list of
participants, participations and enrolments, root or nested, gets `visibility_conditions`.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from db.enums import PracticeStatus, ProgramStatus, PublicationStatus
from db.models import EffectivePractice, Enrollment, Event, Organization, Participant, Participation, Program, Publication

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


def may_see_people(viewer: Viewer) -> bool:
    """Return whether `viewer` may list participants, participations and enrolments at all.

    These rows describe children even without their names, so anonymous callers and analysts,
    who work with aggregates, see none of them.
    """
    return viewer.role in (Role.OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_ADMIN)


def can_read_personal_field(viewer: Viewer, participant: Any, field_name: str) -> bool:
    """Return whether `viewer` may read a personal or health field of `participant`.

    The regional admin reads every participant's personal data, an operator those of its
    organisations and a municipal coordinator those of its municipalities. Health fields also need
    the HEALTH_DATA permission.
    """
    if field_name in HEALTH_FIELDS and not viewer.health_data:
        return False
    if viewer.role is Role.REGIONAL_ADMIN:
        return True
    if viewer.role is Role.OPERATOR:
        return participant.organization_id in viewer.organization_ids
    if viewer.role is Role.MUNICIPAL_COORDINATOR:
        return participant.municipality_id in viewer.municipality_ids
    return False


def authorize_personal_field(viewer: Viewer, participant: Any, field_name: str) -> None:
    """Raise a FORBIDDEN error unless `viewer` may read the personal field `field_name` of `participant`."""
    if not can_read_personal_field(viewer, participant, field_name):
        raise forbidden("personal.forbidden", field=field_name, role=viewer.role.value)


def people_conditions(viewer: Viewer, model: type) -> list[ColumnElement[bool]]:
    """Return the conditions that limit a list of participants, participations or enrolments to
    the viewer's scope, or raise FORBIDDEN when the viewer may see none of them.

    An operator sees the participants of its organisations, their participations and the results
    at the events it organises, and the enrolments on its programmes. A municipal coordinator sees
    those of its municipalities.
    """
    if not may_see_people(viewer):
        raise forbidden("people.forbidden", role=viewer.role.value)
    if viewer.role is Role.REGIONAL_ADMIN:
        return []

    organizations = sorted(viewer.organization_ids)
    municipalities = sorted(viewer.municipality_ids)
    operator = viewer.role is Role.OPERATOR
    if model is Participant:
        if operator:
            return [Participant.organization_id.in_(organizations)]
        return [Participant.municipality_id.in_(municipalities)]
    if model is Participation:
        if operator:
            organised = select(Event.id).where(Event.organizer_id.in_(organizations))
            return [or_(Participation.organization_id.in_(organizations), Participation.event_id.in_(organised))]
        return [Participation.municipality_id.in_(municipalities)]
    if operator:
        programs = select(Program.id).where(Program.organization_id.in_(organizations))
    else:
        programs = select(Program.id).where(Program.municipality_id.in_(municipalities))
    return [Enrollment.program_id.in_(programs)]


PEOPLE_MODELS = (Participant, Participation, Enrollment)


def visibility_conditions(viewer: Viewer, model: type) -> list[ColumnElement[bool]]:
    """Return the conditions every list of `model` gets for `viewer`, root or nested."""
    if model in PEOPLE_MODELS:
        return people_conditions(viewer, model)
    return []


def program_visibility(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Return the conditions that limit programme lists to what `viewer` may see.

    The public catalogue contains published programmes only.
    """
    if viewer.role is Role.REGIONAL_ADMIN:
        return []
    return [Program.status == ProgramStatus.PUBLISHED]


def publication_visibility(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Return the conditions that limit publication lists to what `viewer` may see.

    Everyone sees published publications. Drafts and archived ones are seen by the operator of
    the author organisation, by the coordinator of the publication's municipality or of the
    author organisation's municipality, and by the regional admin.
    """
    published = Publication.status == PublicationStatus.PUBLISHED
    if viewer.role is Role.REGIONAL_ADMIN:
        return []
    if viewer.role is Role.OPERATOR:
        return [or_(published, Publication.organization_id.in_(sorted(viewer.organization_ids)))]
    if viewer.role is Role.MUNICIPAL_COORDINATOR:
        municipalities = sorted(viewer.municipality_ids)
        return [
            or_(
                published,
                Publication.municipality_id.in_(municipalities),
                Publication.organization_id.in_(_organizations_in(municipalities)),
            )
        ]
    return [published]


def practice_visibility(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Return the conditions that limit effective practice lists to what `viewer` may see.

    Everyone sees published practices. The others are seen by the operator of the practice's
    organisation, by the coordinator of that organisation's municipality and by the regional admin.
    """
    published = EffectivePractice.status == PracticeStatus.PUBLISHED
    if viewer.role is Role.REGIONAL_ADMIN:
        return []
    if viewer.role is Role.OPERATOR:
        return [or_(published, EffectivePractice.organization_id.in_(sorted(viewer.organization_ids)))]
    if viewer.role is Role.MUNICIPAL_COORDINATOR:
        organizations = _organizations_in(sorted(viewer.municipality_ids))
        return [or_(published, EffectivePractice.organization_id.in_(organizations))]
    return [published]


def _organizations_in(municipality_ids: list[int]) -> Any:
    return select(Organization.id).where(Organization.municipality_id.in_(municipality_ids))


# Models whose rows are public only once published, with the conditions each viewer sees them by.
MODERATED_VISIBILITY = {Publication: publication_visibility, EffectivePractice: practice_visibility}


def is_row_visible(viewer: Viewer, row: Any) -> bool:
    """Return whether `viewer` may see `row` at all, as the root lists would show it."""
    if isinstance(row, Program) and viewer.role is not Role.REGIONAL_ADMIN:
        return row.status is ProgramStatus.PUBLISHED
    return True


@dataclass(frozen=True)
class Scope:
    """The organisations and municipalities a row belongs to, for deciding who may write it."""

    organization_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()
    # Regional records (the roadmap, indicator targets) are written by the regional admin only.
    regional: bool = False


def may_write_anything(viewer: Viewer) -> bool:
    """Return whether `viewer` has a role that writes at all; anonymous callers and analysts do not."""
    return viewer.role in (Role.OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_ADMIN)


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
