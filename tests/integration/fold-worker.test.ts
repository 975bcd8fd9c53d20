import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDb, type Db } from "../../db/client.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { Browser } from "../helpers/client.js";
import { connectReplica, synced, waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "fold-worker-password";

// Folds of sections past COLLAB_FOLD_WORKER_MIN_BYTES compute in a worker thread (ADR 045); with 0, every fold does.
describe.each(databaseKinds())("folds computed in the fold worker on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COLLAB_FOLD_WORKER_MIN_BYTES: "0", COLLAB_CHANGESET_IDLE_MS: "200", COLLAB_CHECKPOINT_EVERY: "5" });
    db = createDb(tdb.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("writes change sets and checkpoints whose hashes an independent replay confirms", async () => {
    const owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    const section = (await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json()).sections[0].id as string;
    const before = await db.kysely.selectFrom("change_set").select("id").where("section_id", "=", section).execute();
    const r = connectReplica(server.url, section, `margin_session=${owner.cookie("margin_session")}`);
    await synced(r);
    const text = (r.doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // Three bursts with pauses past the idle close: three change sets, and checkpoints along the way.
    for (const [i, words] of [" First burst.", " Second, 二つ目.", " Third"].entries()) {
      for (const ch of words) text.insert(text.length, ch);
      const count = before.length + i + 1;
      await waitFor(async () => (await db.kysely.selectFrom("change_set").select("id").where("section_id", "=", section).execute()).length >= count, 60_000, "the burst's change set");
    }
    r.destroy();
    const api = await (await fetch(`${server.url}/api/v1/sections/${section}`)).json();
    expect(api.text).toContain("First burst. Second, 二つ目. Third");
    const checkpoints = await db.kysely.selectFrom("section_checkpoint").select("seq").where("section_id", "=", section).execute();
    // Written by a fold (the first is the seed's, at position 1).
    expect(Math.max(...checkpoints.map((c) => Number(c.seq)))).toBeGreaterThan(1);
    const report = await verifyLedger(databaseSource(db));
    expect(report.problem).toBeNull();
    expect(report.ok).toBe(true);
  });
});
