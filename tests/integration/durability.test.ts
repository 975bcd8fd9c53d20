import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { connectReplica, firstText, sameYjsState, synced, waitFor, yjsState, type Replica } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
// The burst below is 200 updates at once; the per-socket message limit is not what this test is about.
const ENV = { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_CHANGESET_IDLE_MS: "60000", COLLAB_MESSAGE_BURST: "2000" };

describe.each(databaseKinds())("durability under kill -9 on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  const replicas: Replica[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, ENV);
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await server?.stop();
    await tdb?.drop();
  });

  it("keeps every edit another client has seen, and folds it into the history on restart", async () => {
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    const id = c.sections[6].id as string;
    const writer = connectReplica(server.url, id, `margin_session=${owner.cookie("margin_session")}`);
    const watcher = connectReplica(server.url, id);
    replicas.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);

    // A burst of edits; the watcher's view is what "seen" means.
    const t = firstText(writer.doc);
    for (let i = 0; i < 200; i++) t.insert(0, `${i % 10}`);
    await waitFor(() => watcher.text() === writer.text() && sameYjsState([watcher.doc, writer.doc]), 10_000, "the watcher to see the burst");
    const seen = watcher.text();
    const seenState = yjsState(watcher.doc);
    await server.kill9();
    writer.destroy();
    watcher.destroy();

    server = await startServer(tdb.url, ENV);
    const fresh = connectReplica(server.url, id);
    replicas.push(fresh);
    await synced(fresh);
    expect(fresh.text()).toBe(seen);
    expect(yjsState(fresh.doc)).toEqual(seenState);

    // The change set that was still open at the crash is recovered on load.
    const history = await (await fetch(`${server.url}/api/v1/sections/${id}/history`)).json();
    // Readers see the history from the opening on: the crash-recovered change set, not the drafting before it.
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ seqFrom: 2, inserted: 200, deleted: 0 });
    expect(history.items[0].authors[0].name).toBe("Olivia Owner");
    expect(history.items[0].seq).toBe((await (await fetch(`${server.url}/api/v1/sections/${id}`)).json()).seq);
  });
});
