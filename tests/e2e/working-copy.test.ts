import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { e2eAvailable, e2eEnvironment, signedInPage, watchErrors } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";
const PASSAGE = "Public bodies are among the largest buyers of technology";

/** Issue 17, item 4 (ADR 026): the team drafts out of sight and publishes when ready. */
describe.runIf(e2eAvailable())("drafting in a working copy in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  it("keeps a drafter's typing from readers until it is published, and the comment anchored there follows", async () => {
    // A participant's comment on a passage of the public text.
    const civil = await signedInPage(e2e.browser, e2e.server.url, "civil@example.org", PASSWORD);
    await civil.page.goto(`${e2e.server.url}/c/ai-guideline`);
    await civil.page.getByRole("link", { name: /Public procurement of AI/ }).click();
    // Participants get the reader view (the public text without an editor).
    await civil.page.locator('[data-testid="section-text"][data-ready]').waitFor();
    const sectionUrl = civil.page.url();
    await civil.page.evaluate((passage) => {
      const t = document.querySelector('[data-testid="section-text"] p')!.firstChild!;
      const range = document.createRange();
      range.setStart(t, 0);
      range.setEnd(t, passage.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    }, PASSAGE);
    await civil.page.getByText("On the selected passage").waitFor();
    await civil.page.getByLabel("Your comment").fill("Which public bodies?");
    await civil.page.getByRole("button", { name: "Post comment" }).click();
    await civil.page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();

    // The owner switches the consultation to the working copy.
    const owner = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD);
    await owner.page.goto(`${e2e.server.url}/c/ai-guideline/settings`);
    await owner.page.getByRole("radio", { name: /Working copy/ }).check();
    await owner.page.getByRole("button", { name: "Save drafting mode" }).click();
    await owner.page.getByRole("status").filter({ hasText: "The drafting mode is saved" }).waitFor();
    await owner.page.goto(`${e2e.server.url}/c/ai-guideline`);
    await owner.page.getByText("Drafted in a working copy").waitFor();

    await owner.page.goto(sectionUrl);
    const bar = owner.page.getByRole("region", { name: "Working copy — not public until published" });
    await bar.waitFor();
    await owner.page.getByTestId("connection-status").filter({ hasText: "Working copy — saved as you type" }).waitFor();

    // An anonymous reader reads the public text.
    const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const reader = await context.newPage();
    const readerErrors = watchErrors(reader);
    await reader.goto(sectionUrl);
    await reader.locator('[data-testid="section-text"][data-ready]').waitFor();
    await reader.locator('[data-testid="section-text"] .anchor', { hasText: PASSAGE }).waitFor();

    await owner.page.getByRole("textbox", { name: /Text of/ }).click();
    await owner.page.keyboard.press("Control+Home");
    await owner.page.keyboard.type("In short: ");
    await owner.page.locator(".ProseMirror p", { hasText: `In short: ${PASSAGE}` }).waitFor();
    // Stored in the working copy: the bar says so (it reads the server's count).
    await bar.getByText("This section has unpublished changes.").waitFor();
    expect(await reader.getByTestId("section-text").textContent()).not.toContain("In short:");
    expect(await (await fetch(sectionUrl)).text()).not.toContain("In short:");

    await bar.getByRole("button", { name: "Publish changes" }).click();
    await bar.getByText(/Published: \d+ changes? (is|are) public now\./).waitFor();
    await bar.getByText("Everything in this section is published.").waitFor();

    // The reader sees it without reloading, and the comment's highlight kept its passage.
    await reader.locator('[data-testid="section-text"] p', { hasText: `In short: ${PASSAGE}` }).waitFor();
    expect(await reader.locator('[data-testid="section-text"] .anchor').first().textContent()).toBe(PASSAGE);
    const reloaded = await (await fetch(sectionUrl)).text();
    expect(reloaded).toContain("In short: ");
    const id = new URL(sectionUrl).pathname.split("/").pop();
    const comments = await (await fetch(`${e2e.server.url}/api/v1/sections/${id}/comments`)).json();
    const anchor = comments.items.find((c: { body: string }) => c.body === "Which public bodies?").anchor;
    expect(anchor.state).toBe("moved");
    expect(anchor.quote.exact).toBe(PASSAGE);
    expect([...civil.errors, ...owner.errors, ...readerErrors]).toEqual([]);
    await context.close();  });

  it("says a keystroke was not saved when the working copy closes under it", async () => {
    const owner = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD);
    const db = createDb(e2e.tdb.url, { poolSize: 1 });
    try {
      await db.kysely.updateTable("consultation").set({ drafting_mode: "working" }).where("slug", "=", "ai-guideline").execute();
      await owner.page.goto(`${e2e.server.url}/c/ai-guideline`);
      await owner.page.getByRole("link", { name: /Public procurement of AI/ }).click();
      await owner.page.getByTestId("connection-status").filter({ hasText: "Working copy — saved as you type" }).waitFor();
      // As if "back to live" committed while the keystroke waited for its batch.
      await db.kysely.updateTable("consultation").set({ drafting_mode: "live" }).where("slug", "=", "ai-guideline").execute();
      await owner.page.getByRole("textbox", { name: /Text of/ }).click();
      await owner.page.keyboard.press("Control+Home");
      await owner.page.keyboard.type("Too late ");
      const alert = owner.page.getByRole("alert").filter({ hasText: "Your last edit was not saved" });
      await alert.waitFor();
      if (process.env.E2E_SCREENSHOTS) {
        await alert.scrollIntoViewIfNeeded();
        await owner.page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/working-copy-closed.png` });
      }
      expect(await db.kysely.selectFrom("working_update").select("seq").execute()).toEqual([]);
      // The page re-read the access: the public document, drafted live again, no working-copy bar.
      await owner.page.getByRole("region", { name: "Working copy — not public until published" }).waitFor({ state: "detached" });
      expect(owner.errors).toEqual([]);
    } finally {
      await db.close();
    }
  });

  /**
   * The owner's page of a section drafted in a working copy, the bar shown; then the consultation is marked final
   * elsewhere and `act` runs. The page must end up showing the final text without the bar, with no error page.
   */
  async function finalWhileOpen(act: (bar: Locator) => Promise<void>) {
    const owner = await signedInPage(e2e.browser, e2e.server.url, "owner@example.org", PASSWORD);
    const db = createDb(e2e.tdb.url, { poolSize: 1 });
    try {
      await db.kysely.updateTable("consultation").set({ drafting_mode: "working", status: "open" }).where("slug", "=", "ai-guideline").execute();
      await owner.page.goto(`${e2e.server.url}/c/ai-guideline`);
      await owner.page.getByRole("link", { name: /Public procurement of AI/ }).click();
      const bar = owner.page.getByRole("region", { name: "Working copy — not public until published" });
      await bar.waitFor();
      await db.kysely.updateTable("consultation").set({ status: "final" }).where("slug", "=", "ai-guideline").execute();
      await act(bar);
      await bar.waitFor({ state: "detached" });
      await owner.page.getByText("Final: the closing version").waitFor();
      // The working copy's socket, reconnecting before the page re-read its access, is refused (404) as it should be.
      expect(owner.errors.filter((e) => !e.includes(".working' failed"))).toEqual([]);
    } finally {
      await db.kysely.updateTable("consultation").set({ status: "open", drafting_mode: "live" }).where("slug", "=", "ai-guideline").execute();
      await db.close();
    }
  }

  it("when the consultation becomes final while the bar waits, shows the section as final without the bar", async () => {
    // The bar's next look at the working copy finds none (404), and the page re-reads what the user may do.
    await finalWhileOpen(async () => undefined);
  });

  it("after a publication refused because the consultation became final, shows the section as final without the bar", async () => {
    // The refusal (409, tested in the integration test) makes the page re-read what the user may do.
    await finalWhileOpen((bar) => bar.getByRole("button", { name: "Publish changes" }).click());
  });
});
