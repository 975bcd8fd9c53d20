import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";
import { fragmentText, waitFor } from "../helpers/collab.js";
import { startServer } from "../helpers/server.js";

const PASSWORD = "demo-password-1";

/** The text the page has kept on this device: its y-indexeddb updates, replayed into a fresh Y.Doc. */
async function keptText(page: Page, section: string): Promise<string> {
  const updates = await page.evaluate(
    (name) =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("updates")) return (db.close(), resolve([]));
          const all = db.transaction("updates").objectStore("updates").getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => (db.close(), resolve(all.result.map((u: Uint8Array) => Array.from(u))));
        };
      }),
    `margin-section-${section}`,
  );
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, Uint8Array.from(u));
  return fragmentText(doc);
}

describe.runIf(e2eAvailable())("no lost work, in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  it("keeps a drafter's offline edits through closing the tab, and sends them when the page is opened again", async () => {
    const { page } = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD);
    const c = await (await fetch(`${e2e.server.url}/api/v1/consultations/ai-guideline`)).json();
    const section = c.sections[1].id as string;
    const sectionUrl = `${e2e.server.url}/c/ai-guideline/s/${section}`;
    await page.goto(sectionUrl);
    await page.getByTestId("connection-status").filter({ hasText: "Live" }).waitFor();

    // The server goes away; the drafter keeps writing, sees that the edit is kept, and closes the tab.
    const port = new URL(e2e.server.url).port;
    await e2e.server.stop();
    await page.getByTestId("connection-status").filter({ hasText: "Offline — your edits are kept on this device" }).waitFor();
    const editor = page.getByRole("textbox", { name: /Text of/ });
    await editor.click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("Written on the train. ");
    await page.locator(".ProseMirror p", { hasText: "Written on the train." }).first().waitFor();
    // y-indexeddb stores updates asynchronously: the tab goes once the device holds the edit.
    await waitFor(async () => (await keptText(page, section)).startsWith("Written on the train."), 10_000, "the edit to be kept in IndexedDB");
    await page.close();

    // Back online, on the same address: opening the section sends what was kept.
    e2e.server = await startServer(e2e.tdb.url, { SEED_DEMO: "0", DEMO_PASSWORD: PASSWORD, PORT: port });
    const again = await page.context().newPage();
    await again.goto(sectionUrl);
    await again.getByTestId("connection-status").filter({ hasText: "Live" }).waitFor();
    await waitFor(async () => ((await (await fetch(`${e2e.server.url}/api/v1/sections/${section}`)).json()).text as string).startsWith("Written on the train."), 10_000, "the kept edit to reach the server");

    // Signing out forgets the local copies.
    await again.getByRole("button", { name: "Sign out" }).click();
    await again.getByRole("status").filter({ hasText: "You are signed out." }).first().waitFor();
    const left = await again.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith("margin-section-")));
    expect(left).toEqual([]);
  });
});
