// PostGraphile v5 with the amber preset over the benchmark database, served by Node's HTTP server.
//
// Usage: node_modules/node/bin/node server.mjs DATABASE_URL PORT
// It listens on 127.0.0.1 only, exposes the `public` schema, and prints "ready" once the
// schema is built. The pool size matches our server's (10 connections).
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const [connectionString, portText] = process.argv.slice(2);
const port = Number(portText);
if (!connectionString || !Number.isInteger(port)) {
  console.error("usage: server.mjs DATABASE_URL PORT");
  process.exit(2);
}

const preset = {
  extends: [PostGraphileAmberPreset],
  // Amber offers conditions and orders only on indexed columns; the workloads filter enrollments
  // by their unindexed status, as our enrolledCount does.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString, schemas: ["public"], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before the first request, so that no timed request pays for it.
await pgl.getSchema();
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log("ready"));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}
