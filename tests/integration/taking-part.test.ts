import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";
const MARKDOWN = "A **bold** point, with *care*:\n\n- first item\n- second item\n\nSee [the guide](https://example.org/guide).";

/** The rendered body of the comment that holds `marker`, as a page shows it. */
function bodyHtmlWith(page: string, marker: string): string | undefined {
  return [...page.matchAll(/<div class="comment-body"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => m[1]!).find((html) => html.includes(marker));
}

/** The team responds from the section's rail; positions are shown by passage (issue 17, items 8 and 9). */
describe.each(databaseKinds())("taking part on the section page, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  let industry: Browser;
  let otherTeam: Browser;
  let sectionId: string;
  let here: string;
  let commentId: string;

  const dispositionsOf = (id: string) => db.kysely.selectFrom("disposition").selectAll().where("comment_id", "=", id).orderBy("created_at").execute();

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    const signedIn = async (email: string) => {
      const b = new Browser(server.url);
      expect((await b.signIn(email, PASSWORD)).status).toBe(302);
      return b;
    };
    owner = await signedIn("owner@example.org");
    civil = await signedIn("civil@example.org");
    industry = await signedIn("industry@example.org");
    // The owner of another consultation: a team, but not this one's.
    const file = join(tmpdir(), `margin-taking-part-${Date.now().toString(36)}.md`);
    writeFileSync(file, "# Another consultation\n\nSummary.\n\n## Only part\n\nSome text.\n");
    expect((await runCli(["user", "add", "--email", "other-owner@example.org", "--password", PASSWORD, "--name", "Other Owner", "--role", "convener"], { DATABASE_URL: tdb.url })).code).toBe(0);
    expect((await runCli(["import", file, "--owner", "other-owner@example.org", "--slug", "taking-part-other"], { DATABASE_URL: tdb.url })).code).toBe(0);
    otherTeam = await signedIn("other-owner@example.org");

    const c = await (await fetch(`${server.url}/api/v1/consultations/${SLUG}`)).json();
    sectionId = c.sections[1].id;
    here = `/c/${SLUG}/s/${sectionId}`;
    expect((await civil.postForm(here, { intent: "comment", kind: "comment", body: MARKDOWN })).status).toBe(302);
    commentId = (await db.kysely.selectFrom("comment").select("id").where("body", "=", MARKDOWN).executeTakeFirstOrThrow()).id;
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("offers Respond in the rail to the team only", async () => {
    const form = `name="commentId" value="${commentId}"`;
    const ownerPage = await (await owner.get(here)).text();
    expect(ownerPage).toContain('name="intent" value="respond"');
    expect(ownerPage).toContain(form);
    for (const [who, b] of [["participant", civil], ["another participant", industry], ["anonymous", new Browser(server.url)], ["another consultation's team", otherTeam]] as const) {
      const page = await (await b.get(here)).text();
      expect(page, who).toContain("bold");
      expect(page, who).not.toContain('value="respond"');
    }
  });

  it("records the response from the rail as the report page does, with its ledger entry, keeping the links made there", async () => {
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    const change = await db.kysely.selectFrom("change_set").select("id").where("section_id", "=", sectionId).executeTakeFirstOrThrow();
    // First on the report page, linked to a change and a version.
    const report = await owner.postForm(`/c/${SLUG}/v/${version}/report`, { commentId, outcome: "noted", response: "Noted on the report.", changeSetIds: [change.id], versionNumber: String(version) });
    expect(report.status).toBe(302);
    // Then from the rail: the outcome and words change, the links stay.
    const rail = await owner.postForm(here, { intent: "respond", commentId, outcome: "adopted", response: "Adopted, from the rail." });
    expect(rail.status).toBe(302);
    expect(rail.headers.get("location")).toBe(`${here}#thread-${commentId}`);
    const rows = await dispositionsOf(commentId);
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    expect(first!.superseded_at).not.toBeNull();
    expect(second).toMatchObject({ outcome: "adopted", response: "Adopted, from the rail.", superseded_at: null, version_id: first!.version_id });
    expect(JSON.parse(second!.change_set_ids)).toEqual([change.id]);
    const entries = await db.kysely.selectFrom("ledger_entry").select(["subject_id", "payload"]).where("kind", "=", "disposition").where("subject_id", "in", [first!.id, second!.id]).orderBy("seq").execute();
    expect(entries.map((e) => e.subject_id)).toEqual([first!.id, second!.id]);
    const [a, b] = entries.map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    // The same entry as the report page writes, superseding it.
    expect(Object.keys(b!).sort()).toEqual(Object.keys(a!).sort());
    expect(b).toMatchObject({ commentId, outcome: "adopted", response: "Adopted, from the rail.", supersedes: first!.id, changeSetIds: [change.id] });
    // The author reads it in the rail, and the report shows it.
    expect(await (await civil.get(here)).text()).toContain("Adopted, from the rail.");
    expect(await (await new Browser(server.url).get(`/c/${SLUG}/v/${version}/report`)).text()).toContain("Adopted, from the rail.");
  });

  it("refuses the respond intent to a participant, anonymous and another consultation's team, recording nothing", async () => {
    const before = (await dispositionsOf(commentId)).length;
    for (const [who, b] of [["participant", civil], ["anonymous", new Browser(server.url)], ["another consultation's team", otherTeam]] as const) {
      const res = await b.postForm(here, { intent: "respond", commentId, outcome: "not_adopted", response: `By ${who}.` });
      const location = res.headers.get("location") ?? "";
      expect([302, 401, 403, 404], who).toContain(res.status);
      if (res.status === 302) expect(location, who).toContain("/login");
    }
    expect(await dispositionsOf(commentId)).toHaveLength(before);
    // An invalid one from the team is refused too: the schema checks the outcome.
    expect((await owner.postForm(here, { intent: "respond", commentId, outcome: "maybe", response: "x" })).status).toBe(400);
    expect(await dispositionsOf(commentId)).toHaveLength(before);
  });

  it("renders a comment's Markdown on the report page as the rail does", async () => {
    const version = Math.max(...(await db.kysely.selectFrom("version").select("number").execute()).map((v) => Number(v.number)));
    const rail = bodyHtmlWith(await (await new Browser(server.url).get(here)).text(), "first item");
    const report = bodyHtmlWith(await (await new Browser(server.url).get(`/c/${SLUG}/v/${version}/report`)).text(), "first item");
    expect(rail).toContain("<strong>bold</strong>");
    expect(rail).toContain("<li>first item</li>");
    expect(report).toBe(rail);
  });

  it("shows positions by passage, counting current ones only, and never a quote that is not the text", async () => {
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text;
    const passage = text.split(/\s+/).slice(0, 5).join(" ");
    const position = (b: Browser, stance: string, quote: string) => b.postForm(here, { intent: "position", stance, rationale: "", quote });
    expect((await position(civil, "support", passage)).status).toBe(302);
    // Selected with the space after it: the same passage (the space is context, not passage).
    expect((await position(industry, "oppose", `${passage} `)).status).toBe(302);
    // Changed: the earlier support no longer counts.
    expect((await position(civil, "neutral", passage)).status).toBe(302);
    // A quote typed by hand that is not in the text, or one letter of it: refused with a field error, nothing recorded.
    for (const quote of ["QUOTEMARK words nobody wrote", "e", passage.slice(1)]) {
      const refused = await position(owner, "support", quote);
      expect(refused.status).toBe(400);
      // Beside the position form (its own field), not the comment form's passage.
      expect(await refused.text()).toMatch(/<p class="field__error" id="positionQuote" tabindex="-1">Choose a passage from the text/);
    }
    expect(await db.kysely.selectFrom("position").select("id").where("user_id", "=", (await db.kysely.selectFrom("user").select("id").where("email", "=", "owner@example.org").executeTakeFirstOrThrow()).id).execute()).toEqual([]);
    // One stored before this rule (a single letter): counted for the section, never shown as a passage.
    const stored = await db.kysely.selectFrom("position").selectAll().where("section_id", "=", sectionId).where("superseded_at", "is", null).executeTakeFirstOrThrow();
    await db.kysely.insertInto("position").values({ ...stored, id: "old-one-letter", user_id: (await db.kysely.selectFrom("user").select("id").where("email", "=", "owner@example.org").executeTakeFirstOrThrow()).id, stance: "support", quote_exact: "e" }).execute();
    expect((await owner.get(here)).status).toBe(200);

    // A thread on the same passage shows the tally by its quote in the rail too.
    expect((await industry.postForm(here, { intent: "comment", kind: "comment", body: "On these words.", quoteExact: passage })).status).toBe(302);

    for (const b of [new Browser(server.url), civil, owner]) {
      const page = await (await b.get(here)).text();
      expect(page).toContain("By passage");
      expect(page).toContain(passage);
      expect(page).toContain("1 neutral, 1 oppose on this passage");
      expect(page).toContain('<p class="muted passage-tally">1 neutral, 1 oppose on this passage</p>');
      expect(page).not.toContain("support on this passage");
      expect(page).not.toContain("QUOTEMARK");
      expect(page).not.toMatch(/<q lang="[a-z]+">e<\/q>/);
    }
    // The whole section's chart still counts all three current positions.
    const counts: { counts: { stance: string; n: number }[] } = await (await fetch(`${server.url}/api/v1/sections/${sectionId}/positions`)).json();
    expect(JSON.stringify(counts)).toContain("neutral");
  });

  it("gives readers the text's passages as the page does, once per text seq for everyone, with a viewer's own unlisted ones for them alone", async () => {
    const text: string = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}`)).json()).text;
    const words = [...text.matchAll(/\S+ \S+ \S+/g)];
    const on = (i: number) => ({ quoteExact: words[i]![0], quoteStart: String(words[i]!.index) });
    expect((await industry.postForm(here, { intent: "comment", kind: "comment", body: "A public passage for readers.", ...on(3) })).status).toBe(302);
    expect((await civil.postForm(here, { intent: "comment", kind: "comment", body: "Only for the team, on a passage.", confidential: "on", ...on(6) })).status).toBe(302);
    const ids = async (body: string) => (await db.kysely.selectFrom("comment").select("id").where("body", "=", body).executeTakeFirstOrThrow()).id;
    const publicId = await ids("A public passage for readers.");
    // Confidential texts are kept encrypted: found by their author and visibility.
    const confidentialId = (await db.kysely.selectFrom("comment").innerJoin("user", "user.id", "comment.author_id").select("comment.id").where("user.email", "=", "civil@example.org").where("comment.visibility", "=", "confidential").executeTakeFirstOrThrow()).id;
    type Text = { seq: number; doc: unknown; highlights: { id: string; start: number; end: number }[] };
    const textOf = async (b: Browser): Promise<Text> => (await (await b.get(`${here}/text`)).json()) as Text;
    // The first comments anyone may see, not hidden or deleted: all that an anonymous reader's passages may be.
    const listed = async () =>
      new Set(
        (
          await db.kysely.selectFrom("comment").select("id").where("section_id", "=", sectionId).where("parent_id", "is", null).where("visibility", "=", "public").where("status", "=", "published").where("anchor_start", "is not", null).execute()
        ).map((r) => r.id),
      );

    const anonymous = new Browser(server.url);
    const first = await textOf(anonymous);
    expect(await textOf(new Browser(server.url))).toEqual(first);
    expect(await textOf(industry)).toEqual(first);
    expect(first.highlights.map((h) => h.id)).toContain(publicId);
    expect(first.highlights.map((h) => h.id)).not.toContain(confidentialId);
    const publicIds = await listed();
    expect(first.highlights.every((h) => publicIds.has(h.id))).toBe(true);
    // Its author sees their confidential passage too, as on the page; it never reaches the shared answer.
    const mine = await textOf(civil);
    expect(mine.highlights.map((h) => h.id)).toContain(confidentialId);
    expect(mine.highlights.filter((h) => h.id !== confidentialId)).toEqual(first.highlights);
    expect(mine.highlights.map((h) => h.start)).toEqual([...mine.highlights.map((h) => h.start)].sort((a, b) => a - b));
    expect((await textOf(anonymous)).highlights.map((h) => h.id)).not.toContain(confidentialId);
    // A new comment (no change of the text): the next reader sees it at once.
    expect((await industry.postForm(here, { intent: "comment", kind: "comment", body: "Another passage, later.", ...on(9) })).status).toBe(302);
    const later = await textOf(anonymous);
    expect(later.seq).toBe(first.seq);
    expect(later.highlights.map((h) => h.id)).toContain(await ids("Another passage, later."));
    // Hidden by moderation: gone from the passages at once.
    expect((await owner.postForm(`/c/${SLUG}/moderation`, { ids: publicId, action: "hide", reason: "spam", note: "" })).status).toBe(302);
    expect((await textOf(anonymous)).highlights.map((h) => h.id)).not.toContain(publicId);
  });
});
