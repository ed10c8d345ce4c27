"""Monitoring on the demo region gives a full, plausible municipality by school year table."""

import httpx

from api.app import create_app
from api.settings import Settings
from db.demo import load_demo, scaled_size
from db.engine import create_engine

TABLE = """{ monitoring { participation(groupBy: [MUNICIPALITY, SCHOOL_YEAR]) {
  total { participations participants winners prizeWinners }
  rows { municipality { code } schoolYear participations participants winners prizeWinners suppressed }
} } }"""


async def test_demo_municipality_by_school_year(database_url: str) -> None:
    engine = create_engine(database_url)
    await load_demo(engine, scaled_size(0.3))
    await engine.dispose()

    # Exact counts, so that the visible rows can be checked against the total.
    app = create_app(Settings(database_url=database_url, perturbation=False))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            body = (await http.post("/graphql", json={"query": TABLE})).json()

    stats = body["data"]["monitoring"]["participation"]
    rows = stats["rows"]
    assert len(rows) == 43 * 5
    assert {row["schoolYear"] for row in rows} == {2020, 2021, 2022, 2023, 2024}
    assert len({row["municipality"]["code"] for row in rows}) == 43
    visible = [row for row in rows if not row["suppressed"]]
    assert len(visible) > 43 * 4
    for row in visible:
        assert row["participants"] <= row["participations"]
        assert row["winners"] + row["prizeWinners"] <= row["participations"]
    assert sum(row["participations"] for row in visible) <= stats["total"]["participations"]
    # Chelyabinsk has about a third of the region's students, so the most participations.
    by_code: dict[str, int] = {}
    for row in visible:
        by_code[row["municipality"]["code"]] = by_code.get(row["municipality"]["code"], 0) + row["participations"]
    assert max(by_code, key=by_code.__getitem__) == "MO15"
    share = (stats["total"]["winners"] + stats["total"]["prizeWinners"]) / stats["total"]["participations"]
    assert 0.02 < share < 0.3
