"""Summary tables that keep monitoring fast at region scale.

`monitoring_summary` contains the participation measures by municipality and school year, with 0
standing for "all" in either key, so the unfiltered municipality × school-year table and its totals
are read without scanning participations. Triggers on `participations` record each changed
(municipality, school year) bucket in `monitoring_dirty`; a reader recomputes those buckets before
using the summary, whatever path the data was written by.
"""

from datetime import datetime

from sqlalchemy import BigInteger, Integer, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime

ALL = 0


class MonitoringSummary(Base):
    __tablename__ = "monitoring_summary"

    municipality_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    school_year: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    participations: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)
    winners: Mapped[int] = mapped_column(Integer)
    prize_winners: Mapped[int] = mapped_column(Integer)
    # Cell keys of the four measures, for perturbation (see resolvers.monitoring.perturbation).
    participations_key: Mapped[int] = mapped_column(BigInteger)
    participants_key: Mapped[int] = mapped_column(BigInteger)
    winners_key: Mapped[int] = mapped_column(BigInteger)
    prize_winners_key: Mapped[int] = mapped_column(BigInteger)
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MonitoringDirty(Base):
    __tablename__ = "monitoring_dirty"

    municipality_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    school_year: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
