"""Build every row of the demo region in memory, keyed by table name."""

from db.demo.activity import People, build_enrollments, build_participations
from db.demo.events import build_events
from db.demo.geography import count_enrolled_students, demo_municipalities, municipality_rows, population_rows
from db.demo.innovation import build_innovation_sites
from db.demo.organizations import build_organizations
from db.demo.people import build_participants
from db.demo.programs import build_programs, enlarge_programs, scale_capacities
from db.demo.publications import build_information
from db.demo.roadmap import build_roadmap
from db.demo.sampling import Row, random_stream
from db.demo.size import DemoSize


def generate_region(size: DemoSize, seed: int) -> dict[str, list[Row]]:
    """Build the rows of every demo table, with primary keys 1..N assigned.

    Each step draws from its own random stream derived from `seed`, so the same size and seed
    give the same rows in every process.
    """
    municipalities = demo_municipalities()
    tables: dict[str, list[Row]] = {"municipalities": municipality_rows()}
    tables.update(build_roadmap())

    organizations = build_organizations(
        random_stream(seed, "organizations"), size.organizations, municipalities
    )
    tables["organizations"] = organizations.rows

    innovation = build_innovation_sites(
        random_stream(seed, "innovation"), size.innovation_sites, organizations
    )
    tables.update(innovation.tables())

    programs = build_programs(random_stream(seed, "programs"), size.programs, organizations)
    if size.capacity_factor != 1:
        scale_capacities(programs.programs, size.capacity_factor)
    if size.large_programs:
        enlarge_programs(random_stream(seed, "large-programs"), programs.programs, size.large_programs)
    tables.update(programs.tables())

    participants = build_participants(
        random_stream(seed, "participants"), size.participants, municipalities, organizations
    )
    tables.update(participants.tables())

    events = build_events(
        random_stream(seed, "events"), size.events, municipalities, organizations, innovation.innovation_sites
    )
    tables.update(events.tables())

    people = People(participants.participants)
    tables["participations"] = build_participations(
        random_stream(seed, "participations"),
        size.participations,
        events.events,
        events.event_audiences,
        people,
    )
    tables["enrollments"] = build_enrollments(
        random_stream(seed, "enrollments"), size.enrollments, programs.programs, people
    )

    # The population is derived from the enrollments, so it comes last.
    municipality_of_participant = {row["id"]: row["municipality_id"] for row in participants.participants}
    enrolled_students = count_enrolled_students(tables["enrollments"], municipality_of_participant)
    tables["municipality_populations"] = population_rows(
        random_stream(seed, "populations"),
        [municipality.id for municipality in municipalities],
        enrolled_students,
    )

    # Communities, practices and publications come after every other step, so that adding them
    # left the other tables' rows as they were for the same seed.
    information = build_information(
        random_stream(seed, "information"), organizations, participants.participants, events.events, tables
    )
    tables.update(information.tables())
    return tables
