"""Counts shown without personal-data access are moved by cell keys: stable, small and unbiased."""

import statistics

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from db.demo import load_demo, scaled_size
from db.engine import create_engine
from resolvers.monitoring.perturbation import perturb

TABLE = """query T($filter: ParticipationStatsFilter) { monitoring { participation(groupBy: [MUNICIPALITY, SCHOOL_YEAR], filter: $filter) {
  total { participations participants winners prizeWinners }
  rows { municipality { code } schoolYear participations participants winners prizeWinners suppressed } } } }"""


def test_perturb_keeps_zero_and_positive_counts() -> None:
    assert perturb(0, 12345) == 0
    assert perturb(None, 12345) is None
    for count in range(1, 60):
        for key in range(0, 2_000_000, 9_973):
            moved = perturb(count, key)
            assert moved is not None
            assert max(count - 2, 1) <= moved <= count + 2


def test_perturb_is_deterministic_and_unbiased() -> None:
    moves = [perturb(100, key) - 100 for key in range(0, 1_000_003, 101)]  # type: ignore[operator]

    assert perturb(100, 777) == perturb(100, 777)
    assert abs(statistics.mean(moves)) < 0.05
    assert set(moves) == {-2, -1, 0, 1, 2}


async def answers(database_url: str, perturbation: bool, filters: list[dict | None]) -> list[dict]:
    app = create_app(Settings(database_url=database_url, perturbation=perturbation))
    results = []
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            for filter in filters:
                body = (await http.post("/graphql", json={"query": TABLE, "variables": {"filter": filter}})).json()
                results.append(body["data"]["monitoring"]["participation"])
    return results


@pytest.fixture
async def demo_url(database_url: str) -> str:
    engine = create_engine(database_url)
    await load_demo(engine, scaled_size(0.1))
    await engine.dispose()
    return database_url


def cells(table: dict) -> dict[tuple[str, int], dict]:
    return {(row["municipality"]["code"], row["schoolYear"]): row for row in table["rows"]}


async def test_perturbed_table_is_stable_and_close(demo_url: str) -> None:
    true_table, = await answers(demo_url, False, [None])
    first, second = await answers(demo_url, True, [None, None])

    assert first == second
    truth, shown = cells(true_table), cells(first)
    moved = 0
    for key, row in shown.items():
        if row["suppressed"]:
            continue
        assert abs(row["participations"] - truth[key]["participations"]) <= 2
        assert row["participants"] <= row["participations"]
        assert row["winners"] + row["prizeWinners"] <= row["participations"]
        moved += row["participations"] != truth[key]["participations"]
    visible = sum(not row["suppressed"] for row in shown.values())
    # About 60 % of counts move; the bounds leave room for chance on a table of this size.
    assert 0.3 < moved / visible < 0.9


async def test_query_difference_stays_uncertain(demo_url: str) -> None:
    # The total of a municipality and year, minus the same with `hasDisabilityStatus: false`,
    # would be the participations of children with a disability status.
    filters: list[dict | None] = [None, {"hasDisabilityStatus": False}]
    true_all, true_without = await answers(demo_url, False, filters)
    shown_all, shown_without = await answers(demo_url, True, filters)

    truth_all, truth_without = cells(true_all), cells(true_without)
    seen_all, seen_without = cells(shown_all), cells(shown_without)
    exact = attempts = 0
    for key in truth_all:
        if key not in truth_without or seen_all[key]["suppressed"] or seen_without[key]["suppressed"]:
            continue
        true_difference = truth_all[key]["participations"] - truth_without[key]["participations"]
        if true_difference == 0:
            continue
        attempts += 1
        exact += seen_all[key]["participations"] - seen_without[key]["participations"] == true_difference

    assert attempts > 20
    # Unrelated moves of -2..+2 make the difference exact only by chance, about a quarter of the time.
    assert exact / attempts < 0.5
