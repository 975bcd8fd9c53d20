import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client.js";
import { migrateToLatest } from "../migrator.js";
import { insertSectionUpdates, listSectionUpdatesAfter } from "./collab.js";

describe("insertSectionUpdates", () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "margin-unit-"));
    db = createDb(`file:${join(dir, "t.sqlite")}`);
    await migrateToLatest(db.kysely);
    const at = new Date().toISOString();
    await db.kysely.insertInto("user").values({ id: "u", email: "u@example.org", display_name: "U", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
    await db.kysely.insertInto("consultation").values({ id: "c", slug: "c-c", title: "C", summary: "", status: "draft", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "u", created_at: at, updated_at: at }).execute();
    await db.kysely.insertInto("section").values({ id: "s", consultation_id: "c", position: 1, title: "S", created_at: at, updated_at: at }).execute();
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores a batch far larger than SQLite's bound-variable limit", async () => {
    const at = new Date().toISOString();
    const rows = Array.from({ length: 5000 }, (_, i) => ({ section_id: "s", seq: i + 1, user_id: "u", created_at: at, data: new Uint8Array([i % 256, 1]) }));
    await insertSectionUpdates(db.kysely, rows);
    const back = await listSectionUpdatesAfter(db.kysely, "s", 4990);
    expect(back.map((r) => r.seq)).toEqual([4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000]);
    expect([...back[0]!.data]).toEqual([4990 % 256, 1]);
  });
});
