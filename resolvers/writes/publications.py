"""Write rules of publications, professional communities, their members and effective practices.

Organisations (operators) write their own rows. Municipal coordinators and the regional admin
moderate: only they publish or archive a publication and move a practice to REVIEWED, PUBLISHED or
REJECTED. The server sets `published_at` when the status first becomes PUBLISHED.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db import enums
from db.enums import PracticeStatus, PublicationStatus
from db.models import (
    CommunityMember,
    EffectivePractice,
    InnovationProduct,
    Participant,
    ProfessionalCommunity,
    Publication,
    community_organizations,
    practice_audiences,
    practice_authors,
    publication_audiences,
)
from db.timezone import REGION_ZONE, utc_now
from resolvers.access import Role, Scope, Viewer
from resolvers.writes.catalogue import organization_municipality
from resolvers.writes.engine import Association, EntitySpec, State, UserError
from resolvers.writes.rules import Choice, Choices, Day, Links, Reference, References, Text

# Categories of participants who may be community members and practice authors.
STAFF = frozenset({enums.ParticipantCategory.TEACHER, enums.ParticipantCategory.MANAGER})


def today() -> date:
    """Return today's date in the region."""
    return utc_now().astimezone(REGION_ZONE).date()


def set_published_at(state: State, published: Any) -> None:
    """Stamp the first publication: `published_at` is set once and kept after that."""
    if state.get("status") is published and state.get("published_at") is None:
        state["published_at"] = utc_now()


async def scope_of_organizations(session: AsyncSession, organization_ids: set[int | None], municipality_ids: set[int | None]) -> Scope:
    """Return the scope of rows that belong to organisations, each with its municipality."""
    for organization_id in list(organization_ids):
        municipality_ids.add(await organization_municipality(session, organization_id))
    return Scope(
        organization_ids=frozenset(organization_ids - {None}),
        municipality_ids=frozenset(municipality_ids - {None}),
    )


async def staff_errors(session: AsyncSession, participant_ids: list[int], field: str, message_key: str) -> list[UserError]:
    """Return an error when one of the participants is neither a teacher nor a manager."""
    if not participant_ids:
        return []
    statement = select(Participant.id, Participant.category).where(Participant.id.in_(participant_ids))
    for participant_id, category in (await session.execute(statement)).all():
        if category not in STAFF:
            return [UserError((field,), "INVALID", message_key, {"value": participant_id})]
    return []


# Publications


async def publication_scope(session: AsyncSession, state: State) -> Scope:
    # A publication belongs to its author organisation, that organisation's municipality and the
    # municipality it is addressed to. One with neither is the regional authority's.
    organization_id = state.get("organization_id")
    if organization_id is None and state.get("municipality_id") is None:
        return Scope(regional=True)
    return await scope_of_organizations(session, {organization_id}, {state.get("municipality_id")})


async def complete_publication(session: AsyncSession, state: State) -> None:
    set_published_at(state, PublicationStatus.PUBLISHED)


def check_publication(state: State) -> Iterable[UserError]:
    if not state["audiences"]:
        yield UserError(("audiences",), "INVALID", "publication.no_audience")


def moderate_publication(viewer: Viewer, before: State, after: State | None) -> Iterable[UserError]:
    """Allow only moderators to publish, archive, change or delete what is not a draft.

    A municipal coordinator moderates the publications addressed to their municipalities; the
    regional admin moderates all, and is the only one who publishes for the whole region.
    """
    states = [state for state in (before, after) if state]
    if all(state["status"] is PublicationStatus.DRAFT for state in states):
        return
    if viewer.role is Role.REGIONAL_ADMIN:
        return
    areas = {state.get("municipality_id") for state in states}
    if viewer.role is Role.MUNICIPAL_COORDINATOR and None not in areas and areas <= viewer.municipality_ids:
        return
    field = ("status",) if after is not None else None
    yield UserError(field, "FORBIDDEN", "publication.moderated")


