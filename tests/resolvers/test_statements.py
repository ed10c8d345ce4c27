"""Statement counts stay flat as pages grow: relations load through DataLoaders."""

from tests.conftest import Client
from tests.factories import Factory
from tests.keys import sign_in

PROGRAMS_WITH_RELATIONS = """
query Programs($first: Int!) {
  programs(first: $first) {
    nodes {
      title
      enrolledCount
      levels
      organization { name municipality { name } }
      municipality { code }
    }
  }
}
"""

NESTED_CONNECTIONS = """
query Nested($first: Int!) {
  municipalities(first: $first, orderBy: [{field: CODE}]) {
    nodes {
      name
      organizations(first: 3) {
        totalCount
        nodes { name programs(first: 2) { totalCount nodes { title enrolledCount } } }
      }
    }
  }
}
"""


async def seed_region(factory: Factory, programs: int) -> None:
    """Spread programmes over several organisations and municipalities, with enrolments."""
    codes = list(factory.municipality_ids)[:6]
    schools = [await factory.organization(municipality=code) for code in codes for _ in range(2)]
    student = await factory.participant(schools[0])
    for number in range(programs):
        program = await factory.program(schools[number % len(schools)], title=f"Программа {number}", levels=["BASIC"])
        if number % 3 == 0:
            await factory.enrollment(student, program)


async def test_programs_page_size_does_not_change_statement_count(client: Client, factory: Factory) -> None:
    await seed_region(factory, 110)

    small = await client.count_statements(PROGRAMS_WITH_RELATIONS, {"first": 5})
    large = await client.count_statements(PROGRAMS_WITH_RELATIONS, {"first": 100})

    assert large == small
    # programmes, organisations, municipalities, enrolled counts and levels.
    assert large == 5


async def test_nested_connections_load_in_one_statement_per_level(client: Client, factory: Factory) -> None:
    await seed_region(factory, 40)

    two = await client.count_statements(NESTED_CONNECTIONS, {"first": 2})
    all_of_them = await client.count_statements(NESTED_CONNECTIONS, {"first": 43})

    assert all_of_them == two
    # municipalities; organisations and their count; programmes, their count and enrolled counts.
    assert all_of_them == 6


async def test_enrolled_count_excludes_withdrawn(client: Client, factory: Factory) -> None:
    await sign_in(client, factory)
    school = await factory.organization()
    program = await factory.program(school)
    for status in ["ENROLLED", "COMPLETED", "WITHDRAWN"]:
        await factory.enrollment(await factory.participant(school), program, status=status)

    data = await client.data("{ programs { nodes { enrolledCount enrollments { totalCount } } } }")

    assert data["programs"]["nodes"] == [{"enrolledCount": 2, "enrollments": {"totalCount": 3}}]
