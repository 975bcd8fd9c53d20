import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JSONContent } from "@tiptap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDb, type Db } from "../../db/client.js";
import { docToJson } from "../../server/collab/content.js";
import { loadSectionState } from "../../server/collab/persistence.js";
import { exportConsultation } from "../../server/domain/export.js";
import { Browser } from "../helpers/client.js";
import { connectReplica, synced, waitFor, type Replica } from "../helpers/collab.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../helpers/databases.js";
import { pandocAvailable, pandocDocx, redPng } from "../helpers/pandoc.js";
import { CLI_TEST_TIMEOUT_MS, runCli, startServer, type TestServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

/** Source for pandoc: a title, a summary, two sections; a table, two footnotes, a block quote and an image in the first. */
const WORD_SOURCE = `---
title: Guidance on Tea
---

Please tell us what you think.

# Scope

The rules apply to green tea[^1] and *black* tea.

| Item | Cost |
|------|-----:|
| Matcha latte | 3 |
| Cake | 4[^2] |

> A quoted passage from the law.

![A red dot](dot.png)

# Rules

Brew it well.

[^1]: Including matcha.
[^2]: Cake is *not* tea.
`;

const MARKDOWN_SOURCE = `# Guidance on Coffee

Tell us what you think.

## Prices

Prices are capped[^cap] for everyone.

| Drink | Price |
|:------|------:|
| Espresso | 2 |
| Matcha latte | 4[^m] |

## Rules

Serve it hot[^hot].

[^cap]: Until 2030, then *reviewed*.
[^m]: Including oat milk & [syrup].
[^hot]: Above 60 °C.
`;

/** Every node of a type, in document order. */
function nodesOf(node: JSONContent, type: string, out: JSONContent[] = []): JSONContent[] {
  if (node.type === type) out.push(node);
  for (const c of node.content ?? []) nodesOf(c, type, out);
  return out;
}

const textOf = (node: JSONContent): string => (node.type === "text" ? (node.text ?? "") : (node.content ?? []).map(textOf).join(""));

/** The table as rows of cell texts, each cell marked "th:" or "td:". */
const tableCells = (table: JSONContent) => (table.content ?? []).map((row) => (row.content ?? []).map((cell) => `${cell.type === "tableHeader" ? "th" : "td"}:${textOf(cell)}`));

describe.each(databaseKinds())("imports that keep tables and footnotes on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let db: Db;
  let owner: Browser;
  let civil: Browser;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, COMMENT_LIMIT_PER_MINUTE: "1000" });
    db = createDb(tdb.url, { poolSize: 2 });
    owner = new Browser(server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    civil = new Browser(server.url);
    await civil.signIn("civil@example.org", PASSWORD);
  });
  afterAll(async () => {
    for (const r of replicas) r.destroy();
    await db?.close();
    await server?.stop();
    await tdb?.drop();
  });

  /** Uploads a file through the import page; the new consultation's slug and the page's report after the redirect. */
  async function upload(name: string, bytes: Uint8Array | string): Promise<{ slug: string; report: string }> {
    const form = new FormData();
    form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]), name);
    const res = await owner.post("/consultations/import", form);
    expect(res.status, await res.clone().text()).toBe(302);
    const location = res.headers.get("location")!;
    const slug = /^\/c\/([^/]+)\/settings$/.exec(location)![1]!;
    const report = await (await owner.get(location, { accept: "text/html" })).text();
    return { slug, report };
  }

  async function sectionsOf(slug: string): Promise<{ id: string; title: string; json: JSONContent }[]> {
    const c = await (await owner.get(`/api/v1/consultations/${slug}`)).json();
    const out = [];
    for (const s of c.sections as { id: string; title: string }[]) {
      const state = await loadSectionState(db, s.id);
      out.push({ id: s.id, title: s.title, json: docToJson(state.doc) });
      state.doc.destroy();
    }
    return out;
  }

  const open = async (slug: string) => expect((await owner.postForm(`/c/${slug}/settings`, { intent: "phase", to: "open", confirm: "yes" })).status).toBe(302);

  it.skipIf(!pandocAvailable())("imports a pandoc-made Word file with its table, footnotes in place and block quote, and reports the image it left out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "margin-pandoc-"));
    writeFileSync(join(dir, "dot.png"), redPng());
    writeFileSync(join(dir, "in.md"), WORD_SOURCE);
    pandocDocx(dir, "in.md", "tea.docx");
    const { slug, report } = await upload("tea.docx", await readFile(join(dir, "tea.docx")));
    // The report names the image by its description.
    expect(report).toContain("1 image was not imported");
    expect(report).toContain("“A red dot” (Scope)");

    const [scope, rules] = await sectionsOf(slug);
    expect([scope!.title, rules!.title]).toEqual(["Scope", "Rules"]);
    const tables = nodesOf(scope!.json, "table");
    expect(tables).toHaveLength(1);
    expect(tableCells(tables[0]!)).toEqual([
      ["th:Item", "th:Cost"],
      ["td:Matcha latte", "td:3"],
      ["td:Cake", "td:4"],
    ]);
    // Each footnote at its reference, with its text: one in the paragraph, one in a cell; none in the last section.
    const notes = nodesOf(scope!.json, "footnote").map((n) => n.attrs?.text);
    expect(notes).toEqual(["Including matcha.", "Cake is not tea."]);
    const firstParagraph = scope!.json.content![0]!;
    expect(firstParagraph.content?.[1]).toEqual({ type: "footnote", attrs: { text: "Including matcha." } });
    expect(nodesOf(tables[0]!, "footnote")).toHaveLength(1);
    expect(nodesOf(rules!.json, "footnote")).toEqual([]);
    expect(JSON.stringify(rules!.json)).not.toContain("matcha");
    expect(textOf(nodesOf(scope!.json, "blockquote")[0]!)).toBe("A quoted passage from the law.");

    // Readers see a real table and linked footnotes.
    await open(slug);
    const page = await (await civil.get(`/c/${slug}/s/${scope!.id}`)).text();
    expect(page).toContain('<th scope="col">');
    expect(page).toMatch(/<a href="#fn-2" id="fnref-2" aria-label="Footnote 2">2<\/a>/);
    expect(page).toMatch(/<li id="fn-2">Cake is not tea\. <a href="#fnref-2"/);

    // The CLI reads the same file the same way and names the image on stdout.
    const cli = await runCli(["import", join(dir, "tea.docx"), "--owner", "owner@example.org", "--slug", "tea-from-cli"], { DATABASE_URL: tdb.url });
    expect(cli.stderr).toBe("");
    expect(cli.stdout).toContain("Image “A red dot” (Scope) was not imported");
    const [cliScope] = await sectionsOf("tea-from-cli");
    expect(cliScope!.json).toEqual(scope!.json);
  }, CLI_TEST_TIMEOUT_MS);

  it("imports Markdown tables and footnotes, exports them as GFM and [^n], and the export imports back byte for byte", async () => {
    const { slug, report } = await upload("coffee.md", MARKDOWN_SOURCE);
    expect(report).not.toContain("not imported");
    const [prices, rules] = await sectionsOf(slug);
    expect(tableCells(nodesOf(prices!.json, "table")[0]!)).toEqual([
      ["th:Drink", "th:Price"],
      ["td:Espresso", "td:2"],
      ["td:Matcha latte", "td:4"],
    ]);
    expect(nodesOf(prices!.json, "footnote").map((n) => n.attrs?.text)).toEqual(["Until 2030, then reviewed.", "Including oat milk & [syrup]."]);
    expect(nodesOf(rules!.json, "footnote").map((n) => n.attrs?.text)).toEqual(["Above 60 °C."]);

    await open(slug);
    // The whole document on one page: each section's footnotes keep ids of their own.
    const whole = await (await civil.get(`/c/${slug}/document`, { accept: "text/html" })).text();
    expect(whole).toContain(`<a href="#${prices!.id}-fn-2" id="${prices!.id}-fnref-2" role="doc-noteref">2</a>`);
    expect(whole).toContain(`<li id="${rules!.id}-fn-1"><p>Above 60 °C. <a href="#${rules!.id}-fnref-1"`);
    const first = await exportConsultation(db, slug, "md");
    expect(first).toContain("| Matcha latte | 4[^2]");
    expect(first).toContain("[^1]: Until 2030, then reviewed.\n[^2]: Including oat milk \\& \\[syrup\\].");
    expect(first).toContain("Serve it hot[^3].\n\n[^3]: Above 60 °C.");
    const again = await upload("coffee-export.md", first);
    await open(again.slug);
    expect(await exportConsultation(db, again.slug, "md")).toBe(first);
  });

  it("shows a table cell edit in the diff, and a comment on a passage in a cell follows it", async () => {
    const { slug } = await upload("cells.md", MARKDOWN_SOURCE);
    await open(slug);
    const [prices] = await sectionsOf(slug);
    const id = prices!.id;
    const created = await civil.postForm("/account", { intent: "create-token", name: "Cells" });
    const token = /mgn_[a-z2-7]{16}_[a-z2-7]{24}/.exec(await created.text())![0];
    const posted = await fetch(`${server.url}/api/v1/sections/${id}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ body: "Too dear.", selector: { type: "TextQuoteSelector", exact: "latte" } }),
    });
    expect(posted.status).toBe(201);
    const commentId = (await posted.json()).id as string;
    const history = async () => (await (await owner.get(`/api/v1/sections/${id}/history?limit=100`)).json()).items as { seq: number }[];
    const startSeq = (await history())[0]?.seq ?? 0;

    const r = connectReplica(server.url, id, `margin_session=${owner.cookie("margin_session")}`);
    replicas.push(r);
    await synced(r);
    // table → second body row → first cell → paragraph → its text.
    const table = r.doc.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "table") as Y.XmlElement;
    const cellText = (((table.get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(cellText.toString()).toBe("Matcha latte");
    cellText.insert(0, "Iced ");
    await waitFor(async () => ((await history())[0]?.seq ?? 0) > startSeq, 20_000, "the cell edit folded");

    const diff = await (await owner.get(`/api/v1/sections/${id}/diff?from=${startSeq}&to=current`)).json();
    const inserts = (diff.spans as { type: string; text: string }[]).filter((s) => s.type === "insert").map((s) => s.text.trim());
    expect(inserts).toEqual(["Iced"]);

    const section = await (await fetch(`${server.url}/api/v1/sections/${id}`)).json();
    expect(section.text).toContain("Iced Matcha latte");
    const comments = (await (await fetch(`${server.url}/api/v1/sections/${id}/comments`)).json()).items as { id: string; anchor: { state: string; start: number; end: number } }[];
    const anchor = comments.find((c) => c.id === commentId)!.anchor;
    expect(anchor.state).toBe("moved");
    expect((section.text as string).slice(anchor.start, anchor.end)).toBe("latte");
  });
});
