"""Additional education programmes and enrolments: lists, filters and relations."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from db.enums import EnrollmentStatus
from db.models import Enrollment, Organization, Program, program_adapted_for, program_levels, program_partners
from resolvers.access import Viewer, program_visibility
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import (
    AGES,
    HOURS,
    SCHOOL_YEARS,
    Conditions,
    any_of,
    check_bounds,
    equals,
    has_any,
    ids_any_of,
    in_range,
    search,
)
from resolvers.geography import municipality_scope
from resolvers.loaders import count_by_owner, load_rows, values_by_owner

if TYPE_CHECKING:
    from schema.programs import EnrollmentFilter, ProgramFilter

PROGRAMS = ConnectionSpec(
    name="programs",
    model=Program,
    order_fields={
        "TITLE": OrderField(Program.search_key, str),
        "CREATED_AT": OrderField(Program.created_at, datetime),
        "UPDATED_AT": OrderField(Program.updated_at, datetime),
        "SCHOOL_YEAR": OrderField(Program.school_year, int),
        "AGE_FROM": OrderField(Program.age_from, int),
        "HOURS": OrderField(Program.hours, int, null_value=0),
        "CAPACITY": OrderField(Program.capacity, int, null_value=0),
        "ID": OrderField(Program.id, int),
    },
    default_order=(("TITLE", False),),
)

ENROLLMENTS = ConnectionSpec(
    name="enrollments",
    model=Enrollment,
    order_fields={
        "ENROLLED_AT": OrderField(Enrollment.enrolled_at, datetime),
        "SCHOOL_YEAR": OrderField(Enrollment.school_year, int),
        "ID": OrderField(Enrollment.id, int),
    },
    default_order=(("ID", False),),
)

# Enrolments that count towards a programme's enrolled number: not withdrawn.
ACTIVE_ENROLLMENT = Enrollment.status.in_([EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED])


def program_conditions(viewer: Viewer, filter: "ProgramFilter | None") -> Conditions:
    conditions: Conditions = program_visibility(viewer)
    if filter is None:
        return conditions

    ids_any_of(conditions, Program.id, filter.ids, "Program", "filter.ids")
    any_of(conditions, Program.external_id, filter.external_ids, "filter.externalIds")
    any_of(conditions, Program.orientation, filter.orientations, "filter.orientations")
    any_of(conditions, Program.program_type, filter.program_types, "filter.programTypes")
    has_any(conditions, Program.id, program_levels, "program_id", "level", filter.levels, "filter.levels")
    any_of(conditions, Program.study_form, filter.study_forms, "filter.studyForms")
    any_of(conditions, Program.financing, filter.financing, "filter.financing")
    any_of(conditions, Program.status, filter.statuses, "filter.statuses")

    any_of(conditions, Program.school_year, filter.school_years, "filter.schoolYears", SCHOOL_YEARS)
    in_range(
        conditions, Program.school_year, filter.school_year_from, filter.school_year_to, "filter.schoolYear", SCHOOL_YEARS
    )
    equals(conditions, Program.is_network, filter.is_network)
    equals(conditions, Program.uses_distance_learning, filter.uses_distance_learning)
    equals(conditions, Program.is_adapted, filter.is_adapted)
    has_any(
        conditions,
        Program.id,
        program_adapted_for,
        "program_id",
        "category",
        filter.adapted_for,
        "filter.adaptedFor",
    )

    if filter.age is not None:
        check_bounds(filter.age, AGES, "filter.age")
        conditions.extend([Program.age_from <= filter.age, Program.age_to >= filter.age])
    in_range(conditions, Program.hours, filter.hours_from, filter.hours_to, "filter.hours", HOURS)

    ids_any_of(conditions, Program.organization_id, filter.organization_ids, "Organization", "filter.organizationIds")
    municipality_scope(conditions, Program.municipality_id, filter.municipality_ids, filter.municipality_codes)
    search(conditions, Program.search_key, filter.search)
    return conditions


def enrollment_conditions(filter: "EnrollmentFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    any_of(conditions, Enrollment.status, filter.statuses, "filter.statuses")
    any_of(conditions, Enrollment.school_year, filter.school_years, "filter.schoolYears", SCHOOL_YEARS)
    return conditions


async def program_levels_of(context: RequestContext, program_id: int) -> list[Any]:
    return await values_by_owner(context, program_levels, "program_id", "level").load(program_id)


async def program_adapted_for_of(context: RequestContext, program_id: int) -> list[Any]:
    return await values_by_owner(context, program_adapted_for, "program_id", "category").load(program_id)


async def program_partners_of(context: RequestContext, program_id: int) -> list[Organization]:
    ids = await values_by_owner(context, program_partners, "program_id", "organization_id").load(program_id)
    return await load_rows(context, Organization, ids)


async def enrolled_count(context: RequestContext, program_id: int) -> int:
    loader = count_by_owner(context, "program_enrolled", Enrollment.program_id, [ACTIVE_ENROLLMENT])
    return await loader.load(program_id)
