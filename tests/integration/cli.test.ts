import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { buildDocx } from "../helpers/docx.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer } from "../helpers/server.js";

// Every test here spawns the CLI, some several times: they get the CLI's budget.
describe.each(databaseKinds())("the margin CLI on %s", { timeout: CLI_TEST_TIMEOUT_MS }, (kind) => {
  let tdb: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    env = { DATABASE_URL: tdb.url };
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("migrates, and says so when there is nothing to do", async () => {
    const first = await runCli(["migrate"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Up 2026-11-26T1500-foundation");
    expect(first.stdout).toContain("Up 2026-11-26T1600-collab");
    const again = await runCli(["migrate"], env);
    expect(again.stdout).toContain("Database is up to date.");
  });

  it("adds a user who can then sign in", async () => {
    const bad = await runCli(["user", "add", "--email", "nope", "--password", "short", "--name", "X", "--role", "king"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--email");
    expect(bad.stderr).toContain("--password");
    expect(bad.stderr).toContain("--role");

    const ok = await runCli(["user", "add", "--email", "Admin@Example.org", "--password", "a long password", "--name", "Site Admin", "--role", "admin"], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("Created admin admin@example.org");

    const server = await startServer(tdb.url);
    try {
      const b = new Browser(server.url);
      expect((await b.signIn("admin@example.org", "a long password")).status).toBe(302);
      expect(await (await b.get("/account")).text()).toContain("site administrator");
    } finally {
      await server.stop();
    }
  });

  it("imports a Markdown file for an owner", async () => {
    const file = join(tmpdir(), `margin-import-${Date.now()}.md`);
    writeFileSync(file, "# Title\n\nIntro.\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n");
    const noOwner = await runCli(["import", file, "--owner", "ghost@example.org"], env);
    expect(noOwner.code).toBe(1);
    expect(noOwner.stderr).toContain("no account with email ghost@example.org");
    const ok = await runCli(["import", file, "--owner", "admin@example.org", "--slug", "cli-import"], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("/c/cli-import");
    const server = await startServer(tdb.url);
    try {
      const b = new Browser(server.url);
      await b.signIn("admin@example.org", "a long password");
      const body = await (await b.get("/api/v1/consultations/cli-import")).json();
      expect(body.sections.map((s: { title: string }) => s.title)).toEqual(["First", "Second"]);
    } finally {
      await server.stop();
    }
  });

  it("imports a Word document: Title names it, Heading 1 starts each section, formatting kept", async () => {
    const file = join(tmpdir(), `margin-${Date.now()}.docx`);
    writeFileSync(
      file,
      await buildDocx([
        { style: "Title", runs: [{ text: "Guidance on Drones" }] },
        { runs: [{ text: "Please tell us what you think." }] },
        { style: "Heading1", runs: [{ text: "1. Scope" }] },
        { runs: [{ text: "Applies to " }, { text: "all", bold: true }, { text: " operators." }] },
        { style: "Heading1", runs: [{ text: "2. Rules" }] },
        { runs: [{ text: "Fly safely & <script>alert(1)</script> within sight." }] },
      ]),
    );
    const ok = await runCli(["import", file, "--owner", "admin@example.org", "--slug", "drones-docx"], env);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toContain('Imported "Guidance on Drones" as a draft at /c/drones-docx.');
    const out = join(tmpdir(), `margin-docx-${Date.now()}.md`);
    const { createDb } = await import("../../db/client.js");
    const db = createDb(tdb.url, { poolSize: 1 });
    try {
      const c = await db.kysely.selectFrom("consultation").select(["id", "summary"]).where("slug", "=", "drones-docx").executeTakeFirstOrThrow();
      expect(c.summary).toBe("Please tell us what you think.");
      const titles = await db.kysely.selectFrom("section").select("title").where("consultation_id", "=", c.id).orderBy("position").execute();
      expect(titles.map((t) => t.title)).toEqual(["1. Scope", "2. Rules"]);
      // Open it, so the public export shows the sections' text.
      await db.kysely.updateTable("consultation").set({ status: "open" }).where("id", "=", c.id).execute();
    } finally {
      await db.close();
    }
    const md = await runCli(["export", "--slug", "drones-docx", "--format", "md", "--out", out], env);
    expect(md.code).toBe(0);
    const text = (await import("node:fs")).readFileSync(out, "utf8");
    expect(text).toContain("Applies to **all** operators.");
    // Markup in the document is text, never HTML.
    expect(text).toContain("&lt;script&gt;");

    const notWord = join(tmpdir(), `margin-${Date.now()}-fake.docx`);
    writeFileSync(notWord, "this is not a zip file");
    const bad = await runCli(["import", notWord, "--owner", "admin@example.org"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a Word document");
  });

  it("seeds the demo once and prints how to sign in", async () => {
    const first = await runCli(["seed"], { ...env, DEMO_PASSWORD: "demo-password-2" });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Seeded the demo consultation.");
    // Each demo account with what it is for (issue 17).
    expect(first.stdout).toMatch(/^ {2}owner@example\.org +owner: settings, phases and team/m);
    expect(first.stdout).toMatch(/^ {2}civil@example\.org +participant \(Civil society\)/m);
    const second = await runCli(["seed"], env);
    expect(second.stdout).toContain("exists already");
    expect(second.stdout).toMatch(/Password: [a-z2-7]{24}/);
  });

  it("exports the demo as Markdown that imports back into the same sections, and as JSON", async () => {
    const md = await runCli(["export", "--slug", "ai-guideline", "--format", "md"], env);
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith("# Draft Guideline on the Responsible Use of Artificial Intelligence in Business\n")).toBe(true);
    const file = join(tmpdir(), `margin-export-${Date.now()}.md`);
    writeFileSync(file, md.stdout);
    const imported = await runCli(["import", file, "--owner", "admin@example.org", "--slug", "re-imported"], env);
    expect(imported.code).toBe(0);
    const out = join(tmpdir(), `margin-export-${Date.now()}.json`);
    const json = await runCli(["export", "--slug", "ai-guideline", "--out", out], env);
    expect(json.stdout).toContain(`Wrote ${out}`);
    const original = JSON.parse((await import("node:fs")).readFileSync(out, "utf8"));
    expect(original.format).toBe("margin-export/1");
    expect(original.sections).toHaveLength(7);
    // The re-imported copy is a draft: export it as its owner would see it, through the database.
    const { createDb } = await import("../../db/client.js");
    const db = createDb(tdb.url, { poolSize: 1 });
    try {
      const copy = await db.kysely.selectFrom("consultation").select("id").where("slug", "=", "re-imported").executeTakeFirstOrThrow();
      const titles = await db.kysely.selectFrom("section").select("title").where("consultation_id", "=", copy.id).orderBy("position").execute();
      expect(titles.map((t) => t.title)).toEqual(original.sections.map((s: { title: string }) => s.title));
    } finally {
      await db.close();
    }
    const bad = await runCli(["export", "--slug", "ai-guideline", "--format", "pdf"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--format is one of json, md");
    const missing = await runCli(["export", "--slug", "no-such-thing"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("does not exist");
  });

  it("refuses to start, saying why, when REDIS_URL points nowhere", async () => {
    const res = await runCli(["serve", "--no-seed"], { ...env, PORT: "0", REDIS_URL: "redis://:secret@127.0.0.1:1", REDIS_CONNECT_TIMEOUT_MS: "300" });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("could not reach Redis at redis://127.0.0.1:1");
    expect(res.stderr).not.toContain("secret");
  });

  it("explains unknown commands", async () => {
    const res = await runCli(["frobnicate"], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Unknown command "frobnicate"');
    expect(res.stderr).toContain("Usage: margin");
  });
});
