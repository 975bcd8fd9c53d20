import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import type { CommentStatus, Visibility } from "../../db/schema.js";
import { can, type Actor } from "../../server/auth/policy.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const STATUSES: CommentStatus[] = ["pending", "published", "hidden", "deleted"];
const VISIBILITIES: Visibility[] = ["public", "confidential"];
const REPLIERS = [
  ["author", "industry@example.org"],
  ["team", "owner@example.org"],
] as const;
const rootId = (status: CommentStatus, visibility: Visibility) => `v${status.slice(0, 4)}${visibility.slice(0, 4)}aaaaaaa`.slice(0, 16);

// The SQL filters must agree with the policy module, for every role and comment state.
describe.each(databaseKinds())("comment visibility on every read path agrees with the policy, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let sectionId: string;
  const viewers: { name: string; browser: Browser; actor: Actor }[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });
    db = createDb(tdb.url, { poolSize: 2 });
    const c = await (await fetch(`${server.url}/api/v1/consultations/ai-guideline`)).json();
    sectionId = c.sections[4].id;
    const users = await db.kysely.selectFrom("user").select(["id", "email"]).execute();
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    const consultation = await db.kysely.selectFrom("consultation").select(["id"]).where("slug", "=", "ai-guideline").executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const insert = (id: string, body: string, authorEmail: string, parentId: string | null, status: CommentStatus, visibility: Visibility) =>
      db.kysely
        .insertInto("comment")
        .values({
          id,
          section_id: sectionId,
          consultation_id: consultation.id,
          author_id: idOf(authorEmail),
          parent_id: parentId,
          kind: "comment",
          body,
          replacement: null,
          anchor_start: null,
          anchor_end: null,
          quote_exact: null,
          quote_prefix: null,
          quote_suffix: null,
          position_start: null,
          position_end: null,
          base_seq: 1,
          visibility,
          status,
          suggestion_status: null,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          applied_seq: null,
          moderation_reason: status === "hidden" ? "other" : null,
          review_requested_at: null,
          publication: "name",
          redacted_of: null,
          created_at: at,
          edited_at: null,
          deleted_at: null,
        })
        .execute();
    for (const status of STATUSES) {
      for (const visibility of VISIBILITIES) await insert(rootId(status, visibility), `MARK-${status}-${visibility}`, "industry@example.org", null, status, visibility);
    }
    // Replies in each published thread, by the thread's author and by the team: they carry the thread's visibility.
    for (const visibility of VISIBILITIES) {
      for (const [by, email] of REPLIERS) await insert(`r${by}${visibility.slice(0, 4)}aaaaaaaaa`.slice(0, 16), `MARK-reply-${by}-${visibility}`, email, rootId("published", visibility), "published", visibility);
    }
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      await b.signIn(email, PASSWORD);
      return b;
    };
    // No recipient body is named, so the owners (and drafters) read confidential items; moderators do not (ADR 019).
    const member = (email: string, role: "owner" | "moderator" | null): Actor => ({ kind: "user", userId: idOf(email), siteRole: "member", role, readsConfidential: role === "owner" });
    viewers.push(
      { name: "anonymous", browser: new Browser(server.url), actor: { kind: "anonymous" } },
      { name: "participant", browser: await signedIn("civil@example.org"), actor: member("civil@example.org", null) },
      { name: "author", browser: await signedIn("industry@example.org"), actor: member("industry@example.org", null) },
      { name: "moderator", browser: await signedIn("moderator@example.org"), actor: member("moderator@example.org", "moderator") },
      { name: "owner", browser: await signedIn("owner@example.org"), actor: member("owner@example.org", "owner") },
    );
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("shows each comment's text exactly where the policy allows", async () => {
    const consultation = { status: "open" as const, opensAt: null, closesAt: null };
    for (const v of viewers) {
      const page = await (await v.browser.get(`/c/ai-guideline/s/${sectionId}`)).text();
      const api = await (await v.browser.get(`/api/v1/sections/${sectionId}/comments`)).text();
      const authorId = viewers.find((x) => x.name === "author")!.actor;
      for (const status of STATUSES) {
        for (const visibility of VISIBILITIES) {
          const mark = `MARK-${status}-${visibility}`;
          const resource = { ...consultation, comment: { status, visibility, authorId: authorId.kind === "user" ? authorId.userId : "" } };
          const mine = v.name === "author";
          // Listed per policy; the text itself is withheld for deleted items, and for hidden ones except from their author.
          const textShown = can(v.actor, "comment.view", resource) && status !== "deleted" && (status !== "hidden" || mine);
          expect(page.includes(mark), `${v.name} page, ${status}/${visibility}`).toBe(textShown);
          // The read API is public data only, whoever asks.
          expect(api.includes(mark), `${v.name} API, ${status}/${visibility}`).toBe(status === "published" && visibility === "public");
        }
      }
      const userIdOf = (name: string) => {
        const a = viewers.find((x) => x.name === name)!.actor;
        return a.kind === "user" ? a.userId : "";
      };
      for (const visibility of VISIBILITIES) {
        for (const [by] of REPLIERS) {
          const mark = `MARK-reply-${by}-${visibility}`;
          const comment = { status: "published" as const, visibility, authorId: userIdOf(by === "author" ? "author" : "owner"), threadAuthorId: userIdOf("author") };
          expect(page.includes(mark), `${v.name} page, reply by ${by} in a ${visibility} thread`).toBe(can(v.actor, "comment.view", { ...consultation, comment }));
          expect(api.includes(mark), `${v.name} API, reply by ${by} in a ${visibility} thread`).toBe(visibility === "public");
        }
      }
    }
  });
});
