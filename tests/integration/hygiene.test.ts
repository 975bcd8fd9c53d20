import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.js";
import { Browser } from "../helpers/client.js";
import { connectReplica, firstText, synced, waitFor } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

/** Text that every input must refuse: NUL, a lone surrogate, a right-to-left override. */
const BAD_TEXT: [string, string][] = [
  ["a NUL byte", "before\u0000after"],
  ["a lone surrogate", "before\uD800after"],
  ["a right-to-left override", "before\u202Eafter"],
];

/**
 * Makes every insert into `table` fail inside the database, so a test can see
 * what a crash half-way through a write would leave behind.
 */
async function failInserts(db: Db, table: string): Promise<() => Promise<void>> {
  const name = `inject_fail_${table}`;
  if (db.dialect === "sqlite") {
    await sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`).execute(db.kysely);
    return async () => void (await sql.raw(`DROP TRIGGER ${name}`).execute(db.kysely));
  }
  await sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`).execute(db.kysely);
  await sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(db.kysely);
  return async () => {
    await sql.raw(`DROP TRIGGER ${name} ON ${table}`).execute(db.kysely);
    await sql.raw(`DROP FUNCTION ${name}()`).execute(db.kysely);
  };
}

describe.each(databaseKinds())("bad input answers as bad input, and decisions are all or nothing, on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  let sections: string[];
  let token: string;

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
  const sendJson = (path: string, body: unknown, method = "POST") =>
    api(path, { method, headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url);
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    sections = (await (await api("/consultations/ai-guideline")).json()).sections.map((s: { id: string }) => s.id);
    const created = await civil.postForm("/account", { intent: "create-token", name: "Filing system" });
    token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  it("refuses bad characters in a suggested replacement and a position's rationale, through the API as on the forms", async () => {
    const id = sections[3]!;
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    const exact = text.split(/\s+/).slice(2, 5).join(" ");
    for (const [what, bad] of BAD_TEXT) {
      const suggestion = await sendJson(`/sections/${id}/comments`, { kind: "suggestion", body: "Fine words.", replacement: bad, selector: { type: "TextQuoteSelector", exact } });
      expect(suggestion.status, `replacement with ${what}`).toBe(400);
      expect((await suggestion.json()).error.code).toBe("invalid_input");
      const position = await sendJson(`/sections/${id}/positions/me`, { stance: "oppose", rationale: bad }, "PUT");
      expect(position.status, `rationale with ${what}`).toBe(400);
      // A form cannot carry a lone surrogate (the browser's encoding turns it into U+FFFD).
      if (what !== "a lone surrogate") {
        const form = await civil.postForm(`/c/ai-guideline/s/${id}`, { intent: "position", stance: "oppose", rationale: bad });
        expect(form.status, `position form with ${what}`).toBe(400);
      }
    }
    const comments = await (await api(`/sections/${id}/comments`)).json();
    expect(comments.items).toHaveLength(0);
    expect((await (await api(`/sections/${id}/positions`)).json()).total).toBe(0);
  });

  it("answers NUL bytes and broken percent-encoding in addresses with 400 or 404, never 5xx", async () => {
    const cursor = Buffer.from(JSON.stringify({ c: "2026\u0000", i: "x" })).toString("base64url");
    const paths = [
      "/api/v1/consultations/%E0%A4%A",
      "/api/v1/sections/%E0%A4%A/comments",
      "/c/%E0%A4%A",
      "/c/ai-guideline/s/%E0%A4%A",
      "/api/v1/consultations/ai%00guideline",
      "/api/v1/sections/aaaaaaaa%00aaaaaaa",
      "/c/ai%00guideline",
      `/c/ai-guideline/s/${sections[0]}%00`,
      `/api/v1/consultations?cursor=${cursor}`,
      "/api/v1/consultations?cursor=%00",
      "/c/ai-guideline/compare?from=v1%00&to=current",
    ];
    for (const path of paths) {
      const res = await fetch(server.url + path);
      expect([400, 404], `${path} answered ${res.status}`).toContain(res.status);
      if (path.startsWith("/api/")) expect(["invalid_input", "not_found"]).toContain((await res.json()).error.code);
    }
    // A NUL in a form field that has no text rules of its own (the email of a sign-in) is still just wrong input.
    const login = await new Browser(server.url).postForm("/login", { email: "a\u0000@example.org", password: "whatever-it-is" });
    expect(login.status).toBe(400);
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health.ok).toBe(true);
  });

  it("escapes version names and section titles in the Atom feed", async () => {
    const marked = "<b>Bold</b> ]]> <script>x</script>";
    expect((await owner.postForm("/c/ai-guideline/versions", { intent: "publish", name: `Second ${marked}`, note: "" })).status).toBe(302);
    const feed = await (await fetch(`${server.url}/c/ai-guideline/feed.atom`)).text();
    expect(feed).toContain("Second");
    expect(feed).not.toContain("<b>Bold</b>");
    expect(feed).not.toContain("<script>");
    // Titles are type="text": markup is escaped once, so readers show it as the words it is.
    expect(feed).toMatch(/<title type="text" xml:lang="en">Version \d+ published: Second &lt;b&gt;Bold&lt;\/b&gt; \]\]&gt; &lt;script&gt;x&lt;\/script&gt;<\/title>/);
  });

  it("cuts a quote's context on character boundaries, never inside an emoji", async () => {
    const id = sections[4]!;
    const writer = connectReplica(server.url, id, `margin_session=${owner.cookie("margin_session")}`);
    await synced(writer);
    // 31 letters then an emoji (two UTF-16 units): a 32-unit cut before "target" splits the emoji.
    const lead = `${"x".repeat(10)}😀${"y".repeat(31)}`;
    const tail = `${"z".repeat(31)}😀${"w".repeat(10)}`;
    firstText(writer.doc).insert(0, `${lead}target${tail} `);
    await waitFor(async () => ((await (await api(`/sections/${id}`)).json()).text as string).includes("target"), 10_000, "the edit to land");
    writer.destroy();
    const res = await sendJson(`/sections/${id}/comments`, { body: "On the target.", selector: { type: "TextQuoteSelector", exact: "target", prefix: "y", suffix: "z" } });
    expect(res.status).toBe(201);
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    const c = (await (await api(`/sections/${id}/comments`)).json()).items.find((x: { body: string }) => x.body === "On the target.");
    const { prefix, exact, suffix } = c.anchor.quote as { prefix: string; exact: string; suffix: string };
    expect(prefix + exact + suffix).not.toContain("\uFFFD");
    expect(text).toContain(prefix + exact + suffix);
    expect(prefix.endsWith("y".repeat(31))).toBe(true);
    expect(suffix.startsWith("z".repeat(31))).toBe(true);
  });

  it("declines a suggestion in one transaction: a failure half-way leaves it open, with no ledger entry", async () => {
    const id = sections[5]!;
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    const exact = text.split(/\s+/).slice(1, 4).join(" ");
    const s = await (await sendJson(`/sections/${id}/comments`, { kind: "suggestion", body: "Say it plainly.", replacement: "plain words", selector: { type: "TextQuoteSelector", exact } })).json();
    const ledgerBefore = (await (await api("/ledger/head")).json()).seq;

    const restore = await failInserts(db, "disposition");
    try {
      const res = await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "decline", commentId: s.id, reason: "Not needed." });
      expect(res.status).toBeGreaterThanOrEqual(500);
    } finally {
      await restore();
    }
    const listed = (await (await api(`/sections/${id}/comments`)).json()).items.find((c: { id: string }) => c.id === s.id);
    expect(listed.suggestionStatus).toBe("open");
    expect((await (await api("/ledger/head")).json()).seq).toBe(ledgerBefore);

    // With the fault gone the same decision goes through whole.
    expect((await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "decline", commentId: s.id, reason: "Not needed." })).status).toBe(302);
    const after = (await (await api(`/sections/${id}/comments`)).json()).items.find((c: { id: string }) => c.id === s.id);
    expect(after.suggestionStatus).toBe("declined");
    const entries = (await (await api(`/ledger?after=${ledgerBefore}`)).json()).items.map((e: { kind: string }) => e.kind);
    expect(entries).toEqual(["suggestion_decision", "disposition"]);
  });

  it("accepts a suggestion with its change set, decision and response together: a failure half-way leaves none of them", async () => {
    const id = sections[6] ?? sections[0]!;
    const text = (await (await api(`/sections/${id}`)).json()).text as string;
    const exact = text.split(/\s+/).slice(3, 6).join(" ");
    const s = await (await sendJson(`/sections/${id}/comments`, { kind: "suggestion", body: "Better words.", replacement: "better words here", selector: { type: "TextQuoteSelector", exact } })).json();
    const ledgerBefore = (await (await api("/ledger/head")).json()).seq;

    const restore = await failInserts(db, "disposition");
    try {
      const res = await owner.postForm(`/c/ai-guideline/s/${id}`, { intent: "accept", commentId: s.id });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const listed = (await (await api(`/sections/${id}/comments`)).json()).items.find((c: { id: string }) => c.id === s.id);
      expect(listed.suggestionStatus).toBe("open");
      expect((await (await api("/ledger/head")).json()).seq).toBe(ledgerBefore);
    } finally {
      await restore();
    }
    // The edit itself is in the log; the next fold (here: the one before a version) records it with its decision, whole.
    expect((await owner.postForm("/c/ai-guideline/versions", { intent: "publish", name: "After the fault", note: "" })).status).toBe(302);
    const listed = (await (await api(`/sections/${id}/comments`)).json()).items.find((c: { id: string }) => c.id === s.id);
    expect(listed.suggestionStatus).toBe("accepted");
    expect(listed.disposition?.outcome ?? "adopted").toBe("adopted");
    const kinds = (await (await api(`/ledger?after=${ledgerBefore}`)).json()).items.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(["change_set", "suggestion_decision", "disposition"]);
    expect(kinds).toContain("version");
    const history = await (await api(`/sections/${id}/history`)).json();
    expect(history.items[0].suggestionId).toBe(s.id);
    expect(((await (await api(`/sections/${id}`)).json()).text as string)).toContain("better words here");
  });
});
