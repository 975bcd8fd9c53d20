import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client.js";
import { migrateToLatest } from "../migrator.js";
import type { CommentStatus, Visibility } from "../schema.js";
import { PUBLIC_VIEWER, listOwnUnlistedComments, listSectionComments } from "./comment.js";
import { listSuggestionQuotes, listTopLevelComments } from "./history.js";

// Every query that returns comment text filters in its `where`, for the viewer it is given.
describe("comment queries return only what their viewer may read", () => {
  let dir: string;
  let db: Db;
  const TEAM = { userId: null, team: true, confidential: true };
  /** A moderator, or a drafter when the consultation names recipient bodies: the team, but not a recipient. */
  const OTHER_TEAM = { userId: "moderator", team: true, confidential: false };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "margin-unit-"));
    db = createDb(`file:${join(dir, "t.sqlite")}`);
    await migrateToLatest(db.kysely);
    const at = new Date().toISOString();
    for (const u of ["author", "team", "other"]) {
      await db.kysely.insertInto("user").values({ id: u, email: `${u}@example.org`, display_name: u, organisation: "", stakeholder_group: "other", password_hash: "x", site_role: "member", created_at: at }).execute();
    }
    await db.kysely.insertInto("consultation").values({ id: "c", slug: "c-c", title: "C", summary: "", status: "open", opens_at: null, closes_at: null, moderation_mode: "post", created_by: "team", created_at: at, updated_at: at }).execute();
    await db.kysely.insertInto("section").values({ id: "s", consultation_id: "c", position: 1, title: "S", created_at: at, updated_at: at }).execute();
    const comment = (id: string, author: string, parentId: string | null, visibility: Visibility, status: CommentStatus, kind: "comment" | "suggestion" = "comment") =>
      db.kysely
        .insertInto("comment")
        .values({ id, section_id: "s", consultation_id: "c", author_id: author, parent_id: parentId, kind, body: `BODY-${id}`, replacement: kind === "suggestion" ? `NEW-${id}` : null, quote_exact: kind === "suggestion" ? `OLD-${id}` : null, base_seq: 0, visibility, status, created_at: at } as never)
        .execute();
    await comment("open", "author", null, "public", "published");
    await comment("secret", "author", null, "confidential", "published", "suggestion");
    await comment("held", "author", null, "public", "pending");
    await comment("secret-team-reply", "team", "secret", "confidential", "published");
    await comment("secret-own-reply", "author", "secret", "confidential", "published");
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports, exports and version pages read top-level items for a viewer", async () => {
    expect((await listTopLevelComments(db.kysely, "c", PUBLIC_VIEWER)).map((r) => r.id)).toEqual(["open"]);
    expect((await listTopLevelComments(db.kysely, "c", { userId: "other", team: false, confidential: false })).map((r) => r.id)).toEqual(["open"]);
    expect((await listTopLevelComments(db.kysely, "c", TEAM)).map((r) => r.id).sort()).toEqual(["open", "secret"]);
    expect((await listTopLevelComments(db.kysely, "c", OTHER_TEAM)).map((r) => r.id)).toEqual(["open"]);
  });

  it("section lists hold the confidential thread for the team and its submitter only", async () => {
    expect((await listSectionComments(db.kysely, "s", PUBLIC_VIEWER)).map((r) => r.id)).toEqual(["open"]);
    expect((await listSectionComments(db.kysely, "s", { userId: "other", team: false, confidential: false })).map((r) => r.id)).toEqual(["open"]);
    expect((await listSectionComments(db.kysely, "s", { userId: "author", team: false, confidential: false })).map((r) => r.id).sort()).toEqual(["held", "open", "secret", "secret-own-reply", "secret-team-reply"]);
    expect((await listOwnUnlistedComments(db.kysely, "s", "author")).map((r) => r.id).sort()).toEqual(["held", "secret", "secret-own-reply", "secret-team-reply"]);
    expect(await listOwnUnlistedComments(db.kysely, "s", "other")).toEqual([]);
  });

  it("the history page's suggestion quotes follow the same rule", async () => {
    expect(await listSuggestionQuotes(db.kysely, ["secret"], PUBLIC_VIEWER)).toEqual([]);
    expect((await listSuggestionQuotes(db.kysely, ["secret"], TEAM)).map((r) => r.id)).toEqual(["secret"]);
    expect(await listSuggestionQuotes(db.kysely, ["secret"], OTHER_TEAM)).toEqual([]);
  });

  it("has no call without a viewer (a type error, so a new caller cannot forget)", () => {
    // @ts-expect-error the viewer is required
    void (() => listTopLevelComments(db.kysely, "c"));
    // @ts-expect-error the viewer is required
    void (() => listSectionComments(db.kysely, "s"));
    // @ts-expect-error the viewer is required
    void (() => listSuggestionQuotes(db.kysely, ["secret"]));
  });
});
