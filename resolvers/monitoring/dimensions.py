"""Dimensions of participation monitoring and the columns they group by."""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement

from db.models import Event, Participant, Participation


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
    expression: ColumnElement[Any]
    # The table the column comes from, beyond participations, which the query must join.
    joins: type | None
    # The attribute of a statistics row that carries this key.
    key: str


DIMENSIONS: dict[ParticipationDimension, DimensionColumn] = {
    ParticipationDimension.MUNICIPALITY: DimensionColumn(Participation.municipality_id, None, "municipality_id"),
    ParticipationDimension.ORGANIZATION: DimensionColumn(Participation.organization_id, None, "organization_id"),
    ParticipationDimension.SCHOOL_YEAR: DimensionColumn(Participation.school_year, None, "school_year"),
    ParticipationDimension.ORIENTATION: DimensionColumn(Event.orientation, Event, "orientation"),
    ParticipationDimension.EVENT_LEVEL: DimensionColumn(Event.level, Event, "event_level"),
    ParticipationDimension.EVENT_KIND: DimensionColumn(Event.kind, Event, "event_kind"),
    ParticipationDimension.OLYMPIAD_STAGE: DimensionColumn(Event.olympiad_stage, Event, "olympiad_stage"),
    ParticipationDimension.RESULT: DimensionColumn(Participation.result, None, "result"),
    ParticipationDimension.PARTICIPANT_CATEGORY: DimensionColumn(
        Participant.category, Participant, "participant_category"
    ),
    ParticipationDimension.SEX: DimensionColumn(Participant.sex, Participant, "sex"),
    ParticipationDimension.GRADE: DimensionColumn(Participant.grade, Participant, "grade"),
    ParticipationDimension.DISABILITY_STATUS: DimensionColumn(
        Participant.has_disability_status, Participant, "disability_status"
    ),
    ParticipationDimension.IN_FEDERAL_LIST: DimensionColumn(Event.in_federal_list, Event, "in_federal_list"),
}

MAX_DIMENSIONS = 4
