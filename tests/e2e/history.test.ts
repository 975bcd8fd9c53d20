import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment, watchErrors } from "../helpers/browser.js";

describe.runIf(e2eAvailable())("a reader following how the guidance evolved, in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_HISTORY: "1", DEMO_PASSWORD: "demo-password-1" });

  it("opens the history, compares two versions and sees the changes highlighted with their authors", async () => {
    const page = await e2e.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("link", { name: /A risk-based approach/ }).first().click();
    await page.getByRole("link", { name: "History of this section" }).click();
    await page.getByRole("heading", { level: 1, name: "History of “3. A risk-based approach”" }).waitFor();
    // The change after opening is listed with its author; the drafting before opening is not.
    const entries = page.locator("ol.history > li");
    expect(await entries.count()).toBe(1);
    await entries.first().getByText("Dana Drafter").first().waitFor();
    expect(await page.getByText("Before opening").count()).toBe(0);

    await page.goto(`${e2e.server.url}/c/ai-guideline/versions`);
    await page.getByRole("link", { name: "Compare with version 1" }).click();
    await page.getByRole("heading", { level: 1, name: /Changes from version 1 \(Draft for comment\) to version 2 \(Revised draft\)/ }).waitFor();
    const transparency = page.getByRole("region", { name: "Changes to 4. Transparency along the AI value chain" });
    const inserted = transparency.locator("ins.diff-ins");
    expect(await inserted.count()).toBe(1);
    expect(await inserted.first().innerText()).toContain("must");
    expect(await inserted.first().getAttribute("title")).toBe("Written by Carlos Civil (Civil society)");
    const removed = transparency.locator("del.diff-del");
    expect((await removed.first().innerText()).trim()).toContain("should");
    // Highlighted, visibly: a coloured background on the insertion, a strike through the removal.
    expect(await inserted.first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    expect(await removed.first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe("line-through");
    const risk = page.getByRole("region", { name: "Changes to 3. A risk-based approach" });
    await risk.locator(".diff-who", { hasText: "Dana Drafter" }).first().waitFor();

    await page.getByRole("link", { name: "Show side by side" }).click();
    await page.getByRole("heading", { name: /^After: Version 2: Revised draft/ }).first().waitFor();
    expect(await page.getByRole("region", { name: "4. Transparency along the AI value chain, before" }).locator("del").count()).toBe(1);
    expect(await page.getByRole("region", { name: "4. Transparency along the AI value chain, after" }).locator("ins").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
