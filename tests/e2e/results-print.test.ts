import { describe, expect, it } from "vitest";
import {
  e2eAvailable,
  e2eEnvironment,
  watchErrors,
} from "../helpers/browser.js";

// Issue 18 point 5 (ADR 034): the e-Gov results page prints as it is: A4, no site navigation, the table whole.
const PASSWORD = "demo-password-1";
const JA_SLUG = "ai-jigyosha-guideline";

describe.runIf(e2eAvailable())("the e-Gov results page in Chromium", () => {
  const e2e = e2eEnvironment({
    SEED_DEMO: "1",
    DEMO_HISTORY: "1",
    DEMO_PASSWORD: PASSWORD,
    DEMO_JAPANESE: "1",
  });

  it("shows the Japanese consultation's table in Japanese, and prints it without the site's navigation", async () => {
    const context = await e2e.browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${e2e.server.url}/c/${JA_SLUG}/v/1/results`);
    const table = page.getByTestId("egov-table");
    await table.waitFor();
    await expect(
      page.getByRole("heading", { level: 1 }).textContent()
    ).resolves.toContain("意見募集の結果");
    await expect(table.locator("thead th").allTextContents()).resolves.toEqual([
      "番号",
      "該当箇所",
      "提出意見の概要",
      "件数",
      "意見に対する考え方",
      "反映",
      "修正の有無",
    ]);
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
    const header = page.locator(".site-header");
    expect(await header.isVisible()).toBe(true);

    await page.emulateMedia({ media: "print" });
    expect(await header.isVisible()).toBe(false);
    expect(await page.locator(".breadcrumbs").isVisible()).toBe(false);
    expect(
      await page.getByRole("link", { name: "CSV" }).first().isVisible()
    ).toBe(false);
    expect(await table.isVisible()).toBe(true);
    // The header row repeats on every printed page, and a row is never split across two.
    expect(
      await table
        .locator("thead")
        .evaluate((el) => getComputedStyle(el).display)
    ).toBe("table-header-group");
    expect(
      await table
        .locator("tbody tr")
        .first()
        .evaluate((el) => getComputedStyle(el).breakInside)
    ).toBe("avoid");
    // Printed as it is, the page is a PDF of A4 pages.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(errors).toEqual([]);
    await context.close();
  });
});
