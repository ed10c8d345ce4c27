"""Every model of the database, imported so that `Base.metadata` is complete."""

from db.base import Base
from db.models.audit import AuditEvent
from db.models.access import ApiKey, api_key_municipalities, api_key_organizations
from db.models.events import Event, event_audiences
from db.models.geography import Municipality, MunicipalityPopulation
from db.models.monitoring import MonitoringDirty, MonitoringSummary
from db.models.innovation import (
    InnovationProduct,
    InnovationSite,
    innovation_site_focus,
    innovation_site_partners,
)
from db.models.organizations import Organization
from db.models.participants import Participant, participant_disabilities
from db.models.participations import Participation
from db.models.publications import (
    CommunityMember,
    EffectivePractice,
    ProfessionalCommunity,
    Publication,
    community_organizations,
    practice_audiences,
    practice_authors,
    publication_audiences,
)
from db.models.programs import (
    Enrollment,
    Program,
    program_adapted_for,
    program_levels,
    program_partners,
)
from db.models.roadmap import Indicator, IndicatorTarget, RoadmapItem, roadmap_number_key

__all__ = [
    "AuditEvent",
    "ApiKey",
    "Base",
    "CommunityMember",
    "EffectivePractice",
    "Enrollment",
    "Event",
    "Indicator",
    "IndicatorTarget",
    "InnovationProduct",
    "InnovationSite",
    "MonitoringDirty",
    "MonitoringSummary",
    "Municipality",
    "MunicipalityPopulation",
    "Organization",
    "Participant",
    "Participation",
    "ProfessionalCommunity",
    "Program",
    "Publication",
    "RoadmapItem",
    "api_key_municipalities",
    "api_key_organizations",
    "community_organizations",
    "event_audiences",
    "innovation_site_focus",
    "innovation_site_partners",
    "participant_disabilities",
    "practice_audiences",
    "practice_authors",
    "program_adapted_for",
    "program_levels",
    "program_partners",
    "publication_audiences",
    "roadmap_number_key",
]
