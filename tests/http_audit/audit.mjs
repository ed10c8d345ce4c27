// Audits a GraphQL endpoint against the GraphQL-over-HTTP spec with graphql-http.
// Usage: node audit.mjs URL
// Prints every result as one JSON array on standard output and exits with 1 when any
// result is not "ok" (a MUST error, a SHOULD warning or a MAY notice), 2 on a usage error.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs URL");
  process.exit(2);
}

async function describe(response) {
  if (!response) {
    return null;
  }
  let body;
  try {
    body = await response.clone().text();
  } catch (error) {
    body = `<body not readable: ${error.message}>`;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: body.slice(0, 2000),
  };
}

const results = await auditServer({ url });
const report = [];
for (const { id, name, status, reason, response } of results) {
  report.push({ id, name, status, reason: reason ?? null, response: await describe(response) });
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");

const failed = report.filter((result) => result.status !== "ok");
for (const result of failed) {
  console.error(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}`);
}
console.error(`${report.length - failed.length} of ${report.length} audits ok`);
process.exit(failed.length ? 1 : 0);
