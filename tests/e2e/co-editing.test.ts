import { describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";

describe.runIf(e2eAvailable())("co-editing a section in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email, PASSWORD);

  it("shows a drafter's typing live to a reader, who loads no editor; the drafter sees the connection state", async () => {
    const drafter = await signedIn("owner@example.org");
    const reader = await signedIn("civil@example.org");
    const scripts: string[] = [];
    reader.page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    for (const { page } of [drafter, reader]) {
      await page.goto(`${e2e.server.url}/c/ai-guideline`);
      await page.getByRole("link", { name: /Sharing information about serious incidents/ }).click();
    }
    await drafter.page.getByTestId("connection-status").filter({ hasText: "Live" }).waitFor();
    await reader.page.locator('[data-testid="section-text"][data-ready]').waitFor();
    expect(await reader.page.getByRole("toolbar", { name: "Formatting" }).count()).toBe(0);
    // Nothing on the reader's page claims to be a text box it cannot type in, or status it does not have.
    expect(await reader.page.getByRole("textbox", { name: /Text of/ }).count()).toBe(0);
    expect(await reader.page.getByTestId("connection-status").count()).toBe(0);

    const editor = drafter.page.getByRole("textbox", { name: /Text of/ });
    await editor.click();
    await drafter.page.keyboard.press("Control+Home");
    const sentence = "Serious incidents must be reported within 72 hours.";
    await drafter.page.keyboard.type(`${sentence} `);
    await reader.page.getByTestId("section-text").locator("p", { hasText: sentence }).first().waitFor();
    // Formatting a selection (a bold mark armed before typing is dropped by
    // ProseMirror whenever a remote change moves the selection, which a busy
    // machine makes likely; selecting first does not depend on timing).
    await drafter.page.keyboard.press("ArrowLeft");
    await drafter.page.keyboard.press("Shift+Home");
    await drafter.page.getByRole("button", { name: "Bold" }).click();
    await reader.page.getByTestId("section-text").locator("strong", { hasText: sentence }).waitFor();

    // The reader has nothing to type in, and never fetched the editor's code.
    expect(await reader.page.locator("[contenteditable]").count()).toBe(0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((u) => u.includes("section-editor"))).toEqual([]);
    expect(await drafter.page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.includes("section-editor")))).toBe(true);

    // A reload renders the edit on the server, before any script runs.
    const html = await (await fetch(reader.page.url())).text();
    const bold = parse(html).querySelectorAll("strong").map((e) => e.text);
    expect(bold.some((t) => t.startsWith("Serious incidents must be reported within 72 hours."))).toBe(true);
    expect([...drafter.errors, ...reader.errors]).toEqual([]);
  });
});
