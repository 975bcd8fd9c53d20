import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";

describe.runIf(e2eAvailable())("moderation in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email, PASSWORD);

  async function openSection(page: Page, name: RegExp) {
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name }).click();
    // Drafters get the live editor; everyone else the reader view.
    await page.locator('[data-testid="section-text"][data-ready], [data-testid="connection-status"]:has-text("Live")').first().waitFor();
  }

  it("turns a hidden comment into its tombstone live, and shows pre-moderated comments only after approval", async () => {
    const civil = await signedIn("civil@example.org");
    const industry = await signedIn("industry@example.org");
    const moderator = await signedIn("moderator@example.org");

    await openSection(industry.page, /International standards/);
    await industry.page.getByLabel("Your comment").fill("Buy our product, best AI governance suite!");
    await industry.page.getByRole("button", { name: "Post comment" }).click();
    await industry.page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();

    await openSection(civil.page, /International standards/);
    await civil.page.getByText("Buy our product").waitFor();

    await moderator.page.goto(`${e2e.server.url}/c/ai-guideline`);
    await moderator.page.getByRole("link", { name: "Moderation queue" }).click();
    await moderator.page.getByRole("heading", { name: "Moderation queue" }).waitFor();
    // In post-moderation an item reaches the queue once someone reports it.
    await civil.page.getByRole("article", { name: "Comment by Ines Industry" }).getByText("Report", { exact: true }).click();
    await civil.page.getByLabel("What is wrong with it?").selectOption("spam");
    await civil.page.getByRole("button", { name: "Send report" }).click();
    await civil.page.getByRole("status").filter({ hasText: "The moderators will review" }).waitFor();

    await moderator.page.reload();
    await moderator.page.getByRole("checkbox", { name: /Select comment by Ines Industry/ }).check();
    await moderator.page.getByLabel("Action").selectOption("hide");
    await moderator.page.getByLabel(/^Reason/).selectOption("spam");
    await moderator.page.getByRole("button", { name: "Apply to selected" }).click();
    await moderator.page.getByRole("status").filter({ hasText: "recorded in the public moderation log" }).waitFor();

    // The reader's open page turns the comment into a tombstone without a reload.
    await civil.page.getByText("Removed by moderation. Reason: Spam.").waitFor();
    expect(await civil.page.getByText("Buy our product").count()).toBe(0);

    // Pre-moderation: a new comment appears for others only after approval.
    const owner = await signedIn("owner@example.org");
    await owner.page.goto(`${e2e.server.url}/c/ai-guideline/settings`);
    await owner.page.getByLabel(/Pre-moderation/).check();
    await owner.page.getByRole("button", { name: "Save settings" }).click();
    await owner.page.getByRole("status").filter({ hasText: "Settings saved" }).waitFor();

    await industry.page.reload();
    await industry.page.getByLabel("Your comment").fill("Please align with international standards bodies.");
    await industry.page.getByRole("button", { name: "Post comment" }).click();
    await industry.page.getByRole("status").filter({ hasText: "awaiting moderation" }).waitFor();
    await industry.page.getByText("Awaiting moderation", { exact: true }).waitFor();
    await civil.page.reload();
    await civil.page.locator('[data-testid="section-text"][data-ready]').waitFor();
    expect(await civil.page.getByText("Please align with international standards bodies.").count()).toBe(0);

    await moderator.page.reload();
    await moderator.page.getByRole("checkbox", { name: /Select comment by Ines Industry/ }).check();
    await moderator.page.getByLabel("Action").selectOption("approve");
    await moderator.page.getByRole("button", { name: "Apply to selected" }).click();
    await moderator.page.getByRole("status").filter({ hasText: "recorded" }).waitFor();
    await civil.page.getByText("Please align with international standards bodies.").waitFor();
    expect([...civil.errors, ...industry.errors, ...moderator.errors, ...owner.errors]).toEqual([]);
  });
});
