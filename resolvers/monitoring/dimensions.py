"""Dimensions of participation monitoring and the columns they group by."""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement

from db.models import Participation


class ParticipationDimension(str, Enum):
    MUNICIPALITY = "MUNICIPALITY"
    ORGANIZATION = "ORGANIZATION"
    SCHOOL_YEAR = "SCHOOL_YEAR"
    ORIENTATION = "ORIENTATION"
    EVENT_LEVEL = "EVENT_LEVEL"
    EVENT_KIND = "EVENT_KIND"
    OLYMPIAD_STAGE = "OLYMPIAD_STAGE"
    RESULT = "RESULT"
    PARTICIPANT_CATEGORY = "PARTICIPANT_CATEGORY"
    SEX = "SEX"
    GRADE = "GRADE"
    DISABILITY_STATUS = "DISABILITY_STATUS"
    IN_FEDERAL_LIST = "IN_FEDERAL_LIST"


@dataclass(frozen=True)
class DimensionColumn:
    # A column of participations: event and participant attributes are copied onto each row.
    expression: ColumnElement[Any]
    # The attribute of a statistics row that carries this key.
    key: str


DIMENSIONS: dict[ParticipationDimension, DimensionColumn] = {
    ParticipationDimension.MUNICIPALITY: DimensionColumn(Participation.municipality_id, "municipality_id"),
    ParticipationDimension.ORGANIZATION: DimensionColumn(Participation.organization_id, "organization_id"),
    ParticipationDimension.SCHOOL_YEAR: DimensionColumn(Participation.school_year, "school_year"),
    ParticipationDimension.ORIENTATION: DimensionColumn(Participation.event_orientation, "orientation"),
    ParticipationDimension.EVENT_LEVEL: DimensionColumn(Participation.event_level, "event_level"),
    ParticipationDimension.EVENT_KIND: DimensionColumn(Participation.event_kind, "event_kind"),
    ParticipationDimension.OLYMPIAD_STAGE: DimensionColumn(Participation.event_olympiad_stage, "olympiad_stage"),
    ParticipationDimension.RESULT: DimensionColumn(Participation.result, "result"),
    ParticipationDimension.PARTICIPANT_CATEGORY: DimensionColumn(
        Participation.participant_category, "participant_category"
    ),
    ParticipationDimension.SEX: DimensionColumn(Participation.participant_sex, "sex"),
    ParticipationDimension.GRADE: DimensionColumn(Participation.participant_grade, "grade"),
    ParticipationDimension.DISABILITY_STATUS: DimensionColumn(
        Participation.participant_has_disability_status, "disability_status"
    ),
    ParticipationDimension.IN_FEDERAL_LIST: DimensionColumn(Participation.event_in_federal_list, "in_federal_list"),
}

MAX_DIMENSIONS = 4
