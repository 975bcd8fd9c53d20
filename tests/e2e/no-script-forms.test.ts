import { describe, expect, it } from "vitest";
import { e2eAvailable, e2eEnvironment } from "../helpers/browser.js";

const PASSWORD = "demo-password-1";

/**
 * Forms must work in a browser that runs no scripts: they are plain HTML forms
 * that Remix enhances. Chromium sends `Origin: null` on a form POST when the
 * page's referrer policy is `no-referrer`, which the Origin check (rightly)
 * refuses, so the policy must let same-origin requests carry their origin.
 */
describe.runIf(e2eAvailable())("forms without scripts, in Chromium", () => {
  const e2e = e2eEnvironment({ SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD });

  it("signs in, follows a consultation and switches the language with scripts turned off", async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("civil@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "Signed in" }).waitFor();

    await page.goto(`${e2e.server.url}/c/ai-guideline`);
    await page.getByRole("button", { name: "Follow this consultation", exact: true }).click();
    await page.getByRole("button", { name: "Following ✓ — Unfollow this consultation", exact: true }).waitFor();

    await page.getByRole("button", { name: "日本語" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "ja");
    expect(new URL(page.url()).pathname).toBe("/c/ai-guideline");
    await context.close();
  });
});
