import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";

describe.runIf(e2eAvailable())("commenting on a passage in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  async function openSection(email: string, viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, email, PASSWORD, viewport);
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: /Public procurement of AI/ }).click();
    // Drafters get the live editor; everyone else the reader view.
    await page.locator('[data-testid="section-text"][data-ready], [data-testid="connection-status"]:has-text("Live")').first().waitFor();
    return { page, errors };
  }

  it("anchors a comment to the selected words, shows it live to others, and links highlight and thread", async () => {
    const owner = await openSection("owner@example.org");
    const civil = await openSection("civil@example.org", { width: 390, height: 844 });

    // Select "Public bodies are among the largest buyers of technology" in the reader's text.
    await civil.page.evaluate(() => {
      const p = document.querySelector('[data-testid="section-text"] p')!;
      const t = p.firstChild!;
      const range = document.createRange();
      range.setStart(t, 0);
      range.setEnd(t, "Public bodies are among the largest buyers of technology".length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    });
    await civil.page.getByText("On the selected passage").waitFor();
    await civil.page.getByLabel("Your comment").fill("Say which public bodies are covered.");
    await civil.page.getByRole("button", { name: "Post comment" }).click();
    await civil.page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();

    // The drafter sees the thread and the highlight without reloading.
    const thread = owner.page.getByRole("article", { name: "Comment by Carlos Civil" });
    await thread.waitFor();
    const highlight = owner.page.locator(".ProseMirror .anchor");
    await highlight.first().waitFor();
    expect(await highlight.first().textContent()).toBe("Public bodies are among the largest buyers of technology");

    // The highlight follows the words as the drafter types before them.
    await owner.page.getByRole("textbox", { name: /Text of/ }).click();
    await owner.page.keyboard.press("Control+Home");
    await owner.page.keyboard.type("In short: ");
    // The reader (no editor) gets the new text, and the highlight stays on the same words.
    await civil.page.getByTestId("section-text").locator("p").first().filter({ hasText: /^In short: Public bodies/ }).waitFor();
    expect(await civil.page.getByTestId("section-text").locator(".anchor").first().textContent()).toBe("Public bodies are among the largest buyers of technology");

    // Clicking the highlight focuses its thread; the thread's quote button goes back to the text.
    await highlight.first().click();
    await owner.page.locator(".thread--active").waitFor();
    await thread.getByRole("button", { name: /Show the passage in the text/ }).focus();
    await owner.page.keyboard.press("Enter");
    await owner.page.locator(".ProseMirror .anchor--active").waitFor();
    expect([...owner.errors, ...civil.errors]).toEqual([]);
  });
});
