"""Copy event and participant attributes onto participations for join-free monitoring

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:30:00.000000
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.base import enum_column
from db.enums import EventKind, EventLevel, OlympiadStage, Orientation, ParticipantCategory, Sex

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Column, its type, the source column and whether it is required once filled.
SNAPSHOT = [
    ("event_kind", lambda: enum_column(EventKind, "event_kind"), "events.kind", True),
    ("event_level", lambda: enum_column(EventLevel, "event_level"), "events.level", True),
    ("event_olympiad_stage", lambda: enum_column(OlympiadStage, "olympiad_stage"), "events.olympiad_stage", False),
    ("event_orientation", lambda: enum_column(Orientation, "orientation"), "events.orientation", False),
    ("event_in_federal_list", sa.Boolean, "events.in_federal_list", True),
    ("participant_category", lambda: enum_column(ParticipantCategory, "participant_category"), "participants.category", True),
    ("participant_sex", lambda: enum_column(Sex, "sex"), "participants.sex", False),
    ("participant_grade", sa.SmallInteger, "participants.grade", False),
    ("participant_has_disability_status", sa.Boolean, "participants.has_disability_status", True),
]


def _triggers_module():  # type: ignore[no-untyped-def]
    """Load revision 0003, whose triggers SQLite loses when batch mode rebuilds the table."""
    path = next(Path(__file__).parent.glob("*_0003_*.py"))
    spec = importlib.util.spec_from_file_location("monitoring_summary_revision", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _storage_type(column_type):  # type: ignore[no-untyped-def]
    """Return the plain column type; enum CHECK constraints are added explicitly below."""
    made = column_type()
    return sa.String(made.length) if isinstance(made, sa.Enum) else made


def upgrade() -> None:
    for name, column_type, _, _ in SNAPSHOT:
        op.add_column("participations", sa.Column(name, _storage_type(column_type), nullable=True))
    # One pass over participations (UPDATE … FROM needs SQLite 3.33 or newer).
    assignments = ", ".join(f"{name} = {source}" for name, _, source, _ in SNAPSHOT)
    op.execute(
        f"UPDATE participations SET {assignments} FROM events, participants "
        "WHERE events.id = participations.event_id AND participants.id = participations.participant_id"
    )

    with op.batch_alter_table("participations") as batch:
        for name, column_type, _, required in SNAPSHOT:
            if required:
                batch.alter_column(name, existing_type=_storage_type(column_type), nullable=False)
            made = column_type()
            if isinstance(made, sa.Enum):
                allowed = ", ".join(f"'{value}'" for value in made.enums)
                batch.create_check_constraint(op.f(f"ck_participations_{made.name}"), sa.text(f"{name} IN ({allowed})"))

    if op.get_bind().dialect.name == "sqlite":
        for name, definition in _triggers_module().SQLITE_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    with op.batch_alter_table("participations") as batch:
        for name, column_type, _, _ in reversed(SNAPSHOT):
            made = column_type()
            if isinstance(made, sa.Enum):
                batch.drop_constraint(op.f(f"ck_participations_{made.name}"), type_="check")
            batch.drop_column(name)

    if op.get_bind().dialect.name == "sqlite":
        for name, definition in _triggers_module().SQLITE_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} {definition}")
