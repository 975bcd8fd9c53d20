import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { findUserByEmail } from "../../db/queries/user.js";
import { requireConsultation } from "../../server/auth/access.js";
import { changePhase } from "../../server/domain/consultations/index.js";
import { databaseSource } from "../../server/ledger/sources.js";
import { verifyLedger } from "../../server/ledger/verify.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const SLUG = "ai-guideline";

/**
 * Two owners (or one double submit) changing the phase from the same page: the
 * second decides on the phase as it is now, so no transition is recorded twice.
 */
describe.each(databaseKinds())("a phase change racing another on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    // The server migrates and seeds the demo (open for comment); the test then works on the same database.
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: "demo-password-1", DEMO_HISTORY: "0" });
    db = createDb(tdb.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("refuses a change made from a page read before another change, and records the phase once", async () => {
    const owner = (await findUserByEmail(db.kysely, "owner@example.org"))!;
    const stale = await requireConsultation(db, SLUG, owner);
    const fresh = await requireConsultation(db, SLUG, owner);
    expect(stale.consultation.status).toBe("open");
    await changePhase({ db, collab: null }, fresh, "closed");
    await expect(changePhase({ db, collab: null }, stale, "closed")).rejects.toThrow(/changed by someone else/);
    const closings = await db.kysely
      .selectFrom("phase_change")
      .select("id")
      .where("consultation_id", "=", stale.consultation.id)
      .where("to_status", "=", "closed")
      .execute();
    expect(closings).toHaveLength(1);
    expect((await verifyLedger(databaseSource(db))).problem).toBeNull();
  });
});
