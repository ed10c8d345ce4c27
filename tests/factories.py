"""Factories that insert valid rows with sensible defaults; tests override what they examine."""

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db import models
from db.enums import (
    EventFormat,
    EventKind,
    EventLevel,
    FinancingSource,
    InnovationSiteKind,
    InnovationSiteStatus,
    OrganizationKind,
    Orientation,
    ParticipantCategory,
    ParticipationResult,
    PracticeStatus,
    ProgramStatus,
    PublicationKind,
    PublicationStatus,
    ProgramType,
    RoadmapItemStatus,
    StudyForm,
)
from db.models.participations import snapshot_of
from db.reference import municipalities
from db.text import normalize_text
from db.timezone import school_year_of

CHELYABINSK = "MO15"


class Factory:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.municipality_ids: dict[str, int] = {}
        self._sequence = itertools.count(1)

    async def _insert(self, model: Any, values: dict[str, Any]) -> int:
        async with self.engine.begin() as connection:
            result = await connection.execute(insert(model).returning(model.id), [values])
            return result.scalar_one()

    async def _link(self, table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            async with self.engine.begin() as connection:
                await connection.execute(insert(table), rows)

    async def municipalities(self) -> None:
        """Insert the 43 reference municipalities."""
        rows = [
            {
                "code": record.code,
                "oktmo": record.oktmo,
                "name": record.name,
                "kind": record.kind,
                "search_key": normalize_text(record.name),
            }
            for record in municipalities()
        ]
        async with self.engine.begin() as connection:
            await connection.execute(insert(models.Municipality), rows)
            found = await connection.execute(select(models.Municipality.code, models.Municipality.id))
            self.municipality_ids = dict(found.all())

    async def organization(self, name: str | None = None, municipality: str = CHELYABINSK, **values: Any) -> int:
        name = name or f"МАОУ «СОШ № {next(self._sequence)}»"
        row = {
            "name": name,
            "short_name": values.pop("short_name", None),
            "kind": OrganizationKind.SCHOOL,
            "municipality_id": self.municipality_ids[municipality],
            **values,
        }
        row["search_key"] = normalize_text(f"{name} {row['short_name'] or ''}")
        return await self._insert(models.Organization, row)

    async def program(self, organization_id: int, title: str = "Робототехника", **values: Any) -> int:
        levels = values.pop("levels", [])
        adapted_for = values.pop("adapted_for", [])
        partners = values.pop("partners", [])
        now = datetime.now(UTC)
        row = {
            "title": title,
            "orientation": Orientation.TECHNICAL,
            "program_type": ProgramType.GENERAL_DEVELOPMENTAL,
            "study_form": StudyForm.FULL_TIME,
            "is_network": bool(partners),
            "uses_distance_learning": False,
            "is_adapted": bool(adapted_for),
            "age_from": 7,
            "age_to": 14,
            "financing": FinancingSource.CERTIFICATE,
            "status": ProgramStatus.PUBLISHED,
            "school_year": 2024,
            "organization_id": organization_id,
            "municipality_id": values.pop("municipality_id", None) or await self._municipality_of(organization_id),
            "created_at": now,
            "updated_at": now,
            "search_key": normalize_text(title),
            **values,
        }
        program_id = await self._insert(models.Program, row)
        await self._link(models.program_levels, [{"program_id": program_id, "level": level} for level in levels])
        await self._link(
            models.program_adapted_for, [{"program_id": program_id, "category": c} for c in adapted_for]
        )
        await self._link(
            models.program_partners, [{"program_id": program_id, "organization_id": p} for p in partners]
        )
        return program_id

    async def _municipality_of(self, organization_id: int) -> int:
        async with self.engine.connect() as connection:
            statement = select(models.Organization.municipality_id).where(models.Organization.id == organization_id)
            return (await connection.execute(statement)).scalar_one()

    async def participant(self, organization_id: int | None = None, **values: Any) -> int:
        number = next(self._sequence)
        municipality_id = (
            await self._municipality_of(organization_id)
            if organization_id
            else self.municipality_ids[CHELYABINSK]
        )
        row = {
            "external_id": f"test-person-{number}",
            "category": ParticipantCategory.STUDENT,
            "municipality_id": municipality_id,
            "organization_id": organization_id,
            "grade": 7,
            "birth_year": 2011,
            "last_name": "Иванова",
            "first_name": "Мария",
            "middle_name": "Петровна",
            "birth_date": date(2011, 3, 14),
            "has_disability_status": False,
            "is_disabled_child": False,
            **values,
        }
        return await self._insert(models.Participant, row)

    async def enrollment(self, participant_id: int, program_id: int, **values: Any) -> int:
        row = {
            "participant_id": participant_id,
            "program_id": program_id,
            "school_year": 2024,
            "status": "ENROLLED",
            "enrolled_at": datetime(2024, 9, 10, 5, 0, tzinfo=UTC),
            **values,
        }
        return await self._insert(models.Enrollment, row)

    async def innovation_site(self, organization_id: int, title: str = "Модель сопровождения одарённых детей", **values: Any) -> int:
        row = {
            "title": title,
            "kind": InnovationSiteKind.REGIONAL_INNOVATION_SITE,
            "status": InnovationSiteStatus.ACTIVE,
            "organization_id": organization_id,
            "start_date": date(2023, 1, 20),
            "end_date": date(2025, 12, 31),
            "search_key": normalize_text(title),
            **values,
        }
        return await self._insert(models.InnovationSite, row)

    async def event(self, title: str = "Олимпиада по математике", **values: Any) -> int:
        starts_at = values.pop("starts_at", datetime(2024, 10, 5, 4, 0, tzinfo=UTC))
        row = {
            "title": title,
            "kind": EventKind.CONTEST,
            "level": EventLevel.REGIONAL,
            "format": EventFormat.OFFLINE,
            "starts_at": starts_at,
            "ends_at": values.pop("ends_at", starts_at + timedelta(hours=4)),
            "school_year": school_year_of(starts_at),
            "in_federal_list": False,
            "search_key": normalize_text(title),
            **values,
        }
        return await self._insert(models.Event, row)

    async def participation(self, participant_id: int, event_id: int, **values: Any) -> int:
        async with self.engine.connect() as connection:
            event_row = (await connection.execute(select(models.Event).where(models.Event.id == event_id))).one()
            person = (
                await connection.execute(select(models.Participant).where(models.Participant.id == participant_id))
            ).one()
        row = {
            "participant_id": participant_id,
            "event_id": event_id,
            "result": ParticipationResult.PARTICIPANT,
            **snapshot_of(event_row._mapping, person._mapping),
            **values,
        }
        return await self._insert(models.Participation, row)

    async def roadmap_item(self, number: str, title: str = "Проведение региональных олимпиад", **values: Any) -> int:
        row = {
            "number": number,
            "number_key": models.roadmap_number_key(number),
            "title": title,
            "status": RoadmapItemStatus.PLANNED,
            "search_key": normalize_text(title),
            **values,
        }
        return await self._insert(models.RoadmapItem, row)

    async def publication(self, title: str = "Стартовал региональный конкурс", **values: Any) -> int:
        audiences = values.pop("audiences", [ParticipantCategory.PARENT, ParticipantCategory.STUDENT])
        status = values.pop("status", PublicationStatus.PUBLISHED)
        now = datetime.now(UTC)
        row = {
            "title": title,
            "body": "Текст **новости**.",
            "kind": PublicationKind.NEWS,
            "status": status,
            "attachments": [],
            "published_at": now if status is PublicationStatus.PUBLISHED else None,
            "created_at": now,
            "updated_at": now,
            "search_key": normalize_text(title),
            **values,
        }
        publication_id = await self._insert(models.Publication, row)
        await self._link(
            models.publication_audiences, [{"publication_id": publication_id, "category": c} for c in audiences]
        )
        return publication_id

    async def community(self, coordinator_id: int, title: str = "Сообщество учителей математики", **values: Any) -> int:
        members = values.pop("member_organizations", [])
        row = {
            "title": title,
            "topic": "Олимпиадная математика",
            "coordinating_organization_id": coordinator_id,
            "founded_on": date(2022, 9, 1),
            "search_key": normalize_text(f"{title} {values.get('topic', 'Олимпиадная математика')}"),
            **values,
        }
        community_id = await self._insert(models.ProfessionalCommunity, row)
        await self._link(
            models.community_organizations, [{"community_id": community_id, "organization_id": o} for o in members]
        )
        return community_id

    async def community_member(self, community_id: int, participant_id: int, **values: Any) -> int:
        row = {
            "community_id": community_id,
            "participant_id": participant_id,
            "role": "MEMBER",
            "joined_on": date(2022, 9, 1),
            **values,
        }
        return await self._insert(models.CommunityMember, row)

    async def teacher(self, organization_id: int, **values: Any) -> int:
        defaults = {
            "category": ParticipantCategory.TEACHER,
            "grade": None,
            "birth_year": 1985,
            "birth_date": date(1985, 5, 2),
            "last_name": "Смирнова",
            "first_name": "Елена",
            "middle_name": "Викторовна",
        }
        return await self.participant(organization_id, **{**defaults, **values})

    async def practice(self, organization_id: int, title: str = "Олимпиадный клуб «Эрудит»", **values: Any) -> int:
        authors = values.pop("authors", [])
        status = values.pop("status", PracticeStatus.PUBLISHED)
        now = datetime.now(UTC)
        row = {
            "title": title,
            "summary": "Еженедельные занятия для мотивированных школьников.",
            "organization_id": organization_id,
            "status": status,
            "materials": [],
            "published_at": now if status is PracticeStatus.PUBLISHED else None,
            "created_at": now,
            "updated_at": now,
            "search_key": normalize_text(title),
            **values,
        }
        practice_id = await self._insert(models.EffectivePractice, row)
        await self._link(models.practice_authors, [{"practice_id": practice_id, "participant_id": a} for a in authors])
        return practice_id