PUBLICATION = EntitySpec(
    model=Publication,
    type_name="Publication",
    rules={
        "title": Text(required=True, max_length=500),
        "summary": Text(max_length=1000),
        "body": Text(required=True, max_length=100_000, multiline=True),
        "kind": Choice(required=True, enum=enums.PublicationKind),
        "status": Choice(required=True, enum=enums.PublicationStatus),
        "audiences": Choices(enum=enums.ParticipantCategory),
        "municipality_id": Reference(type_name="Municipality"),
        "organization_id": Reference(type_name="Organization"),
        "event_id": Reference(type_name="Event"),
        "innovation_site_id": Reference(type_name="InnovationSite"),
        "program_id": Reference(type_name="Program"),
        "roadmap_item_id": Reference(type_name="RoadmapItem"),
        "attachments": Links(),
    },
    scope_of=publication_scope,
    associations={"audiences": Association(publication_audiences, "publication_id", "category")},
    search_source=("title",),
    check=check_publication,
    complete=complete_publication,
    defaults={
        "status": PublicationStatus.DRAFT,
        "audiences": lambda: sorted(enums.ParticipantCategory, key=lambda member: member.value),
        "attachments": list,
    },
    authorize_change=moderate_publication,
)


# Professional communities and their members


async def community_scope(session: AsyncSession, state: State) -> Scope:
    return await scope_of_organizations(session, {state["coordinating_organization_id"]}, set())


def check_dates(start: str, end: str) -> Any:
    """Return a check that the optional `end` date is not before `start`."""

    def check(state: State) -> Iterable[UserError]:
        if state.get(end) is not None and state[end] < state[start]:
            yield UserError((end,), "INVALID", "write.ends_before_start")

    return check


PROFESSIONAL_COMMUNITY = EntitySpec(
    model=ProfessionalCommunity,
    type_name="ProfessionalCommunity",
    rules={
        "title": Text(required=True, max_length=500),
        "topic": Text(required=True, max_length=1000),
        "description": Text(max_length=20_000, multiline=True),
        "orientation": Choice(enum=enums.Orientation),
        "coordinating_organization_id": Reference(required=True, type_name="Organization"),
        "member_organization_ids": References(type_name="Organization", max_items=200),
        "founded_on": Day(required=True),
        "closed_on": Day(),
    },
    scope_of=community_scope,
    associations={
        "member_organization_ids": Association(community_organizations, "community_id", "organization_id"),
    },
    search_source=("title", "topic"),
    check=check_dates("founded_on", "closed_on"),
    defaults={"founded_on": today},
)


async def member_scope(session: AsyncSession, state: State) -> Scope:
    # A membership belongs both to the community's coordinator and to the member's organisation.
    coordinator = await session.scalar(
        select(ProfessionalCommunity.coordinating_organization_id).where(
            ProfessionalCommunity.id == state["community_id"]
        )
    )
    person = (
        await session.execute(
            select(Participant.organization_id, Participant.municipality_id).where(
                Participant.id == state["participant_id"]
            )
        )
    ).one()
    return await scope_of_organizations(session, {coordinator, person.organization_id}, {person.municipality_id})


async def validate_member(session: AsyncSession, state: State) -> list[UserError]:
    return await staff_errors(session, [state["participant_id"]], "participant_id", "community.member_not_staff")


COMMUNITY_MEMBER = EntitySpec(
    model=CommunityMember,
    type_name="CommunityMember",
    rules={
        "community_id": Reference(required=True, type_name="ProfessionalCommunity"),
        "participant_id": Reference(required=True, type_name="Participant"),
        "role": Choice(required=True, enum=enums.CommunityMemberRole),
        "joined_on": Day(required=True),
        "left_on": Day(),
    },
    scope_of=member_scope,
    unique=(("community_id", "participant_id"),),
    immutable=("community_id", "participant_id"),
    check=check_dates("joined_on", "left_on"),
    validate=validate_member,
    defaults={"role": enums.CommunityMemberRole.MEMBER, "joined_on": today},
)


