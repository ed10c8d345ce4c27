"""Publications, professional communities, their members and effective practices: lists, filters
and relations."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select

from db.models import (
    CommunityMember,
    EffectivePractice,
    Organization,
    Participant,
    ProfessionalCommunity,
    Publication,
    community_organizations,
    practice_audiences,
    practice_authors,
    publication_audiences,
)
from db.timezone import REGION_ZONE, utc_now
from resolvers.access import Viewer, practice_visibility, publication_visibility
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import Conditions, any_of, has_any, ids_any_of, in_range, search
from resolvers.geography import municipality_scope
from resolvers.loaders import count_by_owner, load_rows, values_by_owner

if TYPE_CHECKING:
    from schema.publications import (
        CommunityMemberFilter,
        EffectivePracticeFilter,
        ProfessionalCommunityFilter,
        PublicationFilter,
    )

# Where unpublished rows sort when ordered by the publication time: before every published row.
NOT_PUBLISHED = datetime(1970, 1, 1, tzinfo=UTC)

PUBLICATIONS = ConnectionSpec(
    name="publications",
    model=Publication,
    order_fields={
        "PUBLISHED_AT": OrderField(Publication.published_at, datetime, null_value=NOT_PUBLISHED),
        "TITLE": OrderField(Publication.search_key, str),
        "CREATED_AT": OrderField(Publication.created_at, datetime),
        "UPDATED_AT": OrderField(Publication.updated_at, datetime),
        "ID": OrderField(Publication.id, int),
    },
    default_order=(("PUBLISHED_AT", True),),
)

PROFESSIONAL_COMMUNITIES = ConnectionSpec(
    name="professionalCommunities",
    model=ProfessionalCommunity,
    order_fields={
        "TITLE": OrderField(ProfessionalCommunity.search_key, str),
        "FOUNDED_ON": OrderField(ProfessionalCommunity.founded_on, date),
        "ID": OrderField(ProfessionalCommunity.id, int),
    },
    default_order=(("TITLE", False),),
)

COMMUNITY_MEMBERS = ConnectionSpec(
    name="members",
    model=CommunityMember,
    order_fields={
        "JOINED_ON": OrderField(CommunityMember.joined_on, date),
        "ID": OrderField(CommunityMember.id, int),
    },
    default_order=(("JOINED_ON", False),),
)

EFFECTIVE_PRACTICES = ConnectionSpec(
    name="effectivePractices",
    model=EffectivePractice,
    order_fields={
        "PUBLISHED_AT": OrderField(EffectivePractice.published_at, datetime, null_value=NOT_PUBLISHED),
        "TITLE": OrderField(EffectivePractice.search_key, str),
        "CREATED_AT": OrderField(EffectivePractice.created_at, datetime),
        "ID": OrderField(EffectivePractice.id, int),
    },
    default_order=(("PUBLISHED_AT", True),),
)


def publication_conditions(viewer: Viewer, filter: "PublicationFilter | None") -> Conditions:
    """Return the WHERE conditions of the publications `viewer` may see that match `filter`.

    Args:
        viewer: the caller; anonymous callers and analysts get published publications only
            (see `resolvers.access.publication_visibility`).
        filter: a `schema.publications.PublicationFilter`, or None for no filter. Code outside
            GraphQL builds one with keyword arguments, e.g.
            `PublicationFilter(municipality_codes=["MO15"], include_region_wide=True,
            audiences=[ParticipantCategory.PARENT], statuses=[PublicationStatus.PUBLISHED])`.

    Returns:
        Conditions on `db.models.Publication` to pass to `select(Publication).where(*conditions)`.

    Raises:
        ApiError: BAD_USER_INPUT for an invalid filter value (a malformed ID, an empty range).
    """
    conditions: Conditions = publication_visibility(viewer)
    if filter is None:
        return conditions

    ids_any_of(conditions, Publication.id, filter.ids, "Publication", "filter.ids")
    any_of(conditions, Publication.kind, filter.kinds, "filter.kinds")
    any_of(conditions, Publication.status, filter.statuses, "filter.statuses")
    has_any(
        conditions, Publication.id, publication_audiences, "publication_id", "category", filter.audiences, "filter.audiences"
    )
    _publication_area(conditions, filter)
    ids_any_of(conditions, Publication.organization_id, filter.organization_ids, "Organization", "filter.organizationIds")
    ids_any_of(conditions, Publication.event_id, filter.event_ids, "Event", "filter.eventIds")
    ids_any_of(
        conditions, Publication.innovation_site_id, filter.innovation_site_ids, "InnovationSite", "filter.innovationSiteIds"
    )
    ids_any_of(conditions, Publication.program_id, filter.program_ids, "Program", "filter.programIds")
    ids_any_of(conditions, Publication.roadmap_item_id, filter.roadmap_item_ids, "RoadmapItem", "filter.roadmapItemIds")
    in_range(
        conditions, Publication.published_at, filter.published_at_from, filter.published_at_to, "filter.publishedAt"
    )
    search(conditions, Publication.search_key, filter.search)
    return conditions


def _publication_area(conditions: Conditions, filter: "PublicationFilter") -> None:
    """Add the municipality filter; region-wide publications have no municipality."""
    in_municipality: Conditions = []
    municipality_scope(in_municipality, Publication.municipality_id, filter.municipality_ids, filter.municipality_codes)
    if in_municipality:
        matching = and_(*in_municipality)
        if filter.include_region_wide:
            matching = or_(matching, Publication.municipality_id.is_(None))
        conditions.append(matching)
    if filter.region_wide is True:
        conditions.append(Publication.municipality_id.is_(None))
    elif filter.region_wide is False:
        conditions.append(Publication.municipality_id.is_not(None))


def community_conditions(filter: "ProfessionalCommunityFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    community = ProfessionalCommunity
    ids_any_of(conditions, community.id, filter.ids, "ProfessionalCommunity", "filter.ids")
    any_of(conditions, community.orientation, filter.orientations, "filter.orientations")
    ids_any_of(
        conditions,
        community.coordinating_organization_id,
        filter.coordinating_organization_ids,
        "Organization",
        "filter.coordinatingOrganizationIds",
    )
    if filter.member_organization_ids is not None:
        members: Conditions = []
        ids_any_of(
            members,
            community_organizations.c.organization_id,
            filter.member_organization_ids,
            "Organization",
            "filter.memberOrganizationIds",
        )
        conditions.append(community.id.in_(select(community_organizations.c.community_id).where(*members)))
    if filter.municipality_ids is not None or filter.municipality_codes is not None:
        in_municipality: Conditions = []
        municipality_scope(
            in_municipality, Organization.municipality_id, filter.municipality_ids, filter.municipality_codes
        )
        coordinators = select(Organization.id).where(*in_municipality)
        conditions.append(community.coordinating_organization_id.in_(coordinators))
    if filter.active_on is not None:
        conditions.extend(_active_on(community.founded_on, community.closed_on, filter.active_on))
    search(conditions, community.search_key, filter.search)
    return conditions


def member_conditions(filter: "CommunityMemberFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    any_of(conditions, CommunityMember.role, filter.roles, "filter.roles")
    if filter.categories is not None or filter.organization_ids is not None:
        people: Conditions = []
        any_of(people, Participant.category, filter.categories, "filter.categories")
        ids_any_of(people, Participant.organization_id, filter.organization_ids, "Organization", "filter.organizationIds")
        conditions.append(CommunityMember.participant_id.in_(select(Participant.id).where(*people)))
    if filter.active_on is not None:
        conditions.extend(_active_on(CommunityMember.joined_on, CommunityMember.left_on, filter.active_on))
    return conditions


def _active_on(start: Any, end: Any, day: date) -> Conditions:
    return [start <= day, or_(end.is_(None), end >= day)]


def practice_conditions(viewer: Viewer, filter: "EffectivePracticeFilter | None") -> Conditions:
    """Return the conditions of the practices `viewer` may see that match `filter`."""
    conditions: Conditions = practice_visibility(viewer)
    if filter is None:
        return conditions

    practice = EffectivePractice
    ids_any_of(conditions, practice.id, filter.ids, "EffectivePractice", "filter.ids")
    any_of(conditions, practice.status, filter.statuses, "filter.statuses")
    any_of(conditions, practice.orientation, filter.orientations, "filter.orientations")
    has_any(conditions, practice.id, practice_audiences, "practice_id", "category", filter.audiences, "filter.audiences")
    any_of(conditions, practice.recognition_level, filter.recognition_levels, "filter.recognitionLevels")
    ids_any_of(conditions, practice.organization_id, filter.organization_ids, "Organization", "filter.organizationIds")
    ids_any_of(conditions, practice.community_id, filter.community_ids, "ProfessionalCommunity", "filter.communityIds")
    ids_any_of(
        conditions, practice.innovation_site_id, filter.innovation_site_ids, "InnovationSite", "filter.innovationSiteIds"
    )
    ids_any_of(
        conditions,
        practice.innovation_product_id,
        filter.innovation_product_ids,
        "InnovationProduct",
        "filter.innovationProductIds",
    )
    if filter.author_ids is not None:
        authors: Conditions = []
        ids_any_of(authors, practice_authors.c.participant_id, filter.author_ids, "Participant", "filter.authorIds")
        conditions.append(practice.id.in_(select(practice_authors.c.practice_id).where(*authors)))
    if filter.municipality_ids is not None or filter.municipality_codes is not None:
        in_municipality: Conditions = []
        municipality_scope(
            in_municipality, Organization.municipality_id, filter.municipality_ids, filter.municipality_codes
        )
        conditions.append(practice.organization_id.in_(select(Organization.id).where(*in_municipality)))
    in_range(conditions, practice.published_at, filter.published_at_from, filter.published_at_to, "filter.publishedAt")
    search(conditions, practice.search_key, filter.search)
    return conditions


@dataclass(frozen=True)
class Link:
    """An attachment or a material: a title and an http(s) address."""

    title: str
    url: str


def links_of(stored: list[dict[str, Any]] | None) -> list[Link]:
    return [Link(title=item["title"], url=item["url"]) for item in stored or []]


async def publication_audiences_of(context: RequestContext, publication_id: int) -> list[Any]:
    return await values_by_owner(context, publication_audiences, "publication_id", "category").load(publication_id)


async def practice_audiences_of(context: RequestContext, practice_id: int) -> list[Any]:
    return await values_by_owner(context, practice_audiences, "practice_id", "category").load(practice_id)


async def practice_authors_of(context: RequestContext, practice_id: int) -> list[Participant]:
    """Return the authors of a practice in alphabetical order of their names."""
    ids = await values_by_owner(context, practice_authors, "practice_id", "participant_id").load(practice_id)
    authors = await load_rows(context, Participant, ids)
    return sorted(authors, key=lambda author: (author.last_name, author.first_name, author.middle_name or "", author.id))


async def member_organizations_of(context: RequestContext, community_id: int) -> list[Organization]:
    loader = values_by_owner(context, community_organizations, "community_id", "organization_id")
    return await load_rows(context, Organization, await loader.load(community_id))


async def current_members_count(context: RequestContext, community_id: int) -> int:
    """Count the members who have not left the community by today (the region's date)."""
    today = utc_now().astimezone(REGION_ZONE).date()
    current = [CommunityMember.joined_on <= today, or_(CommunityMember.left_on.is_(None), CommunityMember.left_on >= today)]
    loader = count_by_owner(context, "community_current_members", CommunityMember.community_id, current)
    return await loader.load(community_id)
