"""What the planner may read straight from SQL: node types, relations and computed fields.

A field is listed here only when its normal resolver does exactly what the SQL below does. That
is a relation that `load_row` follows by foreign key with no visibility rule of its own, a count
that a `CountByOwnerLoader` makes, or a value computed from the row's own columns. Plain
Strawberry fields that name a column of the row's model are planned without being listed. Any
other field sends the whole operation through normal resolution. The root lists are
`resolvers.roots.ROOT_LISTS`, which the root fields use too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute

from db import models
from db.timezone import school_year_label
from resolvers.access import Viewer, program_visibility
from resolvers.filters import Conditions
from resolvers.programs import ACTIVE_ENROLLMENT

# Types that `node(id:)` may return through the planner, with the conditions a row must meet to
# be visible, as `resolve_node` checks them. Participants, participations and enrolments are left
# to normal resolution, whose scope check loads related rows.
NODE_VISIBILITY: dict[str, Callable[[Viewer], Conditions]] = {
    "Municipality": lambda viewer: [],
    "Organization": lambda viewer: [],
    "Program": program_visibility,
    "Event": lambda viewer: [],
    "InnovationSite": lambda viewer: [],
    "RoadmapItem": lambda viewer: [],
}


@dataclass(frozen=True)
class ToOne:
    """A relation that the normal resolver loads by a foreign key of the row."""

    model: type
    foreign_key: str


@dataclass(frozen=True)
class Derived:
    """A value computed in Python from columns of the row."""

    columns: tuple[str, ...]
    compute: Callable[..., Any]


@dataclass(frozen=True)
class Correlated:
    """A value read by a scalar subquery correlated with the row's id."""

    build: Callable[[InstrumentedAttribute[int]], ColumnElement[Any]]


def active_enrollments(program_id: InstrumentedAttribute[int]) -> ColumnElement[Any]:
    # The same rows as `enrolled_count`: non-withdrawn enrolments of the programme.
    return (
        select(func.count())
        .where(models.Enrollment.program_id == program_id, ACTIVE_ENROLLMENT)
        .scalar_subquery()
    )


SCHOOL_YEAR_LABEL = Derived(("school_year",), school_year_label)

PlannedField = ToOne | Derived | Correlated

# GraphQL type name → GraphQL field name → how the planner reads the field.
FIELDS: dict[str, dict[str, PlannedField]] = {
    "Organization": {
        "municipality": ToOne(models.Municipality, "municipality_id"),
    },
    "Program": {
        "schoolYearLabel": SCHOOL_YEAR_LABEL,
        "organization": ToOne(models.Organization, "organization_id"),
        "municipality": ToOne(models.Municipality, "municipality_id"),
        "enrolledCount": Correlated(active_enrollments),
    },
    "Participant": {
        "municipality": ToOne(models.Municipality, "municipality_id"),
        "organization": ToOne(models.Organization, "organization_id"),
    },
    "Event": {
        "schoolYearLabel": SCHOOL_YEAR_LABEL,
        "organizer": ToOne(models.Organization, "organizer_id"),
        "innovationSite": ToOne(models.InnovationSite, "innovation_site_id"),
        "municipality": ToOne(models.Municipality, "municipality_id"),
        "roadmapItem": ToOne(models.RoadmapItem, "roadmap_item_id"),
        "community": ToOne(models.ProfessionalCommunity, "community_id"),
    },
    "Participation": {
        "schoolYearLabel": SCHOOL_YEAR_LABEL,
        "participant": ToOne(models.Participant, "participant_id"),
        "event": ToOne(models.Event, "event_id"),
        "mentor": ToOne(models.Participant, "mentor_id"),
        "municipality": ToOne(models.Municipality, "municipality_id"),
        "organization": ToOne(models.Organization, "organization_id"),
    },
    "Enrollment": {
        "schoolYearLabel": SCHOOL_YEAR_LABEL,
        "participant": ToOne(models.Participant, "participant_id"),
    },
}
