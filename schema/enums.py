"""GraphQL enumerations with Russian descriptions of every value.

The domain enums of `db.enums` are exposed under their own names; each value's description is its
Russian label, which `Query.enumLabels` also returns for UI selects.
"""

from enum import Enum

import strawberry

from db import enums
from db.reference.labels import LABELS


def _expose(enum: type[Enum]) -> type[Enum]:
    (description, _english), labels = LABELS[enum]
    exposed = strawberry.enum(enum, description=description)
    for value in exposed.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = labels[value.value][0]
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


@strawberry.enum(description="Направление сортировки")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="По возрастанию")
    DESC = strawberry.enum_value("DESC", description="По убыванию")
