import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { createDb, type Db } from "../../db/client.js";
import { migrateToLatest } from "../../db/migrator.js";
import { listDigestDue, takeDigestNotifications } from "../../db/queries/notification-inbox.js";

const ROWS = 40;

// The daily digest runs on every node: two nodes taking one person's waiting notifications at once must split them, never both send one.
describe.each(databaseKinds())("taking notifications for the digest on %s", (kind) => {
  let tdb: TestDatabase;
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    a = createDb(tdb.url, { poolSize: 2 });
    // SQLite is one node's database, written one transaction at a time: its two takers share the handle.
    b = kind === "sqlite" ? a : createDb(tdb.url, { poolSize: 2 });
    await migrateToLatest(a.kysely);
    const at = new Date(Date.now() - 60_000).toISOString();
    for (const u of ["u1", "u2"]) {
      await a.kysely.insertInto("user").values({ id: u, email: `${u}@example.org`, display_name: u, organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
    }
    for (let i = 0; i < ROWS; i++) {
      await a.kysely
        .insertInto("notification")
        .values({ id: `n${i}`, user_id: "u1", kind: "reply", dedupe_key: `reply:${i}`, consultation_id: null, link: "/", created_at: at, read_at: null, mail_state: "digest" })
        .execute();
    }
    await a.kysely.insertInto("notification").values({ id: "fresh", user_id: "u2", kind: "reply", dedupe_key: "reply:x", consultation_id: null, link: "/", created_at: new Date().toISOString(), read_at: null, mail_state: "digest" }).execute();
  });
  afterAll(async () => {
    await a?.close();
    if (b !== a) await b?.close();
    await tdb?.drop();
  });

  it("finds the people whose oldest waiting notification is old enough", async () => {
    expect(await listDigestDue(a.kysely, new Date(Date.now() - 30_000).toISOString(), 10)).toEqual(["u1"]);
    expect((await listDigestDue(a.kysely, new Date(Date.now() + 1000).toISOString(), 10)).sort()).toEqual(["u1", "u2"]);
  });

  it("gives each waiting notification to one taker only, whichever node asks", async () => {
    const take = (db: Db) => db.kysely.transaction().execute((tx) => takeDigestNotifications(tx, "u1"));
    const [first, second] = await Promise.all([take(a), take(b)]);
    const ids = [...first, ...second].map((r) => r.id);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    expect(await take(a)).toHaveLength(0);
    const states = await a.kysely.selectFrom("notification").select("mail_state").where("user_id", "=", "u1").execute();
    expect(states.every((s) => s.mail_state === "digested")).toBe(true);
  });
});
