"""File imports: rows parsed by `db.imports`, written through the same services as the mutations.

Rows are written in chunks. Records are matched by their external keys (external id, ИНН, the
event and participant pair, the municipality and school year), so importing a file again changes
nothing. Without `atomic`, every valid row is stored and every rejected row is reported. With
`atomic`, nothing is stored unless the whole file is valid, and a dry run stores nothing at all.
"""

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.imports import FileIssue, MunicipalityIndex, ParsedRow, RowError, parse_file
from db.models import Municipality, Organization
from db.reference import municipalities as reference_municipalities
from db.text import normalize_text
from db.enums import AuditAction
from resolvers.access import Viewer
from resolvers.audit import audit_entry
from resolvers.messages import render_message
from resolvers.writes.activity import EVENT, PARTICIPANT
from resolvers.writes.catalogue import ORGANIZATION, PROGRAM
from resolvers.writes.engine import (
    EntitySpec,
    UserError,
    WriteFailed,
    WriteResult,
    create_entity,
    is_transient,
    update_entity,
)
from resolvers.writes.figures import set_child_population
from resolvers.writes.results import record_results

logger = logging.getLogger(__name__)

IMPORT_KINDS = ("organizations", "programs", "participants", "events", "participations", "population")

# Rows written between commits; large enough for bulk statements, small enough to bound memory.
CHUNK_ROWS = 2000

# Service fields whose values come from another record key of the file.
_SOURCE_KEYS = {"organization_id": "organization_ref", "organizer_id": "organizer_ref", "children": "children_5_18"}

_REFERENCE_TARGETS = {"organization_ref": "organization_id", "organizer_ref": "organizer_id"}

# An organisation reference that is the ИНН of one organisation and the external id of another.
_AMBIGUOUS = -1

_ENTITY_SPECS: dict[str, tuple[EntitySpec, str | None]] = {
    "organizations": (ORGANIZATION, None),
    "programs": (PROGRAM, "organization_ref"),
    "participants": (PARTICIPANT, "organization_ref"),
    "events": (EVENT, "organizer_ref"),
}


@dataclass
class ImportOutcome:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowError | FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)
    # Whether the valid rows were stored: false on a dry run and when an atomic import failed.
    written: bool = False

    @property
    def rejected(self) -> int:
        return len({problem.line for problem in self.problems if isinstance(problem, RowError)})

    @property
    def file_rejected(self) -> bool:
        return any(isinstance(problem, FileIssue) for problem in self.problems)


async def add_missing_municipalities(session: AsyncSession) -> None:
    """Insert the region's reference municipalities that the database does not have yet.

    Every import refers to municipalities, and a database that was only migrated has none.
    """
    stored = set((await session.scalars(select(Municipality.code))).all())
    missing = [record for record in reference_municipalities() if record.code not in stored]
    if missing:
        session.add_all(
            Municipality(
                code=record.code, oktmo=record.oktmo, name=record.name, kind=record.kind,
                search_key=normalize_text(record.name),
            )
            for record in missing
        )
        await session.commit()
        logger.info("added %d reference municipalities", len(missing))


async def municipality_index(session: AsyncSession) -> MunicipalityIndex:
    statement = select(Municipality.id, Municipality.code, Municipality.oktmo, Municipality.name, Municipality.kind)
    return MunicipalityIndex(tuple(row) for row in await session.execute(statement))


