// A section with a table and footnotes in Chromium (issue 19, ADR 037): a reader sees a
// real table with column headers and footnotes linked both ways (axe finds nothing
// serious), and a drafter types into a table cell in the editor, which reaches the
// section's text.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Browser as HttpClient } from "../helpers/client.js";
import { e2eAvailable, e2eEnvironment, signedInPage, watchErrors } from "../helpers/browser.js";
import { waitFor } from "../helpers/collab.js";

const PASSWORD = "demo-password-1";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const SOURCE = `# Guidance on Coffee

Tell us what you think.

## Prices

Prices are capped[^cap] for everyone.

| Drink | Price |
|-------|------:|
| Espresso | 2 |
| Matcha latte | 4[^m] |

## Rules

Serve it hot.

[^cap]: Until 2030, then reviewed.
[^m]: Including oat milk.
`;

describe.runIf(e2eAvailable())("tables and footnotes in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  /** Imports the source through the import page and opens it; the first section's path. */
  async function importAndOpen(): Promise<{ path: string; id: string }> {
    const owner = new HttpClient(e2e.server.url);
    await owner.signIn("owner@example.org", PASSWORD);
    const form = new FormData();
    form.append("file", new Blob([SOURCE]), "coffee.md");
    const res = await owner.post("/consultations/import", form);
    expect(res.status).toBe(302);
    const slug = /^\/c\/([^/]+)\/settings$/.exec(res.headers.get("location")!)![1]!;
    expect((await owner.postForm(`/c/${slug}/settings`, { intent: "phase", to: "open", confirm: "yes" })).status).toBe(302);
    const id = (await (await owner.get(`/api/v1/consultations/${slug}`)).json()).sections[0].id as string;
    return { path: `/c/${slug}/s/${id}`, id };
  }

  it("shows readers a table with column headers and footnotes linked both ways, with no serious axe violations", async () => {
    const { path } = await importAndOpen();
    // axe is injected as a script, which the site's CSP rightly refuses; this context bypasses it.
    const page = await (await e2e.browser.newContext({ bypassCSP: true })).newPage();
    const errors = watchErrors(page);
    await page.goto(`${e2e.server.url}${path}`);
    const text = page.locator('[data-testid="section-text"][data-ready]');
    await text.waitFor();
    const table = text.getByRole("table");
    await expect.poll(() => table.getByRole("columnheader").allInnerTexts()).toEqual(["Drink", "Price"]);
    expect(await table.locator("th").first().getAttribute("scope")).toBe("col");
    await table.getByRole("cell", { name: /Matcha latte/ }).waitFor();

    // Reference → note → back to the reference.
    await text.getByRole("link", { name: "Footnote 2", exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#fn-2");
    const notes = page.getByRole("region", { name: "Footnotes" });
    await notes.getByText("Including oat milk.").waitFor();
    await notes.getByRole("link", { name: "Back to the text of footnote 2" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#fnref-2");

    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(" ") }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("lets a drafter type into a table cell, and the section's text has it", async () => {
    const { path, id } = await importAndOpen();
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD);
    await page.goto(`${e2e.server.url}${path}`);
    const editor = page.getByRole("textbox", { name: /Text of/ });
    await editor.waitFor();
    const cell = editor.locator("td").filter({ hasText: "Espresso" });
    await cell.waitFor();
    // The footnote markers are there too, numbered in the editor.
    expect(await editor.locator("sup.footnote-ref").count()).toBe(2);
    await cell.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" doppio");
    const section = async () => (await (await fetch(`${e2e.server.url}/api/v1/sections/${id}`)).json()) as { text: string; html: string };
    await waitFor(async () => (await section()).text.includes("Espresso doppio"), 15_000, "the cell edit to reach the server");

    // A new footnote at the cursor (in the Espresso cell), from the toolbar: the server's HTML numbers it 2, between the imported ones.
    page.once("dialog", (d) => void d.accept("Decaf on request."));
    await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: /^Note: Footnote/ }).click();
    await expect.poll(() => editor.locator("sup.footnote-ref").count()).toBe(3);
    await waitFor(async () => /<li id="fn-2"><p>Decaf on request\./.test((await section()).html), 15_000, "the new footnote to reach the server");
    expect(errors).toEqual([]);
  });
});
