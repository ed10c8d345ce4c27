"""Write rules of organisations, programmes and enrolments."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db import enums
from db.models import (
    EffectivePractice,
    Enrollment,
    Event,
    InnovationSite,
    Organization,
    Participant,
    Participation,
    ProfessionalCommunity,
    Program,
    Publication,
    program_adapted_for,
    program_levels,
    program_partners,
)
from db.timezone import utc_now
from resolvers.access import Scope
from resolvers.writes.engine import Association, DeleteGuard, EntitySpec, State, UserError
from resolvers.writes.rules import (
    Choice,
    Choices,
    Code,
    Flag,
    Inn,
    Integer,
    Moment,
    Reference,
    References,
    Text,
)

SCHOOL_YEAR = Integer(required=True, minimum=2000, maximum=2100)


def scope_of_ids(organization_id: int | None, municipality_id: int | None) -> Scope:
    return Scope(
        organization_ids=frozenset({organization_id} - {None}),
        municipality_ids=frozenset({municipality_id} - {None}),
    )


async def organization_scope(session: AsyncSession, state: State) -> Scope:
    # Organisations are the scopes of operators' keys, so operators neither create nor change them.
    return scope_of_ids(None, state.get("municipality_id"))


def check_organization(state: State) -> Iterable[UserError]:
    if state.get("external_id") is None and state.get("inn") is None:
        yield UserError(("external_id",), "INVALID", "write.organization_needs_key")


ORGANIZATION = EntitySpec(
    model=Organization,
    type_name="Organization",
    rules={
        "external_id": Code(),
        "inn": Inn(),
        "name": Text(required=True, max_length=500),
        "short_name": Text(max_length=200),
        "kind": Choice(required=True, enum=enums.OrganizationKind),
        "municipality_id": Reference(required=True, type_name="Municipality"),
    },
    scope_of=organization_scope,
    unique=(("external_id",), ("inn",)),
    search_source=("name", "short_name"),
    check=check_organization,
    delete_guards=(
        DeleteGuard(Program.organization_id, "write.organization_has_programs"),
        DeleteGuard(InnovationSite.organization_id, "write.organization_has_sites"),
        DeleteGuard(Participant.organization_id, "write.organization_has_participants"),
        DeleteGuard(Event.organizer_id, "write.organization_has_events"),
        DeleteGuard(Participation.organization_id, "write.organization_has_participations"),
        DeleteGuard(Publication.organization_id, "write.organization_has_publications"),
        DeleteGuard(ProfessionalCommunity.coordinating_organization_id, "write.organization_coordinates_communities"),
        DeleteGuard(EffectivePractice.organization_id, "write.organization_has_practices"),
    ),
)


async def organization_municipality(session: AsyncSession, organization_id: int | None) -> int | None:
    if organization_id is None:
        return None
    return await session.scalar(select(Organization.municipality_id).where(Organization.id == organization_id))


async def program_scope(session: AsyncSession, state: State) -> Scope:
    # A programme belongs to its organisation and to the organisation's municipality, wherever it runs.
    organization_id = state.get("organization_id")
    return scope_of_ids(organization_id, await organization_municipality(session, organization_id))


async def complete_program(session: AsyncSession, state: State) -> None:
    # A programme runs where its organisation is, unless it names another municipality.
    if state.get("municipality_id") is None and state.get("organization_id") is not None:
        state["municipality_id"] = await session.scalar(
            select(Organization.municipality_id).where(Organization.id == state["organization_id"])
        )


def check_program(state: State) -> Iterable[UserError]:
    if state["age_from"] > state["age_to"]:
        yield UserError(("age_to",), "INVALID", "write.age_range", {"age_from": state["age_from"], "age_to": state["age_to"]})
    if state["adapted_for"] and not state["is_adapted"]:
        yield UserError(("adapted_for",), "INVALID", "write.adapted_for_without_flag")
    if state["organization_id"] in state["partner_ids"]:
        yield UserError(("partner_ids",), "INVALID", "write.partner_is_owner")


PROGRAM = EntitySpec(
    model=Program,
    type_name="Program",
    rules={
        "external_id": Code(),
        "title": Text(required=True, max_length=500),
        "description": Text(max_length=20_000, multiline=True),
        "orientation": Choice(required=True, enum=enums.Orientation),
        "program_type": Choice(required=True, enum=enums.ProgramType),
        "study_form": Choice(required=True, enum=enums.StudyForm),
        "levels": Choices(enum=enums.ProgramLevel),
        "is_network": Flag(required=True),
        "uses_distance_learning": Flag(required=True),
        "is_adapted": Flag(required=True),
        "adapted_for": Choices(enum=enums.DisabilityCategory),
        "age_from": Integer(required=True, minimum=0, maximum=99),
        "age_to": Integer(required=True, minimum=0, maximum=99),
        "hours": Integer(minimum=1, maximum=10_000),
        "financing": Choice(required=True, enum=enums.FinancingSource),
        "capacity": Integer(minimum=0, maximum=100_000),
        "status": Choice(required=True, enum=enums.ProgramStatus),
        "school_year": SCHOOL_YEAR,
        "organization_id": Reference(required=True, type_name="Organization"),
        "municipality_id": Reference(type_name="Municipality"),
        "partner_ids": References(type_name="Organization"),
    },
    scope_of=program_scope,
    associations={
        "levels": Association(program_levels, "program_id", "level"),
        "adapted_for": Association(program_adapted_for, "program_id", "category"),
        "partner_ids": Association(program_partners, "program_id", "organization_id"),
    },
    unique=(("external_id",),),
    search_source=("title",),
    check=check_program,
    complete=complete_program,
    delete_guards=(DeleteGuard(Enrollment.program_id, "write.program_has_enrollments"),),
    defaults={
        "program_type": enums.ProgramType.GENERAL_DEVELOPMENTAL,
        "study_form": enums.StudyForm.FULL_TIME,
        "is_network": False,
        "uses_distance_learning": False,
        "is_adapted": False,
        "status": enums.ProgramStatus.DRAFT,
    },
)


async def enrollment_scope(session: AsyncSession, state: State) -> Scope:
    program = (
        await session.execute(
            select(Program.organization_id, Program.municipality_id).where(Program.id == state["program_id"])
        )
    ).one()
    return scope_of_ids(program.organization_id, program.municipality_id)


ENROLLMENT = EntitySpec(
    model=Enrollment,
    type_name="Enrollment",
    rules={
        "participant_id": Reference(required=True, type_name="Participant"),
        "program_id": Reference(required=True, type_name="Program"),
        "school_year": SCHOOL_YEAR,
        "status": Choice(required=True, enum=enums.EnrollmentStatus),
        "enrolled_at": Moment(required=True),
    },
    scope_of=enrollment_scope,
    unique=(("school_year", "participant_id", "program_id"),),
    immutable=("participant_id", "program_id"),
    defaults={"status": enums.EnrollmentStatus.ENROLLED, "enrolled_at": utc_now},
)
