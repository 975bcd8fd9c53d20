import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { connectReplica, firstText, synced, waitFor, type Replica } from "../helpers/collab.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
/** Clients that all come back at once when the server restarts. */
const CLIENTS = 100;

describe("a reconnect storm after a restart", () => {
  let tdb: TestDatabase;
  let server: TestServer;
  const replicas: Replica[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    // All the clients come from 127.0.0.1: above the per-address cap.
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_MAX_CONNECTIONS_PER_IP: "1000" });
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await server?.stop();
    await tdb?.drop();
  });

  it(`brings ${CLIENTS} clients back in sync, with the edits made while they were away and by them`, async () => {
    process.setMaxListeners(0);
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    const cookie = `margin_session=${owner.cookie("margin_session")}`;
    const section = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[2].id as string;
    const writer = connectReplica(server.url, section, cookie);
    replicas.push(writer);
    for (let i = 0; i < CLIENTS - 1; i++) replicas.push(connectReplica(server.url, section));
    await Promise.all(replicas.map(synced));

    // The server restarts on the same address; every client loses its connection at once.
    const port = new URL(server.url).port;
    await server.stop();
    await waitFor(() => replicas.every((r) => !r.provider.wsconnected), 10_000, "every client to notice");
    // The writer keeps typing meanwhile.
    firstText(writer.doc).insert(0, "Typed during the restart. ");
    server = await startServer(tdb.url, { DEMO_PASSWORD: PASSWORD, PORT: port, COLLAB_MAX_CONNECTIONS_PER_IP: "1000" });

    await waitFor(() => replicas.every((r) => r.provider.wsconnected && r.provider.synced), 30_000, "every client to reconnect and sync");
    await waitFor(() => replicas.every((r) => r.text().startsWith("Typed during the restart.")), 15_000, "the offline edit to reach everyone");
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health.collab.connections).toBe(CLIENTS);
    expect(health.collab.docs).toBe(1);
    // And it was stored, not just relayed.
    expect(((await (await fetch(`${server.url}/api/v1/sections/${section}`)).json()).text as string).startsWith("Typed during the restart.")).toBe(true);
  });
});
