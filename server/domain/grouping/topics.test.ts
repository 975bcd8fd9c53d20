import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../db/client.js";
import { migrateToLatest } from "../../../db/migrator.js";
import type { CommentRow } from "../../../db/schema.js";
import { assignTopic, DEFAULT_TOPIC_SETTINGS } from "./topics.js";

// The engine on a real SQLite file: incremental placement, document frequencies, and what confidential texts may not shape.
describe("assignTopic", () => {
  let dir: string;
  let db: Db;
  let n = 0;
  const at = new Date().toISOString();

  async function post(body: string, visibility: "public" | "confidential" = "public"): Promise<{ id: string; terms: Record<string, number> }> {
    const id = `c${String(n++).padStart(15, "0")}`;
    const row = { id, section_id: "s", consultation_id: "k", author_id: "u", parent_id: null, kind: "comment", body, replacement: null, anchor_start: null, anchor_end: null, quote_exact: null, quote_prefix: null, quote_suffix: null, position_start: null, position_end: null, base_seq: 0, visibility, status: "published", suggestion_status: null, decided_by: null, decided_at: null, decision_reason: null, applied_seq: null, moderation_reason: null, review_requested_at: null, publication: "name", redacted_of: null, created_at: at, edited_at: null, deleted_at: null } satisfies CommentRow;
    const sig = await db.kysely.transaction().execute(async (tx) => {
      await tx.insertInto("comment").values(row).execute();
      return assignTopic(tx, db.dialect, row, DEFAULT_TOPIC_SETTINGS);
    });
    return { id, terms: sig.terms };
  }
  const topicOf = async (id: string) => (await db.kysely.selectFrom("comment_group_member").select("group_id").where("comment_id", "=", id).where("kind", "=", "topic").executeTakeFirst())?.group_id;
  const group = (id: string) => db.kysely.selectFrom("comment_group").select(["size", "terms", "centroid", "canonical_id"]).where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "margin-topics-"));
    db = createDb(`file:${join(dir, "t.sqlite")}`);
    await migrateToLatest(db.kysely);
    await db.kysely.insertInto("user").values({ id: "u", email: "u@example.org", display_name: "U", organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
    await db.kysely.insertInto("consultation").values({ id: "k", slug: "k-k", title: "K", summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "u", created_at: at, updated_at: at }).execute();
    await db.kysely.insertInto("section").values({ id: "s", consultation_id: "k", position: 1, title: "S", created_at: at, updated_at: at }).execute();
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts a topic, places a comment on the same theme in it, and another theme in a new one", async () => {
    const a = await post("Pesticide spraying near beehives kills pollinators.");
    expect(a.terms).toMatchObject({ pesticide: 1, beehives: 1, pollinators: 1 });
    const b = await post("Pollinators die when pesticide drifts into beehives; protect pollinators.");
    const c = await post("地方鉄道の運賃値上げで駅まで通えません。");
    const d = await post("鉄道の運賃と減便で駅の利用者が困っています。");
    expect(await topicOf(b.id)).toBe(await topicOf(a.id));
    expect(await topicOf(d.id)).toBe(await topicOf(c.id));
    expect(await topicOf(c.id)).not.toBe(await topicOf(a.id));
    const bees = await group((await topicOf(a.id))!);
    expect(bees.size).toBe(2);
    expect(JSON.parse(bees.terms)).toContain("pollinators");
    // The second comment sits nearer the centre than the founder (taken as exactly at the bar), so it stands for the topic.
    expect(bees.canonical_id).toBe(b.id);
    const docs = await db.kysely.selectFrom("term_df").select("df").where("consultation_id", "=", "k").where("term", "=", "").executeTakeFirstOrThrow();
    expect(Number(docs.df)).toBe(4);
    const df = await db.kysely.selectFrom("term_df").select("df").where("term", "=", "鉄道").executeTakeFirstOrThrow();
    expect(Number(df.df)).toBe(2);
  });

  it("lets a confidential submission join a topic without shaping its words, and start none", async () => {
    const a = await post("Pesticide residues on honey from beehives near fields.");
    const topic = (await topicOf(a.id))!;
    const before = await group(topic);
    const secret = await post("Pesticide beehives pollinators SECRETWORD SECRETWORD", "confidential");
    expect(await topicOf(secret.id)).toBe(topic);
    const after = await group(topic);
    expect(after.size).toBe(before.size + 1);
    expect(after.centroid).toBe(before.centroid);
    expect(after.terms).toBe(before.terms);
    expect(await db.kysely.selectFrom("term_df").select("term").where("term", "=", "secretword").executeTakeFirst()).toBeUndefined();
    // Alone on its theme, it starts no topic (its words would label it for the whole team).
    const alone = await post("Quantum annealing procurement specifics", "confidential");
    expect(await topicOf(alone.id)).toBeUndefined();
    expect(alone.terms).toMatchObject({ quantum: 1 });
  });

  it("places nothing for a text without words", async () => {
    const empty = await post("!!! 123 の は");
    expect(empty.terms).toEqual({});
    expect(await topicOf(empty.id)).toBeUndefined();
  });
});
