// One input must never cost more than its own request: a comment that cannot be
// rendered, or an import that would take the event loop for a minute, fails on
// its own while every other reader keeps being served.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../helpers/client.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { buildDocx, buildDocxBomb, editDocumentXml } from "../helpers/docx.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";
const MiB = 1024 * 1024;

/** Runs `work` while polling /healthz back to back; returns its result and every health status seen. */
async function healthzDuring<T>(base: string, work: () => Promise<T>): Promise<{ result: T; health: number[] }> {
  let done = false;
  const health: number[] = [];
  const poll = (async () => {
    do {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      health.push(res.status);
    } while (!done);
  })();
  const result = await work().finally(() => {
    done = true;
  });
  await poll;
  return { result, health };
}

describe.each(databaseKinds())("hostile input on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let owner: Browser;
  let civil: Browser;
  let token: string;
  let sectionId: string;

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, init);
  const consultationCount = async () => (await (await owner.get("/api/v1/consultations")).json()).items.length as number;
  const upload = (name: string, bytes: Uint8Array | string) => {
    const form = new FormData();
    form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]), name);
    return owner.post("/consultations/import", form);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
    sectionId = (await (await api("/consultations/ai-guideline")).json()).sections[1].id;
    const created = await civil.postForm("/account", { intent: "create-token", name: "Filing system" });
    token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.drop();
  });

  it("shows a comment of 2,000 nested quotes as text, and the section page and the comment list keep working", async () => {
    const viaApi = `${">".repeat(2000)} posted through the API`;
    const posted = await api(`/sections/${sectionId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: viaApi }),
    });
    expect(posted.status).toBe(201);
    const viaPage = `${"> ".repeat(2000)}posted from the page`;
    const fromPage = await civil.postForm(`/c/ai-guideline/s/${sectionId}`, { intent: "comment", kind: "comment", body: viaPage });
    expect(fromPage.status).toBe(302);
    // A well-behaved comment next to them still renders as Markdown.
    const plain = await api(`/sections/${sectionId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: "A *well-behaved* neighbour." }),
    });
    expect(plain.status).toBe(201);

    const list = await api(`/sections/${sectionId}/comments`);
    expect(list.status).toBe(200);
    const bodies = (await list.json()).items.map((c: { body: string }) => c.body);
    expect(bodies).toEqual(expect.arrayContaining([viaApi, viaPage, "A *well-behaved* neighbour."]));

    for (const reader of [new Browser(server.url), civil]) {
      const page = await reader.get(`/c/ai-guideline/s/${sectionId}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("posted through the API");
      expect(html).toContain("posted from the page");
      expect(html).toContain("<em>well-behaved</em>");
    }
  });

  it("refuses a Word file that unpacks to 45 MiB behind small declared sizes, creates nothing, and /healthz keeps answering", async () => {
    const bomb = await buildDocxBomb(45 * MiB);
    expect(bomb.length).toBeLessThan(1 * MiB);
    const before = await consultationCount();
    const { result, health } = await healthzDuring(server.url, async () => {
      const res = await upload("report.docx", bomb);
      return { status: res.status, html: await res.text() };
    });
    expect([413, 422]).toContain(result.status);
    expect(result.html).toMatch(/too large once unpacked/);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    expect(await consultationCount()).toBe(before);
  });

  it("refuses 4 MiB of nested quotes in Markdown with a clear message, creates nothing, and /healthz keeps answering", async () => {
    const before = await consultationCount();
    const { result, health } = await healthzDuring(server.url, async () => {
      const res = await upload("quotes.md", `# Deep\n\n${">".repeat(4 * MiB)}\n`);
      return { status: res.status, html: await res.text() };
    });
    expect(result.status).toBe(422);
    expect(result.html).toMatch(/nests quotes or lists more than \d+ levels deep/);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    expect(await consultationCount()).toBe(before);
  });

  it("refuses imported titles and summaries that break the text rules, naming the problem", async () => {
    const before = await consultationCount();
    const cases: [string, string | Uint8Array, RegExp][] = [
      ["nul.md", "# Bad\u0000title\n\n## One\n\nText.\n", /title .*contains control characters/i],
      ["rtl.md", "# Title\n\n## Invoice\u202Etxt.exe\n\nText.\n", /section 1 .*contains text-direction override characters/i],
      ["marks.md", `# Title\n\nA summary with a flood e${"\u0301".repeat(12)} of marks.\n\n## One\n\nText.\n`, /summary .*contains too many combining marks/i],
      [
        // UTF-8 cannot carry a lone surrogate, but Word's XML can, as a character reference.
        "surrogate.docx",
        await editDocumentXml(
          await buildDocx([{ style: "Title", runs: [{ text: "Title" }] }, { runs: [{ text: "Summary LONE here." }] }, { style: "Heading1", runs: [{ text: "One" }] }, { runs: [{ text: "Body." }] }]),
          (xml) => xml.replace("LONE", "&#xD800;"),
        ),
        /summary .*contains invalid characters/i,
      ],
      [
        "nul.docx",
        await editDocumentXml(
          await buildDocx([{ style: "Title", runs: [{ text: "Title" }] }, { style: "Heading1", runs: [{ text: "One NUL" }] }, { runs: [{ text: "Body." }] }]),
          (xml) => xml.replace("NUL", "&#x0;"),
        ),
        /section 1 .*contains control characters/i,
      ],
      [
        "rtl.docx",
        await buildDocx([{ style: "Title", runs: [{ text: "Word \u202Etitle" }] }, { style: "Heading1", runs: [{ text: "One" }] }, { runs: [{ text: "Body." }] }]),
        /title .*contains text-direction override characters/i,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const res = await upload(name, bytes);
      expect(res.status, name).toBe(422);
      expect(decodeEntities(await res.text()), name).toMatch(message);
    }
    expect(await consultationCount()).toBe(before);
  });

  it("refuses the same inputs from `margin import`, with a message and exit code 1", async () => {
    const docx = join(tmpdir(), `margin-bomb-${Date.now()}.docx`);
    writeFileSync(docx, await buildDocxBomb(45 * MiB));
    const md = join(tmpdir(), `margin-quotes-${Date.now()}.md`);
    writeFileSync(md, `# Deep\n\n${">".repeat(4 * MiB)}\n`);
    const before = await consultationCount();
    for (const [file, message] of [
      [docx, /too large once unpacked/],
      [md, /nests quotes or lists more than \d+ levels deep/],
    ] as const) {
      const run = await runCli(["import", file, "--owner", "owner@example.org"], { DATABASE_URL: tdb.url });
      expect(run.code, file).toBe(1);
      expect(run.stderr, file).toMatch(message);
    }
    expect(await consultationCount()).toBe(before);
  }, CLI_TEST_TIMEOUT_MS);

  it("stops an import at the worker's time and memory limits, with a message and nothing written", async () => {
    const md = join(tmpdir(), `margin-big-${Date.now()}.md`);
    writeFileSync(md, `# Big\n\n${"## Part\n\nAn ordinary paragraph of words, nothing hostile in it at all.\n\n".repeat(40_000)}`);
    const before = await consultationCount();
    const slow = await runCli(["import", md, "--owner", "owner@example.org"], { DATABASE_URL: tdb.url, IMPORT_TIMEOUT_MS: "100" });
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(/took longer than 0\.1 seconds, so it was stopped/);
    const hungry = await runCli(["import", md, "--owner", "owner@example.org"], { DATABASE_URL: tdb.url, IMPORT_HEAP_MB: "32" });
    expect(hungry.code).toBe(1);
    expect(hungry.stderr).toMatch(/needed more than 32 MiB of memory, so it was stopped/);
    expect(await consultationCount()).toBe(before);
  }, CLI_TEST_TIMEOUT_MS);
});

function decodeEntities(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
