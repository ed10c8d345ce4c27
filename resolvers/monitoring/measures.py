"""The measures of participation statistics and their cell keys, as SQL columns."""

from typing import Any

from sqlalchemy import case, func

from db.enums import ParticipationResult
from db.models import Participation
from resolvers.monitoring.perturbation import record_key

def measure_columns() -> list[Any]:
    """Return the four measures of participations, labelled."""
    return [
        func.count().label("participations"),
        func.count(func.distinct(Participation.participant_id)).label("participants"),
        func.sum(case((Participation.result == ParticipationResult.WINNER, 1), else_=0)).label("winners"),
        func.sum(case((Participation.result == ParticipationResult.PRIZE_WINNER, 1), else_=0)).label(
            "prize_winners"
        ),
    ]


def cell_key_columns() -> list[Any]:
    """Return the cell key of each measure: sums of record keys, see `perturbation`.

    The distinct participants share the participations' key: the key only has to change when the
    cell's records change, and a second DISTINCT aggregate would double the cost of the query.
    """
    record = record_key(Participation.id)
    return [
        func.sum(record).label("participations_key"),
        func.sum(record).label("participants_key"),
        func.sum(case((Participation.result == ParticipationResult.WINNER, record), else_=0)).label("winners_key"),
        func.sum(case((Participation.result == ParticipationResult.PRIZE_WINNER, record), else_=0)).label(
            "prize_winners_key"
        ),
    ]


MEASURES = ("participations", "participants", "winners", "prize_winners")