async def run_import(
    sessions: async_sessionmaker[AsyncSession],
    viewer: Viewer,
    kind: str,
    source: Path | bytes,
    filename: str,
    *,
    dry_run: bool = False,
    atomic: bool = False,
    on_progress: Callable[[int], None] | None = None,
    request_id: str = "",
    operation: str | None = None,
) -> ImportOutcome:
    """Import one file of `kind` as `viewer`; `on_progress` receives the number of rows read so far.

    Each chunk's written rows are recorded in the audit trail with `request_id` and `operation`.
    """
    if kind not in IMPORT_KINDS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(IMPORT_KINDS)}")
    outcome = ImportOutcome(kind)

    async with sessions() as session:
        await add_missing_municipalities(session)
        parsed = parse_file(kind, source, filename, await municipality_index(session))
        with parsed:
            outcome.warnings = list(parsed.warnings)
            outcome.problems += parsed.file_errors
            if parsed.file_errors:
                return outcome

            writer = _ChunkWriter(session, viewer, kind, parsed.columns, outcome)
            rows = iter(parsed)
            while chunk := list(islice(rows, CHUNK_ROWS)):
                valid = [row for row in chunk if isinstance(row, ParsedRow)]
                outcome.problems += [row for row in chunk if isinstance(row, RowError)]
                outcome.rows += len({row.line for row in chunk})
                for attempt in (1, 2):
                    counts = (outcome.created, outcome.updated, outcome.unchanged, len(outcome.problems))
                    try:
                        written_ids = await writer.write(valid)
                        if written_ids:
                            fields = [_SOURCE_KEYS.get(key, key) for key in parsed.columns]
                            session.add(
                                audit_entry(viewer, request_id, operation, AuditAction.IMPORT, kind, written_ids, fields)
                            )
                        if not (dry_run or atomic):
                            await session.commit()
                        break
                    except DBAPIError as error:
                        # A concurrent writer took a key this chunk inserts: the chunk is written
                        # again and now finds that writer's rows. Earlier chunks of an atomic or
                        # dry-run import are in the same transaction, so those cannot be repeated.
                        if dry_run or atomic or attempt == 2 or not is_transient(error):
                            raise
                        logger.info("chunk of %s conflicted with a concurrent write; writing it again", filename)
                        await session.rollback()
                        outcome.created, outcome.updated, outcome.unchanged, reported = counts
                        del outcome.problems[reported:]
                if on_progress is not None:
                    on_progress(outcome.rows)
            # A CSV that breaks off mid-file is known only once the rows are read.
            outcome.problems += parsed.file_errors

        if dry_run or (atomic and outcome.problems):
            await session.rollback()
        else:
            await session.commit()
            outcome.written = True

    outcome.problems.sort(key=lambda problem: problem.line or 0)
    logger.info(
        "imported %s from %s: %d rows, %d created, %d updated, %d unchanged, %d rejected%s",
        kind, filename, outcome.rows, outcome.created, outcome.updated, outcome.unchanged, outcome.rejected,
        "" if outcome.written else " (nothing stored)",
    )
    return outcome


