import { sql } from "kysely";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { createMigrator, migrateDownAll, migrateToLatest } from "../../db/migrator.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";

const TABLES = ["user", "session", "api_token", "consultation", "consultation_member", "section", "section_update", "change_set", "section_checkpoint", "comment", "comment_edit", "comment_reaction", "position", "moderation_action", "comment_report", "phase_change", "ledger_entry", "version", "version_section", "anchor_carry", "disposition", "ledger_checkpoint", "witness_signature", "receipt", "frozen_report", "organisation", "organisation_member", "recipient_body", "recipient_body_member", "info_request", "info_request_question", "info_request_recipient", "info_request_invitation", "info_request_section", "info_response", "info_response_revision", "info_answer", "access_log", "consultation_recipient", "search_doc", "account_token", "invitation", "notification", "follow", "mail_outbox", "notify_sweep", "working_update", "comment_group", "comment_group_member", "comment_signature", "comment_lsh", "term_df", "group_response", "topic_term"];
const MIGRATIONS = ["2026-11-26T1500-foundation", "2026-11-26T1600-collab", "2026-11-26T1700-comments", "2026-11-26T1800-moderation", "2026-11-26T1900-history", "2026-11-26T2000-cluster", "2026-11-26T2100-moderator-names", "2026-12-02T1900-confidential-replies", "2026-12-06T0500-record", "2026-12-06T0600-organisations", "2026-12-06T0700-requests", "2026-12-07T0100-languages", "2026-12-07T0200-search", "2026-12-08T0100-mail", "2026-12-08T0210-follow", "2026-12-09T0100-working-copy", "2026-12-10T0100-comment-groups", "2026-12-10T0110-campaign-variation", "2026-12-10T0120-topic-terms", "2026-12-10T0140-scale", "2026-12-10T0150-results", "2026-12-11T0100-checkpoint-format"];

async function tableNames(db: Db): Promise<string[]> {
  const rows =
    db.dialect === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db.kysely);
  return rows.rows.map((r) => r.name).filter((n) => TABLES.includes(n)).sort();
}

/** User u1's open consultation c1 with section s1, as the data migrations below find them. */
async function insertOpenSection(db: Db, at: string): Promise<void> {
  await db.kysely
    .insertInto("user")
    .values({ id: "u1", email: "a@example.org", display_name: "A", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at })
    .execute();
  await db.kysely
    .insertInto("consultation")
    .values({ id: "c1", slug: "c-one", title: "T", summary: "", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "u1", created_at: at, updated_at: at, status: "open" })
    .execute();
  await db.kysely.insertInto("section").values({ id: "s1", consultation_id: "c1", position: 1, title: "S", created_at: at, updated_at: at }).execute();
}

describe.each(databaseKinds())("migrations on %s", (kind) => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it("go up, down and up again", async () => {
    const up = MIGRATIONS.map((m) => `Up ${m}`);
    expect(await migrateToLatest(db.kysely)).toEqual(up);
    expect(await tableNames(db)).toEqual([...TABLES].sort());
    expect(await migrateToLatest(db.kysely)).toEqual([]);

    expect(await migrateDownAll(db.kysely)).toEqual(MIGRATIONS.map((m) => `Down ${m}`).reverse());
    expect(await tableNames(db)).toEqual([]);

    expect(await migrateToLatest(db.kysely)).toEqual(up);
    expect(await tableNames(db)).toEqual([...TABLES].sort());
  });

  it("enforce the constraints the code relies on", async () => {
    const at = new Date().toISOString();
    await db.kysely
      .insertInto("user")
      .values({ id: "u1", email: "a@example.org", display_name: "A", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at })
      .execute();
    await expect(
      db.kysely
        .insertInto("user")
        .values({ id: "u2", email: "a@example.org", display_name: "B", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at })
        .execute(),
    ).rejects.toThrow();
    const consultation = { id: "c1", slug: "c-one", title: "T", summary: "", opens_at: null, closes_at: null, moderation_mode: "post" as const, created_by: "u1", created_at: at, updated_at: at };
    await expect(db.kysely.insertInto("consultation").values({ ...consultation, status: "bogus" as never }).execute()).rejects.toThrow();
    await db.kysely.insertInto("consultation").values({ ...consultation, status: "draft" }).execute();
    await expect(
      db.kysely.insertInto("section").values({ id: "s1", consultation_id: "missing", position: 1, title: "S", created_at: at, updated_at: at }).execute(),
    ).rejects.toThrow();
  });

  it("mark the replies already stored in confidential threads confidential", async () => {
    await migrateDownAll(db.kysely);
    const { error } = await createMigrator(db.kysely).migrateTo("2026-11-26T2100-moderator-names");
    expect(error).toBeUndefined();
    const at = new Date().toISOString();
    await insertOpenSection(db, at);
    const comment = (id: string, parentId: string | null, visibility: "public" | "confidential") =>
      db.kysely
        .insertInto("comment")
        .values({ id, section_id: "s1", consultation_id: "c1", author_id: "u1", parent_id: parentId, kind: "comment", body: id, base_seq: 0, visibility, status: "published", created_at: at } as never)
        .execute();
    await comment("secret-root", null, "confidential");
    await comment("secret-reply", "secret-root", "public");
    await comment("open-root", null, "public");
    await comment("open-reply", "open-root", "public");

    await migrateToLatest(db.kysely);
    const rows = await db.kysely.selectFrom("comment").select(["id", "visibility"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "open-reply", visibility: "public" },
      { id: "open-root", visibility: "public" },
      { id: "secret-reply", visibility: "confidential" },
      { id: "secret-root", visibility: "confidential" },
    ]);
  });

  it("keep every section checkpoint loadable across the checkpoint-format migration, both ways", async () => {
    await migrateDownAll(db.kysely);
    const { error } = await createMigrator(db.kysely).migrateTo("2026-12-10T0150-results");
    expect(error).toBeUndefined();
    const at = new Date().toISOString();
    await insertOpenSection(db, at);
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "Hello world");
    doc.getText("t").delete(0, 6);
    const v1 = Y.encodeStateAsUpdate(doc);
    // A checkpoint as the code before ADR 041 wrote it: no format column.
    await db.kysely.insertInto("section_checkpoint").values({ section_id: "s1", seq: 1, created_at: at, data: Buffer.from(v1) } as never).execute();

    await migrateToLatest(db.kysely);
    const checkpoint = (seq: number) => db.kysely.selectFrom("section_checkpoint").select(["data", "format"]).where("seq", "=", seq).executeTakeFirstOrThrow();
    expect((await checkpoint(1)).format).toBe(1);
    await db.kysely.insertInto("section_checkpoint").values({ section_id: "s1", seq: 2, created_at: at, format: 2, data: Buffer.from(Y.encodeStateAsUpdateV2(doc)) }).execute();

    // Down, the V2 checkpoint becomes the V1 update the older code expects.
    const { error: downError } = await createMigrator(db.kysely).migrateTo("2026-12-10T0150-results");
    expect(downError).toBeUndefined();
    const older = await db.kysely.selectFrom("section_checkpoint").selectAll().where("seq", "=", 2).executeTakeFirstOrThrow();
    expect(Object.keys(older)).not.toContain("format");
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, new Uint8Array(older.data));
    expect(reloaded.getText("t").toString()).toBe("world");
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(doc));
    await migrateToLatest(db.kysely);
  });
});
