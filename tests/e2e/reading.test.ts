import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, signedInPage, watchErrors } from "../helpers/browser.js";

// Issue 17, "Reading": pages that fit the window, a readable comments chart, wording that is true for the reader,
// a printable whole text, and a phase change confirmed by keyboard without script.
const PASSWORD = "demo-password-1";
const SLUG = "ai-guideline";

describe.runIf(e2eAvailable())("reading a consultation in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: PASSWORD, DEMO_JAPANESE: "1" });
  const sectionIds = async (): Promise<string[]> => (await (await fetch(`${e2e.server.url}/api/v1/consultations/${SLUG}`)).json()).sections.map((s: { id: string }) => s.id);

  /** Positions stated by two people on one section, so the hidden positions tables are on the pages. */
  const statePositions = async (sectionId: string) => {
    for (const [email, stance] of [["industry@example.org", "support_with_changes"], ["civil@example.org", "oppose"]] as const) {
      const { page } = await signedInPage(e2e.browser, e2e.server.url, email, PASSWORD);
      const res = await page.request.post(`${e2e.server.url}/c/${SLUG}/s/${sectionId}`, {
        headers: { Origin: e2e.server.origin },
        form: { intent: "position", stance, rationale: "" },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(302);
      await page.context().close();
    }
  };

  it("never scrolls sideways, at 1280 and 390 px, once positions are stated", async () => {
    const [, , s] = await sectionIds();
    await statePositions(s!);
    const paths = [
      "/",
      `/c/${SLUG}`,
      `/c/${SLUG}/s/${s}`,
      "/transparency",
      `/c/${SLUG}/history`,
      `/c/${SLUG}/compare?from=v1&to=v2`,
      `/c/${SLUG}/v/1/report`,
      `/c/${SLUG}/document`,
      "/c/ai-jigyosha-guideline",
    ];
    const wide: string[] = [];
    for (const width of [1280, 390]) {
      const context = await e2e.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      for (const path of paths) {
        await page.goto(`${e2e.server.url}${path}`);
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        if (scroll > inner) wide.push(`${path} at ${width}: ${scroll} px wide`);
      }
      // The positions table the overflow came from is still there for screen readers, so this can fail.
      await page.goto(`${e2e.server.url}/c/${SLUG}/s/${s}`);
      expect(await page.locator(".positions table caption").count()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(wide).toEqual([]);
  });

  it("draws comments per day as separate bars with their dates, and lists them in a table", async () => {
    const page = await (await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${e2e.server.url}/c/${SLUG}`);
    const bars = page.locator(".day-chart .bars__bar");
    expect(await bars.count()).toBeGreaterThan(0);
    const plot = (await page.locator(".day-chart .bars").boundingBox())!;
    const first = (await bars.first().boundingBox())!;
    // A day is a bar, not the whole plot: narrow, with room beside it.
    expect(first.width).toBeLessThanOrEqual(24);
    expect(first.width).toBeLessThan(plot.width / 2);
    const axis = await page.locator(".day-chart__axis").innerText();
    expect(axis).toMatch(/\d{1,2} \w+ 20\d\d/);
    // The text alternative: a table behind a summary, opened by keyboard.
    await page.getByText("Public comments per day (table)").focus();
    await page.keyboard.press("Enter");
    const rows = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Public comments" }) }).getByRole("row");
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await page.context().close();
  });

  it("offers “Mine” only to the signed in, and tells a participant what the live text is", async () => {
    const [, , s] = await sectionIds();
    const anonymous = await (await e2e.browser.newContext()).newPage();
    await anonymous.goto(`${e2e.server.url}/c/${SLUG}/s/${s}`);
    const filter = anonymous.getByLabel("Show", { exact: true });
    await filter.waitFor();
    expect(await filter.locator("option").allInnerTexts()).not.toContain("Mine");
    await anonymous.context().close();

    const { page } = await signedInPage(e2e.browser, e2e.server.url, "industry@example.org", PASSWORD);
    await page.goto(`${e2e.server.url}/c/${SLUG}/s/${s}`);
    expect(await page.getByLabel("Show", { exact: true }).locator("option").allInnerTexts()).toContain("Mine");
    // A participant reads the text without the editor: nothing claims a status it does not have ("Read-only").
    await page.locator('[data-testid="section-text"][data-ready]').waitFor();
    expect(await page.getByTestId("connection-status").count()).toBe(0);
    expect(await page.getByText(/Read-only/).count()).toBe(0);
    await page.getByTestId("text-note").filter({ hasText: "The drafting team may still edit this text" }).waitFor();
    await page.context().close();
  });

  it("prints the whole text without the site's navigation", async () => {
    const page = await (await e2e.browser.newContext()).newPage();
    await page.goto(`${e2e.server.url}/c/${SLUG}/document`);
    const headings = page.locator(".document__section h2");
    expect(await headings.count()).toBe((await sectionIds()).length);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.locator(".breadcrumbs").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    expect(await headings.first().isVisible()).toBe(true);
    await page.context().close();
  });

  it("makes a draft public only once the owner ticks the box, by keyboard and without script", async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page: Page = await context.newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("owner@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();
    const created = await page.request.post(`${e2e.server.url}/consultations/new`, {
      headers: { Origin: e2e.server.origin },
      form: { title: "A draft opened by keyboard", slug: "keyboard-draft", summary: "S.", opensAt: "", closesAt: "", moderationMode: "post" },
      maxRedirects: 0,
    });
    expect(created.status()).toBe(302);
    await page.goto(`${e2e.server.url}/c/keyboard-draft/settings`);
    const open = page.getByRole("button", { name: "Open for comment" });
    // Unticked, the browser itself refuses the form: still a draft.
    await open.focus();
    await page.keyboard.press("Enter");
    expect(await page.getByRole("checkbox", { name: /I understand that opening makes this draft/ }).evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    expect((await fetch(`${e2e.server.url}/c/keyboard-draft`)).status).toBe(404);
    await page.getByRole("checkbox", { name: /I understand that opening makes this draft/ }).focus();
    await page.keyboard.press("Space");
    await open.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: /open/i }).first().waitFor();
    expect((await fetch(`${e2e.server.url}/c/keyboard-draft`)).status).toBe(200);
    await context.close();
  });
});