class _ChunkWriter:
    def __init__(self, session: AsyncSession, viewer: Viewer, kind: str, columns: Mapping[str, str], outcome: ImportOutcome) -> None:
        self.session = session
        self.viewer = viewer
        self.kind = kind
        # The record keys the file has a column for, with the header as written in the file.
        self.columns = columns
        self.outcome = outcome

    async def write(self, rows: list[ParsedRow]) -> list[int]:
        """Write the chunk's valid rows and return the ids of the rows created or changed."""
        self.written_ids: list[int] = []
        if not rows:
            return []
        if self.kind == "participations":
            await self._write_results(rows)
        elif self.kind == "population":
            for row in rows:
                values = row.values
                result = await set_child_population(
                    self.session, self.viewer, values["municipality_id"], values["school_year"], values["children_5_18"]
                )
                self._count(row, result)
        else:
            await self._write_entities(rows)
        return self.written_ids

    async def _write_results(self, rows: list[ParsedRow]) -> None:
        # A column the file does not have keeps the stored score or mentor.
        absent = {"score", "mentor_external_id"} - set(self.columns)
        items = [{name: value for name, value in row.values.items() if name not in absent} for row in rows]
        outcome = await record_results(self.session, self.viewer, items, atomic=False)
        self.outcome.created += outcome.created
        self.outcome.updated += outcome.updated
        self.outcome.unchanged += outcome.unchanged
        self.written_ids += outcome.written_ids
        for position, error in outcome.errors:
            self._report(rows[position], error)

    async def _write_entities(self, rows: list[ParsedRow]) -> None:
        spec, reference_key = _ENTITY_SPECS[self.kind]
        organizations = await self._organizations_by_reference(
            row.values.get(reference_key) for row in rows if reference_key is not None
        )
        existing = await self._existing(spec, rows)
        for row in rows:
            values = dict(row.values)
            if reference_key is not None:
                target = _REFERENCE_TARGETS[reference_key]
                reference = values.pop(reference_key)
                if reference is None:
                    values[target] = None
                elif organizations.get(reference) is None:
                    self._report(row, UserError((target,), "NOT_FOUND", "import.organization_unknown", {"value": reference}))
                    continue
                elif organizations[reference] == _AMBIGUOUS:
                    self._report(row, UserError((target,), "CONFLICT", "import.organization_ambiguous", {"value": reference}))
                    continue
                else:
                    values[target] = organizations[reference]

            key = self._key_of(values)
            current = existing.get(key)
            try:
                if current is None:
                    # Empty cells leave the field to its default.
                    given = {name: value for name, value in values.items() if value is not None and name in spec.rules}
                    result = await create_entity(self.session, spec, self.viewer, given)
                else:
                    # Columns the file does not have keep their stored values.
                    given = {
                        name: value
                        for name, value in values.items()
                        if name in spec.rules and _SOURCE_KEYS.get(name, name) in self.columns
                    }
                    result = await update_entity(self.session, spec, self.viewer, current, given)
            except WriteFailed as failure:
                result = WriteResult(errors=failure.errors)
            self._count(row, result)
            if current is None and result.row is not None:
                existing[key] = result.row

    def _key_of(self, values: Mapping[str, Any]) -> Any:
        if self.kind == "organizations":
            return ("external_id", values["external_id"]) if values.get("external_id") else ("inn", values.get("inn"))
        return ("external_id", values.get("external_id"))

    async def _existing(self, spec: EntitySpec, rows: list[ParsedRow]) -> dict[Any, Any]:
        """Return the stored rows that the chunk's rows update, by their external key."""
        model = spec.model
        found: dict[Any, Any] = {}
        external_ids = sorted({row.values["external_id"] for row in rows if row.values.get("external_id")})
        if external_ids:
            for stored in await self.session.scalars(select(model).where(model.external_id.in_(external_ids))):
                found[("external_id", stored.external_id)] = stored
        if self.kind == "organizations":
            inns = sorted({row.values["inn"] for row in rows if row.values.get("inn")})
            if inns:
                for stored in await self.session.scalars(select(Organization).where(Organization.inn.in_(inns))):
                    found.setdefault(("inn", stored.inn), stored)
            # A row with an external id new to the database may still name a stored organisation
            # by its ИНН: it updates that organisation and gives it the external id.
            for row in rows:
                key = self._key_of(row.values)
                inn = row.values.get("inn")
                if key not in found and inn and ("inn", inn) in found:
                    found[key] = found[("inn", inn)]
        return found

    async def _organizations_by_reference(self, references: Iterable[str | None]) -> dict[str, int]:
        """Return organisation ids by the ИНН or external id that rows use, `_AMBIGUOUS` where two match."""
        requested = sorted({reference for reference in references if reference})
        if not requested:
            return {}
        statement = select(Organization.id, Organization.inn, Organization.external_id).where(
            or_(Organization.inn.in_(requested), Organization.external_id.in_(requested))
        )
        found: dict[str, int] = {}
        for organization_id, inn, external_id in await self.session.execute(statement):
            for reference in {inn, external_id} & set(requested):
                found[reference] = organization_id if found.get(reference, organization_id) == organization_id else _AMBIGUOUS
        return found

    def _count(self, row: ParsedRow, result: WriteResult) -> None:
        if result.errors:
            for error in result.errors:
                self._report(row, error)
            return
        if not result.changed:
            self.outcome.unchanged += 1
            return
        self.written_ids.append(result.row.id)
        if result.created:
            self.outcome.created += 1
        else:
            self.outcome.updated += 1

    def _report(self, row: ParsedRow, error: UserError) -> None:
        key = _SOURCE_KEYS.get(error.field[0], error.field[0]) if error.field else None
        column = self.columns.get(key) if key else None
        value = row.values.get(key) if key else None
        params = dict(error.params)
        self.outcome.problems.append(
            RowError(
                line=row.line,
                column=column,
                value=_shown(value),
                message_ru=render_message(error.message_key, "ru", params),
                message_en=render_message(error.message_key, "en", params),
            )
        )


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item) or "" for item in value)
    return str(getattr(value, "value", value))

