"""The benchmark workloads W1–W4, each as three equivalent requests: to our server, to the SQL
floor and to PostGraphile, with the normalisation that proves the three return the same data.

Our server and the floor must return identical `data`, global IDs and cursors included.
PostGraphile names fields and IDs its own way, so both responses are reduced to a canonical form:
primary keys instead of global IDs, moments in UTC, `hasNextPage` without cursors.

Callers: W1 and W4 are anonymous, as a public catalogue sends them. W2 and W3 carry a regional
admin key with the health-data permission: the admin lists participations without scope
conditions, and monitoring is then neither suppressed nor perturbed, so a plain SQL statement
can return the same numbers.
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# The region's zone: to_local() in db.timezone shows every DateTime in it.
REGION_ZONE = "Asia/Yekaterinburg"
REGION_OFFSET = "+05:00"
# db.models.monitoring.ALL: the summary's key value for "all municipalities" or "all years".
SUMMARY_ALL = 0


def global_id_sql(type_name: str, column: str) -> str:
    """Return SQL that computes resolvers.ids.encode_global_id(type_name, column)."""
    return f"rtrim(translate(encode(convert_to('{type_name}:' || {column}, 'UTF8'), 'base64'), '+/', '-_'), '=')"


def datetime_sql(column: str) -> str:
    """Return SQL that prints a timestamptz as our server does: ISO 8601 in the region's zone.

    Python's isoformat() writes microseconds only when they are not zero.
    """
    local = f"({column} AT TIME ZONE '{REGION_ZONE}')"
    return (
        f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
        f"|| CASE WHEN extract(microseconds FROM {local})::bigint % 1000000 <> 0 "
        f"THEN to_char({local}, '.US') ELSE '' END || '{REGION_OFFSET}'"
    )


def cursor_sql(scope: str, signature: str, values: list[str]) -> str:
    """Return SQL that computes resolvers.connections.encode_cursor for one row.

    The payload is compact JSON `[scope, signature, [values]]`, base64url without padding.
    PostgreSQL's base64 breaks lines every 76 characters, hence the replace().
    """
    parts = " || ',' || ".join(f"to_json({value})::text" for value in values)
    payload = f"'[\"{scope}\",\"{signature}\",[' || {parts} || ']]'"
    encoded = f"replace(encode(convert_to({payload}, 'UTF8'), 'base64'), E'\\n', '')"
    return f"rtrim(translate({encoded}, '+/', '-_'), '=')"


def decode_global_id(value: str) -> int:
    padded = value + "=" * (-len(value) % 4)
    return int(base64.urlsafe_b64decode(padded).decode().partition(":")[2])


def utc_moment(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(UTC).isoformat()


@dataclass(frozen=True)
class Request:
    """One GraphQL request: the document, its variables and whether it carries the bench key."""

    document: str
    variables: dict[str, Any]
    authorized: bool = False


@dataclass(frozen=True)
class Workload:
    name: str
    title: str
    ours: Request
    # The floor's SQL with $1, $2… parameters, and how to get them from our variables.
    floor_sql: str
    floor_parameters: Callable[[dict[str, Any]], list[Any]]
    # None where PostGraphile has no equivalent query.
    postgraphile: Request | None
    canonical_ours: Callable[[dict[str, Any]], Any]
    canonical_postgraphile: Callable[[dict[str, Any]], Any] | None = None
    notes: list[str] = field(default_factory=list)


# W1: a page of the programme catalogue.

W1_DOCUMENT = """query W1($first: Int!, $filter: ProgramFilter) {
  programs(first: $first, filter: $filter) {
    nodes {
      id title orientation ageFrom ageTo schoolYear enrolledCount
      organization { id name shortName }
      municipality { id name }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""

W1_VARIABLES = {"first": 50, "filter": {"schoolYears": [2024]}}

# Anonymous callers see published programmes only (resolvers.access.program_visibility); the
# default order is TITLE, which sorts by the search key, then the id. enrolledCount counts
# enrollments that are not withdrawn.
W1_FLOOR = f"""
WITH page AS (
  SELECT p.id, p.title, p.orientation, p.age_from, p.age_to, p.school_year, p.search_key,
         p.organization_id, p.municipality_id
  FROM programs p
  WHERE p.status = 'PUBLISHED' AND p.school_year = ANY($2::int[])
  ORDER BY p.search_key, p.id
  LIMIT $1 + 1
), shown AS (
  SELECT * FROM page ORDER BY search_key, id LIMIT $1
)
SELECT json_build_object('data', json_build_object('programs', json_build_object(
  'nodes', coalesce((
    SELECT json_agg(json_build_object(
      'id', {global_id_sql('Program', 's.id')},
      'title', s.title, 'orientation', s.orientation, 'ageFrom', s.age_from, 'ageTo', s.age_to,
      'schoolYear', s.school_year,
      'enrolledCount', (SELECT count(*) FROM enrollments e
                        WHERE e.program_id = s.id AND e.status IN ('ENROLLED', 'COMPLETED')),
      'organization', json_build_object('id', {global_id_sql('Organization', 'o.id')},
                                        'name', o.name, 'shortName', o.short_name),
      'municipality', json_build_object('id', {global_id_sql('Municipality', 'm.id')}, 'name', m.name)
    ) ORDER BY s.search_key, s.id)
    FROM shown s
    JOIN organizations o ON o.id = s.organization_id
    JOIN municipalities m ON m.id = s.municipality_id
  ), '[]'::json),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $1,
    'endCursor', (SELECT {cursor_sql('programs', 'TITLE:ASC,ID:ASC', ['l.search_key', 'l.id'])}
                  FROM shown l ORDER BY l.search_key DESC, l.id DESC LIMIT 1)
  )
)))::text
"""

# PostGraphile's equality conditions cannot express "status in (…)", so the enrolled count is the
# sum of two counts, both computed inside its one SQL statement.
W1_POSTGRAPHILE = Request(
    """query W1($first: Int!, $schoolYear: Int!) {
  allPrograms(first: $first, condition: {status: "PUBLISHED", schoolYear: $schoolYear},
              orderBy: [SEARCH_KEY_ASC, PRIMARY_KEY_ASC]) {
    nodes {
      rowId title orientation ageFrom ageTo schoolYear
      enrolled: enrollmentsByProgramId(condition: {status: "ENROLLED"}) { totalCount }
      completed: enrollmentsByProgramId(condition: {status: "COMPLETED"}) { totalCount }
      organizationByOrganizationId { rowId name shortName }
      municipalityByMunicipalityId { rowId name }
    }
    pageInfo { hasNextPage endCursor }
  }
}""",
    {"first": 50, "schoolYear": 2024},
)


def w1_ours(data: dict[str, Any]) -> Any:
    connection = data["programs"]
    return {
        "hasNextPage": connection["pageInfo"]["hasNextPage"],
        "nodes": [
            {
                "id": decode_global_id(node["id"]),
                "title": node["title"],
                "orientation": node["orientation"],
                "ages": [node["ageFrom"], node["ageTo"]],
                "schoolYear": node["schoolYear"],
                "enrolledCount": node["enrolledCount"],
                "organization": [
                    decode_global_id(node["organization"]["id"]),
                    node["organization"]["name"],
                    node["organization"]["shortName"],
                ],
                "municipality": [decode_global_id(node["municipality"]["id"]), node["municipality"]["name"]],
            }
            for node in connection["nodes"]
        ],
    }


def w1_postgraphile(data: dict[str, Any]) -> Any:
    connection = data["allPrograms"]
    return {
        "hasNextPage": connection["pageInfo"]["hasNextPage"],
        "nodes": [
            {
                "id": node["rowId"],
                "title": node["title"],
                "orientation": node["orientation"],
                "ages": [node["ageFrom"], node["ageTo"]],
                "schoolYear": node["schoolYear"],
                "enrolledCount": node["enrolled"]["totalCount"] + node["completed"]["totalCount"],
                "organization": [
                    node["organizationByOrganizationId"]["rowId"],
                    node["organizationByOrganizationId"]["name"],
                    node["organizationByOrganizationId"]["shortName"],
                ],
                "municipality": [
                    node["municipalityByMunicipalityId"]["rowId"],
                    node["municipalityByMunicipalityId"]["name"],
                ],
            }
            for node in connection["nodes"]
        ],
    }


# W2: a page of participations with the participant's non-personal fields and the event.

W2_DOCUMENT = """query W2($first: Int!) {
  participations(first: $first) {
    nodes {
      id result score schoolYear
      participant { id category grade birthYear sex }
      event { id title kind level startsAt }
    }
    pageInfo { hasNextPage endCursor }
  }
}"""

# No filter: a script that exports participations pages through them in id order. A school-year
# filter would measure a missing index instead of the server, because no index serves
# "school_year = … ORDER BY id" and PostgreSQL then walks the primary key past 1.5 million rows.
W2_VARIABLES = {"first": 100}

W2_FLOOR = f"""
WITH page AS (
  SELECT p.id, p.result, p.score, p.school_year, p.participant_id, p.event_id
  FROM participations p
  ORDER BY p.id
  LIMIT $1 + 1
), shown AS (
  SELECT * FROM page ORDER BY id LIMIT $1
)
SELECT json_build_object('data', json_build_object('participations', json_build_object(
  'nodes', coalesce((
    SELECT json_agg(json_build_object(
      'id', {global_id_sql('Participation', 's.id')},
      'result', s.result, 'score', s.score, 'schoolYear', s.school_year,
      'participant', json_build_object('id', {global_id_sql('Participant', 'pa.id')}, 'category', pa.category,
                                       'grade', pa.grade, 'birthYear', pa.birth_year, 'sex', pa.sex),
      'event', json_build_object('id', {global_id_sql('Event', 'ev.id')}, 'title', ev.title, 'kind', ev.kind,
                                 'level', ev.level, 'startsAt', {datetime_sql('ev.starts_at')})
    ) ORDER BY s.id)
    FROM shown s
    JOIN participants pa ON pa.id = s.participant_id
    JOIN events ev ON ev.id = s.event_id
  ), '[]'::json),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $1,
    'endCursor', (SELECT {cursor_sql('participations', 'ID:ASC', ['l.id'])}
                  FROM shown l ORDER BY l.id DESC LIMIT 1)
  )
)))::text
"""

W2_POSTGRAPHILE = Request(
    """query W2($first: Int!) {
  allParticipations(first: $first, orderBy: [PRIMARY_KEY_ASC]) {
    nodes {
      rowId result score schoolYear
      participantByParticipantId { rowId category grade birthYear sex }
      eventByEventId { rowId title kind level startsAt }
    }
    pageInfo { hasNextPage endCursor }
  }
}""",
    {"first": 100},
)


def w2_ours(data: dict[str, Any]) -> Any:
    connection = data["participations"]
    return {
        "hasNextPage": connection["pageInfo"]["hasNextPage"],
        "nodes": [
            {
                "id": decode_global_id(node["id"]),
                "result": node["result"],
                "score": node["score"],
                "schoolYear": node["schoolYear"],
                "participant": [
                    decode_global_id(node["participant"]["id"]),
                    node["participant"]["category"],
                    node["participant"]["grade"],
                    node["participant"]["birthYear"],
                    node["participant"]["sex"],
                ],
                "event": [
                    decode_global_id(node["event"]["id"]),
                    node["event"]["title"],
                    node["event"]["kind"],
                    node["event"]["level"],
                    utc_moment(node["event"]["startsAt"]),
                ],
            }
            for node in connection["nodes"]
        ],
    }


def w2_postgraphile(data: dict[str, Any]) -> Any:
    connection = data["allParticipations"]
    return {
        "hasNextPage": connection["pageInfo"]["hasNextPage"],
        "nodes": [
            {
                "id": node["rowId"],
                "result": node["result"],
                "score": node["score"],
                "schoolYear": node["schoolYear"],
                "participant": [
                    node["participantByParticipantId"]["rowId"],
                    node["participantByParticipantId"]["category"],
                    node["participantByParticipantId"]["grade"],
                    node["participantByParticipantId"]["birthYear"],
                    node["participantByParticipantId"]["sex"],
                ],
                "event": [
                    node["eventByEventId"]["rowId"],
                    node["eventByEventId"]["title"],
                    node["eventByEventId"]["kind"],
                    node["eventByEventId"]["level"],
                    utc_moment(node["eventByEventId"]["startsAt"]),
                ],
            }
            for node in connection["nodes"]
        ],
    }


# W3: participation monitoring by municipality and school year.

W3_DOCUMENT = """query W3($groupBy: [ParticipationDimension!]!) {
  monitoring {
    participation(groupBy: $groupBy) {
      asOf
      total { participations participants winners prizeWinners }
      rows {
        municipality { id name }
        schoolYear participations participants winners prizeWinners
        winnersAndPrizeWinnersShare { numerator denominator value }
        suppressed
      }
    }
  }
}"""

W3_VARIABLES = {"groupBy": ["MUNICIPALITY", "SCHOOL_YEAR"]}

# Our server reads this cut from the summary table (resolvers.monitoring.summary) after
# refreshing dirty buckets. The floor reads the same table and assumes that no bucket is dirty,
# which is true on the benchmark database because nothing writes to it.
W3_FLOOR = f"""
WITH cells AS (
  SELECT s.* FROM monitoring_summary s
  WHERE s.municipality_id <> {SUMMARY_ALL} AND s.school_year <> {SUMMARY_ALL}
), total AS (
  SELECT * FROM monitoring_summary WHERE municipality_id = {SUMMARY_ALL} AND school_year = {SUMMARY_ALL}
)
SELECT json_build_object('data', json_build_object('monitoring', json_build_object('participation', json_build_object(
  'asOf', (SELECT {datetime_sql('min(refreshed_at)')}
           FROM (SELECT refreshed_at FROM cells UNION ALL SELECT refreshed_at FROM total) AS found),
  'total', (SELECT json_build_object('participations', participations, 'participants', participants,
                                     'winners', winners, 'prizeWinners', prize_winners) FROM total),
  'rows', coalesce((
    SELECT json_agg(json_build_object(
      'municipality', json_build_object('id', {global_id_sql('Municipality', 'm.id')}, 'name', m.name),
      'schoolYear', c.school_year,
      'participations', c.participations, 'participants', c.participants,
      'winners', c.winners, 'prizeWinners', c.prize_winners,
      'winnersAndPrizeWinnersShare', json_build_object(
        'numerator', c.winners + c.prize_winners,
        'denominator', c.participations,
        'value', CASE WHEN c.participations > 0
                      THEN (c.winners + c.prize_winners)::float8 / c.participations END),
      'suppressed', false
    ) ORDER BY c.municipality_id, c.school_year)
    FROM cells c JOIN municipalities m ON m.id = c.municipality_id
  ), '[]'::json)
))))::text
"""


def w3_ours(data: dict[str, Any]) -> Any:
    return data["monitoring"]["participation"]


# W4: one programme by its global ID.

W4_DOCUMENT = """query W4($id: ID!) {
  node(id: $id) {
    id
    ... on Program {
      title description orientation ageFrom ageTo hours capacity status schoolYear enrolledCount
      organization { id name }
      municipality { id name }
    }
  }
}"""

W4_FLOOR = f"""
SELECT json_build_object('data', json_build_object('node', (
  SELECT json_build_object(
    'id', {global_id_sql('Program', 'p.id')},
    'title', p.title, 'description', p.description, 'orientation', p.orientation,
    'ageFrom', p.age_from, 'ageTo', p.age_to, 'hours', p.hours, 'capacity', p.capacity,
    'status', p.status, 'schoolYear', p.school_year,
    'enrolledCount', (SELECT count(*) FROM enrollments e
                      WHERE e.program_id = p.id AND e.status IN ('ENROLLED', 'COMPLETED')),
    'organization', json_build_object('id', {global_id_sql('Organization', 'o.id')}, 'name', o.name),
    'municipality', json_build_object('id', {global_id_sql('Municipality', 'm.id')}, 'name', m.name)
  )
  FROM programs p
  JOIN organizations o ON o.id = p.organization_id
  JOIN municipalities m ON m.id = p.municipality_id
  WHERE p.id = $1 AND p.status = 'PUBLISHED'
)))::text
"""

W4_POSTGRAPHILE_DOCUMENT = """query W4($rowId: Int!) {
  programByRowId(rowId: $rowId) {
    rowId title description orientation ageFrom ageTo hours capacity status schoolYear
    enrolled: enrollmentsByProgramId(condition: {status: "ENROLLED"}) { totalCount }
    completed: enrollmentsByProgramId(condition: {status: "COMPLETED"}) { totalCount }
    organizationByOrganizationId { rowId name }
    municipalityByMunicipalityId { rowId name }
  }
}"""

W4_FIELDS = ("title", "description", "orientation", "ageFrom", "ageTo", "hours", "capacity", "status", "schoolYear")


def w4_ours(data: dict[str, Any]) -> Any:
    node = data["node"]
    return {
        "id": decode_global_id(node["id"]),
        **{name: node[name] for name in W4_FIELDS},
        "enrolledCount": node["enrolledCount"],
        "organization": [decode_global_id(node["organization"]["id"]), node["organization"]["name"]],
        "municipality": [decode_global_id(node["municipality"]["id"]), node["municipality"]["name"]],
    }


def w4_postgraphile(data: dict[str, Any]) -> Any:
    node = data["programByRowId"]
    return {
        "id": node["rowId"],
        **{name: node[name] for name in W4_FIELDS},
        "enrolledCount": node["enrolled"]["totalCount"] + node["completed"]["totalCount"],
        "organization": [node["organizationByOrganizationId"]["rowId"], node["organizationByOrganizationId"]["name"]],
        "municipality": [node["municipalityByMunicipalityId"]["rowId"], node["municipalityByMunicipalityId"]["name"]],
    }


# The programme W4 reads: the published one with the most enrollments, so that its count is
# the largest a programme page shows.
W4_PROGRAM_SQL = """
SELECT p.id FROM programs p JOIN enrollments e ON e.program_id = p.id
WHERE p.status = 'PUBLISHED'
GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1
"""


def encode_global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def build_workloads(w4_program_id: int) -> dict[str, Workload]:
    """Return W1–W4; W4 reads the programme `w4_program_id`."""
    return {
        "W1": Workload(
            "W1",
            "programs(first: 50) с организацией, муниципалитетом и enrolledCount",
            Request(W1_DOCUMENT, W1_VARIABLES),
            W1_FLOOR,
            lambda variables: [variables["first"], variables["filter"]["schoolYears"]],
            W1_POSTGRAPHILE,
            w1_ours,
            w1_postgraphile,
        ),
        "W2": Workload(
            "W2",
            "participations(first: 100) с участником и мероприятием",
            Request(W2_DOCUMENT, W2_VARIABLES, authorized=True),
            W2_FLOOR,
            lambda variables: [variables["first"]],
            Request(W2_POSTGRAPHILE.document, W2_POSTGRAPHILE.variables, authorized=True),
            w2_ours,
            w2_postgraphile,
        ),
        "W3": Workload(
            "W3",
            "monitoring.participation по MUNICIPALITY × SCHOOL_YEAR",
            Request(W3_DOCUMENT, W3_VARIABLES, authorized=True),
            W3_FLOOR,
            lambda variables: [],
            None,
            w3_ours,
        ),
        "W4": Workload(
            "W4",
            "node(id:) программы",
            Request(W4_DOCUMENT, {"id": encode_global_id("Program", w4_program_id)}),
            W4_FLOOR,
            lambda variables: [decode_global_id(variables["id"])],
            Request(W4_POSTGRAPHILE_DOCUMENT, {"rowId": w4_program_id}),
            w4_ours,
            w4_postgraphile,
        ),
    }
