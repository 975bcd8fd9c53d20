import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client.js";
import { migrateToLatest } from "./migrator.js";

const user = (id: string) => ({ id, email: `${id}@example.org`, display_name: id, organisation: "", stakeholder_group: "other" as const, password_hash: "x", site_role: "member" as const, created_at: new Date().toISOString() });

describe("SQLite transactions", () => {
  const open: Db[] = [];
  let dir = "";
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("take the write lock when they begin, so another process's write cannot make a read-then-write transaction fail", async () => {
    dir = mkdtempSync(join(tmpdir(), "margin-client-"));
    const url = `file:${join(dir, "m.sqlite")}`;
    const a = createDb(url);
    // Another process, impatient: it waits 50 ms for the lock.
    const b = createDb(url, { busyTimeoutMs: 50 });
    open.push(a, b);
    await migrateToLatest(a.kysely);
    await a.kysely.transaction().execute(async (tx) => {
      await tx.selectFrom("user").select("id").execute();
      // With a deferred `begin`, this write would commit and the transaction's own write below would then fail at once.
      await expect(b.kysely.insertInto("user").values(user("other")).execute()).rejects.toThrow(/locked|busy/i);
      await tx.insertInto("user").values(user("mine")).execute();
    });
    expect((await a.kysely.selectFrom("user").select("id").execute()).map((r) => r.id)).toEqual(["mine"]);
    await b.kysely.insertInto("user").values(user("other")).execute();
  });
});
