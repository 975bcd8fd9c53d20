import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";
const PASSAGE = "Public bodies are among the largest buyers of technology";

/**
 * After a post the form is empty again (text, passage, kind, confidential toggle),
 * focus is on the new item with its success message beside it, and nothing is left
 * in the box to be sent twice — with and without scripts.
 */
describe.runIf(e2eAvailable())("posting a comment, reply, suggestion or confidential submission in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  async function openSection(page: Page) {
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: /Public procurement of AI/ }).click();
  }

  async function selectPassage(page: Page) {
    await page.evaluate((words) => {
      // After the first comment the words sit in a highlight: find their text node wherever it is.
      const walker = document.createTreeWalker(document.querySelector('[data-testid="section-text"] p')!, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && !(node.textContent ?? "").includes(words)) node = walker.nextNode();
      const at = (node!.textContent ?? "").indexOf(words);
      const range = document.createRange();
      range.setStart(node!, at);
      range.setEnd(node!, at + words.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, PASSAGE);
    await page.getByText("On the selected passage").waitFor();
  }

  /** The id of the rail item (a thread or a reply) that holds the focus, and its text. */
  function focusedItem(page: Page) {
    return page.evaluate(() => {
      const el = document.activeElement?.closest("[id^='thread-'], [id^='comment-']");
      return el ? { id: el.id, text: el.textContent ?? "" } : null;
    });
  }

  async function expectFormEmpty(page: Page) {
    await page.locator("#quote-hint").filter({ hasText: "On the whole section" }).waitFor();
    expect(await page.getByLabel("Your comment").inputValue()).toBe("");
    expect(await page.getByRole("radio", { name: "Comment" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /confidential/i }).isChecked()).toBe(false);
    expect(await page.evaluate(() => window.getSelection()?.isCollapsed ?? true)).toBe(true);
    expect(await page.locator("input[name=quoteExact]").inputValue()).toBe("");
  }

  it("clears the form and focuses the new item after each kind of post, with scripts", async () => {
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, "civil@example.org", PASSWORD);
    await openSection(page);
    // A participant gets the reader view (no editor), ready once its scripts run.
    await page.locator('[data-testid="section-text"][data-ready]').waitFor();

    // A comment on a passage.
    await selectPassage(page);
    await page.getByLabel("Your comment").fill("Which public bodies are covered?");
    await page.getByRole("button", { name: "Post comment" }).click();
    const posted = page.getByRole("status").filter({ hasText: "Your comment is posted" });
    await posted.waitFor();
    await expectFormEmpty(page);
    await page.waitForFunction(() => document.activeElement?.closest("[id^='thread-']") !== null);
    const comment = await focusedItem(page);
    expect(comment?.text).toContain("Which public bodies are covered?");
    // The message sits in the new item, where the focus is, not at the top of the page.
    expect(await page.locator(`#${comment!.id}`).getByRole("status").textContent()).toContain("Your comment is posted");

    // A reply to it: the reply box is closed and empty again, the new reply focused.
    const thread = page.locator(`#${comment!.id}`);
    await thread.getByText("Reply", { exact: true }).click();
    await thread.getByLabel("Your reply").fill("For instance, local councils.");
    await thread.getByRole("button", { name: "Post reply" }).click();
    await page.getByRole("status").filter({ hasText: "Your reply is posted" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id.startsWith("comment-") === true);
    expect((await focusedItem(page))?.text).toContain("For instance, local councils.");
    expect(await thread.locator("details.reply-box").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await thread.getByLabel("Your reply").inputValue()).toBe("");

    // A suggested amendment on the passage.
    await selectPassage(page);
    await page.getByRole("radio", { name: /Suggest new wording/ }).check();
    await page.getByLabel("Proposed text").fill("Public bodies buy a great deal of technology");
    await page.getByLabel("Why this change?").fill("Plainer words.");
    await page.getByRole("button", { name: "Propose amendment" }).click();
    await page.waitForFunction(() => document.activeElement?.closest("[id^='thread-']")?.textContent?.includes("Plainer words.") === true);
    await expectFormEmpty(page);

    // A confidential submission: the text must not stay in the box.
    await page.getByLabel("Your comment").fill("Our confidential figures on procurement.");
    await page.getByRole("checkbox", { name: /confidential/i }).check();
    await page.getByRole("button", { name: "Send confidentially" }).click();
    await page.getByRole("status").filter({ hasText: "Your confidential submission is with the consultation team" }).waitFor();
    await expectFormEmpty(page);
    await page.waitForFunction(() => document.activeElement?.closest("[id^='thread-']")?.textContent?.includes("Our confidential figures") === true);

    // Posting something new right away is not refused: nothing was resent.
    await page.getByLabel("Your comment").fill("One more point on the whole section.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForFunction(() => document.activeElement?.closest("[id^='thread-']")?.textContent?.includes("One more point") === true);
    expect(await page.locator(".field__error").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("opens an author's edit box on the comment's own Markdown, and saves the change", async () => {
    const { page, errors } = await signedInPage(e2e.browser, e2e.server.url, "civil@example.org", PASSWORD);
    await openSection(page);
    await page.locator('[data-testid="section-text"][data-ready]').waitFor();
    await page.getByLabel("Your comment").fill("A **bold** remark to edit.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForFunction(() => document.activeElement?.closest("[id^='thread-']")?.textContent?.includes("remark to edit") === true);
    const thread = page.locator("[id^='thread-']").filter({ hasText: "remark to edit" });
    expect(await thread.locator("strong").filter({ hasText: "bold" }).count()).toBe(1);
    await thread.getByRole("button", { name: "Edit", exact: true }).click();
    const box = thread.getByLabel("Edit your comment");
    expect(await box.inputValue()).toBe("A **bold** remark to edit.");
    if (process.env.E2E_SCREENSHOTS) {
      await thread.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/comment-edit-box.png` });
    }
    await box.fill("A **bolder** remark to edit.");
    await thread.getByRole("button", { name: "Save" }).click();
    await thread.locator("strong").filter({ hasText: "bolder" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("clears the form and lands on the new item without scripts", async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("industry@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    await openSection(page);

    await page.getByLabel("Your comment").fill("A confidential note without scripts.");
    await page.getByRole("checkbox", { name: /confidential/i }).check();
    // Without scripts the button keeps its first label.
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("status").filter({ hasText: "Your confidential submission is with the consultation team" }).waitFor();
    expect(await page.getByLabel("Your comment").inputValue()).toBe("");
    expect(await page.getByRole("checkbox", { name: /confidential/i }).isChecked()).toBe(false);
    // The address names the new item, so the browser scrolls to it; the message is inside it.
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#thread-/);
    expect(await page.locator(hash).getByRole("status").textContent()).toContain("confidential submission");
    await context.close();
  });
});
