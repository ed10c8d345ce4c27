// Runs graphql-request against a running Talents API and prints what it received as one JSON object.
// Usage: node client.mjs GRAPHQL_URL API_KEY
// The key must have the REGIONAL_ADMIN role. tests/api/test_clients_node.py checks the report.
// Exits with 2 on a usage error and with 1 when a request fails unexpectedly.
import { ClientError, GraphQLClient, gql } from "graphql-request";

const PAGE_SIZE = 100;
const BACKWARD_PAGE_SIZE = 50;

const ORIENTATIONS_AND_PROGRAM_COUNT = gql`
  query OrientationsAndProgramCount {
    enumLabels(name: "Orientation") { value label }
    programs { totalCount }
  }
`;

const PROGRAMS_OF_ORIENTATION = gql`
  query ProgramsOfOrientation($orientation: Orientation!) {
    programs(filter: {orientations: [$orientation]}, first: 100) {
      totalCount
      nodes { id orientation }
    }
  }
`;

const PARTICIPATIONS_PAGE = gql`
  query ParticipationsPage($first: Int!, $after: String) {
    participations(first: $first, after: $after) {
      totalCount
      nodes { id }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const PROGRAMS_FORWARD = gql`
  query ProgramsForward($first: Int!, $after: String) {
    programs(first: $first, after: $after, orderBy: [{field: TITLE}]) {
      totalCount
      nodes { id }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const PROGRAMS_BACKWARD = gql`
  query ProgramsBackward($last: Int!, $before: String) {
    programs(last: $last, before: $before, orderBy: [{field: TITLE}]) {
      totalCount
      nodes { id }
      pageInfo { hasPreviousPage startCursor }
    }
  }
`;

const FIRST_ORGANIZATION = gql`
  query FirstOrganization {
    organizations(first: 1) { nodes { id } }
  }
`;

const PROGRAM_FIELDS = `
  id title description orientation programType studyForm levels ageFrom ageTo hours financing
  capacity status schoolYear organization { id } municipality { id }
`;

const CREATE_PROGRAM = gql`
  mutation CreateProgram($input: CreateProgramInput!) {
    createProgram(input: $input) {
      program { ${PROGRAM_FIELDS} }
      userErrors { field code message }
    }
  }
`;

const UPDATE_PROGRAM = gql`
  mutation UpdateProgram($input: UpdateProgramInput!) {
    updateProgram(input: $input) {
      program { ${PROGRAM_FIELDS} }
      userErrors { field code message }
    }
  }
`;

const CREATE_EVENT = gql`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      event { id externalId }
      userErrors { field code message }
    }
  }
`;

const STUDENTS = gql`
  query Students($first: Int!) {
    participants(filter: {categories: [STUDENT]}, first: $first) { nodes { externalId } }
  }
`;

const RECORD_PARTICIPATIONS = gql`
  mutation RecordParticipations($input: RecordParticipationsInput!) {
    recordParticipations(input: $input) {
      created updated unchanged rejected
      userErrors { field code message }
    }
  }
`;

const NODE = gql`
  query Node($id: ID!) {
    node(id: $id) { id }
  }
`;

async function programsByOrientation(client) {
  const { data, headers, status } = await client.rawRequest(ORIENTATIONS_AND_PROGRAM_COUNT);
  const orientations = [];
  for (const { value } of data.enumLabels) {
    const { programs } = await client.request(PROGRAMS_OF_ORIENTATION, { orientation: value });
    orientations.push({
      orientation: value,
      totalCount: programs.totalCount,
      nodes: programs.nodes.length,
      nodeOrientations: [...new Set(programs.nodes.map((node) => node.orientation))],
    });
  }
  return {
    status,
    contentType: headers.get("content-type"),
    programCount: data.programs.totalCount,
    orientations,
  };
}

async function pageForward(client) {
  const ids = [];
  let pages = 0;
  let after = null;
  let page;
  do {
    ({ participations: page } = await client.request(PARTICIPATIONS_PAGE, { first: PAGE_SIZE, after }));
    ids.push(...page.nodes.map((node) => node.id));
    pages += 1;
    after = page.pageInfo.endCursor;
  } while (page.pageInfo.hasNextPage);
  return { pageSize: PAGE_SIZE, totalCount: page.totalCount, ids: ids.length, uniqueIds: new Set(ids).size, pages };
}

async function pageBothWays(client) {
  const forward = [];
  let after = null;
  let page;
  do {
    ({ programs: page } = await client.request(PROGRAMS_FORWARD, { first: BACKWARD_PAGE_SIZE, after }));
    forward.push(...page.nodes.map((node) => node.id));
    after = page.pageInfo.endCursor;
  } while (page.pageInfo.hasNextPage);

  let backward = [];
  let before = null;
  do {
    ({ programs: page } = await client.request(PROGRAMS_BACKWARD, { last: BACKWARD_PAGE_SIZE, before }));
    backward = [...page.nodes.map((node) => node.id), ...backward];
    before = page.pageInfo.startCursor;
  } while (page.pageInfo.hasPreviousPage);

  return { pageSize: BACKWARD_PAGE_SIZE, totalCount: page.totalCount, forward, backward };
}

async function createProgram(client, fields = {}) {
  const { organizations } = await client.request(FIRST_ORGANIZATION);
  const input = {
    title: "Робототехника для начинающих",
    orientation: "TECHNICAL",
    levels: ["STARTER", "BASIC"],
    ageFrom: 7,
    ageTo: 11,
    hours: 72,
    financing: "CERTIFICATE",
    capacity: 24,
    schoolYear: 2024,
    organizationId: organizations.nodes[0].id,
    ...fields,
  };
  const { createProgram: payload } = await client.request(CREATE_PROGRAM, { input });
  return payload;
}

async function updateTitle(client) {
  const created = await createProgram(client);
  const input = { id: created.program.id, title: "Робототехника: первые шаги" };
  const { updateProgram: updated } = await client.request(UPDATE_PROGRAM, { input });
  return { created, updated };
}

async function recordTwice(client) {
  const event = {
    externalId: `graphql-request-test-${Date.now()}`,
    title: "Конкурс юных техников (тест клиента graphql-request)",
    kind: "CONTEST",
    level: "MUNICIPAL",
    startsAt: "2024-11-15T10:00:00+05:00",
    audiences: ["STUDENT"],
  };
  const { createEvent } = await client.request(CREATE_EVENT, { input: event });
  const { participants } = await client.request(STUDENTS, { first: 10 });
  const items = participants.nodes.map((student, position) => ({
    eventExternalId: event.externalId,
    participantExternalId: student.externalId,
    result: position === 0 ? "WINNER" : "PARTICIPANT",
    score: 50 + position,
  }));
  const changed = items.map((item, position) => (position === 1 ? { ...item, result: "PRIZE_WINNER" } : item));

  const record = async (batch) =>
    (await client.request(RECORD_PARTICIPATIONS, { input: { items: batch, atomic: true } })).recordParticipations;
  return {
    eventUserErrors: createEvent.userErrors,
    items: items.length,
    first: await record(items),
    second: await record(items),
    changed: await record(changed),
  };
}

async function malformedId(client) {
  try {
    await client.request(NODE, { id: "not-a-global-id" }, { "Accept-Language": "en" });
  } catch (error) {
    if (!(error instanceof ClientError)) {
      throw error;
    }
    const { status, headers, data, errors } = error.response;
    return { status, contentType: headers.get("content-type"), data, errors };
  }
  throw new Error("node(id:) with a malformed global ID returned no GraphQL error");
}

async function userErrors(client) {
  const program = await createProgram(client, { ageFrom: 12, ageTo: 7 });
  const batch = {
    atomic: false,
    items: [{ eventExternalId: "no-such-event", participantExternalId: "no-such-person", result: "WINNER" }],
  };
  const { recordParticipations } = await client.request(RECORD_PARTICIPATIONS, { input: batch });
  return { program, recordParticipations };
}

const [url, key] = process.argv.slice(2);
if (!url || !key) {
  console.error("usage: node client.mjs GRAPHQL_URL API_KEY");
  process.exit(2);
}

const client = new GraphQLClient(url, { headers: { Authorization: `Bearer ${key}` } });
try {
  const report = {
    orientations: await programsByOrientation(client),
    forward: await pageForward(client),
    bothWays: await pageBothWays(client),
    update: await updateTitle(client),
    bulk: await recordTwice(client),
    malformedId: await malformedId(client),
    userErrors: await userErrors(client),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
} catch (error) {
  console.error(error);
  process.exit(1);
}
