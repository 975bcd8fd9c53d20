import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eAvailable, launchChromium, signedInPage, watchErrors } from "../helpers/browser.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startServer, type TestServer } from "../helpers/server.js";
import { MAIL_WAIT_MS, startSmtp, type TestSmtp } from "../helpers/smtp.js";

const PASSWORD = "demo-password-1";
const CITIZEN = "hana.citizen@example.net";
const COMMENT = "Name the public bodies this section covers, so suppliers know where it applies.";

/**
 * The whole way back for a citizen, in Chromium, with a real SMTP server: sign
 * up, confirm the address from the mail, comment, and hear back when the
 * drafting team responds — in the app and by a mail whose link leads to the answer.
 */
describe.runIf(e2eAvailable())("a citizen hears back by mail, in Chromium", () => {
  let tdb: TestDatabase;
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    tdb = await createTestDatabase("sqlite");
    smtp = await startSmtp();
    server = await startServer(tdb.url, { SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, DEMO_HISTORY: "1", SMTP_URL: smtp.url, REQUIRE_VERIFIED_EMAIL: "1" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await tdb?.drop();
  });

  async function selectOpening(page: Page, words: string): Promise<void> {
    await page.evaluate((text) => {
      const p = document.querySelector('[data-testid="section-text"] p')!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, text.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, words);
  }

  it("signs up, confirms from the mail, comments, and follows the mail about the team's response to the answer", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);

    // Sign up: the consent box is required; the answer is "check your mail", whatever the address.
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Email").fill(CITIZEN);
    await page.getByLabel("Password").fill("a long citizen password");
    await page.getByLabel("Display name").fill("Hana Citizen");
    await page.getByLabel("Stakeholder group").selectOption("individual");
    await page.getByRole("checkbox", { name: /privacy notice/ }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Check your mail" }).waitFor();

    // The mail's link opens a page asking for the account's password (a mail scanner's GET spends nothing); giving it confirms and signs in.
    const welcome = await smtp.waitFor((m) => m.to.includes(CITIZEN), MAIL_WAIT_MS, "the confirmation mail");
    const confirm = welcome.links.find((l) => l.includes("/verify/"));
    expect(confirm, welcome.text).toBeTruthy();
    expect(confirm!.startsWith(server.origin)).toBe(true);
    await page.goto(confirm!);
    await page.getByLabel("Password").fill("a long citizen password");
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await page.getByRole("status").filter({ hasText: "Your address is confirmed" }).waitFor();
    if (new URL(page.url()).pathname === "/login") {
      await page.getByLabel("Email").fill(CITIZEN);
      await page.getByLabel("Password").fill("a long citizen password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    }

    // Comment on a passage.
    await page.goto(`${server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: /Public procurement of AI/ }).click();
    await page.locator('[data-testid="section-text"][data-ready], [data-testid="connection-status"]:has-text("Live")').first().waitFor();
    await selectOpening(page, "Public bodies are among the largest buyers of technology");
    await page.getByText("On the selected passage").waitFor();
    await page.getByLabel("Your comment").fill(COMMENT);
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByRole("status").filter({ hasText: "Your comment is posted" }).waitFor();
    const sectionPath = new URL(page.url()).pathname;
    const sectionId = sectionPath.split("/").pop()!;

    // The drafter responds on the latest version's report.
    const versions = (await (await fetch(`${server.url}/api/v1/sections/${sectionId}/versions`)).json()) as { items: { number: number }[] };
    const latest = Math.max(...versions.items.map((v) => v.number));
    const drafter = await signedInPage(browser, server.url, "owner@example.org", PASSWORD);
    await drafter.page.goto(`${server.url}/c/ai-guideline/v/${latest}/report`);
    const entry = drafter.page.locator("article").filter({ hasText: COMMENT });
    await entry.getByText("Respond", { exact: true }).click();
    await entry.getByLabel("Outcome").selectOption("adopted");
    await entry.getByLabel("Response").fill("Agreed: the next version lists ministries, agencies and local governments.");
    await entry.getByRole("button", { name: "Record response" }).click();
    await drafter.page.getByRole("status").first().waitFor();

    // The citizen's mail names the outcome and links to the answer in its thread.
    const news = await smtp.waitFor((m) => m.to.includes(CITIZEN) && /responded to your comment/.test(m.subject), MAIL_WAIT_MS, "the response mail");
    expect(news.text).toContain("adopted");
    expect(news.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    const answer = news.links.find((l) => l.includes("/c/ai-guideline/s/"));
    expect(answer, news.text).toBeTruthy();

    // In the app: the bell counts it; following the mail's link shows the team's answer in the thread.
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Notifications (1 unread)" }).waitFor();
    await page.goto(answer!);
    const thread = page.locator(`#${new URL(answer!).hash.slice(1)}`);
    await thread.getByText("Agreed: the next version lists ministries").waitFor();
    await thread.getByText("Adopted", { exact: false }).first().waitFor();
    expect([...errors, ...drafter.errors]).toEqual([]);
  });
});
