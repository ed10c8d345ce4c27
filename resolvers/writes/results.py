"""Participation results in bulk, keyed by the event's and the participant's external ids.

Sending the same items again changes nothing: an item whose participation exists with the same
result, score and mentor counts as unchanged. The `recordParticipations` mutation and the file
import both write through `record_results`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db import enums
from db.models import Event, Participant, Participation
from db.models.participations import snapshot_of
from resolvers.access import Role, Scope, Viewer, may_write, may_write_anything
from resolvers.writes.engine import UserError
from resolvers.writes.rules import Choice, Code, Invalid, Number, Rule

RESULT_RULES: dict[str, Rule] = {
    "event_external_id": Code(required=True),
    "participant_external_id": Code(required=True),
    "result": Choice(required=True, enum=enums.ParticipationResult),
    "score": Number(minimum=0, maximum=1_000_000),
    "mentor_external_id": Code(),
}

# Bound parameters per IN list, well below SQLite's and asyncpg's limits.
_IN_CHUNK = 1000

_EVENT_COLUMNS = (
    Event.id, Event.external_id, Event.organizer_id, Event.municipality_id, Event.school_year, Event.kind,
    Event.level, Event.olympiad_stage, Event.orientation, Event.in_federal_list,
)
_PARTICIPANT_COLUMNS = (
    Participant.id, Participant.external_id, Participant.organization_id, Participant.municipality_id,
    Participant.category, Participant.sex, Participant.grade, Participant.has_disability_status,
)


@dataclass
class BulkOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Errors by the position of the item they belong to.
    errors: list[tuple[int, UserError]] = field(default_factory=list)
    # Ids of the participations created or updated, for the audit trail.
    written_ids: list[int] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len({position for position, _error in self.errors})


@dataclass(frozen=True)
class _Planned:
    position: int
    event: Mapping[str, Any]
    participant: Mapping[str, Any]
    values: dict[str, Any]


def clean_item(item: Mapping[str, Any]) -> tuple[dict[str, Any], list[UserError]]:
    cleaned: dict[str, Any] = {}
    errors: list[UserError] = []
    for name, rule in RESULT_RULES.items():
        if name not in item and not rule.required:
            # An omitted score or mentor keeps the stored one; None clears it.
            continue
        value = item.get(name)
        if value is None:
            if rule.required:
                errors.append(UserError((name,), "INVALID", "write.required"))
            cleaned[name] = None
            continue
        try:
            cleaned[name] = rule.clean(value)
        except Invalid as problem:
            errors.append(UserError((name,), problem.code, problem.message_key, problem.params))
    return cleaned, errors


async def _rows_by_external_id(session: AsyncSession, columns: tuple, external_ids: Iterable[str]) -> dict[str, Any]:
    requested = sorted(set(external_ids))
    found: dict[str, Any] = {}
    external_id = columns[1]
    for start in range(0, len(requested), _IN_CHUNK):
        statement = select(*columns).where(external_id.in_(requested[start : start + _IN_CHUNK]))
        for row in (await session.execute(statement)).mappings():
            found[row["external_id"]] = row
    return found


async def _existing(session: AsyncSession, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Any]:
    event_ids = sorted({event_id for event_id, _participant_id in pairs})
    participant_ids = sorted({participant_id for _event_id, participant_id in pairs})
    found: dict[tuple[int, int], Any] = {}
    columns = (
        Participation.id, Participation.event_id, Participation.participant_id, Participation.result,
        Participation.score, Participation.mentor_id,
    )
    for event_start in range(0, len(event_ids), _IN_CHUNK):
        for participant_start in range(0, len(participant_ids), _IN_CHUNK):
            statement = select(*columns).where(
                Participation.event_id.in_(event_ids[event_start : event_start + _IN_CHUNK]),
                Participation.participant_id.in_(participant_ids[participant_start : participant_start + _IN_CHUNK]),
            )
            for row in await session.execute(statement):
                key = (row.event_id, row.participant_id)
                if key in pairs:
                    found[key] = row
    return found


def _scope(event: Mapping[str, Any], participant: Mapping[str, Any]) -> Scope:
    return Scope(
        organization_ids=frozenset({event["organizer_id"], participant["organization_id"]} - {None}),
        municipality_ids=frozenset({event["municipality_id"], participant["municipality_id"]} - {None}),
    )


async def record_results(
    session: AsyncSession, viewer: Viewer, items: Sequence[Mapping[str, Any]], *, atomic: bool
) -> BulkOutcome:
    """Create or update the participations that `items` describe; the caller commits.

    With `atomic`, nothing is written when any item is rejected.
    """
    outcome = BulkOutcome()
    if not may_write_anything(viewer):
        denied = UserError(None, "FORBIDDEN", "write.forbidden", {"role": viewer.role.value})
        outcome.errors = [(position, denied) for position in range(len(items))]
        return outcome
    cleaned_items: list[tuple[int, dict[str, Any]]] = []
    for position, item in enumerate(items):
        cleaned, errors = clean_item(item)
        if errors:
            outcome.errors += [(position, error) for error in errors]
        else:
            cleaned_items.append((position, cleaned))

    events = await _rows_by_external_id(
        session, _EVENT_COLUMNS, (values["event_external_id"] for _position, values in cleaned_items)
    )
    people = await _rows_by_external_id(
        session,
        _PARTICIPANT_COLUMNS,
        (
            external_id
            for _position, values in cleaned_items
            for external_id in (values["participant_external_id"], values.get("mentor_external_id"))
            if external_id is not None
        ),
    )

    planned: list[_Planned] = []
    first_seen: dict[tuple[int, int], _Planned] = {}
    for position, values in cleaned_items:
        errors = _resolve(values, events, people)
        if errors:
            outcome.errors += [(position, error) for error in errors]
            continue
        event = events[values["event_external_id"]]
        participant = people[values["participant_external_id"]]
        mentor = people.get(values.get("mentor_external_id")) if values.get("mentor_external_id") else None
        if viewer.role is not Role.REGIONAL_ADMIN and not may_write(viewer, _scope(event, participant)):
            outcome.errors.append((position, UserError(None, "FORBIDDEN", "write.forbidden", {"role": viewer.role.value})))
            continue
        stored = {"result": values["result"]}
        if "score" in values:
            stored["score"] = values["score"]
        if "mentor_external_id" in values:
            stored["mentor_id"] = mentor["id"] if mentor else None
        entry = _Planned(position, event, participant, stored)
        key = (event["id"], participant["id"])
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = entry
            planned.append(entry)
        elif earlier.values == stored:
            outcome.unchanged += 1
        else:
            outcome.errors.append(
                (
                    position,
                    UserError(
                        ("participant_external_id",), "CONFLICT", "write.repeated_item",
                        {
                            "event": values["event_external_id"],
                            "participant": values["participant_external_id"],
                            "first": earlier.position + 1,
                        },
                    ),
                )
            )

    outcome.errors.sort(key=lambda entry: entry[0])
    if atomic and outcome.errors:
        return BulkOutcome(errors=outcome.errors)

    existing = await _existing(session, set(first_seen))
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for entry in planned:
        current = existing.get((entry.event["id"], entry.participant["id"]))
        if current is None:
            inserts.append(
                {
                    "event_id": entry.event["id"],
                    "participant_id": entry.participant["id"],
                    "score": None,
                    "mentor_id": None,
                    **entry.values,
                    **snapshot_of(entry.event, entry.participant),
                }
            )
        elif all(getattr(current, name) == value for name, value in entry.values.items()):
            outcome.unchanged += 1
        else:
            updates.append({"id": current.id, **entry.values})

    # The same order in every transaction keeps concurrent batches from deadlocking on PostgreSQL.
    inserts.sort(key=lambda row: (row["event_id"], row["participant_id"]))
    updates.sort(key=lambda row: row["id"])
    if inserts:
        # Every row has every key, so the rows go out in one batched statement; the ORM would split
        # them wherever a None is left out.
        statement = insert(Participation).execution_options(render_nulls=True).returning(Participation.id)
        created_ids = await session.scalars(statement, inserts)
        outcome.written_ids += created_ids.all()
    if updates:
        # A bulk UPDATE by primary key needs the same keys in every row of one statement.
        by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in updates:
            by_keys.setdefault(tuple(sorted(row)), []).append(row)
        for rows in by_keys.values():
            await session.execute(update(Participation), rows)
        outcome.written_ids += [row["id"] for row in updates]
    outcome.created += len(inserts)
    outcome.updated += len(updates)
    return outcome


def _resolve(values: Mapping[str, Any], events: Mapping[str, Any], people: Mapping[str, Any]) -> list[UserError]:
    errors: list[UserError] = []
    if values["event_external_id"] not in events:
        errors.append(
            UserError(("event_external_id",), "NOT_FOUND", "write.event_unknown", {"value": values["event_external_id"]})
        )
    if values["participant_external_id"] not in people:
        errors.append(
            UserError(
                ("participant_external_id",), "NOT_FOUND", "write.participant_unknown",
                {"value": values["participant_external_id"]},
            )
        )
    mentor = values.get("mentor_external_id")
    if mentor is not None:
        if mentor not in people:
            errors.append(UserError(("mentor_external_id",), "NOT_FOUND", "write.mentor_unknown", {"value": mentor}))
        elif mentor == values["participant_external_id"]:
            errors.append(UserError(("mentor_external_id",), "INVALID", "write.mentor_is_participant"))
    return errors
