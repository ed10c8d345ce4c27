"""The demo region's publications, communities, members and practices."""

from collections import Counter
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db import models
from db.demo import DEFAULT_SEED, load_demo, scaled_size
from db.demo.generate import generate_region
from db.engine import create_engine
from db.enums import ParticipantCategory, PracticeStatus, PublicationStatus
from db.timezone import to_local

SMALL = scaled_size(0.1)
INFORMATION_TABLES = (
    "publications",
    "publication_audiences",
    "professional_communities",
    "community_organizations",
    "community_members",
    "effective_practices",
    "practice_authors",
    "practice_audiences",
)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


def test_demo_information_is_deterministic() -> None:
    first = generate_region(SMALL, seed=11)
    second = generate_region(SMALL, seed=11)
    other_seed = generate_region(SMALL, seed=12)

    for table in INFORMATION_TABLES:
        assert first[table] == second[table], table
        assert first[table], table
    assert [event["community_id"] for event in first["events"]] == [event["community_id"] for event in second["events"]]
    assert first["publications"] != other_seed["publications"]


def test_demo_information_follows_region_size() -> None:
    tables = generate_region(scaled_size(1.0), DEFAULT_SEED)

    assert len(tables["publications"]) == 300
    assert len(tables["professional_communities"]) == 30
    assert len(tables["effective_practices"]) == 100
    statuses = Counter(row["status"] for row in tables["publications"])
    assert statuses[PublicationStatus.PUBLISHED] > statuses[PublicationStatus.DRAFT] > 0
    assert sum(1 for event in tables["events"] if event["community_id"] is not None) > 0


def test_demo_members_and_authors_are_staff() -> None:
    tables = generate_region(SMALL, DEFAULT_SEED)
    category = {row["id"]: row["category"] for row in tables["participants"]}
    staff = {ParticipantCategory.TEACHER, ParticipantCategory.MANAGER}

    assert {category[row["participant_id"]] for row in tables["community_members"]} <= staff
    assert {category[row["participant_id"]] for row in tables["practice_authors"]} <= staff
    pairs = [(row["community_id"], row["participant_id"]) for row in tables["community_members"]]
    assert len(pairs) == len(set(pairs))


def test_demo_dates_are_consistent() -> None:
    tables = generate_region(SMALL, DEFAULT_SEED)
    communities = {row["id"]: row for row in tables["professional_communities"]}

    for publication in tables["publications"]:
        assert (publication["published_at"] is None) == (publication["status"] is PublicationStatus.DRAFT)
    for practice in tables["effective_practices"]:
        assert (practice["published_at"] is None) == (practice["status"] is not PracticeStatus.PUBLISHED)
        if practice["status"] is PracticeStatus.REJECTED:
            assert practice["review_comment"]
    for member in tables["community_members"]:
        community = communities[member["community_id"]]
        assert community["founded_on"] <= member["joined_on"]
        assert member["left_on"] is None or member["joined_on"] <= member["left_on"]
    for event in tables["events"]:
        if event["community_id"] is not None:
            community = communities[event["community_id"]]
            day = to_local(event["starts_at"]).date()
            assert community["founded_on"] <= day
            assert community["closed_on"] is None or day <= community["closed_on"]


async def test_demo_loads_information_tables(engine: AsyncEngine) -> None:
    counts = await load_demo(engine, SMALL)

    async with engine.connect() as connection:
        for table in ("publications", "professional_communities", "community_members", "effective_practices"):
            model = {
                "publications": models.Publication,
                "professional_communities": models.ProfessionalCommunity,
                "community_members": models.CommunityMember,
                "effective_practices": models.EffectivePractice,
            }[table]
            stored = await connection.scalar(select(func.count()).select_from(model))
            assert stored == counts[table] > 0, table
        held = await connection.scalar(
            select(func.count()).select_from(models.Event).where(models.Event.community_id.is_not(None))
        )
    assert held > 0
