"""GraphQL enumerations with Russian descriptions of every value.

The domain enums of `db.enums` are exposed under their own names; each value's description is its
Russian label, which `Query.enumLabels` also returns for UI selects.
"""

from enum import Enum

import strawberry

from db import enums
from db.reference.labels import LABELS


# Every enum of the schema by its GraphQL name: value name → (Russian label, English label).
ENUM_LABELS: dict[str, dict[str, tuple[str, str]]] = {}


def register_labels(enum: type[Enum], labels: dict[str, tuple[str, str]]) -> None:
    """Record the labels of `enum` for `Query.enumLabels` and describe its values in Russian."""
    ENUM_LABELS[enum.__strawberry_definition__.name] = labels  # type: ignore[attr-defined]
    for value in enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = labels[value.name][0]


def _expose(enum: type[Enum]) -> type[Enum]:
    (description, _english), labels = LABELS[enum]
    exposed = strawberry.enum(enum, description=description)
    register_labels(exposed, labels)
    return exposed


MunicipalityKind = _expose(enums.MunicipalityKind)
OrganizationKind = _expose(enums.OrganizationKind)
Orientation = _expose(enums.Orientation)
ProgramType = _expose(enums.ProgramType)
ProgramLevel = _expose(enums.ProgramLevel)
StudyForm = _expose(enums.StudyForm)
FinancingSource = _expose(enums.FinancingSource)
ProgramStatus = _expose(enums.ProgramStatus)
DisabilityCategory = _expose(enums.DisabilityCategory)
ParticipantCategory = _expose(enums.ParticipantCategory)
Sex = _expose(enums.Sex)
EnrollmentStatus = _expose(enums.EnrollmentStatus)
InnovationSiteKind = _expose(enums.InnovationSiteKind)
InnovationSiteStatus = _expose(enums.InnovationSiteStatus)
TalentFocus = _expose(enums.TalentFocus)
InnovationProductKind = _expose(enums.InnovationProductKind)
EventKind = _expose(enums.EventKind)
EventLevel = _expose(enums.EventLevel)
OlympiadStage = _expose(enums.OlympiadStage)
EventFormat = _expose(enums.EventFormat)
ParticipationResult = _expose(enums.ParticipationResult)
RoadmapItemStatus = _expose(enums.RoadmapItemStatus)
PublicationKind = _expose(enums.PublicationKind)
PublicationStatus = _expose(enums.PublicationStatus)
CommunityMemberRole = _expose(enums.CommunityMemberRole)
PracticeStatus = _expose(enums.PracticeStatus)
RecognitionLevel = _expose(enums.RecognitionLevel)


@strawberry.enum(description="Направление сортировки")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


register_labels(OrderDirection, {"ASC": ("По возрастанию", "Ascending"), "DESC": ("По убыванию", "Descending")})