# Effective practices

# Statuses that only a moderator sets.
REVIEW_OUTCOMES = frozenset({PracticeStatus.REVIEWED, PracticeStatus.PUBLISHED, PracticeStatus.REJECTED})


async def practice_scope(session: AsyncSession, state: State) -> Scope:
    return await scope_of_organizations(session, {state["organization_id"]}, set())


async def complete_practice(session: AsyncSession, state: State) -> None:
    set_published_at(state, PracticeStatus.PUBLISHED)
    # A practice based on a product comes from the product's site unless it names the site.
    if state.get("innovation_product_id") is not None and state.get("innovation_site_id") is None:
        state["innovation_site_id"] = await session.scalar(
            select(InnovationProduct.site_id).where(InnovationProduct.id == state["innovation_product_id"])
        )


def check_practice(state: State) -> Iterable[UserError]:
    if state["status"] is PracticeStatus.REJECTED and state.get("review_comment") is None:
        yield UserError(("review_comment",), "INVALID", "practice.comment_required")


async def validate_practice(session: AsyncSession, state: State) -> list[UserError]:
    errors = await staff_errors(session, state["author_ids"], "author_ids", "practice.author_not_staff")
    product_id = state.get("innovation_product_id")
    if product_id is not None:
        site_id = await session.scalar(select(InnovationProduct.site_id).where(InnovationProduct.id == product_id))
        if site_id != state.get("innovation_site_id"):
            errors.append(UserError(("innovation_product_id",), "INVALID", "practice.product_of_other_site"))
    return errors


def moderate_practice(viewer: Viewer, before: State, after: State | None) -> Iterable[UserError]:
    """Let operators change their practices only before review and never set the review's outcome.

    Coordinators and the regional admin moderate within their scope, which the engine checks.
    """
    if viewer.role is not Role.OPERATOR:
        return
    if before and before["status"] in (PracticeStatus.REVIEWED, PracticeStatus.PUBLISHED):
        yield UserError(("status",) if after is not None else None, "FORBIDDEN", "practice.reviewed")
        return
    if after is None:
        return
    if after["status"] in REVIEW_OUTCOMES and after["status"] is not before.get("status"):
        yield UserError(("status",), "FORBIDDEN", "practice.outcome_by_moderator")
        return
    if after.get("review_comment") != before.get("review_comment"):
        yield UserError(("review_comment",), "FORBIDDEN", "practice.comment_by_moderator")


EFFECTIVE_PRACTICE = EntitySpec(
    model=EffectivePractice,
    type_name="EffectivePractice",
    rules={
        "title": Text(required=True, max_length=500),
        "summary": Text(required=True, max_length=20_000, multiline=True),
        "orientation": Choice(enum=enums.Orientation),
        "target_audience": Text(max_length=500),
        "audiences": Choices(enum=enums.ParticipantCategory),
        "author_ids": References(type_name="Participant", max_items=20),
        "organization_id": Reference(required=True, type_name="Organization"),
        "community_id": Reference(type_name="ProfessionalCommunity"),
        "innovation_site_id": Reference(type_name="InnovationSite"),
        "innovation_product_id": Reference(type_name="InnovationProduct"),
        "recognition_level": Choice(enum=enums.RecognitionLevel),
        "materials": Links(),
        "status": Choice(required=True, enum=enums.PracticeStatus),
        "review_comment": Text(max_length=10_000, multiline=True),
    },
    scope_of=practice_scope,
    associations={
        "audiences": Association(practice_audiences, "practice_id", "category"),
        "author_ids": Association(practice_authors, "practice_id", "participant_id"),
    },
    search_source=("title",),
    check=check_practice,
    complete=complete_practice,
    validate=validate_practice,
    defaults={"status": PracticeStatus.SUBMITTED, "materials": list},
    authorize_change=moderate_practice,
)
